//! The loss waterfall: claim_loss (member escrow first, then the pool within its caps),
//! approval, rejection, the FIFO shortfall queue, recoveries and uncollected payouts.
//!
//! Settlement and recovery arithmetic is checked throughout (`Math` errors, never a panic).

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{
    from_json, to_json_binary, Addr, DepsMut, Env, Order, Reply, Response, Storage, SubMsg, SubMsgResult, Uint128,
};
use risk_pool::vault::{ClaimLossResponse, ClaimStatus};

use super::{assess, ensure_not_paused, ensure_owner};
use crate::asset;
use crate::error::ContractError;
use crate::member::{load_member, may_load_member, save_member};
use crate::state::{
    Claim, Config, Member, PendingRef, Pool, CLAIMS, MEMBERS, PENDING, POOL, SHORTFALL_FIFO, SHORTFALL_META,
    SHORTFALL_QUEUE, UNCOLLECTED,
};

/// Reply id of a shortfall payment sent as a submessage (it replies on error only).
pub const PAYOUT_REPLY: u64 = 1;

/// a + b, or `Math {what}`.
fn add(a: Uint128, b: Uint128, what: &'static str) -> Result<Uint128, ContractError> {
    a.checked_add(b).map_err(|_| ContractError::Math { what })
}

/// a − b, or `Math {what}` (a would-be underflow is a typed error, never a panic).
fn sub(a: Uint128, b: Uint128, what: &'static str) -> Result<Uint128, ContractError> {
    a.checked_sub(b).map_err(|_| ContractError::Math { what })
}

fn load_claim(storage: &dyn Storage, id: u64) -> Result<Claim, ContractError> {
    CLAIMS.may_load(storage, id)?.ok_or(ContractError::ClaimNotFound { id })
}

fn expect(claim: &Claim, expected: ClaimStatus) -> Result<(), ContractError> {
    if claim.status != expected {
        return Err(ContractError::ClaimStatus {
            id: claim.id,
            status: claim.status.to_string(),
            expected: expected.as_str(),
        });
    }
    Ok(())
}

/// The loss-cap room a newer claim's pool part may take at `now`: the window's room less the
/// outstanding shortfall, which is owed first (strictly FIFO: that room stays for the queue,
/// whose head takes it through `settle_shortfall`). 0 when the shortfall fills the room.
fn room_after_queue(cfg: &Config, pool: &Pool, now: u64) -> Result<Uint128, ContractError> {
    let (_, _, _, room) = pool.loss_room(cfg, now)?;
    Ok(room.saturating_sub(pool.shortfall))
}

/// Pays the claim's pool part within the loss cap's room left after the queue (the rest
/// becomes shortfall and joins the queue behind it), and the escrow with it. Returns the
/// payout to the recipient.
fn settle(
    storage: &mut dyn Storage,
    cfg: &Config,
    pool: &mut Pool,
    m: &mut Member,
    claim: &mut Claim,
    pool_part: Uint128,
    now: u64,
) -> Result<Uint128, ContractError> {
    let paid = pool.pay_loss(cfg, now, pool_part.min(room_after_queue(cfg, pool, now)?))?;
    let shortfall = sub(pool_part, paid, "claim shortfall")?;
    claim.status = ClaimStatus::Settled;
    claim.paid_by_pool = paid;
    claim.shortfall = shortfall;
    let (window, window_total) = m.window_total(cfg, now);
    m.window = (window, add(window_total, pool_part, "window total")?);
    m.coverage_used = add(m.coverage_used, pool_part, "coverage used")?;
    m.paid_by_pool = add(m.paid_by_pool, paid, "member paid by pool")?;
    m.shortfall = add(m.shortfall, shortfall, "member shortfall")?;
    pool.paid_by_members = add(pool.paid_by_members, claim.paid_by_member, "paid by members")?;
    if !shortfall.is_zero() {
        pool.shortfall = add(pool.shortfall, shortfall, "pool shortfall")?;
        pool.shortfall_to_date = add(pool.shortfall_to_date, shortfall, "shortfall to date")?;
        enqueue(storage, claim)?;
    }
    add(claim.paid_by_member, paid, "payout")
}

