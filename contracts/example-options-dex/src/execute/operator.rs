//! The operator's messages: market prices, series and their premium quotes, and the DEX's
//! member contribution.

use cosmwasm_std::{Decimal, DepsMut, Env, MessageInfo, Response};

use crate::error::ContractError;
use crate::execute::{ensure_operator, paid_amount};
use crate::state::{all_series, Mark, Series, CONFIG, MAX_SERIES, PRICES, SERIES, SERIES_COUNT};

/// `set_price`: the price of `market`, stamped with the block time (the DEX is told prices; it
/// has no oracle). An expiry settles at a mark made at or after it.
pub fn set_price(
    deps: DepsMut,
    env: &Env,
    info: &MessageInfo,
    market: String,
    price: Decimal,
) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    ensure_operator(&cfg, &info.sender, "set prices")?;
    if price.is_zero() {
        return Err(ContractError::ZeroPrice { market });
    }
    PRICES.save(deps.storage, &market, &Mark { price, at: env.block.time.seconds() })?;
    Ok(Response::new().add_attribute("action", "set_price"))
}

/// `list_series`: a new series the DEX writes (strike > 0, expiry in the future, not listed
/// already — the vault refuses two legs of one series —, at most [`MAX_SERIES`]).
pub fn list_series(deps: DepsMut, env: &Env, info: &MessageInfo, series: Series) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    ensure_operator(&cfg, &info.sender, "list series")?;
    if series.strike.is_zero() {
        return Err(ContractError::ZeroStrike {});
    }
    let now = env.block.time.seconds();
    if series.expiry <= now {
        return Err(ContractError::ExpiryNotInFuture { expiry: series.expiry, now });
    }
    for listed in all_series(deps.storage) {
        let (series_id, s) = listed?;
        if (&s.market, s.kind, s.strike, s.expiry) == (&series.market, series.kind, series.strike, series.expiry) {
            return Err(ContractError::SeriesExists { series_id });
        }
    }
    let id = SERIES_COUNT.may_load(deps.storage)?.unwrap_or_default() + 1;
    if id > u64::from(MAX_SERIES) {
        return Err(ContractError::TooManySeries { max: MAX_SERIES });
    }
    SERIES_COUNT.save(deps.storage, &id)?;
    SERIES.save(deps.storage, id, &series)?;
    Ok(Response::new().add_attribute("action", "list_series").add_attribute("series_id", id.to_string()))
}

/// `quote`: a series' new premium quote (0 stops sales; settlement is unaffected).
pub fn quote(deps: DepsMut, info: &MessageInfo, series_id: u64, premium: Decimal) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    ensure_operator(&cfg, &info.sender, "quote premiums")?;
    let mut series = SERIES.may_load(deps.storage, series_id)?.ok_or(ContractError::SeriesNotFound { series_id })?;
    series.premium = premium;
    SERIES.save(deps.storage, series_id, &series)?;
    Ok(Response::new().add_attribute("action", "quote").add_attribute("premium", premium.to_string()))
}

/// `fund_contribution`: forwards the attached funds to the vault as the DEX's member
/// contribution (the first-loss escrow a bad-debt claim draws on before the pool, and what the
/// vault requires to cover the book's `required`).
pub fn fund_contribution(deps: DepsMut, info: &MessageInfo) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    ensure_operator(&cfg, &info.sender, "fund the contribution")?;
    let amount = paid_amount(&cfg, info)?;
    Ok(Response::new()
        .add_message(cfg.vault.member_deposit(&cfg.asset, amount)?)
        .add_attribute("action", "fund_contribution"))
}
