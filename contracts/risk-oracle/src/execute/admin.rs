//! Instantiate and the owner's configuration actions.

use cosmwasm_std::{Addr, Api, Decimal, DepsMut, Env, Int128, MessageInfo, Order, Response, SignedDecimal, Storage};
use risk_math::measures::{horizon_scale, min_observations, MAX_HIST_SCALE};
use risk_math::normal::var_es_factors;
use risk_pool::oracle::{ConfigUpdate, InstantiateMsg, Method, StressScenario};

use crate::error::ContractError;
use crate::execute::markets::{add_market, validate_market};
use crate::execute::{correlations, ensure_owner};
use crate::limits::*;
use crate::state::{
    load_rounds, majority, Config, Market, Rounds, CONFIG, MARKETS, ROUNDS, SCENARIOS, SLOTS, SUBMISSIONS,
};

fn invalid(reason: impl Into<String>) -> ContractError {
    ContractError::InvalidConfig { reason: reason.into() }
}

fn validate_feeders(api: &dyn Api, feeders: &[String]) -> Result<Vec<Addr>, ContractError> {
    if feeders.len() > MAX_FEEDERS {
        return Err(ContractError::LimitExceeded {
            what: "feeders",
            count: feeders.len() as u64,
            max: MAX_FEEDERS as u64,
        });
    }
    let mut out: Vec<Addr> = Vec::with_capacity(feeders.len());
    for f in feeders {
        let a = api.addr_validate(f)?;
        if out.contains(&a) {
            return Err(invalid(format!("feeder {a} listed twice")));
        }
        out.push(a);
    }
    Ok(out)
}

/// Checks every field against its domain and the hard limits, and refreshes the cached
/// quantile factors.
fn validate(cfg: &mut Config) -> Result<(), ContractError> {
    let (z, es) = var_es_factors(cfg.confidence_bps)
        .map_err(|_| invalid(format!("confidence_bps {} outside [5000, 9999]", cfg.confidence_bps)))?;
    cfg.z = Int128::new(z.0);
    cfg.es_factor = Int128::new(es.0);
    if cfg.horizon_secs == 0 || cfg.horizon_secs > MAX_HORIZON_SECS {
        return Err(invalid(format!("horizon_secs {} outside [1, {MAX_HORIZON_SECS}]", cfg.horizon_secs)));
    }
    if cfg.max_staleness_secs == 0 {
        return Err(invalid("max_staleness_secs must be > 0"));
    }
    if cfg.round_secs == 0 {
        return Err(invalid("round_secs must be > 0"));
    }
    if cfg.max_move_bps == 0 || cfg.max_move_bps > MAX_MOVE_BPS {
        return Err(invalid(format!("max_move_bps {} outside [1, {MAX_MOVE_BPS}]", cfg.max_move_bps)));
    }
    if let Some(l) = cfg.ewma_lambda {
        if l.is_zero() || l >= Decimal::one() {
            return Err(invalid(format!("ewma_lambda {l} outside (0, 1)")));
        }
    }
    let limit = |what: &str, v: u32, max: u32| {
        if v == 0 || v > max {
            Err(invalid(format!("{what} {v} outside [1, {max}]")))
        } else {
            Ok(())
        }
    };
    limit("max_markets", cfg.max_markets, MAX_MARKETS)?;
    limit("max_exposures", cfg.max_exposures, MAX_EXPOSURES)?;
    limit("max_paths", cfg.max_paths, MAX_PATHS)?;
    limit("max_scenarios", cfg.max_scenarios, MAX_SCENARIOS)?;
    limit("history_len", cfg.history_len, MAX_HISTORY)?;
    let need = min_observations(cfg.confidence_bps) as u32;
    if cfg.method == Method::Historical && cfg.history_len < need {
        return Err(invalid(format!("history_len {} below the {need} rounds the confidence needs", cfg.history_len)));
    }
    if let Method::MonteCarlo { paths, .. } = cfg.method {
        if paths > cfg.max_paths {
            return Err(ContractError::LimitExceeded { what: "paths", count: paths as u64, max: cfg.max_paths as u64 });
        }
        if paths < need {
            return Err(invalid(format!("paths {paths} below the {need} the confidence needs")));
        }
    }
    if cfg.requirement_multiplier.is_zero() {
        return Err(invalid("requirement_multiplier must be > 0"));
    }
    if cfg.cover_n == 0 || cfg.cover_n as usize > MAX_POOL_MEMBERS {
        return Err(invalid(format!("cover_n {} outside [1, {MAX_POOL_MEMBERS}]", cfg.cover_n)));
    }
    validate_min_feeders(cfg)?;
    if cfg.submission_ttl() == 0 {
        return Err(invalid("submission_ttl_secs must be > 0"));
    }
    if cfg.max_feeder_spread_bps > MAX_FEEDER_SPREAD_BPS {
        return Err(invalid(format!(
            "max_feeder_spread_bps {} outside [0, {MAX_FEEDER_SPREAD_BPS}]",
            cfg.max_feeder_spread_bps
        )));
    }
    Ok(())
}

