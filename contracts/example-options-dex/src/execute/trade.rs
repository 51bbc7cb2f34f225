//! A trader's message: buy an option the DEX writes, paying the quoted premium; its report is a
//! plain message (see `report.rs`).

use cosmwasm_std::{DepsMut, Env, MessageInfo, Response};
use risk_pool::Amount;

use crate::error::ContractError;
use crate::execute::paid_amount;
use crate::execute::report::{ensure_report_landed, report};
use crate::payoff::premium;
use crate::state::{Position, CONFIG, FEES, NEXT_ID, POSITIONS, SERIES};

/// `buy`: checks the series is live and for sale and that exactly ⌈size · quote⌉ is attached,
/// sets `fee_bps` of the premium aside for the vault (⌊premium · fee_bps / 10⁴⌋; the rest joins
/// the float), stores the position, and reports the new net book as a plain message: the vault
/// refuses it if the DEX's contribution or the pool's capacity cannot carry the book, and then
/// the whole buy reverts.
pub fn buy(
    deps: DepsMut,
    env: &Env,
    info: MessageInfo,
    series_id: u64,
    size: Amount,
) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    ensure_report_landed(deps.as_ref())?;
    let mut series = SERIES.may_load(deps.storage, series_id)?.ok_or(ContractError::SeriesNotFound { series_id })?;
    let now = env.block.time.seconds();
    if series.expiry <= now {
        return Err(ContractError::SeriesExpired { series_id, expiry: series.expiry, now });
    }
    if series.premium.is_zero() {
        return Err(ContractError::NotSelling { series_id });
    }
    if size.is_zero() {
        return Err(ContractError::ZeroSize {});
    }
    let due = premium(size, series.premium)?;
    let paid = paid_amount(&cfg, &info)?;
    if paid != due {
        return Err(ContractError::WrongPremium { paid, premium: due, size, quote: series.premium });
    }
    let fees = FEES.load(deps.storage)?.checked_add(due.mul_bps_floor(cfg.fee_bps)?)?;
    FEES.save(deps.storage, &fees)?;
    series.open_size = series.open_size.checked_add(size)?;
    SERIES.save(deps.storage, series_id, &series)?;
    let id = NEXT_ID.may_load(deps.storage)?.unwrap_or_default() + 1;
    NEXT_ID.save(deps.storage, &id)?;
    let p = Position { holder: info.sender, series_id, size, premium: due, settlement: None };
    POSITIONS.save(deps.storage, id, &p)?;
    Ok(Response::new()
        .add_message(report(deps.storage, env, &cfg)?)
        .add_attribute("action", "buy")
        .add_attribute("position_id", id.to_string())
        .add_attribute("premium", due.to_string()))
}
