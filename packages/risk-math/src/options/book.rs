//! A market's position (linear notional and option legs) and its direct revaluation.

use super::black76::{call_quote, check_price, check_strike, check_vol, quote_of, CallQuote, Pricing};
use super::grid::{grid_vol_factor, OptionGrid};
use super::{OptionError, OptionKind, OptionResult, MAX_EXPOSURE, MAX_LEGS_PER_BOOK, MAX_MOVE, MIN_PRICE};
use crate::fixed::Q64;
use crate::special::ln;
use crate::BPS;
use ethnum::I256;

/// One European option leg as a member reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Leg {
    /// Call or put.
    pub kind: OptionKind,
    /// Strike K in the market's price units, in (0, 2⁴⁰].
    pub strike: Q64,
    /// Expiry, unix seconds. A leg with `expiry` ≤ now is expired: zero P&L in every scenario.
    pub expiry: u64,
    /// Settlement base units per unit of price; negative when written. |size|·max(S, K) ≤ 2¹⁰⁰.
    pub size: i128,
}

/// The market data a valuation needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Market {
    /// Current price S in price units, in (0, 2⁴⁰].
    pub price: Q64,
    /// Annualised implied volatility σ (Black-76's), in [0, 128].
    pub implied_vol: Q64,
    /// Annualised market volatility as parametric uses it (after any backtest factor): it sets
    /// the grid's scan range. In [0, 128].
    pub volatility: Q64,
}

/// One market's whole position: its linear notional and its option legs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Book {
    /// The market's data.
    pub market: Market,
    /// Signed linear notional, settlement base units (long > 0), |N| ≤ 2¹⁰⁰.
    pub linear: i128,
    /// The option legs (at most [`MAX_LEGS_PER_BOOK`]).
    pub legs: Vec<Leg>,
}

/// The assessment's clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Clock {
    /// Block time, unix seconds.
    pub now: u64,
    /// Risk horizon in seconds: scenarios revalue at τ' = max(τ − horizon, 0).
    pub horizon_secs: u64,
}

/// How a scenario moves the implied volatility of a market's legs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VolMove {
    /// σ' = σ.
    Unchanged,
    /// σ' = σ·(1 + shock) (a stress scenario's relative `vol_shock`; needs 1 + shock > 0).
    Relative(Q64),
    /// The grid's DTE-scaled shock up, σ' = σ·(1 + v_up·(ref/max(min, τ))^p) (see [`grid_vol_factor`]).
    GridUp,
    /// The grid's DTE-scaled shock down (v_down < 0).
    GridDown,
}

/// A leg prepared for repeated revaluation: logs, base value and horizon pricing cached.
#[derive(Clone, Copy, Debug)]
pub(crate) struct PreparedLeg {
    pub(crate) kind: OptionKind,
    pub(crate) strike: Q64,
    pub(crate) ln_k: Q64,
    pub(crate) size: i128,
    /// Seconds to expiry now, and after the horizon.
    pub(crate) tau: u64,
    pub(crate) tau_after: u64,
    /// The bracket end of today's value that makes a scenario's P&L smallest: `hi` for a bought
    /// leg (size > 0), `lo` for a written one.
    pub(crate) base: Q64,
    /// Pricing at τ' with σ unchanged.
    pub(crate) after: Pricing,
}

/// A book checked and prepared for revaluation.
#[derive(Clone, Debug)]
pub(crate) struct Prepared {
    pub(crate) price: Q64,
    pub(crate) sigma: Q64,
    pub(crate) linear: i128,
    /// Unexpired legs only.
    pub(crate) legs: Vec<PreparedLeg>,
    /// Whether the book held any leg (expired or not): the grid covers such markets.
    pub(crate) has_legs: bool,
}

/// What one revaluation of a book's legs at a scenario price gives.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Point {
    /// Lower bound of Σ size·(V' − V) in 2⁻⁶⁴ settlement units.
    pub(crate) pnl: I256,
    /// The part of `pnl` from bought legs (their P&L is convex in r).
    pub(crate) long_pnl: I256,
    /// Σ over bought legs of size·S₀·Δ' bracket ends: a bracket of the bought legs' exact
    /// ∂P&L/∂r (2⁻⁶⁴ settlement units per unit return).
    pub(crate) slope_lo: I256,
    pub(crate) slope_hi: I256,
    /// The part of `spread` from bought legs.
    pub(crate) long_spread: I256,
    /// Σ |size|·2M of the scenario values (M the unclamped bracket half-width, increasing in S'):
    /// how far below the exact P&L the bracket can put `pnl`.
    pub(crate) spread: I256,
}

