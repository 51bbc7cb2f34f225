//! Portfolio risk measures over signed notionals (settlement units, long > 0).
//!
//! P&L over the horizon is Σ Nᵢ·rᵢ; a loss is its negative. All results are in settlement units
//! and rounded **up** (toward the pool). Inputs are bounded so that every 256-bit intermediate
//! fits: |N| ≤ [`MAX_NOTIONAL`], σ·√(h/year) ≤ [`MAX_SIGMA_H`], |return| ≤ [`MAX_RETURN`].

use crate::conv::{u128_of_usize, u64_of_usize, usize_of_u32};
use crate::error::{MathError, MathResult};
use crate::fixed::{ceil_div, FRAC_BITS, Q64};
use crate::formats::{Ret56, Q32};
use crate::normal::normal_draw;
use crate::prng::Xoshiro256;
use crate::special::sqrt_ceil;
use crate::wide::{bit_len, isqrt_u256_ceil, mul_i128, shr_ceil};
use crate::{BPS, YEAR_SECS};
use ethnum::I256;

/// Largest |notional| accepted: 2¹⁰⁰ ≈ 1.27·10³⁰ base units (10¹² tokens of 18 decimals).
pub const MAX_NOTIONAL: i128 = 1 << 100;
/// Largest horizon volatility σ·√(h/year) accepted (a 128× move at one standard deviation).
pub const MAX_SIGMA_H: Q64 = Q64::from_int(128);
/// Fractional bits of stored historical returns ([`Ret56`]): resolution 2⁻⁵⁶ ≈ 1.4·10⁻¹⁷.
pub const RET_FRAC_BITS: u32 = Ret56::FRAC_BITS;
/// Largest |simple return| accepted in history: 16 (1,600 %).
pub const MAX_RETURN: Ret56 = Ret56::MAX_ABS;
/// Largest √(horizon/round) scale accepted for historical losses.
pub const MAX_HIST_SCALE: Q64 = Q64::from_int(1024);
/// Decimal places of stress shocks: shocks are exact 18-decimal fixed point (a cosmwasm
/// `SignedDecimal`'s atomics), so a −40 % shock on 1,000 is exactly 400.
pub const SHOCK_DECIMALS: u32 = 18;
/// Largest |stress shock| accepted: 1,024 (as 18-decimal atomics).
pub const MAX_SHOCK_ATOMICS: i128 = 1024 * 10i128.pow(SHOCK_DECIMALS);

/// A VaR / ES pair in settlement units (rounded up).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Measure {
    /// Value at risk.
    pub var: u128,
    /// Expected shortfall.
    pub es: u128,
}

/// m = ⌈(1−α)·K⌉ with α = bps/10⁴: how many of K ordered losses form the tail (≥ 1 for K ≥ 1).
pub fn tail_count(confidence_bps: u32, k: usize) -> usize {
    let tail = u128::from(BPS - confidence_bps.min(BPS));
    let m = (tail * u128_of_usize(k)).div_ceil(u128::from(BPS));
    // m ≤ k (tail ≤ 10⁴), so it fits.
    usize::try_from(m).unwrap_or(k)
}

/// ⌈1/(1−α)⌉: the fewest observations for which the α-quantile is inside the sample.
pub fn min_observations(confidence_bps: u32) -> usize {
    let tail = usize_of_u32(BPS - confidence_bps.min(BPS - 1));
    usize_of_u32(BPS).div_ceil(tail)
}

/// σ·√(h/year) for an annualised volatility σ (Q64.64) and a horizon in seconds.
/// Rounding: ⌈σ²·h/year⌉ then ⌈√⌉ — never below the exact value. Errors if above [`MAX_SIGMA_H`].
pub fn sigma_horizon(vol: Q64, horizon_secs: u64) -> MathResult<Q64> {
    if vol.is_negative() {
        return Err(MathError::Domain { what: "negative volatility" });
    }
    // vol² · horizon can pass 2^255 for absurd inputs (found by fuzzing): checked.
    let num = mul_i128(vol.raw(), vol.raw())
        .checked_mul(I256::from(horizon_secs))
        .ok_or(MathError::Overflow { what: "sigma_horizon" })?;
    let den = I256::from(YEAR_SECS) << FRAC_BITS;
    ceil_root_of_ratio(num, den, MAX_SIGMA_H, ["sigma_horizon", "sigma_horizon above 128"])
}

/// √(horizon/round) in Q64.64, rounded up: the square-root-of-time scaling of one-round returns.
pub fn horizon_scale(horizon_secs: u64, round_secs: u64) -> MathResult<Q64> {
    if round_secs == 0 {
        return Err(MathError::DivisionByZero);
    }
    let num = I256::from(horizon_secs) << FRAC_BITS;
    ceil_root_of_ratio(num, I256::from(round_secs), MAX_HIST_SCALE, ["horizon_scale", "horizon_scale above 1024"])
}

