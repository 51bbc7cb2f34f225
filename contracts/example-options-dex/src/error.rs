//! The DEX's typed errors: each names the numbers involved, and a refused message changes
//! nothing (the transaction reverts).

use cosmwasm_std::{Addr, Decimal, StdError};
use risk_pool::{Amount, UnitError};
use thiserror::Error;

/// Every refusal of the example options DEX.
#[derive(Error, Debug, PartialEq)]
pub enum ContractError {
    /// Storage, serialization or a vault call failed.
    #[error("{0}")]
    Std(#[from] StdError),

    /// Settlement arithmetic past the unit's range (the operands are named).
    #[error(transparent)]
    Unit(#[from] UnitError),

    /// Only the operator may do this.
    #[error("only the operator {operator} may {action}, not {sender}")]
    NotOperator { operator: Addr, sender: Addr, action: &'static str },

    /// A price of zero: every option would settle at its put's strike or nothing.
    #[error("the price of {market} must be > 0")]
    ZeroPrice { market: String },

    /// A strike of zero is no option.
    #[error("the strike must be > 0")]
    ZeroStrike {},

    /// `fee_bps` above 100 %.
    #[error("fee_bps {fee_bps} is above 10000")]
    FeeTooHigh { fee_bps: u32 },

    /// A series must expire in the future.
    #[error("expiry {expiry} is not after now ({now})")]
    ExpiryNotInFuture { expiry: u64, now: u64 },

    /// The same market, kind, strike and expiry is listed already (the vault refuses two legs
    /// of one series).
    #[error("this series is listed already as {series_id}")]
    SeriesExists { series_id: u64 },

    /// The DEX lists at most `max` series (its report carries one leg per live series).
    #[error("at most {max} series are listed")]
    TooManySeries { max: u32 },

    /// No series has this id.
    #[error("series {series_id} not found")]
    SeriesNotFound { series_id: u64 },

    /// The series has expired: it can be settled, not bought.
    #[error("series {series_id} expired at {expiry} (now {now})")]
    SeriesExpired { series_id: u64, expiry: u64, now: u64 },

    /// The series is listed with a zero quote.
    #[error("series {series_id} is not for sale (premium quote 0)")]
    NotSelling { series_id: u64 },

    /// A buy of size zero.
    #[error("the size must be > 0")]
    ZeroSize {},

    /// The attached funds are not the premium ⌈size · quote⌉.
    #[error("attach exactly the premium {premium} (⌈{size} × {quote}⌉), not {paid}")]
    WrongPremium { paid: Amount, premium: Amount, size: Amount, quote: Decimal },

    /// A written size past `i128` cannot be reported.
    #[error("series {series_id}'s open size {size} does not fit a leg's Int128 size")]
    SizeOverflow { series_id: u64, size: Amount },

    /// No position has this id.
    #[error("position {position_id} not found")]
    PositionNotFound { position_id: u64 },

    /// The position is settled already.
    #[error("position {position_id} is settled already")]
    AlreadySettled { position_id: u64 },

    /// Settlement waits for the expiry.
    #[error("position {position_id} expires at {expiry}; now is {now}")]
    NotExpired { position_id: u64, expiry: u64, now: u64 },

    /// The market's price was not marked at or after the expiry (`priced_at` None: never).
    #[error("no price of {market} marked at or after expiry {expiry} (last marked at {priced_at:?})")]
    NoSettlementPrice { market: String, expiry: u64, priced_at: Option<u64> },

    /// There are no premiums set aside to pay.
    #[error("no premium set aside to pay")]
    NoFees {},

    /// The example settles in a native denom only.
    #[error("this example settles in a native denom only")]
    NativeOnly {},

    /// A claim reply that could not be recorded (no record of its position, bad data).
    #[error(transparent)]
    ClaimLog(#[from] risk_pool::claims::ClaimLogError),

    /// The vault refused the last exposure report (at `since`, because `reason`): new positions
    /// wait until a report lands (`sync_exposure {}`).
    #[error("the vault's view of the book is stale since {since} ({reason}): no new positions until a report lands (sync_exposure)")]
    ReportPending { since: u64, reason: String },
}