/// An owner-set `min_feeders` lies in [⌊n/2⌋+1, n] for the current feeder set of n.
fn validate_min_feeders(cfg: &Config) -> Result<(), ContractError> {
    if let Some(k) = cfg.min_feeders {
        let n = cfg.feeders.len() as u32;
        let maj = majority(cfg.feeders.len());
        if k < maj || k > n {
            return Err(ContractError::MinFeedersOutOfRange { min_feeders: k, majority: maj, feeders: n });
        }
    }
    Ok(())
}

/// One past the highest slot holding a market (listed or delisted).
fn slot_span(storage: &dyn Storage) -> Result<u32, ContractError> {
    let slots = SLOTS.may_load(storage)?.unwrap_or_default();
    Ok(slots.iter().rposition(|s| s.is_some()).map_or(0, |i| i as u32 + 1))
}

/// Checks the configuration against every assessment it allows, so that none can fail on it:
/// - Monte Carlo draws: a simulation spans the book's highest slot + 1, and new markets take
///   the first free slot, so every query spans at most max(slot span, max_markets) slots:
///   paths × that ≤ `MAX_MC_DRAWS`.
/// - Historical scale √(horizon/Δt) ≤ `MAX_HIST_SCALE` for every Δt an assessment can meet:
///   future rounds (Δt ≥ `round_secs`) and every stored round still reachable.
fn check_reachable(storage: &mut dyn Storage, cfg: &Config) -> Result<(), ContractError> {
    if let Method::MonteCarlo { paths, .. } = cfg.method {
        let span = slot_span(storage)?.max(cfg.max_markets) as u64;
        let draws = paths as u64 * span;
        if draws > MAX_MC_DRAWS {
            return Err(ContractError::LimitExceeded {
                what: "monte carlo draws (paths × slots)",
                count: draws,
                max: MAX_MC_DRAWS,
            });
        }
    }
    check_horizon(storage, cfg)
}

fn horizon_error(cfg: &Config, dt: u64) -> ContractError {
    ContractError::HorizonScaleTooLarge {
        horizon_secs: cfg.horizon_secs,
        dt_secs: dt,
        max_scale: (MAX_HIST_SCALE.0 >> 64) as u64,
    }
}

/// √(horizon/Δt) fits for Δt = `round_secs` and for the smallest stored Δt. The cached
/// `min_dt` is a lower bound over all rounds ever recorded; only when it fails are the
/// rounds any assessment can still reach (the last `MAX_HISTORY`, and the frozen windows of
/// delisted markets) read, and `min_dt` tightened to their minimum.
fn check_horizon(storage: &mut dyn Storage, cfg: &Config) -> Result<(), ContractError> {
    let fits = |dt: u64| horizon_scale(cfg.horizon_secs, dt).is_ok();
    if !fits(cfg.round_secs) {
        return Err(horizon_error(cfg, cfg.round_secs));
    }
    let Some(mut rounds) = ROUNDS.may_load(storage)? else { return Ok(()) };
    let legacy = rounds.legacy_dt.unwrap_or(cfg.round_secs);
    let Some(min_dt) = rounds.min_dt.or((rounds.count > 0).then_some(legacy)) else { return Ok(()) };
    if fits(min_dt) {
        return Ok(());
    }
    let mut end = rounds.count;
    let need = min_observations(cfg.confidence_bps) as u64;
    for m in MARKETS.range(storage, None, None, Order::Ascending) {
        if let (_, Some(d)) = m?.1.window(rounds.count, need) {
            end = end.min(d);
        }
    }
    let from = end.saturating_sub(MAX_HISTORY as u64);
    let exact = load_rounds(storage, from, rounds.count, &[], legacy)?.dts.into_iter().min();
    rounds.min_dt = exact;
    ROUNDS.save(storage, &rounds)?;
    match exact {
        Some(dt) if !fits(dt) => Err(horizon_error(cfg, dt)),
        _ => Ok(()),
    }
}

