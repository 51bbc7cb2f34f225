//! Entry points: a thin dispatcher, one function per message (in `execute/`), nothing decided
//! here. Every place the DEX touches the vault goes through `VaultContract`.

#[cfg(not(feature = "library"))]
use cosmwasm_std::entry_point;
use cosmwasm_std::{Binary, Deps, DepsMut, Env, MessageInfo, Reply, Response};

use crate::error::ContractError;
use crate::execute::{claims, operator, premium, report, settle, trade};
use crate::msg::{ExecuteMsg, InstantiateMsg, QueryMsg};
use crate::state::{Series, CONFIG, REPORT_REPLY};
use risk_pool::Amount;

pub use crate::instantiate::CONTRACT_NAME;

/// `instantiate` (see [`crate::instantiate::instantiate`]).
#[cfg_attr(not(feature = "library"), entry_point)]
pub fn instantiate(
    deps: DepsMut,
    _env: Env,
    _info: MessageInfo,
    msg: InstantiateMsg,
) -> Result<Response, ContractError> {
    crate::instantiate::instantiate(deps, msg)
}

/// `execute`: one function per message.
#[cfg_attr(not(feature = "library"), entry_point)]
pub fn execute(deps: DepsMut, env: Env, info: MessageInfo, msg: ExecuteMsg) -> Result<Response, ContractError> {
    match msg {
        ExecuteMsg::SetPrice { market, price } => operator::set_price(deps, &env, &info, market, price),
        ExecuteMsg::ListSeries { market, kind, strike, expiry, premium } => {
            let series = Series { market, kind, strike, expiry, premium, open_size: Amount::ZERO };
            operator::list_series(deps, &env, &info, series)
        }
        ExecuteMsg::Quote { series_id, premium } => operator::quote(deps, &info, series_id, premium),
        ExecuteMsg::Buy { series_id, size } => trade::buy(deps, &env, info, series_id, size),
        ExecuteMsg::Settle { position_id } => settle::settle(deps, &env, position_id),
        ExecuteMsg::PayPremium {} => premium::pay_premium(deps, &env),
        ExecuteMsg::FundContribution {} => operator::fund_contribution(deps, &info),
        ExecuteMsg::SyncExposure {} => {
            let cfg = CONFIG.load(deps.storage)?;
            report::sync_exposure(deps, &env, &cfg)
        }
    }
}

/// `reply`: a settlement's refused exposure report (`REPORT_REPLY`, on error only), or a
/// claim's outcome, keyed by the position id.
#[cfg_attr(not(feature = "library"), entry_point)]
pub fn reply(deps: DepsMut, env: Env, msg: Reply) -> Result<Response, ContractError> {
    if msg.id != REPORT_REPLY {
        return claims::claim_reply(deps, msg);
    }
    match msg.result {
        cosmwasm_std::SubMsgResult::Err(reason) => report::report_refused(deps, &env, reason),
        cosmwasm_std::SubMsgResult::Ok(_) => Ok(Response::new()),
    }
}

/// `query` (see [`crate::query`]).
#[cfg_attr(not(feature = "library"), entry_point)]
pub fn query(deps: Deps, env: Env, msg: QueryMsg) -> Result<Binary, ContractError> {
    crate::query::dispatch(deps, &env, msg)
}
