//! `execute` (anyone, once), the DAO's self-call `execute_batch` that runs the proposal's
//! messages as one atomic submessage, and the `reply` that records a failed batch.

use cosmwasm_std::{Addr, Binary, DepsMut, Env, Response, SubMsg, WasmMsg};
use risk_pool::dao::Status;
use risk_pool::reply::{ErrorReply, Outcome};

use crate::classify::sets_unbonding;
use crate::error::ContractError;
use crate::execute::{ensure_self, expect, load_as_of, now};
use crate::state::{load_proposal, log_unbonding, CONFIG, EXECUTING, PROPOSALS};

/// Anyone, once: marks the proposal executed, then runs its messages as one submessage (a call
/// of the DAO to itself, `execute_batch`) replying on error; a failure reverts the whole batch
/// and leaves the proposal `execution_failed`. Refused (`Timelocked`) before passed_at +
/// [`crate::tally::wait_secs`], with the vault's unbonding read here (and the values recorded
/// and logged since propose); if the vault cannot be queried, `VaultUnavailable` and the
/// proposal stays passed.
pub fn execute(deps: DepsMut, env: &Env, id: u64) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    let now = now(env);
    let mut p = load_as_of(&deps, &cfg, id, now)?;
    expect(&p, Status::Passed)?;
    let executable_at = p.executable_at.unwrap_or_default();
    if now < executable_at {
        return Err(ContractError::Timelocked { id, executable_at });
    }
    p.status = Status::Executed;
    PROPOSALS.save(deps.storage, id, &p)?;
    EXECUTING.save(deps.storage, &id)?;
    let batch =
        WasmMsg::Execute { contract_addr: env.contract.address.to_string(), msg: batch_call(id), funds: vec![] };
    Ok(Response::new()
        .add_submessage(SubMsg::reply_on_error(batch, id))
        .add_attribute("action", "execute")
        .add_attribute("proposal_id", id.to_string())
        .add_attribute("msgs", p.msgs.len().to_string()))
}

/// `{"execute_batch":{"proposal_id":id}}`, the bytes `to_json_binary(&ExecuteMsg::ExecuteBatch
/// { proposal_id })` writes, without linking a serializer of the DAO's whole `ExecuteMsg` (issue
/// 15: 3.6 KB of wasm; the test below pins the bytes).
fn batch_call(id: u64) -> Binary {
    Binary::from(format!("{{\"execute_batch\":{{\"proposal_id\":{id}}}}}").into_bytes())
}

/// The DAO's self-call: dispatches an executed proposal's messages.
pub fn execute_batch(deps: DepsMut, env: &Env, sender: Addr, id: u64) -> Result<Response, ContractError> {
    ensure_self(env, &sender, "DAO itself", "execute a batch")?;
    let p = load_proposal(deps.storage, id)?;
    expect(&p, Status::Executed)?;
    // Only the batch `execute` just dispatched: an executed proposal's messages never run twice
    // (a later proposal calling the DAO's own `execute_batch` is refused).
    if EXECUTING.may_load(deps.storage)? != Some(id) {
        return Err(ContractError::Unauthorized { role: "execute of this proposal", action: "run its batch" });
    }
    EXECUTING.remove(deps.storage);
    // Log a change of the vault's unbonding (the last one of the batch is the one in force);
    // reverted with the batch if any message fails.
    let cfg = CONFIG.load(deps.storage)?;
    if let Some(u) = p.msgs.iter().rev().find_map(|m| sets_unbonding(m, &cfg.vault)) {
        log_unbonding(deps.storage, now(env), u)?;
    }
    Ok(Response::new()
        .add_messages(p.msgs)
        .add_attribute("action", "execute_batch")
        .add_attribute("proposal_id", id.to_string()))
}

/// The batch of proposal `msg.id` failed (the reply is on error only): nothing of it applied;
/// the proposal reads `execution_failed` with the reason.
pub fn reply(deps: DepsMut, msg: ErrorReply) -> Result<Response, ContractError> {
    let id = msg.id;
    let reason = match msg.result {
        Outcome::Error(e) => e,
        Outcome::Ok(_) => return Ok(Response::new()),
    };
    EXECUTING.remove(deps.storage);
    let mut p = PROPOSALS.load(deps.storage, id)?;
    p.status = Status::ExecutionFailed;
    p.failure = Some(reason.clone());
    PROPOSALS.save(deps.storage, id, &p)?;
    Ok(Response::new()
        .add_attribute("action", "execution_failed")
        .add_attribute("proposal_id", id.to_string())
        .add_attribute("reason", reason))
}

#[cfg(test)]
mod tests {
    use cosmwasm_std::to_json_binary;
    use risk_pool::dao::ExecuteMsg;

    #[test]
    fn the_batch_call_is_the_execute_msg_json() {
        for id in [0, 1, 42, u64::MAX] {
            assert_eq!(super::batch_call(id), to_json_binary(&ExecuteMsg::ExecuteBatch { proposal_id: id }).unwrap());
        }
    }
}
