#![allow(missing_docs)]
//! risk-oracle messages: market data, correlations, stress scenarios and risk queries.
//!
//! Settlement amounts are [`Amount`]s and signed positions [`SignedNotional`]s: both serialize
//! as the bare integer string (`"123"`, `"-5"`) and have the base integer's JSON schema, so the
//! SPEC's JSON is unchanged.

use cosmwasm_schema::{cw_serde, QueryResponses};
use cosmwasm_std::{Addr, Decimal, Int128, SignedDecimal};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::units::{Amount, SignedNotional};

/// How `var` and `es` are computed.
#[cw_serde]
pub enum Method {
    /// Delta-normal: VaR = z·σ_p, ES = σ_p·φ(z)/(1−α).
    Parametric,
    /// Historical simulation over the stored price rounds.
    Historical,
    /// Filtered historical simulation (Hull–White / Barone-Adesi): as historical, each stored
    /// return rescaled by σ_now/σ_k (the EWMA volatility now over the one in force at round k).
    /// Requires EWMA on.
    FilteredHistorical,
    /// Monte Carlo with `paths` correlated normal draws from a PRNG seeded by `seed`.
    MonteCarlo {
        /// Simulated paths.
        paths: u32,
        /// The PRNG seed (public: the figures are floored at the parametric ones).
        seed: u64,
    },
}

/// A market listed at instantiation. Its `implied_vol` starts at `volatility` (set it with
/// `upsert_market`: a field here took the instantiate entry point past wasmvm's 100 locals).
#[cw_serde]
pub struct MarketInit {
    /// The market id (1-32 chars of `A-Z a-z 0-9 - _ / .`).
    pub id: String,
    /// Its price, > 0.
    pub price: Decimal,
    /// Annualised volatility, `"0.65"` = 65 %.
    pub volatility: Decimal,
}

/// The correlation of two distinct markets (absent pairs are 0).
#[cw_serde]
pub struct CorrelationPair {
    /// One market.
    pub a: String,
    /// The other market.
    pub b: String,
    /// ρ in [−1, 1].
    pub rho: SignedDecimal,
}

/// One market's move in a stress scenario.
#[cw_serde]
pub struct Shock {
    /// The market shocked.
    pub market: String,
    /// Relative price move, `"-0.4"` = −40 %.
    pub shock: SignedDecimal,
    /// Relative move of the market's implied vol, `"0.5"` = σ·1.5 (absent = unchanged; must
    /// keep σ > 0). Only option legs feel it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vol_shock: Option<SignedDecimal>,
}

/// A named set of simultaneous shocks (markets not named do not move).
#[cw_serde]
pub struct StressScenario {
    /// Unique name, 1-64 bytes.
    pub name: String,
    /// The shocks, one per market at most.
    pub shocks: Vec<Shock>,
}

/// European option kind.
#[cw_serde]
#[derive(Copy, Eq, PartialOrd, Ord)]
pub enum OptionKind {
    /// Pays size·max(S − K, 0) at expiry.
    Call,
    /// Pays size·max(K − S, 0) at expiry.
    Put,
}

/// A European option leg (SPEC, "Options exposures").
#[cw_serde]
pub struct OptionLeg {
    /// Call or put.
    pub kind: OptionKind,
    /// Strike in the market's price units, > 0.
    pub strike: Decimal,
    /// Expiry, unix seconds.
    pub expiry: u64,
    /// Settlement base units per unit of price (the leg pays size·max(S − K, 0) for a call);
    /// negative = written.
    pub size: Int128,
}

/// An exposure: a signed linear position (`notional` in settlement units, long > 0) or an
/// option leg (`option`, and then `notional` is 0 and absent from the JSON).
///
/// JSON: `{"market", "notional"}` (linear, exactly the old shape, in and out) or
/// `{"market", "option": {"kind", "strike", "expiry", "size"}}` (a leg). An entry with both or
/// neither of `notional` / `option` is refused at parsing. In Rust the two shapes share one
/// struct: `option: None` is linear (build it with [`Exposure::linear`]).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(try_from = "ExposureWire", into = "ExposureWire")]
pub struct Exposure {
    /// The market.
    pub market: String,
    /// The signed notional (+ long, − short); 0 for an option leg.
    pub notional: SignedNotional,
    /// The option leg, when this entry is one.
    pub option: Option<OptionLeg>,
}

