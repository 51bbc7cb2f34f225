//! Queries, as of the block time. `config`, `proposal` and `proposals` serialize the stored
//! `Config` / `Proposal` themselves: their JSON is the response types' byte for byte (state.rs
//! `layout_tests`, tests/query_answers_of_old_records.rs), and one serializer per type instead of
//! two keeps the wasm smaller (issue 15). The response types stay the interface (schema, clients).

use cosmwasm_std::{to_json_binary, Addr, Binary, Deps, Env, Order, StdResult};
use cw_storage_plus::Bound;
use risk_pool::dao::{QueryMsg, VoteInfo, VoteResponse, VotesResponse};

use crate::config::{DEFAULT_PAGE, MAX_PAGE};
use crate::error::ContractError;
use crate::exits::{exit_delay, vault_config, VaultTimes};
use crate::state::{load_proposal, unbonding_log, Ballot, Proposal, BALLOTS, CONFIG, PROPOSALS};
use crate::tally::{seen_unbonding, status_at};

/// Routes each query to its function.
pub fn dispatch(deps: Deps, env: Env, msg: QueryMsg) -> Result<Binary, ContractError> {
    let now = env.block.time.seconds();
    Ok(match msg {
        QueryMsg::Config {} => to_json_binary(&CONFIG.load(deps.storage)?)?,
        QueryMsg::Proposal { proposal_id } => to_json_binary(&proposal(deps, now, proposal_id)?)?,
        QueryMsg::Proposals { start_after, limit } => to_json_binary(&proposals(deps, now, start_after, limit)?)?,
        QueryMsg::Vote { proposal_id, voter } => to_json_binary(&vote(deps, proposal_id, &voter)?)?,
        QueryMsg::Votes { proposal_id, start_after, limit } => {
            to_json_binary(&votes(deps, proposal_id, start_after, limit)?)?
        }
    })
}

/// `ProposalsResponse`'s JSON (`{"proposals":[…]}`) over the stored proposals.
#[derive(serde::Serialize)]
struct ProposalsOut {
    proposals: Vec<Proposal>,
}

fn page(limit: Option<u32>) -> usize {
    let n = limit.unwrap_or(DEFAULT_PAGE).min(MAX_PAGE);
    usize::try_from(n).unwrap_or(usize::MAX)
}

/// What a proposal's status as of now needs besides the proposal: the vault's configuration
/// read once (`None` if it cannot be queried: the recorded and logged values stand) and the
/// logged unbonding changes.
struct Seen {
    vault: Option<VaultTimes>,
    log: Vec<(u64, u64)>,
}

impl Seen {
    fn read(deps: Deps) -> StdResult<Seen> {
        let vault = CONFIG.load(deps.storage).ok().and_then(|cfg| vault_config(&deps.querier, &cfg).ok());
        Ok(Seen { vault, log: unbonding_log(deps.storage)? })
    }

    /// `p` as of `now`, answered.
    fn answer(&self, p: Proposal, now: u64) -> Proposal {
        let live = self.vault.as_ref().map(|c| exit_delay(c, p.exit_window_secs));
        let seen = seen_unbonding(&p, live, &self.log);
        status_at(p, now, seen)
    }
}

fn proposal(deps: Deps, now: u64, id: u64) -> Result<Proposal, ContractError> {
    let p = load_proposal(deps.storage, id)?;
    Ok(Seen::read(deps)?.answer(p, now))
}

fn proposals(deps: Deps, now: u64, start_after: Option<u64>, limit: Option<u32>) -> StdResult<ProposalsOut> {
    let seen = Seen::read(deps)?;
    let proposals = PROPOSALS
        .range(deps.storage, start_after.map(Bound::exclusive), None, Order::Ascending)
        .take(page(limit))
        .map(|r| r.map(|(_, p)| seen.answer(p, now)))
        .collect::<StdResult<_>>()?;
    Ok(ProposalsOut { proposals })
}

fn vote_info(voter: Addr, (vote, power): Ballot) -> VoteInfo {
    VoteInfo { voter, vote, power }
}

fn vote(deps: Deps, proposal_id: u64, voter: &str) -> StdResult<VoteResponse> {
    let voter = deps.api.addr_validate(voter)?;
    let vote = BALLOTS.may_load(deps.storage, (proposal_id, &voter))?.map(|b| vote_info(voter, b));
    Ok(VoteResponse { vote })
}

fn votes(deps: Deps, proposal_id: u64, start_after: Option<String>, limit: Option<u32>) -> StdResult<VotesResponse> {
    let start = start_after.map(|s| deps.api.addr_validate(&s)).transpose()?;
    let votes = BALLOTS
        .prefix(proposal_id)
        .range(deps.storage, start.as_ref().map(Bound::exclusive), None, Order::Ascending)
        .take(page(limit))
        .map(|r| r.map(|(voter, b)| vote_info(voter, b)))
        .collect::<StdResult<_>>()?;
    Ok(VotesResponse { votes })
}
