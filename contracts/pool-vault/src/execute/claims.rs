//! The loss waterfall: claim_loss (member escrow first, then the pool within its caps),
//! approval and rejection. The shortfall the loss cap defers, recoveries and refused payouts
//! are in [`super::shortfall`].
//!
//! Settlement arithmetic is checked throughout (typed errors naming the numbers, never a panic).

use cosmwasm_std::{to_json_binary, Addr, Response, Storage};
use risk_pool::units::Amount;
use risk_pool::vault::{ClaimLossResponse, ClaimStatus};

use super::members::take_due;
use super::shortfall::{enqueue, room_after_queue};
use super::Ctx;
use crate::asset;
use crate::config::limit;
use crate::error::ContractError;
use crate::member::{load_member, save_member};
use crate::state::{Claim, Member, PendingRef, CLAIMS, PENDING_BY};

/// Reply id of a shortfall payment sent as a submessage (it replies on error only).
pub const PAYOUT_REPLY: u64 = 1;

/// The claim `id`, or `ClaimNotFound`.
pub fn load_claim(storage: &dyn Storage, id: u64) -> Result<Claim, ContractError> {
    CLAIMS.may_load(storage, id)?.ok_or(ContractError::ClaimNotFound { id })
}

/// Refuses a claim that is not in the `expected` status at `now` (a pending claim past its
/// expiry is expired: `Claim::status_at`).
pub fn expect(claim: &Claim, now: u64, expected: ClaimStatus) -> Result<(), ContractError> {
    let status = claim.status_at(now);
    if status != expected {
        return Err(ContractError::ClaimStatus {
            id: claim.id,
            status: status.to_string(),
            expected: expected.as_str(),
        });
    }
    Ok(())
}

