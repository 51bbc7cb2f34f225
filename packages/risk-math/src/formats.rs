//! The fixed-point formats besides [`Q64`], each a type that owns its conversions to and from
//! Q64.64 (with the rounding stated) and, where it is stored, its bytes — so callers never
//! shift bits or cast.
//!
//! | type | format | holds | stored as |
//! |---|---|---|---|
//! | [`Ret56`] | Q7.56 in `i64` | one round's simple return, \|r\| ≤ 16 | 8 bytes LE per market in the oracle's history |
//! | [`Q62`] | Q1.62 in `i64` | a correlation or Cholesky-factor entry, −2 ≤ x < 2 | 8 bytes LE per entry, packed lower triangles |
//! | [`Q32`] | Q32.32 in `i64` | a Monte Carlo standard normal draw | never |
//! | [`Vol56`] | Q8.56 in `u64` | an annualised volatility, 0 ≤ σ < 256 | 8 bytes LE per market in the oracle's history (EWMA on) |
//!
//! (The special functions also work internally in Q8.120, an `i128`; that format never leaves
//! [`crate::special`] and [`crate::normal`].)

use crate::error::{MathError, MathResult};
use crate::fixed::{FRAC_BITS, Q64};

/// A simple return (cur − prev)/prev in signed Q7.56: the `i64` holds `r · 2⁵⁶`.
/// Range ±128 (returns are accepted up to |r| ≤ 16, [`Ret56::MAX_ABS`]), resolution 2⁻⁵⁶ ≈
/// 1.4·10⁻¹⁷. Produced by [`crate::measures::simple_return`] (rounded toward −∞).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Ret56(i64);

impl Ret56 {
    /// Fractional bits.
    pub const FRAC_BITS: u32 = 56;
    /// A zero return (an unpriced market's entry in a round).
    pub const ZERO: Ret56 = Ret56(0);
    /// The largest |return| the measures accept: 16 (1,600 %).
    pub const MAX_ABS: Ret56 = Ret56(16 << Self::FRAC_BITS);

    /// The return whose raw representation is `raw` (= r · 2⁵⁶).
    pub const fn from_raw(raw: i64) -> Ret56 {
        Ret56(raw)
    }

    /// The raw representation, r · 2⁵⁶.
    pub const fn raw(self) -> i64 {
        self.0
    }

    /// |r| ≤ 16.
    pub const fn within_max(self) -> bool {
        self.0.unsigned_abs() <= Self::MAX_ABS.0.unsigned_abs()
    }

    /// The return as Q64.64: exact (r · 2⁶⁴ = raw · 2⁸).
    pub fn to_q64(self) -> Q64 {
        Q64::from_raw(i128::from(self.0) << (FRAC_BITS - Self::FRAC_BITS))
    }

    /// ⌊q · 2⁵⁶⌋ / 2⁵⁶: `q` rounded toward −∞ to Q7.56; `Overflow` if |q| ≥ 128.
    pub fn from_q64_floor(q: Q64) -> MathResult<Ret56> {
        i64::try_from(q.raw() >> (FRAC_BITS - Self::FRAC_BITS))
            .map(Ret56)
            .map_err(|_| MathError::Overflow { what: "Q7.56 return" })
    }

    /// The stored bytes: the raw `i64`, little-endian.
    pub const fn to_le_bytes(self) -> [u8; 8] {
        self.0.to_le_bytes()
    }

    /// The return from its stored bytes ([`Ret56::to_le_bytes`]).
    pub const fn from_le_bytes(b: [u8; 8]) -> Ret56 {
        Ret56(i64::from_le_bytes(b))
    }
}

/// A correlation or Cholesky-factor entry in signed Q1.62: the `i64` holds `x · 2⁶²`.
/// Range [−2, 2), resolution 2⁻⁶² ≈ 2.2·10⁻¹⁹ (four Q64.64 units).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Q62(i64);

