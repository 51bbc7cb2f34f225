#![allow(missing_docs)]
//! dao-governance messages, in the JSON shapes of SPEC.md (dao-governance section).

use cosmwasm_schema::{cw_serde, QueryResponses};
use cosmwasm_std::{Addr, CosmosMsg, Uint128};

#[cw_serde]
pub struct InstantiateMsg {
    /// The pool vault: the source of voting power (bonded shares per height).
    pub vault: String,
    pub voting_period_secs: u64,
    /// Turnout needed: (yes + no + abstain)·10⁴ ≥ quorum_bps · total power at the start height.
    pub quorum_bps: u32,
    /// Passing: yes·10⁴ > threshold_bps · (yes + no).
    pub threshold_bps: u32,
    pub timelock_secs: u64,
    pub min_propose_power: Uint128,
    pub guardian: Option<String>,
    pub max_msgs: u32,
    /// Default: 7 days.
    pub execution_window_secs: Option<u64>,
    /// Default: true.
    pub require_timelock_ge_unbonding: Option<bool>,
    /// Default: 128 bytes.
    pub max_title_len: Option<u32>,
    /// Default: 4,096 bytes.
    pub max_description_len: Option<u32>,
    /// Seconds added to the vault's `unbonding_secs` in the wait of a passed proposal when
    /// `require_timelock_ge_unbonding` (time to see the result and ask to leave; revision 2).
    /// Default: 86,400.
    pub exit_window_secs: Option<u64>,
}

/// `update_config`: absent = unchanged; `"guardian": ""` removes the guardian. The vault (the
/// source of voting power) changes only by migration.
#[cw_serde]
#[derive(Default)]
pub struct ConfigUpdate {
    pub voting_period_secs: Option<u64>,
    pub quorum_bps: Option<u32>,
    pub threshold_bps: Option<u32>,
    pub timelock_secs: Option<u64>,
    pub min_propose_power: Option<Uint128>,
    pub guardian: Option<String>,
    pub max_msgs: Option<u32>,
    pub execution_window_secs: Option<u64>,
    pub require_timelock_ge_unbonding: Option<bool>,
    pub max_title_len: Option<u32>,
    pub max_description_len: Option<u32>,
    pub exit_window_secs: Option<u64>,
}

#[cw_serde]
pub enum Vote {
    Yes,
    No,
    Abstain,
}

#[cw_serde]
pub enum ExecuteMsg {
    /// Attribute `proposal_id`. The proposer needs `min_propose_power` at the current height.
    Propose {
        title: String,
        description: String,
        msgs: Vec<CosmosMsg>,
    },
    Vote {
        proposal_id: u64,
        vote: Vote,
    },
    /// Anyone, once, after passing and the timelock.
    Execute {
        proposal_id: u64,
    },
    /// The guardian snapshotted at propose, during the timelock.
    Veto {
        proposal_id: u64,
    },
    /// Expired unpassed → `rejected`; `execution_failed` → `closed`; passed but never executed
    /// within the window → `expired`.
    Close {
        proposal_id: u64,
    },
    /// Only the DAO itself (through a proposal).
    UpdateConfig(ConfigUpdate),
    /// Internal: the DAO calling itself to run a proposal's messages as one atomic batch.
    ExecuteBatch {
        proposal_id: u64,
    },
}

#[cw_serde]
#[derive(QueryResponses)]
pub enum QueryMsg {
    #[returns(ConfigResponse)]
    Config {},
    #[returns(ProposalResponse)]
    Proposal { proposal_id: u64 },
    #[returns(ProposalsResponse)]
    Proposals { start_after: Option<u64>, limit: Option<u32> },
    #[returns(VoteResponse)]
    Vote { proposal_id: u64, voter: String },
    #[returns(VotesResponse)]
    Votes { proposal_id: u64, start_after: Option<String>, limit: Option<u32> },
}

#[cw_serde]
pub struct ConfigResponse {
    pub vault: Addr,
    pub voting_period_secs: u64,
    pub quorum_bps: u32,
    pub threshold_bps: u32,
    pub timelock_secs: u64,
    pub min_propose_power: Uint128,
    pub guardian: Option<Addr>,
    pub max_msgs: u32,
    pub execution_window_secs: u64,
    pub require_timelock_ge_unbonding: bool,
    pub max_title_len: u32,
    pub max_description_len: u32,
    /// Added to the vault's `unbonding_secs` in the wait (revision 2; absent in a config stored
    /// before it: the default 86,400).
    #[serde(default = "default_exit_window_secs")]
    pub exit_window_secs: u64,
}

