//! Underwriters: deposit (shares at the gross price), request_withdraw (unbonding at the net
//! value), withdraw (matured entries at min(value at request, net value now)), cancel_withdraw.

use cosmwasm_std::{Addr, DepsMut, Env, Response, Uint128};
use risk_pool::vault::{LockLot, UnbondingEntry};

use super::{ensure_not_paused, set_bonded};
use crate::asset;
use crate::error::ContractError;
use crate::member::pool_requirement;
use crate::state::{Config, Pool, Underwriter, COVER, UNDERWRITERS};

fn prune_lots(uw: &mut Underwriter, now: u64) {
    uw.lots.retain(|l| l.unlocks_at > now);
}

/// `amount` from `payer` mints shares to `recipient` (default: the payer).
pub fn deposit(
    deps: DepsMut,
    env: &Env,
    cfg: &Config,
    pool: &mut Pool,
    payer: Addr,
    amount: Uint128,
    recipient: Option<String>,
) -> Result<Response, ContractError> {
    let now = env.block.time.seconds();
    ensure_not_paused(pool, "deposit")?;
    if amount < cfg.min_deposit {
        return Err(ContractError::BelowMinDeposit { amount, min: cfg.min_deposit });
    }
    if let Some(mult) = cfg.max_capital_multiple {
        let rows = COVER.may_load(deps.storage)?.unwrap_or_default();
        let cap = pool_requirement(&rows, pool.cover_n)?.mul_floor(mult);
        let after = pool.total_assets + amount;
        if after > cap {
            return Err(ContractError::CapitalCapExceeded { cap, after });
        }
    }
    let shares = pool.shares_for(amount)?;
    if shares.is_zero() {
        return Err(ContractError::ZeroShares { amount });
    }
    let recipient = match recipient {
        Some(r) => deps.api.addr_validate(&r)?,
        None => payer.clone(),
    };
    let mut uw = UNDERWRITERS.may_load(deps.storage, &recipient)?.unwrap_or_default();
    prune_lots(&mut uw, now);
    if cfg.deposit_lock_secs > 0 {
        let lot = LockLot { shares, unlocks_at: now.saturating_add(cfg.deposit_lock_secs) };
        if uw.lots.len() < cfg.max_unbonding_entries as usize {
            uw.lots.push(lot);
        } else if recipient == payer {
            // A full address depositing for itself only delays its own newest lot.
            let last = uw.lots.last_mut().expect("max_unbonding_entries > 0");
            last.shares += lot.shares;
            last.unlocks_at = lot.unlocks_at;
        } else {
            return Err(ContractError::LockLotsFull { address: recipient.to_string(), max: cfg.max_unbonding_entries });
        }
    }
    let old_bonded = uw.bonded;
    uw.shares += shares;
    uw.bonded += shares;
    pool.total_shares += shares;
    pool.total_assets += amount;
    UNDERWRITERS.save(deps.storage, &recipient, &uw)?;
    set_bonded(deps.storage, &recipient, old_bonded, uw.bonded, env.block.height)?;
    Ok(Response::new()
        .add_attribute("action", "deposit")
        .add_attribute("depositor", payer)
        .add_attribute("recipient", recipient)
        .add_attribute("amount", amount)
        .add_attribute("shares", shares))
}

