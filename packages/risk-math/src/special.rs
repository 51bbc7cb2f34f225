//! Elementary functions in Q64.64: exp, ln, sqrt.
//!
//! Internally the series run in Q8.120 (an `i128` holding `value · 2¹²⁰`, 256-bit products), so
//! the only error that reaches a Q64.64 result is its final rounding plus ~2⁻¹¹⁰ relative.

use crate::error::{MathError, MathResult};
use crate::fixed::{floor_div, FRAC_BITS, Q64};
use crate::wide::isqrt_u256;
use ethnum::{I256, U256};

/// Fractional bits of the internal working format.
pub(crate) const W: u32 = 120;
pub(crate) const W_ONE: i128 = 1 << W;
/// ln 2 · 2¹²⁰, rounded to nearest.
pub(crate) const LN2_W: i128 = 921_350_637_599_661_305_226_344_307_672_478_455;
/// √2 · 2¹²⁰, rounded to nearest.
const SQRT2_W: i128 = 1_879_812_259_125_035_246_445_576_347_481_445_757;
/// ln 2 · 2⁶⁴, rounded to nearest.
const LN2_Q64: i128 = 12_786_308_645_202_655_660;

/// Largest argument accepted by [`exp`]: e⁴³ ≈ 4.7·10¹⁸ still fits Q64.64.
pub const EXP_MAX: Q64 = Q64::from_int(43);
/// Below this, eˣ < 2⁻⁶⁵ and [`exp`] returns exactly 0 (the correctly floored value).
pub const EXP_MIN: Q64 = Q64::from_int(-45);

/// ⌊a·b / 2¹²⁰⌋ for working-format values.
#[inline]
pub(crate) fn wmul(a: i128, b: i128) -> i128 {
    ((I256::from(a) * I256::from(b)) >> W).as_i128()
}

/// e^r in Q8.120 for |r| ≤ ln2/2 + 2⁻¹⁰⁰ (Taylor series to the last bit; truncating, error
/// below 2⁻¹¹⁵ relative).
fn exp_reduced_w(r: i128) -> i128 {
    let mut sum = W_ONE + r;
    let mut term = r;
    for n in 2i128.. {
        term = wmul(term, r) / n;
        if term == 0 {
            break;
        }
        sum += term; // partial sums of e^r ≤ 1.5: far inside i128
    }
    sum
}

/// Splits `x` (Q64.64, |x| ≤ 46) as k·ln2 + r with k = round(x/ln2) and r in Q8.120.
fn reduce(x: Q64) -> MathResult<(i32, i128)> {
    let k = (x.raw() + LN2_Q64 / 2).div_euclid(LN2_Q64);
    let r = (x.raw() << (W - FRAC_BITS)) - k * LN2_W;
    let k = i32::try_from(k).map_err(|_| MathError::Overflow { what: "exp range reduction" })?;
    Ok((k, r))
}

/// eˣ in Q64.64.
///
/// Domain: x ≤ 43 (larger → `Overflow`); for x < −45 the result is 0.
/// Rounding: toward −∞ (the result never exceeds eˣ by more than 2⁻¹¹⁰ relative and is at
/// most one unit, 2⁻⁶⁴, below it). Error ≤ 1e-18 relative for x ≥ −3, ≤ 1e-19 absolute everywhere.
pub fn exp(x: Q64) -> MathResult<Q64> {
    if x > EXP_MAX {
        return Err(MathError::Overflow { what: "exp" });
    }
    if x < EXP_MIN {
        return Ok(Q64::ZERO);
    }
    let (k, r) = reduce(x)?;
    let e = exp_reduced_w(r);
    // e · 2^k in Q64.64: shift by k − (120 − 64), within [−121, 7] on the domain.
    let s = i64::from(k) - i64::from(W - FRAC_BITS);
    let by = u32::try_from(s.unsigned_abs()).map_err(|_| MathError::Overflow { what: "exp" })?;
    Ok(Q64::from_raw(if s >= 0 { e << by } else { e >> by }))
}

