//! The suite's units as types, so the compiler refuses shares where an amount belongs.
//!
//! Every unit is `#[serde(transparent)]` over the cosmwasm integer it replaces, so the JSON is
//! unchanged (`"123"`): SPEC's shapes stay exactly as they are.
//!
//! | type | meaning | base |
//! |---|---|---|
//! | [`Amount`] | settlement asset, in its base unit (e.g. `uusdc`) | `Uint128` |
//! | [`Shares`] | pool shares (10⁶ per base unit at the first deposit) | `Uint128` |
//! | [`Power`] | DAO voting power (bonded shares) | `Uint128` |
//! | [`SignedNotional`] | a signed notional in the settlement asset's base unit (+ long, − short) | `Int128` |
//!
//! Arithmetic is checked and returns [`UnitError`] naming the numbers; there is no same-unit
//! multiplication (an amount times an amount is not an amount). Cross-unit conversions
//! (`amount ↔ shares`) are ratios that state their rounding: [`Amount::mul_ratio_floor`] and
//! [`Amount::mul_ratio_ceil`] compute `⌊x · num / den⌋` / `⌈x · num / den⌉` in 256 bits.

use std::fmt;

use cosmwasm_std::{Decimal, Int128, Uint128, Uint256};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// A unit's arithmetic failed: the operation, its operands and the unit are named.
#[derive(Error, Debug, Clone, PartialEq, Eq)]
pub enum UnitError {
    /// `lhs op rhs` does not fit the unit's range.
    #[error("{unit} overflow: {lhs} {op} {rhs}")]
    Overflow {
        /// The unit's name (`amount`, `shares`, `power`, `notional`).
        unit: &'static str,
        /// The operation (`+`, `-`, `×/`).
        op: &'static str,
        /// Left operand, as a decimal string.
        lhs: String,
        /// Right operand, as a decimal string.
        rhs: String,
    },
    /// `lhs − rhs` would be negative.
    #[error("{unit} underflow: {lhs} - {rhs}")]
    Underflow {
        /// The unit's name.
        unit: &'static str,
        /// Minuend.
        lhs: Uint128,
        /// Subtrahend (larger than `lhs`).
        rhs: Uint128,
    },
    /// A ratio with a zero denominator.
    #[error("{unit} ratio with a zero denominator: {value} × {num} / 0")]
    ZeroDenominator {
        /// The unit's name.
        unit: &'static str,
        /// The value being scaled.
        value: Uint128,
        /// The numerator.
        num: Uint128,
    },
}

/// Result of unit arithmetic.
pub type UnitResult<T> = Result<T, UnitError>;