fn validate_scenarios(deps: &DepsMut, cfg: &Config, scenarios: &[StressScenario]) -> Result<(), ContractError> {
    if scenarios.len() > cfg.max_scenarios as usize {
        return Err(ContractError::LimitExceeded {
            what: "stress scenarios",
            count: scenarios.len() as u64,
            max: cfg.max_scenarios as u64,
        });
    }
    let max_shock = SignedDecimal::from_ratio(1024, 1);
    for (i, s) in scenarios.iter().enumerate() {
        let bad = |reason: String| ContractError::InvalidScenario { name: s.name.clone(), reason };
        if s.name.is_empty() || s.name.len() > MAX_NAME_LEN {
            return Err(bad(format!("name must be 1-{MAX_NAME_LEN} bytes")));
        }
        if scenarios[..i].iter().any(|o| o.name == s.name) {
            return Err(bad("name used twice".into()));
        }
        if s.shocks.len() > MAX_MARKETS as usize {
            return Err(bad(format!("{} shocks > {MAX_MARKETS}", s.shocks.len())));
        }
        for (j, sh) in s.shocks.iter().enumerate() {
            if !MARKETS.has(deps.storage, &sh.market) {
                return Err(ContractError::UnknownMarket { market: sh.market.clone() });
            }
            if s.shocks[..j].iter().any(|o| o.market == sh.market) {
                return Err(bad(format!("market {} shocked twice", sh.market)));
            }
            if sh.shock < SignedDecimal::negative_one() || sh.shock > max_shock {
                return Err(bad(format!("shock {} for {} outside [-1, 1024]", sh.shock, sh.market)));
            }
        }
    }
    Ok(())
}

pub fn instantiate(
    mut deps: DepsMut,
    env: Env,
    _info: MessageInfo,
    msg: InstantiateMsg,
) -> Result<Response, ContractError> {
    let mut cfg = Config {
        owner: deps.api.addr_validate(&msg.owner)?,
        feeders: validate_feeders(deps.api, &msg.feeders)?,
        confidence_bps: msg.confidence_bps,
        horizon_secs: msg.horizon_secs,
        max_staleness_secs: msg.max_staleness_secs,
        method: msg.method,
        requirement_multiplier: msg.requirement_multiplier,
        min_requirement: msg.min_requirement,
        cover_n: msg.cover_n,
        claim_multiple: msg.claim_multiple,
        history_len: msg.history_len.unwrap_or(DEFAULT_HISTORY_LEN),
        round_secs: msg.round_secs.unwrap_or(DEFAULT_ROUND_SECS),
        max_move_bps: msg.max_move_bps.unwrap_or(DEFAULT_MAX_MOVE_BPS),
        ewma_lambda: msg.ewma_lambda,
        max_markets: msg.max_markets.unwrap_or(MAX_MARKETS),
        max_exposures: msg.max_exposures.unwrap_or(MAX_EXPOSURES),
        max_paths: msg.max_paths.unwrap_or(MAX_PATHS),
        max_scenarios: msg.max_scenarios.unwrap_or(MAX_SCENARIOS),
        z: Int128::zero(),
        es_factor: Int128::zero(),
        min_feeders: msg.min_feeders,
        submission_ttl_secs: msg.submission_ttl_secs,
        max_feeder_spread_bps: msg.max_feeder_spread_bps.unwrap_or(DEFAULT_MAX_FEEDER_SPREAD_BPS),
    };
    validate(&mut cfg)?;
    CONFIG.save(deps.storage, &cfg)?;
    SLOTS.save(deps.storage, &vec![])?;
    ROUNDS.save(deps.storage, &Rounds::default())?;
    check_reachable(deps.storage, &cfg)?;
    let now = env.block.time.seconds();
    for m in &msg.markets {
        validate_market(&m.id, m.price, m.volatility)?;
        if MARKETS.has(deps.storage, &m.id) {
            return Err(ContractError::DuplicateMarket { market: m.id.clone() });
        }
        add_market(&mut deps, now, &m.id, m.price, m.volatility)?;
    }
    correlations::apply(&mut deps, &msg.correlations)?;
    validate_scenarios(&deps, &cfg, &msg.stress_scenarios)?;
    SCENARIOS.save(deps.storage, &msg.stress_scenarios)?;
    Ok(Response::new()
        .add_attribute("action", "instantiate")
        .add_attribute("owner", cfg.owner)
        .add_attribute("markets", msg.markets.len().to_string()))
}

