//! `risk assess`: the oracle's own answer for a given state, off-chain.
//!
//! Not a re-implementation: the state is loaded into `cosmwasm_std::testing` mock storage and
//! the answer is whatever `risk_oracle::contract::query` returns for `QueryMsg::Assess` (or
//! `requirement`, `claim_limit`) at the chosen block time — the same integer code the wasm
//! runs, compiled natively. The bytes are the query's JSON exactly as a node returns them.
//!
//! Two forms of state, detected from the file:
//! - a raw dump, `{"models": [{"key": "<hex>", "value": "<base64>"}], "pagination": …}`, as
//!   `injectived q wasm contract-state all <addr> -o json` (or `wasmd`) prints it: every stored
//!   byte (history, EWMA, correlations), so full fidelity;
//! - an oracle instantiate message (SPEC's JSON): instantiated in mock storage, sender = its
//!   `owner`.
//!
//! Either can then replay price rounds ([`Round`], `set_prices` submissions in order) through
//! the oracle's execute entry point.

use std::marker::PhantomData;

use cosmwasm_std::testing::{message_info, mock_env, MockApi, MockQuerier, MockStorage};
use cosmwasm_std::{Addr, Binary, Env, HexBinary, OwnedDeps, Storage, Timestamp};
use risk_oracle::contract::{execute, instantiate, query, CONTRACT_NAME, CONTRACT_VERSION};
use risk_pool::oracle::{ExecuteMsg, Exposure, InstantiateMsg, MarketsResponse, PriceInput, QueryMsg};
use serde::Deserialize;
use serde_json::Value;

/// The oracle state to query.
#[derive(Debug, Clone)]
pub enum State {
    /// A raw contract-state dump: (key, value) pairs of the contract's storage.
    Dump(Vec<(Vec<u8>, Vec<u8>)>),
    /// An instantiate message, instantiated by its owner at block time `at` (default: the
    /// first replayed round's time, else the query's).
    Instantiate {
        /// The message.
        msg: Box<InstantiateMsg>,
        /// Block time of the instantiation, unix seconds.
        at: Option<u64>,
    },
}

/// One `set_prices` submission of a replayed price history.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Round {
    /// Block time of the submission, unix seconds.
    pub time: u64,
    /// The submitting feeder's address (must be one of the oracle's feeders).
    pub feeder: String,
    /// The submission (SPEC's `set_prices.prices`).
    pub prices: Vec<PriceInput>,
}

/// Which of the oracle's exposure queries to answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Query {
    /// `assess`: VaR, ES, required, stress loss, claim limit.
    Assess,
    /// `requirement`: the required collateral only.
    Requirement,
    /// `claim_limit`: the claim limit only.
    ClaimLimit,
}

impl Query {
    /// From its command-line name (`assess`, `requirement`, `claim_limit`).
    pub fn parse(s: &str) -> Option<Query> {
        match s {
            "assess" => Some(Query::Assess),
            "requirement" => Some(Query::Requirement),
            "claim_limit" | "claim-limit" => Some(Query::ClaimLimit),
            _ => None,
        }
    }
    fn msg(self, exposures: Vec<Exposure>) -> QueryMsg {
        match self {
            Query::Assess => QueryMsg::Assess { exposures },
            Query::Requirement => QueryMsg::Requirement { exposures },
            Query::ClaimLimit => QueryMsg::ClaimLimit { exposures },
        }
    }
}

/// The oracle's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// The query's JSON, byte for byte as the contract returns it (no trailing newline).
    pub bytes: Vec<u8>,
    /// The block time it was computed at, unix seconds.
    pub time: u64,
    /// Things the user should know (printed to stderr by the CLI): e.g. a dump written by
    /// another oracle version.
    pub notes: Vec<String>,
}

/// Why `run` failed; the CLI names the file each variant is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RunError {
    /// The state (the `--config` file) is unusable.
    State(String),
    /// Replayed round `index` (0-based) was refused by the oracle or is out of order.
    Round {
        /// Its position in the rounds file.
        index: usize,
        /// Its block time.
        time: u64,
        /// Its feeder.
        feeder: String,
        /// What is wrong.
        error: String,
    },
    /// No block time given and none derivable.
    Time(String),
    /// The oracle refused the query (the exposures, or the state at that time).
    Query {
        /// The block time of the query.
        time: u64,
        /// The oracle's error.
        error: String,
    },
}

impl std::fmt::Display for RunError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RunError::State(e) | RunError::Time(e) => f.write_str(e),
            RunError::Round { index, time, feeder, error } => {
                write!(f, "round {} (time {time}, feeder {feeder}): {error}", index + 1)
            }
            RunError::Query { time, error } => write!(f, "the oracle refused the query at time {time}: {error}"),
        }
    }
}

