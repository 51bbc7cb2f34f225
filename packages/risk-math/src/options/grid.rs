//! The option risk grid (CME SPAN's scan range; Deribit / Paradex grid shapes).

use super::book::{linear_pnl, loss_units, prepare_all, weighted, Book, Clock, Prepared, VolMove};
use super::{OptionError, OptionResult};
use crate::fixed::Q64;
use crate::measures::sigma_horizon;
use crate::special::{exp, ln};
use ethnum::I256;

/// The grid's shape; every field a default of the oracle's `option_grid` (SPEC).
///
/// Moves are multiples of the scan range R. Core: every core move × vol up / unchanged / down.
/// Extended: every extended move with vol up, downward moves floored at `down_floor`, each
/// scenario's loss weighted R/|move| (= 1/|multiple|).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OptionGrid {
    /// Core spot moves as multiples of R (default 0, ±¼, ±½, ±¾, ±1). |m| ≤ 64, at most 32.
    pub core_moves: Vec<Q64>,
    /// Extended (jump) moves as multiples of R (default −3, −2, +2, +3, +5, +8). Nonzero,
    /// |m| ≤ 64, at most 32.
    pub extended_moves: Vec<Q64>,
    /// Relative vol shock up before DTE scaling, v_up ∈ [0, 4] (default 0.40).
    pub vol_up: Q64,
    /// Relative vol shock down before DTE scaling, v_down ∈ (−1, 0] (default −0.22).
    pub vol_down: Q64,
    /// DTE exponent p for legs with τ < `short_dte_secs` (default 0.30), in [0, 1].
    pub p_short: Q64,
    /// DTE exponent p for the other legs (default 0.13), in [0, 1].
    pub p_long: Q64,
    /// The short-dated threshold, seconds (default 2,592,000 = 30 days).
    pub short_dte_secs: u64,
    /// The reference time of the DTE scaling, seconds (default 2,592,000 = 30 days).
    pub ref_secs: u64,
    /// The floor of τ in the DTE scaling, seconds (default 86,400 = 1 day), > 0, ≤ `ref_secs`.
    pub min_secs: u64,
    /// Floor of downward extended moves (default −0.95), in (−1, 0].
    pub down_floor: Q64,
}

impl Default for OptionGrid {
    fn default() -> Self {
        let q = |n: i64, d: i128| Q64::from_raw(Q64::from_int(n).raw() / d);
        OptionGrid {
            core_moves: vec![
                Q64::ZERO,
                q(1, 4),
                q(-1, 4),
                q(1, 2),
                q(-1, 2),
                q(3, 4),
                q(-3, 4),
                Q64::ONE,
                Q64::ONE.neg(),
            ],
            extended_moves: [-3, -2, 2, 3, 5, 8].into_iter().map(Q64::from_int).collect(),
            vol_up: Q64::lit("0.40"),
            vol_down: Q64::lit("-0.22"),
            p_short: Q64::lit("0.30"),
            p_long: Q64::lit("0.13"),
            short_dte_secs: 2_592_000,
            ref_secs: 2_592_000,
            min_secs: 86_400,
            down_floor: Q64::lit("-0.95"),
        }
    }
}

/// Largest |multiple of R| a grid move may take.
const MAX_MULTIPLE: Q64 = Q64::from_int(64);
/// Most moves in either list.
const MAX_MOVES: usize = 32;

impl OptionGrid {
    /// Checks every field's range (see the field docs) and that the down shock keeps σ' > 0 at
    /// every τ: |v_down|·x_max^p < 1 for p = `p_short` and `p_long`, x_max = `ref_secs`/`min_secs`
    /// (30 by default: 0.22·30^0.30 ≈ 0.61), computed as exp(p·ln x_max) rounded toward +∞ by
    /// 2⁻⁶⁰ relative, so a grid accepted here never takes a vol to ≤ 0.
    pub fn validate(&self) -> OptionResult<()> {
        let bad = |field: &'static str, value: Q64| Err(OptionError::GridInvalid { field, value });
        if self.vol_up.is_negative() || self.vol_up > Q64::from_int(4) {
            return bad("vol_up", self.vol_up);
        }
        if self.vol_down > Q64::ZERO || self.vol_down <= Q64::ONE.neg() {
            return bad("vol_down", self.vol_down);
        }
        for (field, p) in [("p_short", self.p_short), ("p_long", self.p_long)] {
            if p.is_negative() || p > Q64::ONE {
                return bad(field, p);
            }
        }
        if self.min_secs == 0 || self.ref_secs < self.min_secs {
            return bad("min_secs", Q64::from_int(i64::try_from(self.min_secs).unwrap_or(i64::MAX)));
        }
        if self.down_floor > Q64::ZERO || self.down_floor <= Q64::ONE.neg() {
            return bad("down_floor", self.down_floor);
        }
        if self.core_moves.len() > MAX_MOVES || self.core_moves.iter().any(|m| m.abs() > MAX_MULTIPLE) {
            return bad("core_moves", Q64::from_int(i64::try_from(self.core_moves.len()).unwrap_or(i64::MAX)));
        }
        if self.extended_moves.len() > MAX_MOVES {
            return bad("extended_moves", Q64::from_int(i64::try_from(self.extended_moves.len()).unwrap_or(i64::MAX)));
        }
        if let Some(m) = self.extended_moves.iter().find(|m| m.raw() == 0 || m.abs() > MAX_MULTIPLE) {
            return bad("extended_moves", *m);
        }
        let x_max = Q64::from_ratio(i128::from(self.ref_secs), i128::from(self.min_secs))?;
        for p in [self.p_short, self.p_long] {
            let pow = exp(p.mul(ln(x_max)?)?)?;
            let pow_up = Q64::from_raw(pow.raw() + (pow.raw() >> 60) + 2);
            let factor = self.vol_down.abs().mul(pow_up)?;
            if factor >= Q64::ONE {
                return Err(OptionError::VolDownTooLarge { v_down: self.vol_down, p, factor });
            }
        }
        Ok(())
    }
}

