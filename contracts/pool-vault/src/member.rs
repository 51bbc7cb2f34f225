//! A member's figures: premium accrual, cached risk figures and their peaks, Cover-N input,
//! claim cap and coverage suspension.

use cosmwasm_std::{Addr, Decimal, Order, StdError, Storage, Uint256};
use risk_pool::helpers::AssessFigures;
use risk_pool::oracle::Exposure;
use risk_pool::units::Amount;
use risk_pool::vault::{ClaimStatus, MemberTerms};

use crate::books::{mul_div_ceil, mul_div_floor, BPS, YEAR_SECS};
use crate::error::ContractError;
use crate::peaks::{Low, Peak};
use crate::state::{Config, Member, Pool, Premium, StoredLeg, CLAIMS, COVER_BY, LEGACY_COVER, MEMBERS, PREMIUMS};

impl Member {
    /// The whole book as reported: linear entries, then the legs (message shape).
    pub fn book(&self) -> Vec<Exposure> {
        self.exposures.iter().cloned().chain(self.legs.iter().map(StoredLeg::exposure)).collect()
    }

    /// The book the oracle assesses at `now`: legs past expiry left out (SPEC: their P&L is
    /// zero in every scenario — the payoff is fixed, what it owes is a claim — and the oracle
    /// refuses expired legs).
    pub fn live_book(&self, now: u64) -> Vec<Exposure> {
        self.exposures.iter().cloned().chain(self.legs.iter().filter(|l| l.3 > now).map(StoredLeg::exposure)).collect()
    }

    /// Stores a (normalized) book: linear entries in `exposures`, legs compactly in `legs`.
    pub fn set_book(&mut self, book: Vec<Exposure>) {
        let (legs, linear): (Vec<Exposure>, Vec<Exposure>) = book.into_iter().partition(|e| e.option.is_some());
        self.legs = legs.iter().filter_map(StoredLeg::of).collect();
        self.exposures = linear;
    }

    /// A fresh record on `terms`: nothing contributed, reported or assessed; premium from `now`.
    pub fn new(terms: &MemberTerms, now: u64) -> Member {
        Member {
            contribution: Amount::ZERO,
            exposures: vec![],
            legs: vec![],
            cover_row: Amount::ZERO,
            exposures_at: None,
            required: Amount::ZERO,
            es: Amount::ZERO,
            stress_loss: Amount::ZERO,
            assessed_at: None,
            as_of: None,
            peak_required: Peak::default(),
            peak_es: Peak::default(),
            peak_stress: Peak::default(),
            coverage_cap: terms.coverage_cap,
            coverage_used: Amount::ZERO,
            premium: Premium {
                rate_bps: terms.premium_rate_bps,
                grace_secs: terms.grace_secs,
                due: Amount::ZERO,
                legacy_paid_through: None,
                accrued_at: now,
                prepaid: Amount::ZERO,
                due_since: None,
            },
            window: (0, Amount::ZERO),
            pending_claim: None,
            paid_by_pool: Amount::ZERO,
            denied: Amount::ZERO,
            shortfall: Amount::ZERO,
            low_required: Low::default(),
            committed_required: Peak::default(),
        }
    }

    /// The largest `required` over the lookback.
    pub fn peak_required(&self, cfg: &Config, now: u64) -> Amount {
        self.peak_required.peak(now, cfg.member_lookback_secs)
    }

    /// The largest `stress_loss` over the lookback.
    pub fn peak_stress(&self, cfg: &Config, now: u64) -> Amount {
        self.peak_stress.peak(now, cfg.member_lookback_secs)
    }

    /// The lowest `required` cached during the last `member_lookback_secs` (rolling minimum; see
    /// `peaks` for its bound). None before the first assessment. A record stored before revision 2
    /// has no minimum yet: its cached `required` (in force since `assessed_at`) stands in.
    pub fn lowest_required(&self, cfg: &Config, now: u64) -> Option<Amount> {
        self.low_required.extreme(now, cfg.member_lookback_secs).or(self.assessed_at.map(|_| self.required))
    }

    /// After an accepted exposure increase (contribution ≥ the new `required` was just checked):
    /// the rolling minimum restarts at the new `required`. The member raised its own requirement
    /// and covered it at that instant, so a lower figure from before — e.g. the 0 of an empty book
    /// — must not let a later claim, filed once an earlier claim's escrow has emptied the
    /// contribution, be covered with no first loss. Only raises the member did not make (a
    /// market move, anyone's `refresh_member`) keep the lower figure for the lookback.
    pub fn restart_low_required(&mut self, cfg: &Config, now: u64) {
        self.low_required = Low::default();
        self.low_required.set(self.required, now, cfg.member_lookback_secs);
        self.committed_required.set(self.required, now, cfg.member_lookback_secs);
    }

