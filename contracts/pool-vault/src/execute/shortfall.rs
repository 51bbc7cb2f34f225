//! The FIFO shortfall queue (what the loss cap deferred), its settlement, recoveries returned on
//! settled claims, and payouts a recipient refused (kept `uncollected`).

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{from_json, to_json_binary, Addr, DepsMut, Order, Response, Storage, SubMsg};
use risk_pool::reply::{ErrorReply, Outcome};
use risk_pool::units::Amount;
use risk_pool::vault::ClaimStatus;

use super::claims::{expect, load_claim, PAYOUT_REPLY};
use super::Ctx;
use crate::asset;
use crate::error::ContractError;
use crate::member::{may_load_member, save_member};
use crate::state::{
    Claim, Config, Member, Pool, CLAIMS, MEMBERS, POOL, SHORTFALL_FIFO, SHORTFALL_META, SHORTFALL_QUEUE, UNCOLLECTED,
};

/// The loss-cap room a newer claim's pool part may take at `now`: the window's room less the
/// outstanding shortfall, which is owed first (strictly FIFO: that room stays for the queue,
/// whose head takes it through `settle_shortfall`). 0 when the shortfall fills the room.
pub fn room_after_queue(cfg: &Config, pool: &Pool, now: u64) -> Result<Amount, ContractError> {
    Ok(pool.loss_room(cfg, now)?.room.saturating_sub(pool.shortfall))
}

/// Appends `claim` to the shortfall queue (two writes and a read, whatever the queue holds).
pub fn enqueue(storage: &mut dyn Storage, claim: &mut Claim) -> Result<(), ContractError> {
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
    let mut moved = 0u64;
    while let Some(id) = SHORTFALL_QUEUE.pop_front(storage)? {
        let mut claim = load_claim(storage, id)?;
        if !claim.shortfall.is_zero() && claim.queue_seq.is_none() {
            enqueue(storage, &mut claim)?;
            CLAIMS.save(storage, id, &claim)?;
            moved = moved.saturating_add(1);
        }
    }
    Ok(moved)
}

/// What a shortfall payment carries to its reply: who was to be paid, and how much.
#[cw_serde]
struct Payout {
    recipient: Addr,
    amount: Amount,
}

/// A shortfall payment as a submessage that replies only on error: if the recipient's bank or
/// token refuses it, the amount is kept `uncollected` for the recipient (see [`keep_uncollected`])
/// instead of reverting the settlement, so the queue moves on. `None` when zero.
fn pay_or_keep(cfg: &Config, to: &Addr, amount: Amount) -> Result<Option<SubMsg>, ContractError> {
    let Some(msg) = asset::pay(cfg, to, amount)? else { return Ok(None) };
    let payload = to_json_binary(&Payout { recipient: to.clone(), amount })?;
    Ok(Some(SubMsg::reply_on_error(msg, PAYOUT_REPLY).with_payload(payload)))
}

/// Reply to a refused shortfall payment: the tokens never left, so the amount joins `escrow` as
/// the recipient's `uncollected` (books: balance = assets + unvested + contributions + escrow +
/// surplus still holds to the unit).
pub fn keep_uncollected(deps: DepsMut, reply: ErrorReply) -> Result<Response, ContractError> {
    let Outcome::Error(reason) = reply.result else {
        return Ok(Response::new());
    };
    let p: Payout = from_json(&reply.payload)?;
    let mut pool = POOL.load(deps.storage)?;
    pool.escrow = pool.escrow.checked_add(p.amount)?;
    let held = UNCOLLECTED.may_load(deps.storage, &p.recipient)?.unwrap_or_default();
    let total = held.checked_add(p.amount)?;
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
pub fn collect(ctx: &mut Ctx, sender: Addr) -> Result<Response, ContractError> {
    let amount = UNCOLLECTED.may_load(ctx.deps.storage, &sender)?.unwrap_or_default();
    if amount.is_zero() {
        return Err(ContractError::NothingToCollect { address: sender.to_string() });
    }
    UNCOLLECTED.remove(ctx.deps.storage, &sender);
    ctx.pool.escrow = ctx.pool.escrow.checked_sub(amount)?;
    Ok(Response::new()
        .add_messages(asset::pay(&ctx.cfg, &sender, amount)?)
        .add_attribute("action", "collect")
        .add_attribute("recipient", sender)
        .add_attribute("amount", amount))
}

/// How shortfall leaves a claim: paid by the pool, or recovered (it then no longer counts as
/// coverage used).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Leaves {
    /// Paid by the pool.
    Paid,
    /// Returned as a recovery.
    Recovered,
}

