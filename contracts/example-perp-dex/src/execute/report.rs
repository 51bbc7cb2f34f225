//! The exposure report: how a member keeps the vault's view of its book current.
//!
//! The vault stores one *net* notional per market for the member and prices the member's
//! required contribution, and the pool's capacity, from it. The pattern:
//! - An **open** grows the risk the pool covers: its report is a plain message
//!   ([`VaultContract::report_exposure`](risk_pool::VaultContract::report_exposure)). If the vault
//!   refuses it (the contribution or the pool's capacity cannot carry the book, or the vault is
//!   paused), the whole open reverts. Opens are also refused ([`ensure_report_landed`]) while the
//!   vault's view is stale, so no new risk is taken on top of a book the pool has not seen.
//! - A **close** usually shrinks the book, but not always: with a long and a short of 500k the
//!   net is 0, and closing the short makes it +500k, an increase the vault may refuse. A close
//!   must never be held hostage by the vault (the trader's collateral would be locked for the
//!   whole pause), so its report is a submessage replying on error
//!   ([`VaultContract::report_exposure_submsg`](risk_pool::VaultContract::report_exposure_submsg)).
//!   If the vault refuses, the close still pays the trader, and [`report_refused`] records
//!   `REPORT_PENDING` (since when, and why).
//! - The pending mark clears when a report lands: the next close's report, or [`sync_exposure`]
//!   (anyone, e.g. a keeper after the vault unpauses).

use cosmwasm_std::{CosmosMsg, Deps, DepsMut, Env, Response, Storage, SubMsg};
use risk_pool::oracle::Exposure;
use risk_pool::SignedNotional;

use crate::error::ContractError;
use crate::state::{open_positions, Config, REPORT_PENDING, REPORT_REPLY};
use risk_pool::claims::PendingReport;

/// The book to report: Σ notional per market over the open positions (markets in the order of
/// their first open position).
pub fn net_exposure(storage: &dyn Storage) -> Result<Vec<Exposure>, ContractError> {
    let mut net: Vec<(String, SignedNotional)> = vec![];
    for p in open_positions(storage) {
        let p = p?;
        match net.iter_mut().find(|(market, _)| *market == p.market) {
            Some((_, notional)) => *notional = notional.checked_add(p.notional)?,
            None => net.push((p.market, p.notional)),
        }
    }
    Ok(net.into_iter().map(|(market, notional)| Exposure { market, notional, option: None }).collect())
}

/// The report of an open: a plain message (the vault refusing it reverts the open).
pub fn report(storage: &dyn Storage, cfg: &Config) -> Result<CosmosMsg, ContractError> {
    Ok(cfg.vault.report_exposure(net_exposure(storage)?)?)
}

/// The report of a close: a submessage replying on error (a refusal marks the report pending
/// and the close stands). Clears the pending mark: if this report lands, the vault's view is
/// current; if the vault refuses it, [`report_refused`] marks it pending again.
pub fn report_of_close(storage: &mut dyn Storage, cfg: &Config) -> Result<SubMsg, ContractError> {
    REPORT_PENDING.remove(storage);
    Ok(cfg.vault.report_exposure_submsg(REPORT_REPLY, net_exposure(storage)?)?)
}

/// Refuses new risk while the vault's view of the book is stale.
pub fn ensure_report_landed(deps: Deps) -> Result<(), ContractError> {
    match REPORT_PENDING.may_load(deps.storage)? {
        Some(PendingReport { since, reason }) => Err(ContractError::ReportPending { since, reason }),
        None => Ok(()),
    }
}

/// `sync_exposure` (anyone): lands a refused report. A plain message, so if the vault still
/// refuses, this transaction reverts with the vault's error and the mark stays.
pub fn sync_exposure(deps: DepsMut, cfg: &Config) -> Result<Response, ContractError> {
    let was_pending = REPORT_PENDING.may_load(deps.storage)?.is_some();
    REPORT_PENDING.remove(deps.storage);
    Ok(Response::new()
        .add_message(report(deps.storage, cfg)?)
        .add_attribute("action", "sync_exposure")
        .add_attribute("was_pending", was_pending.to_string()))
}

/// The reply to a close's refused report: keep the close, remember that the vault's view is
/// stale (restamped by each refusal).
pub fn report_refused(deps: DepsMut, env: &Env, reason: String) -> Result<Response, ContractError> {
    let since = env.block.time.seconds();
    REPORT_PENDING.save(deps.storage, &PendingReport { since, reason: reason.clone() })?;
    Ok(Response::new().add_attribute("action", "report_pending").add_attribute("reason", reason))
}
