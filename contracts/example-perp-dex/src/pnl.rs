//! A position's result at a price, rounded toward the DEX (the pool never pays a rounding).

use cosmwasm_std::Decimal;
use risk_pool::Amount;

use crate::error::ContractError;
use crate::state::Position;

/// What closing a position at a price means in settlement units.
#[derive(Debug, PartialEq, Eq)]
pub struct Settlement {
    /// Paid to the trader: collateral + gain, or collateral − loss (at least 0).
    pub payout: Amount,
    /// The loss beyond the collateral (0 unless the loss exceeds it): claimed from the pool.
    pub bad_debt: Amount,
}

/// P&L = |notional| · ⌊|price − entry| / entry⌋₁₈ rounded down (the ratio is a `Decimal`, 18
/// places, floored): a gain when the position's side matches the move.
pub fn settle(p: &Position, price: Decimal) -> Result<Settlement, ContractError> {
    let entry = p.entry_price;
    let (up, move_abs) = if price >= entry { (true, price - entry) } else { (false, entry - price) };
    let notional = p.notional.abs();
    let overflow = || ContractError::PnlOverflow { notional, entry, price };
    let ratio = move_abs.checked_div(entry).map_err(|_| overflow())?;
    let pnl = Amount::from(notional.raw().checked_mul_floor(ratio).map_err(|_| overflow())?);
    let gain = (p.notional.i128() > 0) == up;
    Ok(if gain {
        Settlement { payout: p.collateral.checked_add(pnl)?, bad_debt: Amount::ZERO }
    } else {
        Settlement { payout: p.collateral.saturating_sub(pnl), bad_debt: pnl.saturating_sub(p.collateral) }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use cosmwasm_std::Addr;
    use risk_pool::SignedNotional;

    fn position(notional: i128, collateral: u128) -> Position {
        Position {
            id: 1,
            trader: Addr::unchecked("t"),
            market: "BTC-PERP".into(),
            notional: SignedNotional::new(notional),
            entry_price: Decimal::from_ratio(60_000u128, 1u128),
            collateral: Amount::new(collateral),
            open: true,
        }
    }

    #[test]
    fn gains_losses_and_bad_debt() {
        let at = |p: u128| Decimal::from_ratio(p, 1u128);
        // +5 % on a 500 long: 25 gained.
        let s = settle(&position(500, 50), at(63_000)).unwrap();
        assert_eq!(s, Settlement { payout: Amount::new(75), bad_debt: Amount::ZERO });
        // −20 % on a 500 long with 10 collateral: loss 100, bad debt 90.
        let s = settle(&position(500, 10), at(48_000)).unwrap();
        assert_eq!(s, Settlement { payout: Amount::ZERO, bad_debt: Amount::new(90) });
        // A short gains on the way down.
        let s = settle(&position(-500, 10), at(48_000)).unwrap();
        assert_eq!(s, Settlement { payout: Amount::new(110), bad_debt: Amount::ZERO });
        // Rounded toward the DEX: 1 · 1/3 → 0.
        let s = settle(&position(-1, 0), at(40_000)).unwrap();
        assert_eq!(s.payout, Amount::ZERO);
    }

    #[test]
    fn an_overflowing_pnl_is_a_typed_error() {
        let mut p = position(i128::MAX, 0);
        p.entry_price = Decimal::from_atomics(1u128, 18).unwrap();
        let e = settle(&p, Decimal::from_ratio(1_000_000u128, 1u128)).unwrap_err();
        assert!(matches!(e, ContractError::PnlOverflow { .. }), "{e:?}");
    }
}
