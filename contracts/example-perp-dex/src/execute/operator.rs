//! The operator's messages: mark prices and the DEX's member contribution.

use cosmwasm_std::{Decimal, DepsMut, MessageInfo, Response};

use crate::error::ContractError;
use crate::execute::{ensure_operator, paid_amount};
use crate::state::{CONFIG, PRICES};

/// `set_price`: the mark price of `market` (the DEX is told prices; it has no oracle).
pub fn set_price(deps: DepsMut, info: &MessageInfo, market: String, price: Decimal) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    ensure_operator(&cfg, &info.sender, "set prices")?;
    if price.is_zero() {
        return Err(ContractError::ZeroPrice { market });
    }
    PRICES.save(deps.storage, &market, &price)?;
    Ok(Response::new().add_attribute("action", "set_price"))
}

/// `fund_contribution`: forwards the attached funds to the vault as the DEX's member
/// contribution (the first-loss escrow a bad-debt claim draws on before the pool).
pub fn fund_contribution(deps: DepsMut, info: &MessageInfo) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    ensure_operator(&cfg, &info.sender, "fund the contribution")?;
    let amount = paid_amount(&cfg, info)?;
    Ok(Response::new()
        .add_message(cfg.vault.member_deposit(&cfg.asset, amount)?)
        .add_attribute("action", "fund_contribution"))
}
