//! A member's figures: premium accrual, cached risk figures and their peaks, Cover-N input,
//! claim cap and coverage suspension.

use cosmwasm_std::{Addr, Decimal, Storage, Uint128};
use risk_pool::oracle::{AssessResponse, Exposure};
use risk_pool::vault::MemberTerms;

use crate::books::{mul_div_ceil, mul_div_floor, BPS, YEAR_SECS};
use crate::error::ContractError;
use crate::peaks::Peak;
use crate::state::{Config, CoverRow, Member, Pool, Premium, COVER, MEMBERS, PREMIUMS};

impl Member {
    pub fn new(terms: &MemberTerms, now: u64) -> Member {
        Member {
            contribution: Uint128::zero(),
            exposures: vec![],
            exposures_at: None,
            required: Uint128::zero(),
            es: Uint128::zero(),
            stress_loss: Uint128::zero(),
            assessed_at: None,
            as_of: None,
            peak_required: Peak::default(),
            peak_es: Peak::default(),
            peak_stress: Peak::default(),
            coverage_cap: terms.coverage_cap,
            coverage_used: Uint128::zero(),
            premium: Premium {
                rate_bps: terms.premium_rate_bps,
                grace_secs: terms.grace_secs,
                due: Uint128::zero(),
                paid_through: now,
                accrued_at: now,
            },
            window: (0, Uint128::zero()),
            pending_claim: None,
            paid_by_pool: Uint128::zero(),
            denied: Uint128::zero(),
            shortfall: Uint128::zero(),
        }
    }

    pub fn peak_required(&self, cfg: &Config, now: u64) -> Uint128 {
        self.peak_required.peak(now, cfg.member_lookback_secs)
    }

    pub fn peak_stress(&self, cfg: &Config, now: u64) -> Uint128 {
        self.peak_stress.peak(now, cfg.member_lookback_secs)
    }

    pub fn peak_es(&self, cfg: &Config, now: u64) -> Uint128 {
        self.peak_es.peak(now, cfg.member_lookback_secs)
    }

    /// Accrues premium up to `now` on the peak required over the accrual period:
    /// due += ⌈peak·bps·Δt/(10⁴·year)⌉ for the part of (accrued_at, now] not prepaid (rounds up).
    /// With nothing due, `paid_through` keeps up with `now` (no arrears on a zero premium).
    pub fn accrue(&mut self, cfg: &Config, now: u64) -> Result<(), ContractError> {
        let rate_bps = self.premium.rate_bps;
        let from = self.premium.accrued_at.max(self.premium.paid_through);
        if now > from {
            let dt = now - from;
            // Max in force at any instant of [from − lookback, now]: each instant's own peak.
            let peak = self.peak_required.peak(now, cfg.member_lookback_secs.saturating_add(dt));
            let due = mul_div_ceil(peak.full_mul(rate_bps), dt, BPS * YEAR_SECS as u128)?;
            self.premium.due =
                self.premium.due.checked_add(due).map_err(|_| ContractError::Math { what: "premium" })?;
        }
        let p = &mut self.premium;
        p.accrued_at = p.accrued_at.max(now);
        if p.due.is_zero() {
            p.paid_through = p.paid_through.max(now);
        }
        Ok(())
    }

    /// Applies a premium payment (after `accrue`): clears `premium_due`; any excess is prepaid,
    /// advancing `paid_through` by ⌊excess·10⁴·year/(peak_required·bps)⌋ (rounds down; with a
    /// zero rate or requirement the excess buys no time). Returns the seconds prepaid.
    pub fn pay_premium(&mut self, cfg: &Config, now: u64, amount: Uint128) -> Result<u64, ContractError> {
        let rate = self.peak_required(cfg, now).full_mul(self.premium.rate_bps);
        let p = &mut self.premium;
        let cleared = amount.min(p.due);
        p.due -= cleared;
        let excess = amount - cleared;
        if !p.due.is_zero() {
            return Ok(0);
        }
        let secs = if rate.is_zero() {
            0
        } else {
            let s = mul_div_floor(excess.full_mul(BPS), YEAR_SECS, rate).unwrap_or(Uint128::new(u64::MAX as u128));
            u64::try_from(s.u128()).unwrap_or(u64::MAX)
        };
        p.paid_through = p.paid_through.max(now).saturating_add(secs);
        Ok(secs)
    }

    /// Caches an `assess` answer; the peaks take the new values from `now`.
    pub fn apply_assessment(&mut self, cfg: &Config, pool: &mut Pool, a: &AssessResponse, now: u64) {
        let lb = cfg.member_lookback_secs;
        self.required = a.required;
        self.es = a.es;
        self.stress_loss = a.stress_loss;
        self.assessed_at = Some(now);
        self.as_of = Some(a.as_of);
        self.peak_required.set(a.required, now, lb);
        self.peak_es.set(a.es, now, lb);
        self.peak_stress.set(a.stress_loss, now, lb);
        pool.cover_n = a.cover_n;
        pool.claim_multiple = a.claim_multiple;
    }

