//! Signed Q64.64 binary fixed point.

use crate::conv::{i128_of_i64, i32_of_u8, u128_of_u8};
use crate::error::{MathError, MathResult};
use crate::wide::{mul_i128, shr_floor_to_i128};
use ethnum::I256;

/// Number of fractional bits of [`Q64`].
pub const FRAC_BITS: u32 = 64;

/// A signed Q64.64 number: the `i128` holds `value · 2⁶⁴`.
/// Range ±9.22·10¹⁸, resolution 2⁻⁶⁴ ≈ 5.42·10⁻²⁰.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Q64(i128);

/// 10^decimals for at most 38 digits (10^38 < 2^127, so a product with an i128 fits 256 bits);
/// `Overflow` beyond (found by fuzzing: `I256::pow` overflowed at 77 digits).
fn pow10(decimals: u32) -> MathResult<I256> {
    if decimals > 38 {
        return Err(MathError::Overflow { what: "more than 38 decimals" });
    }
    Ok(I256::from(10u8).pow(decimals))
}

// The arithmetic methods are checked (they return `MathResult`), so they deliberately do not
// implement the panicking `std::ops` traits.
#[allow(clippy::should_implement_trait)]
impl Q64 {
    /// Zero.
    pub const ZERO: Q64 = Q64(0);
    /// One.
    pub const ONE: Q64 = Q64(1 << FRAC_BITS);
    /// One half.
    pub const HALF: Q64 = Q64(1 << (FRAC_BITS - 1));
    /// Smallest positive value, 2⁻⁶⁴.
    pub const EPSILON: Q64 = Q64(1);

    /// The number whose raw representation is `raw` (= value · 2⁶⁴). The only way in from bits.
    pub const fn from_raw(raw: i128) -> Q64 {
        Q64(raw)
    }

    /// The raw representation, value · 2⁶⁴. The only way out to bits.
    pub const fn raw(self) -> i128 {
        self.0
    }

    /// `n` exactly.
    pub const fn from_int(n: i64) -> Q64 {
        Q64(i128_of_i64(n) << FRAC_BITS)
    }

    /// ⌊num · 2⁶⁴ / den⌋ (rounds toward −∞). Errors on `den == 0` or overflow.
    pub fn from_ratio(num: i128, den: i128) -> MathResult<Q64> {
        if den == 0 {
            return Err(MathError::DivisionByZero);
        }
        fit(floor_div(I256::from(num) << FRAC_BITS, I256::from(den)), "from_ratio")
    }

    /// ⌊atomics · 2⁶⁴ / 10^decimals⌋: converts a decimal fixed-point value (e.g. a cosmwasm
    /// `Decimal`'s atomics with 18 decimals) to Q64.64, rounding toward −∞.
    pub fn from_atomics(atomics: i128, decimals: u32) -> MathResult<Q64> {
        if decimals > 38 {
            return Err(MathError::Domain { what: "decimals > 38" });
        }
        let den = I256::from(10u8).pow(decimals);
        fit(floor_div(I256::from(atomics) << FRAC_BITS, den), "from_atomics")
    }

    /// The value as decimal atomics with `decimals` digits, rounded toward −∞.
    pub fn to_atomics_floor(self, decimals: u32) -> MathResult<i128> {
        let den = pow10(decimals)?;
        fit_raw(floor_div(I256::from(self.0) * den, I256::ONE << FRAC_BITS), "to_atomics")
    }

    /// The value as decimal atomics with `decimals` digits, rounded toward +∞.
    pub fn to_atomics_ceil(self, decimals: u32) -> MathResult<i128> {
        let den = pow10(decimals)?;
        fit_raw(ceil_div(I256::from(self.0) * den, I256::ONE << FRAC_BITS), "to_atomics")
    }

    /// ⌊self · rhs⌋ in Q64.64 (256-bit product, rounds toward −∞).
    pub fn mul(self, rhs: Q64) -> MathResult<Q64> {
        shr_floor_to_i128(mul_i128(self.0, rhs.0), FRAC_BITS).map(Q64).ok_or(MathError::Overflow { what: "Q64 mul" })
    }

