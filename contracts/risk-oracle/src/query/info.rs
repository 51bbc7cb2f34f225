//! `config`, `market`, `markets`, `correlation`.

use cosmwasm_std::{Deps, Order, SignedDecimal};
use cw_storage_plus::Bound;
use risk_math::conv::{u64_of_usize, usize_of_u32};
use risk_pool::oracle::{ConfigResponse, CorrelationResponse, MarketResponse, MarketsResponse};

use crate::error::ContractError;
use crate::limits::{DEFAULT_PAGE, MAX_PAGE};
use crate::state::{load_market, Config, Market, CONFIG, MARKETS, PAIRS, ROUNDS, SCENARIOS};

pub fn config(deps: Deps) -> Result<ConfigResponse, ContractError> {
    let c = CONFIG.load(deps.storage)?;
    let rounds = ROUNDS.load(deps.storage)?;
    let (min_feeders, submission_ttl_secs) = (c.min_feeders(), c.submission_ttl());
    let (option_ladder_points, short_option_min_bps) = (c.ladder_points(), c.short_option_min_bps());
    let (max_option_legs, max_vol_move_bps) = (c.max_option_legs(), c.max_vol_move_bps());
    let backtest_window = c.backtest.map_or(0, |z| z.window);
    Ok(ConfigResponse {
        owner: c.owner,
        feeders: c.feeders,
        confidence_bps: c.confidence_bps,
        horizon_secs: c.horizon_secs,
        max_staleness_secs: c.max_staleness_secs,
        method: c.method,
        requirement_multiplier: c.requirement_multiplier,
        min_requirement: c.min_requirement,
        cover_n: c.cover_n,
        claim_multiple: c.claim_multiple,
        history_len: c.history_len,
        round_secs: c.round_secs,
        max_move_bps: c.max_move_bps,
        ewma_lambda: c.ewma_lambda,
        max_markets: c.max_markets,
        max_exposures: c.max_exposures,
        max_paths: c.max_paths,
        max_scenarios: c.max_scenarios,
        min_feeders,
        submission_ttl_secs,
        max_feeder_spread_bps: c.max_feeder_spread_bps,
        option_ladder_points,
        short_option_min_bps,
        max_option_legs,
        max_vol_move_bps,
        backtest_window,
        option_grid: c.option_grid.map(|g| *g),
        stress_scenarios: SCENARIOS.load(deps.storage)?.into_iter().map(Into::into).collect(),
        rounds: rounds.count,
        last_round_at: rounds.last_at,
    })
}

/// What `history_rounds`, the volatility in force and the risk factor are counted against,
/// read once per query.
struct Window {
    rounds: u64,
    history_len: u64,
    ewma_on: bool,
    need: u64,
    cfg: Config,
}

fn history_window(deps: Deps) -> Result<Window, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    let need = u64_of_usize(risk_math::measures::min_observations(cfg.confidence_bps));
    Ok(Window {
        rounds: ROUNDS.load(deps.storage)?.count,
        history_len: u64::from(cfg.history_len),
        ewma_on: cfg.ewma_lambda.is_some(),
        need,
        cfg,
    })
}

fn response(id: String, m: Market, w: &Window) -> Result<MarketResponse, ContractError> {
    let (since, cap) = m.window(w.rounds, w.need);
    let rounds = cap.map_or(w.rounds, |d| d.min(w.rounds));
    let (history_len, ewma_on) = (w.history_len, w.ewma_on);
    let risk_factor = crate::backtest::response_factor(&w.cfg, &m)?;
    Ok(MarketResponse {
        id,
        price: m.price,
        delisted: m.delisted_round.is_some(),
        volatility: m.effective_volatility(ewma_on),
        implied_vol: Some(m.implied_volatility(ewma_on)),
        base_volatility: m.volatility,
        ewma_volatility: m.ewma_vol,
        updated_at: m.updated_at,
        history_rounds: rounds.saturating_sub(since).min(history_len),
        risk_factor,
    })
}

pub fn market(deps: Deps, id: String) -> Result<MarketResponse, ContractError> {
    let m = load_market(deps.storage, &id)?;
    response(id, m, &history_window(deps)?)
}

pub fn markets(deps: Deps, start_after: Option<String>, limit: Option<u32>) -> Result<MarketsResponse, ContractError> {
    let limit = usize_of_u32(limit.unwrap_or(DEFAULT_PAGE).min(MAX_PAGE));
    let start = start_after.as_deref().map(Bound::exclusive);
    let page: Vec<(String, Market)> =
        MARKETS.range(deps.storage, start, None, Order::Ascending).take(limit).collect::<Result<_, _>>()?;
    let window = history_window(deps)?;
    let markets = page.into_iter().map(|(id, m)| response(id, m, &window)).collect::<Result<_, _>>()?;
    Ok(MarketsResponse { markets })
}

pub fn correlation(deps: Deps, a: String, b: String) -> Result<CorrelationResponse, ContractError> {
    for id in [&a, &b] {
        if !MARKETS.has(deps.storage, id) {
            return Err(ContractError::UnknownMarket { market: id.clone() });
        }
    }
    let rho = if a == b {
        SignedDecimal::one()
    } else {
        let key = if a < b { (a.as_str(), b.as_str()) } else { (b.as_str(), a.as_str()) };
        PAIRS.may_load(deps.storage, key)?.unwrap_or_default()
    };
    Ok(CorrelationResponse { a, b, rho })
}
