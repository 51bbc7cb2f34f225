use cosmwasm_std::{Addr, StdResult, Storage};
use cw_storage_plus::{Item, Map};
use risk_pool::dao::{ProposalResponse, Vote};

use crate::config::Config;

pub const CONFIG: Item<Config> = Item::new("config");
pub const NEXT_ID: Item<u64> = Item::new("next_id");
/// Stored proposals (`status` as last written; `tally::status_at` gives the status now).
pub const PROPOSALS: Map<u64, ProposalResponse> = Map::new("proposals");
/// (proposal, voter) → (vote, weight).
pub const BALLOTS: Map<(u64, &Addr), (Vote, cosmwasm_std::Uint128)> = Map::new("ballots");

/// The proposal whose `execute` dispatched the batch now running: set by `execute`, taken by
/// `execute_batch` (which refuses any other id), cleared by the error reply. Without it a later
/// proposal could re-run an executed proposal's messages by calling the DAO's own
/// `execute_batch` (red team: a payment made twice).
pub const EXECUTING: Item<u64> = Item::new("executing");

/// Every change of the vault's `unbonding_secs` made by an executed proposal's batch:
/// (block time, new value), oldest first. While the DAO owns the vault these are the only
/// changes, so with the value each proposal read at propose they give every value in force since
/// (`tally::seen_unbonding`, which counts the entries made at or after a proposal's creation).
/// At most [`UNBONDING_LOG_LEN`] entries: when full, the two oldest merge into (the later time,
/// the larger value), so a proposal that saw either still sees at least as much (never less).
pub const UNBONDING_LOG: Item<Vec<(u64, u64)>> = Item::new("unbonding_log");
pub const UNBONDING_LOG_LEN: usize = 16;

pub fn unbonding_log(storage: &dyn Storage) -> StdResult<Vec<(u64, u64)>> {
    Ok(UNBONDING_LOG.may_load(storage)?.unwrap_or_default())
}

/// Appends (at, value) to [`UNBONDING_LOG`], merging the two oldest entries when full.
pub fn log_unbonding(storage: &mut dyn Storage, at: u64, value: u64) -> StdResult<()> {
    let mut log = unbonding_log(storage)?;
    log.push((at, value));
    if log.len() > UNBONDING_LOG_LEN {
        let (_, v0) = log.remove(0);
        log[0].1 = log[0].1.max(v0);
    }
    UNBONDING_LOG.save(storage, &log)
}

#[cfg(test)]
mod tests {
    use super::*;
    use cosmwasm_std::testing::MockStorage;

    #[test]
    fn a_full_log_merges_its_two_oldest_entries_upward() {
        let mut st = MockStorage::new();
        for i in 0..=UNBONDING_LOG_LEN as u64 {
            // Values 100, 50, 102, 103, …: the first two merge into (time 1, 100).
            log_unbonding(&mut st, i, if i == 1 { 50 } else { 100 + i }).unwrap();
        }
        let log = unbonding_log(&st).unwrap();
        assert_eq!(log.len(), UNBONDING_LOG_LEN);
        assert_eq!((log[0], log[1], *log.last().unwrap()), ((1, 100), (2, 102), (16, 116)));
    }
}
