//! Premiums and payoffs in settlement units, each rounded toward the DEX (and so the pool): what
//! the DEX receives rounds up, what it pays rounds down.
//!
//! `size` is settlement base units per unit of price (the vault's leg size), so size × a price
//! difference is settlement base units.

use cosmwasm_std::{Decimal, Uint128};
use risk_pool::oracle::OptionKind;
use risk_pool::Amount;

use crate::error::ContractError;

/// 10¹⁸, `Decimal`'s denominator.
const DECIMAL_ONE: u128 = 1_000_000_000_000_000_000;

/// The premium of `size` at `quote` (price units per unit of the underlying): ⌈size · quote⌉.
pub fn premium(size: Amount, quote: Decimal) -> Result<Amount, ContractError> {
    Ok(size.mul_ratio_ceil(quote.atomics(), Uint128::new(DECIMAL_ONE))?)
}

/// max(S − K, 0) for a call, max(K − S, 0) for a put (price units).
pub fn intrinsic(kind: OptionKind, strike: Decimal, price: Decimal) -> Decimal {
    match kind {
        OptionKind::Call => price.saturating_sub(strike),
        OptionKind::Put => strike.saturating_sub(price),
    }
}

/// What the writer owes the holder of `size` at expiry price `price`: ⌊size · intrinsic⌋.
pub fn payoff(kind: OptionKind, strike: Decimal, size: Amount, price: Decimal) -> Result<Amount, ContractError> {
    Ok(size.mul_decimal_floor(intrinsic(kind, strike, price))?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn premiums_round_up_and_payoffs_down() {
        // One BTC (1,000,000 uusdc per USD) at 2,500 USD: 2,500 USDC.
        assert_eq!(premium(Amount::new(1_000_000), d("2500")).unwrap(), Amount::new(2_500_000_000));
        // 3 × 0.1234567 = 0.3703701 → 1 up; 3 × 0.3333333 → 0 down.
        assert_eq!(premium(Amount::new(3), d("0.1234567")).unwrap(), Amount::new(1));
        assert_eq!(payoff(OptionKind::Call, d("1"), Amount::new(3), d("1.3333333")).unwrap(), Amount::ZERO);
        // In and out of the money, both kinds.
        let one = Amount::new(1_000_000);
        assert_eq!(payoff(OptionKind::Call, d("60000"), one, d("63000")).unwrap(), Amount::new(3_000_000_000));
        assert_eq!(payoff(OptionKind::Call, d("60000"), one, d("59000")).unwrap(), Amount::ZERO);
        assert_eq!(payoff(OptionKind::Put, d("60000"), one, d("59000.5")).unwrap(), Amount::new(999_500_000));
        assert_eq!(payoff(OptionKind::Put, d("60000"), one, d("61000")).unwrap(), Amount::ZERO);
    }

    #[test]
    fn an_overflowing_premium_is_a_typed_error() {
        let e = premium(Amount::MAX, d("2")).unwrap_err();
        assert!(matches!(e, ContractError::Unit(_)), "{e:?}");
    }
}
