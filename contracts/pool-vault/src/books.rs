//! The pool's arithmetic: share pricing, vesting, capacity and the loss cap. Every function
//! states its rounding; all of it rounds toward the pool. Intermediates are 256-bit; amounts and
//! shares are typed ([`Amount`], [`Shares`]), so a price cannot be applied the wrong way round.

use cosmwasm_std::{Uint128, Uint256};
use risk_pool::units::{Amount, Shares};
use risk_pool::Books;

use crate::error::ContractError;
use crate::state::{Config, LossWindow, Pool, Vesting};

/// Virtual shares and assets of the share price (the inflation-attack offset).
pub const VIRTUAL_SHARES: Shares = Shares::new(1_000_000);
pub const VIRTUAL_ASSETS: Amount = Amount::new(1);
/// Basis points in one.
pub const BPS: u128 = 10_000;
/// Seconds in the premium year.
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
    pub fn vested(&self, now: u64) -> Amount {
        if now >= self.until || self.amount.is_zero() {
            return self.amount;
        }
        let elapsed = now.saturating_sub(self.from);
        // until > now ≥ from here, so the divisor is positive and the result ≤ amount.
        let span = self.until.saturating_sub(self.from);
        self.amount.mul_ratio_floor(Uint128::from(elapsed), Uint128::from(span)).unwrap_or_default()
    }
}

/// End time of the vesting stream after income `x` at time `t` joins `u`, the amount still
/// unvested, which was to vest until `T` (SPEC; R = `reward_vesting_secs`):
/// t + R when u = 0 (or T ≤ t), else t + min(⌈(u·(T−t) + x·R)/(u+x)⌉, ⌊(u+x)·(T−t)/u⌋).
/// The first term is the amount-weighted end (rounded up: income vests no earlier than due);
/// the second caps it so the vesting rate (u+x)/(end−t) never falls below u/(T−t) (rounded
/// down, the rate can only rise): a tiny income cannot delay what already vests, and new
/// income vests within max(R, T−t). 256-bit intermediates (≤ 2¹²⁹·2⁶⁴: no overflow); the
/// result is ≤ t + max(R, T−t), a u64.
pub fn stream_end(u: Amount, end: u64, x: Amount, t: u64, r: u64) -> u64 {
    if u.is_zero() || end <= t {
        return t.saturating_add(r);
    }
    let (u, x) = (Uint256::from(u.raw()), Uint256::from(x.raw()));
    let (left, r256) = (Uint256::from(end - t), Uint256::from(r));
    let total = u + x;
    let weighted = u * left + x * r256;
    let weighted = weighted / total + if (weighted % total).is_zero() { Uint256::zero() } else { Uint256::one() };
    let capped = total * left / u;
    let d = weighted.min(capped);
    // d ≤ max(left, r) ≤ u64::MAX: the weighted mean of two u64 values rounded up.
    let d = Uint128::try_from(d).map(|d| u64::try_from(d.u128()).unwrap_or(u64::MAX)).unwrap_or(u64::MAX);
    t.saturating_add(d)
}

impl Pool {
    /// assets − pending_exposure − shortfall, floored at 0.
    pub fn net_assets(&self) -> Amount {
        self.total_assets.saturating_sub(self.pending_exposure).saturating_sub(self.shortfall)
    }

    /// (S + 10⁶, A + 1): the virtual-offset share count and an asset figure, the two sides of a
    /// price.
    fn offset(&self, assets: Amount) -> Result<(Uint128, Uint128), ContractError> {
        let shares = self.total_shares.checked_add(VIRTUAL_SHARES)?;
        Ok((shares.raw(), assets.checked_add(VIRTUAL_ASSETS)?.raw()))
    }

    /// Shares minted for a deposit at the gross price: ⌊amount·(S + 10⁶)/(A + 1)⌋.
    pub fn shares_for(&self, amount: Amount) -> Result<Shares, ContractError> {
        let (shares, assets) = self.offset(self.total_assets)?;
        Ok(amount.mul_ratio_floor(shares, assets)?)
    }

    /// Net redeemable value: ⌊shares·(net_assets + 1)/(S + 10⁶)⌋.
    pub fn value_of(&self, shares: Shares) -> Result<Amount, ContractError> {
        let (total, net) = self.offset(self.net_assets())?;
        Ok(shares.mul_ratio_floor(net, total)?)
    }

