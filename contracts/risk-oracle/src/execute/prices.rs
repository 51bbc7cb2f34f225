//! Feeders: `set_prices`, one round pricing every market.
//!
//! Guards against a single feeder flattening history or volatility in a burst: at most one
//! round per `round_secs`; every market priced in every round; any move above `max_move_bps`
//! rejects the whole round; EWMA never takes a volatility below the owner-set one.

use cosmwasm_std::{Decimal, DepsMut, Env, MessageInfo, Response};
use ethnum::U256;
use risk_math::measures::{simple_return, RET_FRAC_BITS};
use risk_math::special::sqrt_ceil;
use risk_math::{Q64, YEAR_SECS};
use risk_pool::oracle::PriceInput;

use crate::error::ContractError;
use crate::execute::markets::validate_price;
use crate::execute::{dec_q64, q64_dec_ceil};
use crate::state::{append_round, load_market, Market, CONFIG, MARKETS, ROUNDS, SLOTS};

/// |new − old|·10⁴/old, rounded up.
fn move_bps(old: Decimal, new: Decimal) -> u128 {
    let (o, n) = (old.atomics().u128(), new.atomics().u128());
    let diff = U256::from(o.abs_diff(n)) * U256::from(10_000u32);
    let o = U256::from(o);
    let q = diff / o + U256::from(u8::from(diff % o != 0));
    u128::try_from(q).unwrap_or(u128::MAX)
}

/// λ·σ²_old + (1−λ)·r²·year/Δt, the RiskMetrics recursion on annualised variance (Q64.64,
/// products rounded toward −∞); the seed σ²_old is the owner-set variance.
fn ewma_variance(m: &Market, lambda: Q64, r: i64, dt: u64) -> Result<Q64, ContractError> {
    let r = Q64((r as i128) << (64 - RET_FRAC_BITS));
    let annual = Q64(r.mul(r)?.0 * YEAR_SECS as i128 / dt as i128);
    let old = match m.ewma_var {
        Some(v) => dec_q64(v)?,
        None => {
            let v = dec_q64(m.volatility)?;
            v.mul(v)?
        }
    };
    Ok(lambda.mul(old)?.add(Q64::ONE.sub(lambda)?.mul(annual)?)?)
}

pub fn set_prices(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    prices: Vec<PriceInput>,
) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    if !cfg.feeders.contains(&info.sender) {
        return Err(ContractError::Unauthorized { role: "feeder", action: "set prices" });
    }
    let now = env.block.time.seconds();
    let mut rounds = ROUNDS.load(deps.storage)?;
    if let Some(last) = rounds.last_at {
        let next_at = last + cfg.round_secs;
        if now < next_at {
            return Err(ContractError::RoundTooSoon { next_at, now });
        }
    }
    let slots = SLOTS.load(deps.storage)?;
    let lambda = cfg.ewma_lambda.map(dec_q64).transpose()?;
    let dt = rounds.last_at.map(|t| now - t);
    let mut returns = vec![0i64; slots.len()];
    let mut seen = vec![false; slots.len()];
    let mut updated = Vec::with_capacity(prices.len());
    for p in &prices {
        let mut m = load_market(deps.storage, &p.market)?;
        let slot = m.slot as usize;
        if seen[slot] {
            return Err(ContractError::DuplicateMarket { market: p.market.clone() });
        }
        seen[slot] = true;
        validate_price(&p.market, p.price)?;
        let mv = move_bps(m.price, p.price);
        if mv > cfg.max_move_bps as u128 {
            return Err(ContractError::PriceMoveTooLarge {
                market: p.market.clone(),
                move_bps: mv,
                max_move_bps: cfg.max_move_bps,
            });
        }
        let r = simple_return(m.price.atomics().u128(), p.price.atomics().u128())?;
        returns[slot] = r;
        if let (Some(lambda), Some(dt)) = (lambda, dt) {
            let var = ewma_variance(&m, lambda, r, dt)?;
            m.ewma_var = Some(q64_dec_ceil(var)?);
            m.ewma_vol = Some(q64_dec_ceil(sqrt_ceil(var)?)?);
        }
        m.price = p.price;
        m.updated_at = now;
        updated.push((p.market.clone(), m));
    }
    if let Some(missing) = slots.iter().enumerate().find(|(i, s)| s.is_some() && !seen[*i]) {
        return Err(ContractError::IncompleteRound { missing: missing.1.clone().unwrap_or_default() });
    }
    for (id, m) in &updated {
        MARKETS.save(deps.storage, id, m)?;
    }
    append_round(deps.storage, rounds.count, &returns);
    rounds.count += 1;
    rounds.last_at = Some(now);
    ROUNDS.save(deps.storage, &rounds)?;
    Ok(Response::new()
        .add_attribute("action", "set_prices")
        .add_attribute("round", (rounds.count - 1).to_string())
        .add_attribute("markets", prices.len().to_string()))
}
