//! Storage layout: the stored types, apart from the response types in `risk_pool::oracle`
//! (the queries build those from these). JSON items for configuration and markets; raw
//! little-endian arrays of typed fixed point ([`Q62`] matrix entries, [`Ret56`] returns) for the
//! correlation matrix, its Cholesky factor and the price history, because those are read on
//! every `assess` and a KV read costs 3 SDK gas per byte (JSON would triple it).

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{Addr, Decimal, Int128, SignedDecimal, StdError, StdResult, Storage};
use cw_storage_plus::{Item, Map};
use risk_math::conv::{u32_of_usize, u64_of_usize, usize_of_u32, usize_of_u64};
use risk_math::{Ret56, Vol56, Q62, Q64};
use risk_pool::oracle::{Method, OptionGridConfig, PriceInput, Shock, StressScenario};
use risk_pool::Amount;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::ContractError;

/// A Q64.64 value stored as its raw representation (value · 2⁶⁴) in an `Int128`, i.e. a JSON
/// string of the integer: the layout the cached quantile factors have always had. Converts to
/// and from [`Q64`] exactly.
#[derive(Serialize, Deserialize, JsonSchema, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[serde(transparent)]
pub struct StoredQ64(Int128);

impl From<Q64> for StoredQ64 {
    fn from(q: Q64) -> StoredQ64 {
        StoredQ64(Int128::new(q.raw()))
    }
}

impl StoredQ64 {
    /// The stored value, exactly.
    pub fn q64(self) -> Q64 {
        Q64::from_raw(self.0.i128())
    }
}

/// The configuration in force (SPEC's instantiate fields, validated) and the cached quantile
/// factors; `ConfigResponse` is built from it (`query::info::config`).
#[cw_serde]
pub struct Config {
    pub owner: Addr,
    pub feeders: Vec<Addr>,
    pub confidence_bps: u32,
    pub horizon_secs: u64,
    pub max_staleness_secs: u64,
    pub method: Method,
    pub requirement_multiplier: Decimal,
    pub min_requirement: Amount,
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
    /// Cached Φ⁻¹(α) (recomputed when `confidence_bps` changes).
    pub z: StoredQ64,
    /// Cached φ(z)/(1−α).
    pub es_factor: StoredQ64,
    /// Distinct feeders a round needs, as set by the owner (never below the majority);
    /// `None` = the majority ⌊n/2⌋+1 of the feeder set. See [`Config::min_feeders`].
    #[serde(default)]
    pub min_feeders: Option<u32>,
    /// Age (seconds) after which a submission no longer counts; `None` = `round_secs`.
    #[serde(default)]
    pub submission_ttl_secs: Option<u64>,
    /// Largest gap (bps of the lower) between the two middle prices of an even count.
    #[serde(default = "default_spread_bps")]
    pub max_feeder_spread_bps: u32,
    /// Options (issue 13). Each absent = its default, and absent fields are not stored, so a
    /// configuration without options keeps its stored bytes (and `assess` its gas).
    /// The option risk grid (`None` = SPEC's defaults). Boxed (same JSON) so its fields are
    /// not live through the whole parse of `Config` (wasmvm allows 100 locals a function).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub option_grid: Option<Box<OptionGridConfig>>,
    /// `None` = 33.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub option_ladder_points: Option<u32>,
    /// `None` = 100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_option_min_bps: Option<u32>,
    /// `None` = [`crate::limits::MAX_OPTION_LEGS`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_option_legs: Option<u32>,
    /// `None` = [`crate::limits::DEFAULT_MAX_VOL_MOVE_BPS`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_vol_move_bps: Option<u32>,
    /// Model validation (issue 14): the backtest window and its cut-offs, `None` = off (not
    /// stored, so a configuration without it keeps its bytes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backtest: Option<BacktestZones>,
}

/// A backtest window W and its traffic-light cut-offs (risk-math's [`risk_math::backtest::Zones`],
/// computed once when the window is set: the binomial sums are too costly for every round).
#[cw_serde]
#[derive(Copy)]
pub struct BacktestZones {
    pub window: u32,
    pub yellow_from: u32,
    pub red_from: u32,
}

impl From<risk_math::backtest::Zones> for BacktestZones {
    fn from(z: risk_math::backtest::Zones) -> BacktestZones {
        BacktestZones { window: z.window, yellow_from: z.yellow_from, red_from: z.red_from }
    }
}

impl From<BacktestZones> for risk_math::backtest::Zones {
    fn from(z: BacktestZones) -> risk_math::backtest::Zones {
        risk_math::backtest::Zones { window: z.window, yellow_from: z.yellow_from, red_from: z.red_from }
    }
}

fn default_spread_bps() -> u32 {
    crate::limits::DEFAULT_MAX_FEEDER_SPREAD_BPS
}

/// ⌊n/2⌋ + 1: the majority of a feeder set of `n`.
pub fn majority(n: usize) -> u32 {
    // n ≤ MAX_FEEDERS.
    u32_of_usize(n / 2 + 1).unwrap_or(u32::MAX)
}