    /// After an accepted reduction: the member's commitment ends now — the larger figure stays
    /// in force for the lookback after this instant, then no longer binds.
    pub fn end_commitment(&mut self, cfg: &Config, now: u64) {
        self.committed_required.set(Amount::ZERO, now, cfg.member_lookback_secs);
    }

    /// The requirement the deficit test holds the contribution (before escrow) to:
    /// max(the lowest `required` cached over the lookback, min(the largest `required` the member
    /// committed to by its own accepted increases over the lookback, the lookback's peak
    /// `required`)) — the cap keeps the floor within what `member_withdraw` lets the member keep
    /// once the market has calmed. A raise the member did not
    /// make (a market move, anyone's `refresh_member`) never suspends cover within the lookback,
    /// while the member's own later reduction — to an empty or a tiny book, once a claim's escrow
    /// has spent the contribution — cannot lower the bar below a book it reported within it.
    pub fn deficit_floor(&self, cfg: &Config, now: u64) -> Amount {
        let lowest = self.lowest_required(cfg, now).unwrap_or(self.required);
        lowest.max(self.committed_required.peak(now, cfg.member_lookback_secs).min(self.peak_required(cfg, now)))
    }

    /// The largest `es` over the lookback.
    pub fn peak_es(&self, cfg: &Config, now: u64) -> Amount {
        self.peak_es.peak(now, cfg.member_lookback_secs)
    }

    /// Accrues premium up to `now` on the peak required in force over the accrual period:
    /// charge = ⌈peak·bps·Δt/(10⁴·year)⌉ (rounds up), Δt = now − accrued_at, peak = the largest
    /// `required` in force at any instant of [accrued_at − lookback, now]. The charge is drawn
    /// from `prepaid` first; the rest becomes due. When `due` turns positive, `due_since` is the
    /// instant the credit ran out: accrued_at + ⌊prepaid·10⁴·year/(peak·bps)⌋ (rounds down, so
    /// arrears start no later than exact), which keeps arrears exact however lazily accrual runs.
    pub fn accrue(&mut self, cfg: &Config, now: u64) -> Result<(), ContractError> {
        let p = &self.premium;
        if now <= p.accrued_at {
            return Ok(());
        }
        let dt = now - p.accrued_at;
        // Max in force at any instant of [accrued_at − lookback, now]: each instant's own peak.
        let peak = self.peak_required.peak(now, cfg.member_lookback_secs.saturating_add(dt));
        let rate = peak.raw().full_mul(p.rate_bps);
        let charge = Amount::from(mul_div_ceil(rate, dt, year_bps())?);
        let p = &mut self.premium;
        let drawn = charge.min(p.prepaid);
        let rest = charge.checked_sub(drawn)?;
        if !rest.is_zero() && p.due.is_zero() {
            p.due_since = Some(p.accrued_at.saturating_add(prepaid_secs(p.prepaid, rate).min(dt)));
        }
        p.prepaid = p.prepaid.checked_sub(drawn)?;
        p.due = p.due.checked_add(rest)?;
        p.accrued_at = now;
        Ok(())
    }

    /// Applies a premium payment (after `accrue`): clears `premium_due` (oldest first; a full
    /// payment ends the arrears clock); any excess is added to `prepaid` — an amount, never time,
    /// so a credit bought at a small requirement covers exactly its amount at a larger one.
    /// Returns the amount added to `prepaid`.
    pub fn pay_premium(&mut self, amount: Amount) -> Result<Amount, ContractError> {
        let p = &mut self.premium;
        let cleared = amount.min(p.due);
        p.due = p.due.checked_sub(cleared)?;
        if p.due.is_zero() {
            p.due_since = None;
        }
        let excess = amount.checked_sub(cleared)?;
        p.prepaid = p.prepaid.checked_add(excess)?;
        Ok(excess)
    }

    /// Takes premium due out of the contribution (after `accrue`): min(due, contribution) is
    /// cleared as if paid. Returns the amount taken (the caller books it as income).
    pub fn take_due_from_contribution(&mut self) -> Result<Amount, ContractError> {
        let take = self.premium.due.min(self.contribution);
        self.contribution = self.contribution.checked_sub(take)?;
        self.pay_premium(take)?;
        Ok(take)
    }

    /// The reported `paid_through`: now + ⌊prepaid·10⁴·year/(peak_required·bps)⌋ (rounds down),
    /// None when peak_required·bps = 0. Informative only: accrual draws on the amount.
    pub fn paid_through(&self, cfg: &Config, now: u64) -> Option<u64> {
        let rate = self.peak_required(cfg, now).raw().full_mul(self.premium.rate_bps);
        (!rate.is_zero()).then(|| now.saturating_add(prepaid_secs(self.premium.prepaid, rate)))
    }

