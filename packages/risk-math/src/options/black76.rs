//! Black-76 with zero rates, in Q64.64, with a bracket that contains the exact value.

use super::{OptionError, OptionResult, MAX_PRICE, MAX_VOL};
use crate::fixed::Q64;
use crate::normal::cdf;
use crate::special::{ln, sqrt};
use crate::YEAR_SECS;
use ethnum::I256;

/// One unit of an 18-decimal price, rounded up to Q64.64 (⌈10⁻¹⁸·2⁶⁴⌉ = 19 units of 2⁻⁶⁴): a
/// scenario never moves a price below it (SPEC: S' = max(S(1+r), one unit of price precision)).
pub const MIN_PRICE: Q64 = Q64::from_raw(19);

/// Below this σ√τ (2⁻²⁰ ≈ 9.5·10⁻⁷) the value is taken as intrinsic with a bracket of width
/// S·σ√τ (the time value of a zero-rate option never exceeds S·σ√τ/√(2π)): the fixed-point d₁
/// loses its precision there.
const V_TINY: Q64 = Q64::from_raw(1 << 44);
/// |d| ≥ 9 reads Φ as 0 or 1, as [`cdf`] itself does (Φ(−9) ≈ 1.1·10⁻¹⁹ < one unit).
const D_CUTOFF: i128 = 9;

/// European option kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum OptionKind {
    /// Pays max(S − K, 0) per unit of size at expiry.
    Call,
    /// Pays max(K − S, 0) per unit of size at expiry.
    Put,
}

/// A Black-76 quote per unit of size, in price units.
///
/// `value` is the fixed-point evaluation; `lo ≤ exact ≤ hi` brackets the exact Black-76 value of
/// the given inputs (the inputs themselves are taken as exact), and both ends stay within the
/// no-arbitrage bounds (call: [max(S−K, 0), S]; put: [max(K−S, 0), K]). `delta` is ∂V/∂S:
/// N(d₁) for a call, N(d₁) − 1 for a put.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quote {
    /// The evaluated price (each step rounded toward −∞, then clamped to the no-arbitrage bounds).
    pub value: Q64,
    /// Lower end of the bracket: the value a bought leg is given.
    pub lo: Q64,
    /// Upper end of the bracket: the value a written leg is given.
    pub hi: Q64,
    /// ∂V/∂S, rounded toward −∞ (a put's is the call's minus one, exactly).
    pub delta: Q64,
}

/// ⌊σ²·τ_secs/year⌋, the total variance σ²τ in Q64.64.
///
/// Domain: σ ∈ [0, [`MAX_VOL`]] (else `VolatilityOutOfRange`); overflow of the result (τ of
/// billions of years) is `Math(Overflow)`. Rounding: toward −∞, error < 2⁻⁶⁴.
pub fn total_variance(sigma: Q64, tau_secs: u64) -> OptionResult<Q64> {
    check_vol(sigma)?;
    variance(sigma, tau_secs)
}

/// Largest σ' a scenario may reach after its vol shock: 2¹⁴.
const MAX_SCENARIO_VOL: Q64 = Q64::from_int(1 << 14);

/// ⌊σ²·τ/year⌋ for σ ∈ [0, 2¹⁴] (a shocked scenario vol).
fn variance(sigma: Q64, tau_secs: u64) -> OptionResult<Q64> {
    if sigma.is_negative() || sigma > MAX_SCENARIO_VOL {
        return Err(OptionError::VolatilityOutOfRange { vol: sigma, max: MAX_SCENARIO_VOL });
    }
    let num = I256::from(sigma.raw()) * I256::from(sigma.raw()) * I256::from(tau_secs);
    let den = I256::from(YEAR_SECS) << 64u32;
    let v = i128::try_from(num / den).map_err(|_| crate::MathError::Overflow { what: "total variance" })?;
    Ok(Q64::from_raw(v))
}

pub(crate) fn check_vol(sigma: Q64) -> OptionResult<()> {
    if sigma.is_negative() || sigma > MAX_VOL {
        return Err(OptionError::VolatilityOutOfRange { vol: sigma, max: MAX_VOL });
    }
    Ok(())
}

pub(crate) fn check_price(price: Q64) -> OptionResult<()> {
    if price.raw() <= 0 || price > MAX_PRICE {
        return Err(OptionError::PriceOutOfRange { price, max: MAX_PRICE });
    }
    Ok(())
}

pub(crate) fn check_strike(strike: Q64) -> OptionResult<()> {
    if strike.raw() <= 0 || strike > MAX_PRICE {
        return Err(OptionError::StrikeOutOfRange { strike, max: MAX_PRICE });
    }
    Ok(())
}

/// Everything of a (σ, τ) pair a valuation needs, computed once per leg and vol regime.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Pricing {
    /// ⌊σ²τ⌋.
    var: Q64,
    /// ⌊√var⌋ = σ√τ rounded down.
    pub(crate) v: Q64,
    /// σ = 0 or τ = 0: the value is exactly intrinsic.
    exact_zero: bool,
    /// Upper bound of the exact σ√τ (used only below [`V_TINY`]).
    v_up: Q64,
    /// Bound on |computed N(d₁) − exact N(d₁)| in units of 2⁻⁶⁴ (normal regime).
    delta_margin: i128,
}

