#![allow(missing_docs)]
//! dao-governance messages, in the JSON shapes of SPEC.md (dao-governance section).
//!
//! Voting power is [`Power`] (the vault's bonded shares at a height): serde-transparent over
//! `Uint128`, so every figure is the same JSON string as before (`"123"`).

use cosmwasm_schema::{cw_serde, QueryResponses};
use cosmwasm_std::{Addr, CosmosMsg};

use crate::units::Power;

/// `instantiate`: the DAO's configuration (SPEC: dao-governance, instantiate).
#[cw_serde]
pub struct InstantiateMsg {
    /// The pool vault: the source of voting power (bonded shares per height).
    pub vault: String,
    /// How long a proposal is open for votes, from its creation.
    pub voting_period_secs: u64,
    /// Turnout needed: (yes + no + abstain)·10⁴ ≥ quorum_bps · total power at the start height.
    pub quorum_bps: u32,
    /// Passing: yes·10⁴ > threshold_bps · (yes + no).
    pub threshold_bps: u32,
    /// The least wait between passing and `execute` (longer under the unbonding rule).
    pub timelock_secs: u64,
    /// Power the proposer needs at the current height (at least 1 whatever is set).
    pub min_propose_power: Power,
    /// May veto a passed proposal during its wait (`null` or absent: no guardian).
    pub guardian: Option<String>,
    /// Most messages a proposal may carry (1 to 64).
    pub max_msgs: u32,
    /// How long a passed proposal stays executable once its wait ends. Default: 7 days.
    pub execution_window_secs: Option<u64>,
    /// Whether the wait covers the vault's exit delay plus `exit_window_secs`, so underwriters
    /// can leave before a change applies. Default: true.
    pub require_timelock_ge_unbonding: Option<bool>,
    /// Longest proposal title. Default: 128 bytes (at most 1,024).
    pub max_title_len: Option<u32>,
    /// Longest proposal description. Default: 4,096 bytes (at most 65,536).
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
    /// New [`InstantiateMsg::voting_period_secs`] (for proposals made from now on).
    pub voting_period_secs: Option<u64>,
    /// New [`InstantiateMsg::quorum_bps`].
    pub quorum_bps: Option<u32>,
    /// New [`InstantiateMsg::threshold_bps`].
    pub threshold_bps: Option<u32>,
    /// New [`InstantiateMsg::timelock_secs`].
    pub timelock_secs: Option<u64>,
    /// New [`InstantiateMsg::min_propose_power`].
    pub min_propose_power: Option<Power>,
    /// New guardian; `""` removes it.
    pub guardian: Option<String>,
    /// New [`InstantiateMsg::max_msgs`].
    pub max_msgs: Option<u32>,
    /// New [`InstantiateMsg::execution_window_secs`].
    pub execution_window_secs: Option<u64>,
    /// New [`InstantiateMsg::require_timelock_ge_unbonding`].
    pub require_timelock_ge_unbonding: Option<bool>,
    /// New [`InstantiateMsg::max_title_len`].
    pub max_title_len: Option<u32>,
    /// New [`InstantiateMsg::max_description_len`].
    pub max_description_len: Option<u32>,
    /// New [`InstantiateMsg::exit_window_secs`].
    pub exit_window_secs: Option<u64>,
}

/// A ballot: `"yes"`, `"no"` or `"abstain"`.
#[cw_serde]
pub enum Vote {
    /// For the proposal.
    Yes,
    /// Against it (counts toward the threshold's denominator).
    No,
    /// Counts toward quorum only.
    Abstain,
}

/// The DAO's actions (SPEC: dao-governance, execute). None takes funds.
#[cw_serde]
pub enum ExecuteMsg {
    /// Attribute `proposal_id`. The proposer needs `min_propose_power` at the current height.
    Propose {
        /// At most `max_title_len` bytes.
        title: String,
        /// At most `max_description_len` bytes.
        description: String,
        /// Run as one atomic batch on `execute` (at most `max_msgs`).
        msgs: Vec<CosmosMsg>,
    },
    /// Once per voter, while the proposal is open; weighs min(power at the start height, bonded
    /// power now).
    Vote {
        /// The proposal voted on.
        proposal_id: u64,
        /// The ballot.
        vote: Vote,
    },
    /// Anyone, once, after passing and the timelock.
    Execute {
        /// The passed proposal to run.
        proposal_id: u64,
    },
    /// The guardian snapshotted at propose, during the timelock.
    Veto {
        /// The passed proposal to stop.
        proposal_id: u64,
    },
    /// Expired unpassed → `rejected`; `execution_failed` → `closed`; passed but never executed
    /// within the window → `expired`.
    Close {
        /// The proposal to close.
        proposal_id: u64,
    },
    /// Only the DAO itself (through a proposal).
    UpdateConfig(ConfigUpdate),
    /// Internal: the DAO calling itself to run a proposal's messages as one atomic batch.
    ExecuteBatch {
        /// The proposal `execute` just dispatched.
        proposal_id: u64,
    },
}

/// The DAO's queries (SPEC: dao-governance, queries).
#[cw_serde]
#[derive(QueryResponses)]
pub enum QueryMsg {
    /// The configuration.
    #[returns(ConfigResponse)]
    Config {},
    /// One proposal, as of the block time.
    #[returns(ProposalResponse)]
    Proposal {
        /// The proposal's id.
        proposal_id: u64,
    },
    /// Proposals in ascending id order, as of the block time.
    #[returns(ProposalsResponse)]
    Proposals {
        /// Start after this id (exclusive).
        start_after: Option<u64>,
        /// Page size: default 10, at most 30.
        limit: Option<u32>,
    },
    /// One voter's ballot on a proposal (`null` if none).
    #[returns(VoteResponse)]
    Vote {
        /// The proposal.
        proposal_id: u64,
        /// The voter's address.
        voter: String,
    },
    /// A proposal's ballots in ascending voter order.
    #[returns(VotesResponse)]
    Votes {
        /// The proposal.
        proposal_id: u64,
        /// Start after this voter (exclusive).
        start_after: Option<String>,
        /// Page size: default 10, at most 30.
        limit: Option<u32>,
    },
}

