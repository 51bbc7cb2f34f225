//! Bringing the books to the block time before anything else runs: vesting, a lapsed pause,
//! pending claims past `max_pending_claim_secs` (expired with no transaction needed: queries
//! apply the same step in memory, executes write it).

use cosmwasm_std::{Order, StdResult, Storage};
use cw_storage_plus::Bound;
use risk_pool::vault::ClaimStatus;

use crate::error::ContractError;
use crate::member::{may_load_member, save_member};
use crate::state::{Config, PendingRef, Pool, CLAIMS, LEGACY_PENDING, PENDING_BY, POOL};

/// The pending claims due to expire at `now` (expires_at ≤ now), oldest first: a range over
/// `PENDING_BY` that reads only those.
pub fn due(storage: &dyn Storage, now: u64) -> Result<Vec<PendingRef>, ContractError> {
    let end = Bound::inclusive((now, u64::MAX));
    Ok(PENDING_BY
        .range_raw(storage, None, Some(end), Order::Ascending)
        .map(|r| r.map(|(_, p)| p))
        .collect::<StdResult<_>>()?)
}

/// The pure part: vests, lapses the pause, and moves the escrow of the `expired` claims back to
/// member contributions (their pool parts leave `pending_exposure`).
pub fn advance(pool: &mut Pool, cfg: &Config, expired: &[PendingRef], now: u64) -> Result<(), ContractError> {
    pool.vest(now)?;
    if let Some(until) = pool.paused_until.filter(|u| *u <= now) {
        pool.paused_until = None;
        pool.guardian_pause_after = pool.guardian_pause_after.max(until.saturating_add(cfg.max_pause_secs));
    }
    for p in expired {
        pool.escrow = pool.escrow.checked_sub(p.escrow)?;
        pool.member_contributions = pool.member_contributions.checked_add(p.escrow)?;
        pool.pending_exposure = pool.pending_exposure.checked_sub(p.pool_part)?;
    }
    Ok(())
}

/// Loads the pool as of `now`, writing any claim expiries it finds.
pub fn sync(storage: &mut dyn Storage, cfg: &Config, now: u64) -> Result<Pool, ContractError> {
    let mut pool = POOL.load(storage)?;
    let expired = due(storage, now)?;
    advance(&mut pool, cfg, &expired, now)?;
    if !expired.is_empty() {
        for p in expired {
            PENDING_BY.remove(storage, (p.expires_at, p.id));
            let mut claim = CLAIMS.load(storage, p.id)?;
            claim.status = ClaimStatus::Expired;
            CLAIMS.save(storage, p.id, &claim)?;
            if let Some(mut m) = may_load_member(storage, &p.member)? {
                m.contribution = m.contribution.checked_add(p.escrow)?;
                m.pending_claim = None;
                save_member(storage, cfg, &p.member, &mut m, now)?;
            }
        }
    }
    Ok(pool)
}

/// The pool as `sync` would leave it, and the claims it would expire, without writing (for
/// queries).
pub fn view(storage: &dyn Storage, cfg: &Config, now: u64) -> Result<(Pool, Vec<PendingRef>), ContractError> {
    let mut pool = POOL.load(storage)?;
    let expired = due(storage, now)?;
    advance(&mut pool, cfg, &expired, now)?;
    Ok((pool, expired))
}

/// Migration from the one-item list ([`LEGACY_PENDING`]): each entry under its key; the item
/// is removed. Returns how many moved (0 when already migrated).
pub fn migrate_legacy_pending(storage: &mut dyn Storage) -> Result<u64, ContractError> {
    let Some(list) = LEGACY_PENDING.may_load(storage)? else { return Ok(0) };
    let mut moved = 0u64;
    for p in list {
        PENDING_BY.save(storage, (p.expires_at, p.id), &p)?;
        moved = moved.saturating_add(1);
    }
    LEGACY_PENDING.remove(storage);
    Ok(moved)
}
