//! SPEC.md's instantiate examples, one copy each, for the tests of every crate (a dev-dependency
//! only: no contract's own code depends on this crate).
//!
//! `fixtures/oracle.json`, `fixtures/vault.json` and `fixtures/dao.json` are the SPEC's examples
//! verbatim but for the addresses, which are placeholders (`"{dao}"`, `"{feeder}"`, `"{guardian}"`,
//! `"{oracle}"`, `"{treasury}"`, `"{vault}"`) filled by [`fill`]. The files are compiled in
//! (`include_str!`), so no test depends on a runtime path. A test that needs something other than
//! the SPEC's example edits the typed message on top of it.
//!
//! With the `multi-test` feature (the contracts' dev-dependencies switch it on): the multi-test
//! wrappers of every contract ([`contracts`]), test doubles ([`mocks`]), and the one suite
//! builder ([`suite::Suite`], with the DAO's steps in [`governance`], the DEX's in [`dex`] and
//! the options DEX's in [`options_dex`]); a test takes them all with
//! `use risk_testing::prelude::*`. [`layout::check`] is the golden-layout check of the
//! contracts' stored structs.

#![warn(missing_docs)]

use cosmwasm_std::from_json;
use risk_pool::{dao, oracle, vault};

#[cfg(feature = "multi-test")]
pub mod contracts;
#[cfg(feature = "multi-test")]
pub mod dex;
#[cfg(feature = "multi-test")]
pub mod governance;
pub mod layout;
#[cfg(feature = "multi-test")]
pub mod mocks;
#[cfg(feature = "multi-test")]
pub mod options_dex;
#[cfg(feature = "multi-test")]
pub mod suite;

/// The gas bench's option strip (issue 13 item 6): 8 written BTC-PERP legs of 0.1 BTC (size
/// −100,000), calls at 62,000, 64,000, 66,000, 68,000 and puts at 58,000, 56,000, 54,000,
/// 52,000, all expiring at `expiry` (unix seconds). One book for the node bench, the cluster
/// and cosmwasm-vm, so their figures are of the same report.
pub fn written_strip(expiry: u64) -> Vec<oracle::Exposure> {
    (0..8u32)
        .map(|i| {
            let (kind, strike) = if i < 4 {
                (oracle::OptionKind::Call, 62_000 + 2_000 * i)
            } else {
                (oracle::OptionKind::Put, 58_000 - 2_000 * (i - 4))
            };
            let strike = cosmwasm_std::Decimal::from_atomics(strike, 0).expect("a strike below 10^9 fits a Decimal");
            let leg = oracle::OptionLeg { kind, strike, expiry, size: cosmwasm_std::Int128::new(-100_000) };
            oracle::Exposure::leg("BTC-PERP", leg)
        })
        .collect()
}

/// Everything a multi-test test uses: the suite, its steps and helpers.
#[cfg(feature = "multi-test")]
pub mod prelude {
    pub use crate::dex::{OPERATOR, TRADER};
    pub use crate::governance::{dao_err, dao_suite, standard_dao, wasm, ELECTORATE, WAIT};
    pub use crate::mocks::Counting;
    pub use crate::suite::*;
    pub use risk_pool::units::{Amount, Power, Shares};
}

/// The risk-oracle example: owner `{dao}`, one feeder `{feeder}`; BTC-PERP 60000 / 0.65,
/// ETH-PERP 3000 / 0.80, ρ 0.8, the `crash` scenario (BTC −40 %).
pub const ORACLE_JSON: &str = include_str!("../fixtures/oracle.json");
/// The pool-vault example: owner `{dao}`, `{guardian}`, `{oracle}`, `{treasury}`, native `uusdc`.
pub const VAULT_JSON: &str = include_str!("../fixtures/vault.json");
/// The dao-governance example: `{vault}`, `{guardian}`.
pub const DAO_JSON: &str = include_str!("../fixtures/dao.json");

/// `template` with every `{name}` of `vars` replaced by its value. Panics when a name does not
/// occur in the template (a typo) or when a `"{…}"` placeholder is left unfilled.
pub fn fill(template: &str, vars: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (name, value) in vars {
        let key = format!("{{{name}}}");
        assert!(out.contains(&key), "no placeholder {key} in the fixture");
        out = out.replace(&key, value);
    }
    if let Some(start) = out.find("\"{") {
        let end = out[start..].find("}\"").map_or(out.len(), |e| start + e + 2);
        panic!("placeholder {} left unfilled", &out[start..end]);
    }
    out
}

/// SPEC's oracle instantiate JSON; `vars`: `dao`, `feeder`.
pub fn spec_oracle(vars: &[(&str, &str)]) -> String {
    fill(ORACLE_JSON, vars)
}

/// SPEC's vault instantiate JSON; `vars`: `dao`, `guardian`, `oracle`, `treasury`.
pub fn spec_vault(vars: &[(&str, &str)]) -> String {
    fill(VAULT_JSON, vars)
}

/// SPEC's DAO instantiate JSON; `vars`: `vault`, `guardian`.
pub fn spec_dao(vars: &[(&str, &str)]) -> String {
    fill(DAO_JSON, vars)
}

