//! Queries, answered from the stored structs.

use cosmwasm_std::{to_json_binary, Binary, Deps};

use crate::error::ContractError;
use crate::execute::report::net_exposure;
use crate::msg::{Position, QueryMsg, StateResponse};
use crate::state::{BAD_DEBT, CLAIMS, CONFIG, FEES, POSITIONS, REPORT_PENDING};

/// Routes each query to its function.
pub fn dispatch(deps: Deps, msg: QueryMsg) -> Result<Binary, ContractError> {
    Ok(match msg {
        QueryMsg::State {} => to_json_binary(&state(deps)?)?,
        QueryMsg::Position { id } => to_json_binary(&position(deps, id)?)?,
    })
}

/// The books, the claim records, the net book and the pending report, if any.
fn state(deps: Deps) -> Result<StateResponse, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    let (bad_debt, recovered) = BAD_DEBT.load(deps.storage)?;
    Ok(StateResponse {
        vault: cfg.vault.addr(),
        asset: cfg.asset,
        fees: FEES.load(deps.storage)?,
        bad_debt,
        recovered,
        claims: CLAIMS.load(deps.storage)?,
        net_exposure: net_exposure(deps.storage)?,
        report_pending: REPORT_PENDING.may_load(deps.storage)?,
    })
}

/// One position, open or closed.
fn position(deps: Deps, id: u64) -> Result<Position, ContractError> {
    let p = POSITIONS.may_load(deps.storage, id)?.ok_or(ContractError::PositionNotFound { position_id: id })?;
    Ok(p.into())
}