/// ⌈√x⌉ of x = ⌈num / den⌉ (a Q64.64 raw value): never below the exact root. `Overflow`
/// naming `what[0]` if x does not fit, `what[1]` if the root is above `cap`.
fn ceil_root_of_ratio(num: I256, den: I256, cap: Q64, what: [&'static str; 2]) -> MathResult<Q64> {
    let x = i128::try_from(ceil_div(num, den)).map_err(|_| MathError::Overflow { what: what[0] })?;
    let s = sqrt_ceil(Q64::from_raw(x))?;
    if s > cap {
        return Err(MathError::Overflow { what: what[1] });
    }
    Ok(s)
}

/// The simple return (cur − prev)/prev of two positive prices given in the same integer units,
/// as [`Ret56`] (Q7.56), rounded toward −∞. Errors on prev = 0 or |r| > 16.
pub fn simple_return(prev: u128, cur: u128) -> MathResult<Ret56> {
    if prev == 0 {
        return Err(MathError::DivisionByZero);
    }
    let num = (I256::from(cur) - I256::from(prev)) << RET_FRAC_BITS;
    let r = crate::fixed::floor_div(num, I256::from(prev));
    let r = i64::try_from(r).map(Ret56::from_raw).map_err(|_| MathError::Overflow { what: "return" })?;
    if !r.within_max() {
        return Err(MathError::Overflow { what: "return above 1600%" });
    }
    Ok(r)
}

pub(crate) fn check_notionals(notionals: &[i128]) -> MathResult<()> {
    // unsigned_abs: |i128::MIN| does not fit i128 (found by fuzzing: `abs` panicked).
    if notionals.iter().any(|n| n.unsigned_abs() > MAX_NOTIONAL.unsigned_abs()) {
        return Err(MathError::Overflow { what: "notional above 2^100" });
    }
    Ok(())
}

/// The horizon-volatility vector wᵢ = Nᵢ·sᵢ, scaled so that max|wᵢ| < 2¹⁰⁰:
/// Nᵢ·sᵢ = (wᵢ + δᵢ) · 2^(shift − 64) settlement units with δᵢ ∈ [0, 1) the truncated bits
/// (`inexact[i]` ⇔ δᵢ ≠ 0). Truncation loses < 2⁻⁹⁹ relative.
struct Scaled {
    w: Vec<i128>,
    inexact: Vec<bool>,
    shift: u32,
}

fn scaled(notionals: &[i128], sigma_h: &[Q64]) -> MathResult<Scaled> {
    if notionals.len() != sigma_h.len() {
        return Err(MathError::DimensionMismatch { expected: notionals.len(), got: sigma_h.len() });
    }
    check_notionals(notionals)?;
    if sigma_h.iter().any(|s| s.is_negative() || *s > MAX_SIGMA_H) {
        return Err(MathError::Domain { what: "horizon volatility outside [0, 128]" });
    }
    let raw: Vec<I256> = notionals.iter().zip(sigma_h).map(|(n, s)| mul_i128(*n, s.raw())).collect();
    let bits = raw.iter().map(|v| bit_len(*v)).max().unwrap_or(0);
    let shift = bits.saturating_sub(100);
    let w: Vec<i128> = raw.iter().map(|v| (*v >> shift).as_i128()).collect();
    let inexact = raw.iter().zip(&w).map(|(v, w)| *v != I256::from(*w) << shift).collect();
    Ok(Scaled { w, inexact, shift })
}

/// Checks an n×n matrix has n² entries, each with |x| ≤ `max`.
fn check_matrix(m: &[Q64], n: usize, max: Q64, what: &'static str) -> MathResult<()> {
    if m.len() != n * n {
        return Err(MathError::DimensionMismatch { expected: n * n, got: m.len() });
    }
    if m.iter().any(|x| x.abs() > max) {
        return Err(MathError::Domain { what });
    }
    Ok(())
}

/// The factor loadings yₖ = ⌊Σᵢ≥ₖ Lᵢₖ·wᵢ / 2⁶⁴⌋ (units of w): the portfolio's exposure to each
/// independent normal of the factor model ρ ≈ L·Lᵀ. Monte Carlo draws loss = −Σₖ yₖ·zₖ; its
/// variance is Σₖ yₖ².
fn loadings(chol: &[Q64], w: &[i128]) -> Vec<I256> {
    let n = w.len();
    (0..n).map(|k| (k..n).map(|i| mul_i128(chol[i * n + k].raw(), w[i])).sum::<I256>() >> FRAC_BITS).collect()
}

/// An upper bound of the quadratic form (w+δ)ᵀρ(w+δ) in units of w² (ρ as Q64.64, |ρᵢⱼ| ≤ 1).
///
/// With uᵢ = Σⱼ ρᵢⱼwⱼ (exact, units 2⁻⁶⁴ w) split as uᵢ = hᵢ·2⁶⁴ + ℓᵢ, 0 ≤ ℓᵢ < 2⁶⁴:
/// wᵀρw = Σ wᵢhᵢ + (Σ wᵢℓᵢ)/2⁶⁴ exactly, the second term rounded up. The truncated bits add
/// 2δᵀρw + δᵀρδ ≤ 2·Σ_{i∈D}|uᵢ|/2⁶⁴ + |D|² (D the inexact rows, δ < 1, |ρ| ≤ 1), added rounded
/// up. So the result is ≥ the exact form over the exact Nᵢsᵢ; it is not clamped at 0.
fn quad_form_upper(s: &Scaled, rho: &[Q64]) -> I256 {
    let n = s.w.len();
    // |wᵢ| < 2¹⁰⁰ and |ρ| ≤ 1: |uᵢ| < n·2¹⁶⁴, each term below n·2²⁶⁴⁻⁶⁴ = n·2²⁰⁰, so the sums of
    // ≤ 32 rows stay below 2²¹⁰: the 256-bit additions cannot overflow.
    let (mut whole, mut frac, mut slack) = (I256::ZERO, I256::ZERO, I256::ZERO);
    for i in 0..n {
        if s.w[i] == 0 && !s.inexact[i] {
            continue;
        }
        let u: I256 = (0..n).map(|j| mul_i128(rho[i * n + j].raw(), s.w[j])).sum();
        let h = u >> FRAC_BITS;
        whole += mul_i128(s.w[i], h.as_i128());
        frac += mul_i128(s.w[i], (u - (h << FRAC_BITS)).as_i128());
        if s.inexact[i] {
            slack += u.abs() * I256::from(2u8);
        }
    }
    let inexact = I256::from(u64_of_usize(s.inexact.iter().filter(|d| **d).count()));
    whole + shr_ceil(frac, FRAC_BITS) + shr_ceil(slack, FRAC_BITS) + inexact * inexact
}

/// The binary exponent `up − down` of a result's unit; `Overflow` outside `i32`.
pub(crate) fn exponent(up: u32, down: u32) -> MathResult<i32> {
    i32::try_from(i64::from(up) - i64::from(down)).map_err(|_| MathError::Overflow { what: "binary exponent" })
}

/// ⌈v · 2^e⌉ as `u128` for a signed value and a signed binary exponent; negatives give 0.
fn ceil_scaled(v: I256, e: i32) -> MathResult<u128> {
    if v <= 0 {
        return Ok(0);
    }
    let out = if e >= 0 {
        if bit_len(v).saturating_add(e.unsigned_abs()) > 128 {
            return Err(MathError::Overflow { what: "loss above u128" });
        }
        v << e.unsigned_abs()
    } else {
        shr_ceil(v, e.unsigned_abs())
    };
    u128::try_from(out).map_err(|_| MathError::Overflow { what: "loss above u128" })
}

/// Delta-normal VaR and ES from the correlation matrix alone (no factor floor; prefer
/// [`parametric_factored`] where a factor is cached).
///
/// σ_p² = Σᵢ Σⱼ Nᵢ Nⱼ sᵢ sⱼ ρᵢⱼ with sᵢ = σᵢ√(h/year) (see [`sigma_horizon`]);
/// VaR = z·σ_p, ES = σ_p·φ(z)/(1−α) with `(z, es_factor)` from
/// [`crate::normal::var_es_factors`]. `rho` is the full n×n row-major correlation matrix
/// (|ρᵢⱼ| ≤ 1, checked). Rounding: σ_p² is an upper bound of the exact form over the given
/// Nᵢ, sᵢ, ρᵢⱼ (see `quad_form_upper`), σ_p = ⌈√⌉, VaR and ES rounded up to whole settlement
/// units — so with z and es_factor upper bounds, VaR and ES are ≥ their exact values for any
/// signs of the notionals. Excess over exact < 1e-15 relative for any portfolio not hedged to
/// below 2⁻⁴⁰ of its gross size, plus the final unit.
pub fn parametric(notionals: &[i128], sigma_h: &[Q64], rho: &[Q64], z: Q64, es_factor: Q64) -> MathResult<Measure> {
    let n = notionals.len();
    check_matrix(rho, n, Q64::ONE, "correlation outside [-1, 1]")?;
    let s = scaled(notionals, sigma_h)?;
    let q = quad_form_upper(&s, rho).max(I256::ZERO);
    delta_normal(q, s.shift, z, es_factor)
}

/// Delta-normal VaR and ES with the cached Cholesky factor as an independent floor:
/// σ_p² = max(Q_ρ, Σₖ yₖ²) with Q_ρ the upper bound of the quadratic form over ρ (as in
/// [`parametric`]) and yₖ = Σᵢ Lᵢₖ·Nᵢ·sᵢ the factor loadings Monte Carlo draws with
/// ([`simulate`]). `rho` and `chol` are n×n over the same markets (|ρ| ≤ 1, |L| ≤ 2, checked);
/// markets outside the book carry notional 0.
///
/// Guarantees: (1) σ_p² ≥ 0 whatever the matrix, and σ_p² ≥ Σₖ yₖ², the variance of the Monte
/// Carlo model — so no matrix, even one that is not PSD, can make σ_p² negative or zero out a
/// position that is risky in the model the simulation uses (Σₖ yₖ² = 0 only if L·Lᵀ sees no
/// risk in it); (2) for a PSD matrix (which the oracle's exact check guarantees for every
/// stored matrix, [`crate::linalg::cholesky`]) σ_p² ≥ the exact form ≥ 0, so VaR and ES are ≥
/// their exact values. Rounding as in [`parametric`].
pub fn parametric_factored(
    notionals: &[i128],
    sigma_h: &[Q64],
    rho: &[Q64],
    chol: &[Q64],
    z: Q64,
    es_factor: Q64,
) -> MathResult<Measure> {
    let n = notionals.len();
    check_matrix(rho, n, Q64::ONE, "correlation outside [-1, 1]")?;
    check_matrix(chol, n, Q64::from_int(2), "Cholesky factor entry outside [-2, 2]")?;
    let s = scaled(notionals, sigma_h)?;
    let model: I256 = loadings(chol, &s.w).iter().map(|y| *y * *y).sum();
    let q = quad_form_upper(&s, rho).max(model);
    delta_normal(q, s.shift, z, es_factor)
}

/// VaR = ⌈z·σ⌉ and ES = ⌈es_factor·σ⌉ for σ = ⌈√q⌉ (q ≥ 0 in units of w², w = N·s·2^(64−shift)).
fn delta_normal(q: I256, shift: u32, z: Q64, es_factor: Q64) -> MathResult<Measure> {
    let sigma = I256::from(isqrt_u256_ceil(q.as_u256()).ok_or(MathError::Overflow { what: "sigma_p" })?);
    let e = exponent(shift, 2 * FRAC_BITS)?;
    Ok(Measure {
        var: ceil_scaled(sigma * I256::from(z.raw()), e)?,
        es: ceil_scaled(sigma * I256::from(es_factor.raw()), e)?,
    })
}

/// VaR = L₍ₘ₎ and ES = mean(L₍₁₎…L₍ₘ₎) of the losses sorted descending, m = ⌈(1−α)K⌉, floored
/// at 0, in units of 2^e settlement units before rounding up. Errors with
/// `InsufficientHistory` while K < ⌈1/(1−α)⌉.
/// Errors with `InvalidConfidence` for α ≥ 100 % (no tail: m would be 0).
pub(crate) fn tail_measure(mut losses: Vec<I256>, e: i32, confidence_bps: u32) -> MathResult<Measure> {
    if confidence_bps >= BPS {
        return Err(MathError::InvalidConfidence { confidence_bps, min: 0, max: BPS - 1 });
    }
    let k = losses.len();
    let need = min_observations(confidence_bps);
    if k < need {
        return Err(MathError::InsufficientHistory { have: k, need });
    }
    let m = tail_count(confidence_bps, k);
    losses.select_nth_unstable_by(m - 1, |a, b| b.cmp(a));
    let var = losses[m - 1];
    let sum: I256 = losses[..m].iter().copied().sum();
    let mean = ceil_div(sum, I256::from(u64_of_usize(m)));
    Ok(Measure { var: ceil_scaled(var, e)?, es: ceil_scaled(mean, e)? })
}

/// Historical-simulation VaR and ES with one scale for every round: [`historical_per_round`]
/// with `scales` = [`scale`; K] (kept for callers whose rounds share one spacing).
pub fn historical(notionals: &[i128], returns: &[Ret56], scale: Q64, confidence_bps: u32) -> MathResult<Measure> {
    let k = if notionals.is_empty() { 0 } else { returns.len() / notionals.len() };
    historical_per_round(notionals, returns, &vec![scale; k], confidence_bps)
}

/// A lower bound of the exact P&L Σᵢ Nᵢ·rᵢ of one round, from returns rounded toward −∞
/// ([`simple_return`]: exact rᵢ ∈ [rᵢ, rᵢ + 1 unit)): a long takes rᵢ, a short rᵢ + 1 unit, so
/// the loss −P&L is never understated whatever the sign of the position. In units of 2⁻⁵⁶.
fn pnl_lower(round: &[Ret56], notionals: &[i128]) -> I256 {
    round.iter().zip(notionals).map(|(r, n)| mul_i128(*n, i128::from(r.raw()) + i128::from(*n < 0))).sum()
}

/// Historical-simulation VaR and ES.
///
/// `returns` is K rounds × n markets, round-major, each a simple return in Q7.56 (see
/// [`simple_return`]); `scales[k]` = √(horizon/Δt_k) of round k's own spacing Δt_k (see
/// [`horizon_scale`], rounded up; callers compute one root per distinct Δt).
/// L_k = −Σᵢ Nᵢ·r_ki·scales[k] (not clamped); m = ⌈(1−α)K⌉; VaR = L₍ₘ₎, ES = mean(L₍₁..ₘ₎),
/// both floored at 0. Rounding: each L_k uses the P&L lower bound of [`pnl_lower`] (the stored
/// returns are floored, so a short's loss takes the return's upper bound), is then exact in
/// 256 bits given the scales, and only VaR and ES are rounded, up, once: never below the exact
/// value of a loss over the exact returns for either sign of position. `InvalidConfidence` for
/// α ≥ 100 %.
pub fn historical_per_round(
    notionals: &[i128],
    returns: &[Ret56],
    scales: &[Q64],
    confidence_bps: u32,
) -> MathResult<Measure> {
    let n = notionals.len();
    check_notionals(notionals)?;
    if n == 0 {
        return Ok(Measure { var: 0, es: 0 });
    }
    if !returns.len().is_multiple_of(n) {
        return Err(MathError::DimensionMismatch { expected: n, got: returns.len() % n });
    }
    if scales.len() != returns.len() / n {
        return Err(MathError::DimensionMismatch { expected: returns.len() / n, got: scales.len() });
    }
    if scales.iter().any(|s| s.is_negative() || *s > MAX_HIST_SCALE) {
        return Err(MathError::Domain { what: "historical scale outside [0, 1024]" });
    }
    if returns.iter().any(|r| !r.within_max()) {
        return Err(MathError::Domain { what: "return above 1600%" });
    }
    let losses: Vec<I256> = returns
        .chunks_exact(n)
        .zip(scales)
        .map(|(round, scale)| {
            let pnl = pnl_lower(round, notionals);
            -pnl * I256::from(scale.raw())
        })
        .collect();
    tail_measure(losses, exponent(0, RET_FRAC_BITS + FRAC_BITS)?, confidence_bps)
}

/// The simulated losses of a Monte Carlo run, in units of 2^`exponent` settlement units.
pub struct Simulation {
    /// One loss per path, in units of 2^`exponent` settlement units (not clamped at 0).
    pub losses: Vec<i128>,
    /// The binary exponent of the losses' unit.
    pub exponent: i32,
}

/// Simulated horizon losses: `paths` draws of correlated normal returns rᵢ = sᵢ·(L·z)ᵢ, with
/// z from [`normal_draw`] over xoshiro256**(`seed`) (path-major, market-minor), `chol` the
/// Cholesky factor of ρ (row-major n×n). Computed as loss = −Σₖ yₖ zₖ with y = Lᵀ·(N∘s), which is
/// the same linear form with n multiplies per path instead of n².
pub fn simulate(notionals: &[i128], sigma_h: &[Q64], chol: &[Q64], paths: u32, seed: u64) -> MathResult<Simulation> {
    let n = notionals.len();
    if chol.len() != n * n {
        return Err(MathError::DimensionMismatch { expected: n * n, got: chol.len() });
    }
    let s = scaled(notionals, sigma_h)?;
    let y = loadings(chol, &s.w);
    let bits = y.iter().map(|v| bit_len(*v)).max().unwrap_or(0);
    let shift2 = bits.saturating_sub(85);
    let y: Vec<i128> = y.iter().map(|v| (*v >> shift2).as_i128()).collect();
    let mut rng = Xoshiro256::seed(seed);
    let mut losses = Vec::with_capacity(usize_of_u32(paths));
    for _ in 0..paths {
        // |yₖ| < 2⁸⁵ and |z| < 2³⁶: each product is below 2¹²¹, so the multiply cannot wrap
        // and is written `wrapping_mul` (the release build's overflow checks would make it
        // compiler-rt's checked `__muloti4`, ~3 times the cost of the plain `__multi3` on
        // wasm32); a sum over ≤ 32 slots is below 2¹²⁶, and the checked sum makes a larger
        // book an error, not a wrap.
        let pnl = y
            .iter()
            .try_fold(0i128, |acc, yk| acc.checked_add(yk.wrapping_mul(i128::from(normal_draw(rng.next_u64()).raw()))));
        losses.push(-pnl.ok_or(MathError::Overflow { what: "simulated P&L" })?);
    }
    Ok(Simulation { losses, exponent: exponent(s.shift + shift2, FRAC_BITS + Q32::FRAC_BITS)? })
}

/// Monte Carlo VaR and ES: [`simulate`], then VaR and ES exactly as for [`historical`].
/// Rounding: up. Deterministic for a given seed: bit-identical on every platform.
pub fn monte_carlo(
    notionals: &[i128],
    sigma_h: &[Q64],
    chol: &[Q64],
    paths: u32,
    seed: u64,
    confidence_bps: u32,
) -> MathResult<Measure> {
    let sim = simulate(notionals, sigma_h, chol, paths, seed)?;
    let losses = sim.losses.into_iter().map(I256::from).collect();
    tail_measure(losses, sim.exponent, confidence_bps)
}

/// Loss of one stress scenario: max(0, −Σᵢ Nᵢ·shockᵢ), rounded up, computed exactly in
/// decimal: `shocks` are 18-decimal atomics aligned with `notionals` (0 for a market the
/// scenario does not move), |shock| ≤ 1,024.
pub fn stress_loss(notionals: &[i128], shocks: &[i128]) -> MathResult<u128> {
    if notionals.len() != shocks.len() {
        return Err(MathError::DimensionMismatch { expected: notionals.len(), got: shocks.len() });
    }
    check_notionals(notionals)?;
    if shocks.iter().any(|s| s.unsigned_abs() > MAX_SHOCK_ATOMICS.unsigned_abs()) {
        return Err(MathError::Domain { what: "shock above 1024" });
    }
    let pnl: I256 = notionals.iter().zip(shocks).map(|(n, s)| mul_i128(*n, *s)).sum();
    if pnl >= 0 {
        return Ok(0);
    }
    let loss = ceil_div(-pnl, I256::from(10u8).pow(SHOCK_DECIMALS));
    u128::try_from(loss).map_err(|_| MathError::Overflow { what: "stress loss above u128" })
}

#[cfg(test)]
#[allow(clippy::as_conversions)]
mod tests {
    use super::*;

    /// Fuzzing regressions (fuzz/regressions/math): extreme inputs give typed errors, not panics.
    #[test]
    fn extreme_inputs_are_typed_errors() {
        let one = Q64::ONE;
        assert!(matches!(parametric(&[i128::MIN], &[one], &[one], one, one), Err(MathError::Overflow { .. })));
        assert!(matches!(stress_loss(&[i128::MIN], &[0]), Err(MathError::Overflow { .. })));
        assert!(matches!(stress_loss(&[1], &[i128::MIN]), Err(MathError::Domain { .. })));
        assert!(matches!(
            historical(&[1], &[Ret56::from_raw(i64::MIN); 100], one, 9_900),
            Err(MathError::Domain { .. })
        ));
        assert!(sigma_horizon(Q64::from_raw(i128::MAX), u64::MAX).is_err());
        assert_eq!(Q64::from_raw(i128::MIN).neg(), Q64::from_raw(i128::MAX));
        assert_eq!(Q64::from_raw(i128::MIN).abs(), Q64::from_raw(i128::MAX));
        assert!(matches!(one.to_atomics_floor(77), Err(MathError::Overflow { .. })));
        assert!(matches!(one.to_atomics_ceil(39), Err(MathError::Overflow { .. })));
        assert_eq!(one.to_atomics_floor(18).unwrap(), 1_000_000_000_000_000_000);
    }
    use crate::linalg::cholesky;
    use crate::linalg::tests::matrix as corr;
    use crate::normal::var_es_factors;
    use crate::testutil::{from_f as q, to_f};
    use proptest::prelude::*;

    /// f64 reference model of the delta-normal measure (test only).
    fn ref_parametric(n: &[i128], s: &[Q64], rho: &[Q64], z: f64, es_f: f64) -> (f64, f64) {
        let k = n.len();
        let mut var = 0.0;
        for i in 0..k {
            for j in 0..k {
                var += n[i] as f64 * to_f(s[i]) * n[j] as f64 * to_f(s[j]) * to_f(rho[i * k + j]);
            }
        }
        let sd = var.max(0.0).sqrt();
        (z * sd, es_f * sd)
    }

    #[test]
    fn tail_count_and_minimum() {
        assert_eq!(tail_count(9900, 500), 5);
        assert_eq!(tail_count(9900, 501), 6);
        assert_eq!(tail_count(9500, 100), 5);
        assert_eq!(min_observations(9900), 100);
        assert_eq!(min_observations(9500), 20);
        assert_eq!(min_observations(9750), 40);
    }

    /// Hull, Options, Futures and Other Derivatives, the two-asset example: 10-day 99% VaR of
    /// $10M with 2% daily σ ≈ $1,471,300; $5M with 1% daily σ ≈ $367,800; both with ρ = 0.3
    /// ≈ $1,620,100. Entered as the oracle takes it: annual σ = daily σ·√365 and a horizon of
    /// 10 days in seconds, amounts in dollars.
    #[test]
    fn hull_two_asset_table() {
        let horizon = 10 * 86_400;
        // σ_annual = 0.02·√365 and 0.01·√365, entered as 18-decimal strings would be.
        let sa = Q64::from_atomics(382_099_463_490_455_863, 18).unwrap();
        let sb = Q64::from_atomics(191_049_731_745_227_931, 18).unwrap();
        let s = [sigma_horizon(sa, horizon).unwrap(), sigma_horizon(sb, horizon).unwrap()];
        let (z, es_f) = var_es_factors(9900).unwrap();
        let one = |i: usize| {
            let mut n = [0i128, 0];
            n[i] = [10_000_000, 5_000_000][i];
            parametric(&n, &s, &corr(2, &[(0, 1, 0.3)]), z, es_f).unwrap().var
        };
        let both = parametric(&[10_000_000, 5_000_000], &s, &corr(2, &[(0, 1, 0.3)]), z, es_f).unwrap();
        println!("Hull table: A {} (≈1,471,300)  B {} (≈367,800)  A+B {} (≈1,620,100)", one(0), one(1), both.var);
        assert!((one(0) as f64 - 1_471_300.0).abs() < 100.0, "{}", one(0));
        assert!((one(1) as f64 - 367_800.0).abs() < 100.0, "{}", one(1));
        assert!((both.var as f64 - 1_620_100.0).abs() < 100.0, "{}", both.var);
        // The exact figures: 2.326347874·√10·σ.
        // The exact figures, 2.3263478740408408·√10·σ rounded up: 1,471,311.58 → 1,471,312;
        // 367,827.90 → 367,828; 1,620,113.82 → 1,620,114.
        assert_eq!(one(0), 1_471_312);
        assert_eq!(one(1), 367_828);
        assert_eq!(both.var, 1_620_114);
    }

    #[test]
    fn parametric_rounds_up_and_handles_hedges() {
        let s = [sigma_horizon(q(0.65), 86_400).unwrap(), sigma_horizon(q(0.65), 86_400).unwrap()];
        let (z, es_f) = var_es_factors(9900).unwrap();
        // A perfect hedge (ρ = 1, opposite equal notionals) has zero risk.
        let m = parametric(&[1_000_000, -1_000_000], &s, &corr(2, &[(0, 1, 1.0)]), z, es_f).unwrap();
        assert!(m.var <= 1 && m.es <= 1, "{m:?}");
        // Empty portfolio.
        assert_eq!(parametric(&[], &[], &[], z, es_f).unwrap(), Measure { var: 0, es: 0 });
        // Oversize notional is a typed error.
        assert!(parametric(&[MAX_NOTIONAL + 1], &s[..1], &[Q64::ONE], z, es_f).is_err());
    }

    #[test]
    fn stress_losses() {
        let e18 = 10i128.pow(18);
        let shocks = [-4 * e18 / 10, 0];
        assert_eq!(stress_loss(&[1_000, 50], &shocks).unwrap(), 400);
        assert_eq!(stress_loss(&[-1_000, 50], &shocks).unwrap(), 0);
        // 3 · 0.1 = 0.3 rounds up to 1: losses never round down.
        assert_eq!(stress_loss(&[3], &[-e18 / 10]).unwrap(), 1);
        assert!(stress_loss(&[1], &[]).is_err());
        assert!(stress_loss(&[1], &[MAX_SHOCK_ATOMICS + 1]).is_err());
    }

    /// Per-round scales: each loss is scaled by its own round's √(h/Δt); equal scales give the
    /// uniform figure; one scale per round is required.
    #[test]
    fn historical_per_round_scales_each_round() {
        let r = |x: i128| Ret56::from_raw(((x << RET_FRAC_BITS) / 100) as i64);
        let returns = vec![r(-1); 20];
        let uniform = historical(&[1_000_000], &returns, Q64::from_int(2), 9500).unwrap();
        assert_eq!(historical_per_round(&[1_000_000], &returns, &[Q64::from_int(2); 20], 9500).unwrap(), uniform);
        // One round at scale 4 (a quarter of the spacing) is the worst: 1,000,000·1 %·4.
        let mut scales = vec![Q64::ONE; 20];
        scales[7] = Q64::from_int(4);
        let m = historical_per_round(&[1_000_000], &returns, &scales, 9500).unwrap();
        assert!(m.var == 40_000 || m.var == 40_001, "{m:?}");
        assert_eq!(
            historical_per_round(&[1_000_000], &returns, &scales[..19], 9500),
            Err(MathError::DimensionMismatch { expected: 20, got: 19 })
        );
    }

    /// Historical exact: with scale 1 every loss is −ΣNr/2⁵⁶ exactly (a short's r taken one unit
    /// up); the reference computes it in i128 and rounds up independently.
    #[test]
    fn historical_is_exact() {
        let notionals = [1_000_000_007i128, -333_333_333];
        let mut rng = Xoshiro256::seed(42);
        let mut returns = Vec::new();
        for _ in 0..250 {
            for _ in 0..2 {
                returns.push(Ret56::from_raw(((rng.next_u64() >> 8) as i64 - (1 << 55)) >> 3));
            }
        }
        let got = historical(&notionals, &returns, Q64::ONE, 9900).unwrap();
        let mut losses: Vec<i128> =
            // The short leg takes its return's upper bound r + 1 unit (item 12 of issue 11).
            returns.chunks(2).map(|r| -(notionals[0] * r[0].raw() as i128 + notionals[1] * (r[1].raw() as i128 + 1))).collect();
        losses.sort_unstable_by(|a, b| b.cmp(a));
        let m = 3; // ⌈0.01·250⌉
        let d = 1i128 << 56;
        let ceil = |x: i128| if x <= 0 { 0 } else { (x + d - 1) / d } as u128;
        assert_eq!(got.var, ceil(losses[m - 1]));
        let sum: i128 = losses[..m].iter().sum();
        let mean_up = -((-sum).div_euclid(m as i128)); // ⌈sum/m⌉ for either sign
        assert_eq!(got.es, ceil(mean_up));
        // Too little history: K = 99 < 100 at 99 %.
        assert_eq!(
            historical(&notionals, &returns[..198], Q64::ONE, 9900),
            Err(MathError::InsufficientHistory { have: 99, need: 100 })
        );
    }

    #[test]
    fn historical_scale_and_floor() {
        // One market, returns −1%, +2%: with scale 2 (h = 4 rounds) losses are 2·1% and −4%.
        let r = |x: i128| Ret56::from_raw(((x << RET_FRAC_BITS) / 100) as i64);
        let mut returns = vec![r(2); 19];
        returns.push(r(-1));
        let m = historical(&[1_000_000], &returns, Q64::from_int(2), 9500).unwrap();
        // K = 20, m = 1: the worst loss 1,000,000·1%·2 = 20,000 (the Q7.56 return of −1% is
        // floored, so the loss rounds up to 20,001 at most).
        assert!(m.var == 20_000 || m.var == 20_001, "{m:?}");
        assert_eq!(m.es, m.var);
        // Only gains: floored at 0.
        let m = historical(&[1_000_000], &[r(2); 20], Q64::ONE, 9500).unwrap();
        assert_eq!(m, Measure { var: 0, es: 0 });
    }

    #[test]
    fn simple_returns() {
        assert_eq!(simple_return(100, 101).unwrap().raw(), (1i64 << 56) / 100);
        assert_eq!(simple_return(100, 99).unwrap().raw(), -((1i64 << 56) / 100) - 1);
        assert!(simple_return(0, 1).is_err());
        assert!(simple_return(1, 100).is_err()); // +9,900 %
    }

    /// Monte Carlo ES for 10,000 paths lies within 3 standard errors of the analytic ES;
    /// the standard error uses the asymptotic variance of the ES estimator,
    /// [Var(L | L ≥ VaR) + α(ES − VaR)²] / (n(1−α)).
    #[test]
    fn monte_carlo_es_within_three_standard_errors() {
        let n = 8;
        let notionals: Vec<i128> = (0..n).map(|i| (i as i128 - 3) * 1_000_000_000).collect();
        let vols: Vec<Q64> = (0..n).map(|i| q(0.3 + 0.1 * i as f64)).collect();
        let s: Vec<Q64> = vols.iter().map(|v| sigma_horizon(*v, 86_400).unwrap()).collect();
        let pairs: Vec<(usize, usize, f64)> = (0..n).flat_map(|i| (0..i).map(move |j| (i, j, 0.5))).collect();
        let rho = corr(n, &pairs);
        let chol = cholesky(&rho, n).unwrap();
        let (z, es_f) = var_es_factors(9900).unwrap();
        let analytic = parametric(&notionals, &s, &rho, z, es_f).unwrap();
        let (zf, lam) = (to_f(z), to_f(es_f));
        let sigma = analytic.var as f64 / zf;
        let var_tail = sigma * sigma * (1.0 + zf * lam - lam * lam);
        let se = ((var_tail + 0.99 * (analytic.es as f64 - analytic.var as f64).powi(2)) / (10_000.0 * 0.01)).sqrt();
        for seed in [1u64, 7, 2024] {
            let mc = monte_carlo(&notionals, &s, &chol, 10_000, seed, 9900).unwrap();
            let dev = (mc.es as f64 - analytic.es as f64) / se;
            println!(
                "seed {seed}: MC ES {} vs analytic {} ({dev:+.2} SE); MC VaR {} vs {}",
                mc.es, analytic.es, mc.var, analytic.var
            );
            assert!(dev.abs() < 3.0, "seed {seed}: {dev} standard errors");
        }
        // The simulated losses have the analytic spread: sample sd within 3 SE (σ/√(2n)).
        let sim = simulate(&notionals, &s, &chol, 10_000, 1).unwrap();
        let unit = 2f64.powi(sim.exponent);
        let xs: Vec<f64> = sim.losses.iter().map(|l| *l as f64 * unit).collect();
        let mean = xs.iter().sum::<f64>() / xs.len() as f64;
        let sd = (xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (xs.len() - 1) as f64).sqrt();
        assert!((sd / sigma - 1.0).abs() < 3.0 / (2.0f64 * 10_000.0).sqrt(), "sd {sd} vs σ {sigma}");
        assert!(mean.abs() < 3.0 * sigma / 100.0, "mean {mean}");
        // Same seed, same answer; another seed, another sample.
        let a = monte_carlo(&notionals, &s, &chol, 2_000, 7, 9900).unwrap();
        assert_eq!(a, monte_carlo(&notionals, &s, &chol, 2_000, 7, 9900).unwrap());
        assert_ne!(a, monte_carlo(&notionals, &s, &chol, 2_000, 8, 9900).unwrap());
    }

    // ---- Issue 11: audit items 11, 12, 13 ------------------------------------------------

    use crate::bigref::{self, sqrt_ceil};
    use num_bigint::BigInt;

    /// A correlation as the oracle stores it: decimal → Q64.64 (floor) → Q1.62 (toward zero).
    fn stored(atomics_18: i128) -> Q64 {
        let q = Q64::from_atomics(atomics_18.abs(), 18).unwrap();
        let q = Q64::from_raw((q.raw() / 4) << 2);
        if atomics_18 < 0 {
            q.neg()
        } else {
            q
        }
    }

    /// Item 11's matrix over (A, B, X): ρ(A,B) and ρ(B,X) as 18-decimal atomics, ρ(A,X) = 0.3.
    fn matrix_11(ab: i128, bx: i128) -> Vec<Q64> {
        let (one, ax) = (Q64::ONE, stored(300_000_000_000_000_000));
        let (ab, bx) = (stored(ab), stored(bx));
        vec![one, ab, ax, ab, one, bx, ax, bx, one]
    }

    const N_11: [i128; 3] = [1_000_000_000_000_000, -1_000_000_000_000_000, 10_000_000_000];
    const E18: i128 = 1_000_000_000_000_000_000;

    fn setup_11() -> ([Q64; 3], Q64, Q64, Measure) {
        let s = sigma_horizon(Q64::from_atomics(65 * E18 / 100, 18).unwrap(), 86_400).unwrap();
        let (z, es_f) = var_es_factors(9900).unwrap();
        let x_alone = parametric(&N_11[2..], &[s], &[Q64::ONE], z, es_f).unwrap();
        ([s; 3], z, es_f, x_alone)
    }

    /// Item 11: ρ(A,B) = 1, ρ(A,X) = 0.3, ρ(B,X) = 0.30001 (smallest eigenvalue −5.5e-11) is not
    /// PSD as stored and is refused at its zero pivot B (row 1) — the old check (pivot
    /// tolerance 2⁻¹⁶) accepted it. Over this matrix the quadratic form alone gives VaR 0 (the
    /// old figure); the factor floor gives at least X's standalone VaR.
    #[test]
    fn audit_11_not_psd_as_stored_is_refused_at_its_pivot() {
        let rho = matrix_11(E18, 300_010_000_000_000_000);
        assert_eq!(cholesky(&rho, 3), Err(MathError::NotPositiveSemiDefinite { row: 1 }));
        assert_eq!(crate::linalg::psd_zero_pivots(&rho, 3), Err(MathError::NotPositiveSemiDefinite { row: 1 }));
        let (s, z, es_f, x_alone) = setup_11();
        assert_eq!(x_alone.var, 791_482_985, "X alone, as the audit found");
        // The old figure: σ_p² over the not-PSD matrix is negative, so VaR was 0.
        assert_eq!(parametric(&N_11, &s, &rho, z, es_f).unwrap(), Measure { var: 0, es: 0 });
        // The factor the old code cached for it: B a copy of A, X = 0.3·A + √0.91·e₃.
        let l_x2 = crate::special::sqrt(Q64::ONE.sub(rho[2].mul(rho[2]).unwrap()).unwrap()).unwrap();
        let old_l = [Q64::ONE, Q64::ZERO, Q64::ZERO, Q64::ONE, Q64::ZERO, Q64::ZERO, rho[2], Q64::ZERO, l_x2];
        let floored = parametric_factored(&N_11, &s, &rho, &old_l, z, es_f).unwrap();
        println!("not-PSD matrix with the old factor: VaR {} (X alone {})", floored.var, x_alone.var);
        assert!(floored.var >= x_alone.var - 1 && floored.var <= x_alone.var + 1, "{floored:?}");
    }

    /// Item 11: a singular PSD matrix (ρ(A,B) = 1 exactly, ρ(B,X) = ρ(A,X) = 0.3) is accepted
    /// with a zero pivot, and the book is priced at X's risk (A and B hedge exactly), parametric
    /// and Monte Carlo over the same factor agreeing; a near-boundary PD matrix likewise.
    #[test]
    fn audit_11_singular_and_near_boundary_psd_matrices_are_accepted_and_priced() {
        let (s, z, es_f, x_alone) = setup_11();
        for (ab, bx, zero_b) in
            [(E18, 300_000_000_000_000_000, true), (999_990_000_000_000_000, 300_010_000_000_000_000, false)]
        {
            let rho = matrix_11(ab, bx);
            assert_eq!(crate::linalg::psd_zero_pivots(&rho, 3).unwrap(), vec![false, zero_b, false]);
            let l = cholesky(&rho, 3).unwrap();
            let p = parametric_factored(&N_11, &s, &rho, &l, z, es_f).unwrap();
            let mc = monte_carlo(&N_11, &s, &l, 10_000, 7, 9900).unwrap();
            println!("ρ(A,B) {ab}, ρ(B,X) {bx}: parametric VaR {} ES {}, MC VaR {} ES {}", p.var, p.es, mc.var, mc.es);
            assert!(p.var >= x_alone.var, "{} < X alone {}", p.var, x_alone.var);
            let rel = |a: u128, b: u128| (a as f64 / b as f64 - 1.0).abs();
            assert!(rel(mc.var, p.var) < 0.05 && rel(mc.es, p.es) < 0.05, "MC {mc:?} vs parametric {p:?}");
            if zero_b {
                assert_eq!(l[4], Q64::ZERO);
                assert!(p.var <= x_alone.var + 1, "exact hedge of A and B: {} vs {}", p.var, x_alone.var);
            }
        }
    }

    /// Certified upper bound of the exact parametric figures, in 2⁻²⁸⁸ units: (z*, es*) from the
    /// reference times ⌈√Q⌉, Q = Σ NᵢsᵢNⱼsⱼρᵢⱼ exact (units 2⁻¹⁹²).
    fn exact_parametric(n: &[i128], s: &[Q64], rho: &[Q64], bps: u32) -> (BigInt, BigInt, BigInt) {
        let k = n.len();
        let w: Vec<BigInt> = (0..k).map(|i| BigInt::from(n[i]) * BigInt::from(s[i].raw())).collect();
        let mut q = BigInt::from(0);
        for i in 0..k {
            for j in 0..k {
                q += &w[i] * &w[j] * BigInt::from(rho[i * k + j].raw());
            }
        }
        let q = q.max(BigInt::from(0));
        let [_, z_hi, _, es_hi] = crate::normal::tests::exact_factors(bps);
        let root = sqrt_ceil(&q);
        (z_hi * &root, es_hi * &root, root)
    }

    const SEVEN: [u32; 7] = [9000, 9500, 9900, 9990, 9999, 9750, 9950];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(320))]
        /// Item 12: parametric VaR and ES (with and without the factor floor) are ≥ the exact
        /// value over random books — half of them at |N| ≈ 2¹⁰⁰ — at the seven confidences,
        /// and within 1e-12 relative (+1 unit) of it.
        #[test]
        fn audit_12_parametric_is_at_least_exact(n in 1usize..8, seed in any::<u64>(), big in any::<bool>(), pick in 0usize..7) {
            let bps = SEVEN[pick];
            let mut rng = Xoshiro256::seed(seed);
            let mut unit = || (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
            let bits = if big { 100 } else { 10 + (unit() * 90.0) as i32 };
            let notionals: Vec<i128> = (0..n).map(|_| {
                let m = (1.0 + unit()) * 2f64.powi(bits - 1);
                let v = (m as i128).min(MAX_NOTIONAL);
                if unit() < 0.5 { -v } else { v }
            }).collect();
            let s: Vec<Q64> = (0..n).map(|_| sigma_horizon(q(0.05 + 2.0 * unit()), 86_400 * (1 + (unit() * 30.0) as u64)).unwrap()).collect();
            let f: Vec<f64> = (0..n * 2).map(|_| unit() - 0.5).collect();
            let mut pairs = vec![];
            for i in 0..n { for j in 0..i {
                let dot = f[2*i]*f[2*j] + f[2*i+1]*f[2*j+1];
                let ni = (f[2*i].powi(2) + f[2*i+1].powi(2)).sqrt();
                let nj = (f[2*j].powi(2) + f[2*j+1].powi(2)).sqrt();
                pairs.push((i, j, 0.9 * dot / (ni * nj)));
            } }
            let rho = corr(n, &pairs);
            let chol = cholesky(&rho, n).unwrap();
            let (z, es_f) = var_es_factors(bps).unwrap();
            let (var_hi, es_hi, root) = exact_parametric(&notionals, &s, &rho, bps);
            let unit288 = |x: u128| BigInt::from(x) << 288u32;
            let approx = |b: &BigInt| (b >> 288u32).to_string().parse::<f64>().unwrap();
            for got in [parametric(&notionals, &s, &rho, z, es_f).unwrap(),
                        parametric_factored(&notionals, &s, &rho, &chol, z, es_f).unwrap()] {
                prop_assert!(unit288(got.var) >= var_hi, "var {} below exact {}", got.var, approx(&var_hi));
                prop_assert!(unit288(got.es) >= es_hi, "es {} below exact {}", got.es, approx(&es_hi));
                let (rv, re) = (approx(&var_hi), approx(&es_hi));
                prop_assert!((got.var as f64) <= rv * (1.0 + 1e-12) + 2.0, "var {} loose vs {rv}", got.var);
                prop_assert!((got.es as f64) <= re * (1.0 + 1e-12) + 2.0, "es {} loose vs {re}", got.es);
            }
            prop_assert!(root > BigInt::from(0) || notionals.iter().all(|x| *x == 0));
        }

        /// Item 12: historical VaR and ES are ≥ the exact figures over the exact returns of the
        /// prices (192-bit reference), for random books of either sign.
        #[test]
        fn audit_12_historical_is_at_least_exact(n in 1usize..4, seed in any::<u64>(), pick in 0usize..4) {
            let bps = [9000, 9500, 9750, 9900][pick];
            let mut rng = Xoshiro256::seed(seed);
            let mut unit = || (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
            let k = 100 + (unit() * 60.0) as usize;
            let notionals: Vec<i128> = (0..n).map(|_| ((unit() - 0.5) * 2f64.powi(90)) as i128).collect();
            let scale = Q64::from_raw(Q64::ONE.raw() + (unit() * 31.0 * 2f64.powi(64)) as i128);
            let mut prices: Vec<u128> = (0..n).map(|_| 1_000 + (unit() * 1e9) as u128).collect();
            let (mut returns, mut exact) = (Vec::new(), Vec::new());
            for _ in 0..k {
                // Exact loss of the round as a rational: num / den, den = Π prevᵢ · 2⁶⁴.
                let (mut num, mut den) = (BigInt::from(0), BigInt::from(1));
                for i in 0..n {
                    let prev = prices[i];
                    let cur = ((prev as f64) * (0.8 + 0.4 * unit())).max(1.0) as u128;
                    returns.push(simple_return(prev, cur).unwrap());
                    // num/den + (−Nᵢ·(cur − prev))/prev
                    let term = -BigInt::from(notionals[i]) * (BigInt::from(cur) - BigInt::from(prev));
                    num = num * BigInt::from(prev) + term * &den;
                    den *= BigInt::from(prev);
                    prices[i] = cur;
                }
                let num = (num * BigInt::from(scale.raw())) << bigref::P;
                let den = den << 64u32;
                // ⌈num/den⌉ in 2⁻¹⁹² units.
                let (qq, r) = (&num / &den, &num % &den);
                exact.push(if r > BigInt::from(0) { qq + 1 } else { qq });
            }
            let got = historical(&notionals, &returns, scale, bps).unwrap();
            exact.sort_by(|a, b| b.cmp(a));
            let m = tail_count(bps, k);
            let var_hi = exact[m - 1].clone();
            let sum: BigInt = exact[..m].iter().sum();
            prop_assert!((BigInt::from(got.var) << bigref::P) >= var_hi, "var {} below exact", got.var);
            prop_assert!((BigInt::from(got.es) << bigref::P) * BigInt::from(m) >= sum, "es {} below exact", got.es);
        }
    }

    /// Item 12: a −10¹⁸ short whose worst round is a rise 257 → 258, over a 1-day horizon of
    /// 240 s rounds (scale √360): the loss from the floored return was 263 units below the
    /// exact figure (the audit's case: 259); now it is ≥ exact, by at most 1 unit.
    #[test]
    fn audit_12_short_historical_loss_is_at_least_exact() {
        let scale = horizon_scale(86_400, 240).unwrap();
        let mut returns = vec![simple_return(257, 258).unwrap()];
        returns.extend(std::iter::repeat_n(simple_return(258, 257).unwrap(), 99));
        let n = -E18;
        let got = historical(&[n], &returns, scale, 9900).unwrap();
        // Exact: ⌈10¹⁸ · (1/257) · scale / 2⁶⁴⌉.
        let num = BigInt::from(-n) * BigInt::from(scale.raw());
        let den = BigInt::from(257) << 64u32;
        let exact = (&num + &den - 1) / &den;
        // The old figure: the floored return for the short too.
        let old_loss = BigInt::from(-n) * BigInt::from(returns[0].raw()) * BigInt::from(scale.raw());
        let d = BigInt::from(1) << 120u32;
        let old = (&old_loss + &d - 1) / &d;
        println!("short: exact ⌈loss⌉ {exact}, old {old}, now {}", got.var);
        assert_eq!(&exact - &old, BigInt::from(263), "the old shortfall");
        assert!(BigInt::from(got.var) >= exact && BigInt::from(got.var) <= &exact + 1);
        assert_eq!(got.es, got.var);
        // A long of the same size over the falling rounds keeps its loss from the floored return
        // (already conservative: at most one return unit, here < 264 units, above exact).
        let long = historical(&[E18], &returns, scale, 9900).unwrap();
        let exact_long = (BigInt::from(E18) * BigInt::from(scale.raw()) + (BigInt::from(258) << 64u32) - 1)
            / (BigInt::from(258) << 64u32);
        assert!(BigInt::from(long.var) >= exact_long && BigInt::from(long.var) <= exact_long + 264);
    }

    /// Item 13: confidence ≥ 10,000 bps (no tail) is a typed error for historical and Monte
    /// Carlo; the old code panicked (`tail_count` gave m = 0, then `m − 1` underflowed).
    #[test]
    fn audit_13_full_confidence_is_a_typed_error_not_a_panic() {
        let returns = vec![simple_return(100, 99).unwrap(); 10_000];
        for bps in [10_000, 10_001, u32::MAX] {
            let err = MathError::InvalidConfidence { confidence_bps: bps, min: 0, max: 9_999 };
            assert_eq!(historical(&[1_000], &returns, Q64::ONE, bps), Err(err.clone()));
            assert_eq!(monte_carlo(&[1_000], &[Q64::ONE], &[Q64::ONE], 100, 1, bps), Err(err));
            assert!(matches!(var_es_factors(bps), Err(MathError::InvalidConfidence { max: 9_999, .. })));
        }
        // 9,999 bps needs 10,000 rounds and then works: the single worst loss.
        assert_eq!(
            historical(&[1_000], &returns[..9_999], Q64::ONE, 9_999),
            Err(MathError::InsufficientHistory { have: 9_999, need: 10_000 })
        );
        assert_eq!(historical(&[1_000], &returns, Q64::ONE, 9_999).unwrap().var, 11);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]
        /// Parametric VaR/ES within 1e-9 relative of the f64 model over random portfolios.
        #[test]
        fn parametric_matches_reference(
            n in 1usize..8,
            seed in any::<u64>(),
            scale in 0u32..60,
        ) {
            let mut rng = Xoshiro256::seed(seed);
            let mut unit = || (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
            let notionals: Vec<i128> = (0..n).map(|_| ((unit() - 0.5) * 2f64.powi(scale as i32 + 10)) as i128).collect();
            let s: Vec<Q64> = (0..n).map(|_| sigma_horizon(q(0.05 + 2.0 * unit()), 86_400 * (1 + (unit() * 30.0) as u64)).unwrap()).collect();
            // A valid correlation matrix from a random factor model.
            let f: Vec<f64> = (0..n * 2).map(|_| unit() - 0.5).collect();
            let mut pairs = vec![];
            for i in 0..n { for j in 0..i {
                let dot = f[2*i]*f[2*j] + f[2*i+1]*f[2*j+1];
                let ni = (f[2*i].powi(2) + f[2*i+1].powi(2)).sqrt();
                let nj = (f[2*j].powi(2) + f[2*j+1].powi(2)).sqrt();
                pairs.push((i, j, 0.9 * dot / (ni * nj)));
            } }
            let rho = corr(n, &pairs);
            let (z, es_f) = var_es_factors(9900).unwrap();
            let got = parametric(&notionals, &s, &rho, z, es_f).unwrap();
            let (rv, re) = ref_parametric(&notionals, &s, &rho, to_f(z), to_f(es_f));
            // Within 1e-9 relative of the model, beside the final round-up to a whole unit.
            let close = |got: u128, want: f64| (got as f64 - want).abs() <= 1.0 + 1e-9 * want;
            prop_assert!(close(got.var, rv), "var {} vs {rv}", got.var);
            prop_assert!(close(got.es, re), "es {} vs {re}", got.es);
            prop_assert!(got.var as f64 >= rv * (1.0 - 1e-12), "rounded down: {} < {rv}", got.var);
        }
    }
}