    /// True when premium has stood due, uncovered by `prepaid`, for more than `grace_secs`.
    pub fn in_arrears(&self, now: u64) -> bool {
        let p = &self.premium;
        !p.due.is_zero() && p.due_since.is_some_and(|since| now.saturating_sub(since) > p.grace_secs)
    }

    /// Converts a record stored before revision 2 (prepaid premium kept as time, `paid_through`).
    /// The time still prepaid, paid_through − accrued_at, becomes the amount it buys at the
    /// requirement cached now, ⌊secs·required·bps/(10⁴·year)⌋ (rounds down; `required` ≤ the
    /// peak, so the pool-favouring one of the two figures the record holds; what was actually
    /// paid is not stored). With premium due, the old arrears clock carries over: due_since =
    /// paid_through. Idempotent: the legacy field is dropped.
    pub fn upgrade_premium(&mut self) {
        let Some(through) = self.premium.legacy_paid_through.take() else { return };
        let p = &mut self.premium;
        let secs = through.saturating_sub(p.accrued_at);
        let amount = mul_div_floor(self.required.raw().full_mul(p.rate_bps), secs, year_bps());
        p.prepaid = p.prepaid.saturating_add(amount.map_or(Amount::MAX, Amount::from));
        if !p.due.is_zero() && p.due_since.is_none() {
            p.due_since = Some(through);
        }
    }

    /// Caches an `assess` answer; the peaks take the new values from `now`.
    pub fn apply_assessment(&mut self, cfg: &Config, pool: &mut Pool, a: &AssessFigures, now: u64) {
        let lb = cfg.member_lookback_secs;
        if self.low_required.points.is_empty() && self.assessed_at.is_some() {
            // A record stored before revision 2: the cached figure, in force until now, seeds it.
            self.low_required.set(self.required, now, lb);
        }
        let (required, es, stress_loss) = (a.required, a.es, a.stress_loss);
        self.low_required.set(required, now, lb);
        self.required = required;
        self.es = es;
        self.stress_loss = stress_loss;
        self.assessed_at = Some(now);
        self.as_of = Some(a.as_of);
        self.peak_required.set(required, now, lb);
        self.peak_es.set(es, now, lb);
        self.peak_stress.set(stress_loss, now, lb);
        pool.cover_n = a.cover_n;
        pool.claim_multiple = a.claim_multiple;
    }

    /// coverage_cap − coverage_used, floored at 0.
    pub fn coverage_left(&self) -> Amount {
        self.coverage_cap.saturating_sub(self.coverage_used)
    }

    /// Cover-N input: min(max(0, peak stress loss − contribution), coverage left). Exact.
    pub fn uncovered(&self, cfg: &Config, now: u64) -> Amount {
        Amount::new(risk_math::cover::uncovered(
            self.peak_stress(cfg, now).u128(),
            self.contribution.u128(),
            self.coverage_left().u128(),
        ))
    }

    /// ⌊claim_multiple · max(peak stress_loss, peak es)⌋ (rounds down).
    pub fn claim_limit(&self, cfg: &Config, claim_multiple: Decimal, now: u64) -> Result<Amount, ContractError> {
        Ok(self.peak_stress(cfg, now).max(self.peak_es(cfg, now)).mul_decimal_floor(claim_multiple)?)
    }

    /// Why coverage is suspended at `now` (after `accrue`), given the contribution before escrow:
    /// `arrears` (premium due for more than `grace_secs`), `no_exposures` (never reported),
    /// `deficit` (contribution below the lowest `required` cached during the lookback, so a
    /// requirement raised within it — by the move that caused the loss, or by anyone's
    /// `refresh_member` — does not suspend cover before the member had that long to top up),
    /// `stale_exposures` (older than `max_exposure_age_secs`).
    pub fn suspension(&self, cfg: &Config, now: u64, contribution: Amount) -> Option<&'static str> {
        if self.in_arrears(now) {
            Some("arrears")
        } else if self.exposures_at.is_none() {
            Some("no_exposures")
        } else if contribution < self.deficit_floor(cfg, now) {
            Some("deficit")
        } else if cfg
            .max_exposure_age_secs
            .is_some_and(|max| self.exposures_at.is_none_or(|at| now.saturating_sub(at) > max))
        {
            Some("stale_exposures")
        } else {
            None
        }
    }

    /// Pool parts settled for this member in the current loss-cap window (the auto-approval
    /// total): (window index, total).
    pub fn window_total(&self, cfg: &Config, now: u64) -> (u64, Amount) {
        let window = now.checked_div(cfg.loss_cap_window_secs).unwrap_or_default();
        (window, if self.window.0 == window { self.window.1 } else { Amount::ZERO })
    }

    /// max(0, max(required, peak_required) − contribution).
    pub fn deficit(&self, cfg: &Config, now: u64) -> Amount {
        self.required.max(self.peak_required(cfg, now)).saturating_sub(self.contribution)
    }
}