/// The grid's DTE-scaled vol factor for a leg with `tau_secs` to expiry:
/// 1 + v·(ref/max(min, τ))^p, v = `vol_up` (`up`) or `vol_down`, p = `p_short` when τ <
/// `short_dte_secs` else `p_long`; σ' = σ·factor. x^p = exp(p·ln x).
/// Units: dimensionless. Domain: a grid that passes [`OptionGrid::validate`] (then the factor is
/// > 0). Rounding: x, ln, the products and exp each toward −∞ (a defined scenario, not a bound).
pub fn grid_vol_factor(tau_secs: u64, up: bool, grid: &OptionGrid) -> OptionResult<Q64> {
    let v = if up { grid.vol_up } else { grid.vol_down };
    let p = if tau_secs < grid.short_dte_secs { grid.p_short } else { grid.p_long };
    let den = tau_secs.max(grid.min_secs);
    if den == 0 {
        return Err(OptionError::GridInvalid { field: "min_secs", value: Q64::ZERO });
    }
    let x = Q64::from_ratio(i128::from(grid.ref_secs), i128::from(den))?;
    let pow = exp(p.mul(ln(x)?)?)?;
    Ok(Q64::ONE.add(v.mul(pow)?)?)
}

/// The scan range R = z_α·σ_m·√(horizon/year): `z` the oracle's VaR multiplier
/// ([`crate::normal::var_es_factors`]), `volatility` the market's as parametric uses it.
/// σ_m·√(h/year) is [`sigma_horizon`]'s (rounded up, as parametric's); the product is rounded
/// toward −∞, so a linear notional N's grid loss |N|·R never exceeds its parametric VaR
/// ⌈z·σ_p⌉ ≥ z·|N|·σ_m√(h/year). Units: relative return. Domain: σ_m ≥ 0, σ_m√(h/year) ≤ 128.
pub fn scan_range(z: Q64, volatility: Q64, horizon_secs: u64) -> OptionResult<Q64> {
    Ok(z.mul(sigma_horizon(volatility, horizon_secs)?)?)
}

/// The worst weighted grid loss of one market's whole position (legs and linear notional),
/// floored at 0, in settlement base units rounded up.
///
/// For each core move m (× R = `scan`) and vol regime up / unchanged / down, and each extended
/// move m with vol up (r = max(m·R, `down_floor`)): loss = −(N·r + Σ legs size·(V(S', K, τ', σ')
/// − V(S, K, τ, σ))), S' = max(S(1+r), [`super::MIN_PRICE`]), τ' = max(τ − horizon, 0),
/// σ' = σ·[`grid_vol_factor`] (τ the leg's time to expiry now); an extended loss is divided by
/// |m|. Rounding: r = m·R toward −∞ and taken as exact; leg values take the bracket end that
/// lowers the P&L; the weight's division rounds up; the maximum is rounded up once. Grid
/// validity is the caller's ([`OptionGrid::validate`], at configuration). Cost: (3·|core| +
/// |extended|) revaluations per leg (33 by default).
pub fn market_grid_loss(book: &Book, clock: &Clock, scan: Q64, grid: &OptionGrid) -> OptionResult<u128> {
    market_grid(&Prepared::new(book, clock)?, scan, grid)
}

fn market_grid(p: &Prepared, scan: Q64, grid: &OptionGrid) -> OptionResult<u128> {
    let mut worst = I256::ZERO;
    let regimes = [
        p.pricings(VolMove::GridUp, grid)?,
        p.pricings(VolMove::Unchanged, grid)?,
        p.pricings(VolMove::GridDown, grid)?,
    ];
    for m in &grid.core_moves {
        let r = m.mul(scan)?;
        for pr in &regimes {
            let loss = -(linear_pnl(p.linear, r, false) + p.eval(r, Some(pr))?.pnl);
            worst = worst.max(loss);
        }
    }
    for m in &grid.extended_moves {
        let r = m.mul(scan)?.max(grid.down_floor);
        let loss = -(linear_pnl(p.linear, r, false) + p.eval(r, Some(&regimes[0]))?.pnl);
        if loss > 0 {
            worst = worst.max(weighted(loss, m.abs()));
        }
    }
    loss_units(worst)
}

/// `grid_loss` = Σ over the markets holding a leg (expired or not) of each market's
/// [`market_grid_loss`], with `scans[i]` market i's scan range ([`scan_range`]); markets without
/// legs add nothing and no offsets cross markets. Settlement base units, rounded up.
pub fn grid_loss(books: &[Book], clock: &Clock, scans: &[Q64], grid: &OptionGrid) -> OptionResult<u128> {
    if books.len() != scans.len() {
        return Err(OptionError::DimensionMismatch { expected: books.len(), got: scans.len() });
    }
    let mut total: u128 = 0;
    for (p, scan) in prepare_all(books, clock)?.iter().zip(scans) {
        if p.has_legs {
            let l = market_grid(p, *scan, grid)?;
            total = total.checked_add(l).ok_or(crate::MathError::Overflow { what: "grid loss" })?;
        }
    }
    Ok(total)
}