pub fn set_stress_scenarios(
    deps: DepsMut,
    info: MessageInfo,
    scenarios: Vec<StressScenario>,
) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    ensure_owner(&cfg, &info, "set stress scenarios")?;
    validate_scenarios(&deps, &cfg, &scenarios)?;
    SCENARIOS.save(deps.storage, &scenarios)?;
    Ok(Response::new()
        .add_attribute("action", "set_stress_scenarios")
        .add_attribute("scenarios", scenarios.len().to_string()))
}

pub fn set_feeders(deps: DepsMut, info: MessageInfo, feeders: Vec<String>) -> Result<Response, ContractError> {
    let mut cfg = CONFIG.load(deps.storage)?;
    ensure_owner(&cfg, &info, "set feeders")?;
    cfg.feeders = validate_feeders(deps.api, &feeders)?;
    validate_min_feeders(&cfg)?;
    CONFIG.save(deps.storage, &cfg)?;
    // A removed feeder's submission no longer counts.
    let stale: Vec<Addr> = SUBMISSIONS
        .keys(deps.storage, None, None, Order::Ascending)
        .filter(|k| k.as_ref().is_ok_and(|a| !cfg.feeders.contains(a)))
        .collect::<Result<_, _>>()?;
    for a in &stale {
        SUBMISSIONS.remove(deps.storage, a);
    }
    Ok(Response::new().add_attribute("action", "set_feeders").add_attribute("feeders", feeders.len().to_string()))
}

pub fn update_config(deps: DepsMut, info: MessageInfo, u: ConfigUpdate) -> Result<Response, ContractError> {
    let mut cfg = CONFIG.load(deps.storage)?;
    ensure_owner(&cfg, &info, "update the config")?;
    let old_round_secs = cfg.round_secs;
    let old_need = (cfg.method == Method::Historical).then(|| min_observations(cfg.confidence_bps));
    // Destructured in full (no `..`): a field added to `ConfigUpdate` does not compile until
    // it is handled here.
    let ConfigUpdate {
        confidence_bps,
        horizon_secs,
        max_staleness_secs,
        method,
        requirement_multiplier,
        min_requirement,
        cover_n,
        claim_multiple,
        history_len,
        round_secs,
        max_move_bps,
        ewma_lambda,
        max_markets,
        max_exposures,
        max_paths,
        max_scenarios,
        min_feeders,
        submission_ttl_secs,
        max_feeder_spread_bps,
    } = u;
    macro_rules! set {
        ($($f:ident),*) => { $( if let Some(v) = $f { cfg.$f = v; } )* };
    }
    set!(
        confidence_bps,
        horizon_secs,
        max_staleness_secs,
        method,
        requirement_multiplier,
        min_requirement,
        cover_n,
        claim_multiple,
        history_len,
        round_secs,
        max_move_bps,
        max_markets,
        max_exposures,
        max_paths,
        max_scenarios,
        max_feeder_spread_bps
    );
    if min_feeders.is_some() {
        cfg.min_feeders = min_feeders;
    }
    if submission_ttl_secs.is_some() {
        cfg.submission_ttl_secs = submission_ttl_secs;
    }
    let ewma_was_on = cfg.ewma_lambda.is_some();
    if let Some(l) = ewma_lambda {
        cfg.ewma_lambda = if l.is_zero() { None } else { Some(l) };
    }
    validate(&mut cfg)?;
    let listed = SLOTS.load(deps.storage)?.iter().filter(|s| s.is_some()).count() as u32;
    if listed > cfg.max_markets {
        return Err(invalid(format!(
            "max_markets {} below the {listed} markets in slots (listed or delisted)",
            cfg.max_markets
        )));
    }
    if SCENARIOS.load(deps.storage)?.len() as u32 > cfg.max_scenarios {
        return Err(invalid(format!("max_scenarios {} below the scenarios set", cfg.max_scenarios)));
    }
    // Old rounds keep the spacing they were recorded at (Δt stored per round; rounds from
    // before that keep the round_secs in force now, pinned before it can change).
    pin_legacy_dt_to(deps.storage, old_round_secs)?;
    check_reachable(deps.storage, &cfg)?;
    check_history_suffices(deps.storage, &cfg, old_need)?;
    if ewma_was_on && cfg.ewma_lambda.is_none() {
        clear_ewma(deps.storage)?;
    }
    CONFIG.save(deps.storage, &cfg)?;
    Ok(Response::new().add_attribute("action", "update_config"))
}