impl Config {
    /// The cached VaR multiplier z = Φ⁻¹(α).
    pub fn z(&self) -> Q64 {
        self.z.q64()
    }
    /// The cached ES factor φ(z)/(1−α).
    pub fn es_factor(&self) -> Q64 {
        self.es_factor.q64()
    }
    /// Distinct feeders a round needs: max(owner-set, ⌊n/2⌋+1).
    pub fn min_feeders(&self) -> u32 {
        self.min_feeders.unwrap_or(0).max(majority(self.feeders.len()))
    }
    /// Seconds a submission counts for: `submission_ttl_secs`, default `round_secs`.
    pub fn submission_ttl(&self) -> u64 {
        self.submission_ttl_secs.unwrap_or(self.round_secs)
    }
    /// Ladder points in force (default 33).
    pub fn ladder_points(&self) -> u32 {
        self.option_ladder_points.unwrap_or(risk_math::options::DEFAULT_LADDER_POINTS)
    }
    /// Short-option minimum in bps (default 100).
    pub fn short_option_min_bps(&self) -> u32 {
        self.short_option_min_bps.unwrap_or(crate::limits::DEFAULT_SHORT_OPTION_MIN_BPS)
    }
    /// Option legs per query (default the hard maximum).
    pub fn max_option_legs(&self) -> u32 {
        self.max_option_legs.unwrap_or(crate::limits::MAX_OPTION_LEGS)
    }
    /// Largest implied-vol move per round, bps.
    pub fn max_vol_move_bps(&self) -> u32 {
        self.max_vol_move_bps.unwrap_or(crate::limits::DEFAULT_MAX_VOL_MOVE_BPS)
    }
}

/// A listed (or delisted) market.
#[cw_serde]
pub struct Market {
    pub price: Decimal,
    /// Owner-set annualised volatility: the floor of the volatility in force.
    pub volatility: Decimal,
    /// EWMA of annualised variance and its root, when EWMA is on and a round has updated them.
    pub ewma_var: Option<Decimal>,
    pub ewma_vol: Option<Decimal>,
    pub updated_at: u64,
    /// Row of the correlation matrix and column of the history records.
    pub slot: u32,
    /// First price round whose return includes this market.
    pub since_round: u64,
    /// Set by `remove_market`: the round count when it was delisted (rounds before it include
    /// the market's returns). A delisted market stays assessable; rounds no longer price it.
    #[serde(default)]
    pub delisted_round: Option<u64>,
    /// Set by relisting a market that missed rounds while delisted (they hold a zero return for
    /// it): see [`Market::window`].
    #[serde(default)]
    pub relisted: Option<Relisted>,
    /// Implied vol of its options (`None` = the volatility in force); not stored when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub implied_vol: Option<Decimal>,
    /// The backtest risk factor (3 + k)/3 when it is not 1 (`None` = 1, not stored): kept
    /// here so `assess` reads it with the market; the window itself is stored apart
    /// (`crate::backtest`), read only by rounds and the `backtest` query.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub risk_factor: Option<StoredQ64>,
    /// The factor in force when the backtest window was lengthened (`update_config`), kept as
    /// a floor of [`Market::risk_factor`] until the longer window is full, so an owner's window
    /// change never lowers a requirement (red team: 250 → 500 reset a red market to 1 for 250
    /// rounds). `None` = no floor; not stored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub factor_floor: Option<StoredQ64>,
    /// The lowest owner-set volatility in force at any round that may be stored without σ
    /// (EWMA off then), when it is below `volatility` (`None` = `volatility` itself; not
    /// stored when absent): such rounds take σₖ = min(this, `volatility`) in filtered
    /// historical ([`Market::sigma_less_vol`]). Red team: σₖ = the current owner-set value let
    /// a raise of it (0.30 → 0.60) shrink every old round's ratio σ_now/σₖ, lowering
    /// filtered requirements (ES 47,014,332 → 23,507,166 in the test).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sigma_less_floor: Option<Decimal>,
}

/// A relisting after missed rounds: `frozen_end` = the delisting round (the window before the
/// gap ends there), `at` = the round count at relisting (the first round that prices it again).
#[cw_serde]
pub struct Relisted {
    pub frozen_end: u64,
    pub at: u64,
}

impl Market {
    /// The historical window this market allows a book, given `count` rounds recorded and the
    /// `need` rounds the confidence needs: (first round, exclusive end cap). Never a round in
    /// which the market was not priced (red team: a relisted market's missed rounds read as
    /// zero returns and zeroed a risky book's historical VaR):
    /// - delisted: its rounds up to the delisting;
    /// - relisted after missed rounds: the rounds since relisting once there are `need` of
    ///   them, until then the window frozen at the old delisting (so the book stays assessable);
    /// - else: its rounds since listing.
    pub fn window(&self, count: u64, need: u64) -> (u64, Option<u64>) {
        if let Some(d) = self.delisted_round {
            return (self.since_round, Some(d));
        }
        match &self.relisted {
            Some(r) if count.saturating_sub(r.at) >= need => (self.since_round.max(r.at), None),
            Some(r) => (self.since_round, Some(r.frozen_end)),
            None => (self.since_round, None),
        }
    }
}

