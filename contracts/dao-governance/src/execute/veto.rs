//! `veto`: the guardian snapshotted at propose stops a passed proposal during its wait, unless
//! every message only unpauses the vault or changes a guardian.

use cosmwasm_std::{Addr, DepsMut, Env, Response};
use risk_pool::dao::Status;

use crate::classify::protected;
use crate::error::ContractError;
use crate::execute::{expect, load_as_of, now};
use crate::state::{CONFIG, PROPOSALS};

/// Marks the proposal `vetoed` (SPEC: `veto`).
pub fn veto(deps: DepsMut, env: &Env, sender: Addr, id: u64) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    let now = now(env);
    let mut p = load_as_of(&deps, &cfg, id, now)?;
    if p.guardian.as_ref() != Some(&sender) {
        return Err(ContractError::Unauthorized { role: "guardian snapshotted at propose", action: "veto" });
    }
    expect(&p, Status::Passed)?;
    let executable_at = p.executable_at.unwrap_or_default();
    if now >= executable_at {
        return Err(ContractError::TimelockOver { id, executable_at });
    }
    if !p.msgs.is_empty() && p.msgs.iter().all(|m| protected(m, &cfg.vault, &env.contract.address)) {
        return Err(ContractError::VetoRefused { id });
    }
    p.status = Status::Vetoed;
    PROPOSALS.save(deps.storage, id, &p)?;
    Ok(Response::new()
        .add_attribute("action", "veto")
        .add_attribute("proposal_id", id.to_string())
        .add_attribute("guardian", sender))
}