    /// Cover-N capacity: ⌊loss_cap_bps·(assets − pending − shortfall − unbonding value)/10⁴⌋,
    /// the unbonding value rounded up (both directions make capacity smaller).
    pub fn capacity(&self, cfg: &Config) -> Result<Amount, ContractError> {
        let (total, net) = self.offset(self.net_assets())?;
        let unbonding: Amount = self.unbonding_shares.mul_ratio_ceil(net, total)?;
        Ok(self.net_assets().saturating_sub(unbonding).mul_bps_floor(cfg.loss_cap_bps)?)
    }

    /// Moves what has vested into `total_assets`.
    pub fn vest(&mut self, now: u64) -> Result<(), ContractError> {
        let vested = self.unvested.vested(now);
        self.unvested.amount = self.unvested.amount.checked_sub(vested)?;
        self.total_assets = self.total_assets.checked_add(vested)?;
        self.unvested.from = now.max(self.unvested.from);
        Ok(())
    }

    /// Income (premium net of fee, recovery) joins the single vesting stream, which then vests
    /// linearly from `now` to `stream_end(u, T, x, now, R)` (see there; all of it at once when
    /// that end is `now`).
    pub fn add_income(&mut self, amount: Amount, now: u64, vesting_secs: u64) -> Result<(), ContractError> {
        if amount.is_zero() {
            return Ok(());
        }
        self.vest(now)?;
        let until = stream_end(self.unvested.amount, self.unvested.until, amount, now, vesting_secs);
        // The sum is at most the vault's token balance (a u128 supply); checked all the same.
        self.unvested = Vesting { amount: self.unvested.amount.checked_add(amount)?, from: now, until };
        self.vest(now)
    }

    /// Loss-cap room at `now`: the window, its cap and the room, where the cap is
    /// ⌊loss_cap_bps·assets at the window's first loss/10⁴⌋ (current assets when none yet), and
    /// room = min(cap − paid, assets).
    pub fn loss_room(&self, cfg: &Config, now: u64) -> Result<LossRoom, ContractError> {
        let window = self.current_window(cfg, now);
        let cap = window.base_assets.mul_bps_floor(cfg.loss_cap_bps)?;
        let room = cap.saturating_sub(window.paid).min(self.total_assets);
        Ok(LossRoom { window, cap, room })
    }

    /// The loss-cap window at `now`: the stored one, or a fresh one based on current assets.
    fn current_window(&self, cfg: &Config, now: u64) -> LossWindow {
        let index = now.checked_div(cfg.loss_cap_window_secs).unwrap_or_default();
        match &self.loss_window {
            Some(w) if w.index == index => w.clone(),
            _ => LossWindow { index, base_assets: self.total_assets, paid: Amount::ZERO },
        }
    }

    /// Pays up to `amount` of losses out of underwriter capital within the loss cap; returns
    /// what was paid (the rest is the caller's shortfall).
    pub fn pay_loss(&mut self, cfg: &Config, now: u64, amount: Amount) -> Result<Amount, ContractError> {
        let LossRoom { mut window, room, .. } = self.loss_room(cfg, now)?;
        let pay = amount.min(room);
        if pay.is_zero() {
            return Ok(pay);
        }
        window.paid = window.paid.checked_add(pay)?;
        self.loss_window = Some(window);
        // pay ≤ room ≤ assets; checked all the same (settlement never panics).
        self.total_assets = self.total_assets.checked_sub(pay)?;
        self.paid_by_pool = self.paid_by_pool.checked_add(pay)?;
        Ok(pay)
    }

    /// The books the token balance must cover: assets + unvested + contributions + escrow.
    pub fn books(&self) -> Books {
        Books {
            total_assets: self.total_assets,
            unvested: self.unvested.amount,
            member_contributions: self.member_contributions,
            escrow: self.escrow,
        }
    }
}

