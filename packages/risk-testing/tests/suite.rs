//! The suite builder itself: every contract together, owned by the DAO, the DEX a member.

use risk_pool::{dao, oracle, vault, VaultContract};
use risk_testing::prelude::*;

#[test]
fn the_dao_owns_the_vault_and_the_oracle_and_the_dex_is_a_member() {
    let mut s = Suite::new().with_dao().with_dex().underwriters(&ELECTORATE).build();
    assert_ne!(s.dao, s.admin);
    assert_eq!(s.vault_cfg().owner, s.dao);
    let oc: oracle::ConfigResponse = s.app.wrap().query_wasm_smart(&s.oracle, &oracle::QueryMsg::Config {}).unwrap();
    assert_eq!(oc.owner, s.dao);
    let dc: dao::ConfigResponse = s.app.wrap().query_wasm_smart(&s.dao, &dao::QueryMsg::Config {}).unwrap();
    assert_eq!(dc.vault, s.vault);
    let m = VaultContract(s.vault.clone()).member(&s.app.wrap(), s.dex().as_str()).unwrap();
    assert_eq!((m.coverage_cap.u128(), m.contribution.u128()), (usdc(1_000_000), usdc(50_000)));
    // 1,000 USDC of capital: a 10k long is within what the pool covers.
    let id = s.dex_open(10_000, 1_000).unwrap();
    assert_eq!(s.dex_book()[0].notional.i128(), usdc(10_000) as i128);
    assert_eq!(s.dex_close(id), "");
    // The DAO pauses the vault through a proposal.
    let pause = s.pass_alone(vec![wasm(&s.vault, &vault::ExecuteMsg::Pause {})]);
    s.advance(WAIT);
    s.execute(pause).unwrap();
    assert!(s.state().paused);
    assert!(s.steps > 10, "the conservation check ran after every step ({})", s.steps);
}

#[test]
fn names_and_addresses_are_both_actors() {
    let mut s = Suite::new().underwriter("alice", usdc(1_000)).build();
    let alice = s.addr("alice");
    assert_eq!(s.balance("alice"), s.balance(&alice));
    assert_eq!(s.underwriter("alice"), s.underwriter(&alice));
    s.deposit(&alice, usdc(1)).unwrap();
    assert_eq!(s.underwriters, vec![alice]);
    let t = s.now();
    s.advance_to(t + DAY);
    assert_eq!(s.now(), t + DAY);
}