impl Exposure {
    /// A linear exposure.
    pub fn linear(market: impl Into<String>, notional: i128) -> Exposure {
        Exposure { market: market.into(), notional: SignedNotional::new(notional), option: None }
    }
    /// An option leg.
    pub fn leg(market: impl Into<String>, leg: OptionLeg) -> Exposure {
        Exposure { market: market.into(), notional: SignedNotional::ZERO, option: Some(leg) }
    }
}

/// An exposure: a signed linear position (`notional`, settlement units, long > 0) or an option
/// leg (`option`); exactly one of the two.
#[cw_serde]
struct ExposureWire {
    /// The market.
    market: String,
    /// The signed notional (+ long, − short) of a linear position.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    notional: Option<SignedNotional>,
    /// An option leg.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    option: Option<OptionLeg>,
}

impl TryFrom<ExposureWire> for Exposure {
    type Error = String;
    fn try_from(w: ExposureWire) -> Result<Exposure, String> {
        match (w.notional, w.option) {
            (Some(notional), None) => Ok(Exposure { market: w.market, notional, option: None }),
            (None, Some(leg)) => Ok(Exposure::leg(w.market, leg)),
            (Some(_), Some(_)) => Err(format!("exposure in {}: either notional or option, not both", w.market)),
            (None, None) => Err(format!("exposure in {}: notional or option required", w.market)),
        }
    }
}

impl From<Exposure> for ExposureWire {
    fn from(e: Exposure) -> ExposureWire {
        match e.option {
            None => ExposureWire { market: e.market, notional: Some(e.notional), option: None },
            Some(leg) => ExposureWire { market: e.market, notional: None, option: Some(leg) },
        }
    }
}

impl JsonSchema for Exposure {
    fn schema_name() -> String {
        "Exposure".into()
    }
    fn json_schema(gen: &mut schemars::gen::SchemaGenerator) -> schemars::schema::Schema {
        ExposureWire::json_schema(gen)
    }
}

/// One market's price in a feeder's submission.
#[cw_serde]
pub struct PriceInput {
    /// The market.
    pub market: String,
    /// Its price, > 0.
    pub price: Decimal,
    /// The feeder's implied vol for it (optional; the round takes the median of those given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub implied_vol: Option<Decimal>,
}

/// The option risk grid's shape (SPEC defaults in brackets). Moves are multiples of the scan
/// range R = z_α·σ_m·√(horizon/year).
#[cw_serde]
pub struct OptionGridConfig {
    /// Core spot moves × R, each with vol up / unchanged / down [0, ±0.25, ±0.5, ±0.75, ±1].
    pub core_moves: Vec<SignedDecimal>,
    /// Extended moves × R with vol up, loss weighted R/|move| [−3, −2, 2, 3, 5, 8].
    pub extended_moves: Vec<SignedDecimal>,
    /// Relative vol shock up before DTE scaling [0.40].
    pub vol_up: Decimal,
    /// Relative vol shock down before DTE scaling, ≤ 0 [−0.22].
    pub vol_down: SignedDecimal,
    /// DTE exponent for legs under `short_dte_secs` [0.30].
    pub p_short: Decimal,
    /// DTE exponent for the other legs [0.13].
    pub p_long: Decimal,
    /// The short-dated threshold, seconds [2,592,000].
    pub short_dte_secs: u64,
    /// The DTE scaling's reference time, seconds [2,592,000].
    pub ref_secs: u64,
    /// The DTE scaling's floor of τ, seconds [86,400].
    pub min_secs: u64,
    /// Floor of downward extended moves [−0.95].
    pub down_floor: SignedDecimal,
}

