//! The contract's one error type.

use cosmwasm_std::{Decimal, SignedDecimal, StdError};
use risk_math::conv::u64_of_usize;
use risk_math::MathError;
use thiserror::Error;

/// Every rejection names the numbers involved.
#[derive(Error, Debug, PartialEq)]
pub enum ContractError {
    #[error("{0}")]
    Std(#[from] StdError),

    #[error("unauthorized: only the {role} may {action}")]
    Unauthorized { role: &'static str, action: &'static str },

    #[error("unknown market {market}")]
    UnknownMarket { market: String },

    #[error("market {market} listed twice")]
    DuplicateMarket { market: String },

    #[error("market {market} is stale: priced at {updated_at}, now {now}, max staleness {max_staleness_secs}s")]
    StaleMarket { market: String, updated_at: u64, now: u64, max_staleness_secs: u64 },

    #[error("insufficient history: {have} rounds, the method needs {need}")]
    InsufficientHistory { have: u64, need: u64 },

    #[error("too many {what}: {count} > {max}")]
    LimitExceeded { what: &'static str, count: u64, max: u64 },

    #[error("invalid market id `{id}`: 1-32 chars of A-Z a-z 0-9 - _ / .")]
    InvalidMarketId { id: String },

    #[error("invalid price for {market}: {price} (must be > 0)")]
    InvalidPrice { market: String, price: Decimal },

    #[error("invalid volatility for {market}: {volatility} (must be in (0, 100])")]
    InvalidVolatility { market: String, volatility: Decimal },

    #[error("invalid correlation {a}/{b}: {rho} (must be in [-1, 1] between two distinct markets)")]
    InvalidCorrelation { a: String, b: String, rho: SignedDecimal },

    #[error("correlation matrix not positive semi-definite after this batch (fails at market {market})")]
    NotPositiveSemiDefinite { market: String },

    #[error("invalid stress scenario `{name}`: {reason}")]
    InvalidScenario { name: String, reason: String },

    /// Not returned since the feeder round rule (issue 11): an early submission is stored and
    /// forms no round (attribute `reason: too_soon`). Kept so the variants stay stable.
    #[error("price round too soon: the next round is allowed at {next_at}, now {now}")]
    RoundTooSoon { next_at: u64, now: u64 },

    #[error("price round incomplete: market {missing} has no price (a round prices every market)")]
    IncompleteRound { missing: String },

    /// Not returned since the round rule: a median past `max_move_bps` is clamped (attribute
    /// `clamped`). Kept so the variants stay stable.
    #[error("price move too large for {market}: {move_bps} bps > max {max_move_bps} bps")]
    PriceMoveTooLarge { market: String, move_bps: u128, max_move_bps: u32 },

    #[error("market {market} is delisted: rounds no longer price it")]
    MarketDelisted { market: String },

    #[error("min_feeders {min_feeders} outside [{majority}, {feeders}]: at least the majority of the {feeders} feeders, at most all of them")]
    MinFeedersOutOfRange { min_feeders: u32, majority: u32, feeders: u32 },

    #[error("horizon_secs {horizon_secs} over a round of {dt_secs}s scales returns by more than {max_scale} (√(horizon/Δt)): historical assessments would overflow")]
    HorizonScaleTooLarge { horizon_secs: u64, dt_secs: u64, max_scale: u64 },

    #[error("this message takes no funds")]
    FundsNotAccepted {},

    #[error("invalid config: {reason}")]
    InvalidConfig { reason: String },

    #[error("risk math: {0}")]
    Math(MathError),

    #[error("option leg {kind} {strike} expiring {expiry} in {market} listed twice")]
    DuplicateLeg { market: String, kind: String, strike: Decimal, expiry: u64 },

    #[error("option leg in {market} expired: expiry {expiry} ≤ now {now}")]
    OptionExpired { market: String, expiry: u64, now: u64 },

    #[error("too many option legs: {legs} > {max}")]
    TooManyOptionLegs { legs: u64, max: u64 },

    #[error("invalid option leg in {market}: {reason}")]
    InvalidLeg { market: String, reason: String },

    #[error("option_ladder_points {points}: must be odd and in [3, {max}]")]
    InvalidLadderPoints { points: u32, max: u32 },

    #[error("invalid option grid: {reason}")]
    InvalidOptionGrid { reason: String },

    #[error("option math: {reason}")]
    OptionMath { reason: String },

    #[error(transparent)]
    Migrate(#[from] risk_pool::migrate::MigrateError),

    #[error("backtest_window {window} outside [0, {max}] (0 = off)")]
    InvalidBacktestWindow { window: u32, max: u32 },

    #[error("method filtered_historical needs EWMA: set ewma_lambda (it rescales each round by the EWMA volatility)")]
    FilteredNeedsEwma {},
}

/// Every math error becomes `Math`, except too little history, which keeps its own typed
/// variant (with the numbers) wherever `?` meets it.
impl From<MathError> for ContractError {
    fn from(e: MathError) -> Self {
        match e {
            MathError::InsufficientHistory { have, need } => {
                ContractError::InsufficientHistory { have: u64_of_usize(have), need: u64_of_usize(need) }
            }
            other => ContractError::Math(other),
        }
    }
}

/// Option math errors: fixed-point ones as [`MathError`] (too little history keeps its
/// variant), the rest with risk-math's message.
impl From<risk_math::options::OptionError> for ContractError {
    fn from(e: risk_math::options::OptionError) -> Self {
        use risk_math::options::OptionError as E;
        match e {
            E::Math(m) => m.into(),
            E::LadderPoints { points, max } => ContractError::InvalidLadderPoints { points, max },
            E::VolDownTooLarge { .. } | E::GridInvalid { .. } => {
                ContractError::InvalidOptionGrid { reason: e.to_string() }
            }
            other => ContractError::OptionMath { reason: other.to_string() },
        }
    }
}
