//! The bytes of a contract message as the transactions carry them.
//!
//! Gas depends on the length of a transaction (10 gas per byte of the tx, and the contract reads
//! its message from a KV-priced buffer), so the committed gas baseline holds for one spelling of
//! each message. That spelling is the one the baseline was measured with: keys and values as
//! the typed messages give them, `null` fields left out (an absent `Option` is the same message
//! to the contract), `", "` between items and `": "` after keys (Python's `json.dumps`, which
//! wrote the messages before this driver). Changing it moves every figure by a few hundred gas:
//! do that deliberately, with a new baseline.

use anyhow::Result;
use serde::Serialize;
use serde_json::Value;
use std::io;

/// `", "` and `": "` separators, no newlines.
struct Spaced;

impl serde_json::ser::Formatter for Spaced {
    fn begin_array_value<W: ?Sized + io::Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        if first {
            Ok(())
        } else {
            w.write_all(b", ")
        }
    }

    fn begin_object_key<W: ?Sized + io::Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        if first {
            Ok(())
        } else {
            w.write_all(b", ")
        }
    }

    fn begin_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }
}

/// `v` without the object fields whose value is `null` (at every depth).
pub fn strip_nulls(v: Value) -> Value {
    match v {
        Value::Object(m) => {
            Value::Object(m.into_iter().filter(|(_, x)| !x.is_null()).map(|(k, x)| (k, strip_nulls(x))).collect())
        }
        Value::Array(a) => Value::Array(a.into_iter().map(strip_nulls).collect()),
        other => other,
    }
}

/// The message as sent: see the module doc.
pub fn to_wire<T: Serialize>(msg: &T) -> Result<String> {
    let v = strip_nulls(serde_json::to_value(msg)?);
    let mut out = Vec::new();
    v.serialize(&mut serde_json::Serializer::with_formatter(&mut out, Spaced))?;
    Ok(String::from_utf8(out)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use cosmwasm_std::Int128;
    use risk_pool::{oracle, vault, Amount};

    #[test]
    fn the_spelling_of_the_baseline() {
        // What Python's json.dumps wrote for the same messages (the bytes the baseline measured).
        assert_eq!(to_wire(&vault::ExecuteMsg::Deposit { recipient: None }).unwrap(), r#"{"deposit": {}}"#);
        let exposures = vec![
            oracle::Exposure { market: "BTC-PERP".into(), notional: Int128::new(1_000_000_000).into(), option: None },
            oracle::Exposure { market: "M00".into(), notional: Int128::new(1_001_000_000).into(), option: None },
        ];
        assert_eq!(
            to_wire(&vault::ExecuteMsg::ReportExposure { exposures }).unwrap(),
            r#"{"report_exposure": {"exposures": [{"market": "BTC-PERP", "notional": "1000000000"}, {"market": "M00", "notional": "1001000000"}]}}"#
        );
        let claim = vault::ExecuteMsg::ClaimLoss { amount: Amount::new(7), recipient: "inj1t".into(), memo: None };
        assert_eq!(to_wire(&claim).unwrap(), r#"{"claim_loss": {"amount": "7", "recipient": "inj1t"}}"#);
    }

    #[test]
    fn nulls_go_at_every_depth_and_nothing_else() {
        let v = serde_json::json!({"a": null, "b": [{"c": null, "d": 0}], "e": {"f": false, "g": ""}});
        assert_eq!(strip_nulls(v), serde_json::json!({"b": [{"d": 0}], "e": {"f": false, "g": ""}}));
    }
}
