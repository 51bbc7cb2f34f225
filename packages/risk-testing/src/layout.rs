//! The golden-layout check of the contracts' `state.rs` tests: a stored struct, fully
//! populated, must serialize to exactly its golden JSON (the bytes already in storage) and read
//! back from it.

use cosmwasm_std::{from_json, to_json_string};
use serde::{de::DeserializeOwned, Serialize};
use std::fmt::Debug;

/// Panics unless `value` serializes to exactly `golden` and `golden` deserializes to `value`.
pub fn check<T: Serialize + DeserializeOwned + PartialEq + Debug>(value: &T, golden: &str) {
    assert_eq!(to_json_string(value).unwrap(), golden, "{}: the stored layout changed", std::any::type_name::<T>());
    assert_eq!(&from_json::<T>(golden).unwrap(), value);
}