/// e^(−y) in Q8.120 for 0 ≤ y ≤ 80 (rounded toward −∞); the extra 56 fractional bits keep
/// tiny densities accurate to ~2⁻¹¹⁰ relative, which the normal cdf needs far in the tail.
pub(crate) fn exp_neg_w(y: Q64) -> MathResult<i128> {
    debug_assert!(y.raw() >= 0 && y <= Q64::from_int(80));
    let (k, r) = reduce(y.neg())?;
    let e = exp_reduced_w(r);
    // k ≤ 0 here (y ≥ 0), so e·2^k only shifts right.
    let sh = k.unsigned_abs();
    Ok(if sh >= 127 { 0 } else { e >> sh })
}

/// ln x in Q64.64.
///
/// Domain: x > 0 (else `Domain`). Method: x = m·2ᵉ with m ∈ [1/√2, √2), ln m = 2·atanh((m−1)/(m+1))
/// summed in Q8.120. Rounding: toward −∞; absolute error ≤ 2⁻⁶³ (≈1.1e-19), so relative error
/// ≤ 1e-15 wherever |ln x| ≥ 1e-4 and absolute ≤ 1e-18 everywhere.
pub fn ln(x: Q64) -> MathResult<Q64> {
    if x.raw() <= 0 {
        return Err(MathError::Domain { what: "ln of a non-positive number" });
    }
    let top = 127 - x.raw().leading_zeros(); // index of the highest set bit (x > 0)
                                             // m in Q8.120, in [1, 2).
    let m = if top <= W { x.raw() << (W - top) } else { x.raw() >> (top - W) };
    let e = i128::from(top) - i128::from(FRAC_BITS);
    let (m, e) = if m > SQRT2_W { (m >> 1, e + 1) } else { (m, e) };
    let num = I256::from(m - W_ONE) << W;
    let t = floor_div(num, I256::from(m + W_ONE)).as_i128();
    let t2 = wmul(t, t);
    let mut power = t;
    let mut sum = t;
    for n in (3i128..).step_by(2) {
        power = wmul(power, t2);
        let term = power / n;
        if term == 0 {
            break;
        }
        sum += term; // partial sums of atanh(t) with |t| < 0.18: far inside i128
    }
    let total = e * LN2_W + 2 * sum;
    Ok(Q64::from_raw(total >> (W - FRAC_BITS)))
}

/// √x in Q64.64, exact floor of the true root of the Q64.64 value.
/// Domain: x ≥ 0. Rounding: toward −∞ (error < 2⁻⁶⁴).
pub fn sqrt(x: Q64) -> MathResult<Q64> {
    if x.raw() < 0 {
        return Err(MathError::Domain { what: "sqrt of a negative number" });
    }
    let n = U256::from(x.raw().unsigned_abs()) << FRAC_BITS;
    // √(x·2⁶⁴) < 2⁹⁶ for any x < 2¹²⁷: always fits.
    let root = i128::try_from(isqrt_u256(n)).map_err(|_| MathError::Overflow { what: "sqrt" })?;
    Ok(Q64::from_raw(root))
}

/// √x in Q64.64 rounded toward +∞.
pub fn sqrt_ceil(x: Q64) -> MathResult<Q64> {
    let r = sqrt(x)?;
    let root = U256::from(r.raw().unsigned_abs());
    Ok(if root * root == U256::from(x.raw().unsigned_abs()) << FRAC_BITS { r } else { r.add(Q64::EPSILON)? })
}

#[cfg(test)]
#[allow(clippy::as_conversions)]
mod tests {
    use super::*;
    use crate::testutil::{from_f, to_f};
    use proptest::prelude::*;

    /// Error of `got` against the reference, measured in the terms:
    /// relative where the value is large enough, absolute otherwise. Returns (rel, abs).
    fn err(got: Q64, reference: f64) -> (f64, f64) {
        let abs = (to_f(got) - reference).abs();
        (abs / reference.abs().max(1e-300), abs)
    }

