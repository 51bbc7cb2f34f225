//! `instantiate`: the configuration from SPEC's instantiate message, validated, then the
//! initial markets, correlations and stress scenarios.

use cosmwasm_std::{DepsMut, Env, MessageInfo, Response};
use risk_pool::oracle::InstantiateMsg;

use crate::config::{check_reachable, validate, validate_feeders, validate_scenarios};
use crate::error::ContractError;
use crate::execute::correlations;
use crate::execute::markets::{add_market, validate_market};
use crate::limits::*;
use crate::state::{save_scenarios, Config, Rounds, StoredQ64, CONFIG, MARKETS, ROUNDS, SLOTS};

/// The stored configuration of `msg` (defaults filled in), before validation.
fn config_of(deps: &DepsMut, msg: &InstantiateMsg) -> Result<Config, ContractError> {
    Ok(Config {
        owner: deps.api.addr_validate(&msg.owner)?,
        feeders: validate_feeders(deps.api, &msg.feeders)?,
        confidence_bps: msg.confidence_bps,
        horizon_secs: msg.horizon_secs,
        max_staleness_secs: msg.max_staleness_secs,
        method: msg.method.clone(),
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
        // Computed by `validate`.
        z: StoredQ64::default(),
        es_factor: StoredQ64::default(),
        min_feeders: msg.min_feeders,
        submission_ttl_secs: msg.submission_ttl_secs,
        max_feeder_spread_bps: msg.max_feeder_spread_bps.unwrap_or(DEFAULT_MAX_FEEDER_SPREAD_BPS),
        option_grid: None,
        option_ladder_points: None,
        short_option_min_bps: None,
        max_option_legs: None,
        max_vol_move_bps: None,
        backtest: crate::backtest::zones_of(msg.backtest_window.unwrap_or(0))?,
    })
}

/// Stores the validated configuration, lists `msg.markets`, applies `msg.correlations` (the
/// matrix must be positive semi-definite) and sets `msg.stress_scenarios`.
pub fn instantiate(
    mut deps: DepsMut,
    env: Env,
    _info: MessageInfo,
    msg: InstantiateMsg,
) -> Result<Response, ContractError> {
    let mut cfg = config_of(&deps, &msg)?;
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
        add_market(&mut deps, now, &m.id, m.price, m.volatility, None)?;
    }
    correlations::apply(&mut deps, &msg.correlations)?;
    validate_scenarios(deps.storage, &cfg, &msg.stress_scenarios)?;
    let markets = msg.markets.len();
    save_scenarios(deps.storage, msg.stress_scenarios)?;
    Ok(Response::new()
        .add_attribute("action", "instantiate")
        .add_attribute("owner", cfg.owner)
        .add_attribute("markets", markets.to_string()))
}