/// Instantiates the oracle (SPEC).
#[cw_serde]
pub struct InstantiateMsg {
    /// The owner (sets markets, correlations, scenarios, feeders and the configuration).
    pub owner: String,
    /// The price feeders.
    pub feeders: Vec<String>,
    /// α in basis points, 5,000 ..= 9,999.
    pub confidence_bps: u32,
    /// The risk horizon, seconds (1 ..= one year).
    pub horizon_secs: u64,
    /// Age (seconds) past which a market's price is stale and its books unassessable.
    pub max_staleness_secs: u64,
    /// How VaR and ES are computed.
    pub method: Method,
    /// required = max(ES · requirement_multiplier, min_requirement).
    pub requirement_multiplier: Decimal,
    /// The smallest requirement of any book.
    pub min_requirement: Amount,
    /// N of Cover-N: the members whose default the pool must survive.
    pub cover_n: u32,
    /// claim limit = claim_multiple · max(stress loss, ES).
    pub claim_multiple: Decimal,
    /// The markets listed at instantiation.
    pub markets: Vec<MarketInit>,
    /// Their correlations (absent = 0).
    #[serde(default)]
    pub correlations: Vec<CorrelationPair>,
    /// The stress scenarios.
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
    /// Size limits; defaults are the hard maxima (see the contract's docs): markets listed,
    pub max_markets: Option<u32>,
    /// exposures in a new report,
    pub max_exposures: Option<u32>,
    /// Monte Carlo paths,
    pub max_paths: Option<u32>,
    /// and stress scenarios.
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
    /// Model validation (SPEC): rounds in each market's backtest window, 0 or absent = off
    /// (default); at most 500.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backtest_window: Option<u32>,
}

/// Every mutable instantiate field; absent = unchanged. `ewma_lambda: "0"` turns EWMA off.
#[cw_serde]
#[derive(Default)]
pub struct ConfigUpdate {
    /// See [`InstantiateMsg::confidence_bps`].
    pub confidence_bps: Option<u32>,
    /// See [`InstantiateMsg::horizon_secs`].
    pub horizon_secs: Option<u64>,
    /// See [`InstantiateMsg::max_staleness_secs`].
    pub max_staleness_secs: Option<u64>,
    /// See [`InstantiateMsg::method`].
    pub method: Option<Method>,
    /// See [`InstantiateMsg::requirement_multiplier`].
    pub requirement_multiplier: Option<Decimal>,
    /// See [`InstantiateMsg::min_requirement`].
    pub min_requirement: Option<Amount>,
    /// See [`InstantiateMsg::cover_n`].
    pub cover_n: Option<u32>,
    /// See [`InstantiateMsg::claim_multiple`].
    pub claim_multiple: Option<Decimal>,
    /// See [`InstantiateMsg::history_len`].
    pub history_len: Option<u32>,
    /// See [`InstantiateMsg::round_secs`].
    pub round_secs: Option<u64>,
    /// See [`InstantiateMsg::max_move_bps`].
    pub max_move_bps: Option<u32>,
    /// See [`InstantiateMsg::ewma_lambda`]; `"0"` turns EWMA off.
    pub ewma_lambda: Option<Decimal>,
    /// See [`InstantiateMsg::max_markets`].
    pub max_markets: Option<u32>,
    /// See [`InstantiateMsg::max_exposures`].
    pub max_exposures: Option<u32>,
    /// See [`InstantiateMsg::max_paths`].
    pub max_paths: Option<u32>,
    /// See [`InstantiateMsg::max_scenarios`].
    pub max_scenarios: Option<u32>,
    /// See [`InstantiateMsg::min_feeders`].
    #[serde(default)]
    pub min_feeders: Option<u32>,
    /// See [`InstantiateMsg::submission_ttl_secs`].
    #[serde(default)]
    pub submission_ttl_secs: Option<u64>,
    /// See [`InstantiateMsg::max_feeder_spread_bps`].
    #[serde(default)]
    pub max_feeder_spread_bps: Option<u32>,
    /// Options (issue 13), set here only: the option risk grid (default SPEC's). These five
    /// settings start at their defaults at instantiation — in `InstantiateMsg` they took the
    /// contract's instantiate entry point (cosmwasm-std's `do_instantiate` with the message's
    /// parser inlined) past wasmvm's limit of 100 locals per function.
    /// Boxed (the JSON is the same): unboxed, its fields were live through the whole parse of
    /// `ConfigUpdate` and took the execute entry point past wasmvm's 100 wasm locals.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub option_grid: Option<Box<OptionGridConfig>>,
    /// Ladder points for historical / Monte Carlo with legs (default 33; odd, 3 ..= 65).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub option_ladder_points: Option<u32>,
    /// Short-option minimum in bps of |size|·S per written leg (default 100, ≤ 10,000).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_option_min_bps: Option<u32>,
    /// Option legs per query (default and hard maximum 64).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_option_legs: Option<u32>,
    /// Largest move of a market's implied vol in one round, bps (default 5,000).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_vol_move_bps: Option<u32>,
    /// See [`InstantiateMsg::backtest_window`]; `0` turns backtesting off. A change keeps each
    /// market's most recent min(rounds counted, new window) verdicts (off drops them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backtest_window: Option<u32>,
}

