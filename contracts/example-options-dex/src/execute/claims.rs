//! Bad debt: what the float cannot pay of a settlement is claimed from the pool with
//! `claim_loss` as a submessage replying always, so a settled, a pending and a failed claim are
//! all handled in [`claim_reply`] from the response data (or the vault's error). The reply id is
//! the position id.
//!
//! The claim's recipient is the holder (unlike the perp DEX, which pays the trader first and is
//! repaid): the DEX has not got the money. A settled claim pays the holder in the same
//! transaction; a pending one when the vault's owner approves it; a failed one leaves the debt
//! recorded with the vault's error.

use cosmwasm_std::{Addr, DepsMut, Reply, Response, Storage, SubMsg};
use risk_pool::vault::{ClaimLossResponse, ClaimStatus};
use risk_pool::{Amount, VaultContract};

use crate::error::ContractError;
use crate::state::{ClaimRecord, Config, BAD_DEBT, CLAIMS, MAX_CLAIM_RECORDS};

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
    let mut claims = CLAIMS.load(storage)?;
    claims.push(ClaimRecord {
        position_id,
        holder: holder.clone(),
        bad_debt,
        claim_id: None,
        status: None,
        paid_by_member: Amount::ZERO,
        paid_by_pool: Amount::ZERO,
        denied: Amount::ZERO,
        shortfall: Amount::ZERO,
        error: None,
    });
    if claims.len() > MAX_CLAIM_RECORDS {
        claims.remove(0);
    }
    CLAIMS.save(storage, &claims)?;
    let memo = Some(format!("option position {position_id}"));
    Ok(cfg.vault.claim_loss_submsg(position_id, bad_debt, holder.as_str(), memo)?)
}

/// The claim's outcome, into its record: the vault's figures (a settled claim's escrow and pool
/// parts went to the holder: `covered`), or its error (the settlement still stands; the debt
/// stays recorded).
pub fn claim_reply(deps: DepsMut, msg: Reply) -> Result<Response, ContractError> {
    let position_id = msg.id;
    let mut claims = CLAIMS.load(deps.storage)?;
    let rec = claims
        .iter_mut()
        .rev()
        .find(|c| c.position_id == position_id)
        .ok_or(ContractError::UnknownClaimReply { position_id })?;
    let outcome = match VaultContract::parse_claim_reply(msg)? {
        Ok(data) => {
            let status = data.status.clone();
            let paid = record_answer(rec, data)?;
            if status == ClaimStatus::Settled {
                let (debt, covered) = BAD_DEBT.load(deps.storage)?;
                BAD_DEBT.save(deps.storage, &(debt, covered.checked_add(paid)?))?;
            }
            status.to_string()
        }
        Err(reason) => {
            rec.error = Some(reason);
            "failed".to_string()
        }
    };
    CLAIMS.save(deps.storage, &claims)?;
    Ok(Response::new().add_attribute("action", "claim_reply").add_attribute("claim_outcome", outcome))
}

/// Copies the vault's answer into `rec`; returns what it paid the holder (member escrow + pool
/// part).
fn record_answer(rec: &mut ClaimRecord, data: ClaimLossResponse) -> Result<Amount, ContractError> {
    let ClaimLossResponse { claim_id, status, paid_by_member, paid_by_pool, denied, shortfall } = data;
    rec.claim_id = Some(claim_id);
    rec.status = Some(status);
    rec.paid_by_member = paid_by_member;
    rec.paid_by_pool = paid_by_pool;
    rec.denied = denied;
    rec.shortfall = shortfall;
    Ok(rec.paid_by_member.checked_add(rec.paid_by_pool)?)
}
