//! Underwriters: deposit (shares at the gross price), request_withdraw (unbonding at the net
//! value), withdraw (matured entries at min(value at request, net value now)), cancel_withdraw.

use cosmwasm_std::{Addr, Response};
use risk_pool::units::{Amount, Shares};

use super::{set_bonded, Ctx};
use crate::asset;
use crate::config::limit;
use crate::error::ContractError;
use crate::member::pool_requirement;
use crate::state::{Lot, Unbonding, Underwriter, UNDERWRITERS};

fn prune_lots(uw: &mut Underwriter, now: u64) {
    uw.lots.retain(|l| l.unlocks_at > now);
}

/// Refuses a deposit that would lift underwriter assets above `max_capital_multiple` × the
/// Cover-N requirement.
fn ensure_capital_cap(ctx: &Ctx, amount: Amount) -> Result<(), ContractError> {
    let Some(mult) = ctx.cfg.max_capital_multiple else { return Ok(()) };
    let cap = pool_requirement(ctx.deps.storage, ctx.pool.cover_n)?.mul_decimal_floor(mult)?;
    let after = ctx.pool.total_assets.checked_add(amount)?;
    if after > cap {
        return Err(ContractError::CapitalCapExceeded { cap, after });
    }
    Ok(())
}

/// Locks freshly minted `shares` for `deposit_lock_secs`. A full address depositing for itself
/// only delays its own newest lot; a deposit for a full address from anyone else is refused.
fn lock(ctx: &Ctx, uw: &mut Underwriter, shares: Shares, own: bool, recipient: &Addr) -> Result<(), ContractError> {
    let cfg = &ctx.cfg;
    if cfg.deposit_lock_secs == 0 {
        return Ok(());
    }
    let unlocks_at = ctx.now.saturating_add(cfg.deposit_lock_secs);
    if uw.lots.len() < limit(cfg.max_unbonding_entries) {
        uw.lots.push(Lot { shares, unlocks_at });
        return Ok(());
    }
    match uw.lots.last_mut() {
        Some(last) if own => {
            last.shares = last.shares.checked_add(shares)?;
            last.unlocks_at = unlocks_at;
            Ok(())
        }
        _ => Err(ContractError::LockLotsFull { address: recipient.to_string(), max: cfg.max_unbonding_entries }),
    }
}

/// `amount` from `payer` mints shares to `recipient` (default: the payer).
pub fn deposit(
    ctx: &mut Ctx,
    payer: Addr,
    amount: Amount,
    recipient: Option<String>,
) -> Result<Response, ContractError> {
    ctx.ensure_not_paused("deposit")?;
    if amount < ctx.cfg.min_deposit {
        return Err(ContractError::BelowMinDeposit { amount, min: ctx.cfg.min_deposit });
    }
    ensure_capital_cap(ctx, amount)?;
    let shares = ctx.pool.shares_for(amount)?;
    if shares.is_zero() {
        return Err(ContractError::ZeroShares { amount });
    }
    let recipient = match recipient {
        Some(r) => ctx.deps.api.addr_validate(&r)?,
        None => payer.clone(),
    };
    let mut uw = UNDERWRITERS.may_load(ctx.deps.storage, &recipient)?.unwrap_or_default();
    prune_lots(&mut uw, ctx.now);
    lock(ctx, &mut uw, shares, recipient == payer, &recipient)?;
    let old_bonded = uw.bonded;
    uw.shares = uw.shares.checked_add(shares)?;
    uw.bonded = uw.bonded.checked_add(shares)?;
    ctx.pool.total_shares = ctx.pool.total_shares.checked_add(shares)?;
    ctx.pool.total_assets = ctx.pool.total_assets.checked_add(amount)?;
    UNDERWRITERS.save(ctx.deps.storage, &recipient, &uw)?;
    set_bonded(ctx.deps.storage, &recipient, old_bonded, uw.bonded, ctx.env.block.height)?;
    Ok(Response::new()
        .add_attribute("action", "deposit")
        .add_attribute("depositor", payer)
        .add_attribute("recipient", recipient)
        .add_attribute("amount", amount.to_string())
        .add_attribute("shares", shares.to_string()))
}