/// SPEC's default `exit_window_secs`: one day.
pub const DEFAULT_EXIT_WINDOW_SECS: u64 = 86_400;

fn default_exit_window_secs() -> u64 {
    DEFAULT_EXIT_WINDOW_SECS
}

fn default_true() -> bool {
    true
}

#[cw_serde]
pub enum Status {
    Open,
    Passed,
    Rejected,
    Executed,
    ExecutionFailed,
    Closed,
    Vetoed,
    Expired,
}

impl Status {
    /// The JSON name (snake_case), the one spelling of a status in attributes and errors.
    pub const fn as_str(&self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::Passed => "passed",
            Status::Rejected => "rejected",
            Status::Executed => "executed",
            Status::ExecutionFailed => "execution_failed",
            Status::Closed => "closed",
            Status::Vetoed => "vetoed",
            Status::Expired => "expired",
        }
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cw_serde]
pub struct ProposalResponse {
    pub id: u64,
    pub title: String,
    pub description: String,
    pub msgs: Vec<CosmosMsg>,
    pub proposer: Addr,
    /// As of the block time (a proposal whose voting period ended reads passed or rejected, and
    /// one not executed within the window reads expired, with no transaction needed).
    pub status: Status,
    pub start_height: u64,
    pub voting_ends_at: u64,
    /// Set once passed: the earliest moment `execute` is allowed, as known when read:
    /// passed_at + wait, wait = max(timelock_secs, u + exit_window_secs) when
    /// `require_timelock_ge_unbonding` and not `claims_only`, else timelock_secs (saturating);
    /// u = the largest of the vault's `unbonding_secs` now (a query reads it live; skipped if the
    /// vault cannot be queried), `unbonding_secs` below, and every value a DAO batch set since
    /// the proposal was made. `execute` reads the vault again, so the moment moves later if the
    /// vault's unbonding is raised meanwhile; it never moves earlier. The execution window
    /// (`expired`) counts from this moment, so a proposal never reads `expired` before it has
    /// been executable for a whole `execution_window_secs`.
    pub executable_at: Option<u64>,
    pub yes: Uint128,
    pub no: Uint128,
    pub abstain: Uint128,
    /// Total power at the start height.
    pub total_power: Uint128,
    /// Snapshotted at propose.
    pub quorum_bps: u32,
    pub threshold_bps: u32,
    /// The DAO's `timelock_secs`, snapshotted at propose (in a proposal stored before
    /// revision 2: max(timelock_secs, the vault's unbonding_secs at propose)).
    pub timelock_secs: u64,
    pub execution_window_secs: u64,
    pub guardian: Option<Addr>,
    pub created_at: u64,
    pub passed_at: Option<u64>,
    /// Why the batch failed (`execution_failed`).
    pub failure: Option<String>,
    /// Snapshotted at propose (revision 2; a proposal stored before it: true).
    #[serde(default = "default_true")]
    pub require_timelock_ge_unbonding: bool,
    /// Snapshotted at propose (revision 2; a proposal stored before it: 86,400).
    #[serde(default = "default_exit_window_secs")]
    pub exit_window_secs: u64,
    /// The vault's `unbonding_secs` as last read by the DAO for this proposal (at propose, at each
    /// vote, at execute): an exit requested while it stood takes that long, so the wait never
    /// uses less. `null` in a proposal stored before revision 2 or when the rule does not apply.
    #[serde(default)]
    pub unbonding_secs: Option<u64>,
    /// Every message is a no-funds wasm execute of `approve_claim` or `reject_claim` on the vault:
    /// it waits only `timelock_secs` (exits during a pending claim are already priced net of it).
    #[serde(default)]
    pub claims_only: bool,
}

#[cw_serde]
pub struct ProposalsResponse {
    pub proposals: Vec<ProposalResponse>,
}

#[cw_serde]
pub struct VoteInfo {
    pub voter: Addr,
    pub vote: Vote,
    pub power: Uint128,
}

#[cw_serde]
pub struct VoteResponse {
    pub vote: Option<VoteInfo>,
}

#[cw_serde]
pub struct VotesResponse {
    pub votes: Vec<VoteInfo>,
}

#[cw_serde]
pub struct MigrateMsg {}