impl Q62 {
    /// Fractional bits.
    pub const FRAC_BITS: u32 = 62;
    /// Zero.
    pub const ZERO: Q62 = Q62(0);
    /// One (a diagonal entry).
    pub const ONE: Q62 = Q62(1 << Self::FRAC_BITS);

    /// The value whose raw representation is `raw` (= x · 2⁶²).
    pub const fn from_raw(raw: i64) -> Q62 {
        Q62(raw)
    }

    /// The raw representation, x · 2⁶².
    pub const fn raw(self) -> i64 {
        self.0
    }

    /// `q` cut to the Q1.62 grid, rounded **toward zero** (so |x| never grows: a correlation
    /// stays in [−1, 1]); `Overflow` outside [−2, 2).
    pub fn from_q64_toward_zero(q: Q64) -> MathResult<Q62> {
        // Integer division truncates toward zero: ⌊|q|·2⁶²⌋ with q's sign.
        i64::try_from(q.raw() / (1 << (FRAC_BITS - Self::FRAC_BITS)))
            .map(Q62)
            .map_err(|_| MathError::Overflow { what: "Q1.62 entry outside [-2, 2)" })
    }

    /// The value as Q64.64: exact (x · 2⁶⁴ = raw · 4).
    pub fn to_q64(self) -> Q64 {
        Q64::from_raw(i128::from(self.0) << (FRAC_BITS - Self::FRAC_BITS))
    }

    /// The stored bytes: the raw `i64`, little-endian.
    pub const fn to_le_bytes(self) -> [u8; 8] {
        self.0.to_le_bytes()
    }

    /// The value from its stored bytes ([`Q62::to_le_bytes`]).
    pub const fn from_le_bytes(b: [u8; 8]) -> Q62 {
        Q62(i64::from_le_bytes(b))
    }
}

/// A standard normal draw in signed Q32.32: the `i64` holds `z · 2³²`.
/// Range ±2³¹, resolution 2⁻³² ≈ 2.3·10⁻¹⁰. Produced by [`crate::normal::normal_draw`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Q32(i64);

impl Q32 {
    /// Fractional bits.
    pub const FRAC_BITS: u32 = 32;

    /// The value whose raw representation is `raw` (= z · 2³²).
    pub const fn from_raw(raw: i64) -> Q32 {
        Q32(raw)
    }

    /// The raw representation, z · 2³².
    pub const fn raw(self) -> i64 {
        self.0
    }

    /// The value as Q64.64: exact (z · 2⁶⁴ = raw · 2³²).
    pub fn to_q64(self) -> Q64 {
        Q64::from_raw(i128::from(self.0) << (FRAC_BITS - Self::FRAC_BITS))
    }

    /// `q` rounded toward −∞ to Q32.32; `Overflow` if |q| ≥ 2³¹.
    pub fn from_q64_floor(q: Q64) -> MathResult<Q32> {
        i64::try_from(q.raw() >> (FRAC_BITS - Self::FRAC_BITS))
            .map(Q32)
            .map_err(|_| MathError::Overflow { what: "Q32.32 value" })
    }
}

/// An annualised volatility in unsigned Q8.56: the `u64` holds `σ · 2⁵⁶`. Range [0, 256)
/// (the oracle accepts σ ≤ 100), resolution 2⁻⁵⁶ ≈ 1.4·10⁻¹⁷. The oracle stores the volatility
/// in force before each round with the round (filtered historical's σₖ).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Vol56(u64);

impl Vol56 {
    /// Fractional bits.
    pub const FRAC_BITS: u32 = 56;

    /// The value whose raw representation is `raw` (= σ · 2⁵⁶).
    pub const fn from_raw(raw: u64) -> Vol56 {
        Vol56(raw)
    }

    /// The raw representation, σ · 2⁵⁶.
    pub const fn raw(self) -> u64 {
        self.0
    }