impl Market {
    /// Sets the owner-set volatility to `v`, keeping [`Market::sigma_less_floor`]: the old
    /// value (or the floor already kept, if lower) was in force at every round stored without σ
    /// since, so it stays the floor while `v` is above it.
    pub fn set_owner_volatility(&mut self, v: Decimal) {
        let floor = self.sigma_less_floor.unwrap_or(self.volatility).min(self.volatility);
        self.sigma_less_floor = (floor < v).then_some(floor);
        self.volatility = v;
    }

    /// σₖ of a round stored without σ (filtered historical): the lowest owner-set volatility
    /// that can have been in force then, min(`sigma_less_floor`, `volatility`) — never above
    /// the true one, so the ratio σ_now/σₖ never understates (the pool's side).
    pub fn sigma_less_vol(&self) -> Decimal {
        self.sigma_less_floor.map_or(self.volatility, |f| f.min(self.volatility))
    }
}

impl Market {
    /// The volatility in force: max(owner-set, EWMA) while EWMA is on (`ewma_on`), else the
    /// owner-set one (EWMA state left by an earlier configuration is ignored).
    pub fn effective_volatility(&self, ewma_on: bool) -> Decimal {
        match self.ewma_vol {
            Some(e) if ewma_on && e > self.volatility => e,
            _ => self.volatility,
        }
    }

    /// Black-76's σ: the set implied vol, else the volatility in force.
    pub fn implied_volatility(&self, ewma_on: bool) -> Decimal {
        self.implied_vol.unwrap_or_else(|| self.effective_volatility(ewma_on))
    }
}

/// One feeder's submission for the next round (prices of every listed market).
#[cw_serde]
pub struct Submission {
    /// Block time of the submission.
    pub at: u64,
    /// One price per listed market.
    pub prices: Vec<SubmittedPrice>,
}

/// One market's price in a stored submission (the layout of `PriceInput`).
#[cw_serde]
pub struct SubmittedPrice {
    /// The market.
    pub market: String,
    /// The price submitted.
    pub price: Decimal,
    /// The implied vol submitted, if any (not stored when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub implied_vol: Option<Decimal>,
}

impl From<PriceInput> for SubmittedPrice {
    fn from(PriceInput { market, price, implied_vol }: PriceInput) -> SubmittedPrice {
        SubmittedPrice { market, price, implied_vol }
    }
}

/// A stored stress scenario (the layout of SPEC's `StressScenario`, kept apart from it: the
/// message may change without a storage migration).
#[cw_serde]
pub struct Scenario {
    /// Unique name.
    pub name: String,
    /// At most one shock per market.
    pub shocks: Vec<ScenarioShock>,
}

/// One market's move in a stored scenario.
#[cw_serde]
pub struct ScenarioShock {
    /// The market.
    pub market: String,
    /// The relative price move.
    pub shock: SignedDecimal,
    /// The relative implied-vol move (not stored when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vol_shock: Option<SignedDecimal>,
}

impl From<StressScenario> for Scenario {
    fn from(StressScenario { name, shocks }: StressScenario) -> Scenario {
        let shocks = shocks
            .into_iter()
            .map(|Shock { market, shock, vol_shock }| ScenarioShock { market, shock, vol_shock })
            .collect();
        Scenario { name, shocks }
    }
}

impl From<Scenario> for StressScenario {
    fn from(Scenario { name, shocks }: Scenario) -> StressScenario {
        let shocks = shocks
            .into_iter()
            .map(|ScenarioShock { market, shock, vol_shock }| Shock { market, shock, vol_shock })
            .collect();
        StressScenario { name, shocks }
    }
}

/// The price-round counters.
#[cw_serde]
#[derive(Default)]
pub struct Rounds {
    /// Rounds recorded so far (the next round's index).
    pub count: u64,
    pub last_at: Option<u64>,
    /// Δt (seconds) of rounds recorded before Δt was stored with each round: pinned to the
    /// `round_secs` in force at migration (or at the first `update_config` / round after it);
    /// until pinned, the current `round_secs`.
    #[serde(default)]
    pub legacy_dt: Option<u64>,
    /// Smallest Δt of any round recorded (legacy rounds count as `legacy_dt`): a lower bound
    /// used to refuse an overflowing horizon cheaply (see `admin::check_horizon`).
    #[serde(default)]
    pub min_dt: Option<u64>,
    /// First history chunk not yet deleted (`None` = legacy: only the chunk the old rule
    /// deletes next).
    #[serde(default)]
    pub pruned_to: Option<u64>,
    /// First history chunk that may have a σ chunk (filtered historical's σₖ, written while
    /// EWMA is on); `None` = none ever written (not stored then).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sigma_from: Option<u64>,
}

pub const CONFIG: Item<Config> = Item::new("config");
pub const SCENARIOS: Item<Vec<Scenario>> = Item::new("scenarios");