    /// ⌊self · num / den⌋ for integers `num`, `den` (256-bit product, rounds toward −∞): a
    /// value scaled by an exact ratio. Errors on `den == 0` or overflow.
    pub fn mul_ratio_floor(self, num: i128, den: i128) -> MathResult<Q64> {
        if den == 0 {
            return Err(MathError::DivisionByZero);
        }
        // 128-bit when the product fits (a 256-bit division costs far more gas in wasm).
        match self.0.checked_mul(num) {
            Some(p) if p != i128::MIN => {
                let (q, r) = (p / den, p % den);
                Ok(Q64(if r != 0 && ((r < 0) != (den < 0)) { q - 1 } else { q }))
            }
            _ => fit(floor_div(mul_i128(self.0, num), I256::from(den)), "Q64 mul_ratio"),
        }
    }

    /// ⌊self / rhs⌋ in Q64.64 (rounds toward −∞).
    pub fn div(self, rhs: Q64) -> MathResult<Q64> {
        if rhs.0 == 0 {
            return Err(MathError::DivisionByZero);
        }
        fit(floor_div(I256::from(self.0) << FRAC_BITS, I256::from(rhs.0)), "Q64 div")
    }

    /// `self + rhs`, erroring on overflow.
    pub fn add(self, rhs: Q64) -> MathResult<Q64> {
        self.0.checked_add(rhs.0).map(Q64).ok_or(MathError::Overflow { what: "Q64 add" })
    }

    /// `self − rhs`, erroring on overflow.
    pub fn sub(self, rhs: Q64) -> MathResult<Q64> {
        self.0.checked_sub(rhs.0).map(Q64).ok_or(MathError::Overflow { what: "Q64 sub" })
    }

    /// −self; the one unrepresentable case (−MIN) saturates to MAX (one ulp off, never a panic).
    pub fn neg(self) -> Q64 {
        Q64(self.0.saturating_neg())
    }

    /// |self|, saturating like `neg`.
    pub fn abs(self) -> Q64 {
        Q64(self.0.saturating_abs())
    }

    /// Whether the value is below zero.
    pub fn is_negative(self) -> bool {
        self.0 < 0
    }

    /// Compile-time parse of a decimal literal such as `"3.3871328727963666080"` or
    /// `"-1.05075007164441684324e-9"`, rounded to the nearest Q64.64 (ties away from zero).
    /// At most 30 significant digits and |exponent| ≤ 16. Panics (at compile time when used
    /// in a `const`) on a malformed literal.
    pub const fn lit(s: &str) -> Q64 {
        let (neg, digits, scale) = parse_decimal(s.as_bytes());
        let raw = nearest_q64(digits, scale);
        assert!(raw <= u128::MAX >> 1, "literal too large");
        let raw = raw.cast_signed();
        Q64(if neg { -raw } else { raw })
    }
}

/// A decimal literal `[-]d.ddd[e[±]x]` as (negative, digits, scale): |value| = digits / 10^scale
/// with 0 ≤ scale ≤ 38. The counters are bounded by the literal's length (`const fn`s cannot
/// use iterators); panics on a malformed or too precise literal.
const fn parse_decimal(b: &[u8]) -> (bool, u128, u32) {
    let neg = b[0] == b'-';
    let mut i = if neg { 1 } else { 0 };
    let mut digits: u128 = 0;
    let mut frac_digits: i32 = 0;
    let mut seen_dot = false;
    while i < b.len() && b[i] != b'e' && b[i] != b'E' {
        let c = b[i];
        if c == b'.' {
            seen_dot = true;
        } else {
            assert!(c >= b'0' && c <= b'9', "bad digit");
            digits = digits * 10 + u128_of_u8(c - b'0');
            if seen_dot {
                frac_digits += 1;
            }
        }
        i += 1;
    }
    let mut exp: i32 = 0;
    if i < b.len() {
        i += 1;
        let eneg = b[i] == b'-';
        if eneg || b[i] == b'+' {
            i += 1;
        }
        while i < b.len() {
            exp = exp * 10 + i32_of_u8(b[i] - b'0');
            i += 1;
        }
        if eneg {
            exp = -exp;
        }
    }
    let mut scale = frac_digits - exp;
    while scale < 0 {
        digits *= 10;
        scale += 1;
    }
    assert!(scale <= 38, "literal too precise");
    (neg, digits, scale.unsigned_abs())
}

/// digits / 10^scale in Q64.64 (unsigned), rounded to nearest (ties up): long division to 65
/// fractional bits, then the 65th rounds.
const fn nearest_q64(digits: u128, scale: u32) -> u128 {
    let den = 10u128.pow(scale);
    let int = digits / den;
    let mut rem = digits % den;
    let mut frac: u128 = 0;
    let mut bit = 0;
    while bit < 65 {
        // rem < den ≤ 10^38 < 2^127, so 2·rem cannot overflow u128.
        rem *= 2;
        frac <<= 1;
        if rem >= den {
            rem -= den;
            frac |= 1;
        }
        bit += 1;
    }
    (int << FRAC_BITS) + ((frac + 1) >> 1)
}