/// Switching to historical, or raising the rounds it needs (a higher confidence), must not turn
/// a stored book's assessment into `InsufficientHistory` (SPEC: no owner action may make a
/// stored book unassessable). Books are not known here, so the check is conservative: the
/// window every market shares — from the latest `since_round` to the earliest end (delisting
/// round, else the round count), capped at `history_len` — must hold the rounds the new
/// confidence needs. Refused with `InsufficientHistory { have, need }`. Not re-checked while
/// the method stays historical with the same or a lower need.
fn check_history_suffices(storage: &dyn Storage, cfg: &Config, old_need: Option<usize>) -> Result<(), ContractError> {
    if cfg.method != Method::Historical {
        return Ok(());
    }
    let need = min_observations(cfg.confidence_bps);
    if old_need.is_some_and(|old| need <= old) {
        return Ok(());
    }
    let count = ROUNDS.may_load(storage)?.unwrap_or_default().count;
    let (mut since, mut end) = (0u64, count);
    let mut any = false;
    for m in MARKETS.range(storage, None, None, Order::Ascending) {
        let (s, cap) = m?.1.window(count, need as u64);
        any = true;
        since = since.max(s);
        end = end.min(cap.unwrap_or(count));
    }
    if !any {
        return Ok(());
    }
    let have = end.saturating_sub(since).min(cfg.history_len as u64);
    if have < need as u64 {
        return Err(ContractError::InsufficientHistory { have, need: need as u64 });
    }
    Ok(())
}

/// Rounds recorded before Δt was stored with each round take Δt = the `round_secs` in force
/// when this first runs (migration; else the first `update_config` or round); later changes of
/// `round_secs` no longer rescale them. No-op once pinned.
pub fn pin_legacy_dt(storage: &mut dyn Storage) -> Result<(), ContractError> {
    let round_secs = CONFIG.load(storage)?.round_secs;
    pin_legacy_dt_to(storage, round_secs)
}

fn pin_legacy_dt_to(storage: &mut dyn Storage, round_secs: u64) -> Result<(), ContractError> {
    let mut rounds = ROUNDS.may_load(storage)?.unwrap_or_default();
    if rounds.legacy_dt.is_none() {
        rounds.legacy_dt = Some(round_secs);
        ROUNDS.save(storage, &rounds)?;
    }
    Ok(())
}

/// EWMA turned off: every market's EWMA state is dropped, so the owner-set volatility applies
/// at once (and a later EWMA restarts from it).
fn clear_ewma(storage: &mut dyn Storage) -> Result<(), ContractError> {
    let all: Vec<(String, Market)> = MARKETS.range(storage, None, None, Order::Ascending).collect::<Result<_, _>>()?;
    for (id, mut m) in all {
        if m.ewma_var.is_some() || m.ewma_vol.is_some() {
            m.ewma_var = None;
            m.ewma_vol = None;
            MARKETS.save(storage, &id, &m)?;
        }
    }
    Ok(())
}

pub fn transfer_ownership(deps: DepsMut, info: MessageInfo, owner: String) -> Result<Response, ContractError> {
    let mut cfg = CONFIG.load(deps.storage)?;
    ensure_owner(&cfg, &info, "transfer ownership")?;
    cfg.owner = deps.api.addr_validate(&owner)?;
    CONFIG.save(deps.storage, &cfg)?;
    Ok(Response::new().add_attribute("action", "transfer_ownership").add_attribute("owner", owner))
}
