//! Option exposures: Black-76 valuation, scenario revaluation, the SPEC option risk grid, the
//! per-market ladder for historical and Monte Carlo, delta-equivalents and the short-option
//! minimum (SPEC.md, "Options exposures and model validation").
//!
//! Pure functions, every input injected (prices, volatilities, clock, configuration); no storage.
//!
//! Units:
//! - prices and strikes: [`Q64`] in the market's price units (e.g. USD per BTC), > 0;
//! - volatilities: [`Q64`] annualised (0.65 = 65 %); returns and moves: [`Q64`] relative (−0.4 = −40 %);
//! - a leg's `size`: settlement base units per unit of price (the leg pays `size·max(S−K, 0)` for a
//!   call), negative when written; a linear notional: settlement base units (long > 0);
//! - times: unix seconds; τ = seconds to expiry / [`crate::YEAR_SECS`];
//! - P&L and losses inside the module: [`I256`] in units of 2⁻⁶⁴ settlement base units; figures
//!   handed out: whole settlement base units, losses rounded **up**.
//!
//! Rounding toward the pool: every price comes with a bracket `[lo, hi]` that contains the exact
//! Black-76 value ([`black76`]); a written leg is valued at `hi`, a bought one at `lo`, and a
//! scenario's P&L takes the bracket end that makes it smallest, so every loss is an upper bound of
//! the exact loss of the formula over the given inputs.

mod black76;
mod book;
mod grid;
mod ladder;

pub use black76::{black76, total_variance, OptionKind, Quote, MIN_PRICE};
pub use book::{
    delta_equivalents, direct_losses, leg_value, scenario_loss, short_option_minimum, Book, Clock, Leg, Market, VolMove,
};
pub use grid::{grid_loss, grid_vol_factor, market_grid_loss, scan_range, OptionGrid};
pub use ladder::{
    historical_returns, ladder_losses, ladder_measure, monte_carlo_returns, tail_measure, Ladder,
    DEFAULT_LADDER_POINTS, MAX_LADDER_POINTS,
};

use crate::error::MathError;
use crate::fixed::Q64;
use core::fmt;

/// Largest price or strike accepted: 2⁴⁰ ≈ 1.1·10¹² price units.
pub const MAX_PRICE: Q64 = Q64::from_int(1 << 40);
/// Largest implied or market volatility accepted: 128 (12,800 % a year).
pub const MAX_VOL: Q64 = Q64::from_int(128);
/// Largest |linear notional| and largest |size|·max(S, K) of a leg: 2¹⁰⁰ settlement base units
/// (as [`crate::measures::MAX_NOTIONAL`]); keeps every 256-bit intermediate in range.
pub const MAX_EXPOSURE: i128 = 1 << 100;
/// Largest |return| a scenario, ladder or grid move may take: 2¹⁴ (1,638,400 %).
pub const MAX_MOVE: Q64 = Q64::from_int(1 << 14);
/// Largest number of legs in one market's book (the oracle's own `max_option_legs` is lower).
pub const MAX_LEGS_PER_BOOK: usize = 1024;

/// Every way the option functions refuse an input, naming the numbers. Each variant's doc says
/// what its fields are.
#[allow(missing_docs)]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OptionError {
    /// A fixed-point operation failed (overflow, domain); see [`MathError`].
    Math(MathError),
    /// A market price outside (0, [`MAX_PRICE`]].
    PriceOutOfRange { price: Q64, max: Q64 },
    /// A strike outside (0, [`MAX_PRICE`]].
    StrikeOutOfRange { strike: Q64, max: Q64 },
    /// A volatility outside [0, [`MAX_VOL`]].
    VolatilityOutOfRange { vol: Q64, max: Q64 },
    /// A relative vol shock or factor that leaves σ' ≤ 0 (σ' = σ·(1 + shock)).
    VolShockOutOfRange { shock: Q64 },
    /// |size|·max(S, K) of a leg, or |notional| of a linear position, above [`MAX_EXPOSURE`].
    ExposureTooLarge { size: i128, price: Q64, max: i128 },
    /// A return / move with |r| above [`MAX_MOVE`].
    MoveOutOfRange { ret: Q64, max: Q64 },
    /// More legs in one book than [`MAX_LEGS_PER_BOOK`].
    TooManyLegs { legs: usize, max: usize },
    /// Ladder points must be odd and within [3, [`MAX_LADDER_POINTS`]].
    LadderPoints { points: u32, max: u32 },
    /// The option grid's down shock does not keep σ' > 0: |v_down|·x_max^p ≥ 1 (`factor` is that
    /// product, x_max = `ref_secs`/`min_secs`).
    VolDownTooLarge { v_down: Q64, p: Q64, factor: Q64 },
    /// Another option-grid field out of its documented range.
    GridInvalid { field: &'static str, value: Q64 },
    /// Slices whose lengths must agree do not.
    DimensionMismatch { expected: usize, got: usize },
}

impl From<MathError> for OptionError {
    fn from(e: MathError) -> Self {
        OptionError::Math(e)
    }
}

impl fmt::Display for OptionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = |q: &Q64| decimal(*q);
        match self {
            OptionError::Math(e) => write!(f, "{e}"),
            OptionError::PriceOutOfRange { price, max } => {
                write!(f, "price {} outside (0, {}]", d(price), d(max))
            }
            OptionError::StrikeOutOfRange { strike, max } => {
                write!(f, "strike {} outside (0, {}]", d(strike), d(max))
            }
            OptionError::VolatilityOutOfRange { vol, max } => {
                write!(f, "volatility {} outside [0, {}]", d(vol), d(max))
            }
            OptionError::VolShockOutOfRange { shock } => {
                write!(f, "vol shock {} leaves the volatility ≤ 0", d(shock))
            }
            OptionError::ExposureTooLarge { size, price, max } => {
                write!(f, "exposure {size} at price {} above {max}", d(price))
            }
            OptionError::MoveOutOfRange { ret, max } => write!(f, "move {} outside ±{}", d(ret), d(max)),
            OptionError::TooManyLegs { legs, max } => write!(f, "{legs} legs in one market, at most {max}"),
            OptionError::LadderPoints { points, max } => {
                write!(f, "ladder points {points}: must be odd and in [3, {max}]")
            }
            OptionError::VolDownTooLarge { v_down, p, factor } => write!(
                f,
                "vol down shock {} with exponent {}: |v_down|·x_max^p = {} must be below 1",
                d(v_down),
                d(p),
                d(factor)
            ),
            OptionError::GridInvalid { field, value } => write!(f, "option grid {field} = {} invalid", d(value)),
            OptionError::DimensionMismatch { expected, got } => {
                write!(f, "dimension mismatch: expected {expected}, got {got}")
            }
        }
    }
}

impl std::error::Error for OptionError {}

/// A Q64.64 value as an 18-decimal string rounded toward −∞ (for error messages), or its raw
/// bits when it does not fit.
fn decimal(q: Q64) -> String {
    match q.to_atomics_floor(18) {
        Ok(a) => {
            let sign = if a < 0 { "-" } else { "" };
            let u = a.unsigned_abs();
            let scale = 1_000_000_000_000_000_000u128;
            let frac = format!("{:018}", u % scale);
            let frac = frac.trim_end_matches('0');
            if frac.is_empty() {
                format!("{sign}{}", u / scale)
            } else {
                format!("{sign}{}.{frac}", u / scale)
            }
        }
        Err(_) => format!("raw {}", q.raw()),
    }
}

/// Result of the option functions.
pub type OptionResult<T> = Result<T, OptionError>;
