//! Red team of c97b7c8 (issue 15 size): the narrow `ErrorReply` against cosmwasm-std's `Reply`
//! on the JSON shapes a chain could send, and the own semver parser against the `semver` crate
//! over every short string of a version-ish alphabet.

use cosmwasm_std::{from_json, Reply};
use risk_pool::migrate::Semver;
use risk_pool::reply::{ErrorReply, Outcome};

/// Both readings of one JSON: `Some` when it deserializes.
fn both(json: &str) -> (Option<ErrorReply>, Option<Reply>) {
    (from_json::<ErrorReply>(json.as_bytes()).ok(), from_json::<Reply>(json.as_bytes()).ok())
}

/// Shapes wasmvm 2.1 (Go `encoding/json`, `omitempty` on payload / ok / error / data) or an
/// older/newer chain could produce: each must read the same way through both types.
#[test]
fn error_reply_reads_every_chain_shape_as_reply_does() {
    let shapes = [
        // wasmvm 2.1, error, payload omitted when empty, gas_used first.
        r#"{"gas_used":77,"id":1,"result":{"error":"codespace: wasm, code: 5"}}"#,
        r#"{"gas_used":77,"id":1,"result":{"error":"codespace: bank, code: 5"},"payload":"eyJhIjoxfQ=="}"#,
        // field order reversed, whitespace, unknown field (a later chain), escapes in the error.
        " { \"result\" : { \"error\" : \"a\\\"b\\u0000\\n}\" } , \"payload\":\"\", \"extra\":{\"x\":[1,{}]}, \"id\": 18446744073709551615 } ",
        // success, with and without the deprecated data, msg_responses omitted (wasmvm 1.x).
        r#"{"id":2,"result":{"ok":{"events":[{"type":"wasm","attributes":[{"key":"k","value":"}\"]"}]}],"data":null}}}"#,
        r#"{"id":2,"gas_used":0,"result":{"ok":{"events":[],"data":"ZA==","msg_responses":[{"type_url":"/x","value":"dg=="}]}}}"#,
        // both keys, neither key, empty error (Go omits an empty `error`), null payload.
        r#"{"id":3,"result":{"ok":{"events":[],"data":null},"error":"e"}}"#,
        r#"{"id":3,"result":{"error":"e","ok":{"events":[],"data":null}}}"#,
        r#"{"id":3,"result":{}}"#,
        r#"{"id":3,"result":{"error":""}}"#,
        r#"{"id":3,"payload":null,"result":{"error":"e"}}"#,
        // duplicate id / result (not from Go, but the readings must still agree).
        r#"{"id":3,"id":4,"result":{"error":"e"}}"#,
        r#"{"id":3,"result":{"error":"a"},"result":{"error":"b"}}"#,
        // id as a string / negative / above u64 (never from Go).
        r#"{"id":"3","result":{"error":"e"}}"#,
        r#"{"id":-1,"result":{"error":"e"}}"#,
        r#"{"id":18446744073709551616,"result":{"error":"e"}}"#,
        // result as a bare string (unit variant spelling).
        r#"{"id":3,"result":"error"}"#,
    ];
    for json in shapes {
        match both(json) {
            (Some(n), Some(r)) => assert_eq!(n, ErrorReply::from(r), "{json}"),
            (None, None) => {}
            (n, r) => panic!("readings differ on {json}: narrow {n:?}, Reply {r:?}"),
        }
    }
}

/// Where the readings differ: content the narrow type never reads (`gas_used`, the `ok` body).
/// wasmd never sends these (Go writes `gas_used` as a uint64 and `ok` as a SubMsgResponse) and the
/// vault's and DAO's submessages reply on error only, so no success body reaches them; the narrow
/// reading only accepts more, never reads an accepted reply differently.
#[test]
fn the_only_divergences_are_fields_the_narrow_reply_skips() {
    for json in [
        r#"{"id":1,"gas_used":"x","result":{"error":"e"}}"#,
        r#"{"id":1,"gas_used":-5,"result":{"error":"e"}}"#,
        r#"{"id":1,"gas_used":1,"gas_used":2,"result":{"error":"e"}}"#,
        r#"{"id":1,"result":{"ok":"anything"}}"#,
        r#"{"id":1,"result":{"ok":{"events":"x"}}}"#,
    ] {
        let (n, r) = both(json);
        assert!(r.is_none(), "{json}");
        let n = n.unwrap_or_else(|| panic!("{json}"));
        // An error stays an error with its string; an ok stays an ok.
        assert_eq!(n.error().is_some(), json.contains("\"error\""), "{json}");
        if n.error().is_none() {
            assert!(matches!(n.result, Outcome::Ok(_)));
        }
    }
}

