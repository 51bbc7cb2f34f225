//! Internal consistency of the books, and the token balance covering them, checked after every
//! execute when the `invariants` feature is on (the test suites switch it on; the wasm build
//! leaves it off). Iterates every record: test use only.

use cosmwasm_std::{Deps, Env, Order};
use risk_pool::units::{Amount, Shares};

use crate::asset;
use crate::error::ContractError;
use crate::member::lapse_pending;
use crate::state::{
    CLAIMS, CONFIG, COVER_BY, MEMBERS, PENDING_BY, POOL, PREMIUMS, SHORTFALL_FIFO, SHORTFALL_META, TOTAL_BONDED,
    UNCOLLECTED, UNDERWRITERS,
};

fn ensure(ok: bool, what: impl FnOnce() -> String) -> Result<(), ContractError> {
    if ok {
        Ok(())
    } else {
        Err(ContractError::Invariant { what: what() })
    }
}

/// Every books identity, over every record (`Invariant` naming the figures that disagree).
pub fn check(deps: Deps, env: &Env) -> Result<(), ContractError> {
    let pool = POOL.load(deps.storage)?;
    let (mut shares, mut bonded, mut unbonding) = (Shares::ZERO, Shares::ZERO, Shares::ZERO);
    for item in UNDERWRITERS.range(deps.storage, None, None, Order::Ascending) {
        let (addr, uw) = item?;
        let in_entries = Shares::checked_sum(uw.unbonding.iter().map(|e| e.shares))?;
        ensure(uw.bonded.checked_add(in_entries)? == uw.shares, || {
            format!("{addr}: bonded {} + unbonding {in_entries} != shares {}", uw.bonded, uw.shares)
        })?;
        shares = shares.checked_add(uw.shares)?;
        bonded = bonded.checked_add(uw.bonded)?;
        unbonding = unbonding.checked_add(in_entries)?;
    }
    ensure(shares == pool.total_shares, || format!("Σ shares {shares} != total_shares {}", pool.total_shares))?;
    ensure(unbonding == pool.unbonding_shares, || format!("Σ unbonding {unbonding} != {}", pool.unbonding_shares))?;
    let total_bonded = TOTAL_BONDED.may_load(deps.storage)?.unwrap_or_default();
    ensure(bonded == total_bonded, || format!("Σ bonded {bonded} != total bonded {total_bonded}"))?;

    let now = env.block.time.seconds();
    let (mut contributions, mut count, mut rows, mut holding) = (Amount::ZERO, 0u32, 0usize, 0usize);
    for item in MEMBERS.range(deps.storage, None, None, Order::Ascending) {
        let (addr, mut m) = item?;
        // A lapsed claim's escrow is in the pool's figures already; the record catches up on read.
        lapse_pending(deps.storage, &mut m, now)?;
        holding = holding.saturating_add(usize::from(m.pending_claim.is_some()));
        ensure(PREMIUMS.has(deps.storage, &addr), || format!("member {addr} without a premium account"))?;
        // Its Cover-N row: in the index exactly under the figure its record holds.
        if !m.cover_row.is_zero() {
            ensure(COVER_BY.has(deps.storage, (m.cover_row.u128(), &addr)), || {
                format!("member {addr}: cover row {} not in the index", m.cover_row)
            })?;
            rows = rows.saturating_add(1);
        }
        contributions = contributions.checked_add(m.contribution)?;
        count = count.saturating_add(1);
    }
    ensure(contributions == pool.member_contributions, || {
        format!("Σ contributions {contributions} != {}", pool.member_contributions)
    })?;
    ensure(count == pool.member_count, || format!("{count} members != member_count {}", pool.member_count))?;
    let keys = COVER_BY.keys_raw(deps.storage, None, None, Order::Ascending).count();
    ensure(keys == rows, || format!("Cover-N index holds {keys} keys for {rows} members with a row"))?;

    let pending: Vec<_> = PENDING_BY.range(deps.storage, None, None, Order::Ascending).collect::<Result<_, _>>()?;
    for ((expires_at, id), p) in &pending {
        ensure(*expires_at == p.expires_at && *id == p.id, || {
            format!("pending claim {} under key ({expires_at}, {id})", p.id)
        })?;
    }
    let pending: Vec<_> = pending.into_iter().map(|(_, p)| p).collect();
    ensure(holding == pending.len(), || {
        format!("{holding} members hold a live pending claim, {} keys", pending.len())
    })?;
    // Escrow: the member parts of pending claims and the refused payouts kept `uncollected`.
    let mut uncollected = Amount::ZERO;
    for item in UNCOLLECTED.range(deps.storage, None, None, Order::Ascending) {
        uncollected = uncollected.checked_add(item?.1)?;
    }
    let escrow = Amount::checked_sum(pending.iter().map(|p| p.escrow))?.checked_add(uncollected)?;
    let exposure = Amount::checked_sum(pending.iter().map(|p| p.pool_part))?;
    ensure(escrow == pool.escrow, || format!("Σ escrow {escrow} != {}", pool.escrow))?;
    ensure(exposure == pool.pending_exposure, || format!("Σ pending {exposure} != {}", pool.pending_exposure))?;
    for p in &pending {
        let m = MEMBERS.load(deps.storage, &p.member)?;
        ensure(m.pending_claim == Some(p.id), || format!("pending claim {} not on its member", p.id))?;
    }

    let (mut shortfall, mut owing) = (Amount::ZERO, 0u64);
    for item in CLAIMS.range(deps.storage, None, None, Order::Ascending) {
        let (id, c) = item?;
        shortfall = shortfall.checked_add(c.shortfall)?;
        owing = owing.saturating_add(u64::from(!c.shortfall.is_zero()));
        // In the queue exactly while it has shortfall, under its own key.
        let queued = c.queue_seq.map(|seq| SHORTFALL_FIFO.may_load(deps.storage, seq)).transpose()?.flatten();
        ensure(queued == (!c.shortfall.is_zero()).then_some(id), || {
            format!("claim {id} (shortfall {}) queued as {queued:?}", c.shortfall)
        })?;
    }
    ensure(shortfall == pool.shortfall, || format!("Σ claim shortfall {shortfall} != {}", pool.shortfall))?;
    // The queue's entries are exactly the claims that owe shortfall (FIFO keys, no zeroed ones).
    let entries = SHORTFALL_FIFO.range(deps.storage, None, None, Order::Ascending).count();
    let entries = u64::try_from(entries).unwrap_or(u64::MAX);
    let len = SHORTFALL_META.may_load(deps.storage)?.unwrap_or_default().len;
    ensure(entries == owing && len == owing, || {
        format!("queue {entries} entries (len {len}) != {owing} owing claims")
    })?;

    // The token balance covers the books (what it holds above them is the surplus). This
    // action's payouts are still messages, so the balance read here still holds them.
    let balance = asset::balance(&deps.querier, &CONFIG.load(deps.storage)?, &env.contract.address)?;
    pool.books().check(balance).map_err(|e| ContractError::Invariant { what: e.to_string() })?;
    Ok(())
}
