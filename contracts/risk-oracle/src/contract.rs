//! Entry points: a thin dispatcher over one module per action.

#[cfg(not(feature = "library"))]
use cosmwasm_std::entry_point;
use cosmwasm_std::{to_json_binary, Binary, Deps, DepsMut, Env, MessageInfo, Response};
use risk_pool::oracle::{ExecuteMsg, InstantiateMsg, MigrateMsg, QueryMsg};

use crate::error::ContractError;
use crate::execute::{admin, correlations, markets, prices};
use crate::query::{assess, info};

pub const CONTRACT_NAME: &str = "crates.io:risk-oracle";
pub const CONTRACT_VERSION: &str = env!("CARGO_PKG_VERSION");

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn instantiate(deps: DepsMut, env: Env, info: MessageInfo, msg: InstantiateMsg) -> Result<Response, ContractError> {
    cw2::set_contract_version(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    crate::instantiate::instantiate(deps, env, info, msg)
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn execute(deps: DepsMut, env: Env, info: MessageInfo, msg: ExecuteMsg) -> Result<Response, ContractError> {
    cw_utils::nonpayable(&info).map_err(|_| ContractError::FundsNotAccepted {})?;
    match msg {
        ExecuteMsg::SetPrices { prices } => prices::set_prices(deps, env, info, prices),
        ExecuteMsg::UpsertMarket { id, price, volatility, implied_vol } => {
            markets::upsert(deps, env, info, id, price, volatility, implied_vol)
        }
        ExecuteMsg::SetVolatility { market, volatility } => markets::set_volatility(deps, info, market, volatility),
        ExecuteMsg::RemoveMarket { id } => markets::remove(deps, info, id),
        ExecuteMsg::SetCorrelations { pairs } => correlations::set(deps, info, pairs),
        ExecuteMsg::SetStressScenarios { scenarios } => admin::set_stress_scenarios(deps, info, scenarios),
        ExecuteMsg::SetFeeders { feeders } => admin::set_feeders(deps, info, feeders),
        ExecuteMsg::UpdateConfig(update) => admin::update_config(deps, info, update),
        ExecuteMsg::TransferOwnership { owner } => admin::transfer_ownership(deps, info, owner),
    }
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn query(deps: Deps, env: Env, msg: QueryMsg) -> Result<Binary, ContractError> {
    Ok(match msg {
        QueryMsg::Assess { exposures } => to_json_binary(&assess::assess(deps, &env, &exposures)?)?,
        QueryMsg::Requirement { exposures } => to_json_binary(&assess::requirement(deps, &env, &exposures)?)?,
        QueryMsg::ClaimLimit { exposures } => to_json_binary(&assess::claim_limit(deps, &env, &exposures)?)?,
        QueryMsg::PoolRequirement { members } => to_json_binary(&assess::pool_requirement(deps, &members)?)?,
        QueryMsg::Config {} => to_json_binary(&info::config(deps)?)?,
        QueryMsg::Market { id } => to_json_binary(&info::market(deps, id)?)?,
        QueryMsg::Markets { start_after, limit } => to_json_binary(&info::markets(deps, start_after, limit)?)?,
        QueryMsg::Correlation { a, b } => to_json_binary(&info::correlation(deps, a, b)?)?,
        QueryMsg::Backtest { market } => to_json_binary(&crate::backtest::query(deps, market)?)?,
    })
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn migrate(deps: DepsMut, _env: Env, _msg: MigrateMsg) -> Result<Response, ContractError> {
    risk_pool::migrate::ensure_upgrade(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    admin::pin_legacy_dt(deps.storage)?;
    Ok(Response::new().add_attribute("action", "migrate").add_attribute("version", CONTRACT_VERSION))
}