/// SPEC's oracle instantiate message, owned by `dao`, with the one feeder `feeder`.
pub fn oracle_msg(dao: &str, feeder: &str) -> oracle::InstantiateMsg {
    from_json(spec_oracle(&[("dao", dao), ("feeder", feeder)])).expect("fixtures/oracle.json")
}

/// SPEC's vault instantiate message; `guardian: None` is the SPEC's `null`.
pub fn vault_msg(dao: &str, guardian: Option<&str>, oracle: &str, treasury: &str) -> vault::InstantiateMsg {
    let json =
        spec_vault(&[("dao", dao), ("guardian", guardian.unwrap_or("")), ("oracle", oracle), ("treasury", treasury)]);
    let mut msg: vault::InstantiateMsg = from_json(json).expect("fixtures/vault.json");
    msg.guardian = guardian.map(String::from);
    msg
}

/// SPEC's DAO instantiate message; `guardian: None` is the SPEC's `null`.
pub fn dao_msg(vault: &str, guardian: Option<&str>) -> dao::InstantiateMsg {
    let json = spec_dao(&[("vault", vault), ("guardian", guardian.unwrap_or(""))]);
    let mut msg: dao::InstantiateMsg = from_json(json).expect("fixtures/dao.json");
    msg.guardian = guardian.map(String::from);
    msg
}

#[cfg(test)]
mod tests {
    use super::*;
    use cosmwasm_std::{Decimal, SignedDecimal};
    use std::str::FromStr;

    #[test]
    fn oracle_fixture_is_the_spec_example() {
        let m = oracle_msg("d", "f");
        assert_eq!((m.owner.as_str(), m.feeders.clone()), ("d", vec!["f".to_string()]));
        assert_eq!((m.confidence_bps, m.horizon_secs, m.max_staleness_secs, m.cover_n), (9900, 86_400, 3600, 2));
        assert_eq!(m.method, oracle::Method::Parametric);
        assert_eq!((m.requirement_multiplier, m.claim_multiple), (Decimal::one(), Decimal::from_str("1.5").unwrap()));
        let markets: Vec<(&str, String, String)> =
            m.markets.iter().map(|k| (k.id.as_str(), k.price.to_string(), k.volatility.to_string())).collect();
        assert_eq!(markets, [("BTC-PERP", "60000".into(), "0.65".into()), ("ETH-PERP", "3000".into(), "0.8".into())]);
        assert_eq!(m.correlations.len(), 1);
        assert_eq!(
            (m.correlations[0].a.as_str(), m.correlations[0].b.as_str(), m.correlations[0].rho),
            ("BTC-PERP", "ETH-PERP", SignedDecimal::from_str("0.8").unwrap())
        );
        assert_eq!(m.stress_scenarios.len(), 1);
        let crash = &m.stress_scenarios[0];
        assert_eq!((crash.name.as_str(), crash.shocks.len()), ("crash", 1));
        assert_eq!(
            (crash.shocks[0].market.as_str(), crash.shocks[0].shock),
            ("BTC-PERP", SignedDecimal::from_str("-0.4").unwrap())
        );
        // Every optional field is left to its documented default.
        assert_eq!((m.history_len, m.round_secs, m.max_move_bps, m.max_markets), (None, None, None, None));
    }

    #[test]
    fn vault_and_dao_fixtures_are_the_spec_examples() {
        let v = vault_msg("d", Some("g"), "o", "t");
        assert_eq!((v.owner.as_str(), v.guardian.as_deref(), v.risk_oracle.as_str()), ("d", Some("g"), "o"));
        assert_eq!(v.asset, vault::AssetInfo::Native("uusdc".into()));
        assert_eq!((v.unbonding_secs, v.deposit_lock_secs, v.min_deposit.u128()), (604_800, 3600, 1_000_000));
        assert_eq!((v.protocol_fee_bps, v.treasury.as_str()), (1000, "t"));
        assert_eq!((v.claim_auto_approve_limit.u128(), v.max_pending_claim_secs), (50_000_000_000, 1_209_600));
        assert_eq!((v.loss_cap_bps, v.loss_cap_window_secs, v.max_capital_multiple), (3000, 2_592_000, None));
        assert_eq!(vault_msg("d", None, "o", "t").guardian, None);

        let d = dao_msg("v", Some("g"));
        assert_eq!((d.vault.as_str(), d.guardian.as_deref()), ("v", Some("g")));
        assert_eq!(
            (d.voting_period_secs, d.quorum_bps, d.threshold_bps, d.timelock_secs),
            (259_200, 2000, 5000, 86_400)
        );
        assert_eq!((d.min_propose_power.u128(), d.max_msgs), (1, 16));
        assert_eq!(dao_msg("v", None).guardian, None);
    }

    #[test]
    #[should_panic(expected = "placeholder \"{feeder}\" left unfilled")]
    fn an_unfilled_placeholder_panics() {
        spec_oracle(&[("dao", "d")]);
    }

    #[test]
    #[should_panic(expected = "no placeholder {owner} in the fixture")]
    fn an_unknown_name_panics() {
        spec_oracle(&[("dao", "d"), ("feeder", "f"), ("owner", "o")]);
    }
}
