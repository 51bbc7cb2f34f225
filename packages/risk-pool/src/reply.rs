//! A narrow `reply` entry point, for a contract whose submessages reply on error only (the vault's
//! payouts, the DAO's batch).
//!
//! cosmwasm-std's `#[entry_point]` on `reply` deserializes the whole [`Reply`]: events with their
//! attributes, message responses, data — 12 KB of wasm in the DAO (issue 15) for a reply that
//! reads three fields. [`reply_entry_point!`] exports `reply` over [`ErrorReply`] instead,
//! through cosmwasm-std's `do_sudo` (the same ABI: env and one message in, a
//! `ContractResult<Response>` out; the only difference from `do_reply` is that the message type
//! is the caller's). Native code and tests keep the `Reply` signature and convert with
//! [`ErrorReply::from`]; the tests below check that both readings of the same JSON agree.

use cosmwasm_std::{Binary, Reply, SubMsgResult};
use serde::de::IgnoredAny;
use serde::Deserialize;

/// The fields of a [`Reply`] a reply-on-error handler reads. Unknown fields (`gas_used`, and any
/// later addition) are skipped.
#[derive(Deserialize, Clone, Debug, PartialEq)]
pub struct ErrorReply {
    /// The submessage's id.
    pub id: u64,
    /// The payload set on the submessage (empty when none, or from a chain before it existed).
    #[serde(default)]
    pub payload: Binary,
    /// How the submessage ended.
    pub result: Outcome,
}

/// A submessage's result, read as far as a reply-on-error handler needs.
#[derive(Deserialize, Clone, Debug, PartialEq)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// It succeeded (its events and data are not read).
    Ok(IgnoredAny),
    /// It failed, with the chain's error string.
    Error(String),
}

impl ErrorReply {
    /// The error string, if the submessage failed.
    pub fn error(&self) -> Option<&str> {
        match &self.result {
            Outcome::Ok(_) => None,
            Outcome::Error(e) => Some(e),
        }
    }
}

impl From<Reply> for ErrorReply {
    fn from(r: Reply) -> ErrorReply {
        let result = match r.result {
            SubMsgResult::Ok(_) => Outcome::Ok(IgnoredAny),
            SubMsgResult::Err(e) => Outcome::Error(e),
        };
        ErrorReply { id: r.id, payload: r.payload, result }
    }
}

/// Exports the wasm `reply` entry point over `$handler: fn(DepsMut, Env, ErrorReply) ->
/// Result<Response, E>` (wasm32 builds without the `library` feature, as `#[entry_point]` does).
#[macro_export]
macro_rules! reply_entry_point {
    ($handler:path) => {
        #[cfg(all(target_arch = "wasm32", not(feature = "library")))]
        mod __wasm_export_reply {
            #[no_mangle]
            extern "C" fn reply(env_ptr: u32, msg_ptr: u32) -> u32 {
                ::cosmwasm_std::do_sudo(&$handler, env_ptr, msg_ptr)
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use cosmwasm_std::{from_json, to_json_vec, Attribute, Event, MsgResponse, SubMsgResponse};

    #[allow(deprecated)]
    fn replies() -> Vec<Reply> {
        let ok = SubMsgResponse {
            events: vec![Event::new("wasm").add_attributes(vec![Attribute::new("a", "b")])],
            data: Some(Binary::from(b"data".to_vec())),
            msg_responses: vec![MsgResponse { type_url: "/x".into(), value: Binary::from(b"v".to_vec()) }],
        };
        vec![
            Reply {
                id: 7,
                payload: Binary::from(b"{\"p\":1}".to_vec()),
                gas_used: 99,
                result: SubMsgResult::Err("refused: \"x\"".into()),
            },
            Reply { id: 0, payload: Binary::default(), gas_used: 0, result: SubMsgResult::Err(String::new()) },
            Reply { id: u64::MAX, payload: Binary::from(vec![0, 255]), gas_used: 1, result: SubMsgResult::Ok(ok) },
        ]
    }

    /// The JSON wasmd sends (cosmwasm-std's own serialization of `Reply`) reads into the same
    /// `ErrorReply` as the conversion of the typed `Reply`.
    #[test]
    fn narrow_reading_equals_the_conversion() {
        for r in replies() {
            let json = to_json_vec(&r).unwrap();
            let narrow: ErrorReply = from_json(&json).unwrap();
            assert_eq!(narrow, ErrorReply::from(r.clone()), "{}", String::from_utf8_lossy(&json));
            assert_eq!(
                narrow.error(),
                match &r.result {
                    SubMsgResult::Err(e) => Some(e.as_str()),
                    _ => None,
                }
            );
        }
    }

    /// A reply without `payload` (wasmvm before 2.0 sent none) reads with an empty one; one
    /// without `id` or `result` is refused.
    #[test]
    fn payload_is_optional_id_and_result_are_not() {
        let r: ErrorReply = from_json(br#"{"id":3,"result":{"error":"e"}}"#).unwrap();
        assert_eq!((r.id, &r.payload, r.error()), (3, &Binary::default(), Some("e")));
        assert!(from_json::<ErrorReply>(br#"{"result":{"error":"e"}}"#).is_err());
        assert!(from_json::<ErrorReply>(br#"{"id":3}"#).is_err());
        assert!(from_json::<ErrorReply>(br#"{"id":3,"result":{"nope":1}}"#).is_err());
    }
}