/// The oracle's actions.
/// Deserialized once per call, so the size of the largest variant does not matter.
#[allow(clippy::large_enum_variant)]
#[cw_serde]
pub enum ExecuteMsg {
    /// Feeders: one submission pricing every listed market (rounds form by the round rule).
    SetPrices {
        /// One price per listed market.
        prices: Vec<PriceInput>,
    },
    /// Owner: lists a market (or relists / updates a listed one).
    UpsertMarket {
        /// The market id.
        id: String,
        /// Its price.
        price: Decimal,
        /// Its annualised volatility (the floor of the one in force).
        volatility: Decimal,
        /// Its implied vol for options (absent: unchanged when listed, else `volatility`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        implied_vol: Option<Decimal>,
    },
    /// Owner: sets a market's annualised volatility.
    SetVolatility {
        /// The market.
        market: String,
        /// The new volatility.
        volatility: Decimal,
    },
    /// Owner: delists a market (it stays assessable; rounds no longer price it).
    RemoveMarket {
        /// The market.
        id: String,
    },
    /// A batch; the full matrix must be positive semi-definite afterwards.
    SetCorrelations {
        /// The pairs to set (ρ = 0 removes a pair).
        pairs: Vec<CorrelationPair>,
    },
    /// Owner: replaces the stress scenarios.
    SetStressScenarios {
        /// The new scenarios.
        scenarios: Vec<StressScenario>,
    },
    /// Owner: replaces the feeder set.
    SetFeeders {
        /// The new feeders.
        feeders: Vec<String>,
    },
    /// Owner: changes the configuration.
    UpdateConfig(ConfigUpdate),
    /// Owner: hands the contract over.
    TransferOwnership {
        /// The new owner.
        owner: String,
    },
}

/// One member's inputs to Cover-N.
#[cw_serde]
pub struct MemberRisk {
    /// The member.
    pub member: String,
    /// Its book's stress loss.
    pub stress_loss: Amount,
    /// Its contribution.
    pub contribution: Amount,
    /// The coverage it has left.
    pub coverage_left: Amount,
}

/// The oracle's queries.
#[cw_serde]
#[derive(QueryResponses)]
pub enum QueryMsg {
    /// Everything the vault needs, in one call.
    #[returns(AssessResponse)]
    Assess {
        /// The book.
        exposures: Vec<Exposure>,
    },
    /// VaR, ES and the requirement of a book.
    #[returns(RequirementResponse)]
    Requirement {
        /// The book.
        exposures: Vec<Exposure>,
    },
    /// The claim limit of a book.
    #[returns(ClaimLimitResponse)]
    ClaimLimit {
        /// The book.
        exposures: Vec<Exposure>,
    },
    /// Cover-N over the members given.
    #[returns(PoolRequirementResponse)]
    PoolRequirement {
        /// The members' inputs.
        members: Vec<MemberRisk>,
    },
    /// The configuration in force.
    #[returns(ConfigResponse)]
    Config {},
    /// One market.
    #[returns(MarketResponse)]
    Market {
        /// The market id.
        id: String,
    },
    /// A page of markets, by id.
    #[returns(MarketsResponse)]
    Markets {
        /// The last id of the previous page.
        start_after: Option<String>,
        /// Page size (default 10, at most 30).
        limit: Option<u32>,
    },
    /// The correlation of two markets.
    #[returns(CorrelationResponse)]
    Correlation {
        /// One market.
        a: String,
        /// The other.
        b: String,
    },
    /// A market's model validation: exceptions in its backtest window, zone and risk factor.
    #[returns(BacktestResponse)]
    Backtest {
        /// The market id.
        market: String,
    },
}