fn check_exposure(size: i128, price: Q64) -> OptionResult<()> {
    let gross = I256::from(size.unsigned_abs()) * I256::from(price.raw());
    if gross > I256::from(MAX_EXPOSURE) << 64u32 {
        return Err(OptionError::ExposureTooLarge { size, price, max: MAX_EXPOSURE });
    }
    Ok(())
}

pub(crate) fn check_move(r: Q64) -> OptionResult<()> {
    if r.abs() > MAX_MOVE {
        return Err(OptionError::MoveOutOfRange { ret: r, max: MAX_MOVE });
    }
    Ok(())
}

/// S' = max(S·(1 + r), [`MIN_PRICE`]), rounded toward −∞.
pub(crate) fn moved_price(s: Q64, r: Q64) -> OptionResult<Q64> {
    check_move(r)?;
    Ok(s.mul(Q64::ONE.add(r)?)?.max(MIN_PRICE))
}

impl Prepared {
    pub(crate) fn new(book: &Book, clock: &Clock) -> OptionResult<Prepared> {
        let m = &book.market;
        check_price(m.price)?;
        check_vol(m.implied_vol)?;
        check_vol(m.volatility)?;
        if book.linear.unsigned_abs() > MAX_EXPOSURE.unsigned_abs() {
            return Err(OptionError::ExposureTooLarge { size: book.linear, price: Q64::ONE, max: MAX_EXPOSURE });
        }
        if book.legs.len() > MAX_LEGS_PER_BOOK {
            return Err(OptionError::TooManyLegs { legs: book.legs.len(), max: MAX_LEGS_PER_BOOK });
        }
        let ln_s = ln(m.price)?;
        let mut legs = Vec::with_capacity(book.legs.len());
        for leg in &book.legs {
            check_strike(leg.strike)?;
            check_exposure(leg.size, m.price.max(leg.strike))?;
            if leg.expiry <= clock.now || leg.size == 0 {
                continue;
            }
            let tau = leg.expiry - clock.now;
            let tau_after = tau.saturating_sub(clock.horizon_secs);
            let ln_k = ln(leg.strike)?;
            let today = quote_of(
                leg.kind,
                &call_quote(m.price, ln_s, leg.strike, ln_k, &Pricing::new(m.implied_vol, tau)?)?,
                m.price,
                leg.strike,
            )?;
            let base = if leg.size > 0 { today.hi } else { today.lo };
            let after = Pricing::new(m.implied_vol, tau_after)?;
            legs.push(PreparedLeg {
                kind: leg.kind,
                strike: leg.strike,
                ln_k,
                size: leg.size,
                tau,
                tau_after,
                base,
                after,
            });
        }
        Ok(Prepared {
            price: m.price,
            sigma: m.implied_vol,
            linear: book.linear,
            legs,
            has_legs: !book.legs.is_empty(),
        })
    }

    /// Each leg's pricing at τ' under `vol` (one vector per vol regime, reused across moves).
    pub(crate) fn pricings(&self, vol: VolMove, grid: &OptionGrid) -> OptionResult<Vec<Pricing>> {
        self.legs
            .iter()
            .map(|leg| {
                let f = match vol {
                    VolMove::Unchanged => return Ok(leg.after),
                    VolMove::Relative(shock) => Q64::ONE.add(shock)?,
                    VolMove::GridUp | VolMove::GridDown => grid_vol_factor(leg.tau, vol == VolMove::GridUp, grid)?,
                };
                if f.raw() <= 0 {
                    return Err(OptionError::VolShockOutOfRange { shock: f.sub(Q64::ONE)? });
                }
                Pricing::new(self.sigma.mul(f)?, leg.tau_after)
            })
            .collect()
    }

    /// The legs' P&L at return `r` (see [`Point`]), each leg priced at τ' with `pricings[i]`
    /// (from [`Prepared::pricings`]) or, when `None`, with σ unchanged.
    pub(crate) fn eval(&self, r: Q64, pricings: Option<&[Pricing]>) -> OptionResult<Point> {
        let mut pt = Point::default();
        if self.legs.is_empty() {
            return Ok(pt);
        }
        let s1 = moved_price(self.price, r)?;
        let ln_s1 = ln(s1)?;
        for (i, leg) in self.legs.iter().enumerate() {
            let pricing = match pricings {
                None => leg.after,
                Some(p) => {
                    *p.get(i).ok_or(OptionError::DimensionMismatch { expected: self.legs.len(), got: p.len() })?
                }
            };
            let c: CallQuote = call_quote(s1, ln_s1, leg.strike, leg.ln_k, &pricing)?;
            let q = quote_of(leg.kind, &c, s1, leg.strike)?;
            let size = I256::from(leg.size);
            let v1 = if leg.size > 0 { q.lo } else { q.hi };
            // The scenario return may be the floor of the true one (by < 2⁻⁶⁴): |∂P&L/∂r| ≤
            // |size|·S₀, so one more |size|·⌈S₀⌉ units of 2⁻⁶⁴ keep the bound.
            let abs = I256::from(leg.size.unsigned_abs());
            let pnl = size * I256::from(v1.sub(leg.base)?.raw()) - abs * I256::from((self.price.raw() >> 64u32) + 1);
            let spread = abs * I256::from(c.margin) * 2;
            pt.pnl += pnl;
            pt.spread += spread;
            if leg.size > 0 {
                // g'(r) = size·S₀·Δ(S'), Δ = N(d₁) (call) or N(d₁) − 1 (put).
                let shift = if leg.kind == OptionKind::Put { Q64::ONE } else { Q64::ZERO };
                pt.long_pnl += pnl;
                pt.long_spread += spread;
                pt.slope_lo += size * I256::from(self.price.mul(c.n1_lo.sub(shift)?)?.raw());
                pt.slope_hi += size * I256::from(self.price.mul(c.n1_hi.sub(shift)?)?.raw() + 1);
            }
        }
        Ok(pt)
    }
}