macro_rules! unsigned_unit {
    ($(#[$doc:meta])* $name:ident, $label:literal) => {
        $(#[$doc])*
        #[derive(
            Serialize, Deserialize, JsonSchema, Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord,
        )]
        #[serde(transparent)]
        pub struct $name(Uint128);

        impl $name {
            /// Zero.
            pub const ZERO: $name = $name(Uint128::zero());
            /// The largest value (`u128::MAX`).
            pub const MAX: $name = $name(Uint128::MAX);
            /// The unit's name in errors.
            pub const UNIT: &'static str = $label;

            /// `v` base units.
            pub const fn new(v: u128) -> $name {
                $name(Uint128::new(v))
            }

            /// The value as the cosmwasm integer (for the JSON boundary and bank messages).
            pub const fn raw(self) -> Uint128 {
                self.0
            }

            /// The value as a `u128`.
            pub const fn u128(self) -> u128 {
                self.0.u128()
            }

            /// Whether the value is zero.
            pub const fn is_zero(self) -> bool {
                self.0.is_zero()
            }

            /// `self + rhs`; [`UnitError::Overflow`] past `u128::MAX`.
            pub fn checked_add(self, rhs: $name) -> UnitResult<$name> {
                self.0.checked_add(rhs.0).map($name).map_err(|_| UnitError::Overflow {
                    unit: $label,
                    op: "+",
                    lhs: self.0.to_string(),
                    rhs: rhs.0.to_string(),
                })
            }

            /// `self − rhs`; [`UnitError::Underflow`] below zero.
            pub fn checked_sub(self, rhs: $name) -> UnitResult<$name> {
                self.0
                    .checked_sub(rhs.0)
                    .map($name)
                    .map_err(|_| UnitError::Underflow { unit: $label, lhs: self.0, rhs: rhs.0 })
            }

            /// `max(self − rhs, 0)`.
            pub fn saturating_sub(self, rhs: $name) -> $name {
                $name(self.0.saturating_sub(rhs.0))
            }

            /// `min(self + rhs, MAX)`, for lifetime statistics that must never stop a flow.
            pub fn saturating_add(self, rhs: $name) -> $name {
                $name(self.0.saturating_add(rhs.0))
            }

            /// The sum of `items`, checked.
            pub fn checked_sum<I: IntoIterator<Item = $name>>(items: I) -> UnitResult<$name> {
                items.into_iter().try_fold($name::ZERO, $name::checked_add)
            }

            /// `⌊self · num / den⌋` in 256 bits (rounds down); errors on `den == 0` or a result
            /// past `u128::MAX`. The result is in the unit `U` the caller names.
            pub fn mul_ratio_floor<U: From<Uint128>>(self, num: Uint128, den: Uint128) -> UnitResult<U> {
                ratio(self.0, num, den, false, $label).map(U::from)
            }

            /// `⌈self · num / den⌉` in 256 bits (rounds up); errors as [`Self::mul_ratio_floor`].
            pub fn mul_ratio_ceil<U: From<Uint128>>(self, num: Uint128, den: Uint128) -> UnitResult<U> {
                ratio(self.0, num, den, true, $label).map(U::from)
            }

            /// `⌊self · bps / 10⁴⌋` (rounds down): a basis-point share of the value, in its unit.
            /// Never fails for `bps ≤ 10⁴`; above, [`UnitError::Overflow`] past `u128::MAX`.
            pub fn mul_bps_floor(self, bps: u32) -> UnitResult<$name> {
                self.mul_ratio_floor(Uint128::from(bps), Uint128::new(10_000))
            }
        }

        impl $name {
            /// `⌊self · d⌋` for a non-negative decimal `d` (rounds down), exact in 256 bits;
            /// [`UnitError::Overflow`] past `u128::MAX`.
            pub fn mul_decimal_floor(self, d: Decimal) -> UnitResult<$name> {
                self.mul_ratio_floor(d.atomics(), Uint128::new(10u128.pow(Decimal::DECIMAL_PLACES)))
            }
        }

        /// `v` base units (the integer literal of tests and constants).
        impl From<u128> for $name {
            fn from(v: u128) -> $name {
                $name::new(v)
            }
        }

        impl From<Uint128> for $name {
            fn from(v: Uint128) -> $name {
                $name(v)
            }
        }

        impl From<$name> for Uint128 {
            fn from(v: $name) -> Uint128 {
                v.0
            }
        }

        /// The decimal string (event attributes).
        impl From<$name> for String {
            fn from(v: $name) -> String {
                v.0.to_string()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

/// `⌊v · num / den⌋` or `⌈v · num / den⌉` in 256 bits.
fn ratio(v: Uint128, num: Uint128, den: Uint128, up: bool, unit: &'static str) -> UnitResult<Uint128> {
    if den.is_zero() {
        return Err(UnitError::ZeroDenominator { unit, value: v, num });
    }
    let product: Uint256 = v.full_mul(num);
    let den256 = Uint256::from(den);
    let q = product / den256;
    let q = if up && !(product % den256).is_zero() { q + Uint256::one() } else { q };
    Uint128::try_from(q).map_err(|_| UnitError::Overflow {
        unit,
        op: "×/",
        lhs: v.to_string(),
        rhs: format!("{num}/{den}"),
    })
}

unsigned_unit!(
    /// An amount of the settlement asset, in its base unit.
    Amount,
    "amount"
);
unsigned_unit!(
    /// Pool shares (10⁶ shares per base unit at the first deposit).
    Shares,
    "shares"
);
unsigned_unit!(
    /// DAO voting power: a holder's bonded shares at the proposal's start height.
    Power,
    "power"
);

impl Power {
    /// The voting power of `bonded` shares: one unit per bonded share (the vault's rule).
    pub const fn of_bonded(bonded: Shares) -> Power {
        Power(bonded.0)
    }
}

/// A signed notional in the settlement asset's base unit: positive long, negative short.
#[derive(Serialize, Deserialize, JsonSchema, Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
#[serde(transparent)]
pub struct SignedNotional(Int128);

impl SignedNotional {
    /// Zero.
    pub const ZERO: SignedNotional = SignedNotional(Int128::zero());

    /// `v` base units (negative = short).
    pub const fn new(v: i128) -> SignedNotional {
        SignedNotional(Int128::new(v))
    }

    /// The value as the cosmwasm integer.
    pub const fn raw(self) -> Int128 {
        self.0
    }

    /// The value as an `i128`.
    pub const fn i128(self) -> i128 {
        self.0.i128()
    }

    /// Whether the notional is zero.
    pub const fn is_zero(self) -> bool {
        self.0.is_zero()
    }

    /// `|self|` as an [`Amount`] (exact: `|i128::MIN|` fits a `u128`).
    pub fn abs(self) -> Amount {
        Amount::new(self.0.i128().unsigned_abs())
    }

    /// `self + rhs`, checked.
    pub fn checked_add(self, rhs: SignedNotional) -> UnitResult<SignedNotional> {
        self.0.checked_add(rhs.0).map(SignedNotional).map_err(|_| UnitError::Overflow {
            unit: "notional",
            op: "+",
            lhs: self.0.to_string(),
            rhs: rhs.0.to_string(),
        })
    }
}

impl From<Int128> for SignedNotional {
    fn from(v: Int128) -> SignedNotional {
        SignedNotional(v)
    }
}

impl From<SignedNotional> for Int128 {
    fn from(v: SignedNotional) -> Int128 {
        v.0
    }
}

impl fmt::Display for SignedNotional {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cosmwasm_std::{from_json, to_json_string};

    #[test]
    fn json_is_the_bare_integer_string() {
        assert_eq!(to_json_string(&Amount::new(123)).unwrap(), "\"123\"");
        assert_eq!(from_json::<Shares>("\"7\"").unwrap(), Shares::new(7));
        assert_eq!(to_json_string(&SignedNotional::new(-5)).unwrap(), "\"-5\"");
        assert_eq!(from_json::<Power>("\"0\"").unwrap(), Power::ZERO);
    }

    #[test]
    fn schema_is_the_base_integer() {
        let unit = schemars::schema_for!(Amount);
        let base = schemars::schema_for!(Uint128);
        assert_eq!(serde_json::to_value(&unit).unwrap(), serde_json::to_value(&base).unwrap());
        let unit = schemars::schema_for!(SignedNotional);
        let base = schemars::schema_for!(Int128);
        assert_eq!(serde_json::to_value(&unit).unwrap(), serde_json::to_value(&base).unwrap());
    }

    #[test]
    fn checked_arithmetic_names_the_numbers() {
        assert_eq!(Amount::new(2).checked_add(Amount::new(3)), Ok(Amount::new(5)));
        assert_eq!(
            Amount::new(2).checked_sub(Amount::new(3)),
            Err(UnitError::Underflow { unit: "amount", lhs: Uint128::new(2), rhs: Uint128::new(3) })
        );
        let e = Shares::MAX.checked_add(Shares::new(1)).unwrap_err();
        assert_eq!(e.to_string(), format!("shares overflow: {} + 1", u128::MAX));
        assert_eq!(Amount::checked_sum([Amount::new(1), Amount::new(2)]), Ok(Amount::new(3)));
        assert_eq!(Amount::new(2).saturating_sub(Amount::new(3)), Amount::ZERO);
    }

    #[test]
    fn ratios_round_as_named_and_never_overflow_inside() {
        let a = Amount::new(10);
        let s: Shares = a.mul_ratio_floor(Uint128::new(2), Uint128::new(3)).unwrap();
        assert_eq!(s, Shares::new(6));
        let s: Shares = a.mul_ratio_ceil(Uint128::new(2), Uint128::new(3)).unwrap();
        assert_eq!(s, Shares::new(7));
        // u128::MAX · u128::MAX / u128::MAX is exact in 256 bits.
        let m: Amount = Amount::MAX.mul_ratio_floor(Uint128::MAX, Uint128::MAX).unwrap();
        assert_eq!(m, Amount::MAX);
        assert!(matches!(
            Amount::MAX.mul_ratio_floor::<Amount>(Uint128::new(2), Uint128::new(1)),
            Err(UnitError::Overflow { unit: "amount", .. })
        ));
        assert!(matches!(
            a.mul_ratio_ceil::<Shares>(Uint128::new(1), Uint128::zero()),
            Err(UnitError::ZeroDenominator { .. })
        ));
    }

    #[test]
    fn bps_shares_round_down_and_power_is_bonded_shares() {
        assert_eq!(Amount::new(999).mul_bps_floor(1_000), Ok(Amount::new(99)));
        assert_eq!(Amount::MAX.mul_bps_floor(10_000), Ok(Amount::MAX));
        assert_eq!(Shares::new(7).mul_bps_floor(0), Ok(Shares::ZERO));
        assert!(matches!(Amount::MAX.mul_bps_floor(10_001), Err(UnitError::Overflow { unit: "amount", .. })));
        assert_eq!(Power::of_bonded(Shares::new(42)), Power::new(42));
        assert_eq!(Amount::from(5u128), Amount::new(5));
        assert_eq!(String::from(Shares::new(12)), "12");
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(Amount::new(10).mul_decimal_floor(d("1.55")), Ok(Amount::new(15)));
        assert_eq!(Amount::new(3).mul_decimal_floor(d("0.333333333333333333")), Ok(Amount::new(0)));
        assert_eq!(Amount::MAX.mul_decimal_floor(d("1")), Ok(Amount::MAX));
        assert!(Amount::MAX.mul_decimal_floor(d("1.000000000000000001")).is_err());
        // The same figure as cosmwasm's `mul_floor` wherever that does not panic.
        for (x, s) in [(7u128, "2.5"), (1_000_000_007, "0.3"), (u128::MAX / 3, "2.999999999999999999")] {
            assert_eq!(Amount::new(x).mul_decimal_floor(d(s)).unwrap().raw(), Uint128::new(x).mul_floor(d(s)));
        }
    }

    #[test]
    fn notional_abs_is_exact_at_the_extremes() {
        assert_eq!(SignedNotional::new(i128::MIN).abs(), Amount::new(1u128 << 127));
        assert_eq!(SignedNotional::new(-3).abs(), Amount::new(3));
    }
}
