//! The first cut of the vault: SPEC's instantiate JSON, documented defaults, validation, ownership.

use cosmwasm_std::Addr;
use cw_multi_test::{App, Executor};
use pool_vault::ContractError;
use risk_pool::vault::*;

/// SPEC's example with `"guardian": null`.
fn spec_msg(dao: &Addr, oracle: &Addr, treasury: &Addr) -> InstantiateMsg {
    risk_testing::vault_msg(dao.as_str(), None, oracle.as_str(), treasury.as_str())
}

#[test]
fn spec_example_instantiates_with_documented_defaults() {
    let mut app = App::default();
    let (dao, oracle, treasury) =
        (app.api().addr_make("dao"), app.api().addr_make("oracle"), app.api().addr_make("treasury"));
    let code = app.store_code(risk_testing::contracts::vault());
    let msg = spec_msg(&dao, &oracle, &treasury);
    let vault = app.instantiate_contract(code, dao.clone(), &msg, &[], "vault", Some(dao.to_string())).unwrap();
    let c: ConfigResponse = app.wrap().query_wasm_smart(&vault, &QueryMsg::Config {}).unwrap();
    assert_eq!(c.asset, AssetInfo::Native("uusdc".into()));
    assert_eq!((c.member_lookback_secs, c.reward_vesting_secs), (604_800, 604_800));
    assert_eq!((c.max_pause_secs, c.max_members, c.max_unbonding_entries, c.max_memo_len), (604_800, 32, 16, 256));
    // Ownership: only the owner transfers it.
    let stranger = app.api().addr_make("stranger");
    let err = app
        .execute_contract(
            stranger.clone(),
            vault.clone(),
            &ExecuteMsg::TransferOwnership { owner: stranger.to_string() },
            &[],
        )
        .unwrap_err();
    assert_eq!(
        err.downcast::<ContractError>().unwrap(),
        ContractError::Unauthorized { role: "owner", action: "transfer ownership" }
    );
    app.execute_contract(
        dao.clone(),
        vault.clone(),
        &ExecuteMsg::TransferOwnership { owner: stranger.to_string() },
        &[],
    )
    .unwrap();
    let c: ConfigResponse = app.wrap().query_wasm_smart(&vault, &QueryMsg::Config {}).unwrap();
    assert_eq!(c.owner, stranger);
    // Same-version migration by the wasm admin (still the DAO) is accepted.
    app.migrate_contract(dao, vault, &MigrateMsg {}, code).unwrap();
}

#[test]
fn invalid_configs_are_refused() {
    let mut app = App::default();
    let (dao, oracle, treasury) =
        (app.api().addr_make("dao"), app.api().addr_make("oracle"), app.api().addr_make("treasury"));
    let code = app.store_code(risk_testing::contracts::vault());
    let base = spec_msg(&dao, &oracle, &treasury);
    type Edit = Box<dyn Fn(&mut InstantiateMsg)>;
    let cases: Vec<Edit> = vec![
        Box::new(|m| m.protocol_fee_bps = 10_001),
        Box::new(|m| m.loss_cap_bps = 0),
        Box::new(|m| m.min_deposit = 0u128.into()),
        Box::new(|m| m.asset = AssetInfo::Native(String::new())),
    ];
    for edit in cases {
        let mut m = base.clone();
        edit(&mut m);
        let err = app.instantiate_contract(code, dao.clone(), &m, &[], "v", None).unwrap_err();
        assert!(matches!(err.downcast::<ContractError>().unwrap(), ContractError::InvalidConfig { .. }));
    }
    let mut m = base;
    m.treasury = "not an address".into();
    assert!(app.instantiate_contract(code, dao, &m, &[], "v", None).is_err());
}