/// The figures of a book.
#[cw_serde]
pub struct AssessResponse {
    /// Value at risk (rounded up).
    pub var: Amount,
    /// Expected shortfall (rounded up).
    pub es: Amount,
    /// max(ES · requirement_multiplier rounded up, min_requirement).
    pub required: Amount,
    /// max(worst stress scenario loss, ES).
    pub stress_loss: Amount,
    /// claim_multiple · stress_loss, rounded down.
    pub claim_limit: Amount,
    /// The configured claim multiple.
    pub claim_multiple: Decimal,
    /// The configured Cover-N.
    pub cover_n: u32,
    /// The method in force.
    pub method: Method,
    /// α in basis points.
    pub confidence_bps: u32,
    /// The horizon, seconds.
    pub horizon_secs: u64,
    /// Oldest price time (seconds) among the exposures' markets; block time when none.
    pub as_of: u64,
    /// The queried exposures' markets that are delisted (refuse additions/raises to them).
    #[serde(default)]
    pub delisted: Vec<String>,
    /// The oracle's limit on entries of a NEW report (None = no extra limit).
    #[serde(default)]
    pub max_exposures: Option<u32>,
    /// SPEC's option risk grid loss (0 without legs).
    #[serde(default)]
    pub grid_loss: Amount,
    /// Σ over written legs of |size|·S·short_option_min_bps/10⁴, rounded up (0 without legs).
    #[serde(default)]
    pub short_option_minimum: Amount,
}

/// VaR, ES and the requirement of a book.
#[cw_serde]
pub struct RequirementResponse {
    /// Value at risk (rounded up).
    pub var: Amount,
    /// Expected shortfall (rounded up).
    pub es: Amount,
    /// max(ES · requirement_multiplier rounded up, min_requirement).
    pub required: Amount,
    /// The method in force.
    pub method: Method,
    /// α in basis points.
    pub confidence_bps: u32,
    /// The horizon, seconds.
    pub horizon_secs: u64,
    /// Oldest price time (seconds) among the exposures' markets; block time when none.
    pub as_of: u64,
    /// The queried exposures' markets that are delisted (the vault refuses reports adding to
    /// or raising them), and the oracle's limit on entries of a NEW report (None = no extra
    /// limit; queries enforce only the hard maximum); the same two fields as `AssessResponse`.
    #[serde(default)]
    pub delisted: Vec<String>,
    /// The oracle's limit on entries of a NEW report (see above).
    #[serde(default)]
    pub max_exposures: Option<u32>,
    /// SPEC's option risk grid loss (0 without legs).
    #[serde(default)]
    pub grid_loss: Amount,
    /// Σ over written legs of |size|·S·short_option_min_bps/10⁴, rounded up (0 without legs).
    #[serde(default)]
    pub short_option_minimum: Amount,
}

/// The claim limit of a book.
#[cw_serde]
pub struct ClaimLimitResponse {
    /// claim_multiple · max(stress loss, ES), rounded down.
    pub limit: Amount,
}

/// One member's uncovered stress loss.
#[cw_serde]
pub struct Uncovered {
    /// The member.
    pub member: String,
    /// min(max(0, stress_loss − contribution), coverage_left).
    pub uncovered: Amount,
}

/// Cover-N over the members given.
#[cw_serde]
pub struct PoolRequirementResponse {
    /// The sum of the `cover_n` largest uncovered losses.
    pub required: Amount,
    /// Every member's uncovered loss, in the order given.
    pub uncovered: Vec<Uncovered>,
}

