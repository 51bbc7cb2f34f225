#![allow(missing_docs)]
//! risk-oracle messages: market data, correlations, stress scenarios and risk queries.

use cosmwasm_schema::{cw_serde, QueryResponses};
use cosmwasm_std::{Addr, Decimal, Int128, SignedDecimal, Uint128};

/// How `var` and `es` are computed.
#[cw_serde]
pub enum Method {
    /// Delta-normal: VaR = z·σ_p, ES = σ_p·φ(z)/(1−α).
    Parametric,
    /// Historical simulation over the stored price rounds.
    Historical,
    /// Monte Carlo with `paths` correlated normal draws from a PRNG seeded by `seed`.
    MonteCarlo { paths: u32, seed: u64 },
}

#[cw_serde]
pub struct MarketInit {
    pub id: String,
    pub price: Decimal,
    /// Annualised volatility, `"0.65"` = 65 %.
    pub volatility: Decimal,
}

#[cw_serde]
pub struct CorrelationPair {
    pub a: String,
    pub b: String,
    pub rho: SignedDecimal,
}

#[cw_serde]
pub struct Shock {
    pub market: String,
    /// Relative price move, `"-0.4"` = −40 %.
    pub shock: SignedDecimal,
}

#[cw_serde]
pub struct StressScenario {
    pub name: String,
    pub shocks: Vec<Shock>,
}

/// A signed position: `notional` in settlement units, long > 0.
#[cw_serde]
pub struct Exposure {
    pub market: String,
    pub notional: Int128,
}

#[cw_serde]
pub struct PriceInput {
    pub market: String,
    pub price: Decimal,
}

#[cw_serde]
pub struct InstantiateMsg {
    pub owner: String,
    pub feeders: Vec<String>,
    /// α in basis points, 5,000 ..= 9,999.
    pub confidence_bps: u32,
    pub horizon_secs: u64,
    pub max_staleness_secs: u64,
    pub method: Method,
    pub requirement_multiplier: Decimal,
    pub min_requirement: Uint128,
    pub cover_n: u32,
    pub claim_multiple: Decimal,
    pub markets: Vec<MarketInit>,
    #[serde(default)]
    pub correlations: Vec<CorrelationPair>,
    #[serde(default)]
    pub stress_scenarios: Vec<StressScenario>,
    /// Price rounds kept for the historical method (default 250, at most 500).
    pub history_len: Option<u32>,
    /// Minimum spacing of price rounds in seconds (default 3,600).
    pub round_secs: Option<u64>,
    /// Largest accepted move of one price in one round (default 5,000 = 50 %).
    pub max_move_bps: Option<u32>,
    /// RiskMetrics λ for EWMA volatility; null = EWMA off (default).
    pub ewma_lambda: Option<Decimal>,
    /// Size limits; defaults are the hard maxima (see the contract's docs).
    pub max_markets: Option<u32>,
    pub max_exposures: Option<u32>,
    pub max_paths: Option<u32>,
    pub max_scenarios: Option<u32>,
    /// Distinct feeders whose submissions form a round (default: the majority ⌊n/2⌋+1 of the
    /// feeder set; never fewer, at most all feeders).
    #[serde(default)]
    pub min_feeders: Option<u32>,
    /// Seconds a submission counts toward a round (default `round_secs`).
    #[serde(default)]
    pub submission_ttl_secs: Option<u64>,
    /// Largest gap between the two middle prices of an even count of submissions, in bps of
    /// the lower (default 100).
    #[serde(default)]
    pub max_feeder_spread_bps: Option<u32>,
}

/// Every mutable instantiate field; absent = unchanged. `ewma_lambda: "0"` turns EWMA off.
#[cw_serde]
#[derive(Default)]
pub struct ConfigUpdate {
    pub confidence_bps: Option<u32>,
    pub horizon_secs: Option<u64>,
    pub max_staleness_secs: Option<u64>,
    pub method: Option<Method>,
    pub requirement_multiplier: Option<Decimal>,
    pub min_requirement: Option<Uint128>,
    pub cover_n: Option<u32>,
    pub claim_multiple: Option<Decimal>,
    pub history_len: Option<u32>,
    pub round_secs: Option<u64>,
    pub max_move_bps: Option<u32>,
    pub ewma_lambda: Option<Decimal>,
    pub max_markets: Option<u32>,
    pub max_exposures: Option<u32>,
    pub max_paths: Option<u32>,
    pub max_scenarios: Option<u32>,
    #[serde(default)]
    pub min_feeders: Option<u32>,
    #[serde(default)]
    pub submission_ttl_secs: Option<u64>,
    #[serde(default)]
    pub max_feeder_spread_bps: Option<u32>,
}

/// Deserialized once per call, so the size of the largest variant does not matter.
#[allow(clippy::large_enum_variant)]
#[cw_serde]
pub enum ExecuteMsg {
    /// Feeders: one price round pricing every market.
    SetPrices {
        prices: Vec<PriceInput>,
    },
    UpsertMarket {
        id: String,
        price: Decimal,
        volatility: Decimal,
    },
    SetVolatility {
        market: String,
        volatility: Decimal,
    },
    RemoveMarket {
        id: String,
    },
    /// A batch; the full matrix must be positive semi-definite afterwards.
    SetCorrelations {
        pairs: Vec<CorrelationPair>,
    },
    SetStressScenarios {
        scenarios: Vec<StressScenario>,
    },
    SetFeeders {
        feeders: Vec<String>,
    },
    UpdateConfig(ConfigUpdate),
    TransferOwnership {
        owner: String,
    },
}