/// Every string of up to 5 characters over `0 1 9 . - + a Z` (and a few with space / unicode /
/// long numbers): our parser accepts exactly what the `semver` crate accepts.
#[test]
fn parser_agrees_with_semver_crate_exhaustively() {
    let alphabet = [b'0', b'1', b'9', b'.', b'-', b'+', b'a', b'Z'];
    let mut buf = Vec::new();
    let mut checked = 0u64;
    fn rec(buf: &mut Vec<u8>, alphabet: &[u8], left: usize, checked: &mut u64) {
        let s = std::str::from_utf8(buf).unwrap();
        let ours = Semver::parse(s).is_ok();
        let theirs = semver::Version::parse(s).is_ok();
        assert_eq!(ours, theirs, "{s:?}");
        *checked += 1;
        if left == 0 {
            return;
        }
        for &c in alphabet {
            buf.push(c);
            rec(buf, alphabet, left - 1, checked);
            buf.pop();
        }
    }
    // Prefixed by "1.0.0" too, so that the pre-release / build part gets 5 characters (the red
    // team ran 7 and 6 in release: 2.4M strings, no difference).
    rec(&mut buf, &alphabet, 5, &mut checked);
    buf.extend_from_slice(b"1.0.0");
    rec(&mut buf, &alphabet, 5, &mut checked);
    let extra = [
        " 1.0.0",
        "1.0.0 ",
        "1.0.0\n",
        "1.0.0-a b",
        "1.0.0-\u{0430}",
        "1.0.0+\u{00e9}",
        "\u{0661}.0.0",
        "v1.0.0",
        "1.0.0-a..b",
        "1.0.0+a..b",
        "1.0.0-.a",
        "1.0.0-a.",
        "1.0.0+.a",
        "1.0.0+a.",
        "1.0.0-+",
        "1.0.0+-",
        "1.0.0--",
        "1.0.0-0-",
        "1.0.0-00",
        "1.0.0-01a",
        "1.0.0+01",
        "1.0.0-a+b+c",
        "1.0.0-a+b-c",
        "1.0.0+b-c-d",
        "18446744073709551615.18446744073709551615.18446744073709551615",
        "18446744073709551616.0.0",
        "0.0.18446744073709551616",
        "1.0.0-99999999999999999999999999",
        "1.0.0-099999999999999999999",
        "1.0",
        "1",
        "1.0.0.0",
        "1..0",
        ".1.0.0",
        "1.0.0_a",
        "1.0.0-a_b",
        "1.0.0-\0",
        "",
    ];
    for s in extra {
        assert_eq!(Semver::parse(s).is_ok(), semver::Version::parse(s).is_ok(), "{s:?}");
        checked += 1;
    }
    assert!(checked > 74_000, "{checked}");
}

/// Every pair of valid versions among 1.0.0-… with a short pre-release (and a few cores), plus
/// build metadata (ignored by ours): the order is the crate's with build metadata dropped.
#[test]
fn order_agrees_with_semver_crate_on_all_pairs() {
    let ids = ["0", "1", "2", "10", "11", "a", "A", "Z", "-", "a-", "0a", "99", "100"];
    let mut vs: Vec<String> = Vec::new();
    for core in ["0.9.9", "1.0.0", "1.0.1", "1.1.0", "2.0.0", "10.0.0"] {
        vs.push(core.to_string());
        for a in ids {
            vs.push(format!("{core}-{a}"));
            for b in ids {
                vs.push(format!("{core}-{a}.{b}"));
            }
        }
    }
    vs.push("1.0.0-a.b.c".into());
    vs.push("1.0.0-a.b.c.d".into());
    let parsed: Vec<_> = vs.iter().map(|v| (Semver::parse(v).unwrap(), semver::Version::parse(v).unwrap())).collect();
    for (i, (oa, ra)) in parsed.iter().enumerate() {
        for (ob, rb) in &parsed[i..] {
            assert_eq!(oa.cmp(ob), ra.cmp(rb), "{:?} vs {:?}", ra.to_string(), rb.to_string());
        }
    }
    // Build metadata: equal to ours, ordered by the crate (the one documented difference).
    assert_eq!(Semver::parse("1.0.0+b").unwrap(), Semver::parse("1.0.0+a").unwrap());
    assert_eq!(Semver::parse("1.0.0-rc.1+z").unwrap().cmp(&Semver::parse("1.0.0").unwrap()), std::cmp::Ordering::Less);
}

/// `ensure_upgrade` against cw2's own `ensure_from_older_version` (what it replaced), over pairs
/// of valid and invalid versions and both contract names: the same accept / refuse and the same
/// recorded version (pairs differing only in build metadata aside).
#[test]
fn ensure_upgrade_agrees_with_cw2() {
    use cosmwasm_std::testing::MockStorage;
    use risk_pool::migrate::ensure_upgrade;
    let vs = [
        "0.1.0",
        "0.2.0-rc1",
        "0.2.0-rc.1",
        "0.2.0-rc.2",
        "0.2.0-rc.10",
        "0.2.0",
        "0.2.0+b",
        "0.2.1",
        "0.10.0",
        "1.0.0-0",
        "1.0.0",
        "01.0.0",
        "1.0",
        "1.0.0-",
        "1.0.0-01",
        " 1.0.0",
        "1.0.0+",
        "18446744073709551616.0.0",
        "v1.0.0",
    ];
    let names = ["crates.io:a", "crates.io:b"];
    for from in vs {
        for to in vs {
            for name in names {
                let build_only = from.split('+').next() == to.split('+').next() && from != to;
                if build_only {
                    continue;
                }
                let mut s1 = MockStorage::new();
                cw2::set_contract_version(&mut s1, names[0], from).unwrap();
                let mut s2 = MockStorage::new();
                cw2::set_contract_version(&mut s2, names[0], from).unwrap();
                let ours = ensure_upgrade(&mut s1, name, to);
                let theirs = cw2::ensure_from_older_version(&mut s2, name, to);
                assert_eq!(ours.is_ok(), theirs.is_ok(), "{from} -> {to} as {name}: {ours:?} / {theirs:?}");
                assert_eq!(
                    cw2::get_contract_version(&s1).unwrap(),
                    cw2::get_contract_version(&s2).unwrap(),
                    "{from} -> {to} as {name}"
                );
            }
        }
    }
}
