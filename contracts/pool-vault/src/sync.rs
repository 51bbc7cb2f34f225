//! Bringing the books to the block time before anything else runs: vesting, a lapsed pause,
//! pending claims past `max_pending_claim_secs` (expired with no transaction needed: queries
//! apply the same step in memory, executes write it).

use cosmwasm_std::Storage;
use risk_pool::vault::ClaimStatus;

use crate::error::ContractError;
use crate::member::{may_load_member, save_member};
use crate::state::{Config, PendingRef, Pool, CLAIMS, PENDING, POOL};

/// The pure part: vests, lapses the pause, removes expired claims from `pending` and moves their
/// escrow back to member contributions. Returns the expired claims.
pub fn advance(
    pool: &mut Pool,
    cfg: &Config,
    pending: &mut Vec<PendingRef>,
    now: u64,
) -> Result<Vec<PendingRef>, ContractError> {
    pool.vest(now)?;
    if let Some(until) = pool.paused_until.filter(|u| *u <= now) {
        pool.paused_until = None;
        pool.guardian_pause_after = pool.guardian_pause_after.max(until.saturating_add(cfg.max_pause_secs));
    }
    let (expired, live): (Vec<_>, Vec<_>) = pending.drain(..).partition(|p| p.expires_at <= now);
    *pending = live;
    for p in &expired {
        pool.escrow = pool.escrow.checked_sub(p.escrow)?;
        pool.member_contributions = pool.member_contributions.checked_add(p.escrow)?;
        pool.pending_exposure = pool.pending_exposure.checked_sub(p.pool_part)?;
    }
    Ok(expired)
}

/// Loads the pool as of `now`, writing any claim expiries it finds.
pub fn sync(storage: &mut dyn Storage, cfg: &Config, now: u64) -> Result<Pool, ContractError> {
    let mut pool = POOL.load(storage)?;
    let mut pending = PENDING.may_load(storage)?.unwrap_or_default();
    let expired = advance(&mut pool, cfg, &mut pending, now)?;
    if !expired.is_empty() {
        PENDING.save(storage, &pending)?;
        for p in expired {
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

/// The pool and pending list as `sync` would leave them, without writing (for queries).
pub fn view(
    storage: &dyn Storage,
    cfg: &Config,
    now: u64,
) -> Result<(Pool, Vec<PendingRef>, Vec<PendingRef>), ContractError> {
    let mut pool = POOL.load(storage)?;
    let mut pending = PENDING.may_load(storage)?.unwrap_or_default();
    let expired = advance(&mut pool, cfg, &mut pending, now)?;
    Ok((pool, pending, expired))
}