/// Pays the claim's pool part within the loss cap's room left after the queue (the rest
/// becomes shortfall and joins the queue behind it), and the escrow with it. Returns the
/// payout to the recipient.
fn settle(ctx: &mut Ctx, m: &mut Member, claim: &mut Claim, pool_part: Amount) -> Result<Amount, ContractError> {
    let (cfg, now) = (&ctx.cfg, ctx.now);
    let room = room_after_queue(cfg, &ctx.pool, now)?;
    let pool = &mut ctx.pool;
    let paid = pool.pay_loss(cfg, now, pool_part.min(room))?;
    let shortfall = pool_part.checked_sub(paid)?;
    claim.status = ClaimStatus::Settled;
    claim.paid_by_pool = paid;
    claim.shortfall = shortfall;
    let (window, window_total) = m.window_total(cfg, now);
    m.window = (window, window_total.checked_add(pool_part)?);
    m.coverage_used = m.coverage_used.checked_add(pool_part)?;
    m.paid_by_pool = m.paid_by_pool.checked_add(paid)?;
    m.shortfall = m.shortfall.checked_add(shortfall)?;
    pool.paid_by_members = pool.paid_by_members.checked_add(claim.paid_by_member)?;
    if !shortfall.is_zero() {
        pool.shortfall = pool.shortfall.checked_add(shortfall)?;
        pool.shortfall_to_date = pool.shortfall_to_date.checked_add(shortfall)?;
        enqueue(ctx.deps.storage, claim)?;
    }
    Ok(claim.paid_by_member.checked_add(paid)?)
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

/// A loss claim as the member files it (`claim_loss`).
pub struct Filing {
    /// The member (the sender).
    pub member: Addr,
    /// The loss claimed.
    pub amount: Amount,
    /// Who is to be paid (unvalidated).
    pub recipient: String,
    /// The member's note.
    pub memo: Option<String>,
}

/// How a claimed amount splits: the member's escrow first, then the pool's capped part; the
/// rest is denied.
struct Waterfall {
    escrow: Amount,
    pool_part: Amount,
    denied: Amount,
}

/// Step 1 of `claim_loss`: the refusals (a pending claim, a zero amount, the vault or its token
/// as recipient, an oversize memo). Returns the validated recipient.
fn check_filing(ctx: &Ctx, m: &Member, f: &Filing) -> Result<Addr, ContractError> {
    if let Some(claim_id) = m.pending_claim {
        return Err(ContractError::PendingClaimExists { member: f.member.to_string(), claim_id });
    }
    if f.amount.is_zero() {
        return Err(ContractError::ZeroAmount { what: "amount" });
    }
    let recipient = ctx.deps.api.addr_validate(&f.recipient)?;
    if recipient == ctx.env.contract.address || asset::token(&ctx.cfg) == Some(recipient.as_str()) {
        return Err(ContractError::InvalidRecipient { recipient: recipient.to_string() });
    }
    let max = ctx.cfg.max_memo_len;
    if let Some(len) = f.memo.as_ref().map(|s| s.len()).filter(|l| *l > limit(max)) {
        return Err(ContractError::MemoTooLong { len, max });
    }
    Ok(recipient)
}

/// Step 2: fresh figures when the oracle answers (cached ones kept otherwise). Returns whether
/// the claim needs an assessment at approval (the oracle failed).
fn refresh_figures(ctx: &mut Ctx, m: &mut Member) -> bool {
    match ctx.assess(&m.live_book(ctx.now)) {
        Ok(a) => {
            m.apply_assessment(&ctx.cfg, &mut ctx.pool, &a, ctx.now);
            false
        }
        Err(_) => true,
    }
}

/// Step 3: the waterfall of `amount`. The escrow (min(contribution, amount)) leaves the
/// contribution now; the pool part is nothing under suspended cover, else the rest capped by
/// the claim limit and the coverage left; the remainder is denied.
fn split(ctx: &mut Ctx, m: &mut Member, amount: Amount, suspended: bool) -> Result<Waterfall, ContractError> {
    let escrow = m.contribution.min(amount);
    let rest = amount.checked_sub(escrow)?;
    let pool_part = if suspended {
        Amount::ZERO
    } else {
        rest.min(m.claim_limit(&ctx.cfg, ctx.pool.claim_multiple, ctx.now)?).min(m.coverage_left())
    };
    let denied = rest.checked_sub(pool_part)?;
    let pool = &mut ctx.pool;
    m.contribution = m.contribution.checked_sub(escrow)?;
    pool.member_contributions = pool.member_contributions.checked_sub(escrow)?;
    // Lifetime statistics: saturating, so that one claim of an absurd amount (its excess is all
    // `denied`) cannot make every later claim with a denied part overflow.
    m.denied = m.denied.saturating_add(denied);
    pool.denied = pool.denied.saturating_add(denied);
    Ok(Waterfall { escrow, pool_part, denied })
}

/// Step 4: the claim record, pending, under the next claim id.
fn new_claim(
    ctx: &mut Ctx,
    f: Filing,
    recipient: Addr,
    w: &Waterfall,
    suspended: Option<&'static str>,
    needs_assessment: bool,
) -> Result<Claim, ContractError> {
    let id = ctx.pool.next_claim_id.checked_add(1).ok_or(ContractError::Math { what: "claim id" })?;
    ctx.pool.next_claim_id = id;
    Ok(Claim {
        id,
        member: f.member,
        amount: f.amount,
        recipient,
        memo: f.memo,
        status: ClaimStatus::Pending,
        paid_by_member: w.escrow,
        paid_by_pool: w.pool_part,
        denied: w.denied,
        shortfall: Amount::ZERO,
        created_at: ctx.now,
        expires_at: ctx.now.saturating_add(ctx.cfg.max_pending_claim_secs),
        reason: None,
        suspended: suspended.map(String::from),
        needs_assessment,
        recovered_shortfall: Amount::ZERO,
        recovered_pool: Amount::ZERO,
        recovered_member: Amount::ZERO,
        queue_seq: None,
    })
}

/// Step 5: whether the claim settles at once — assessed, not paused, and the member's pool
/// parts in this loss-cap window, this one included, within `claim_auto_approve_limit`.
fn auto_approves(ctx: &Ctx, m: &Member, claim: &Claim) -> Result<bool, ContractError> {
    let (_, window_total) = m.window_total(&ctx.cfg, ctx.now);
    let in_window = window_total.checked_add(claim.paid_by_pool)?;
    Ok(!claim.needs_assessment && ctx.pool.paused_until.is_none() && in_window <= ctx.cfg.claim_auto_approve_limit)
}

/// Step 5, otherwise: the claim waits for the owner; its escrow and pool part are held.
fn hold_pending(ctx: &mut Ctx, m: &mut Member, claim: &Claim, premium: Amount) -> Result<(), ContractError> {
    let pool = &mut ctx.pool;
    pool.escrow = pool.escrow.checked_add(claim.paid_by_member)?;
    pool.pending_exposure = pool.pending_exposure.checked_add(claim.paid_by_pool)?;
    m.pending_claim = Some(claim.id);
    let p = PendingRef {
        id: claim.id,
        member: claim.member.clone(),
        pool_part: claim.paid_by_pool,
        escrow: claim.paid_by_member,
        expires_at: claim.expires_at,
        premium,
    };
    PENDING_BY.save(ctx.deps.storage, (claim.expires_at, claim.id), &p)?;
    Ok(())
}

/// A member files a loss: checks, fresh figures, premium due taken, the waterfall, then
/// settled at once (within the auto-approval limit) or held for the owner.
pub fn claim_loss(ctx: &mut Ctx, f: Filing) -> Result<Response, ContractError> {
    let mut m = load_member(ctx.deps.storage, &f.member, ctx.now)?;
    let recipient = check_filing(ctx, &m, &f)?;
    m.accrue(&ctx.cfg, ctx.now)?;
    let needs_assessment = refresh_figures(ctx, &mut m);
    // Premium due is taken from the contribution first, as income (as `member_withdraw` and
    // `remove_member` do), so a claim paid to the member itself cannot skip it. Suspension is
    // judged before: taking the due from first-loss money does not cure arrears, and premium due
    // within grace never suspends cover (the deficit test sees the contribution as it stood).
    let suspended = m.suspension(&ctx.cfg, ctx.now, m.contribution);
    let (premium, fee) = take_due(ctx, &mut m)?;
    let w = split(ctx, &mut m, f.amount, suspended.is_some())?;
    let mut claim = new_claim(ctx, f, recipient, &w, suspended, needs_assessment)?;
    let mut res = Response::new().add_messages(asset::pay(&ctx.cfg, &ctx.cfg.treasury, fee)?);
    if auto_approves(ctx, &m, &claim)? {
        let payout = settle(ctx, &mut m, &mut claim, w.pool_part)?;
        res = res.add_messages(asset::pay(&ctx.cfg, &claim.recipient, payout)?);
    } else {
        hold_pending(ctx, &mut m, &claim, premium)?;
    }
    CLAIMS.save(ctx.deps.storage, claim.id, &claim)?;
    save_member(ctx.deps.storage, &ctx.cfg, &claim.member, &mut m, ctx.now)?;
    Ok(claim_attrs(res, "claim_loss", &claim)
        .add_attribute("recipient", claim.recipient.clone())
        .add_attribute("premium_taken", premium)
        .set_data(to_json_binary(&claim_response(&claim))?))
}

/// Removes `claim` from the pending list (its key: expires_at, id); returns its escrow and pool part.
fn take_pending(ctx: &mut Ctx, claim: &Claim) -> Result<PendingRef, ContractError> {
    let key = (claim.expires_at, claim.id);
    let p = PENDING_BY.may_load(ctx.deps.storage, key)?.ok_or(ContractError::ClaimNotFound { id: claim.id })?;
    PENDING_BY.remove(ctx.deps.storage, key);
    ctx.pool.escrow = ctx.pool.escrow.checked_sub(p.escrow)?;
    ctx.pool.pending_exposure = ctx.pool.pending_exposure.checked_sub(p.pool_part)?;
    Ok(p)
}

/// Re-caps a pending claim's pool part on a fresh assessment (already applied to `m`): nothing
/// when coverage is now suspended, else min(pool part, claim limit, coverage left); what this
/// cuts is denied. Returns the new pool part.
fn recap(ctx: &mut Ctx, m: &mut Member, claim: &mut Claim, p: &PendingRef) -> Result<Amount, ContractError> {
    let (cfg, now) = (&ctx.cfg, ctx.now);
    let before = m.contribution.checked_add(p.escrow)?.checked_add(p.premium)?;
    let suspended = m.suspension(cfg, now, before);
    let capped = if suspended.is_some() {
        Amount::ZERO
    } else {
        p.pool_part.min(m.claim_limit(cfg, ctx.pool.claim_multiple, now)?).min(m.coverage_left())
    };
    let extra = p.pool_part.checked_sub(capped)?;
    claim.denied = claim.denied.checked_add(extra)?;
    m.denied = m.denied.saturating_add(extra);
    ctx.pool.denied = ctx.pool.denied.saturating_add(extra);
    claim.suspended = suspended.map(String::from);
    claim.needs_assessment = false;
    Ok(capped)
}

/// Owner: settles a pending claim. A claim filed while the oracle failed is assessed first and
/// its pool part re-capped on the fresh figures; if the oracle errs again it settles on the
/// figures cached at filing (the pool part computed then): the owner's approval is the judgment
/// (SPEC revision 2). Attribute `figures`: `filing`, `assessed` or `cached_at_filing`.
pub fn approve_claim(ctx: &mut Ctx, sender: Addr, id: u64) -> Result<Response, ContractError> {
    ctx.ensure_owner(&sender, "approve claims")?;
    let mut claim = load_claim(ctx.deps.storage, id)?;
    expect(&claim, ctx.now, ClaimStatus::Pending)?;
    let mut m = load_member(ctx.deps.storage, &claim.member, ctx.now)?;
    m.accrue(&ctx.cfg, ctx.now)?;
    let p = take_pending(ctx, &claim)?;
    let (pool_part, figures) = if !claim.needs_assessment {
        (p.pool_part, "filing")
    } else {
        match ctx.assess(&m.live_book(ctx.now)) {
            Ok(a) => {
                m.apply_assessment(&ctx.cfg, &mut ctx.pool, &a, ctx.now);
                (recap(ctx, &mut m, &mut claim, &p)?, "assessed")
            }
            // The oracle errs again: the pool part computed at filing on the cached figures stands.
            Err(_) => (p.pool_part, "cached_at_filing"),
        }
    };
    m.pending_claim = None;
    let payout = settle(ctx, &mut m, &mut claim, pool_part)?;
    CLAIMS.save(ctx.deps.storage, id, &claim)?;
    save_member(ctx.deps.storage, &ctx.cfg, &claim.member, &mut m, ctx.now)?;
    let res = Response::new().add_messages(asset::pay(&ctx.cfg, &claim.recipient, payout)?);
    Ok(claim_attrs(res, "approve_claim", &claim)
        .add_attribute("figures", figures)
        .set_data(to_json_binary(&claim_response(&claim))?))
}

/// Owner: rejects a pending claim; its escrow returns to the member's contribution.
pub fn reject_claim(ctx: &mut Ctx, sender: Addr, id: u64, reason: String) -> Result<Response, ContractError> {
    ctx.ensure_owner(&sender, "reject claims")?;
    let max = ctx.cfg.max_memo_len;
    if reason.len() > limit(max) {
        return Err(ContractError::MemoTooLong { len: reason.len(), max });
    }
    let mut claim = load_claim(ctx.deps.storage, id)?;
    expect(&claim, ctx.now, ClaimStatus::Pending)?;
    let p = take_pending(ctx, &claim)?;
    let mut m = load_member(ctx.deps.storage, &claim.member, ctx.now)?;
    m.contribution = m.contribution.checked_add(p.escrow)?;
    m.pending_claim = None;
    ctx.pool.member_contributions = ctx.pool.member_contributions.checked_add(p.escrow)?;
    claim.status = ClaimStatus::Rejected;
    claim.reason = Some(reason.clone());
    CLAIMS.save(ctx.deps.storage, id, &claim)?;
    save_member(ctx.deps.storage, &ctx.cfg, &claim.member, &mut m, ctx.now)?;
    Ok(claim_attrs(Response::new(), "reject_claim", &claim).add_attribute("reason", reason))
}
