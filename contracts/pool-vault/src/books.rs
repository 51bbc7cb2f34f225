//! The pool's arithmetic: share pricing, vesting, capacity and the loss cap. Every function
//! states its rounding; all of it rounds toward the pool. Intermediates are 256-bit.

use cosmwasm_std::{Uint128, Uint256};

use crate::error::ContractError;
use crate::state::{Config, LossWindow, Pool, Vesting};

/// Virtual shares and assets of the share price (the inflation-attack offset).
pub const VIRTUAL_SHARES: u128 = 1_000_000;
pub const VIRTUAL_ASSETS: u128 = 1;
pub const BPS: u128 = 10_000;
pub const YEAR_SECS: u64 = 31_536_000;

fn math(what: &'static str) -> ContractError {
    ContractError::Math { what }
}

/// ⌊a·b/c⌋ (256-bit intermediate). `Math` if c = 0 or the result exceeds u128.
pub fn mul_div_floor(
    a: impl Into<Uint256>,
    b: impl Into<Uint256>,
    c: impl Into<Uint256>,
) -> Result<Uint128, ContractError> {
    let (num, c) = (a.into().checked_mul(b.into()).map_err(|_| math("mul_div overflow"))?, c.into());
    let q = num.checked_div(c).map_err(|_| math("division by zero"))?;
    Uint128::try_from(q).map_err(|_| math("mul_div result above u128"))
}

/// ⌈a·b/c⌉ (256-bit intermediate). `Math` if c = 0 or the result exceeds u128.
pub fn mul_div_ceil(
    a: impl Into<Uint256>,
    b: impl Into<Uint256>,
    c: impl Into<Uint256>,
) -> Result<Uint128, ContractError> {
    let (num, c) = (a.into().checked_mul(b.into()).map_err(|_| math("mul_div overflow"))?, c.into());
    if c.is_zero() {
        return Err(math("division by zero"));
    }
    let q = num / c + if (num % c).is_zero() { Uint256::zero() } else { Uint256::one() };
    Uint128::try_from(q).map_err(|_| math("mul_div result above u128"))
}

impl Vesting {
    /// Vested part of the stream at `now`: ⌊amount·(now − from)/(until − from)⌋, all of it
    /// once `now ≥ until` (rounds down: income reaches the share price no earlier than due).
    pub fn vested(&self, now: u64) -> Uint128 {
        if now >= self.until || self.amount.is_zero() {
            return self.amount;
        }
        let elapsed = now.saturating_sub(self.from);
        // until > now ≥ from here, so the divisor is positive and the result ≤ amount.
        mul_div_floor(self.amount, elapsed, self.until - self.from).unwrap_or_default()
    }
}

impl Pool {
    /// assets − pending_exposure − shortfall, floored at 0.
    pub fn net_assets(&self) -> Uint128 {
        self.total_assets.saturating_sub(self.pending_exposure).saturating_sub(self.shortfall)
    }

    /// Shares minted for a deposit at the gross price: ⌊amount·(S + 10⁶)/(A + 1)⌋.
    pub fn shares_for(&self, amount: Uint128) -> Result<Uint128, ContractError> {
        mul_div_floor(
            amount,
            self.total_shares + Uint128::new(VIRTUAL_SHARES),
            self.total_assets + Uint128::new(VIRTUAL_ASSETS),
        )
    }

    /// Net redeemable value: ⌊shares·(net_assets + 1)/(S + 10⁶)⌋.
    pub fn value_of(&self, shares: Uint128) -> Result<Uint128, ContractError> {
        mul_div_floor(
            shares,
            self.net_assets() + Uint128::new(VIRTUAL_ASSETS),
            self.total_shares + Uint128::new(VIRTUAL_SHARES),
        )
    }

    /// Cover-N capacity: ⌊loss_cap_bps·(assets − pending − shortfall − unbonding value)/10⁴⌋,
    /// the unbonding value rounded up (both directions make capacity smaller).
    pub fn capacity(&self, cfg: &Config) -> Result<Uint128, ContractError> {
        let unbonding = mul_div_ceil(
            self.unbonding_shares,
            self.net_assets() + Uint128::new(VIRTUAL_ASSETS),
            self.total_shares + Uint128::new(VIRTUAL_SHARES),
        )?;
        mul_div_floor(self.net_assets().saturating_sub(unbonding), cfg.loss_cap_bps, BPS)
    }

    /// Moves what has vested into `total_assets`.
    pub fn vest(&mut self, now: u64) {
        let vested = self.unvested.vested(now);
        self.unvested.amount -= vested;
        self.total_assets += vested;
        self.unvested.from = now.max(self.unvested.from);
    }

