//! Bringing the books to the block time before anything else runs: vesting, a lapsed pause,
//! pending claims past `max_pending_claim_secs` (expired with no transaction needed: queries
//! apply the same step in memory, executes write the sweep).

use cosmwasm_std::{Order, StdResult, Storage};
use cw_storage_plus::Bound;
use risk_pool::vault::ClaimStatus;

use crate::error::ContractError;
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

/// Loads the pool as of `now` and sweeps the claims that lapsed: each one's key leaves the
/// pending list and its escrow and pool part leave the pool's figures (one key read and one
/// delete a claim, ~1,500 gas: a whole pool's worth can lapse in one block). The claim's record
/// is not rewritten (`Claim::status_at` reads it as expired) and the member's catches up when
/// next read (`member::lapse_pending`).
pub fn sync(storage: &mut dyn Storage, cfg: &Config, now: u64) -> Result<Pool, ContractError> {
    let mut pool = POOL.load(storage)?;
    let expired = due(storage, now)?;
    advance(&mut pool, cfg, &expired, now)?;
    for p in expired {
        PENDING_BY.remove(storage, (p.expires_at, p.id));
    }
    Ok(pool)
}

/// The pool as `sync` would leave it, without writing (for queries).
pub fn view(storage: &dyn Storage, cfg: &Config, now: u64) -> Result<Pool, ContractError> {
    let mut pool = POOL.load(storage)?;
    advance(&mut pool, cfg, &due(storage, now)?, now)?;
    Ok(pool)
}

/// Migration from the one-item list ([`LEGACY_PENDING`]): for each entry whose claim is still
/// pending, once, the entry rebuilt from the claim itself (its expiry, escrow `paid_by_member`
/// and pool part `paid_by_pool`: the figures the pool's escrow and pending exposure were raised
/// by at filing, and the ones the member's record takes back at expiry) under its key; the item
/// is removed. An entry of a claim no longer pending, or a repeat, is dropped (its sweep would
/// move an escrow the pool no longer holds). Returns the keys written (0 when already migrated).
pub fn migrate_legacy_pending(storage: &mut dyn Storage) -> Result<u64, ContractError> {
    let Some(list) = LEGACY_PENDING.may_load(storage)? else { return Ok(0) };
    let mut moved = 0u64;
    for p in list {
        let Some(claim) = CLAIMS.may_load(storage, p.id)? else { continue };
        let key = (claim.expires_at, claim.id);
        if claim.status != ClaimStatus::Pending || PENDING_BY.has(storage, key) {
            continue;
        }
        let entry = PendingRef {
            id: claim.id,
            member: claim.member,
            pool_part: claim.paid_by_pool,
            escrow: claim.paid_by_member,
            expires_at: claim.expires_at,
            premium: p.premium,
        };
        PENDING_BY.save(storage, key, &entry)?;
        moved = moved.saturating_add(1);
    }
    LEGACY_PENDING.remove(storage);
    Ok(moved)
}