impl Pricing {
    /// Pricing data for annualised `sigma` over `tau_secs` seconds.
    /// σ up to 2¹⁴: shocked scenario vols may pass [`MAX_VOL`]; inputs are checked by callers.
    pub(crate) fn new(sigma: Q64, tau_secs: u64) -> OptionResult<Pricing> {
        let var = variance(sigma, tau_secs)?;
        let v = sqrt(var)?;
        let exact_zero = sigma.raw() == 0 || tau_secs == 0;
        // √(var + 2⁻⁶⁴) ≤ √var + 2⁻³²: the floored variance hides at most that much σ√τ.
        let v_up = Q64::from_raw(v.raw() + (1 << 32) + 1);
        let delta_margin = if v < V_TINY {
            0
        } else {
            // δd ≤ 2⁻⁵⁹/v + 2⁻⁶²/v² (the logs, the floored variance and divisions, and σ√τ's own
            // rounding scaled by |d| ≤ 9), times φ ≤ 0.4, plus Φ's own error (< 2⁻⁵⁶): in units
            // of 2⁻⁶⁴ that is ≤ 2¹⁰ + 32·2⁶⁴/v_raw + 4·2¹²⁸/v_raw².
            let vr = I256::from(v.raw());
            let m =
                I256::from(1u32 << 10) + (I256::from(32u8) << 64u32) / vr + (I256::from(4u8) << 128u32) / (vr * vr) + 1;
            i128::try_from(m).unwrap_or(i128::MAX).min(Q64::ONE.raw())
        };
        Ok(Pricing { var, v, exact_zero, v_up, delta_margin })
    }
}

/// A call quote with the call delta's bracket (for the ladder's convexity bound).
#[derive(Clone, Copy, Debug)]
pub(crate) struct CallQuote {
    pub(crate) value: Q64,
    pub(crate) lo: Q64,
    pub(crate) hi: Q64,
    /// N(d₁) and a bracket [n1_lo, n1_hi] of the exact N(d₁) (for the exact-intrinsic case the
    /// right and left derivatives).
    pub(crate) n1: Q64,
    pub(crate) n1_lo: Q64,
    pub(crate) n1_hi: Q64,
    /// The unclamped half-width M of the bracket (hi − lo ≤ 2M); M grows with S.
    pub(crate) margin: i128,
}

/// Φ(num/v), reading |num| ≥ 9v as Φ = 0 or 1 (so the quotient never overflows).
fn cdf_ratio(num: Q64, v: Q64) -> OptionResult<Q64> {
    let nine_v = v.raw().checked_mul(D_CUTOFF).ok_or(crate::MathError::Overflow { what: "9·σ√τ" })?;
    if num.raw() >= nine_v {
        return Ok(Q64::ONE);
    }
    if num.raw() <= -nine_v {
        return Ok(Q64::ZERO);
    }
    Ok(cdf(num.div(v)?)?)
}