/// One member's inputs to Cover-N.
#[cw_serde]
pub struct MemberRisk {
    pub member: String,
    pub stress_loss: Uint128,
    pub contribution: Uint128,
    pub coverage_left: Uint128,
}

#[cw_serde]
#[derive(QueryResponses)]
pub enum QueryMsg {
    /// Everything the vault needs, in one call.
    #[returns(AssessResponse)]
    Assess { exposures: Vec<Exposure> },
    #[returns(RequirementResponse)]
    Requirement { exposures: Vec<Exposure> },
    #[returns(ClaimLimitResponse)]
    ClaimLimit { exposures: Vec<Exposure> },
    #[returns(PoolRequirementResponse)]
    PoolRequirement { members: Vec<MemberRisk> },
    #[returns(ConfigResponse)]
    Config {},
    #[returns(MarketResponse)]
    Market { id: String },
    #[returns(MarketsResponse)]
    Markets { start_after: Option<String>, limit: Option<u32> },
    #[returns(CorrelationResponse)]
    Correlation { a: String, b: String },
}

#[cw_serde]
pub struct AssessResponse {
    pub var: Uint128,
    pub es: Uint128,
    pub required: Uint128,
    pub stress_loss: Uint128,
    pub claim_limit: Uint128,
    pub claim_multiple: Decimal,
    pub cover_n: u32,
    pub method: Method,
    pub confidence_bps: u32,
    pub horizon_secs: u64,
    /// Oldest price time (seconds) among the exposures' markets; block time when none.
    pub as_of: u64,
    /// The queried exposures' markets that are delisted (refuse additions/raises to them).
    #[serde(default)]
    pub delisted: Vec<String>,
    /// The oracle's limit on entries of a NEW report (None = no extra limit).
    #[serde(default)]
    pub max_exposures: Option<u32>,
}

#[cw_serde]
pub struct RequirementResponse {
    pub var: Uint128,
    pub es: Uint128,
    pub required: Uint128,
    pub method: Method,
    pub confidence_bps: u32,
    pub horizon_secs: u64,
    pub as_of: u64,
    /// The queried exposures' markets that are delisted (the vault refuses reports adding to
    /// or raising them), and the oracle's limit on entries of a NEW report (None = no extra
    /// limit; queries enforce only the hard maximum); the same two fields as `AssessResponse`.
    #[serde(default)]
    pub delisted: Vec<String>,
    #[serde(default)]
    pub max_exposures: Option<u32>,
}

#[cw_serde]
pub struct ClaimLimitResponse {
    pub limit: Uint128,
}

#[cw_serde]
pub struct Uncovered {
    pub member: String,
    pub uncovered: Uint128,
}

#[cw_serde]
pub struct PoolRequirementResponse {
    pub required: Uint128,
    pub uncovered: Vec<Uncovered>,
}

#[cw_serde]
pub struct ConfigResponse {
    pub owner: Addr,
    pub feeders: Vec<Addr>,
    pub confidence_bps: u32,
    pub horizon_secs: u64,
    pub max_staleness_secs: u64,
    pub method: Method,
    pub requirement_multiplier: Decimal,
    pub min_requirement: Uint128,
    pub cover_n: u32,
    pub claim_multiple: Decimal,
    pub history_len: u32,
    pub round_secs: u64,
    pub max_move_bps: u32,
    pub ewma_lambda: Option<Decimal>,
    pub max_markets: u32,
    pub max_exposures: u32,
    pub max_paths: u32,
    pub max_scenarios: u32,
    /// The round rule in force: distinct feeders a round needs (max(owner-set, majority)),
    /// submission lifetime and the even-count spread limit.
    #[serde(default)]
    pub min_feeders: u32,
    #[serde(default)]
    pub submission_ttl_secs: u64,
    #[serde(default)]
    pub max_feeder_spread_bps: u32,
    pub stress_scenarios: Vec<StressScenario>,
    /// Price rounds recorded so far and the time of the last one.
    pub rounds: u64,
    pub last_round_at: Option<u64>,
}

#[cw_serde]
pub struct MarketResponse {
    pub id: String,
    pub price: Decimal,
    /// Volatility in force: max(owner-set, EWMA) when EWMA is on.
    pub volatility: Decimal,
    pub base_volatility: Decimal,
    pub ewma_volatility: Option<Decimal>,
    pub updated_at: u64,
    /// Stored price rounds that include this market (capped at `history_len`).
    pub history_rounds: u64,
    /// Removed by the owner: assessable, no longer priced by rounds.
    #[serde(default)]
    pub delisted: bool,
}

#[cw_serde]
pub struct MarketsResponse {
    pub markets: Vec<MarketResponse>,
}

#[cw_serde]
pub struct CorrelationResponse {
    pub a: String,
    pub b: String,
    pub rho: SignedDecimal,
}

#[cw_serde]
pub struct MigrateMsg {}
