//! The first cut of the DAO: SPEC's instantiate JSON, documented defaults, validation.

use cw_multi_test::{App, Executor};
use dao_governance::ContractError;
use risk_pool::dao::*;

#[test]
fn spec_example_instantiates_with_documented_defaults_and_validates() {
    let mut app = App::default();
    let vault = app.api().addr_make("vault");
    let code = app.store_code(risk_testing::contracts::dao());
    let msg = risk_testing::dao_msg(vault.as_str(), None);
    let dao = app.instantiate_contract(code, vault.clone(), &msg, &[], "dao", Some(vault.to_string())).unwrap();
    let c: ConfigResponse = app.wrap().query_wasm_smart(&dao, &QueryMsg::Config {}).unwrap();
    assert_eq!((c.quorum_bps, c.threshold_bps, c.max_msgs), (2000, 5000, 16));
    assert_eq!((c.execution_window_secs, c.require_timelock_ge_unbonding), (604_800, true));
    assert_eq!(c.exit_window_secs, 86_400, "SPEC revision 2 default");
    assert_eq!((c.max_title_len, c.max_description_len), (128, 4_096));
    app.migrate_contract(vault.clone(), dao, &MigrateMsg {}, code).unwrap();
    for (q, t, m) in [(10_001, 5000, 16), (2000, 10_001, 16), (2000, 5000, 0), (2000, 5000, 65)] {
        let bad = InstantiateMsg { quorum_bps: q, threshold_bps: t, max_msgs: m, ..msg.clone() };
        let err = app.instantiate_contract(code, vault.clone(), &bad, &[], "d", None).unwrap_err();
        assert!(matches!(err.downcast::<ContractError>().unwrap(), ContractError::InvalidConfig { .. }));
    }
}
