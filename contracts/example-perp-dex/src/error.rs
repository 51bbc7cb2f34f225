//! The DEX's typed errors: each names the numbers involved, and a refused message changes
//! nothing (the transaction reverts).

use cosmwasm_std::{Addr, Decimal, StdError};
use risk_pool::{Amount, UnitError};
use thiserror::Error;

/// Every refusal of the example DEX.
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

    /// A price of zero would make every P&L a division by zero.
    #[error("the price of {market} must be > 0")]
    ZeroPrice { market: String },

    /// No price was set for the market.
    #[error("no price set for market {market}")]
    NoPrice { market: String },

    /// The attached collateral does not cover the trading fee.
    #[error("collateral {collateral} is below the fee {fee} ({fee_bps} bps of |{notional}|)")]
    CollateralBelowFee { collateral: Amount, fee: Amount, fee_bps: u32, notional: Amount },

    /// No position has this id.
    #[error("position {position_id} not found")]
    PositionNotFound { position_id: u64 },

    /// The position is already closed.
    #[error("position {position_id} is already closed")]
    PositionClosed { position_id: u64 },

    /// Only the position's trader closes it.
    #[error("position {position_id} belongs to {trader}, not {sender}")]
    NotTheTrader { position_id: u64, trader: Addr, sender: Addr },

    /// |notional| · |price − entry| / entry does not fit (a `Decimal` ratio, then a `u128`).
    #[error("the P&L of notional {notional} moving from {entry} to {price} overflows")]
    PnlOverflow { notional: Amount, entry: Decimal, price: Decimal },

    /// There are no fees to pay as premium.
    #[error("no fees to pay")]
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