/// Stores `scenarios` (validated) as the scenarios in force.
pub fn save_scenarios(storage: &mut dyn Storage, scenarios: Vec<StressScenario>) -> StdResult<()> {
    SCENARIOS.save(storage, &scenarios.into_iter().map(Scenario::from).collect())
}
pub const MARKETS: Map<&str, Market> = Map::new("markets");
/// slot → market id (`None` = free slot).
pub const SLOTS: Item<Vec<Option<String>>> = Item::new("slots");
/// Correlation pairs as set, keyed (min(a,b), max(a,b)); absent = 0.
pub const PAIRS: Map<(&str, &str), cosmwasm_std::SignedDecimal> = Map::new("pairs");
pub const ROUNDS: Item<Rounds> = Item::new("rounds");
/// feeder → its latest submission since the last round (at most `MAX_FEEDERS` entries).
pub const SUBMISSIONS: Map<&Addr, Submission> = Map::new("submissions");

/// The market `id`, or `UnknownMarket` naming it.
pub fn load_market(storage: &dyn Storage, id: &str) -> Result<Market, ContractError> {
    MARKETS.may_load(storage, id)?.ok_or_else(|| ContractError::UnknownMarket { market: id.to_string() })
}

/// Raw keys.
pub const CORR_KEY: &[u8] = b"corr";
pub const CHOL_KEY: &[u8] = b"chol";
const HIST_PREFIX: &[u8] = b"hist";
const SIGMA_PREFIX: &[u8] = b"hsig";
/// Price rounds per history chunk: a round costs one rewrite of ≤ 10 records instead of one
/// KV read per round on every `assess`.
pub const ROUNDS_PER_CHUNK: u64 = 10;

/// Stores a packed matrix (the raw `i64` of each [`Q62`], little-endian, back to back).
pub fn save_q62s(storage: &mut dyn Storage, key: &[u8], v: &[Q62]) {
    let bytes: Vec<u8> = v.iter().flat_map(|x| x.to_le_bytes()).collect();
    // Storage refuses empty values: an empty array is an absent key.
    if bytes.is_empty() {
        storage.remove(key);
    } else {
        storage.set(key, &bytes);
    }
}

/// Reads a packed matrix stored by [`save_q62s`] (absent = empty).
pub fn load_q62s(storage: &dyn Storage, key: &[u8]) -> Vec<Q62> {
    storage
        .get(key)
        .map(|b| b.chunks_exact(8).filter_map(|c| c.try_into().ok()).map(Q62::from_le_bytes).collect())
        .unwrap_or_default()
}

fn chunk_key(chunk: u64) -> Vec<u8> {
    let mut k = HIST_PREFIX.to_vec();
    k.extend_from_slice(&chunk.to_be_bytes());
    k
}

/// Most history chunks one round deletes (see [`append_round`]).
pub const MAX_PRUNE_PER_CHUNK: u64 = 16;

/// Flag in a record's first byte: the record carries its Δt (u64 LE) after the count.
const DT_FLAG: u8 = 0x80;

/// Appends round `index` (Δt `dt` seconds; returns by slot) to its chunk and, with EWMA on,
/// the volatility in force before the round by slot (`sigmas`) to the chunk's σ chunk.
/// Record: `[0x80 | n: u8][dt: u64][n × Ret56]` (records written before Δt was stored:
/// `[n: u8][n × Ret56]`), each return its raw `i64` little-endian: 9 + 8n bytes a round,
/// unchanged by filtered historical. σ record, under its own key (`hsig` + chunk) so that
/// historical never reads it: `[round mod 10: u8][n: u8][n × Vol56]`, 2 + 8n bytes, written
/// only while EWMA is on (a round without one reads as missing). When a chunk starts, chunks
/// older than both the hard history maximum and round `keep_from` (the oldest round a delisted
/// market's frozen window still reads) are deleted ([`prune`]), their σ chunks with them.
pub fn append_round(
    storage: &mut dyn Storage,
    rounds: &mut Rounds,
    dt: u64,
    returns: &[Ret56],
    sigmas: Option<&[Vol56]>,
    keep_from: u64,
) -> Result<(), ContractError> {
    let n = u8::try_from(returns.len()).ok().filter(|n| n & DT_FLAG == 0).ok_or(ContractError::LimitExceeded {
        what: "returns in one round record",
        count: u64_of_usize(returns.len()),
        max: u64::from(!DT_FLAG),
    })?;
    let index = rounds.count;
    let chunk = index / ROUNDS_PER_CHUNK;
    let key = chunk_key(chunk);
    let starts_chunk = index.is_multiple_of(ROUNDS_PER_CHUNK);
    let mut bytes = if starts_chunk { vec![] } else { storage.get(&key).unwrap_or_default() };
    bytes.push(DT_FLAG | n);
    bytes.extend_from_slice(&dt.to_le_bytes());
    for r in returns {
        bytes.extend_from_slice(&r.to_le_bytes());
    }
    storage.set(&key, &bytes);
    if let Some(sig) = sigmas {
        if sig.len() != returns.len() {
            return Err(ContractError::Math(risk_math::MathError::DimensionMismatch {
                expected: returns.len(),
                got: sig.len(),
            }));
        }
        let key = sigma_key(chunk);
        let fresh = starts_chunk || rounds.sigma_from.is_none_or(|c| c > chunk);
        let mut bytes = if fresh { vec![] } else { storage.get(&key).unwrap_or_default() };
        // index mod 10 < 10.
        bytes.push(u8::try_from(index % ROUNDS_PER_CHUNK).unwrap_or(0));
        bytes.push(n);
        for v in sig {
            bytes.extend_from_slice(&v.to_le_bytes());
        }
        storage.set(&key, &bytes);
        rounds.sigma_from.get_or_insert(chunk);
    }
    if starts_chunk {
        prune(storage, rounds, chunk, keep_from);
    }
    Ok(())
}

