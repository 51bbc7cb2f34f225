//! risk-oracle: arbitrary bytes as the JSON of an `ExecuteMsg` or `QueryMsg` against the oracle
//! of the snapshot (two markets, 120 price rounds). Parse failures are fine; a panic, or storage
//! changed by an execute that returned `Err`, is a finding.
#![no_main]

use fuzz_harness::{debug, JsonInput, Snapshot, World};
use libfuzzer_sys::fuzz_target;
use risk_pool::oracle::{ExecuteMsg, QueryMsg};

fuzz_target!(|data: &[u8]| {
    let Some(input) = JsonInput::parse(data) else { return };
    let mut w = World::from_snapshot(Snapshot::get());
    w.clock.advance(input.advance);
    if input.query {
        if let Ok(msg) = cosmwasm_std::from_json::<QueryMsg>(&input.json) {
            let r = w.query_oracle(msg);
            debug("query", &r);
        }
    } else if let Ok(msg) = cosmwasm_std::from_json::<ExecuteMsg>(&input.json) {
        let r = w.exec_oracle(&input.sender, &input.funds, msg);
        debug("execute", &r);
        if r.is_ok() {
            // Whatever the oracle accepted, it must still answer its own queries.
            w.query_oracle(QueryMsg::Config {}).expect("config after a successful execute");
        }
    }
});
