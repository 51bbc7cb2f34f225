//! Instantiate and the owner's configuration actions.

use cosmwasm_std::{Addr, Api, Decimal, DepsMut, Env, Int128, MessageInfo, Response, SignedDecimal};
use risk_math::measures::min_observations;
use risk_math::normal::var_es_factors;
use risk_pool::oracle::{ConfigUpdate, InstantiateMsg, Method, StressScenario};

use crate::error::ContractError;
use crate::execute::markets::{add_market, validate_market};
use crate::execute::{correlations, ensure_owner};
use crate::limits::*;
use crate::state::{Config, Rounds, CONFIG, MARKETS, ROUNDS, SCENARIOS, SLOTS};

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
        let draws = paths as u64 * cfg.max_markets as u64;
        if draws > MAX_MC_DRAWS {
            return Err(ContractError::LimitExceeded {
                what: "monte carlo draws (paths × max_markets)",
                count: draws,
                max: MAX_MC_DRAWS,
            });
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
    Ok(())
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
    };
    validate(&mut cfg)?;
    CONFIG.save(deps.storage, &cfg)?;
    SLOTS.save(deps.storage, &vec![])?;
    ROUNDS.save(deps.storage, &Rounds::default())?;
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
    CONFIG.save(deps.storage, &cfg)?;
    Ok(Response::new().add_attribute("action", "set_feeders").add_attribute("feeders", feeders.len().to_string()))
}

pub fn update_config(deps: DepsMut, info: MessageInfo, u: ConfigUpdate) -> Result<Response, ContractError> {
    let mut cfg = CONFIG.load(deps.storage)?;
    ensure_owner(&cfg, &info, "update the config")?;
    macro_rules! set {
        ($($f:ident),*) => { $( if let Some(v) = u.$f.clone() { cfg.$f = v; } )* };
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
        max_scenarios
    );
    if let Some(l) = u.ewma_lambda {
        cfg.ewma_lambda = if l.is_zero() { None } else { Some(l) };
    }
    validate(&mut cfg)?;
    let listed = SLOTS.load(deps.storage)?.iter().filter(|s| s.is_some()).count() as u32;
    if listed > cfg.max_markets {
        return Err(invalid(format!("max_markets {} below the {listed} markets listed", cfg.max_markets)));
    }
    if SCENARIOS.load(deps.storage)?.len() as u32 > cfg.max_scenarios {
        return Err(invalid(format!("max_scenarios {} below the scenarios set", cfg.max_scenarios)));
    }
    CONFIG.save(deps.storage, &cfg)?;
    Ok(Response::new().add_attribute("action", "update_config"))
}

pub fn transfer_ownership(deps: DepsMut, info: MessageInfo, owner: String) -> Result<Response, ContractError> {
    let mut cfg = CONFIG.load(deps.storage)?;
    ensure_owner(&cfg, &info, "transfer ownership")?;
    cfg.owner = deps.api.addr_validate(&owner)?;
    CONFIG.save(deps.storage, &cfg)?;
    Ok(Response::new().add_attribute("action", "transfer_ownership").add_attribute("owner", owner))
}
