//! The first cut of the vault: SPEC's instantiate JSON, documented defaults, validation, ownership.

use cosmwasm_std::Addr;
use cw_multi_test::{App, ContractWrapper, Executor};
use pool_vault::contract::{execute, instantiate, migrate, query};
use pool_vault::ContractError;
use risk_pool::vault::*;

fn spec_json(dao: &Addr, oracle: &Addr, treasury: &Addr) -> String {
    format!(
        r#"{{"owner": "{dao}", "guardian": null, "risk_oracle": "{oracle}",
 "asset": {{"native": "uusdc"}},
 "unbonding_secs": 604800, "deposit_lock_secs": 3600, "min_deposit": "1000000",
 "protocol_fee_bps": 1000, "treasury": "{treasury}",
 "claim_auto_approve_limit": "50000000000", "max_pending_claim_secs": 1209600,
 "loss_cap_bps": 3000, "loss_cap_window_secs": 2592000,
 "max_capital_multiple": null}}"#
    )
}

#[test]
fn spec_example_instantiates_with_documented_defaults() {
    let mut app = App::default();
    let (dao, oracle, treasury) =
        (app.api().addr_make("dao"), app.api().addr_make("oracle"), app.api().addr_make("treasury"));
    let code = app.store_code(Box::new(ContractWrapper::new(execute, instantiate, query).with_migrate(migrate)));
    let msg: InstantiateMsg = cosmwasm_std::from_json(spec_json(&dao, &oracle, &treasury)).unwrap();
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
    let code = app.store_code(Box::new(ContractWrapper::new(execute, instantiate, query)));
    let base: InstantiateMsg = cosmwasm_std::from_json(spec_json(&dao, &oracle, &treasury)).unwrap();
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