/// 10⁴ · year: the denominator of an annual basis-point rate per second.
fn year_bps() -> u128 {
    BPS * u128::from(YEAR_SECS)
}

/// Seconds of premium `prepaid` buys at `rate` = required·bps: ⌊prepaid·10⁴·year/rate⌋ (rounds
/// down), saturating at u64::MAX; 0 when the rate is 0 (callers check).
fn prepaid_secs(prepaid: Amount, rate: Uint256) -> u64 {
    if rate.is_zero() {
        return 0;
    }
    mul_div_floor(prepaid.raw().full_mul(BPS), YEAR_SECS, rate)
        .map(|s| u64::try_from(s.u128()).unwrap_or(u64::MAX))
        .unwrap_or(u64::MAX)
}

/// True when `new` only shrinks `old` (zero entries are dropped before this test), market by
/// market: a market of `new` must be in `old`;
/// - a market without legs in `old` keeps the linear rule: no legs in `new`, same sign, |new| ≤
///   |old|;
/// - a market holding legs in `old` (SPEC): there is one f ∈ [0, 1] with every new value — each
///   leg's size (same kind, strike, expiry) and the linear notional — equal to f·stored rounded
///   toward zero, within one unit; a stored value missing from `new` counts as 0, a stored leg
///   past `now` may be dropped (it takes no part), and no new leg may appear.
pub fn is_reduction(old: &[Exposure], new: &[Exposure], now: u64) -> bool {
    new.iter().all(|n| {
        let stored: Vec<&Exposure> = old.iter().filter(|o| o.market == n.market).collect();
        if stored.is_empty() {
            return false;
        }
        if stored.iter().all(|o| o.option.is_none()) {
            return n.option.is_none()
                && stored.iter().any(|o| {
                    o.notional.i128().signum() == n.notional.i128().signum() && n.notional.abs() <= o.notional.abs()
                });
        }
        let fresh: Vec<&Exposure> = new.iter().filter(|e| e.market == n.market).collect();
        scaled_down(&stored, &fresh, now)
    })
}

/// The SPEC rule for one market holding legs: one f ∈ [0, 1] fits every pair (stored s, new v)
/// with v = trunc(f·s) ± 1, i.e. f·|s| ∈ [|v| − 1, |v| + 2) — taken here as the closed
/// interval [(|v| − 1)/|s|, (|v| + 1)/|s|] (within one unit either way), v of s's sign or 0.
fn scaled_down(stored: &[&Exposure], fresh: &[&Exposure], now: u64) -> bool {
    let same_leg = |a: &Exposure, b: &Exposure| match (&a.option, &b.option) {
        (None, None) => true,
        (Some(x), Some(y)) => x.kind == y.kind && x.strike == y.strike && x.expiry == y.expiry,
        _ => false,
    };
    let value = |e: &Exposure| e.option.as_ref().map_or(e.notional.i128(), |o| o.size.i128());
    // Every new entry matches a stored one.
    if !fresh.iter().all(|f| stored.iter().any(|s| same_leg(s, f))) {
        return false;
    }
    // f ∈ [lo_n/lo_d, hi_n/hi_d], starting at [0, 1].
    let (mut lo_n, mut lo_d, mut hi_n, mut hi_d) = (Uint256::zero(), Uint256::one(), Uint256::one(), Uint256::one());
    let stored_linear = stored.iter().any(|s| s.option.is_none());
    if !stored_linear && fresh.iter().any(|f| f.option.is_none() && !f.notional.is_zero()) {
        return false;
    }
    for s in stored {
        if s.option.as_ref().is_some_and(|o| o.expiry <= now) {
            continue;
        }
        let sv = value(s);
        let nv = fresh.iter().find(|f| same_leg(s, f)).map_or(0, |f| value(f));
        if sv == 0 {
            if nv != 0 {
                return false;
            }
            continue;
        }
        if nv != 0 && nv.signum() != sv.signum() {
            return false;
        }
        let (a, d) = (Uint256::from(nv.unsigned_abs()), Uint256::from(sv.unsigned_abs()));
        // Never larger than stored: the one-unit slack below is for f·stored rounded toward zero,
        // not a way to grow an entry by one unit per "reduction" (red team, options_attack.rs).
        if a > d {
            return false;
        }
        let l = a.saturating_sub(Uint256::one());
        let h = a + Uint256::one();
        // lo = max(lo, l/d); hi = min(hi, h/d) (cross-multiplied, exact).
        if l * lo_d > lo_n * d {
            (lo_n, lo_d) = (l, d);
        }
        if h * hi_d < hi_n * d {
            (hi_n, hi_d) = (h, d);
        }
    }
    lo_n * hi_d <= hi_n * lo_d
}