pub fn request_withdraw(
    deps: DepsMut,
    env: &Env,
    cfg: &Config,
    pool: &mut Pool,
    sender: Addr,
    shares: Uint128,
) -> Result<Response, ContractError> {
    let now = env.block.time.seconds();
    if shares.is_zero() {
        return Err(ContractError::ZeroAmount { what: "shares" });
    }
    let mut uw = UNDERWRITERS.may_load(deps.storage, &sender)?.unwrap_or_default();
    prune_lots(&mut uw, now);
    let locked: Uint128 = uw.lots.iter().map(|l| l.shares).sum();
    let available = uw.bonded.saturating_sub(locked);
    if shares > available {
        let next_unlock = uw.lots.iter().map(|l| l.unlocks_at).min();
        return Err(ContractError::SharesLocked { requested: shares, available, next_unlock });
    }
    if uw.unbonding.len() >= cfg.max_unbonding_entries as usize {
        return Err(ContractError::TooManyUnbondingEntries { max: cfg.max_unbonding_entries });
    }
    let value_at_request = pool.value_of(shares)?;
    pool.next_unbonding_id += 1;
    let id = pool.next_unbonding_id;
    let matures_at = now.saturating_add(cfg.unbonding_secs);
    uw.unbonding.push(UnbondingEntry { id, shares, value_at_request, matures_at });
    let old_bonded = uw.bonded;
    uw.bonded -= shares;
    pool.unbonding_shares += shares;
    UNDERWRITERS.save(deps.storage, &sender, &uw)?;
    set_bonded(deps.storage, &sender, old_bonded, uw.bonded, env.block.height)?;
    Ok(Response::new()
        .add_attribute("action", "request_withdraw")
        .add_attribute("owner", sender)
        .add_attribute("unbonding_id", id.to_string())
        .add_attribute("shares", shares)
        .add_attribute("value_at_request", value_at_request)
        .add_attribute("matures_at", matures_at.to_string()))
}

pub fn withdraw(
    deps: DepsMut,
    env: &Env,
    cfg: &Config,
    pool: &mut Pool,
    sender: Addr,
) -> Result<Response, ContractError> {
    let now = env.block.time.seconds();
    let mut uw = UNDERWRITERS.may_load(deps.storage, &sender)?.unwrap_or_default();
    let (matured, waiting): (Vec<_>, Vec<_>) = uw.unbonding.drain(..).partition(|e| e.matures_at <= now);
    if matured.is_empty() {
        return Err(ContractError::NothingMatured { next: waiting.iter().map(|e| e.matures_at).min() });
    }
    uw.unbonding = waiting;
    let (mut paid, mut burned) = (Uint128::zero(), Uint128::zero());
    for e in &matured {
        let pay = e.value_at_request.min(pool.value_of(e.shares)?);
        pool.total_shares -= e.shares;
        pool.unbonding_shares -= e.shares;
        pool.total_assets -= pay;
        paid += pay;
        burned += e.shares;
    }
    uw.shares -= burned;
    if uw.shares.is_zero() && uw.lots.is_empty() {
        UNDERWRITERS.remove(deps.storage, &sender);
    } else {
        UNDERWRITERS.save(deps.storage, &sender, &uw)?;
    }
    let ids: Vec<String> = matured.iter().map(|e| e.id.to_string()).collect();
    Ok(Response::new()
        .add_messages(asset::pay(cfg, &sender, paid)?)
        .add_attribute("action", "withdraw")
        .add_attribute("owner", sender)
        .add_attribute("unbonding_ids", ids.join(","))
        .add_attribute("shares", burned)
        .add_attribute("amount", paid))
}

pub fn cancel_withdraw(
    deps: DepsMut,
    env: &Env,
    pool: &mut Pool,
    sender: Addr,
    id: u64,
) -> Result<Response, ContractError> {
    let mut uw = UNDERWRITERS.may_load(deps.storage, &sender)?.unwrap_or_default();
    let pos = uw.unbonding.iter().position(|e| e.id == id).ok_or(ContractError::UnbondingNotFound { id })?;
    let e = uw.unbonding.remove(pos);
    let old_bonded = uw.bonded;
    uw.bonded += e.shares;
    pool.unbonding_shares -= e.shares;
    UNDERWRITERS.save(deps.storage, &sender, &uw)?;
    set_bonded(deps.storage, &sender, old_bonded, uw.bonded, env.block.height)?;
    Ok(Response::new()
        .add_attribute("action", "cancel_withdraw")
        .add_attribute("owner", sender)
        .add_attribute("unbonding_id", id.to_string())
        .add_attribute("shares", e.shares))
}
