//! Storage: the stored structs, apart from the query responses (`query.rs` builds those from
//! these). Each stored struct's JSON is pinned by `layout_tests` below: it is the layout the DAO
//! has always written (field names in full, in this order), so existing state reads unchanged.

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{Addr, CosmosMsg, StdResult, Storage};
use cw_storage_plus::{Item, Map};
use risk_pool::dao::{default_exit_window_secs, default_true, ConfigResponse, ProposalResponse, Status, Vote};
use risk_pool::Power;

/// The validated configuration (`InstantiateMsg` → `config::validate` → `Config`).
#[cw_serde]
pub struct Config {
    /// The pool vault: the source of voting power. Changes only by migration.
    pub vault: Addr,
    /// How long a proposal is open for votes.
    pub voting_period_secs: u64,
    /// Turnout needed, basis points of the total power at the start height.
    pub quorum_bps: u32,
    /// Share of yes in yes + no that must be exceeded, basis points.
    pub threshold_bps: u32,
    /// The least wait between passing and execution.
    pub timelock_secs: u64,
    /// Power a proposer needs at the current height.
    pub min_propose_power: Power,
    /// Who may veto during a proposal's wait (snapshotted into each proposal).
    pub guardian: Option<Addr>,
    /// Most messages per proposal.
    pub max_msgs: u32,
    /// How long a passed proposal stays executable once its wait ends.
    pub execution_window_secs: u64,
    /// Whether the wait covers the vault's exit delay plus `exit_window_secs`.
    pub require_timelock_ge_unbonding: bool,
    /// Longest title, bytes.
    pub max_title_len: u32,
    /// Longest description, bytes.
    pub max_description_len: u32,
    /// Added to the vault's exit delay in the wait (absent in a config stored before
    /// revision 2: the default 86,400).
    #[serde(default = "default_exit_window_secs")]
    pub exit_window_secs: u64,
}

impl From<Config> for ConfigResponse {
    /// Destructured in full: a field added to `Config` does not compile until it is answered.
    fn from(c: Config) -> ConfigResponse {
        let Config {
            vault,
            voting_period_secs,
            quorum_bps,
            threshold_bps,
            timelock_secs,
            min_propose_power,
            guardian,
            max_msgs,
            execution_window_secs,
            require_timelock_ge_unbonding,
            max_title_len,
            max_description_len,
            exit_window_secs,
        } = c;
        ConfigResponse {
            vault,
            voting_period_secs,
            quorum_bps,
            threshold_bps,
            timelock_secs,
            min_propose_power,
            guardian,
            max_msgs,
            execution_window_secs,
            require_timelock_ge_unbonding,
            max_title_len,
            max_description_len,
            exit_window_secs,
        }
    }
}

/// A stored proposal: the config snapshotted at propose, the tally, and `status` as last
/// written (`tally::status_at` gives the status as of a block time; the `proposal` query answers
/// that). The meaning of each field is [`ProposalResponse`]'s.
#[cw_serde]
pub struct Proposal {
    /// The id (from 1).
    pub id: u64,
    /// As proposed.
    pub title: String,
    /// As proposed.
    pub description: String,
    /// The batch `execute` runs.
    pub msgs: Vec<CosmosMsg>,
    /// Who proposed it.
    pub proposer: Addr,
    /// As last written (see `tally::status_at`).
    pub status: Status,
    /// The block of `propose`.
    pub start_height: u64,
    /// Block time when voting ends.
    pub voting_ends_at: u64,
    /// passed_at + the wait, as last computed.
    pub executable_at: Option<u64>,
    /// Power voting yes.
    pub yes: Power,
    /// Power voting no.
    pub no: Power,
    /// Power abstaining.
    pub abstain: Power,
    /// Total power at the start height.
    pub total_power: Power,
    /// Snapshotted at propose.
    pub quorum_bps: u32,
    /// Snapshotted at propose.
    pub threshold_bps: u32,
    /// Snapshotted at propose.
    pub timelock_secs: u64,
    /// Snapshotted at propose.
    pub execution_window_secs: u64,
    /// Snapshotted at propose.
    pub guardian: Option<Addr>,
    /// Block time of `propose`.
    pub created_at: u64,
    /// Block time it passed.
    pub passed_at: Option<u64>,
    /// Why the batch failed.
    pub failure: Option<String>,
    /// Snapshotted at propose (a proposal stored before revision 2: true).
    #[serde(default = "default_true")]
    pub require_timelock_ge_unbonding: bool,
    /// Snapshotted at propose (a proposal stored before revision 2: 86,400).
    #[serde(default = "default_exit_window_secs")]
    pub exit_window_secs: u64,
    /// The largest exit delay of the vault the DAO read for this proposal.
    #[serde(default)]
    pub unbonding_secs: Option<u64>,
    /// Every message decides a claim (waits only `timelock_secs`).
    #[serde(default)]
    pub claims_only: bool,
}

impl From<Proposal> for ProposalResponse {
    /// Destructured in full: a field added to `Proposal` does not compile until it is answered.
    fn from(p: Proposal) -> ProposalResponse {
        let Proposal {
            id,
            title,
            description,
            msgs,
            proposer,
            status,
            start_height,
            voting_ends_at,
            executable_at,
            yes,
            no,
            abstain,
            total_power,
            quorum_bps,
            threshold_bps,
            timelock_secs,
            execution_window_secs,
            guardian,
            created_at,
            passed_at,
            failure,
            require_timelock_ge_unbonding,
            exit_window_secs,
            unbonding_secs,
            claims_only,
        } = p;
        ProposalResponse {
            id,
            title,
            description,
            msgs,
            proposer,
            status,
            start_height,
            voting_ends_at,
            executable_at,
            yes,
            no,
            abstain,
            total_power,
            quorum_bps,
            threshold_bps,
            timelock_secs,
            execution_window_secs,
            guardian,
            created_at,
            passed_at,
            failure,
            require_timelock_ge_unbonding,
            exit_window_secs,
            unbonding_secs,
            claims_only,
        }
    }
}

