//! Expiry: anyone settles a position at the operator's price, the DEX pays the intrinsic value
//! from its float, and claims from the vault what the float cannot pay.

use cosmwasm_std::{coins, BankMsg, DepsMut, Env, Response};

use crate::error::ContractError;
use crate::execute::claims::claim_bad_debt;
use crate::execute::report::report_of_settlement;
use crate::execute::{denom, float};
use crate::payoff::payoff;
use crate::state::{Settlement, CONFIG, POSITIONS, PRICES, SERIES};

/// `settle` (anyone, at or after the series' expiry): the settlement price is the market's mark
/// if it was made at or after the expiry (`NoSettlementPrice` otherwise: a stale pre-expiry
/// mark never settles). Then, in this order:
/// 1. the payoff ⌊size · intrinsic⌋ is split into what the float pays, min(payoff, float), and
///    the bad debt, the rest;
/// 2. the series' open size shrinks and the new book is reported as a submessage replying on
///    error (the expired legs leave it: a reduction the vault accepts even paused or with the
///    oracle down; `report.rs`);
/// 3. the float's part is sent to the holder;
/// 4. the bad debt is claimed with `claim_loss` (a submessage replying always, `claims.rs`),
///    paid by the vault — the DEX's contribution first, then the pool — straight to the holder.
///
/// Positions settle one at a time in whatever order they are settled: when the float runs short,
/// the later ones draw more on the claim.
pub fn settle(deps: DepsMut, env: &Env, position_id: u64) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    let mut p =
        POSITIONS.may_load(deps.storage, position_id)?.ok_or(ContractError::PositionNotFound { position_id })?;
    if p.settlement.is_some() {
        return Err(ContractError::AlreadySettled { position_id });
    }
    let mut series = SERIES.load(deps.storage, p.series_id)?;
    let now = env.block.time.seconds();
    if now < series.expiry {
        return Err(ContractError::NotExpired { position_id, expiry: series.expiry, now });
    }
    let mark = PRICES.may_load(deps.storage, &series.market)?;
    let price = match mark {
        Some(m) if m.at >= series.expiry => m.price,
        _ => {
            return Err(ContractError::NoSettlementPrice {
                market: series.market,
                expiry: series.expiry,
                priced_at: mark.map(|m| m.at),
            })
        }
    };
    let owed = payoff(series.kind, series.strike, p.size, price)?;
    let from_float = owed.min(float(deps.as_ref(), env, &cfg)?);
    let bad_debt = owed.checked_sub(from_float)?;
    p.settlement = Some(Settlement { price, payoff: owed, from_float, bad_debt });
    POSITIONS.save(deps.storage, position_id, &p)?;
    series.open_size = series.open_size.checked_sub(p.size)?;
    SERIES.save(deps.storage, p.series_id, &series)?;

    let mut res = Response::new()
        .add_submessage(report_of_settlement(deps.storage, env, &cfg)?)
        .add_attribute("action", "settle")
        .add_attribute("position_id", position_id.to_string())
        .add_attribute("payoff", owed.to_string())
        .add_attribute("from_float", from_float.to_string());
    if !from_float.is_zero() {
        let amount = coins(from_float.u128(), denom(&cfg)?);
        res = res.add_message(BankMsg::Send { to_address: p.holder.to_string(), amount });
    }
    if !bad_debt.is_zero() {
        let claim = claim_bad_debt(deps.storage, &cfg, position_id, &p.holder, bad_debt)?;
        res = res.add_submessage(claim).add_attribute("bad_debt", bad_debt.to_string());
    }
    Ok(res)
}