// ------------------------------------------------------------------ the shortfall queue

/// Appends `claim` to the shortfall queue (two writes and a read, whatever the queue holds).
fn enqueue(storage: &mut dyn Storage, claim: &mut Claim) -> Result<(), ContractError> {
    let mut meta = SHORTFALL_META.may_load(storage)?.unwrap_or_default();
    meta.next_seq = meta.next_seq.checked_add(1).ok_or(ContractError::Math { what: "queue sequence" })?;
    meta.len = meta.len.saturating_add(1);
    SHORTFALL_FIFO.save(storage, meta.next_seq, &claim.id)?;
    SHORTFALL_META.save(storage, &meta)?;
    claim.queue_seq = Some(meta.next_seq);
    Ok(())
}

/// Takes `claim` (its shortfall now zero) out of the queue at once, wherever it stands: one
/// removal by key, no walk. The count saturates rather than block a settlement on a counter.
fn dequeue(storage: &mut dyn Storage, claim: &mut Claim) -> Result<(), ContractError> {
    let Some(seq) = claim.queue_seq.take() else { return Ok(()) };
    SHORTFALL_FIFO.remove(storage, seq);
    let mut meta = SHORTFALL_META.may_load(storage)?.unwrap_or_default();
    meta.len = meta.len.saturating_sub(1);
    SHORTFALL_META.save(storage, &meta)?;
    Ok(())
}

/// The queue's head, `(seq, claim id)`: the first key, one iterator step (every entry in the
/// queue has outstanding shortfall, so nothing is skipped).
pub fn queue_head(storage: &dyn Storage) -> Result<Option<(u64, u64)>, ContractError> {
    Ok(SHORTFALL_FIFO.range(storage, None, None, Order::Ascending).next().transpose()?)
}

/// Migration from the legacy deque: its live entries (shortfall > 0), in order, into the keyed
/// queue; zeroed ones are dropped. Returns how many moved.
pub fn migrate_legacy_queue(storage: &mut dyn Storage) -> Result<u64, ContractError> {
    let mut moved = 0;
    while let Some(id) = SHORTFALL_QUEUE.pop_front(storage)? {
        let mut claim = load_claim(storage, id)?;
        if !claim.shortfall.is_zero() && claim.queue_seq.is_none() {
            enqueue(storage, &mut claim)?;
            CLAIMS.save(storage, id, &claim)?;
            moved += 1;
        }
    }
    Ok(moved)
}

// ------------------------------------------------------------------ payouts that may be refused

/// What a shortfall payment carries to its reply: who was to be paid, and how much.
#[cw_serde]
struct Payout {
    recipient: Addr,
    amount: Uint128,
}

/// A shortfall payment as a submessage that replies only on error: if the recipient's bank or
/// token refuses it, the amount is kept `uncollected` for the recipient (see [`keep_uncollected`])
/// instead of reverting the settlement, so the queue moves on. `None` when zero.
fn pay_or_keep(cfg: &Config, to: &Addr, amount: Uint128) -> Result<Option<SubMsg>, ContractError> {
    let Some(msg) = asset::pay(cfg, to, amount)? else { return Ok(None) };
    let payload = to_json_binary(&Payout { recipient: to.clone(), amount })?;
    Ok(Some(SubMsg::reply_on_error(msg, PAYOUT_REPLY).with_payload(payload)))
}

/// Reply to a refused shortfall payment: the tokens never left, so the amount joins `escrow` as
/// the recipient's `uncollected` (books: balance = assets + unvested + contributions + escrow +
/// surplus still holds to the unit).
pub fn keep_uncollected(deps: DepsMut, reply: Reply) -> Result<Response, ContractError> {
    let SubMsgResult::Err(reason) = reply.result else {
        return Ok(Response::new());
    };
    let p: Payout = from_json(&reply.payload)?;
    let mut pool = POOL.load(deps.storage)?;
    pool.escrow = add(pool.escrow, p.amount, "escrow")?;
    let held = UNCOLLECTED.may_load(deps.storage, &p.recipient)?.unwrap_or_default();
    let total = add(held, p.amount, "uncollected")?;
    UNCOLLECTED.save(deps.storage, &p.recipient, &total)?;
    POOL.save(deps.storage, &pool)?;
    Ok(Response::new()
        .add_attribute("action", "payout_refused")
        .add_attribute("recipient", p.recipient)
        .add_attribute("uncollected", p.amount)
        .add_attribute("total_uncollected", total)
        .add_attribute("reason", reason))
}