/// A stored ballot: the vote and its weight (JSON `["yes","5"]`).
pub type Ballot = (Vote, Power);

/// The configuration.
pub const CONFIG: Item<Config> = Item::new("config");
/// The last proposal id used (0 before the first).
pub const NEXT_ID: Item<u64> = Item::new("next_id");
/// Stored proposals (`status` as last written; `tally::status_at` gives the status now).
pub const PROPOSALS: Map<u64, Proposal> = Map::new("proposals");
/// (proposal, voter) → (vote, weight).
pub const BALLOTS: Map<(u64, &Addr), Ballot> = Map::new("ballots");

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
/// Most entries of [`UNBONDING_LOG`].
pub const UNBONDING_LOG_LEN: usize = 16;

/// The proposal stored under `id`, or `ProposalNotFound`.
pub fn load_proposal(storage: &dyn Storage, id: u64) -> Result<Proposal, crate::ContractError> {
    PROPOSALS.may_load(storage, id)?.ok_or(crate::ContractError::ProposalNotFound { id })
}

/// [`UNBONDING_LOG`], empty if never written.
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

/// The stored layout, pinned: each stored struct, fully populated (every `Option` set, every
/// `Vec` non-empty, a distinct value per field), serializes to exactly its golden JSON, reads
/// back from it, and repeats no key in any object. The goldens are the JSON the DAO wrote when
/// its storage types were the response types, so state written before reads unchanged.
#[cfg(test)]
mod layout_tests {

    use cosmwasm_std::{from_json, to_json_binary, Binary, WasmMsg};

    use super::*;

    use risk_testing::layout::check;

    fn addr(s: &str) -> Addr {
        Addr::unchecked(s)
    }

    fn config() -> Config {
        Config {
            vault: addr("vault"),
            voting_period_secs: 1,
            quorum_bps: 2,
            threshold_bps: 3,
            timelock_secs: 4,
            min_propose_power: Power::new(5),
            guardian: Some(addr("guardian")),
            max_msgs: 6,
            execution_window_secs: 7,
            require_timelock_ge_unbonding: true,
            max_title_len: 8,
            max_description_len: 9,
            exit_window_secs: 10,
        }
    }

    fn proposal() -> Proposal {
        let msg = WasmMsg::Execute { contract_addr: "vault".into(), msg: Binary::from(b"{}"), funds: vec![] };
        Proposal {
            id: 1,
            title: "title".into(),
            description: "description".into(),
            msgs: vec![msg.into()],
            proposer: addr("proposer"),
            status: Status::ExecutionFailed,
            start_height: 2,
            voting_ends_at: 3,
            executable_at: Some(4),
            yes: Power::new(5),
            no: Power::new(6),
            abstain: Power::new(7),
            total_power: Power::new(8),
            quorum_bps: 9,
            threshold_bps: 10,
            timelock_secs: 11,
            execution_window_secs: 12,
            guardian: Some(addr("guardian")),
            created_at: 13,
            passed_at: Some(14),
            failure: Some("failure".into()),
            require_timelock_ge_unbonding: true,
            exit_window_secs: 15,
            unbonding_secs: Some(16),
            claims_only: true,
        }
    }

    #[test]
    fn stored_layouts_are_pinned() {
        check(
            &config(),
            r#"{"vault":"vault","voting_period_secs":1,"quorum_bps":2,"threshold_bps":3,"timelock_secs":4,"min_propose_power":"5","guardian":"guardian","max_msgs":6,"execution_window_secs":7,"require_timelock_ge_unbonding":true,"max_title_len":8,"max_description_len":9,"exit_window_secs":10}"#,
        );
        check(
            &proposal(),
            r#"{"id":1,"title":"title","description":"description","msgs":[{"wasm":{"execute":{"contract_addr":"vault","msg":"e30=","funds":[]}}}],"proposer":"proposer","status":"execution_failed","start_height":2,"voting_ends_at":3,"executable_at":4,"yes":"5","no":"6","abstain":"7","total_power":"8","quorum_bps":9,"threshold_bps":10,"timelock_secs":11,"execution_window_secs":12,"guardian":"guardian","created_at":13,"passed_at":14,"failure":"failure","require_timelock_ge_unbonding":true,"exit_window_secs":15,"unbonding_secs":16,"claims_only":true}"#,
        );
        let ballot: Ballot = (Vote::Abstain, Power::new(1));
        check(&ballot, r#"["abstain","1"]"#);
        check(&vec![(1u64, 2u64)], "[[1,2]]");
    }

    /// The stored structs write exactly the bytes of the response types they replaced, so state
    /// written before the split reads unchanged (and the responses answer the same JSON).
    #[test]
    fn stored_bytes_equal_the_response_types_they_replaced() {
        let c = config();
        assert_eq!(to_json_binary(&c).unwrap(), to_json_binary(&ConfigResponse::from(c.clone())).unwrap());
        assert_eq!(from_json::<Config>(to_json_binary(&ConfigResponse::from(c.clone())).unwrap()).unwrap(), c);
        let p = proposal();
        assert_eq!(to_json_binary(&p).unwrap(), to_json_binary(&ProposalResponse::from(p.clone())).unwrap());
        assert_eq!(from_json::<Proposal>(to_json_binary(&ProposalResponse::from(p.clone())).unwrap()).unwrap(), p);
    }
}