/// The configuration in force (fields as in [`InstantiateMsg`]) and the round counters.
#[cw_serde]
pub struct ConfigResponse {
    /// The owner.
    pub owner: Addr,
    /// The feeders.
    pub feeders: Vec<Addr>,
    /// α in basis points.
    pub confidence_bps: u32,
    /// The horizon, seconds.
    pub horizon_secs: u64,
    /// Staleness limit, seconds.
    pub max_staleness_secs: u64,
    /// The method.
    pub method: Method,
    /// The requirement multiplier.
    pub requirement_multiplier: Decimal,
    /// The smallest requirement.
    pub min_requirement: Amount,
    /// N of Cover-N.
    pub cover_n: u32,
    /// The claim multiple.
    pub claim_multiple: Decimal,
    /// Price rounds the historical method uses.
    pub history_len: u32,
    /// Minimum spacing of rounds, seconds.
    pub round_secs: u64,
    /// Largest move of a price in one round, bps.
    pub max_move_bps: u32,
    /// The EWMA λ (null = off).
    pub ewma_lambda: Option<Decimal>,
    /// Markets the oracle may hold.
    pub max_markets: u32,
    /// Exposures in a new report.
    pub max_exposures: u32,
    /// Monte Carlo paths.
    pub max_paths: u32,
    /// Stress scenarios.
    pub max_scenarios: u32,
    /// The round rule in force: distinct feeders a round needs (max(owner-set, majority)),
    /// submission lifetime and the even-count spread limit.
    #[serde(default)]
    pub min_feeders: u32,
    /// Seconds a submission counts toward a round.
    #[serde(default)]
    pub submission_ttl_secs: u64,
    /// Largest gap of the two middle submissions of an even count, bps.
    #[serde(default)]
    pub max_feeder_spread_bps: u32,
    /// The option risk grid in force.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub option_grid: Option<OptionGridConfig>,
    /// Ladder points for historical / Monte Carlo with legs.
    #[serde(default)]
    pub option_ladder_points: u32,
    /// Short-option minimum, bps.
    #[serde(default)]
    pub short_option_min_bps: u32,
    /// Option legs per query.
    #[serde(default)]
    pub max_option_legs: u32,
    /// Largest implied-vol move per round, bps.
    #[serde(default)]
    pub max_vol_move_bps: u32,
    /// Rounds in each market's backtest window (0 = backtesting off).
    #[serde(default)]
    pub backtest_window: u32,
    /// The stress scenarios.
    pub stress_scenarios: Vec<StressScenario>,
    /// Price rounds recorded so far and the time of the last one.
    pub rounds: u64,
    /// The time of the last round (null before the first).
    pub last_round_at: Option<u64>,
}

/// One market.
#[cw_serde]
pub struct MarketResponse {
    /// The market id.
    pub id: String,
    /// Its last price.
    pub price: Decimal,
    /// Volatility in force: max(owner-set, EWMA) when EWMA is on.
    pub volatility: Decimal,
    /// The owner-set volatility.
    pub base_volatility: Decimal,
    /// The EWMA volatility, when EWMA has updated it.
    pub ewma_volatility: Option<Decimal>,
    /// When its price was last set, seconds.
    pub updated_at: u64,
    /// Stored price rounds that include this market (capped at `history_len`).
    pub history_rounds: u64,
    /// Removed by the owner: assessable, no longer priced by rounds.
    #[serde(default)]
    pub delisted: bool,
    /// Implied vol of its options (Black-76's σ).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub implied_vol: Option<Decimal>,
    /// Its backtest risk factor (3 + k)/3 while backtesting is on (absent when off).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub risk_factor: Option<Decimal>,
}

/// A market's model validation (SPEC "Model validation").
#[cw_serde]
pub struct BacktestResponse {
    /// The market id.
    pub market: String,
    /// Rounds in its current window: min(rounds counted since the window started, `window`).
    /// The zone and factor count once this reaches `window`.
    pub rounds: u32,
    /// Exceptions among those rounds.
    pub exceptions: u32,
    /// The configured window, W (0 = backtesting off).
    pub window: u32,
    /// `"green"`, `"yellow"` or `"red"` (green until the window is full).
    pub zone: String,
    /// The risk factor (3 + k)/3 applied to its volatility and historical returns, rounded up.
    pub factor: Decimal,
}

/// A page of markets.
#[cw_serde]
pub struct MarketsResponse {
    /// The markets, by id.
    pub markets: Vec<MarketResponse>,
}

/// The correlation of two markets.
#[cw_serde]
pub struct CorrelationResponse {
    /// One market.
    pub a: String,
    /// The other.
    pub b: String,
    /// ρ (1 for a market with itself, 0 for an unset pair).
    pub rho: SignedDecimal,
}

/// Migrates the oracle (no fields).
#[cw_serde]
pub struct MigrateMsg {}