/// Anyone: takes what refused payments left the sender (`NothingToCollect` when none). A plain
/// send: if it is refused again the call fails and the amount stays.
pub fn collect(deps: DepsMut, cfg: &Config, pool: &mut Pool, sender: Addr) -> Result<Response, ContractError> {
    let amount = UNCOLLECTED.may_load(deps.storage, &sender)?.unwrap_or_default();
    if amount.is_zero() {
        return Err(ContractError::NothingToCollect { address: sender.to_string() });
    }
    UNCOLLECTED.remove(deps.storage, &sender);
    pool.escrow = sub(pool.escrow, amount, "escrow")?;
    Ok(Response::new()
        .add_messages(asset::pay(cfg, &sender, amount)?)
        .add_attribute("action", "collect")
        .add_attribute("recipient", sender)
        .add_attribute("amount", amount))
}

/// How shortfall leaves a claim: paid by the pool, or recovered (it then no longer counts as
/// coverage used).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Leaves {
    Paid,
    Recovered,
}

/// The member record's side of `amount` of its claim's shortfall leaving: shortfall −= amount,
/// and paid_by_pool += amount (paid) or coverage_used −= amount (recovered). A record whose
/// counters cannot hold that (the address was removed and registered again: a fresh record
/// that never had this claim's shortfall) is left unchanged and `false` is returned — checked,
/// never an underflow, and never a reason to refuse the settlement.
pub fn shortfall_leaves_member(m: &mut Member, amount: Uint128, how: Leaves) -> bool {
    let shortfall = m.shortfall.checked_sub(amount);
    let rest = match how {
        Leaves::Paid => m.paid_by_pool.checked_add(amount).map(|p| (p, m.coverage_used)),
        Leaves::Recovered => m.coverage_used.checked_sub(amount).map(|u| (m.paid_by_pool, u)),
    };
    match (shortfall, rest) {
        (Ok(s), Ok((paid, used))) => {
            (m.shortfall, m.paid_by_pool, m.coverage_used) = (s, paid, used);
            true
        }
        _ => false,
    }
}

/// The `member_books` attribute: whether the member record took its side of a settlement.
fn member_books(held: Option<bool>) -> &'static str {
    match held {
        Some(true) => "updated",
        Some(false) => "not this registration",
        None => "member removed",
    }
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
    // Premium due is taken from the contribution first, as income (as `member_withdraw` and
    // `remove_member` do), so a claim paid to the member itself cannot skip it. Suspension is
    // judged before: taking the due from first-loss money does not cure arrears, and premium due
    // within grace never suspends cover (the deficit test sees the contribution as it stood).
    let suspended = m.suspension(cfg, now, m.contribution);
    let premium = m.take_due_from_contribution()?;
    pool.member_contributions = sub(pool.member_contributions, premium, "member contributions")?;
    let fee = super::members::take_income(cfg, pool, now, premium)?;
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
    // Lifetime statistics: saturating, so that one claim of an absurd amount (its excess is all
    // `denied`) cannot make every later claim with a denied part overflow.
    m.denied = m.denied.saturating_add(denied);
    pool.denied = pool.denied.saturating_add(denied);
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
        expires_at: now.saturating_add(cfg.max_pending_claim_secs),
        reason: None,
        suspended: suspended.map(String::from),
        needs_assessment,
        recovered_shortfall: Uint128::zero(),
        recovered_pool: Uint128::zero(),
        recovered_member: Uint128::zero(),
        queue_seq: None,
    };
    let (_, window_total) = m.window_total(cfg, now);
    let auto =
        !needs_assessment && pool.paused_until.is_none() && window_total + pool_part <= cfg.claim_auto_approve_limit;
    let mut res = Response::new().add_messages(asset::pay(cfg, &cfg.treasury, fee)?);
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
            premium,
        });
        PENDING.save(deps.storage, &pending)?;
    }
    CLAIMS.save(deps.storage, claim.id, &claim)?;
    save_member(deps.storage, cfg, &sender, &m, now)?;
    Ok(claim_attrs(res, "claim_loss", &claim)
        .add_attribute("recipient", recipient)
        .add_attribute("premium_taken", premium)
        .set_data(to_json_binary(&claim_response(&claim))?))
}

