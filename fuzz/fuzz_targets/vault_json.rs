//! pool-vault: arbitrary bytes as the JSON of an `ExecuteMsg` or `QueryMsg` against the vault of
//! the snapshot (capital, two exposed members, a settled claim, an unbonding entry), whose oracle
//! queries reach the real risk-oracle. Parse failures are fine; a panic, storage changed by an
//! execute that returned `Err`, a payout above the vault's balance, or books that no longer
//! balance after a successful execute are findings.
#![no_main]

use fuzz_harness::{debug, JsonInput, Snapshot, World};
use libfuzzer_sys::fuzz_target;
use risk_pool::vault::{ExecuteMsg, QueryMsg};

fuzz_target!(|data: &[u8]| {
    let Some(input) = JsonInput::parse(data) else { return };
    let mut w = World::from_snapshot(Snapshot::get());
    w.clock.advance(input.advance);
    if input.query {
        if let Ok(msg) = cosmwasm_std::from_json::<QueryMsg>(&input.json) {
            let r = w.query_vault(msg);
            debug("query", &r);
        }
    } else if let Ok(msg) = cosmwasm_std::from_json::<ExecuteMsg>(&input.json) {
        let r = w.exec_vault(&input.sender, &input.funds, msg);
        debug("execute", &r);
        if r.is_ok() {
            w.check_vault_books();
        }
    }
});