    /// ⌊q · 2⁵⁶⌋ / 2⁵⁶: `q` rounded toward −∞ to Q8.56; `Domain` for q < 0, `Overflow` for
    /// q ≥ 256.
    pub fn from_q64_floor(q: Q64) -> MathResult<Vol56> {
        if q.is_negative() {
            return Err(MathError::Domain { what: "negative volatility" });
        }
        u64::try_from(q.raw() >> (FRAC_BITS - Self::FRAC_BITS))
            .map(Vol56)
            .map_err(|_| MathError::Overflow { what: "Q8.56 volatility" })
    }

    /// The value as Q64.64: exact (σ · 2⁶⁴ = raw · 2⁸).
    pub fn to_q64(self) -> Q64 {
        Q64::from_raw(i128::from(self.0) << (FRAC_BITS - Self::FRAC_BITS))
    }

    /// The stored bytes: the raw `u64`, little-endian.
    pub const fn to_le_bytes(self) -> [u8; 8] {
        self.0.to_le_bytes()
    }

    /// The value from its stored bytes ([`Vol56::to_le_bytes`]).
    pub const fn from_le_bytes(b: [u8; 8]) -> Vol56 {
        Vol56(u64::from_le_bytes(b))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conversions_round_as_stated() {
        let r = Ret56::from_raw(-3);
        assert_eq!(r.to_q64(), Q64::from_raw(-3 << 8));
        assert_eq!(Ret56::from_q64_floor(Q64::from_raw(-1)), Ok(Ret56::from_raw(-1)));
        assert_eq!(Ret56::from_q64_floor(r.to_q64()), Ok(r));
        assert!(Ret56::from_q64_floor(Q64::from_int(128)).is_err());
        assert!(Ret56::MAX_ABS.within_max() && !Ret56::from_raw(Ret56::MAX_ABS.raw() + 1).within_max());
        assert_eq!(Ret56::from_le_bytes(r.to_le_bytes()), r);

        // Toward zero both ways, exactly as the oracle has always cut its matrix.
        assert_eq!(Q62::from_q64_toward_zero(Q64::from_raw(7)), Ok(Q62::from_raw(1)));
        assert_eq!(Q62::from_q64_toward_zero(Q64::from_raw(-7)), Ok(Q62::from_raw(-1)));
        assert_eq!(Q62::from_q64_toward_zero(Q64::ONE), Ok(Q62::ONE));
        assert_eq!(Q62::ONE.to_q64(), Q64::ONE);
        assert!(Q62::from_q64_toward_zero(Q64::from_int(2)).is_err());
        assert_eq!(Q62::from_q64_toward_zero(Q64::from_int(-2)), Ok(Q62::from_raw(i64::MIN)));
        assert!(Q62::from_q64_toward_zero(Q64::from_int(-2).sub(Q64::from_raw(4)).unwrap()).is_err());
        assert_eq!(Q62::from_le_bytes(Q62::ONE.to_le_bytes()), Q62::ONE);

        assert_eq!(Q32::from_q64_floor(Q64::from_raw(-1)), Ok(Q32::from_raw(-1)));
        assert_eq!(Q32::from_q64_floor(Q64::ONE).map(Q32::to_q64), Ok(Q64::ONE));
        assert!(Q32::from_q64_floor(Q64::from_int(1 << 31)).is_err());

        // Floored to 2⁻⁵⁶, exact back; negative and ≥ 256 refused.
        assert_eq!(Vol56::from_q64_floor(Q64::from_raw(0x1ff)), Ok(Vol56::from_raw(1)));
        assert_eq!(Vol56::from_q64_floor(Q64::from_int(100)).map(Vol56::to_q64), Ok(Q64::from_int(100)));
        assert!(Vol56::from_q64_floor(Q64::from_int(256)).is_err());
        assert!(Vol56::from_q64_floor(Q64::from_raw(-1)).is_err());
        let v = Vol56::from_raw(12345);
        assert_eq!(Vol56::from_le_bytes(v.to_le_bytes()), v);
    }
}