/// Removes claim `id` from the pending list; returns its escrow and pool part.
fn take_pending(storage: &mut dyn Storage, pool: &mut Pool, id: u64) -> Result<PendingRef, ContractError> {
    let mut pending = PENDING.may_load(storage)?.unwrap_or_default();
    let pos = pending.iter().position(|p| p.id == id).ok_or(ContractError::ClaimNotFound { id })?;
    let p = pending.remove(pos);
    PENDING.save(storage, &pending)?;
    pool.escrow = sub(pool.escrow, p.escrow, "escrow")?;
    pool.pending_exposure = sub(pool.pending_exposure, p.pool_part, "pending exposure")?;
    Ok(p)
}

/// Re-caps a pending claim's pool part on a fresh assessment (already applied to `m`): nothing
/// when coverage is now suspended, else min(pool part, claim limit, coverage left); what this
/// cuts is denied. Returns the new pool part.
fn recap(
    cfg: &Config,
    pool: &mut Pool,
    m: &mut Member,
    claim: &mut Claim,
    p: &PendingRef,
    now: u64,
) -> Result<Uint128, ContractError> {
    let before = add(add(m.contribution, p.escrow, "contribution")?, p.premium, "contribution")?;
    let suspended = m.suspension(cfg, now, before);
    let capped = if suspended.is_some() {
        Uint128::zero()
    } else {
        p.pool_part.min(m.claim_limit(cfg, pool.claim_multiple, now)).min(m.coverage_left())
    };
    let extra = sub(p.pool_part, capped, "denied at approval")?;
    claim.denied = add(claim.denied, extra, "claim denied")?;
    m.denied = m.denied.saturating_add(extra);
    pool.denied = pool.denied.saturating_add(extra);
    claim.suspended = suspended.map(String::from);
    claim.needs_assessment = false;
    Ok(capped)
}

/// Owner: settles a pending claim. A claim filed while the oracle failed is assessed first and
/// its pool part re-capped on the fresh figures; if the oracle errs again it settles on the
/// figures cached at filing (the pool part computed then): the owner's approval is the judgment
/// (SPEC revision 2). Attribute `figures`: `filing`, `assessed` or `cached_at_filing`.
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
    expect(&claim, ClaimStatus::Pending)?;
    let mut m = load_member(deps.storage, &claim.member)?;
    m.accrue(cfg, now)?;
    let p = take_pending(deps.storage, pool, id)?;
    let (pool_part, figures) = if !claim.needs_assessment {
        (p.pool_part, "filing")
    } else {
        match assess(&deps.querier, cfg, &m.exposures) {
            Ok(a) => {
                m.apply_assessment(cfg, pool, &a, now);
                (recap(cfg, pool, &mut m, &mut claim, &p, now)?, "assessed")
            }
            // The oracle errs again: the pool part computed at filing on the cached figures stands.
            Err(_) => (p.pool_part, "cached_at_filing"),
        }
    };
    m.pending_claim = None;
    let payout = settle(deps.storage, cfg, pool, &mut m, &mut claim, pool_part, now)?;
    CLAIMS.save(deps.storage, id, &claim)?;
    let member = claim.member.clone();
    save_member(deps.storage, cfg, &member, &m, now)?;
    Ok(claim_attrs(Response::new().add_messages(asset::pay(cfg, &claim.recipient, payout)?), "approve_claim", &claim)
        .add_attribute("figures", figures)
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
    expect(&claim, ClaimStatus::Pending)?;
    let p = take_pending(deps.storage, pool, id)?;
    let mut m = load_member(deps.storage, &claim.member)?;
    m.contribution = add(m.contribution, p.escrow, "contribution")?;
    m.pending_claim = None;
    pool.member_contributions = add(pool.member_contributions, p.escrow, "member contributions")?;
    claim.status = ClaimStatus::Rejected;
    claim.reason = Some(reason.clone());
    CLAIMS.save(deps.storage, id, &claim)?;
    let member = claim.member.clone();
    save_member(deps.storage, cfg, &member, &m, now)?;
    Ok(claim_attrs(Response::new(), "reject_claim", &claim).add_attribute("reason", reason))
}

