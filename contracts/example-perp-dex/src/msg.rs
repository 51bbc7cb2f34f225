//! The DEX's messages. They are the example's own, not part of the suite's interface; amounts are
//! [`Amount`] and notionals [`SignedNotional`] (the same JSON strings as `Uint128` / `Int128`).

use cosmwasm_schema::{cw_serde, QueryResponses};
use cosmwasm_std::{Addr, Decimal};
use risk_pool::vault::AssetInfo;
use risk_pool::{Amount, SignedNotional};

#[cw_serde]
pub struct InstantiateMsg {
    pub vault: String,
    /// The settlement asset (native denom); must be the vault's.
    pub denom: String,
    /// May set prices and fund the vault contribution.
    pub operator: String,
    /// Trading fee on notional, basis points, kept by the DEX to pay premiums.
    pub fee_bps: u32,
}

#[cw_serde]
pub enum ExecuteMsg {
    /// Operator: the mark price of a market (the DEX is told prices; no oracle of its own).
    SetPrice { market: String, price: Decimal },
    /// Trader: opens a position of signed `notional` (settlement units, long > 0) with the
    /// attached collateral. The fee (fee_bps of |notional|) is taken from the collateral.
    Open { market: String, notional: SignedNotional },
    /// Trader: closes at the current price; pays collateral + P&L, or claims the bad debt.
    Close { position_id: u64 },
    /// Anyone: pays the accumulated fees to the vault as premium.
    PayPremium {},
    /// Operator: forwards the attached funds to the vault as the DEX's member contribution.
    FundContribution {},
    /// Anyone: reports the current net book to the vault again. The way to land a report the
    /// vault refused during a close (`report_pending`); reverts with the vault's error if it
    /// still refuses (and the report stays pending).
    SyncExposure {},
}

#[cw_serde]
#[derive(QueryResponses)]
pub enum QueryMsg {
    #[returns(StateResponse)]
    State {},
    #[returns(Position)]
    Position { id: u64 },
}

#[cw_serde]
pub struct Position {
    pub id: u64,
    pub trader: Addr,
    pub market: String,
    pub notional: SignedNotional,
    pub entry_price: Decimal,
    pub collateral: Amount,
    pub open: bool,
}

/// A claim and what the vault answered (the stored record; see `risk_pool::claims`).
pub use risk_pool::claims::ClaimRecord;

#[cw_serde]
pub struct StateResponse {
    pub vault: Addr,
    pub asset: AssetInfo,
    pub fees: Amount,
    pub bad_debt: Amount,
    pub recovered: Amount,
    pub claims: Vec<ClaimRecord>,
    pub net_exposure: Vec<risk_pool::oracle::Exposure>,
    /// Set when the vault refused the report of a close: its view of the book is stale and new
    /// opens are refused until a report lands (`sync_exposure` or the next close).
    pub report_pending: Option<PendingReport>,
}

/// The vault refused the last exposure report (the stored mark; see `risk_pool::claims`).
pub use risk_pool::claims::PendingReport;
