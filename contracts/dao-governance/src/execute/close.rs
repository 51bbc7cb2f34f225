//! `close`: writes down the end of a proposal that no longer runs.

use cosmwasm_std::{DepsMut, Env, Response};
use risk_pool::dao::Status;

use crate::error::ContractError;
use crate::execute::{load_as_of, now};
use crate::state::{load_proposal, CONFIG, PROPOSALS};

/// An ended unpassed proposal is stored `rejected`, a passed one past its window `expired`, an
/// `execution_failed` one `closed`; anything else is `NotClosable`.
pub fn close(deps: DepsMut, env: &Env, id: u64) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    let mut p = load_as_of(&deps, &cfg, id, now(env))?;
    let stored = load_proposal(deps.storage, id)?.status;
    p.status = match (&stored, &p.status) {
        (Status::Open, Status::Rejected) | (Status::Passed, Status::Expired) | (Status::Open, Status::Expired) => {
            p.status.clone()
        }
        (Status::ExecutionFailed, _) => Status::Closed,
        _ => return Err(ContractError::NotClosable { id, status: p.status.to_string() }),
    };
    PROPOSALS.save(deps.storage, id, &p)?;
    Ok(Response::new()
        .add_attribute("action", "close")
        .add_attribute("proposal_id", id.to_string())
        .add_attribute("status", p.status.as_str()))
}
