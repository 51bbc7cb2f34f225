//! The stored-layout check every contract's `state.rs` tests run: a stored struct, fully
//! populated, serializes to exactly its golden JSON, reads back from it, and repeats no key in
//! any object. A duplicate `rename` letter compiles and would make two fields share one key in
//! state; a changed letter makes stored records unreadable.

use std::any::type_name;
use std::collections::BTreeSet;
use std::fmt;

use cosmwasm_std::{from_json, to_json_string};
use serde::de::{self, DeserializeOwned, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};

/// Deserializes any JSON document, failing on an object that repeats a key (at any depth).
struct NoDuplicateKeys;

impl<'de> Deserialize<'de> for NoDuplicateKeys {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(NoDuplicateKeys)
    }
}

impl<'de> Visitor<'de> for NoDuplicateKeys {
    type Value = NoDuplicateKeys;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, _: bool) -> Result<Self, E> {
        Ok(self)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Self, E> {
        Ok(self)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Self, E> {
        Ok(self)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Self, E> {
        Ok(self)
    }
    fn visit_str<E>(self, _: &str) -> Result<Self, E> {
        Ok(self)
    }
    fn visit_unit<E>(self) -> Result<Self, E> {
        Ok(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self, A::Error> {
        while seq.next_element::<NoDuplicateKeys>()?.is_some() {}
        Ok(self)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self, A::Error> {
        let mut seen = BTreeSet::new();
        while let Some(key) = map.next_key::<String>()? {
            if !seen.insert(key.clone()) {
                return Err(de::Error::custom(format!("duplicate key {key:?}")));
            }
            map.next_value::<NoDuplicateKeys>()?;
        }
        Ok(self)
    }
}

/// `Err` naming the key when any object of `json` repeats a key.
pub fn duplicate_keys(json: &str) -> Result<(), String> {
    from_json::<NoDuplicateKeys>(json).map(|_| ()).map_err(|e| e.to_string())
}

/// The one check, for every stored struct: no key repeated, the golden layout, read back.
pub fn check<T: Serialize + DeserializeOwned + PartialEq + fmt::Debug>(value: &T, golden: &str) {
    let name = type_name::<T>();
    let json = to_json_string(value).unwrap();
    duplicate_keys(&json).unwrap_or_else(|e| panic!("{name}: {e} in {json}"));
    assert_eq!(json, golden, "{name}: the stored layout changed");
    assert_eq!(&from_json::<T>(golden).unwrap(), value, "{name}: the golden does not read back");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_repeated_key_is_caught_at_any_depth() {
        assert!(duplicate_keys(r#"{"a":1,"a":2}"#).is_err());
        assert!(duplicate_keys(r#"{"a":{"b":1,"b":2}}"#).is_err());
        assert!(duplicate_keys(r#"{"a":[{"b":1,"b":[]}]}"#).is_err());
        assert!(duplicate_keys(r#"{"a":[{"b":1},{"b":2}],"b":[1]}"#).is_ok());
    }

    #[test]
    fn a_duplicate_rename_compiles_and_is_caught() {
        #[derive(Serialize)]
        struct Dup {
            #[serde(rename = "a")]
            x: u8,
            #[serde(rename = "a")]
            y: u8,
        }
        let json = to_json_string(&Dup { x: 1, y: 2 }).unwrap();
        let e = duplicate_keys(&json).unwrap_err();
        assert!(e.contains("duplicate key \"a\""), "{e}");
    }
}
