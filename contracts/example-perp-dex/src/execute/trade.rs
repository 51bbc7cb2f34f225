//! A trader's messages: open a position (its report a plain message) and close it (its report a
//! submessage replying on error, the payout, and a bad-debt claim when the loss exceeds the
//! collateral). See `report.rs` for why the two reports differ.

use cosmwasm_std::{coins, BankMsg, DepsMut, Env, MessageInfo, Response};
use risk_pool::{Amount, SignedNotional};

use crate::error::ContractError;
use crate::execute::claims::claim_bad_debt;
use crate::execute::report::{ensure_report_landed, report, report_of_close};
use crate::execute::{denom, paid_amount};
use crate::pnl::settle;
use crate::state::{Config, Position, CONFIG, FEES, NEXT_ID, POSITIONS, PRICES};

/// The mark price of `market`, `NoPrice` if never set.
fn price_of(deps: &DepsMut, market: &str) -> Result<cosmwasm_std::Decimal, ContractError> {
    PRICES.may_load(deps.storage, market)?.ok_or_else(|| ContractError::NoPrice { market: market.to_string() })
}

/// The fee on `notional`: ⌊fee_bps · |notional| / 10⁴⌋.
fn fee(cfg: &Config, notional: SignedNotional) -> Result<Amount, ContractError> {
    Ok(notional.abs().mul_ratio_floor(cfg.fee_bps.into(), 10_000u128.into())?)
}

/// `open`: takes the fee from the attached collateral, stores the position, and reports the new
/// net book as a plain message: the vault refuses it if our contribution or the pool's capacity
/// cannot carry it, and then the whole open reverts.
pub fn open(
    deps: DepsMut,
    info: MessageInfo,
    market: String,
    notional: SignedNotional,
) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    ensure_report_landed(deps.as_ref())?;
    let price = price_of(&deps, &market)?;
    let paid = paid_amount(&cfg, &info)?;
    let fee = fee(&cfg, notional)?;
    let collateral = paid.checked_sub(fee).map_err(|_| ContractError::CollateralBelowFee {
        collateral: paid,
        fee,
        fee_bps: cfg.fee_bps,
        notional: notional.abs(),
    })?;
    let fees = FEES.load(deps.storage)?.checked_add(fee)?;
    FEES.save(deps.storage, &fees)?;
    let id = NEXT_ID.may_load(deps.storage)?.unwrap_or_default() + 1;
    NEXT_ID.save(deps.storage, &id)?;
    let p = Position { id, trader: info.sender, market, notional, entry_price: price, collateral, open: true };
    POSITIONS.save(deps.storage, id, &p)?;
    Ok(Response::new()
        .add_message(report(deps.storage, &cfg)?)
        .add_attribute("action", "open")
        .add_attribute("position_id", id.to_string()))
}

/// `close` (the position's trader): settles at the current price, reports the new book (a
/// submessage replying on error: the close pays the trader even if the vault refuses), pays the
/// trader, and claims any bad debt from the pool.
pub fn close(deps: DepsMut, env: &Env, info: &MessageInfo, position_id: u64) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    let mut p =
        POSITIONS.may_load(deps.storage, position_id)?.ok_or(ContractError::PositionNotFound { position_id })?;
    if !p.open {
        return Err(ContractError::PositionClosed { position_id });
    }
    if p.trader != info.sender {
        return Err(ContractError::NotTheTrader { position_id, trader: p.trader, sender: info.sender.clone() });
    }
    let settlement = settle(&p, price_of(&deps, &p.market)?)?;
    p.open = false;
    POSITIONS.save(deps.storage, position_id, &p)?;
    let mut res = Response::new()
        .add_submessage(report_of_close(deps.storage, &cfg)?)
        .add_attribute("action", "close")
        .add_attribute("position_id", position_id.to_string());
    if !settlement.payout.is_zero() {
        let amount = coins(settlement.payout.u128(), denom(&cfg)?);
        res = res.add_message(BankMsg::Send { to_address: p.trader.to_string(), amount });
    }
    if !settlement.bad_debt.is_zero() {
        let claim = claim_bad_debt(deps.storage, &cfg, env, position_id, settlement.bad_debt)?;
        res = res.add_submessage(claim).add_attribute("bad_debt", settlement.bad_debt.to_string());
    }
    Ok(res)
}