/// ⌊a / b⌋ for 256-bit integers (rounds toward −∞ whatever the signs).
pub fn floor_div(a: I256, b: I256) -> I256 {
    let q = a / b;
    if (a % b != 0) && ((a < 0) != (b < 0)) {
        q - 1
    } else {
        q
    }
}

/// ⌈a / b⌉ for 256-bit integers.
pub fn ceil_div(a: I256, b: I256) -> I256 {
    let q = a / b;
    if (a % b != 0) && ((a < 0) == (b < 0)) {
        q + 1
    } else {
        q
    }
}

fn fit(v: I256, what: &'static str) -> MathResult<Q64> {
    fit_raw(v, what).map(Q64)
}

fn fit_raw(v: I256, what: &'static str) -> MathResult<i128> {
    i128::try_from(v).map_err(|_| MathError::Overflow { what })
}

#[cfg(test)]
#[allow(clippy::as_conversions)]
mod tests {
    use super::*;
    use crate::testutil::to_f as f;

    #[test]
    fn literals_round_to_nearest() {
        assert_eq!(Q64::lit("1"), Q64::ONE);
        assert_eq!(Q64::lit("0.5"), Q64::HALF);
        assert_eq!(Q64::lit("-2.25"), Q64(-(9i128 << 62)));
        assert!((f(Q64::lit("3.3871328727963666080")) - 3.387_132_872_796_366_6).abs() < 1e-15);
        assert!((f(Q64::lit("1.05075007164441684324e-9")) - 1.050_750_071_644_416_8e-9).abs() < 1e-19);
        assert_eq!(Q64::lit("2.5e3"), Q64::from_int(2500));
    }

    #[test]
    fn ratio_and_atomics_round_down() {
        assert_eq!(Q64::from_ratio(1, 3).unwrap().0, ((1i128 << 64) - 1) / 3);
        assert_eq!(Q64::from_ratio(-1, 3).unwrap().0, -(((1i128 << 64) - 1) / 3) - 1);
        assert_eq!(Q64::from_ratio(1, -3).unwrap(), Q64::from_ratio(-1, 3).unwrap());
        assert_eq!(Q64::from_ratio(1, 0), Err(MathError::DivisionByZero));
        let d = Q64::from_atomics(650_000_000_000_000_000, 18).unwrap();
        assert!(d.0 <= Q64::lit("0.65").0 && Q64::lit("0.65").0 - d.0 <= 1);
        assert_eq!(d.to_atomics_floor(18).unwrap(), 649_999_999_999_999_999);
        assert_eq!(d.to_atomics_ceil(18).unwrap(), 650_000_000_000_000_000);
    }

    #[test]
    fn mul_ratio_floors_on_both_paths() {
        // 128-bit path (the product fits) and 256-bit path agree, rounding toward −∞.
        let x = Q64(-7);
        assert_eq!(x.mul_ratio_floor(3, 2).unwrap(), Q64(-11));
        assert_eq!(x.mul_ratio_floor(-3, 2).unwrap(), Q64(10));
        assert_eq!(x.mul_ratio_floor(3, -2).unwrap(), Q64(10));
        assert_eq!(Q64(i128::MAX).mul_ratio_floor(2, 4).unwrap(), Q64(i128::MAX / 2));
        assert_eq!(Q64(i128::MIN).mul_ratio_floor(1, 1).unwrap(), Q64(i128::MIN));
        assert_eq!(Q64(i128::MIN).mul_ratio_floor(-1, 1), Err(MathError::Overflow { what: "Q64 mul_ratio" }));
        assert_eq!(x.mul_ratio_floor(1, 0), Err(MathError::DivisionByZero));
    }

    #[test]
    fn mul_div_floor() {
        let a = Q64::lit("1.5");
        let b = Q64::lit("-2.25");
        assert_eq!(a.mul(b).unwrap(), Q64::lit("-3.375"));
        assert_eq!(b.div(a).unwrap(), Q64::lit("-1.5"));
        assert_eq!(Q64(-1).mul(Q64::HALF).unwrap(), Q64(-1)); // floor, not truncation
        assert_eq!(a.div(Q64::ZERO), Err(MathError::DivisionByZero));
        assert!(Q64::from_int(i64::MAX).mul(Q64::from_int(4)).is_err());
    }
}