/// The `n` largest Cover-N rows, largest first (ties: the larger address first): reads `n`
/// keys of `COVER_BY`, whatever the number of members. Each as (uncovered, its raw key), the
/// figure read from the key's bytes (see [`cover_figure`]): no key is deserialized, no `Addr`
/// built.
fn largest_rows(storage: &dyn Storage, n: usize) -> Result<Vec<(u128, Vec<u8>)>, ContractError> {
    // No capacity from `n`: it is the configured cover_n, which may exceed the rows by far.
    let mut rows = Vec::new();
    for key in COVER_BY.keys_raw(storage, None, None, Order::Descending).take(n) {
        rows.push((cover_figure(&key)?, key));
    }
    Ok(rows)
}

/// The `uncovered` figure of a raw `COVER_BY` key (after the namespace). A `(u128, &Addr)` key
/// is, as cw-storage-plus writes it: `[0, 16]` (the first element's length, big-endian), the
/// u128 big-endian, then the address bytes ([`COVER_KEY_ADDR`] on).
fn cover_figure(key: &[u8]) -> Result<u128, ContractError> {
    match key.get(..COVER_KEY_ADDR).map(<[u8; COVER_KEY_ADDR]>::try_from) {
        Some(Ok([0, 16, be @ ..])) => Ok(u128::from_be_bytes(be)),
        _ => Err(StdError::generic_err(format!("cover_by: malformed key of {} bytes", key.len())).into()),
    }
}

/// Where the address starts in a raw `COVER_BY` key.
const COVER_KEY_ADDR: usize = 18;

fn cover_sum(uncovered: &[u128], n: usize) -> Result<Amount, ContractError> {
    risk_math::cover::cover_n(uncovered, n).map(Amount::new).map_err(|_| ContractError::Math { what: "cover_n" })
}

/// Cover-N over the stored rows: the sum of the `cover_n` largest `uncovered` (exact). Reads
/// `cover_n` index keys.
pub fn pool_requirement(storage: &dyn Storage, cover_n: u32) -> Result<Amount, ContractError> {
    let n = crate::config::limit(cover_n);
    let top: Vec<u128> = largest_rows(storage, n)?.into_iter().map(|(u, _)| u).collect();
    cover_sum(&top, n)
}

/// The Cover-N requirement with `member`'s row at `before` and at `after`: (before, after).
/// `before` is the member's figure now, from its record (not its stored row, which can be
/// stale: a peak that rolled out of the lookback since its last save would otherwise count as
/// headroom for the change).
///
/// Reads the `cover_n + 1` largest rows only: the `cover_n` largest of all rows but `member`'s
/// are among them (dropping one row from the top `cover_n + 1` leaves at least `cover_n`), so
/// both sums are exact over the stored rows of the others.
pub fn requirement_with(
    storage: &dyn Storage,
    cover_n: u32,
    member: &Addr,
    before: Amount,
    after: Amount,
) -> Result<(Amount, Amount), ContractError> {
    let n = crate::config::limit(cover_n);
    let top = largest_rows(storage, n.saturating_add(1))?;
    let own = Some(member.as_bytes());
    let mut rows: Vec<u128> = top.iter().filter(|(_, k)| k.get(COVER_KEY_ADDR..) != own).map(|(u, _)| *u).collect();
    rows.push(before.u128());
    let before = cover_sum(&rows, n)?;
    if let Some(own) = rows.last_mut() {
        *own = after.u128();
    }
    Ok((before, cover_sum(&rows, n)?))
}

/// The Cover-N capacity check of every change that can raise a member's `uncovered` (an exposure
/// increase, a member withdrawal): with `member`'s row moving from `before` (its figure now,
/// before the change) to `after`, the pool's Cover-N requirement may not exceed both capacity
/// and the requirement before. `PoolCapacityExceeded {requirement, capacity}` otherwise.
pub fn ensure_capacity(
    storage: &dyn Storage,
    cfg: &Config,
    pool: &Pool,
    member: &Addr,
    (before, after): (Amount, Amount),
) -> Result<(), ContractError> {
    let (before, after) = requirement_with(storage, pool.cover_n, member, before, after)?;
    let capacity = pool.capacity(cfg)?;
    if after > capacity && after > before {
        return Err(ContractError::PoolCapacityExceeded { requirement: after, capacity });
    }
    Ok(())
}