fn sigma_key(chunk: u64) -> Vec<u8> {
    let mut k = SIGMA_PREFIX.to_vec();
    k.extend_from_slice(&chunk.to_be_bytes());
    k
}

/// The σ records of one chunk by round offset (0..10): each a slice of n × [`Vol56`].
fn sigma_records(bytes: &[u8]) -> Option<[Option<&[u8]>; 10]> {
    let mut out: [Option<&[u8]>; 10] = [None; 10];
    let mut rest = bytes;
    while let Some((&at, tail)) = rest.split_first() {
        let (&n, tail) = tail.split_first()?;
        let len = usize::from(n) * 8;
        if tail.len() < len {
            return None;
        }
        let (rec, tail) = tail.split_at(len);
        *out.get_mut(usize::from(at))? = Some(rec);
        rest = tail;
    }
    Some(out)
}

/// At the start of `chunk`: deletes the chunks no assessment can reach any more (older than
/// the hard history maximum and than round `keep_from`), from the `pruned_to` cursor on.
fn prune(storage: &mut dyn Storage, rounds: &mut Rounds, chunk: u64, keep_from: u64) {
    let keep = u64::from(crate::limits::MAX_HISTORY).div_ceil(ROUNDS_PER_CHUNK) + 1;
    let first_kept = chunk.saturating_add(1).saturating_sub(keep).min(keep_from / ROUNDS_PER_CHUNK);
    let from = rounds.pruned_to.unwrap_or(chunk.saturating_sub(keep));
    // At most `MAX_PRUNE_PER_CHUNK` deletes per chunk start: after a long-held window is
    // released (a delisted market relisted) the backlog is cleared over later chunk starts
    // (15 net per 10 rounds) instead of in one unbounded transaction that could never fit
    // a block and would stall every round.
    let to = first_kept.min(from.saturating_add(MAX_PRUNE_PER_CHUNK));
    for c in from..to {
        storage.remove(&chunk_key(c));
        // σ chunks exist only from `sigma_from` on (EWMA off never pays for these deletes).
        if rounds.sigma_from.is_some_and(|f| c >= f) {
            storage.remove(&sigma_key(c));
        }
    }
    rounds.pruned_to = Some(from.max(to));
}

/// Stored rounds [from, to) for some slots: returns round-major (K × slots.len()) and each
/// round's Δt (records without one take `legacy_dt`).
pub struct History {
    /// K rounds × the slots asked for, round-major.
    pub returns: Vec<Ret56>,
    /// Δt (seconds) of each round.
    pub dts: Vec<u64>,
    /// With [`load_rounds`]' `sigma_fallback`: K × slots, σₖ of each (Q64.64, from the stored
    /// [`Vol56`]; the fallback where a record has none); else empty.
    pub sigmas: Vec<Q64>,
}

/// One stored round record: its Δt and its packed returns by slot.
struct Record<'a> {
    dt: u64,
    returns: &'a [u8],
}

impl Record<'_> {
    /// The return of `slot` (0 for a slot past the record: a market listed after the round).
    fn at(&self, slot: usize) -> Ret56 {
        // slot < n ≤ 127: 8·slot cannot overflow.
        if slot < self.returns.len() / 8 {
            Ret56::from_le_bytes(self.returns[8 * slot..8 * slot + 8].try_into().unwrap_or_default())
        } else {
            Ret56::ZERO
        }
    }

    /// Splits `bytes` into its first record and the rest; `None` if the record is truncated.
    fn split(bytes: &[u8], legacy_dt: u64) -> Option<(Record<'_>, &[u8])> {
        let (&head, rest) = bytes.split_first()?;
        let (dt, rest) = if head & DT_FLAG != 0 {
            let (dt, rest) = rest.split_first_chunk::<8>()?;
            (u64::from_le_bytes(*dt), rest)
        } else {
            (legacy_dt, rest)
        };
        let len = usize::from(head & !DT_FLAG) * 8;
        (rest.len() >= len).then(|| {
            let (returns, rest) = rest.split_at(len);
            (Record { dt, returns }, rest)
        })
    }
}

