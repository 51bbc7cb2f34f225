//! The loss waterfall: claim_loss (member escrow first, then the pool within its caps),
//! approval, rejection, the FIFO shortfall queue and recoveries.

use cosmwasm_std::{to_json_binary, Addr, DepsMut, Env, Response, Storage, Uint128};
use risk_pool::vault::{ClaimLossResponse, ClaimStatus};

use super::{assess, ensure_not_paused, ensure_owner};
use crate::asset;
use crate::error::ContractError;
use crate::member::{load_member, may_load_member, save_member};
use crate::state::{Claim, Config, Member, PendingRef, Pool, CLAIMS, MEMBERS, PENDING, SHORTFALL_QUEUE};

fn load_claim(storage: &dyn Storage, id: u64) -> Result<Claim, ContractError> {
    CLAIMS.may_load(storage, id)?.ok_or(ContractError::ClaimNotFound { id })
}

fn expect(claim: &Claim, status: ClaimStatus, expected: &'static str) -> Result<(), ContractError> {
    if claim.status != status {
        return Err(ContractError::ClaimStatus { id: claim.id, status: claim.status.as_str().into(), expected });
    }
    Ok(())
}

/// Pays the claim's pool part within the loss cap (the rest becomes shortfall, FIFO), and the
/// escrow with it. Returns the payout to the recipient.
fn settle(
    storage: &mut dyn Storage,
    cfg: &Config,
    pool: &mut Pool,
    m: &mut Member,
    claim: &mut Claim,
    pool_part: Uint128,
    now: u64,
) -> Result<Uint128, ContractError> {
    let paid = pool.pay_loss(cfg, now, pool_part)?;
    let shortfall = pool_part - paid;
    claim.status = ClaimStatus::Settled;
    claim.paid_by_pool = paid;
    claim.shortfall = shortfall;
    let (window, window_total) = m.window_total(cfg, now);
    m.window = (window, window_total + pool_part);
    m.coverage_used += pool_part;
    m.paid_by_pool += paid;
    m.shortfall += shortfall;
    pool.paid_by_members += claim.paid_by_member;
    if !shortfall.is_zero() {
        pool.shortfall += shortfall;
        pool.shortfall_to_date += shortfall;
        SHORTFALL_QUEUE.push_back(storage, &claim.id)?;
    }
    Ok(claim.paid_by_member + paid)
}

fn claim_response(claim: &Claim) -> ClaimLossResponse {
    ClaimLossResponse {
        claim_id: claim.id,
        status: claim.status.clone(),
        paid_by_member: claim.paid_by_member,
        paid_by_pool: claim.paid_by_pool,
        denied: claim.denied,
        shortfall: claim.shortfall,
    }
}

fn claim_attrs(res: Response, action: &str, c: &Claim) -> Response {
    res.add_attribute("action", action)
        .add_attribute("claim_id", c.id.to_string())
        .add_attribute("claim_status", c.status.as_str())
        .add_attribute("member", c.member.as_str())
        .add_attribute("amount", c.amount)
        .add_attribute("paid_by_member", c.paid_by_member)
        .add_attribute("paid_by_pool", c.paid_by_pool)
        .add_attribute("denied", c.denied)
        .add_attribute("shortfall", c.shortfall)
}