/// Lower bound of a linear notional's P&L N·r in 2⁻⁶⁴ settlement units. `floored`: r is the
/// floor of the true return (exact one in [r, r + 2⁻⁶⁴)), so a short takes r + 2⁻⁶⁴.
pub(crate) fn linear_pnl(n: i128, r: Q64, floored: bool) -> I256 {
    let bump = i128::from(floored && n < 0);
    I256::from(n) * I256::from(r.raw() + bump)
}

/// ⌈x / 2⁶⁴⌉ for a 256-bit value in 2⁻⁶⁴ units.
pub(crate) fn ceil_units(x: I256) -> I256 {
    -((-x) >> 64u32)
}

/// Loss upper bound ⌈max(0, x)/2⁶⁴⌉ as u128 (x a loss in 2⁻⁶⁴ units).
pub(crate) fn loss_units(x: I256) -> OptionResult<u128> {
    if x <= 0 {
        return Ok(0);
    }
    u128::try_from(ceil_units(x)).map_err(|_| OptionError::Math(crate::MathError::Overflow { what: "loss above u128" }))
}

/// Prepares every book (checks inputs, caches today's values).
pub(crate) fn prepare_all(books: &[Book], clock: &Clock) -> OptionResult<Vec<Prepared>> {
    books.iter().map(|b| Prepared::new(b, clock)).collect()
}

/// A leg's value today in settlement base units: ⌊size·V⌋ with V the bracket end that favours
/// the pool — [`super::Quote::hi`] for a written leg (a liability rounded up in magnitude),
/// [`super::Quote::lo`] for a bought one (an asset rounded down).
///
/// V is [`super::black76`] at the market price and implied vol with τ = expiry − now (a leg at
/// or past expiry is valued at intrinsic: its payoff is fixed). Units: settlement base units.
pub fn leg_value(leg: &Leg, market: &Market, now: u64) -> OptionResult<i128> {
    check_exposure(leg.size, market.price.max(leg.strike))?;
    let tau = leg.expiry.saturating_sub(now);
    let q = super::black76(leg.kind, market.price, leg.strike, tau, market.implied_vol)?;
    let v = if leg.size > 0 { q.lo } else { q.hi };
    let x = (I256::from(leg.size) * I256::from(v.raw())) >> 64u32;
    i128::try_from(x).map_err(|_| OptionError::Math(crate::MathError::Overflow { what: "leg value" }))
}

/// One scenario's loss over several markets, each revalued directly: loss = −Σ_markets
/// (N·r + Σ_legs size·(V(S', K, τ', σ') − V(S, K, τ, σ))), S' = max(S(1+r), [`MIN_PRICE`]),
/// τ' = max(τ − horizon, 0), σ' per [`VolMove`]; expired legs contribute 0.
///
/// `moves[i]` is market i's (return r, vol move); a market the scenario does not move takes
/// (0, Unchanged). `r` is taken as exact (a stress shock). Rounding: each leg's values take the
/// bracket end that lowers the P&L, the sum is exact in 256 bits, the loss is floored at 0 and
/// rounded up to whole settlement base units: never below the exact loss of the formula.
/// Domain: |r| ≤ 2¹⁴, 1 + vol shock > 0; the books' own limits ([`Book`]).
pub fn scenario_loss(books: &[Book], clock: &Clock, moves: &[(Q64, VolMove)]) -> OptionResult<u128> {
    if books.len() != moves.len() {
        return Err(OptionError::DimensionMismatch { expected: books.len(), got: moves.len() });
    }
    let grid = OptionGrid::default();
    let mut pnl = I256::ZERO;
    for (book, (r, vol)) in books.iter().zip(moves) {
        let p = Prepared::new(book, clock)?;
        let pricings = p.pricings(*vol, &grid)?;
        pnl += linear_pnl(p.linear, *r, false) + p.eval(*r, Some(&pricings))?.pnl;
    }
    loss_units(-pnl)
}

