//! `vote`: once per voter while open, weighed min(power at the start height, bonded now); the
//! vote that decides the proposal passes or rejects it at once.

use cosmwasm_std::{Addr, DepsMut, Env, QuerierWrapper, Response};
use risk_pool::dao::{Status, Vote};
use risk_pool::{Power, VaultContract};

use crate::error::ContractError;
use crate::execute::{expect, now};
use crate::exits::{live_unbonding, record_unbonding};
use crate::state::{load_proposal, Proposal, BALLOTS, CONFIG, PROPOSALS};
use crate::tally::{outcome, pass, status_at, Outcome};

/// A vote weighs min(power at the start height, bonded power now). Power "now" is read at the
/// next height, which the vault answers with the current bonded shares (changes made earlier in
/// this block included).
pub fn vote(deps: DepsMut, env: &Env, sender: Addr, id: u64, vote: Vote) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    let now = now(env);
    let mut p = status_at(load_proposal(deps.storage, id)?, now, None);
    expect(&p, Status::Open)?;
    if BALLOTS.has(deps.storage, (id, &sender)) {
        return Err(ContractError::AlreadyVoted { id, voter: sender.to_string() });
    }
    // The latest unbonding: the vote that passes the proposal starts its wait with it.
    let live = live_unbonding(&deps.querier, &cfg, &p)?;
    record_unbonding(&mut p, live);
    let power = weight(&deps.querier, &VaultContract(cfg.vault), &sender, p.start_height, env.block.height)?;
    count(&mut p, &vote, power)?;
    decide(&mut p, now);
    BALLOTS.save(deps.storage, (id, &sender), &(vote.clone(), power))?;
    PROPOSALS.save(deps.storage, id, &p)?;
    Ok(Response::new()
        .add_attribute("action", "vote")
        .add_attribute("proposal_id", id.to_string())
        .add_attribute("voter", sender)
        .add_attribute("vote", vote.as_str())
        .add_attribute("power", power.to_string())
        .add_attribute("status", p.status.as_str()))
}

/// min(power at `start_height`, bonded now); `NoVotingPower` at zero.
fn weight(
    querier: &QuerierWrapper,
    vault: &VaultContract,
    voter: &Addr,
    start_height: u64,
    height: u64,
) -> Result<Power, ContractError> {
    let at_start = vault.voting_power_at_height(querier, voter.as_str(), start_height)?;
    let bonded_now = vault.voting_power_at_height(querier, voter.as_str(), height + 1)?;
    let power = at_start.min(bonded_now);
    if power.is_zero() {
        return Err(ContractError::NoVotingPower { voter: voter.to_string(), at_start, now: bonded_now });
    }
    Ok(power)
}

/// Adds `power` to the tally of `vote` (checked).
fn count(p: &mut Proposal, vote: &Vote, power: Power) -> Result<(), ContractError> {
    let tally = match vote {
        Vote::Yes => &mut p.yes,
        Vote::No => &mut p.no,
        Vote::Abstain => &mut p.abstain,
    };
    *tally = tally.checked_add(power)?;
    Ok(())
}

/// Passes or rejects `p` at `now` once its outcome can no longer change.
fn decide(p: &mut Proposal, now: u64) {
    match outcome(p, false) {
        Outcome::Pass => pass(p, now),
        Outcome::Fail => p.status = Status::Rejected,
        Outcome::Undecided => {}
    }
}