type Deps = OwnedDeps<MockStorage, MockApi, MockQuerier>;

/// JSON's line and column in a serde error, for messages about a file.
fn json_err(what: &str, e: &serde_json::Error) -> String {
    format!("{what}: {e}")
}

#[derive(Deserialize)]
struct Dump {
    models: Vec<Model>,
    #[serde(default)]
    pagination: Option<Pagination>,
}

#[derive(Deserialize)]
struct Model {
    key: String,
    value: String,
}

#[derive(Deserialize)]
struct Pagination {
    #[serde(default)]
    next_key: Option<String>,
}

/// Reads a `--config` file's text: a contract-state dump (an object with `models`) or an
/// instantiate message (an object with `owner`). Errors say which form was expected and what
/// is wrong (with the JSON's line and column, or the model's index).
pub fn parse_state(text: &str) -> Result<State, String> {
    let v: Value = serde_json::from_str(text).map_err(|e| json_err("not JSON", &e))?;
    let Some(obj) = v.as_object() else {
        return Err("expected a JSON object: a contract-state dump {\"models\": [...]} or an oracle \
                    instantiate message"
            .into());
    };
    if obj.contains_key("models") {
        let d: Dump =
            serde_json::from_str(text).map_err(|e| json_err("not a contract-state dump {\"models\": [...]}", &e))?;
        if let Some(k) = d.pagination.and_then(|p| p.next_key).filter(|k| !k.is_empty()) {
            return Err(format!(
                "the dump is one page of several (pagination.next_key = {k}): dump every key, e.g. \
                 `contract-state all <addr> --limit 100000 -o json`"
            ));
        }
        let mut models = Vec::with_capacity(d.models.len());
        for (i, m) in d.models.iter().enumerate() {
            let key = HexBinary::from_hex(&m.key)
                .map_err(|e| format!("model {i}: key `{}` is not hex: {e}", m.key))?
                .to_vec();
            let value = Binary::from_base64(&m.value)
                .map_err(|e| format!("model {i} (key {}): value is not base64: {e}", m.key))?
                .to_vec();
            models.push((key, value));
        }
        Ok(State::Dump(models))
    } else if obj.contains_key("owner") {
        let msg: InstantiateMsg =
            serde_json::from_str(text).map_err(|e| json_err("not an oracle instantiate message", &e))?;
        Ok(State::Instantiate { msg: Box::new(msg), at: None })
    } else {
        Err("neither a contract-state dump (no `models`) nor an oracle instantiate message (no `owner`)".into())
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExposuresFile {
    exposures: Vec<Exposure>,
}

/// Reads an `--exposures` file: SPEC's exposure list, a bare array or `{"exposures": [...]}`.
pub fn parse_exposures(text: &str) -> Result<Vec<Exposure>, String> {
    let v: Value = serde_json::from_str(text).map_err(|e| json_err("not JSON", &e))?;
    match v {
        Value::Array(_) => serde_json::from_str(text).map_err(|e| json_err("not an exposure list", &e)),
        Value::Object(_) => serde_json::from_str::<ExposuresFile>(text)
            .map(|f| f.exposures)
            .map_err(|e| json_err("not {\"exposures\": [...]}", &e)),
        _ => Err("expected an exposure list: [...] or {\"exposures\": [...]}".into()),
    }
}

/// Reads a `--rounds` file: a list of `{"time": secs, "feeder": addr, "prices": [...]}`.
pub fn parse_rounds(text: &str) -> Result<Vec<Round>, String> {
    serde_json::from_str(text).map_err(|e| json_err("not a list of {time, feeder, prices} rounds", &e))
}

fn env_at(time: u64) -> Env {
    let mut env = mock_env();
    env.block.time = Timestamp::from_seconds(time);
    env
}

/// The bech32 prefix of `addr` (before its last `1`), for a mock API that validates it.
fn prefix_of(addr: &str) -> Option<&'static str> {
    let (hrp, _) = addr.rsplit_once('1')?;
    (!hrp.is_empty()).then(|| &*Box::leak(hrp.to_string().into_boxed_str()))
}

fn deps_with(api: MockApi) -> Deps {
    OwnedDeps { storage: MockStorage::default(), api, querier: MockQuerier::default(), custom_query_type: PhantomData }
}

/// Loads a dump into fresh storage and checks it is a risk oracle's.
fn load_dump(models: &[(Vec<u8>, Vec<u8>)], notes: &mut Vec<String>) -> Result<Deps, RunError> {
    let mut deps = deps_with(MockApi::default());
    for (k, v) in models {
        deps.storage.set(k, v);
    }
    match cw2::get_contract_version(&deps.storage) {
        Ok(v) if v.contract != CONTRACT_NAME => {
            return Err(RunError::State(format!(
                "the dump is of contract `{}`, not the risk oracle (`{CONTRACT_NAME}`)",
                v.contract
            )))
        }
        Ok(v) if v.version != CONTRACT_VERSION => {
            notes.push(format!("the dump was written by risk-oracle {}, this tool runs {CONTRACT_VERSION}", v.version))
        }
        Ok(_) => {}
        Err(_) => notes.push("the dump has no cw2 contract_info: cannot check it is a risk oracle's".into()),
    }
    if deps.storage.get(b"config").is_none() {
        return Err(RunError::State(format!(
            "no `config` key among the dump's {} models: not a risk-oracle state",
            models.len()
        )));
    }
    Ok(deps)
}

/// The newest `updated_at` among the oracle's markets (its own `markets` query, every page).
fn newest_update(deps: &Deps, time: u64) -> Result<Option<u64>, RunError> {
    let mut newest = None;
    let mut start_after = None;
    loop {
        let q = QueryMsg::Markets { start_after: start_after.take(), limit: None };
        let bin = query(deps.as_ref(), env_at(time), q)
            .map_err(|e| RunError::State(format!("the oracle cannot list its markets: {e}")))?;
        let page: MarketsResponse =
            cosmwasm_std::from_json(&bin).map_err(|e| RunError::State(format!("the oracle's markets answer: {e}")))?;
        let Some(last) = page.markets.last() else { return Ok(newest) };
        start_after = Some(last.id.clone());
        newest = page.markets.iter().map(|m| m.updated_at).chain(newest).max();
    }
}

/// Answers `q` for `exposures` on `state`, after replaying `rounds` (in order, each at its own
/// block time through the oracle's `execute`), at block time `time`.
///
/// Default `time`: the newest `updated_at` among the markets (after the rounds). An
/// instantiate message without its own time is instantiated at the first round's time, or at
/// `time` without rounds (then `time` is required).
pub fn run(
    state: &State,
    rounds: &[Round],
    exposures: &[Exposure],
    time: Option<u64>,
    q: Query,
) -> Result<Answer, RunError> {
    let mut notes = vec![];
    let mut deps = match state {
        State::Dump(models) => load_dump(models, &mut notes)?,
        State::Instantiate { msg, at } => {
            let at = match (at, rounds.first(), time) {
                (Some(a), _, _) => *a,
                (None, Some(r), _) => r.time,
                (None, None, Some(t)) => t,
                (None, None, None) => {
                    return Err(RunError::Time(
                        "an instantiate message needs --time (the block time it is instantiated and \
                         assessed at), --instantiated-at or --rounds"
                            .into(),
                    ))
                }
            };
            let api = prefix_of(&msg.owner).map_or_else(MockApi::default, |p| MockApi::default().with_prefix(p));
            let mut deps = deps_with(api);
            let owner = Addr::unchecked(&msg.owner);
            instantiate(deps.as_mut(), env_at(at), message_info(&owner, &[]), (**msg).clone())
                .map_err(|e| RunError::State(format!("the oracle refused the instantiate message: {e}")))?;
            deps
        }
    };
    let mut prev: Option<u64> = None;
    for (index, r) in rounds.iter().enumerate() {
        let fail = |error: String| RunError::Round { index, time: r.time, feeder: r.feeder.clone(), error };
        if let Some(p) = prev.filter(|p| r.time < *p) {
            return Err(fail(format!("its time is before the previous round's ({p}): rounds go oldest first")));
        }
        prev = Some(r.time);
        let msg = ExecuteMsg::SetPrices { prices: r.prices.clone() };
        execute(deps.as_mut(), env_at(r.time), message_info(&Addr::unchecked(&r.feeder), &[]), msg)
            .map_err(|e| fail(format!("the oracle refused it: {e}")))?;
    }
    let time = match time {
        Some(t) => t,
        None => newest_update(&deps, prev.unwrap_or(0))?.ok_or_else(|| {
            RunError::Time("the oracle lists no market to take the block time from: give --time".into())
        })?,
    };
    let bytes = query(deps.as_ref(), env_at(time), q.msg(exposures.to_vec()))
        .map_err(|e| RunError::Query { time, error: e.to_string() })?;
    Ok(Answer { bytes: bytes.to_vec(), time, notes })
}

/// `models` as `contract-state all -o json` prints them (keys upper-case hex, values base64,
/// one page): what [`parse_state`] reads back. For tests and for saving a state.
pub fn dump_json(models: &[(Vec<u8>, Vec<u8>)]) -> String {
    let models: Vec<Value> = models
        .iter()
        .map(|(k, v)| {
            serde_json::json!({"key": HexBinary::from(k.as_slice()).to_hex().to_uppercase(), "value": Binary::from(v.as_slice()).to_base64()})
        })
        .collect();
    serde_json::json!({"models": models, "pagination": {"next_key": null, "total": "0"}}).to_string()
}