#[allow(clippy::too_many_arguments)]
pub fn claim_loss(
    deps: DepsMut,
    env: &Env,
    cfg: &Config,
    pool: &mut Pool,
    sender: Addr,
    amount: Uint128,
    recipient: String,
    memo: Option<String>,
) -> Result<Response, ContractError> {
    let now = env.block.time.seconds();
    let mut m = load_member(deps.storage, &sender)?;
    if let Some(claim_id) = m.pending_claim {
        return Err(ContractError::PendingClaimExists { member: sender.to_string(), claim_id });
    }
    if amount.is_zero() {
        return Err(ContractError::ZeroAmount { what: "amount" });
    }
    let recipient = deps.api.addr_validate(&recipient)?;
    if recipient == env.contract.address || asset::token(cfg) == Some(recipient.as_str()) {
        return Err(ContractError::InvalidRecipient { recipient: recipient.to_string() });
    }
    if let Some(len) = memo.as_ref().map(|s| s.len()).filter(|l| *l > cfg.max_memo_len as usize) {
        return Err(ContractError::MemoTooLong { len, max: cfg.max_memo_len });
    }
    m.accrue(cfg, now)?;
    let needs_assessment = match assess(&deps.querier, cfg, &m.exposures) {
        Ok(a) => {
            m.apply_assessment(cfg, pool, &a, now);
            false
        }
        Err(_) => true,
    };
    let suspended = m.suspension(cfg, now, m.contribution);
    let escrow = m.contribution.min(amount);
    let rest = amount - escrow;
    let pool_part = if suspended.is_some() {
        Uint128::zero()
    } else {
        rest.min(m.claim_limit(cfg, pool.claim_multiple, now)).min(m.coverage_left())
    };
    let denied = rest - pool_part;
    m.contribution -= escrow;
    pool.member_contributions -= escrow;
    m.denied += denied;
    pool.denied += denied;
    pool.next_claim_id += 1;
    let mut claim = Claim {
        id: pool.next_claim_id,
        member: sender.clone(),
        amount,
        recipient: recipient.clone(),
        memo,
        status: ClaimStatus::Pending,
        paid_by_member: escrow,
        paid_by_pool: pool_part,
        denied,
        shortfall: Uint128::zero(),
        created_at: now,
        expires_at: now + cfg.max_pending_claim_secs,
        reason: None,
        suspended: suspended.map(String::from),
        needs_assessment,
        recovered_shortfall: Uint128::zero(),
        recovered_pool: Uint128::zero(),
        recovered_member: Uint128::zero(),
    };
    let (_, window_total) = m.window_total(cfg, now);
    let auto =
        !needs_assessment && pool.paused_until.is_none() && window_total + pool_part <= cfg.claim_auto_approve_limit;
    let mut res = Response::new();
    if auto {
        let payout = settle(deps.storage, cfg, pool, &mut m, &mut claim, pool_part, now)?;
        res = res.add_messages(asset::pay(cfg, &recipient, payout)?);
    } else {
        pool.escrow += escrow;
        pool.pending_exposure += pool_part;
        m.pending_claim = Some(claim.id);
        let mut pending = PENDING.may_load(deps.storage)?.unwrap_or_default();
        pending.push(PendingRef {
            id: claim.id,
            member: sender.clone(),
            pool_part,
            escrow,
            expires_at: claim.expires_at,
        });
        PENDING.save(deps.storage, &pending)?;
    }
    CLAIMS.save(deps.storage, claim.id, &claim)?;
    save_member(deps.storage, cfg, &sender, &m, now)?;
    Ok(claim_attrs(res, "claim_loss", &claim)
        .add_attribute("recipient", recipient)
        .set_data(to_json_binary(&claim_response(&claim))?))
}

/// Removes claim `id` from the pending list; returns its escrow and pool part.
fn take_pending(storage: &mut dyn Storage, pool: &mut Pool, id: u64) -> Result<PendingRef, ContractError> {
    let mut pending = PENDING.may_load(storage)?.unwrap_or_default();
    let pos = pending.iter().position(|p| p.id == id).ok_or(ContractError::ClaimNotFound { id })?;
    let p = pending.remove(pos);
    PENDING.save(storage, &pending)?;
    pool.escrow -= p.escrow;
    pool.pending_exposure -= p.pool_part;
    Ok(p)
}