/// Moves `member`'s index entry from `from` to `to` (0 = no entry). Two key writes at most.
pub fn move_row(storage: &mut dyn Storage, member: &Addr, from: Amount, to: Amount) -> Result<(), ContractError> {
    if from == to {
        return Ok(());
    }
    if !from.is_zero() {
        COVER_BY.remove(storage, (from.u128(), member));
    }
    if !to.is_zero() {
        COVER_BY.save(storage, (to.u128(), member), &())?;
    }
    Ok(())
}

/// A pending claim of `m` that lapsed by `now` gives its escrow back: `sync` already moved it into
/// the pool's `member_contributions` when it swept the claim's key (the pool's books are exact at
/// every action); the member's record catches up here, when it is next read (one claim read, for
/// a member with a pending claim only). So an expiry costs `sync` a key and no record writes,
/// and any number of claims can lapse in one block.
pub fn lapse_pending(storage: &dyn Storage, m: &mut Member, now: u64) -> Result<(), ContractError> {
    let Some(id) = m.pending_claim else { return Ok(()) };
    let claim = CLAIMS.load(storage, id)?;
    if claim.status == ClaimStatus::Pending && claim.status_at(now) == ClaimStatus::Expired {
        m.contribution = m.contribution.checked_add(claim.paid_by_member)?;
        m.pending_claim = None;
    }
    Ok(())
}

/// The member at `now` with its premium account (a lapsed pending claim's escrow returned).
pub fn may_load_member(storage: &dyn Storage, addr: &Addr, now: u64) -> Result<Option<Member>, ContractError> {
    let Some(m) = MEMBERS.may_load(storage, addr)? else { return Ok(None) };
    Ok(Some(at_time(storage, addr, m, now)?))
}

/// A stored member record (as `MEMBERS` holds it) made whole at `now`: its premium account
/// joined (legacy records converted) and a lapsed pending claim's escrow returned.
pub fn at_time(storage: &dyn Storage, addr: &Addr, mut m: Member, now: u64) -> Result<Member, ContractError> {
    m.premium = PREMIUMS.load(storage, addr)?;
    m.upgrade_premium();
    lapse_pending(storage, &mut m, now)?;
    Ok(m)
}

/// The member at `now` with its premium account; `NotAMember` when none.
pub fn load_member(storage: &dyn Storage, addr: &Addr, now: u64) -> Result<Member, ContractError> {
    may_load_member(storage, addr, now)?.ok_or_else(|| ContractError::NotAMember { address: addr.to_string() })
}

/// Saves only the premium account (a premium payment changes nothing else).
pub fn save_premium(storage: &mut dyn Storage, addr: &Addr, m: &Member) -> Result<(), ContractError> {
    PREMIUMS.save(storage, addr, &m.premium)?;
    Ok(())
}

/// Saves the member, its premium account and its Cover-N row: `m.cover_row` becomes
/// `m.uncovered(now)` and the index entry moves with it (rewritten only when it changed).
pub fn save_member(
    storage: &mut dyn Storage,
    cfg: &Config,
    addr: &Addr,
    m: &mut Member,
    now: u64,
) -> Result<(), ContractError> {
    let u = m.uncovered(cfg, now);
    move_row(storage, addr, m.cover_row, u)?;
    m.cover_row = u;
    MEMBERS.save(storage, addr, m)?;
    PREMIUMS.save(storage, addr, &m.premium)?;
    Ok(())
}

/// Migration from the one-item layout ([`LEGACY_COVER`]): each row into its member's record
/// and the index; the item is removed. Returns how many rows moved (0 when already migrated).
pub fn migrate_legacy_cover(storage: &mut dyn Storage) -> Result<u64, ContractError> {
    let Some(rows) = LEGACY_COVER.may_load(storage)? else { return Ok(0) };
    let mut moved = 0u64;
    for row in rows {
        if let Some(mut m) = MEMBERS.may_load(storage, &row.member)? {
            move_row(storage, &row.member, m.cover_row, row.uncovered)?;
            m.cover_row = row.uncovered;
            MEMBERS.save(storage, &row.member, &m)?;
            moved = moved.saturating_add(1);
        }
    }
    LEGACY_COVER.remove(storage);
    Ok(moved)
}

#[cfg(test)]
mod tests {
    use super::*;
    use risk_pool::vault::MemberTerms;

    mod cover_index {
        use super::super::*;
        use crate::state::CoverRow;
        use cosmwasm_std::testing::MockStorage;
        use proptest::prelude::*;

