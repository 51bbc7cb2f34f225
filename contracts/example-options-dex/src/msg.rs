//! The DEX's messages. They are the example's own, not part of the suite's interface. Amounts
//! are [`Amount`] (the JSON of `Uint128`); an option's `size` is, as in the vault's legs,
//! settlement base units per unit of price: a call of size 1,000,000 on a USD-quoted market
//! settled in uusdc is one BTC's worth (it pays 1,000,000 · max(S − K, 0) uusdc).

use cosmwasm_schema::{cw_serde, QueryResponses};
use cosmwasm_std::{Addr, Decimal};
use risk_pool::oracle::OptionKind;
use risk_pool::vault::AssetInfo;
use risk_pool::Amount;

#[cw_serde]
pub struct InstantiateMsg {
    pub vault: String,
    /// The settlement asset (native denom); must be the vault's.
    pub denom: String,
    /// Lists series, quotes premiums, marks prices, funds the vault contribution.
    pub operator: String,
    /// Share of every premium set aside (basis points, ≤ 10,000) to pay the vault's member
    /// premium; the rest joins the float that pays holders at expiry.
    pub fee_bps: u32,
}

#[cw_serde]
pub enum ExecuteMsg {
    /// Operator: the price of a market, stamped with the block time. Expiries settle at a price
    /// marked at or after them.
    SetPrice { market: String, price: Decimal },
    /// Operator: lists an option series the DEX writes, with its premium quote (price units per
    /// unit of the underlying, e.g. `"2500"` USD per BTC option; `"0"` lists it without selling).
    /// Attribute `series_id`.
    ListSeries { market: String, kind: OptionKind, strike: Decimal, expiry: u64, premium: Decimal },
    /// Operator: a new premium quote for a series (`"0"` stops sales).
    Quote { series_id: u64, premium: Decimal },
    /// Trader: buys `size` of a series (the DEX writes it). Attach exactly the premium,
    /// ⌈size · quote⌉ (query `quote`). Attribute `position_id`.
    Buy { series_id: u64, size: Amount },
    /// Anyone, at or after expiry: settles a position at the market's price marked at or after
    /// the expiry. The holder gets the intrinsic value from the float; what the float cannot
    /// pay is claimed from the vault, paid to the holder.
    Settle { position_id: u64 },
    /// Anyone: pays the premiums set aside to the vault as this member's premium.
    PayPremium {},
    /// Operator: forwards the attached funds to the vault as the DEX's member contribution.
    FundContribution {},
    /// Anyone: reports the current net book to the vault again (the way to land a report the
    /// vault refused during a settlement, `report_pending`); reverts with the vault's error if it
    /// still refuses.
    SyncExposure {},
}

#[cw_serde]
#[derive(QueryResponses)]
pub enum QueryMsg {
    #[returns(StateResponse)]
    State {},
    #[returns(Series)]
    Series { id: u64 },
    /// The premium to attach to `buy {series_id, size}`.
    #[returns(QuoteResponse)]
    Quote { series_id: u64, size: Amount },
    #[returns(Position)]
    Position { id: u64 },
}

/// An option series the DEX writes.
#[cw_serde]
pub struct Series {
    pub id: u64,
    pub market: String,
    pub kind: OptionKind,
    pub strike: Decimal,
    pub expiry: u64,
    /// Premium per unit of the underlying, in price units (0: not selling).
    pub premium: Decimal,
    /// Written and not yet settled (Σ size of its unsettled positions).
    pub open_size: Amount,
}

#[cw_serde]
pub struct QuoteResponse {
    /// ⌈size · quote⌉ settlement base units.
    pub premium: Amount,
}

/// A bought option, settled or not.
#[cw_serde]
pub struct Position {
    pub id: u64,
    pub holder: Addr,
    pub series_id: u64,
    pub size: Amount,
    /// The premium the holder paid.
    pub premium: Amount,
    /// Set once settled.
    pub settlement: Option<Settlement>,
}

/// What a settlement paid.
#[cw_serde]
pub struct Settlement {
    /// The market price it settled at.
    pub price: Decimal,
    /// ⌊size · intrinsic value⌋.
    pub payoff: Amount,
    /// Paid from the DEX's float.
    pub from_float: Amount,
    /// payoff − from_float: claimed from the vault, paid to the holder.
    pub bad_debt: Amount,
}

/// A claim and what the vault answered (the stored record; see `risk_pool::claims`).
pub use risk_pool::claims::ClaimRecord;

#[cw_serde]
pub struct StateResponse {
    pub vault: Addr,
    pub asset: AssetInfo,
    /// Premium set aside for the vault, not yet paid.
    pub fees: Amount,
    /// What pays holders at expiry: the DEX's balance less `fees`.
    pub float: Amount,
    /// Bad debt claimed so far, and how much of it settled claims paid to holders.
    pub bad_debt: Amount,
    pub covered: Amount,
    pub claims: Vec<ClaimRecord>,
    /// The book as the DEX would report it now: one leg per unexpired series with open size.
    pub net_exposure: Vec<risk_pool::oracle::Exposure>,
    /// Set when the vault refused the last settlement's report: new buys wait until a report
    /// lands (`sync_exposure` or the next settlement).
    pub report_pending: Option<PendingReport>,
}

/// The vault refused the last exposure report (the stored mark; see `risk_pool::claims`).
pub use risk_pool::claims::PendingReport;