/// Reads rounds [from, to); `slots` empty reads only the Δts. With `sigma_fallback` (one per
/// slot asked for) also each round's σ per slot ([`History::sigmas`]), the fallback where the
/// record stores none (EWMA was off, or it was written before σ was stored).
pub fn load_rounds(
    storage: &dyn Storage,
    from: u64,
    to: u64,
    slots: &[u32],
    legacy_dt: u64,
    sigma_fallback: Option<&[Q64]>,
) -> StdResult<History> {
    let corrupt = || StdError::generic_err("price history is missing rounds");
    let k = usize_of_u64(to.saturating_sub(from)).ok_or_else(corrupt)?;
    let mut h = History {
        returns: Vec::with_capacity(k.saturating_mul(slots.len())),
        dts: Vec::with_capacity(k),
        sigmas: vec![],
    };
    if from >= to {
        return Ok(h);
    }
    let slots: Vec<usize> = slots.iter().map(|s| usize_of_u32(*s)).collect();
    // Only filtered historical reads σ (one more read of the round counters).
    let sigma_from = if sigma_fallback.is_some() { storage_sigma_from(storage)? } else { None };
    for chunk in from / ROUNDS_PER_CHUNK..=(to - 1) / ROUNDS_PER_CHUNK {
        let bytes = storage.get(&chunk_key(chunk)).unwrap_or_default();
        // σ records of this chunk, read only when asked for and where any were written.
        let sig_bytes = match (sigma_fallback, sigma_from) {
            (Some(_), Some(f)) if chunk >= f => storage.get(&sigma_key(chunk)).unwrap_or_default(),
            _ => vec![],
        };
        let sig = sigma_records(&sig_bytes).ok_or_else(corrupt)?;
        let mut rest = bytes.as_slice();
        let mut index = chunk * ROUNDS_PER_CHUNK;
        while !rest.is_empty() {
            let (rec, tail) = Record::split(rest, legacy_dt).ok_or_else(corrupt)?;
            if (from..to).contains(&index) {
                h.dts.push(rec.dt);
                h.returns.extend(slots.iter().map(|s| rec.at(*s)));
                if let Some(fb) = sigma_fallback {
                    // index − chunk·10 < 10.
                    let at = usize_of_u64(index % ROUNDS_PER_CHUNK).unwrap_or(0);
                    let rec_sig = sig[at];
                    h.sigmas.extend(slots.iter().zip(fb).map(|(s, f)| sigma_at(rec_sig, *s).map_or(*f, Vol56::to_q64)));
                }
            }
            rest = tail;
            index = index.saturating_add(1);
        }
    }
    if h.dts.len() != k {
        return Err(corrupt());
    }
    Ok(h)
}

/// `sigma_from` of the stored round counters (`None`: no σ ever written).
fn storage_sigma_from(storage: &dyn Storage) -> StdResult<Option<u64>> {
    Ok(ROUNDS.may_load(storage)?.and_then(|r| r.sigma_from))
}

/// Slot `slot`'s σ in a σ record (`None`: no record, or a slot past it).
fn sigma_at(rec: Option<&[u8]>, slot: usize) -> Option<Vol56> {
    let s = rec?;
    (slot < s.len() / 8).then(|| Vol56::from_le_bytes(s[8 * slot..8 * slot + 8].try_into().unwrap_or_default()))
}

/// The stored layouts, pinned: each stored struct serializes to exactly its golden JSON (the
/// bytes in state), reads back from it, and repeats no key at any depth. A renamed, reordered
/// or retyped field fails here before it can make stored records unreadable.
#[cfg(test)]
mod layout_tests {

    use cosmwasm_std::{from_json, to_json_string};

    use super::*;

    /// Any JSON document; fails on an object that repeats a key (at any depth).
    use risk_testing::layout::check;