/// The Black-76 call (zero rates) at price `s` (ln s = `ln_s`), strike `k` (ln k = `ln_k`).
///
/// C = S·N(d₁) − K·N(d₂), d₁,₂ = (ln S − ln K ± σ²τ/2)/(σ√τ), clamped to [max(S−K, 0), S].
/// Bracket: the error of the evaluation is at most
/// M = (S + K)·2⁻⁴⁸ + S·2⁻⁶⁴/(σ√τ) + 8·2⁻⁶⁴: Φ is good to < 2⁻⁵⁶ absolute at each of its two
/// calls (weighted by S and K); an error δ common to d₁ and d₂ (from the logs and the division)
/// cancels to first order because S·φ(d₁) = K·φ(d₂), leaving O(δ²·S·σ√τ); the error of σ√τ
/// itself moves C by at most vega·δv ≤ 0.4·S·(2⁻⁶³ + 2⁻⁶⁵/(σ√τ)); the two products floor.
/// M is far above those terms (the tests check the bracket against a 50-digit reference).
/// Below σ√τ = 2⁻²⁰ the value is intrinsic and the bracket [intrinsic, intrinsic + S·σ√τ].
pub(crate) fn call_quote(s: Q64, ln_s: Q64, k: Q64, ln_k: Q64, p: &Pricing) -> OptionResult<CallQuote> {
    let intrinsic = if s > k { s.sub(k)? } else { Q64::ZERO };
    if p.v < V_TINY {
        let (n1, n1_lo, n1_hi) = if s > k {
            (Q64::ONE, Q64::ONE, Q64::ONE)
        } else if s == k {
            (Q64::HALF, Q64::ZERO, Q64::ONE)
        } else {
            (Q64::ZERO, Q64::ZERO, Q64::ZERO)
        };
        if p.exact_zero {
            // Exactly intrinsic; the delta bracket holds the one-sided derivatives at S = K.
            return Ok(CallQuote { value: intrinsic, lo: intrinsic, hi: intrinsic, n1, n1_lo, n1_hi, margin: 0 });
        }
        let width = s.mul(p.v_up)?.add(Q64::EPSILON)?;
        let hi = intrinsic.add(width)?.min(s);
        let x = ln_s.sub(ln_k)?;
        let ten_v = Q64::from_raw(p.v_up.raw().saturating_mul(10));
        let (n1_lo, n1_hi) = if x >= ten_v {
            (Q64::from_raw(Q64::ONE.raw() - 4), Q64::ONE)
        } else if x <= ten_v.neg() {
            (Q64::ZERO, Q64::from_raw(4))
        } else {
            (Q64::ZERO, Q64::ONE)
        };
        return Ok(CallQuote { value: intrinsic, lo: intrinsic, hi, n1, n1_lo, n1_hi, margin: width.raw() });
    }
    let x = ln_s.sub(ln_k)?;
    let half = Q64::from_raw(p.var.raw() >> 1);
    let n1 = cdf_ratio(x.add(half)?, p.v)?;
    let n2 = cdf_ratio(x.sub(half)?, p.v)?;
    let raw_call = s.mul(n1)?.sub(k.mul(n2)?)?;
    let value = raw_call.max(intrinsic).min(s);
    let margin = ((s.raw() >> 48) + (k.raw() >> 48)) + s.raw() / p.v.raw() + 8;
    let lo = Q64::from_raw(value.raw().saturating_sub(margin)).max(intrinsic);
    let hi = Q64::from_raw(value.raw().saturating_add(margin)).min(s);
    let n1_lo = Q64::from_raw(n1.raw().saturating_sub(p.delta_margin)).max(Q64::ZERO);
    let n1_hi = Q64::from_raw(n1.raw().saturating_add(p.delta_margin)).min(Q64::ONE);
    Ok(CallQuote { value, lo, hi, n1, n1_lo, n1_hi, margin })
}

/// The quote of `kind` from the call quote: a put by parity, P = C − (S − K), exactly in
/// Q64.64 for the value and for both bracket ends (the call's clamp to [max(S−K, 0), S] puts
/// the put in [max(K−S, 0), K]); Δ_put = N(d₁) − 1.
pub(crate) fn quote_of(kind: OptionKind, c: &CallQuote, s: Q64, k: Q64) -> OptionResult<Quote> {
    match kind {
        OptionKind::Call => Ok(Quote { value: c.value, lo: c.lo, hi: c.hi, delta: c.n1 }),
        OptionKind::Put => {
            let fwd = s.sub(k)?;
            let put = |c: Q64| -> OptionResult<Q64> { Ok(c.sub(fwd)?.max(Q64::ZERO)) };
            Ok(Quote { value: put(c.value)?, lo: put(c.lo)?, hi: put(c.hi)?, delta: c.n1.sub(Q64::ONE)? })
        }
    }
}

/// Black-76 with zero rates: the price and delta of a European `kind` option on a forward /
/// market price `s`, strike `k`, `tau_secs` seconds to expiry, annualised implied vol `sigma`.
///
/// Formula: C = S·N(d₁) − K·N(d₂), d₁ = (ln(S/K) + σ²τ/2)/(σ√τ), d₂ = d₁ − σ√τ, τ =
/// `tau_secs`/31,536,000; when σ√τ = 0 the value is intrinsic; C is clamped to
/// [max(S−K, 0), S]; P = max(C − (S − K), 0) (parity, exact in Q64.64). Δ = N(d₁) (call),
/// N(d₁) − 1 (put). Built on [`ln`], [`sqrt`] and [`cdf`].
/// Units: `s`, `k` and the result in price units; `sigma` per year. Domain: s, k ∈ (0, 2⁴⁰],
/// σ ∈ [0, 128] (typed errors otherwise). Rounding: `value` toward −∞ at each step; [`Quote::lo`]
/// ≤ exact ≤ [`Quote::hi`] with hi − lo ≤ 2·((S+K)·2⁻⁴⁸ + S·2⁻⁶⁴/(σ√τ)) + 16·2⁻⁶⁴ (for σ√τ ≥ 2⁻²⁰;
/// below it, intrinsic with a width of S·σ√τ). Accuracy (tests, 50-digit reference over
/// K/S ∈ [¼, 4], τ ∈ [1 h, 3 y], σ ∈ [0.05, 5]): far inside 10⁻⁹·S for the price and 10⁻⁹ for Δ.
/// Cost: 2 ln, 1 sqrt, 2 Φ, 2 Q64 divisions, 2 Q64 products.
pub fn black76(kind: OptionKind, s: Q64, k: Q64, tau_secs: u64, sigma: Q64) -> OptionResult<Quote> {
    check_price(s)?;
    check_strike(k)?;
    let p = Pricing::new(sigma, tau_secs)?;
    let c = call_quote(s, ln(s)?, k, ln(k)?, &p)?;
    quote_of(kind, &c, s, k)
}