/// The `config` query's answer: [`InstantiateMsg`] validated, its defaults filled in.
#[cw_serde]
pub struct ConfigResponse {
    /// The pool vault (the source of voting power); changes only by migration.
    pub vault: Addr,
    /// See [`InstantiateMsg::voting_period_secs`].
    pub voting_period_secs: u64,
    /// See [`InstantiateMsg::quorum_bps`].
    pub quorum_bps: u32,
    /// See [`InstantiateMsg::threshold_bps`].
    pub threshold_bps: u32,
    /// See [`InstantiateMsg::timelock_secs`].
    pub timelock_secs: u64,
    /// See [`InstantiateMsg::min_propose_power`].
    pub min_propose_power: Power,
    /// See [`InstantiateMsg::guardian`].
    pub guardian: Option<Addr>,
    /// See [`InstantiateMsg::max_msgs`].
    pub max_msgs: u32,
    /// See [`InstantiateMsg::execution_window_secs`].
    pub execution_window_secs: u64,
    /// See [`InstantiateMsg::require_timelock_ge_unbonding`].
    pub require_timelock_ge_unbonding: bool,
    /// See [`InstantiateMsg::max_title_len`].
    pub max_title_len: u32,
    /// See [`InstantiateMsg::max_description_len`].
    pub max_description_len: u32,
    /// Added to the vault's `unbonding_secs` in the wait (revision 2; absent in a config stored
    /// before it: the default 86,400).
    #[serde(default = "default_exit_window_secs")]
    pub exit_window_secs: u64,
}

/// SPEC's default `exit_window_secs`: one day.
pub const DEFAULT_EXIT_WINDOW_SECS: u64 = 86_400;

/// Serde default of `exit_window_secs` in records stored before revision 2.
pub fn default_exit_window_secs() -> u64 {
    DEFAULT_EXIT_WINDOW_SECS
}

/// Serde default of `require_timelock_ge_unbonding` in proposals stored before revision 2.
pub fn default_true() -> bool {
    true
}

/// A proposal's life: `open` → `passed` | `rejected`; `passed` → `executed` | `vetoed` |
/// `expired`; `executed` → `execution_failed` (the batch failed) → `closed`.
#[cw_serde]
pub enum Status {
    /// Voting.
    Open,
    /// Passed; executable once its wait ends, until the execution window closes.
    Passed,
    /// Failed the vote (or decided early to fail).
    Rejected,
    /// Its batch was dispatched (and succeeded, unless it reads `execution_failed`).
    Executed,
    /// Its batch failed and nothing of it applied (`failure` says why).
    ExecutionFailed,
    /// An `execution_failed` proposal closed.
    Closed,
    /// Stopped by the guardian during its wait.
    Vetoed,
    /// Passed but not executed within its execution window.
    Expired,
}

impl Vote {
    /// The JSON name (snake_case): the `vote` attribute of a ballot.
    pub const fn as_str(&self) -> &'static str {
        match self {
            Vote::Yes => "yes",
            Vote::No => "no",
            Vote::Abstain => "abstain",
        }
    }
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

/// The `proposal` query's answer (SPEC's fields first, then the snapshots and revision 2's).
#[cw_serde]
pub struct ProposalResponse {
    /// The proposal's id (from 1).
    pub id: u64,
    /// As proposed.
    pub title: String,
    /// As proposed.
    pub description: String,
    /// The batch `execute` runs.
    pub msgs: Vec<CosmosMsg>,
    /// Who proposed it.
    pub proposer: Addr,
    /// As of the block time (a proposal whose voting period ended reads passed or rejected, and
    /// one not executed within the window reads expired, with no transaction needed).
    pub status: Status,
    /// The block of `propose`: power is read at this height.
    pub start_height: u64,
    /// Block time (seconds) when voting ends.
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
    /// The DAO's `timelock_secs`, snapshotted at propose (in a proposal stored before
    /// revision 2: max(timelock_secs, the vault's unbonding_secs at propose)).
    pub timelock_secs: u64,
    /// Snapshotted at propose.
    pub execution_window_secs: u64,
    /// The guardian snapshotted at propose (the one who may veto this proposal).
    pub guardian: Option<Addr>,
    /// Block time of `propose`.
    pub created_at: u64,
    /// Block time it passed (the vote that decided it, or the end of voting).
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

/// The `proposals` query's answer.
#[cw_serde]
pub struct ProposalsResponse {
    /// One page, ascending by id.
    pub proposals: Vec<ProposalResponse>,
}

/// One ballot.
#[cw_serde]
pub struct VoteInfo {
    /// Who voted.
    pub voter: Addr,
    /// How.
    pub vote: Vote,
    /// Its weight: min(power at the start height, bonded power at the vote).
    pub power: Power,
}

/// The `vote` query's answer.
#[cw_serde]
pub struct VoteResponse {
    /// The ballot, `null` if the voter has not voted.
    pub vote: Option<VoteInfo>,
}

/// The `votes` query's answer.
#[cw_serde]
pub struct VotesResponse {
    /// One page, ascending by voter.
    pub votes: Vec<VoteInfo>,
}

/// `migrate`: no parameters (cw2 refuses a downgrade or a foreign contract).
#[cw_serde]
pub struct MigrateMsg {}