/// Anyone: pays the queue's head as far as the current loss-cap window allows (`NotQueueHead`
/// for any other claim). Bounded work: the claim, the head key, the member, and on payoff one
/// key removal. The payment is a submessage: a refused one is kept `uncollected`. Blocked while
/// paused (it is a settlement).
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
    if let Some((_, head)) = queue_head(deps.storage)?.filter(|(_, head)| *head != claim_id) {
        return Err(ContractError::NotQueueHead { head, claim_id });
    }
    let paid = pool.pay_loss(cfg, now, claim.shortfall)?;
    if paid.is_zero() {
        let (window, cap, paid, _) = pool.loss_room(cfg, now)?;
        return Err(ContractError::LossCapReached { window, cap, paid });
    }
    claim.shortfall = sub(claim.shortfall, paid, "claim shortfall")?;
    claim.paid_by_pool = add(claim.paid_by_pool, paid, "claim paid by pool")?;
    pool.shortfall = sub(pool.shortfall, paid, "pool shortfall")?;
    let held = match MEMBERS.may_load(deps.storage, &claim.member)? {
        Some(mut m) => {
            let held = shortfall_leaves_member(&mut m, paid, Leaves::Paid);
            if held {
                MEMBERS.save(deps.storage, &claim.member, &m)?;
            }
            Some(held)
        }
        None => None,
    };
    if claim.shortfall.is_zero() {
        dequeue(deps.storage, &mut claim)?;
    }
    CLAIMS.save(deps.storage, claim_id, &claim)?;
    Ok(Response::new()
        .add_submessages(pay_or_keep(cfg, &claim.recipient, paid)?)
        .add_attribute("action", "settle_shortfall")
        .add_attribute("claim_id", claim_id.to_string())
        .add_attribute("amount", paid)
        .add_attribute("shortfall_left", claim.shortfall)
        .add_attribute("member_books", member_books(held)))
}

