//! Owner: `upsert_market`, `set_volatility`, `remove_market` (which delists: SPEC, "No owner
//! action may make a member's stored book unassessable").

use cosmwasm_std::{Decimal, DepsMut, Env, MessageInfo, Response};

use crate::error::ContractError;
use crate::execute::ensure_owner;
use crate::limits::{MAX_ID_LEN, MAX_VOLATILITY_PCT};
use crate::state::{load_market, Market, CONFIG, MARKETS, ROUNDS, SLOTS};
use risk_math::conv::{u32_of_usize, u64_of_usize};
use risk_math::measures::min_observations;

pub fn validate_id(id: &str) -> Result<(), ContractError> {
    let ok = !id.is_empty()
        && id.len() <= MAX_ID_LEN
        && id.bytes().all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'/' | b'.'));
    if ok {
        Ok(())
    } else {
        Err(ContractError::InvalidMarketId { id: id.to_string() })
    }
}

pub fn validate_price(market: &str, price: Decimal) -> Result<(), ContractError> {
    if price.is_zero() {
        return Err(ContractError::InvalidPrice { market: market.to_string(), price });
    }
    Ok(())
}

/// Id, price and volatility of a market being listed or updated.
pub fn validate_market(id: &str, price: Decimal, volatility: Decimal) -> Result<(), ContractError> {
    validate_id(id)?;
    validate_price(id, price)?;
    validate_volatility(id, volatility)
}

pub fn validate_volatility(market: &str, volatility: Decimal) -> Result<(), ContractError> {
    if volatility.is_zero() || volatility > Decimal::percent(MAX_VOLATILITY_PCT) {
        return Err(ContractError::InvalidVolatility { market: market.to_string(), volatility });
    }
    Ok(())
}

/// Adds a market in the first free slot, uncorrelated with every other until
/// `set_correlations`. Used by instantiate too.
pub fn add_market(
    deps: &mut DepsMut,
    now: u64,
    id: &str,
    price: Decimal,
    volatility: Decimal,
    implied_vol: Option<Decimal>,
) -> Result<(), ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    let mut slots = SLOTS.may_load(deps.storage)?.unwrap_or_default();
    let used = u64_of_usize(slots.iter().filter(|s| s.is_some()).count());
    let max = u64::from(cfg.max_markets);
    if used >= max {
        return Err(ContractError::LimitExceeded { what: "markets", count: used.saturating_add(1), max });
    }
    let slot = match slots.iter().position(|s| s.is_none()) {
        Some(free) => {
            slots[free] = Some(id.to_string());
            free
        }
        None => {
            slots.push(Some(id.to_string()));
            slots.len() - 1
        }
    };
    // slot < max_markets ≤ 32.
    let slot = u32_of_usize(slot).ok_or(ContractError::LimitExceeded { what: "markets", count: used, max })?;
    SLOTS.save(deps.storage, &slots)?;
    let rounds = ROUNDS.may_load(deps.storage)?.unwrap_or_default();
    MARKETS.save(
        deps.storage,
        id,
        &Market {
            price,
            volatility,
            ewma_var: None,
            ewma_vol: None,
            updated_at: now,
            slot,
            since_round: rounds.count,
            delisted_round: None,
            relisted: None,
            implied_vol,
            risk_factor: None,
            factor_floor: None,
            sigma_less_floor: None,
        },
    )?;
    // No matrix work: a slot past the stored matrix reads as an uncorrelated identity row (and
    // its factor row as eᵢ, which is exact). Slots are no longer freed (`remove` delists), so
    // a free slot is one freed by the old `remove`, which reset its row.
    Ok(())
}

pub fn upsert(
    mut deps: DepsMut,
    env: Env,
    info: MessageInfo,
    id: String,
    price: Decimal,
    volatility: Decimal,
    implied_vol: Option<Decimal>,
) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    ensure_owner(&cfg, &info, "upsert a market")?;
    validate_market(&id, price, volatility)?;
    if let Some(iv) = implied_vol {
        validate_volatility(&id, iv)?;
    }
    let now = env.block.time.seconds();
    let mut relisted = false;
    let created = match MARKETS.may_load(deps.storage, &id)? {
        Some(mut m) => {
            m.price = price;
            m.set_owner_volatility(volatility);
            if implied_vol.is_some() {
                m.implied_vol = implied_vol;
            }
            m.updated_at = now;
            // Relisting: rounds price it again. The rounds it missed hold a zero return for it:
            // they are never in its window (`Market::window`: the old window, frozen at the
            // delisting, until enough new rounds exist), so a stored book stays assessable
            // without being priced on returns that never happened.
            if let Some(d) = m.delisted_round.take() {
                relisted = true;
                let count = ROUNDS.may_load(deps.storage)?.unwrap_or_default().count;
                if count > d {
                    m.relisted = Some(crate::state::Relisted { frozen_end: d, at: count });
                }
            }
            MARKETS.save(deps.storage, &id, &m)?;
            false
        }
        None => {
            add_market(&mut deps, now, &id, price, volatility, implied_vol)?;
            true
        }
    };
    Ok(Response::new()
        .add_attribute("action", "upsert_market")
        .add_attribute("market", id)
        .add_attribute("price", price.to_string())
        .add_attribute("volatility", volatility.to_string())
        .add_attribute("created", created.to_string())
        .add_attribute("relisted", relisted.to_string()))
}

pub fn set_volatility(
    deps: DepsMut,
    info: MessageInfo,
    market: String,
    volatility: Decimal,
) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    ensure_owner(&cfg, &info, "set a volatility")?;
    validate_volatility(&market, volatility)?;
    let mut m = load_market(deps.storage, &market)?;
    m.set_owner_volatility(volatility);
    MARKETS.save(deps.storage, &market, &m)?;
    Ok(Response::new()
        .add_attribute("action", "set_volatility")
        .add_attribute("market", market)
        .add_attribute("volatility", volatility.to_string()))
}

/// Delists `id` (SPEC): the market stays in storage and in its slot with its correlations,
/// assessable at its last price, volatility and history (staleness ignored; a historical
/// window ends at the delisting round); rounds no longer price it. `upsert_market` relists it.
pub fn remove(deps: DepsMut, info: MessageInfo, id: String) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    ensure_owner(&cfg, &info, "remove a market")?;
    let mut m = load_market(deps.storage, &id)?;
    if m.delisted_round.is_some() {
        return Err(ContractError::MarketDelisted { market: id });
    }
    let count = ROUNDS.load(deps.storage)?.count;
    // A relisted market whose new rounds are still too few keeps the old frozen window; else
    // its window starts after the gap.
    let need = u64_of_usize(min_observations(cfg.confidence_bps));
    let (since, cap) = m.window(count, need);
    m.since_round = since;
    m.delisted_round = Some(cap.unwrap_or(count));
    if cap.is_none() {
        m.relisted = None;
    }
    MARKETS.save(deps.storage, &id, &m)?;
    Ok(Response::new()
        .add_attribute("action", "remove_market")
        .add_attribute("market", id)
        .add_attribute("delisted", "true"))
}
