//! Premiums to the vault: the DEX pays its member premium out of the share of option premiums
//! it set aside (`fee_bps`); what exceeds the amount due is prepaid premium.

use cosmwasm_std::{DepsMut, Env, Response};

use crate::error::ContractError;
use crate::state::{CONFIG, FEES};
use risk_pool::Amount;

/// `pay_premium` (anyone): everything set aside to the vault as this member's premium.
pub fn pay_premium(deps: DepsMut, env: &Env) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    let fees = FEES.load(deps.storage)?;
    if fees.is_zero() {
        return Err(ContractError::NoFees {});
    }
    FEES.save(deps.storage, &Amount::ZERO)?;
    Ok(Response::new()
        .add_message(cfg.vault.pay_premium(&cfg.asset, env.contract.address.as_str(), fees)?)
        .add_attribute("action", "pay_premium")
        .add_attribute("amount", fees.to_string()))
}
