//! One module per group of actions; `contract.rs` dispatches here. Each action loads what it
//! needs, checks everything before it writes, and answers with an `action` attribute.

pub mod batch;
pub mod close;
pub mod config;
pub mod propose;
pub mod veto;
pub mod vote;

use cosmwasm_std::{Addr, DepsMut, Env};
use risk_pool::dao::Status;

use crate::error::ContractError;
use crate::exits::{live_unbonding, record_unbonding};
use crate::state::{load_proposal, unbonding_log, Config, Proposal};
use crate::tally::{seen_unbonding, status_at};

/// The block time, seconds.
pub fn now(env: &Env) -> u64 {
    env.block.time.seconds()
}

/// The proposal as of `now`. Once passed, its wait and expiry are computed with the vault's
/// `unbonding_secs` read now when the unbonding rule applies to it (`VaultUnavailable` if the
/// vault cannot be queried; nothing is read for a proposal in any other state).
pub fn load_as_of(deps: &DepsMut, cfg: &Config, id: u64, now: u64) -> Result<Proposal, ContractError> {
    let stored = load_proposal(deps.storage, id)?;
    let p = status_at(stored.clone(), now, None);
    if !matches!(p.status, Status::Passed | Status::Expired) {
        return Ok(p);
    }
    let live = live_unbonding(&deps.querier, cfg, &stored)?;
    let seen = seen_unbonding(&stored, live, &unbonding_log(deps.storage)?);
    let mut p = status_at(stored, now, seen);
    record_unbonding(&mut p, live);
    Ok(p)
}

/// `WrongStatus` unless `p` is `expected`.
pub fn expect(p: &Proposal, expected: Status) -> Result<(), ContractError> {
    if p.status != expected {
        return Err(ContractError::WrongStatus { id: p.id, status: p.status.to_string(), expected: expected.as_str() });
    }
    Ok(())
}

/// `Unauthorized` unless the sender is the DAO itself (a proposal's batch).
pub fn ensure_self(env: &Env, sender: &Addr, role: &'static str, action: &'static str) -> Result<(), ContractError> {
    if sender != env.contract.address {
        return Err(ContractError::Unauthorized { role, action });
    }
    Ok(())
}