    #[test]
    fn stored_layouts_are_pinned() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        let config = Config {
            owner: Addr::unchecked("owner"),
            feeders: vec![Addr::unchecked("f1"), Addr::unchecked("f2")],
            confidence_bps: 9900,
            horizon_secs: 86_400,
            max_staleness_secs: 3_600,
            method: Method::MonteCarlo { paths: 1_000, seed: 7 },
            requirement_multiplier: d("1.25"),
            min_requirement: Amount::new(5),
            cover_n: 2,
            claim_multiple: d("1.5"),
            history_len: 250,
            round_secs: 60,
            max_move_bps: 5_000,
            ewma_lambda: Some(d("0.94")),
            max_markets: 32,
            max_exposures: 31,
            max_paths: 10_000,
            max_scenarios: 30,
            z: Q64::from_raw(-3).into(),
            es_factor: Q64::ONE.into(),
            min_feeders: Some(2),
            submission_ttl_secs: None,
            max_feeder_spread_bps: 100,
            option_grid: None,
            option_ladder_points: None,
            short_option_min_bps: None,
            max_option_legs: None,
            max_vol_move_bps: None,
            backtest: None,
        };
        check(
            &config,
            concat!(
                r#"{"owner":"owner","feeders":["f1","f2"],"confidence_bps":9900,"horizon_secs":86400,"#,
                r#""max_staleness_secs":3600,"method":{"monte_carlo":{"paths":1000,"seed":7}},"#,
                r#""requirement_multiplier":"1.25","min_requirement":"5","cover_n":2,"claim_multiple":"1.5","#,
                r#""history_len":250,"round_secs":60,"max_move_bps":5000,"ewma_lambda":"0.94","max_markets":32,"#,
                r#""max_exposures":31,"max_paths":10000,"max_scenarios":30,"z":"-3","es_factor":"18446744073709551616","#,
                r#""min_feeders":2,"submission_ttl_secs":null,"max_feeder_spread_bps":100}"#
            ),
        );
        let market = Market {
            price: d("100"),
            volatility: d("0.65"),
            ewma_var: Some(d("0.5")),
            ewma_vol: None,
            updated_at: 1,
            slot: 3,
            since_round: 4,
            delisted_round: Some(5),
            relisted: Some(Relisted { frozen_end: 6, at: 7 }),
            implied_vol: None,
            risk_factor: None,
            factor_floor: None,
            sigma_less_floor: None,
        };
        check(
            &market,
            concat!(
                r#"{"price":"100","volatility":"0.65","ewma_var":"0.5","ewma_vol":null,"updated_at":1,"slot":3,"#,
                r#""since_round":4,"delisted_round":5,"relisted":{"frozen_end":6,"at":7}}"#
            ),
        );
        let rounds = Rounds {
            count: 1,
            last_at: Some(2),
            legacy_dt: Some(3),
            min_dt: None,
            pruned_to: Some(4),
            sigma_from: None,
        };
        check(&rounds, r#"{"count":1,"last_at":2,"legacy_dt":3,"min_dt":null,"pruned_to":4}"#);
        let submission = Submission {
            at: 9,
            prices: vec![SubmittedPrice { market: "BTC-PERP".into(), price: d("60000.5"), implied_vol: None }],
        };
        check(&submission, r#"{"at":9,"prices":[{"market":"BTC-PERP","price":"60000.5"}]}"#);
        let scenario = Scenario {
            name: "crash".into(),
            shocks: vec![ScenarioShock { market: "BTC-PERP".into(), shock: "-0.4".parse().unwrap(), vol_shock: None }],
        };
        check(&scenario, r#"{"name":"crash","shocks":[{"market":"BTC-PERP","shock":"-0.4"}]}"#);
        check(&vec![Some("BTC-PERP".to_string()), None], r#"["BTC-PERP",null]"#);

        // The option fields (issue 13) are additions, stored only when set: the goldens above
        // (options unset) are the layouts of before them, byte for byte.
        let config = Config {
            option_ladder_points: Some(17),
            short_option_min_bps: Some(50),
            max_option_legs: Some(16),
            max_vol_move_bps: Some(2_000),
            ..config
        };
        let json = to_json_string(&config).unwrap();
        assert!(json.ends_with(
            r#""max_feeder_spread_bps":100,"option_ladder_points":17,"short_option_min_bps":50,"max_option_legs":16,"max_vol_move_bps":2000}"#
        ), "{json}");
        assert_eq!(from_json::<Config>(&json).unwrap(), config);
        check(
            &Market { implied_vol: Some(d("0.7")), ..market.clone() },
            concat!(
                r#"{"price":"100","volatility":"0.65","ewma_var":"0.5","ewma_vol":null,"updated_at":1,"slot":3,"#,
                r#""since_round":4,"delisted_round":5,"relisted":{"frozen_end":6,"at":7},"implied_vol":"0.7"}"#
            ),
        );
        let iv = Submission {
            at: 9,
            prices: vec![SubmittedPrice { market: "BTC-PERP".into(), price: d("1"), implied_vol: Some(d("0.5")) }],
        };
        check(&iv, r#"{"at":9,"prices":[{"market":"BTC-PERP","price":"1","implied_vol":"0.5"}]}"#);
        let vs = Scenario {
            name: "crash".into(),
            shocks: vec![ScenarioShock {
                market: "BTC-PERP".into(),
                shock: "-0.4".parse().unwrap(),
                vol_shock: Some("0.5".parse().unwrap()),
            }],
        };
        check(&vs, r#"{"name":"crash","shocks":[{"market":"BTC-PERP","shock":"-0.4","vol_shock":"0.5"}]}"#);

        // Model validation (issue 14): additions, stored only when on.
        let bt = Config { backtest: Some(BacktestZones { window: 250, yellow_from: 5, red_from: 10 }), ..config };
        let json = to_json_string(&bt).unwrap();
        assert!(
            json.ends_with(r#""max_vol_move_bps":2000,"backtest":{"window":250,"yellow_from":5,"red_from":10}}"#),
            "{json}"
        );
        assert_eq!(from_json::<Config>(&json).unwrap(), bt);
        let m = Market { risk_factor: Some(Q64::from_raw(7).into()), implied_vol: None, ..market };
        let json = to_json_string(&m).unwrap();
        assert!(json.ends_with(r#""relisted":{"frozen_end":6,"at":7},"risk_factor":"7"}"#), "{json}");
        assert_eq!(from_json::<Market>(&json).unwrap(), m);
    }

    /// The stored scenario and submission are the message layouts exactly (the stored bytes
    /// of before they had their own types).
    #[test]
    fn stored_scenarios_and_prices_keep_the_message_layout() {
        let msg = StressScenario {
            name: "crash".into(),
            shocks: vec![Shock { market: "ETH-PERP".into(), shock: "-0.5".parse().unwrap(), vol_shock: None }],
        };
        let stored = Scenario::from(msg.clone());
        assert_eq!(to_json_string(&stored).unwrap(), to_json_string(&msg).unwrap());
        assert_eq!(StressScenario::from(stored), msg);
        let price = PriceInput { market: "BTC-PERP".into(), price: "1.5".parse().unwrap(), implied_vol: None };
        assert_eq!(to_json_string(&SubmittedPrice::from(price.clone())).unwrap(), to_json_string(&price).unwrap());
    }

    /// The packed binary records: a matrix entry and a round record, byte for byte.
    #[test]
    fn packed_records_are_pinned() {
        let mut st = cosmwasm_std::testing::MockStorage::new();
        save_q62s(&mut st, CORR_KEY, &[Q62::ONE, Q62::from_raw(-2)]);
        let mut want = (1i64 << 62).to_le_bytes().to_vec();
        want.extend_from_slice(&(-2i64).to_le_bytes());
        assert_eq!(st.get(CORR_KEY).unwrap(), want);
        assert_eq!(load_q62s(&st, CORR_KEY), vec![Q62::ONE, Q62::from_raw(-2)]);

        let mut rounds = Rounds::default();
        append_round(&mut st, &mut rounds, 60, &[Ret56::from_raw(5), Ret56::from_raw(-7)], None, u64::MAX).unwrap();
        let mut want = vec![0x82];
        want.extend_from_slice(&60u64.to_le_bytes());
        want.extend_from_slice(&5i64.to_le_bytes());
        want.extend_from_slice(&(-7i64).to_le_bytes());
        assert_eq!(st.get(&chunk_key(0)).unwrap(), want);
        let h = load_rounds(&st, 0, 1, &[1, 0, 2], 3_600, None).unwrap();
        assert_eq!((h.dts, h.returns), (vec![60], vec![Ret56::from_raw(-7), Ret56::from_raw(5), Ret56::ZERO]));
        // A legacy record (no Δt) reads with `legacy_dt`; a truncated one is an error.
        let mut legacy = vec![0x01];
        legacy.extend_from_slice(&9i64.to_le_bytes());
        st.set(&chunk_key(1), &legacy);
        assert_eq!(load_rounds(&st, 10, 11, &[0], 3_600, None).unwrap().dts, vec![3_600]);
        st.set(&chunk_key(1), &legacy[..5]);
        assert!(load_rounds(&st, 10, 11, &[0], 3_600, None).is_err());
    }

    /// With EWMA on a round also writes its σ per slot to the chunk's σ chunk (2 + 8n bytes);
    /// the return record is the same; rounds without σ read the fallback.
    #[test]
    fn sigma_records_are_pinned() {
        let mut st = cosmwasm_std::testing::MockStorage::new();
        let mut rounds = Rounds::default();
        let r = [Ret56::from_raw(5), Ret56::from_raw(-7)];
        append_round(&mut st, &mut rounds, 60, &r, None, u64::MAX).unwrap();
        rounds.count = 1;
        append_round(&mut st, &mut rounds, 61, &r, Some(&[Vol56::from_raw(11), Vol56::from_raw(13)]), u64::MAX)
            .unwrap();
        rounds.count = 2;
        assert_eq!(rounds.sigma_from, Some(0));
        ROUNDS.save(&mut st, &rounds).unwrap();
        assert_eq!(st.get(&chunk_key(0)).unwrap().len(), 2 * (9 + 8 * 2), "return records unchanged");
        let mut want = vec![1, 2];
        for x in [11u64, 13] {
            want.extend_from_slice(&x.to_le_bytes());
        }
        assert_eq!(st.get(&sigma_key(0)).unwrap(), want);
        let fb = [Q64::from_int(7), Q64::from_int(8), Q64::from_int(9)];
        let h = load_rounds(&st, 0, 2, &[1, 0, 2], 3_600, Some(&fb)).unwrap();
        assert_eq!(h.dts, vec![60, 61]);
        assert_eq!(h.returns, vec![r[1], r[0], Ret56::ZERO, r[1], r[0], Ret56::ZERO]);
        let v = |x: u64| Vol56::from_raw(x).to_q64();
        assert_eq!(h.sigmas, vec![fb[0], fb[1], fb[2], v(13), v(11), fb[2]]);
        assert!(load_rounds(&st, 0, 2, &[0], 3_600, None).unwrap().sigmas.is_empty());
        // A truncated σ chunk is an error.
        st.set(&sigma_key(0), &want[..9]);
        assert!(load_rounds(&st, 0, 2, &[0], 3_600, Some(&fb[..1])).is_err());
        // Rounds without σ ever written keep their stored bytes (no `sigma_from`).
        let json = cosmwasm_std::to_json_string(&Rounds::default()).unwrap();
        assert!(!json.contains("sigma_from"), "{json}");
    }
}
