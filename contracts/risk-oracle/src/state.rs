//! Storage layout. JSON items for configuration and markets; raw little-endian `i64` arrays
//! for the correlation matrix, its Cholesky factor and the price history, because those are
//! read on every `assess` and a KV read costs 3 SDK gas per byte (JSON would triple it).

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{Addr, Decimal, Int128, StdResult, Storage, Uint128};
use cw_storage_plus::{Item, Map};
use risk_math::Q64;
use risk_pool::oracle::{Method, StressScenario};

#[cw_serde]
pub struct Config {
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
    /// Cached Φ⁻¹(α) and φ(z)/(1−α), Q64.64 raw (recomputed when `confidence_bps` changes).
    pub z: Int128,
    pub es_factor: Int128,
}

impl Config {
    pub fn z(&self) -> Q64 {
        Q64(self.z.i128())
    }
    pub fn es_factor(&self) -> Q64 {
        Q64(self.es_factor.i128())
    }
}

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
}

impl Market {
    /// The volatility in force: max(owner-set, EWMA).
    pub fn effective_volatility(&self) -> Decimal {
        match self.ewma_vol {
            Some(e) if e > self.volatility => e,
            _ => self.volatility,
        }
    }
}

#[cw_serde]
#[derive(Default)]
pub struct Rounds {
    /// Rounds recorded so far (the next round's index).
    pub count: u64,
    pub last_at: Option<u64>,
}

pub const CONFIG: Item<Config> = Item::new("config");
pub const SCENARIOS: Item<Vec<StressScenario>> = Item::new("scenarios");
pub const MARKETS: Map<&str, Market> = Map::new("markets");
/// slot → market id (`None` = free slot).
pub const SLOTS: Item<Vec<Option<String>>> = Item::new("slots");
/// Correlation pairs as set, keyed (min(a,b), max(a,b)); absent = 0.
pub const PAIRS: Map<(&str, &str), cosmwasm_std::SignedDecimal> = Map::new("pairs");
pub const ROUNDS: Item<Rounds> = Item::new("rounds");

/// The market `id`, or `UnknownMarket` naming it.
pub fn load_market(storage: &dyn Storage, id: &str) -> Result<Market, crate::ContractError> {
    MARKETS.may_load(storage, id)?.ok_or_else(|| crate::ContractError::UnknownMarket { market: id.to_string() })
}

/// Raw keys.
pub const CORR_KEY: &[u8] = b"corr";
pub const CHOL_KEY: &[u8] = b"chol";
const HIST_PREFIX: &[u8] = b"hist";
/// Price rounds per history chunk: a round costs one rewrite of ≤ 10 records instead of one
/// KV read per round on every `assess`.
pub const ROUNDS_PER_CHUNK: u64 = 10;

pub fn save_i64s(storage: &mut dyn Storage, key: &[u8], v: &[i64]) {
    let mut bytes = Vec::with_capacity(v.len() * 8);
    for x in v {
        bytes.extend_from_slice(&x.to_le_bytes());
    }
    // Storage refuses empty values: an empty array is an absent key.
    if bytes.is_empty() {
        storage.remove(key);
    } else {
        storage.set(key, &bytes);
    }
}

pub fn load_i64s(storage: &dyn Storage, key: &[u8]) -> Vec<i64> {
    storage
        .get(key)
        .map(|b| b.chunks_exact(8).map(|c| i64::from_le_bytes(c.try_into().unwrap())).collect())
        .unwrap_or_default()
}

fn chunk_key(chunk: u64) -> Vec<u8> {
    let mut k = HIST_PREFIX.to_vec();
    k.extend_from_slice(&chunk.to_be_bytes());
    k
}

/// Appends round `index` (returns by slot, Q7.56) to its chunk. Record: `[n: u8][n × i64]`.
/// Chunks older than the hard history maximum are deleted as new ones start.
pub fn append_round(storage: &mut dyn Storage, index: u64, returns: &[i64]) {
    let chunk = index / ROUNDS_PER_CHUNK;
    let key = chunk_key(chunk);
    let mut bytes = if index.is_multiple_of(ROUNDS_PER_CHUNK) { vec![] } else { storage.get(&key).unwrap_or_default() };
    bytes.push(returns.len() as u8);
    for r in returns {
        bytes.extend_from_slice(&r.to_le_bytes());
    }
    storage.set(&key, &bytes);
    let keep = (crate::limits::MAX_HISTORY as u64).div_ceil(ROUNDS_PER_CHUNK) + 1;
    if index.is_multiple_of(ROUNDS_PER_CHUNK) && chunk >= keep {
        storage.remove(&chunk_key(chunk - keep));
    }
}

/// Returns of rounds [from, to) for the given slots, round-major (K × slots.len()).
pub fn load_rounds(storage: &dyn Storage, from: u64, to: u64, slots: &[u32]) -> StdResult<Vec<i64>> {
    let mut out = Vec::with_capacity(((to - from) as usize) * slots.len());
    if from >= to {
        return Ok(out);
    }
    for chunk in from / ROUNDS_PER_CHUNK..=(to - 1) / ROUNDS_PER_CHUNK {
        let bytes = storage.get(&chunk_key(chunk)).unwrap_or_default();
        let mut pos = 0usize;
        let mut index = chunk * ROUNDS_PER_CHUNK;
        while pos < bytes.len() {
            let n = bytes[pos] as usize;
            let rec = &bytes[pos + 1..pos + 1 + 8 * n];
            if index >= from && index < to {
                for s in slots {
                    let s = *s as usize;
                    let v = if s < n { i64::from_le_bytes(rec[8 * s..8 * s + 8].try_into().unwrap()) } else { 0 };
                    out.push(v);
                }
            }
            pos += 1 + 8 * n;
            index += 1;
        }
    }
    if out.len() != ((to - from) as usize) * slots.len() {
        return Err(cosmwasm_std::StdError::generic_err("price history is missing rounds"));
    }
    Ok(out)
}