        /// Brute force over every member's current row: the sum of the `n` largest.
        fn brute(rows: &std::collections::BTreeMap<u8, u128>, n: usize) -> u128 {
            let mut v: Vec<u128> = rows.values().copied().collect();
            v.sort_unstable_by(|a, b| b.cmp(a));
            v.into_iter().take(n).sum()
        }

        fn who(i: u8) -> Addr {
            Addr::unchecked(format!("member{i:02}"))
        }

        proptest! {
            /// Random saves (ties, zeros, repeats) and removals over 24 members: the index's
            /// Cover-N and the capacity check's (before, after) equal brute force over all
            /// rows, for every N from 0 to 26, and the index holds one key per non-zero row.
            #[test]
            fn index_matches_brute_force(
                ops in proptest::collection::vec((0u8..24, prop_oneof![Just(0u128), 1u128..6, 1u128..u128::from(u64::MAX)]), 1..80),
                probe in (0u8..24, 0u128..8),
            ) {
                let mut st = MockStorage::new();
                let mut held: std::collections::BTreeMap<u8, u128> = Default::default();
                for (i, u) in ops {
                    let from = held.get(&i).copied().unwrap_or(0);
                    move_row(&mut st, &who(i), Amount::new(from), Amount::new(u)).unwrap();
                    if u == 0 { held.remove(&i); } else { held.insert(i, u); }
                }
                prop_assert_eq!(COVER_BY.keys_raw(&st, None, None, Order::Ascending).count(), held.len());
                for n in 0..27u32 {
                    prop_assert_eq!(pool_requirement(&st, n).unwrap().u128(), brute(&held, n as usize));
                    let mut after = held.clone();
                    after.insert(probe.0, probe.1);
                    let own = Amount::new(held.get(&probe.0).copied().unwrap_or(0));
                    let (b, a) = requirement_with(&st, n, &who(probe.0), own, Amount::new(probe.1)).unwrap();
                    prop_assert_eq!((b.u128(), a.u128()), (brute(&held, n as usize), brute(&after, n as usize)));
                }
            }
        }

        /// The figure read from a raw key is the typed key's: every stored key, from 1 to
        /// u128::MAX; a key that is not a `(u128, addr)` key is a typed error, not a panic.
        #[test]
        fn raw_key_figures_are_the_typed_keys() {
            let mut st = MockStorage::new();
            for (i, u) in [(1u8, 1u128), (2, 255), (3, 256), (4, u128::from(u64::MAX) + 1), (5, u128::MAX)] {
                move_row(&mut st, &who(i), Amount::ZERO, Amount::new(u)).unwrap();
            }
            let typed: Vec<(u128, Addr)> =
                COVER_BY.keys(&st, None, None, Order::Descending).collect::<cosmwasm_std::StdResult<_>>().unwrap();
            let raw = largest_rows(&st, 100).unwrap();
            assert_eq!(raw.len(), 5);
            for ((u, a), (ru, key)) in typed.iter().zip(&raw) {
                assert_eq!((u, a.as_bytes()), (ru, &key[COVER_KEY_ADDR..]));
            }
            assert_eq!(raw[0].0, u128::MAX);
            // Cover-N over all five overflows: a typed error.
            assert!(matches!(pool_requirement(&st, 5), Err(ContractError::Math { .. })));
            // A cover_n far beyond the rows reads the rows there are (no allocation from n).
            let mut small = MockStorage::new();
            move_row(&mut small, &who(1), Amount::ZERO, Amount::new(3)).unwrap();
            move_row(&mut small, &who(2), Amount::ZERO, Amount::new(4)).unwrap();
            assert_eq!(pool_requirement(&small, u32::MAX).unwrap().u128(), 7);
            // A malformed key (not written by the contract) under the namespace.
            cw_storage_plus::Map::<&[u8], ()>::new("cover_by").save(&mut small, b"\x00\x10short", &()).unwrap();
            let err = pool_requirement(&small, 3).unwrap_err();
            assert!(err.to_string().contains("cover_by: malformed key of 7 bytes"), "{err}");
        }

