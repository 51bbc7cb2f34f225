use cosmwasm_std::{to_json_binary, Binary, Deps, Env, Order};
use cw_storage_plus::Bound;
use risk_pool::dao::{ProposalsResponse, QueryMsg, VoteInfo, VoteResponse, VotesResponse};

use crate::config::{DEFAULT_PAGE, MAX_PAGE};
use crate::error::ContractError;
use crate::execute::{exit_delay, vault_config};
use crate::state::{unbonding_log, BALLOTS, CONFIG, PROPOSALS};
use crate::tally::{seen_unbonding, status_at};

fn page(limit: Option<u32>) -> usize {
    limit.unwrap_or(DEFAULT_PAGE).min(MAX_PAGE) as usize
}

pub fn dispatch(deps: Deps, env: Env, msg: QueryMsg) -> Result<Binary, ContractError> {
    let now = env.block.time.seconds();
    // The vault's unbonding now, read once (a passed proposal's `executable_at` and expiry use
    // it with the logged changes; if the vault cannot be queried, the recorded and logged values
    // stand).
    let vault_now = || CONFIG.load(deps.storage).ok().and_then(|cfg| vault_config(&deps.querier, &cfg).ok());
    let live = |v: &Option<risk_pool::vault::ConfigResponse>, p: &risk_pool::dao::ProposalResponse| {
        v.as_ref().map(|c| exit_delay(c, p.exit_window_secs))
    };
    Ok(match msg {
        QueryMsg::Config {} => to_json_binary(&CONFIG.load(deps.storage)?)?,
        QueryMsg::Proposal { proposal_id: id } => {
            let p = PROPOSALS.may_load(deps.storage, id)?.ok_or(ContractError::ProposalNotFound { id })?;
            let seen = seen_unbonding(&p, live(&vault_now(), &p), &unbonding_log(deps.storage)?);
            to_json_binary(&status_at(p, now, seen))?
        }
        QueryMsg::Proposals { start_after, limit } => {
            let (v, log) = (vault_now(), unbonding_log(deps.storage)?);
            let proposals = PROPOSALS
                .range(deps.storage, start_after.map(Bound::exclusive), None, Order::Ascending)
                .take(page(limit))
                .map(|r| r.map(|(_, p)| status_at(p.clone(), now, seen_unbonding(&p, live(&v, &p), &log))))
                .collect::<Result<_, _>>()?;
            to_json_binary(&ProposalsResponse { proposals })?
        }
        QueryMsg::Vote { proposal_id, voter } => {
            let voter = deps.api.addr_validate(&voter)?;
            let vote = BALLOTS.may_load(deps.storage, (proposal_id, &voter))?.map(|(vote, power)| VoteInfo {
                voter,
                vote,
                power,
            });
            to_json_binary(&VoteResponse { vote })?
        }
        QueryMsg::Votes { proposal_id, start_after, limit } => {
            let start = start_after.map(|s| deps.api.addr_validate(&s)).transpose()?;
            let votes = BALLOTS
                .prefix(proposal_id)
                .range(deps.storage, start.as_ref().map(Bound::exclusive), None, Order::Ascending)
                .take(page(limit))
                .map(|r| r.map(|(voter, (vote, power))| VoteInfo { voter, vote, power }))
                .collect::<Result<_, _>>()?;
            to_json_binary(&VotesResponse { votes })?
        }
    })
}