    /// Income (premium net of fee, recovery) joins the single vesting stream, which then vests
    /// linearly until `now + vesting_secs` (immediately when 0).
    pub fn add_income(&mut self, amount: Uint128, now: u64, vesting_secs: u64) {
        self.vest(now);
        self.unvested = Vesting { amount: self.unvested.amount + amount, from: now, until: now + vesting_secs };
        self.vest(now);
    }

    /// Loss-cap room at `now`: (window index, cap, paid, room) where the cap is
    /// ⌊loss_cap_bps·assets at the window's first loss/10⁴⌋ (current assets when none yet), and
    /// room = min(cap − paid, assets).
    pub fn loss_room(&self, cfg: &Config, now: u64) -> Result<(u64, Uint128, Uint128, Uint128), ContractError> {
        let w = self.current_window(cfg, now);
        let cap = mul_div_floor(w.base_assets, cfg.loss_cap_bps, BPS)?;
        Ok((w.index, cap, w.paid, cap.saturating_sub(w.paid).min(self.total_assets)))
    }

    /// The loss-cap window at `now`: the stored one, or a fresh one based on current assets.
    fn current_window(&self, cfg: &Config, now: u64) -> LossWindow {
        let index = now / cfg.loss_cap_window_secs;
        match &self.loss_window {
            Some(w) if w.index == index => w.clone(),
            _ => LossWindow { index, base_assets: self.total_assets, paid: Uint128::zero() },
        }
    }

    /// Pays up to `amount` of losses out of underwriter capital within the loss cap; returns
    /// what was paid (the rest is the caller's shortfall).
    pub fn pay_loss(&mut self, cfg: &Config, now: u64, amount: Uint128) -> Result<Uint128, ContractError> {
        let (_, _, _, room) = self.loss_room(cfg, now)?;
        let pay = amount.min(room);
        if pay.is_zero() {
            return Ok(pay);
        }
        let mut w = self.current_window(cfg, now);
        w.paid = w.paid.checked_add(pay).map_err(|_| math("window paid"))?;
        self.loss_window = Some(w);
        // pay ≤ room ≤ assets; checked all the same (settlement never panics).
        self.total_assets = self.total_assets.checked_sub(pay).map_err(|_| math("loss above assets"))?;
        self.paid_by_pool = self.paid_by_pool.checked_add(pay).map_err(|_| math("paid by pool"))?;
        Ok(pay)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn rounding_directions() {
        assert_eq!(mul_div_floor(7u128, 3u128, 2u128).unwrap(), Uint128::new(10));
        assert_eq!(mul_div_ceil(7u128, 3u128, 2u128).unwrap(), Uint128::new(11));
        assert_eq!(mul_div_ceil(6u128, 3u128, 2u128).unwrap(), Uint128::new(9));
        assert!(mul_div_floor(1u128, 1u128, 0u128).is_err());
        assert!(mul_div_floor(u128::MAX, 2u128, 1u128).is_err());
        assert_eq!(mul_div_floor(u128::MAX, u128::MAX, u128::MAX).unwrap(), Uint128::MAX);
    }

    #[test]
    fn vesting_is_linear_and_restarts() {
        let mut p = Pool::default();
        p.add_income(Uint128::new(1000), 100, 1000);
        p.vest(600);
        assert_eq!((p.total_assets.u128(), p.unvested.amount.u128()), (500, 500));
        p.add_income(Uint128::new(500), 600, 1000);
        p.vest(1100);
        assert_eq!((p.total_assets.u128(), p.unvested.amount.u128()), (1000, 500));
        p.vest(5000);
        assert_eq!((p.total_assets.u128(), p.unvested.amount.u128()), (1500, 0));
        p.add_income(Uint128::new(7), 5000, 0);
        assert_eq!(p.total_assets.u128(), 1507);
    }

    proptest! {
        /// Deposit then immediate redemption never returns more than was paid in.
        #[test]
        fn round_trip_never_profits(assets in 0u128..1u128 << 90, shares in 0u128..1u128 << 100, amount in 1u128..1u128 << 90) {
            let mut p = Pool { total_assets: assets.into(), total_shares: shares.into(), ..Pool::default() };
            let minted = p.shares_for(amount.into()).unwrap();
            p.total_assets += Uint128::new(amount);
            p.total_shares += minted;
            prop_assert!(p.value_of(minted).unwrap().u128() <= amount);
        }
    }
}
