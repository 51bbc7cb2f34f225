//! The exposure report: how a member keeps the vault's view of its book current.
//!
//! The vault stores the member's book and prices its required contribution, and the pool's
//! capacity, from it. An options DEX reports **one leg per series** — market, kind, strike,
//! expiry — whose `size` is the negative sum of its unsettled positions' sizes (the DEX wrote
//! them), e.g. `{"market": "BTC-PERP", "option": {"kind": "call", "strike": "60000", "expiry":
//! 1767225600, "size": "-2000000"}}` for two BTC calls sold. Expired series are left out: the
//! vault refuses a leg whose expiry has passed (`OptionExpired`), and dropping one is always a
//! reduction.
//! - A **buy** grows the risk the pool covers: its report is a plain message
//!   ([`VaultContract::report_exposure`](risk_pool::VaultContract::report_exposure)). If the vault
//!   refuses it (the contribution below the new `required`, the pool's capacity, a pause, the
//!   oracle down), the whole buy reverts with the vault's typed error. Buys are also refused
//!   ([`ensure_report_landed`]) while the vault's view is stale.
//! - A **settlement** shrinks the book (the expired legs leave it) and must never be held hostage
//!   by the vault — the holder is owed the payoff — so its report is a submessage replying on error
//!   ([`VaultContract::report_exposure_submsg`](risk_pool::VaultContract::report_exposure_submsg)).
//!   The vault accepts a reduction paused or not, whatever the oracle answers; if it still
//!   refuses, the settlement stands and [`report_refused`] records `REPORT_PENDING`.
//! - The pending mark clears when a report lands: the next settlement's, or [`sync_exposure`].

use cosmwasm_std::{CosmosMsg, Deps, DepsMut, Env, Int128, Response, Storage, SubMsg};
use risk_pool::oracle::{Exposure, OptionLeg};

use crate::error::ContractError;
use crate::state::{all_series, Config, REPORT_PENDING, REPORT_REPLY};
use risk_pool::claims::PendingReport;

/// The book to report at block time `now`: one written leg per series that expires after `now`
/// and has open size, in series order.
pub fn net_exposure(storage: &dyn Storage, now: u64) -> Result<Vec<Exposure>, ContractError> {
    let mut book = vec![];
    for listed in all_series(storage) {
        let (series_id, s) = listed?;
        if s.expiry <= now || s.open_size.is_zero() {
            continue;
        }
        let size = i128::try_from(s.open_size.u128())
            .map_err(|_| ContractError::SizeOverflow { series_id, size: s.open_size })?;
        let leg = OptionLeg { kind: s.kind, strike: s.strike, expiry: s.expiry, size: Int128::new(-size) };
        book.push(Exposure::leg(s.market, leg));
    }
    Ok(book)
}

/// The report of a buy: a plain message (the vault refusing it reverts the buy).
pub fn report(storage: &dyn Storage, env: &Env, cfg: &Config) -> Result<CosmosMsg, ContractError> {
    Ok(cfg.vault.report_exposure(net_exposure(storage, env.block.time.seconds())?)?)
}

/// The report of a settlement: a submessage replying on error (a refusal marks the report
/// pending and the settlement stands). Clears the pending mark: if this report lands, the
/// vault's view is current; if the vault refuses it, [`report_refused`] marks it again.
pub fn report_of_settlement(storage: &mut dyn Storage, env: &Env, cfg: &Config) -> Result<SubMsg, ContractError> {
    REPORT_PENDING.remove(storage);
    let book = net_exposure(storage, env.block.time.seconds())?;
    Ok(cfg.vault.report_exposure_submsg(REPORT_REPLY, book)?)
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
pub fn sync_exposure(deps: DepsMut, env: &Env, cfg: &Config) -> Result<Response, ContractError> {
    let was_pending = REPORT_PENDING.may_load(deps.storage)?.is_some();
    REPORT_PENDING.remove(deps.storage);
    Ok(Response::new()
        .add_message(report(deps.storage, env, cfg)?)
        .add_attribute("action", "sync_exposure")
        .add_attribute("was_pending", was_pending.to_string()))
}

/// The reply to a settlement's refused report: keep the settlement, remember that the vault's
/// view is stale (restamped by each refusal).
pub fn report_refused(deps: DepsMut, env: &Env, reason: String) -> Result<Response, ContractError> {
    let since = env.block.time.seconds();
    REPORT_PENDING.save(deps.storage, &PendingReport { since, reason: reason.clone() })?;
    Ok(Response::new().add_attribute("action", "report_pending").add_attribute("reason", reason))
}