    pub fn coverage_left(&self) -> Uint128 {
        self.coverage_cap.saturating_sub(self.coverage_used)
    }

    /// Cover-N input: min(max(0, peak stress loss − contribution), coverage left). Exact.
    pub fn uncovered(&self, cfg: &Config, now: u64) -> Uint128 {
        risk_math::cover::uncovered(
            self.peak_stress(cfg, now).u128(),
            self.contribution.u128(),
            self.coverage_left().u128(),
        )
        .into()
    }

    /// ⌊claim_multiple · max(peak stress_loss, peak es)⌋ (rounds down).
    pub fn claim_limit(&self, cfg: &Config, claim_multiple: Decimal, now: u64) -> Uint128 {
        self.peak_stress(cfg, now).max(self.peak_es(cfg, now)).mul_floor(claim_multiple)
    }

    /// Why coverage is suspended at `now` (after `accrue`), given the contribution before escrow.
    pub fn suspension(&self, cfg: &Config, now: u64, contribution: Uint128) -> Option<&'static str> {
        if now.saturating_sub(self.premium.paid_through) > self.premium.grace_secs {
            Some("arrears")
        } else if contribution < self.required {
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
    pub fn window_total(&self, cfg: &Config, now: u64) -> (u64, Uint128) {
        let window = now / cfg.loss_cap_window_secs;
        (window, if self.window.0 == window { self.window.1 } else { Uint128::zero() })
    }

    /// max(0, max(required, peak_required) − contribution).
    pub fn deficit(&self, cfg: &Config, now: u64) -> Uint128 {
        self.required.max(self.peak_required(cfg, now)).saturating_sub(self.contribution)
    }
}

/// True when `new` only shrinks `old`: every market of `new` is in `old` with the same sign and
/// |new| ≤ |old| (zero notionals are dropped before this test).
pub fn is_reduction(old: &[Exposure], new: &[Exposure]) -> bool {
    new.iter().all(|n| {
        old.iter().any(|o| {
            o.market == n.market
                && (o.notional.i128().signum() == n.notional.i128().signum())
                && n.notional.unsigned_abs() <= o.notional.unsigned_abs()
        })
    })
}

/// Cover-N over the rows: sum of the `cover_n` largest `uncovered` (exact).
pub fn pool_requirement(rows: &[CoverRow], cover_n: u32) -> Result<Uint128, ContractError> {
    let v: Vec<u128> = rows.iter().map(|r| r.uncovered.u128()).collect();
    risk_math::cover::cover_n(&v, cover_n as usize)
        .map(Uint128::new)
        .map_err(|_| ContractError::Math { what: "cover_n" })
}

/// `rows` with `member`'s row set to `uncovered` (removed when `None`).
pub fn with_row(mut rows: Vec<CoverRow>, member: &Addr, uncovered: Option<Uint128>) -> Vec<CoverRow> {
    rows.retain(|r| r.member != *member);
    if let Some(u) = uncovered {
        rows.push(CoverRow { member: member.clone(), uncovered: u });
    }
    rows
}

/// The member with its premium account.
pub fn may_load_member(storage: &dyn Storage, addr: &Addr) -> Result<Option<Member>, ContractError> {
    let Some(mut m) = MEMBERS.may_load(storage, addr)? else { return Ok(None) };
    m.premium = PREMIUMS.load(storage, addr)?;
    Ok(Some(m))
}

pub fn load_member(storage: &dyn Storage, addr: &Addr) -> Result<Member, ContractError> {
    may_load_member(storage, addr)?.ok_or_else(|| ContractError::NotAMember { address: addr.to_string() })
}

/// Saves only the premium account (a premium payment changes nothing else).
pub fn save_premium(storage: &mut dyn Storage, addr: &Addr, m: &Member) -> Result<(), ContractError> {
    PREMIUMS.save(storage, addr, &m.premium)?;
    Ok(())
}

/// Saves the member, its premium account and its Cover-N row (written only when it changed).
pub fn save_member(
    storage: &mut dyn Storage,
    cfg: &Config,
    addr: &Addr,
    m: &Member,
    now: u64,
) -> Result<(), ContractError> {
    MEMBERS.save(storage, addr, m)?;
    PREMIUMS.save(storage, addr, &m.premium)?;
    let rows = COVER.may_load(storage)?.unwrap_or_default();
    let u = m.uncovered(cfg, now);
    if rows.iter().any(|r| r.member == *addr && r.uncovered == u) {
        return Ok(());
    }
    COVER.save(storage, &with_row(rows, addr, Some(u)))?;
    Ok(())
}