    #[test]
    fn exp_known_values() {
        assert_eq!(exp(Q64::ZERO).unwrap(), Q64::ONE);
        let e1 = exp(Q64::ONE).unwrap();
        assert!((to_f(e1) - std::f64::consts::E).abs() < 1e-15);
        assert_eq!(exp(Q64::from_int(44)), Err(MathError::Overflow { what: "exp" }));
        assert_eq!(exp(Q64::from_int(-46)).unwrap(), Q64::ZERO);
        // e^43 fits.
        assert!(exp(EXP_MAX).is_ok());
    }

    #[test]
    fn ln_known_values() {
        assert_eq!(ln(Q64::ONE).unwrap(), Q64::ZERO);
        assert!((to_f(ln(Q64::from_int(2)).unwrap()) - std::f64::consts::LN_2).abs() < 1e-18);
        assert!(ln(Q64::ZERO).is_err());
        assert!(ln(Q64::from_raw(-5)).is_err());
        // Smallest and largest positive inputs.
        assert!((to_f(ln(Q64::from_raw(1)).unwrap()) + 64.0 * std::f64::consts::LN_2).abs() < 1e-13);
        assert!((to_f(ln(Q64::from_raw(i128::MAX)).unwrap()) - 63.0 * std::f64::consts::LN_2).abs() < 1e-13);
    }

    #[test]
    fn exp_ln_roundtrip_is_tight() {
        for k in -40..=40 {
            let x = Q64::from_ratio(k, 1).unwrap();
            let y = ln(exp(x).unwrap()).unwrap();
            // exp floors (≤ 1 ulp of eˣ) and ln floors (≤ 2 ulps): the first error is amplified
            // by 1/eˣ when it passes through ln.
            let amplification = (1.0 / to_f(exp(x).unwrap())).max(1.0) as i128;
            let tol = 3 + amplification;
            assert!((y.raw() - x.raw()).abs() <= tol, "k={k} diff={}", y.raw() - x.raw());
        }
    }

    #[test]
    fn sqrt_is_exact() {
        assert_eq!(sqrt(Q64::from_int(4)).unwrap(), Q64::from_int(2));
        assert_eq!(sqrt(Q64::lit("2.25")).unwrap(), Q64::lit("1.5"));
        assert!(sqrt(Q64::from_raw(-1)).is_err());
        let s = sqrt(Q64::from_int(2)).unwrap();
        assert_eq!(sqrt_ceil(Q64::from_int(2)).unwrap().raw(), s.raw() + 1);
        assert!((to_f(s) - std::f64::consts::SQRT_2).abs() < 1e-18);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        // Reference: f64 `exp` (correctly rounded to ~1.1e-16 relative). Our error must stay far
        // inside the bound: 1e-15 relative or 1e-18 absolute, whichever is larger.
        #[test]
        fn exp_matches_reference(x in -45.0f64..43.0) {
            let q = from_f(x);
            let got = exp(q).unwrap();
            let reference = to_f(q).exp();
            let (rel, abs) = err(got, reference);
            prop_assert!(rel <= 1e-15 || abs <= 1e-18, "x={x} rel={rel} abs={abs}");
        }

        #[test]
        fn ln_matches_reference(x in 1e-19f64..9.2e18) {
            let q = from_f(x);
            prop_assume!(q.raw() > 0);
            let got = ln(q).unwrap();
            let reference = to_f(q).ln();
            let (rel, abs) = err(got, reference);
            prop_assert!(rel <= 1e-15 || abs <= 1e-18, "x={x} rel={rel} abs={abs}");
        }

        #[test]
        fn ln_near_one(d in -1e-3f64..1e-3) {
            let q = from_f(1.0 + d);
            let got = ln(q).unwrap();
            let reference = (to_f(q) - 1.0).ln_1p();
            let (rel, abs) = err(got, reference);
            prop_assert!(rel <= 1e-15 || abs <= 1e-18, "d={d} rel={rel} abs={abs}");
        }
    }
}