/// Owner: settles a pending claim. A claim filed while the oracle failed is assessed first
/// (`OracleError` if it fails again) and its pool part re-capped on the fresh figures.
pub fn approve_claim(
    deps: DepsMut,
    env: &Env,
    cfg: &Config,
    pool: &mut Pool,
    sender: Addr,
    id: u64,
) -> Result<Response, ContractError> {
    let now = env.block.time.seconds();
    ensure_owner(cfg, &sender, "approve claims")?;
    let mut claim = load_claim(deps.storage, id)?;
    expect(&claim, ClaimStatus::Pending, "pending")?;
    let mut m = load_member(deps.storage, &claim.member)?;
    m.accrue(cfg, now)?;
    let p = take_pending(deps.storage, pool, id)?;
    let mut pool_part = p.pool_part;
    if claim.needs_assessment {
        let a = assess(&deps.querier, cfg, &m.exposures)?;
        m.apply_assessment(cfg, pool, &a, now);
        let suspended = m.suspension(cfg, now, m.contribution + p.escrow);
        let capped = if suspended.is_some() {
            Uint128::zero()
        } else {
            pool_part.min(m.claim_limit(cfg, pool.claim_multiple, now)).min(m.coverage_left())
        };
        let extra = pool_part - capped;
        claim.denied += extra;
        m.denied += extra;
        pool.denied += extra;
        claim.suspended = suspended.map(String::from);
        claim.needs_assessment = false;
        pool_part = capped;
    }
    m.pending_claim = None;
    let payout = settle(deps.storage, cfg, pool, &mut m, &mut claim, pool_part, now)?;
    CLAIMS.save(deps.storage, id, &claim)?;
    let member = claim.member.clone();
    save_member(deps.storage, cfg, &member, &m, now)?;
    Ok(claim_attrs(Response::new().add_messages(asset::pay(cfg, &claim.recipient, payout)?), "approve_claim", &claim)
        .set_data(to_json_binary(&claim_response(&claim))?))
}

/// Owner: rejects a pending claim; its escrow returns to the member's contribution.
pub fn reject_claim(
    deps: DepsMut,
    env: &Env,
    cfg: &Config,
    pool: &mut Pool,
    sender: Addr,
    id: u64,
    reason: String,
) -> Result<Response, ContractError> {
    let now = env.block.time.seconds();
    ensure_owner(cfg, &sender, "reject claims")?;
    if reason.len() > cfg.max_memo_len as usize {
        return Err(ContractError::MemoTooLong { len: reason.len(), max: cfg.max_memo_len });
    }
    let mut claim = load_claim(deps.storage, id)?;
    expect(&claim, ClaimStatus::Pending, "pending")?;
    let p = take_pending(deps.storage, pool, id)?;
    let mut m = load_member(deps.storage, &claim.member)?;
    m.contribution += p.escrow;
    m.pending_claim = None;
    pool.member_contributions += p.escrow;
    claim.status = ClaimStatus::Rejected;
    claim.reason = Some(reason.clone());
    CLAIMS.save(deps.storage, id, &claim)?;
    let member = claim.member.clone();
    save_member(deps.storage, cfg, &member, &m, now)?;
    Ok(claim_attrs(Response::new(), "reject_claim", &claim).add_attribute("reason", reason))
}

/// The first claim in the shortfall queue that still has shortfall (paid-off fronts are popped).
fn queue_front(storage: &mut dyn Storage) -> Result<Option<u64>, ContractError> {
    while let Some(id) = SHORTFALL_QUEUE.front(storage)? {
        if !CLAIMS.load(storage, id)?.shortfall.is_zero() {
            return Ok(Some(id));
        }
        SHORTFALL_QUEUE.pop_front(storage)?;
    }
    Ok(None)
}

