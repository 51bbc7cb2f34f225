//! The owner's configuration actions.

use cosmwasm_std::{Addr, DepsMut, MessageInfo, Order, Response, Storage};
use risk_math::conv::{u64_of_usize, usize_of_u32};
use risk_math::measures::min_observations;
use risk_pool::oracle::{ConfigUpdate, StressScenario};

use crate::config::{
    check_history_suffices, check_reachable, invalid, uses_history, validate, validate_feeders, validate_min_feeders,
    validate_scenarios,
};
use crate::error::ContractError;
use crate::execute::ensure_owner;
use crate::state::{save_scenarios, Config, Market, CONFIG, MARKETS, ROUNDS, SCENARIOS, SLOTS, SUBMISSIONS};

/// Owner: replaces the stress scenarios.
pub fn set_stress_scenarios(
    deps: DepsMut,
    info: MessageInfo,
    scenarios: Vec<StressScenario>,
) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    ensure_owner(&cfg, &info, "set stress scenarios")?;
    validate_scenarios(deps.storage, &cfg, &scenarios)?;
    let count = scenarios.len();
    save_scenarios(deps.storage, scenarios)?;
    Ok(Response::new().add_attribute("action", "set_stress_scenarios").add_attribute("scenarios", count.to_string()))
}

/// Owner: replaces the feeder set; a removed feeder's submission no longer counts.
pub fn set_feeders(deps: DepsMut, info: MessageInfo, feeders: Vec<String>) -> Result<Response, ContractError> {
    let mut cfg = CONFIG.load(deps.storage)?;
    ensure_owner(&cfg, &info, "set feeders")?;
    cfg.feeders = validate_feeders(deps.api, &feeders)?;
    validate_min_feeders(&cfg)?;
    CONFIG.save(deps.storage, &cfg)?;
    let stale: Vec<Addr> = SUBMISSIONS
        .keys(deps.storage, None, None, Order::Ascending)
        .filter(|k| k.as_ref().is_ok_and(|a| !cfg.feeders.contains(a)))
        .collect::<Result<_, _>>()?;
    for a in &stale {
        SUBMISSIONS.remove(deps.storage, a);
    }
    Ok(Response::new().add_attribute("action", "set_feeders").add_attribute("feeders", feeders.len().to_string()))
}

/// Owner: changes any mutable field; the result is validated as a whole and against the state
/// (markets and scenarios in use, reachable history, assessments it allows).
pub fn update_config(deps: DepsMut, info: MessageInfo, u: ConfigUpdate) -> Result<Response, ContractError> {
    let mut cfg = CONFIG.load(deps.storage)?;
    ensure_owner(&cfg, &info, "update the config")?;
    let old_round_secs = cfg.round_secs;
    let old_need = uses_history(&cfg.method).then(|| min_observations(cfg.confidence_bps));
    let ewma_was_on = cfg.ewma_lambda.is_some();
    let old_backtest = cfg.backtest;
    if let Some(w) = apply_update(&mut cfg, u) {
        cfg.backtest = crate::backtest::zones_of(w)?;
    }
    validate(&mut cfg)?;
    check_fits_state(deps.storage, &cfg)?;
    // Old rounds keep the spacing they were recorded at (Δt stored per round; rounds from
    // before that keep the round_secs in force now, pinned before it can change).
    pin_legacy_dt_to(deps.storage, old_round_secs)?;
    check_reachable(deps.storage, &cfg)?;
    check_history_suffices(deps.storage, &cfg, old_need)?;
    if ewma_was_on && cfg.ewma_lambda.is_none() {
        clear_ewma(deps.storage)?;
    }
    // A new backtest window carries each market's most recent verdicts over (off drops them).
    crate::backtest::rewindow_all(deps.storage, old_backtest, cfg.backtest)?;
    CONFIG.save(deps.storage, &cfg)?;
    Ok(Response::new().add_attribute("action", "update_config"))
}

/// Writes every field `u` sets into `cfg` (unvalidated) and returns the backtest window it
/// asks for (stored as cut-offs by the caller). `ConfigUpdate` is destructured in full, from
/// the lists below (no `..`): a field added to it does not compile until it is listed here.
fn apply_update(cfg: &mut Config, u: ConfigUpdate) -> Option<u32> {
    macro_rules! apply {
        (set: $($f:ident),*; optional: $($o:ident),*; boxed: $g:ident; ewma: $e:ident; backtest: $b:ident) => {
            let ConfigUpdate { $($f,)* $($o,)* $g, $e, $b } = u;
            // Absent = unchanged.
            $( if let Some(v) = $f { cfg.$f = v; } )*
            // The optional fields likewise (so they cannot be reset to their default).
            $( if $o.is_some() { cfg.$o = $o; } )*
            if $g.is_some() {
                cfg.$g = $g;
            }
            // `"0"` turns EWMA off.
            if let Some(l) = $e {
                cfg.$e = if l.is_zero() { None } else { Some(l) };
            }
            // `0` turns backtesting off.
            return $b;
        };
    }
    apply!(
        set: confidence_bps, horizon_secs, max_staleness_secs, method, requirement_multiplier, min_requirement,
            cover_n, claim_multiple, history_len, round_secs, max_move_bps, max_markets, max_exposures, max_paths,
            max_scenarios, max_feeder_spread_bps;
        optional: min_feeders, submission_ttl_secs, option_ladder_points, short_option_min_bps,
            max_option_legs, max_vol_move_bps;
        boxed: option_grid;
        ewma: ewma_lambda;
        backtest: backtest_window
    );
}

/// The limits stay above what is stored: the markets in slots and the scenarios.
fn check_fits_state(storage: &dyn Storage, cfg: &Config) -> Result<(), ContractError> {
    let listed = SLOTS.load(storage)?.iter().filter(|s| s.is_some()).count();
    if u64_of_usize(listed) > u64::from(cfg.max_markets) {
        return Err(invalid(format!(
            "max_markets {} below the {listed} markets in slots (listed or delisted)",
            cfg.max_markets
        )));
    }
    if SCENARIOS.load(storage)?.len() > usize_of_u32(cfg.max_scenarios) {
        return Err(invalid(format!("max_scenarios {} below the scenarios set", cfg.max_scenarios)));
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

/// Owner: hands the contract to `owner`.
pub fn transfer_ownership(deps: DepsMut, info: MessageInfo, owner: String) -> Result<Response, ContractError> {
    let mut cfg = CONFIG.load(deps.storage)?;
    ensure_owner(&cfg, &info, "transfer ownership")?;
    cfg.owner = deps.api.addr_validate(&owner)?;
    CONFIG.save(deps.storage, &cfg)?;
    Ok(Response::new().add_attribute("action", "transfer_ownership").add_attribute("owner", owner))
}
