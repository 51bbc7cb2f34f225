//! dao-governance: arbitrary bytes as the JSON of an `ExecuteMsg` or `QueryMsg` against the DAO
//! of the snapshot (proposal 1 open with alice's yes vote, proposal 2 open), whose voting-power
//! queries reach the real pool-vault. Parse failures are fine; a panic or storage changed by an
//! execute that returned `Err` is a finding.
#![no_main]

use fuzz_harness::{debug, JsonInput, Snapshot, World};
use libfuzzer_sys::fuzz_target;
use risk_pool::dao::{ExecuteMsg, QueryMsg};

fuzz_target!(|data: &[u8]| {
    let Some(input) = JsonInput::parse(data) else { return };
    let mut w = World::from_snapshot(Snapshot::get());
    w.clock.advance(input.advance);
    if input.query {
        if let Ok(msg) = cosmwasm_std::from_json::<QueryMsg>(&input.json) {
            let r = w.query_dao(msg);
            debug("query", &r);
        }
    } else if let Ok(msg) = cosmwasm_std::from_json::<ExecuteMsg>(&input.json) {
        let r = w.exec_dao_tx(&input.sender, &input.funds, msg);
        debug("execute", &r);
    }
});