        /// The one-item layout migrates into the members' records and the index; Cover-N is the
        /// same before and after, a second run moves nothing, and a row of a member no longer
        /// registered is dropped.
        #[test]
        fn legacy_rows_migrate() {
            let mut st = MockStorage::new();
            let terms =
                MemberTerms { member: "m".into(), coverage_cap: Amount::MAX, premium_rate_bps: 0, grace_secs: 7 };
            for i in 0..5u8 {
                MEMBERS.save(&mut st, &who(i), &Member::new(&terms, 0)).unwrap();
            }
            let legacy: Vec<CoverRow> = [(0u8, 7u128), (1, 0), (2, 9), (3, 7), (4, 1), (9, 50)]
                .iter()
                .map(|&(i, u)| CoverRow { member: who(i), uncovered: Amount::new(u) })
                .collect();
            LEGACY_COVER.save(&mut st, &legacy).unwrap();
            assert_eq!(migrate_legacy_cover(&mut st).unwrap(), 5);
            assert!(LEGACY_COVER.may_load(&st).unwrap().is_none());
            assert_eq!(pool_requirement(&st, 2).unwrap().u128(), 16);
            assert_eq!(pool_requirement(&st, 9).unwrap().u128(), 24);
            assert_eq!(MEMBERS.load(&st, &who(2)).unwrap().cover_row.u128(), 9);
            assert_eq!(COVER_BY.keys_raw(&st, None, None, Order::Ascending).count(), 4);
            assert_eq!(migrate_legacy_cover(&mut st).unwrap(), 0);
            assert_eq!(pool_requirement(&st, 9).unwrap().u128(), 24);
        }
    }

    fn member(required: u128) -> Member {
        let terms = MemberTerms { member: "m".into(), coverage_cap: Amount::MAX, premium_rate_bps: 500, grace_secs: 7 };
        Member { required: Amount::new(required), ..Member::new(&terms, 0) }
    }

    /// Item 1, migration: a premium record stored before revision 2 (`d` = paid_through, no
    /// `f`/`g`) deserializes; the time still prepaid becomes the amount it buys at the cached
    /// `required` (rounded down), and with premium due the old arrears clock carries over.
    #[test]
    fn audit_01_legacy_premium_records_convert_to_an_amount() {
        let old: Premium = cosmwasm_std::from_json(r#"{"a":500,"b":604800,"c":"0","d":31536400,"e":400}"#).unwrap();
        let mut m = member(1_000_000);
        m.premium = old;
        m.upgrade_premium();
        // One year prepaid at 1,000,000·5 %: 50,000.
        let p = &m.premium;
        assert_eq!((p.prepaid.u128(), p.legacy_paid_through, p.due_since), (50_000, None, None));
        let json = cosmwasm_std::to_json_string(p).unwrap();
        assert!(!json.contains("\"d\""), "{json}");
        // With premium due: due_since = the old paid_through.
        let old: Premium = cosmwasm_std::from_json(r#"{"a":500,"b":7,"c":"12","d":100,"e":400}"#).unwrap();
        m.premium = old;
        m.upgrade_premium();
        assert_eq!((m.premium.prepaid.u128(), m.premium.due_since), (0, Some(100)));
        assert!(m.in_arrears(108) && !m.in_arrears(107));
    }

    /// Item 9, migration: a member record stored before revision 2 (no rolling minimum `s`)
    /// deserializes; its cached `required` stands in for the lowest, and seeds the minimum at
    /// the next assessment (so a raise then keeps the old figure for the lookback).
    #[test]
    fn audit_09_legacy_member_records_have_a_lowest_required() {
        let mut json: serde_json::Value = serde_json::to_value(member(0)).unwrap();
        json.as_object_mut().unwrap().remove("s");
        json["d"] = "500".into();
        json["g"] = 10.into();
        let mut m: Member = serde_json::from_value(json).unwrap();
        assert!(m.low_required.points.is_empty());
        let cfg: Config = serde_json::from_str(
            r#"{"owner":"o","guardian":null,"risk_oracle":"r","asset":{"native":"uusdc"},
            "unbonding_secs":604800,"deposit_lock_secs":3600,"min_deposit":"1","protocol_fee_bps":1000,
            "treasury":"t","claim_auto_approve_limit":"0","max_pending_claim_secs":1,"loss_cap_bps":3000,
            "loss_cap_window_secs":1,"max_capital_multiple":null,"member_lookback_secs":604800,
            "max_exposure_age_secs":null,"reward_vesting_secs":604800,"max_pause_secs":1,"max_members":1,
            "max_unbonding_entries":1,"max_memo_len":1}"#,
        )
        .unwrap();
        assert_eq!(m.lowest_required(&cfg, 20), Some(Amount::new(500)));
        let a: AssessFigures = serde_json::from_str(
            r#"{"var":"0","es":"0","required":"900","stress_loss":"0","claim_limit":"0","claim_multiple":"1.5",
            "cover_n":2,"method":"parametric","confidence_bps":9900,"horizon_secs":86400,"as_of":20}"#,
        )
        .unwrap();
        m.apply_assessment(&cfg, &mut Pool::default(), &a, 20);
        assert_eq!((m.required, m.lowest_required(&cfg, 20)), (Amount::new(900), Some(Amount::new(500))));
        assert_eq!(m.lowest_required(&cfg, 20 + cfg.member_lookback_secs), Some(Amount::new(900)));
    }
}