/// The member record's side of `amount` of its claim's shortfall leaving: shortfall −= amount,
/// and paid_by_pool += amount (paid) or coverage_used −= amount (recovered). A record whose
/// counters cannot hold that (the address was removed and registered again: a fresh record
/// that never had this claim's shortfall) is left unchanged and `false` is returned — checked,
/// never an underflow, and never a reason to refuse the settlement.
pub fn shortfall_leaves_member(m: &mut Member, amount: Amount, how: Leaves) -> bool {
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

/// Anyone: pays the queue's head as far as the current loss-cap window allows (`NotQueueHead`
/// for any other claim). Bounded work: the claim, the head key, the member, and on payoff one
/// key removal. The payment is a submessage: a refused one is kept `uncollected`. Blocked while
/// paused (it is a settlement).
pub fn settle_shortfall(ctx: &mut Ctx, claim_id: u64) -> Result<Response, ContractError> {
    ctx.ensure_not_paused("settlement")?;
    let storage = &mut *ctx.deps.storage;
    let mut claim = load_claim(storage, claim_id)?;
    if claim.shortfall.is_zero() {
        return Err(ContractError::NoShortfall { claim_id });
    }
    if let Some((_, head)) = queue_head(storage)?.filter(|(_, head)| *head != claim_id) {
        return Err(ContractError::NotQueueHead { head, claim_id });
    }
    let (cfg, pool, now) = (&ctx.cfg, &mut ctx.pool, ctx.now);
    let paid = pool.pay_loss(cfg, now, claim.shortfall)?;
    if paid.is_zero() {
        let r = pool.loss_room(cfg, now)?;
        return Err(ContractError::LossCapReached { window: r.window.index, cap: r.cap, paid: r.window.paid });
    }
    claim.shortfall = claim.shortfall.checked_sub(paid)?;
    claim.paid_by_pool = claim.paid_by_pool.checked_add(paid)?;
    pool.shortfall = pool.shortfall.checked_sub(paid)?;
    let held = match MEMBERS.may_load(storage, &claim.member)? {
        Some(mut m) => {
            let held = shortfall_leaves_member(&mut m, paid, Leaves::Paid);
            if held {
                MEMBERS.save(storage, &claim.member, &m)?;
            }
            Some(held)
        }
        None => None,
    };
    if claim.shortfall.is_zero() {
        dequeue(storage, &mut claim)?;
    }
    CLAIMS.save(storage, claim_id, &claim)?;
    Ok(Response::new()
        .add_submessages(pay_or_keep(cfg, &claim.recipient, paid)?)
        .add_attribute("action", "settle_shortfall")
        .add_attribute("claim_id", claim_id.to_string())
        .add_attribute("amount", paid)
        .add_attribute("shortfall_left", claim.shortfall)
        .add_attribute("member_books", member_books(held)))
}

/// Where a recovery goes: the outstanding shortfall to the recipient, then the pool (up to what
/// it paid), then the member (up to its escrow).
struct Recovery {
    to_shortfall: Amount,
    to_pool: Amount,
    to_member: Amount,
}

/// Splits `amount` recovered on `claim` (`RecoveryExceedsLoss` beyond what is owed back).
fn split_recovery(claim: &Claim, amount: Amount) -> Result<Recovery, ContractError> {
    let pool_owed = claim.paid_by_pool.checked_sub(claim.recovered_pool)?;
    let member_owed = claim.paid_by_member.checked_sub(claim.recovered_member)?;
    let max = claim.shortfall.checked_add(pool_owed)?.checked_add(member_owed)?;
    if amount > max {
        return Err(ContractError::RecoveryExceedsLoss { claim_id: claim.id, max, got: amount });
    }
    let to_shortfall = amount.min(claim.shortfall);
    let after_shortfall = amount.checked_sub(to_shortfall)?;
    let to_pool = after_shortfall.min(pool_owed);
    let to_member = after_shortfall.checked_sub(to_pool)?;
    Ok(Recovery { to_shortfall, to_pool, to_member })
}

/// Anyone returns money recovered on a settled claim. Order: the claim's outstanding shortfall
/// to its recipient (a submessage: refused, it is kept `uncollected`; a claim it zeroes leaves
/// the queue at once), then the pool (up to what it paid; vests into the share price), then the
/// member's contribution (up to its escrow). More than that is refused.
pub fn return_recovery(ctx: &mut Ctx, payer: Addr, claim_id: u64, amount: Amount) -> Result<Response, ContractError> {
    let mut claim = load_claim(ctx.deps.storage, claim_id)?;
    expect(&claim, ctx.now, ClaimStatus::Settled)?;
    let Recovery { to_shortfall, to_pool, to_member } = split_recovery(&claim, amount)?;
    claim.shortfall = claim.shortfall.checked_sub(to_shortfall)?;
    claim.recovered_shortfall = claim.recovered_shortfall.checked_add(to_shortfall)?;
    claim.recovered_pool = claim.recovered_pool.checked_add(to_pool)?;
    claim.recovered_member = claim.recovered_member.checked_add(to_member)?;
    ctx.pool.shortfall = ctx.pool.shortfall.checked_sub(to_shortfall)?;
    if claim.shortfall.is_zero() {
        dequeue(ctx.deps.storage, &mut claim)?;
    }
    ctx.pool.add_income(to_pool, ctx.now, ctx.cfg.reward_vesting_secs)?;
    let mut res = Response::new().add_submessages(pay_or_keep(&ctx.cfg, &claim.recipient, to_shortfall)?);
    let held = match may_load_member(ctx.deps.storage, &claim.member, ctx.now)? {
        Some(mut m) => {
            let held = shortfall_leaves_member(&mut m, to_shortfall, Leaves::Recovered);
            m.contribution = m.contribution.checked_add(to_member)?;
            ctx.pool.member_contributions = ctx.pool.member_contributions.checked_add(to_member)?;
            save_member(ctx.deps.storage, &ctx.cfg, &claim.member, &mut m, ctx.now)?;
            Some(held)
        }
        // A removed member gets its part sent back.
        None => {
            res = res.add_messages(asset::pay(&ctx.cfg, &claim.member, to_member)?);
            None
        }
    };
    CLAIMS.save(ctx.deps.storage, claim_id, &claim)?;
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
            amount: Amount::new(shortfall),
            recipient: Addr::unchecked("r"),
            memo: None,
            status: ClaimStatus::Settled,
            paid_by_member: Amount::ZERO,
            paid_by_pool: Amount::ZERO,
            denied: Amount::ZERO,
            shortfall: Amount::new(shortfall),
            created_at: 0,
            expires_at: 0,
            reason: None,
            suspended: None,
            needs_assessment: false,
            recovered_shortfall: Amount::ZERO,
            recovered_pool: Amount::ZERO,
            recovered_member: Amount::ZERO,
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