/// Anyone returns money recovered on a settled claim. Order: the claim's outstanding shortfall
/// to its recipient (a submessage: refused, it is kept `uncollected`; a claim it zeroes leaves
/// the queue at once), then the pool (up to what it paid; vests into the share price), then the
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
    expect(&claim, ClaimStatus::Settled)?;
    let pool_owed = sub(claim.paid_by_pool, claim.recovered_pool, "pool owed")?;
    let member_owed = sub(claim.paid_by_member, claim.recovered_member, "member owed")?;
    let max = add(add(claim.shortfall, pool_owed, "owed")?, member_owed, "owed")?;
    if amount > max {
        return Err(ContractError::RecoveryExceedsLoss { claim_id, max, got: amount });
    }
    let to_shortfall = amount.min(claim.shortfall);
    let to_pool = sub(amount, to_shortfall, "recovery")?.min(pool_owed);
    let to_member = sub(sub(amount, to_shortfall, "recovery")?, to_pool, "recovery")?;
    claim.shortfall = sub(claim.shortfall, to_shortfall, "claim shortfall")?;
    claim.recovered_shortfall = add(claim.recovered_shortfall, to_shortfall, "recovered")?;
    claim.recovered_pool = add(claim.recovered_pool, to_pool, "recovered")?;
    claim.recovered_member = add(claim.recovered_member, to_member, "recovered")?;
    pool.shortfall = sub(pool.shortfall, to_shortfall, "pool shortfall")?;
    if claim.shortfall.is_zero() {
        dequeue(deps.storage, &mut claim)?;
    }
    pool.add_income(to_pool, now, cfg.reward_vesting_secs);
    let mut res = Response::new().add_submessages(pay_or_keep(cfg, &claim.recipient, to_shortfall)?);
    let held = match may_load_member(deps.storage, &claim.member)? {
        Some(mut m) => {
            let held = shortfall_leaves_member(&mut m, to_shortfall, Leaves::Recovered);
            m.contribution = add(m.contribution, to_member, "contribution")?;
            pool.member_contributions = add(pool.member_contributions, to_member, "member contributions")?;
            save_member(deps.storage, cfg, &claim.member, &m, now)?;
            Some(held)
        }
        // A removed member gets its part sent back.
        None => {
            res = res.add_messages(asset::pay(cfg, &claim.member, to_member)?);
            None
        }
    };
    CLAIMS.save(deps.storage, claim_id, &claim)?;
    Ok(res
        .add_attribute("action", "return_recovery")
        .add_attribute("payer", payer)
        .add_attribute("claim_id", claim_id.to_string())
        .add_attribute("amount", amount)
        .add_attribute("to_recipient", to_shortfall)
        .add_attribute("to_pool", to_pool)
        .add_attribute("to_member", to_member)
        .add_attribute("member_books", member_books(held)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use cosmwasm_std::testing::MockStorage;

    fn claim(id: u64, shortfall: u128) -> Claim {
        Claim {
            id,
            member: Addr::unchecked("m"),
            amount: Uint128::new(shortfall),
            recipient: Addr::unchecked("r"),
            memo: None,
            status: ClaimStatus::Settled,
            paid_by_member: Uint128::zero(),
            paid_by_pool: Uint128::zero(),
            denied: Uint128::zero(),
            shortfall: Uint128::new(shortfall),
            created_at: 0,
            expires_at: 0,
            reason: None,
            suspended: None,
            needs_assessment: false,
            recovered_shortfall: Uint128::zero(),
            recovered_pool: Uint128::zero(),
            recovered_member: Uint128::zero(),
            queue_seq: None,
        }
    }

    /// State stored by the previous version (a deque with zeroed entries, claims without
    /// `queue_seq`) migrates to the keyed queue in order, zeroed entries dropped.
    #[test]
    fn legacy_deque_migrates_in_order() {
        let mut st = MockStorage::new();
        for (id, shortfall) in [(3, 0), (1, 5), (4, 0), (2, 7)] {
            CLAIMS.save(&mut st, id, &claim(id, shortfall)).unwrap();
            SHORTFALL_QUEUE.push_back(&mut st, &id).unwrap();
        }
        assert_eq!(migrate_legacy_queue(&mut st).unwrap(), 2);
        assert_eq!(SHORTFALL_QUEUE.len(&st).unwrap(), 0);
        let ids: Vec<u64> = SHORTFALL_FIFO.range(&st, None, None, Order::Ascending).map(|r| r.unwrap().1).collect();
        assert_eq!(ids, vec![1, 2]);
        assert_eq!(queue_head(&st).unwrap(), Some((1, 1)));
        assert_eq!(SHORTFALL_META.load(&st).unwrap(), crate::state::QueueMeta { next_seq: 2, len: 2 });
        let mut c = CLAIMS.load(&st, 1).unwrap();
        assert_eq!(c.queue_seq, Some(1));
        dequeue(&mut st, &mut c).unwrap();
        assert_eq!(queue_head(&st).unwrap(), Some((2, 2)));
    }

    /// A claim stored before `queue_seq` existed deserializes (serde default).
    #[test]
    fn old_stored_claim_deserializes() {
        let mut v = serde_json::to_value(claim(9, 1)).unwrap();
        v.as_object_mut().unwrap().remove("queue_seq");
        let c: Claim = cosmwasm_std::from_json(v.to_string()).unwrap();
        assert_eq!(c.queue_seq, None);
    }
}
