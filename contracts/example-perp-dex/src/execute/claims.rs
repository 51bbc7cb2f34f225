//! Bad debt: claimed from the pool with `claim_loss` as a submessage replying always, so a
//! settled, a pending and a failed claim are all handled in [`claim_reply`] from the response
//! data (or the vault's error); the log is `risk_pool::claims`. The reply id is the position id.

use cosmwasm_std::{DepsMut, Env, Reply, Response, Storage, SubMsg};
use risk_pool::claims::{ClaimRecord, ClaimReplied};
use risk_pool::vault::ClaimStatus;
use risk_pool::Amount;

use crate::error::ContractError;
use crate::state::{Config, BAD_DEBT, CLAIMS};

/// Records the claim of `bad_debt` for `position_id` and returns the `claim_loss` submessage
/// (paid to this contract, which paid the trader's loss).
pub fn claim_bad_debt(
    storage: &mut dyn Storage,
    cfg: &Config,
    env: &Env,
    position_id: u64,
    bad_debt: Amount,
) -> Result<SubMsg, ContractError> {
    let (debt, recovered) = BAD_DEBT.load(storage)?;
    BAD_DEBT.save(storage, &(debt.checked_add(bad_debt)?, recovered))?;
    CLAIMS.push(storage, ClaimRecord::new(position_id, bad_debt, None))?;
    let memo = Some(format!("position {position_id}"));
    Ok(cfg.vault.claim_loss_submsg(position_id, bad_debt, env.contract.address.as_str(), memo)?)
}

/// The claim's outcome, into its record: the vault's figures (a settled claim's escrow and pool
/// parts came back to us: `recovered`), or its error (the close still stands; the debt stays
/// recorded).
pub fn claim_reply(deps: DepsMut, msg: Reply) -> Result<Response, ContractError> {
    let outcome = CLAIMS.record_reply(deps.storage, msg)?;
    if let ClaimReplied::Answered { status: ClaimStatus::Settled, paid } = &outcome {
        let (debt, recovered) = BAD_DEBT.load(deps.storage)?;
        BAD_DEBT.save(deps.storage, &(debt, recovered.checked_add(*paid)?))?;
    }
    Ok(Response::new().add_attribute("action", "claim_reply").add_attribute("claim_outcome", outcome.name()))
}