/// The loss-cap window at an instant, its cap, and the room left in it.
#[derive(Clone, Debug, PartialEq)]
pub struct LossRoom {
    /// The window (index, base assets, paid so far).
    pub window: LossWindow,
    /// ⌊loss_cap_bps · base assets / 10⁴⌋.
    pub cap: Amount,
    /// min(cap − paid, assets).
    pub room: Amount,
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
    fn vesting_is_linear_and_new_income_joins_at_the_weighted_end() {
        let mut p = Pool::default();
        p.add_income(Amount::new(1000), 100, 1000).unwrap();
        p.vest(600).unwrap();
        assert_eq!((p.total_assets.u128(), p.unvested.amount.u128()), (500, 500));
        // 500 left to vest until 1100, 500 more with R = 1000: end = 600 + min(⌈(500·500 +
        // 500·1000)/1000⌉, ⌊1000·500/500⌋) = 600 + min(750, 1000) = 1350.
        p.add_income(Amount::new(500), 600, 1000).unwrap();
        assert_eq!((p.unvested.from, p.unvested.until), (600, 1350));
        p.vest(1100).unwrap();
        assert_eq!((p.total_assets.u128(), p.unvested.amount.u128()), (500 + 666, 334));
        p.vest(5000).unwrap();
        assert_eq!((p.total_assets.u128(), p.unvested.amount.u128()), (1500, 0));
        p.add_income(Amount::new(7), 5000, 0).unwrap();
        assert_eq!(p.total_assets.u128(), 1507);
    }

    /// Item 8: a 1-unit income after a large one keeps the large stream's end (the rate cap
    /// binds), so what already vested goes on vesting on the linear schedule.
    #[test]
    fn audit_08_tiny_income_does_not_restart_the_stream() {
        let big = 900_000_000_000u128;
        let mut p = Pool::default();
        p.add_income(Amount::new(big), 0, 604_800).unwrap();
        p.add_income(Amount::new(1), 302_400, 604_800).unwrap();
        assert_eq!(p.unvested.until, 604_800);
        for t in [302_400u64, 400_000, 500_000, 604_799] {
            p.vest(t).unwrap();
            // The linear schedule of the big income, the unit in with it.
            let linear = big * t as u128 / 604_800;
            let got = p.total_assets.u128();
            assert!(got >= linear && got <= linear + 1, "t {t}: vested {got}, linear {linear}");
        }
        p.vest(604_800).unwrap();
        assert_eq!((p.total_assets.u128(), p.unvested.amount.u128()), (big + 1, 0));
        // The old rule (restart at t + R) would still have ~half of the big income unvested at
        // 604,800 and end at 907,200.
        assert_eq!(stream_end(Amount::new(big / 2), 604_800, Amount::new(1), 302_400, 604_800), 604_800);
        assert_eq!(stream_end(Amount::ZERO, 0, Amount::new(1), 302_400, 604_800), 907_200);
    }

    proptest! {
        /// Item 8: over random incomes, the vesting rate never falls at an income, new income
        /// vests within R, and nothing vests before the linear schedule of each income allows
        /// (the vested total never exceeds Σ incomes, and reaches it by the end).
        #[test]
        fn audit_08_vesting_rate_never_falls_and_income_vests_within_r(
            steps in proptest::collection::vec((0u64..2_000_000, 1u128..1u128 << 100), 1..40),
            r in 0u64..2_000_000,
        ) {
            let mut p = Pool::default();
            let (mut now, mut total) = (0u64, 0u128);
            for (dt, x) in steps {
                now += dt;
                p.vest(now).unwrap();
                let (u, end) = (p.unvested.amount, p.unvested.until);
                p.add_income(Amount::new(x), now, r).unwrap();
                total += x;
                let v = &p.unvested;
                prop_assert!(v.until <= now + r, "ends {} after now + R {}", v.until, now + r);
                if !u.is_zero() && end > now && v.until > now {
                    // (u+x)/(until−now) ≥ u/(end−now), cross-multiplied exactly.
                    let after = Uint256::from(v.amount.raw()) * Uint256::from(end - now);
                    let before = Uint256::from(u.raw()) * Uint256::from(v.until - now);
                    prop_assert!(after >= before, "rate fell: {} over {} < {} over {}", v.amount, v.until - now, u, end - now);
                }
                prop_assert_eq!(p.total_assets.u128() + p.unvested.amount.u128(), total);
            }
            p.vest(now + r).unwrap();
            prop_assert_eq!(p.total_assets.u128(), total);
        }
    }

    proptest! {
        /// Deposit then immediate redemption never returns more than was paid in.
        #[test]
        fn round_trip_never_profits(assets in 0u128..1u128 << 90, shares in 0u128..1u128 << 100, amount in 1u128..1u128 << 90) {
            let mut p = Pool { total_assets: assets.into(), total_shares: shares.into(), ..Pool::default() };
            let minted = p.shares_for(amount.into()).unwrap();
            p.total_assets = p.total_assets.checked_add(Amount::new(amount)).unwrap();
            p.total_shares = p.total_shares.checked_add(minted).unwrap();
            prop_assert!(p.value_of(minted).unwrap().u128() <= amount);
        }
    }
}