/// Starts unbonding `shares` (bonded and unlocked) at their net value now.
pub fn request_withdraw(ctx: &mut Ctx, sender: Addr, shares: Shares) -> Result<Response, ContractError> {
    if shares.is_zero() {
        return Err(ContractError::ZeroAmount { what: "shares" });
    }
    let mut uw = UNDERWRITERS.may_load(ctx.deps.storage, &sender)?.unwrap_or_default();
    prune_lots(&mut uw, ctx.now);
    let locked = Shares::checked_sum(uw.lots.iter().map(|l| l.shares))?;
    let available = uw.bonded.saturating_sub(locked);
    if shares > available {
        let next_unlock = uw.lots.iter().map(|l| l.unlocks_at).min();
        return Err(ContractError::SharesLocked { requested: shares, available, next_unlock });
    }
    if uw.unbonding.len() >= limit(ctx.cfg.max_unbonding_entries) {
        return Err(ContractError::TooManyUnbondingEntries { max: ctx.cfg.max_unbonding_entries });
    }
    let value_at_request = ctx.pool.value_of(shares)?;
    let id = ctx.pool.next_unbonding_id.checked_add(1).ok_or(ContractError::Math { what: "unbonding id" })?;
    ctx.pool.next_unbonding_id = id;
    let matures_at = ctx.now.saturating_add(ctx.cfg.unbonding_secs);
    uw.unbonding.push(Unbonding { id, shares, value_at_request, matures_at });
    let old_bonded = uw.bonded;
    uw.bonded = uw.bonded.checked_sub(shares)?;
    ctx.pool.unbonding_shares = ctx.pool.unbonding_shares.checked_add(shares)?;
    UNDERWRITERS.save(ctx.deps.storage, &sender, &uw)?;
    set_bonded(ctx.deps.storage, &sender, old_bonded, uw.bonded, ctx.env.block.height)?;
    Ok(Response::new()
        .add_attribute("action", "request_withdraw")
        .add_attribute("owner", sender)
        .add_attribute("unbonding_id", id.to_string())
        .add_attribute("shares", shares.to_string())
        .add_attribute("value_at_request", value_at_request.to_string())
        .add_attribute("matures_at", matures_at.to_string()))
}

/// Pays every matured entry of the sender: min(value at request, net value now) each.
pub fn withdraw(ctx: &mut Ctx, sender: Addr) -> Result<Response, ContractError> {
    let mut uw = UNDERWRITERS.may_load(ctx.deps.storage, &sender)?.unwrap_or_default();
    let now = ctx.now;
    let (matured, waiting): (Vec<_>, Vec<_>) = uw.unbonding.drain(..).partition(|e| e.matures_at <= now);
    if matured.is_empty() {
        return Err(ContractError::NothingMatured { next: waiting.iter().map(|e| e.matures_at).min() });
    }
    uw.unbonding = waiting;
    let (mut paid, mut burned) = (Amount::ZERO, Shares::ZERO);
    for e in &matured {
        let pool = &mut ctx.pool;
        let pay = e.value_at_request.min(pool.value_of(e.shares)?);
        pool.total_shares = pool.total_shares.checked_sub(e.shares)?;
        pool.unbonding_shares = pool.unbonding_shares.checked_sub(e.shares)?;
        pool.total_assets = pool.total_assets.checked_sub(pay)?;
        paid = paid.checked_add(pay)?;
        burned = burned.checked_add(e.shares)?;
    }
    uw.shares = uw.shares.checked_sub(burned)?;
    if uw.shares.is_zero() && uw.lots.is_empty() {
        UNDERWRITERS.remove(ctx.deps.storage, &sender);
    } else {
        UNDERWRITERS.save(ctx.deps.storage, &sender, &uw)?;
    }
    let ids: Vec<String> = matured.iter().map(|e| e.id.to_string()).collect();
    Ok(Response::new()
        .add_messages(asset::pay(&ctx.cfg, &sender, paid)?)
        .add_attribute("action", "withdraw")
        .add_attribute("owner", sender)
        .add_attribute("unbonding_ids", ids.join(","))
        .add_attribute("shares", burned.to_string())
        .add_attribute("amount", paid.to_string()))
}

/// Bonds the shares of unbonding entry `id` again.
pub fn cancel_withdraw(ctx: &mut Ctx, sender: Addr, id: u64) -> Result<Response, ContractError> {
    let mut uw = UNDERWRITERS.may_load(ctx.deps.storage, &sender)?.unwrap_or_default();
    let pos = uw.unbonding.iter().position(|e| e.id == id).ok_or(ContractError::UnbondingNotFound { id })?;
    let e = uw.unbonding.remove(pos);
    let old_bonded = uw.bonded;
    uw.bonded = uw.bonded.checked_add(e.shares)?;
    ctx.pool.unbonding_shares = ctx.pool.unbonding_shares.checked_sub(e.shares)?;
    UNDERWRITERS.save(ctx.deps.storage, &sender, &uw)?;
    set_bonded(ctx.deps.storage, &sender, old_bonded, uw.bonded, ctx.env.block.height)?;
    Ok(Response::new()
        .add_attribute("action", "cancel_withdraw")
        .add_attribute("owner", sender)
        .add_attribute("unbonding_id", id.to_string())
        .add_attribute("shares", e.shares.to_string()))
}