/// Anyone: pays the oldest shortfall as far as the current loss-cap window allows. Blocked
/// while paused (it is a settlement).
pub fn settle_shortfall(
    deps: DepsMut,
    env: &Env,
    cfg: &Config,
    pool: &mut Pool,
    claim_id: u64,
) -> Result<Response, ContractError> {
    let now = env.block.time.seconds();
    ensure_not_paused(pool, "settlement")?;
    let mut claim = load_claim(deps.storage, claim_id)?;
    if claim.shortfall.is_zero() {
        return Err(ContractError::NoShortfall { claim_id });
    }
    match queue_front(deps.storage)? {
        Some(first) if first != claim_id => return Err(ContractError::ShortfallNotFirst { claim_id, first }),
        _ => {}
    }
    let paid = pool.pay_loss(cfg, now, claim.shortfall)?;
    if paid.is_zero() {
        let (window, cap, paid, _) = pool.loss_room(cfg, now)?;
        return Err(ContractError::LossCapReached { window, cap, paid });
    }
    claim.shortfall -= paid;
    claim.paid_by_pool += paid;
    pool.shortfall -= paid;
    if let Some(mut m) = MEMBERS.may_load(deps.storage, &claim.member)? {
        m.shortfall -= paid;
        m.paid_by_pool += paid;
        MEMBERS.save(deps.storage, &claim.member, &m)?;
    }
    CLAIMS.save(deps.storage, claim_id, &claim)?;
    if claim.shortfall.is_zero() {
        SHORTFALL_QUEUE.pop_front(deps.storage)?;
    }
    Ok(Response::new()
        .add_messages(asset::pay(cfg, &claim.recipient, paid)?)
        .add_attribute("action", "settle_shortfall")
        .add_attribute("claim_id", claim_id.to_string())
        .add_attribute("amount", paid)
        .add_attribute("shortfall_left", claim.shortfall))
}

/// Anyone returns money recovered on a settled claim. Order: the claim's outstanding shortfall
/// to its recipient, then the pool (up to what it paid; vests into the share price), then the
/// member's contribution (up to its escrow). More than that is refused.
pub fn return_recovery(
    deps: DepsMut,
    env: &Env,
    cfg: &Config,
    pool: &mut Pool,
    payer: Addr,
    claim_id: u64,
    amount: Uint128,
) -> Result<Response, ContractError> {
    let now = env.block.time.seconds();
    let mut claim = load_claim(deps.storage, claim_id)?;
    expect(&claim, ClaimStatus::Settled, "settled")?;
    let pool_owed = claim.paid_by_pool - claim.recovered_pool;
    let member_owed = claim.paid_by_member - claim.recovered_member;
    let max = claim.shortfall + pool_owed + member_owed;
    if amount > max {
        return Err(ContractError::RecoveryExceedsLoss { claim_id, max, got: amount });
    }
    let to_shortfall = amount.min(claim.shortfall);
    let to_pool = (amount - to_shortfall).min(pool_owed);
    let to_member = amount - to_shortfall - to_pool;
    claim.shortfall -= to_shortfall;
    claim.recovered_shortfall += to_shortfall;
    claim.recovered_pool += to_pool;
    claim.recovered_member += to_member;
    pool.shortfall -= to_shortfall;
    pool.add_income(to_pool, now, cfg.reward_vesting_secs);
    let mut res = Response::new().add_messages(asset::pay(cfg, &claim.recipient, to_shortfall)?);
    match may_load_member(deps.storage, &claim.member)? {
        Some(mut m) => {
            m.shortfall -= to_shortfall;
            m.coverage_used = m.coverage_used.saturating_sub(to_shortfall);
            m.contribution += to_member;
            pool.member_contributions += to_member;
            save_member(deps.storage, cfg, &claim.member, &m, now)?;
        }
        // A removed member gets its part sent back.
        None => res = res.add_messages(asset::pay(cfg, &claim.member, to_member)?),
    }
    CLAIMS.save(deps.storage, claim_id, &claim)?;
    Ok(res
        .add_attribute("action", "return_recovery")
        .add_attribute("payer", payer)
        .add_attribute("claim_id", claim_id.to_string())
        .add_attribute("amount", amount)
        .add_attribute("to_recipient", to_shortfall)
        .add_attribute("to_pool", to_pool)
        .add_attribute("to_member", to_member))
}
