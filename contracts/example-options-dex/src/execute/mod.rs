//! One function per message, grouped by what it touches: `operator` (prices, series, quotes,
//! the vault contribution), `trade` (buy), `settle` (expiry), `report` (the exposure report
//! pattern), `claims` (bad debt through `claim_loss`), `premium` (the vault's member premium).

pub mod claims;
pub mod operator;
pub mod premium;
pub mod report;
pub mod settle;
pub mod trade;

use cosmwasm_std::{Addr, Deps, Env, MessageInfo};
use risk_pool::vault::AssetInfo;
use risk_pool::Amount;

use crate::error::ContractError;
use crate::state::{Config, FEES};

/// The settlement denom (this example settles in a native denom only).
pub fn denom(cfg: &Config) -> Result<&str, ContractError> {
    match &cfg.asset {
        AssetInfo::Native(denom) => Ok(denom),
        AssetInfo::Cw20(_) => Err(ContractError::NativeOnly {}),
    }
}

/// The settlement coins attached to the message (other denoms are ignored).
pub fn paid_amount(cfg: &Config, info: &MessageInfo) -> Result<Amount, ContractError> {
    let denom = denom(cfg)?;
    let paid = info.funds.iter().filter(|c| c.denom == denom).map(|c| Amount::from(c.amount));
    Ok(Amount::checked_sum(paid)?)
}

/// The float: what pays holders at expiry, the DEX's balance less the premium set aside for the
/// vault (0 if the balance is below it).
pub fn float(deps: Deps, env: &Env, cfg: &Config) -> Result<Amount, ContractError> {
    let balance = risk_pool::helpers::native_balance(&deps.querier, env.contract.address.as_str(), denom(cfg)?)?;
    Ok(Amount::from(balance).saturating_sub(FEES.load(deps.storage)?))
}

/// `NotOperator` unless `sender` is the operator.
pub fn ensure_operator(cfg: &Config, sender: &Addr, action: &'static str) -> Result<(), ContractError> {
    if *sender != cfg.operator {
        return Err(ContractError::NotOperator { operator: cfg.operator.clone(), sender: sender.clone(), action });
    }
    Ok(())
}
