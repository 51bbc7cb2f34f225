//! Queries, answered from the stored structs.

use cosmwasm_std::{to_json_binary, Binary, Deps, Env};
use risk_pool::Amount;

use crate::error::ContractError;
use crate::execute::float;
use crate::execute::report::net_exposure;
use crate::msg::{Position, QueryMsg, QuoteResponse, Series, StateResponse};
use crate::payoff::premium;
use crate::state::{BAD_DEBT, CLAIMS, CONFIG, FEES, POSITIONS, REPORT_PENDING, SERIES};

/// Routes each query to its function.
pub fn dispatch(deps: Deps, env: &Env, msg: QueryMsg) -> Result<Binary, ContractError> {
    Ok(match msg {
        QueryMsg::State {} => to_json_binary(&state(deps, env)?)?,
        QueryMsg::Series { id } => to_json_binary(&series(deps, id)?)?,
        QueryMsg::Quote { series_id, size } => to_json_binary(&quote(deps, series_id, size)?)?,
        QueryMsg::Position { id } => to_json_binary(&position(deps, id)?)?,
    })
}

/// The books, the claim records, the net book and the pending report, if any.
fn state(deps: Deps, env: &Env) -> Result<StateResponse, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    let (bad_debt, covered) = BAD_DEBT.load(deps.storage)?;
    Ok(StateResponse {
        float: float(deps, env, &cfg)?,
        vault: cfg.vault.addr(),
        asset: cfg.asset,
        fees: FEES.load(deps.storage)?,
        bad_debt,
        covered,
        claims: CLAIMS.load(deps.storage)?,
        net_exposure: net_exposure(deps.storage, env.block.time.seconds())?,
        report_pending: REPORT_PENDING.may_load(deps.storage)?,
    })
}

/// One series.
fn series(deps: Deps, id: u64) -> Result<Series, ContractError> {
    let s = SERIES.may_load(deps.storage, id)?.ok_or(ContractError::SeriesNotFound { series_id: id })?;
    Ok(s.to_msg(id))
}

/// The premium `buy {series_id, size}` takes now: ⌈size · quote⌉.
fn quote(deps: Deps, series_id: u64, size: Amount) -> Result<QuoteResponse, ContractError> {
    let s = SERIES.may_load(deps.storage, series_id)?.ok_or(ContractError::SeriesNotFound { series_id })?;
    Ok(QuoteResponse { premium: premium(size, s.premium)? })
}

/// One position, settled or not.
fn position(deps: Deps, id: u64) -> Result<Position, ContractError> {
    let p = POSITIONS.may_load(deps.storage, id)?.ok_or(ContractError::PositionNotFound { position_id: id })?;
    Ok(p.to_msg(id))
}