/// Per-scenario losses by direct revaluation of every leg (vol unchanged), K scenarios × n
/// markets of returns (scenario-major, `returns[k·n + i]`), each the floor of the true return.
///
/// loss_k = −Σᵢ (Nᵢ·r_ki + Σ_legs size·(V(Sᵢ(1+r_ki), K, τ', σ) − V(Sᵢ, K, τ, σ))), in units of
/// 2⁻⁶⁴ settlement base units, not clamped. Rounding: an upper bound of the exact loss (a short
/// linear takes r + 2⁻⁶⁴; legs as in [`scenario_loss`]). This is the reference the ladder
/// ([`super::ladder_losses`]) is tested against; it costs one valuation per leg and scenario.
pub fn direct_losses(books: &[Book], clock: &Clock, returns: &[Q64]) -> OptionResult<Vec<I256>> {
    let prepared = prepare_all(books, clock)?;
    let n = books.len();
    if n == 0 {
        return Ok(Vec::new());
    }
    if !returns.len().is_multiple_of(n) {
        return Err(OptionError::DimensionMismatch { expected: n, got: returns.len() % n });
    }
    returns
        .chunks_exact(n)
        .map(|row| {
            let mut pnl = I256::ZERO;
            for (p, r) in prepared.iter().zip(row) {
                pnl += linear_pnl(p.linear, *r, true) + p.eval(*r, None)?.pnl;
            }
            Ok(-pnl)
        })
        .collect()
}

/// Each market's delta-equivalent notional for parametric: N + Σ_legs size·Δ·S in settlement base
/// units, Δ = [`super::black76`]'s delta at the market price, implied vol and τ = expiry − now
/// (expired legs: 0). Rounding: the exact 256-bit sum is rounded away from zero (a larger
/// |notional| never lowers a one-market VaR). Domain: as [`Book`].
pub fn delta_equivalents(books: &[Book], now: u64) -> OptionResult<Vec<i128>> {
    books
        .iter()
        .map(|b| {
            let m = &b.market;
            check_price(m.price)?;
            let mut sum = I256::from(b.linear) << 64u32;
            for leg in b.legs.iter().filter(|l| l.expiry > now) {
                check_exposure(leg.size, m.price.max(leg.strike))?;
                let q = super::black76(leg.kind, m.price, leg.strike, leg.expiry - now, m.implied_vol)?;
                sum += I256::from(leg.size) * I256::from(q.delta.mul(m.price)?.raw());
            }
            let away = if sum < 0 { -ceil_units(-sum) } else { ceil_units(sum) };
            i128::try_from(away).map_err(|_| OptionError::Math(crate::MathError::Overflow { what: "delta equivalent" }))
        })
        .collect()
}

/// The short-option minimum: Σ over written, unexpired legs of |size|·S·`min_bps`/10⁴ (S each
/// market's current price), in settlement base units, rounded up (exact in 256 bits, one
/// rounding). Expired legs are left out: their payoff is fixed, what they owe is a claim.
/// Domain: as [`Book`]; `min_bps` ≤ 10⁴ (larger is `GridInvalid`).
pub fn short_option_minimum(books: &[Book], now: u64, min_bps: u32) -> OptionResult<u128> {
    if min_bps > BPS {
        return Err(OptionError::GridInvalid {
            field: "short_option_min_bps",
            value: Q64::from_int(i64::from(min_bps)),
        });
    }
    let mut sum = I256::ZERO;
    for b in books {
        check_price(b.market.price)?;
        for leg in b.legs.iter().filter(|l| l.size < 0 && l.expiry > now) {
            check_exposure(leg.size, b.market.price.max(leg.strike))?;
            sum += I256::from(leg.size.unsigned_abs()) * I256::from(b.market.price.raw()) * I256::from(min_bps);
        }
    }
    let den = I256::from(BPS) << 64u32;
    let q = (sum + den - 1) / den;
    u128::try_from(q).map_err(|_| OptionError::Math(crate::MathError::Overflow { what: "short option minimum" }))
}

/// ⌈loss·2⁶⁴ / w⌉ for a weight w > 0 in Q64.64 (a loss divided by |move|/R).
pub(crate) fn weighted(loss: I256, w: Q64) -> I256 {
    let num = loss << 64u32;
    let d = I256::from(w.raw());
    let q = num / d;
    if q * d != num && num > 0 {
        q + 1
    } else {
        q
    }
}
