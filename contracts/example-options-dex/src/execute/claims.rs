//! Bad debt: what the float cannot pay of a settlement is claimed from the pool with
//! `claim_loss` as a submessage replying always, so a settled, a pending and a failed claim are
//! all handled in [`claim_reply`] from the response data (or the vault's error); the log is
//! `risk_pool::claims`. The reply id is the position id.
//!
//! The claim's recipient is the holder (unlike the perp DEX, which pays the trader first and is
//! repaid): the DEX has not got the money. A settled claim pays the holder in the same
//! transaction; a pending one when the vault's owner approves it; a failed one leaves the debt
//! recorded with the vault's error.

use cosmwasm_std::{Addr, DepsMut, Reply, Response, Storage, SubMsg};
use risk_pool::claims::{ClaimRecord, ClaimReplied};
use risk_pool::vault::ClaimStatus;
use risk_pool::Amount;

use crate::error::ContractError;
use crate::state::{Config, BAD_DEBT, CLAIMS};

/// Records the claim of `bad_debt` for `position_id` and returns the `claim_loss` submessage,
/// paid to `holder`.
pub fn claim_bad_debt(
    storage: &mut dyn Storage,
    cfg: &Config,
    position_id: u64,
    holder: &Addr,
    bad_debt: Amount,
) -> Result<SubMsg, ContractError> {
    let (debt, covered) = BAD_DEBT.load(storage)?;
    BAD_DEBT.save(storage, &(debt.checked_add(bad_debt)?, covered))?;
    CLAIMS.push(storage, ClaimRecord::new(position_id, bad_debt, Some(holder.clone())))?;
    let memo = Some(format!("option position {position_id}"));
    Ok(cfg.vault.claim_loss_submsg(position_id, bad_debt, holder.as_str(), memo)?)
}

/// The claim's outcome, into its record: the vault's figures (a settled claim's escrow and pool
/// parts went to the holder: `covered`), or its error (the settlement still stands; the debt
/// stays recorded).
pub fn claim_reply(deps: DepsMut, msg: Reply) -> Result<Response, ContractError> {
    let outcome = CLAIMS.record_reply(deps.storage, msg)?;
    if let ClaimReplied::Answered { status: ClaimStatus::Settled, paid } = &outcome {
        let (debt, covered) = BAD_DEBT.load(deps.storage)?;
        BAD_DEBT.save(deps.storage, &(debt, covered.checked_add(*paid)?))?;
    }
    Ok(Response::new().add_attribute("action", "claim_reply").add_attribute("claim_outcome", outcome.name()))
}
