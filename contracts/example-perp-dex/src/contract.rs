//! The example DEX. Every place it touches the vault goes through `VaultContract`.
//!
//! How it reports its book (the pattern to copy):
//! - The vault stores one *net* notional per market. Closing a position usually shrinks the book,
//!   but not always: with a long and a short of 500k the net is 0, and closing the short makes it
//!   +500k — an increase, which the vault refuses while paused or when the contribution cannot
//!   carry it.
//! - An **open** grows the risk the pool covers, so its report is a plain message: if the vault
//!   refuses it, the whole open reverts. Opens are also refused (`ReportPending`) while the
//!   vault's view is stale, so no new risk is taken on top of a book the pool has not seen.
//! - A **close** must never be held hostage by the vault (the trader's collateral would be locked
//!   for the whole pause): its report is a submessage replying on error. If the vault refuses, the
//!   close still pays the trader, and `reply` records `REPORT_PENDING` (since when, and why).
//! - The pending mark clears when a report lands: the next close's report, or `sync_exposure {}`
//!   (anyone, e.g. a keeper after the vault unpauses).

#[cfg(not(feature = "library"))]
use cosmwasm_std::entry_point;
use cosmwasm_std::{
    coins, to_json_binary, Addr, BankMsg, Binary, Decimal, Deps, DepsMut, Env, MessageInfo, Order, Reply, Response,
    StdError, StdResult, SubMsgResult, Uint128,
};
use cw_storage_plus::{Item, Map};
use risk_pool::oracle::Exposure;
use risk_pool::vault::{AssetInfo, ClaimStatus};
use risk_pool::VaultContract;

use crate::msg::{ClaimRecord, ExecuteMsg, InstantiateMsg, PendingReport, Position, QueryMsg, StateResponse};

/// The DEX's errors. Everything but the pending report is a plain `StdError` in this example.
#[derive(thiserror::Error, Debug, PartialEq)]
pub enum ContractError {
    #[error("{0}")]
    Std(#[from] StdError),

    /// The vault refused the last exposure report (at `since`, because `reason`): new positions
    /// wait until a report lands (`sync_exposure {}`).
    #[error("the vault's view of the book is stale since {since} ({reason}): no new positions until a report lands (sync_exposure)")]
    ReportPending { since: u64, reason: String },
}

pub const CONTRACT_NAME: &str = "crates.io:example-perp-dex";

#[cosmwasm_schema::cw_serde]
struct Config {
    vault: VaultContract,
    asset: AssetInfo,
    operator: Addr,
    fee_bps: u32,
}

const CONFIG: Item<Config> = Item::new("config");
const PRICES: Map<&str, Decimal> = Map::new("prices");
const POSITIONS: Map<u64, Position> = Map::new("positions");
const NEXT_ID: Item<u64> = Item::new("next_id");
const FEES: Item<Uint128> = Item::new("fees");
/// Bad debt claimed, and what came back.
const BAD_DEBT: Item<(Uint128, Uint128)> = Item::new("bad_debt");
const CLAIMS: Item<Vec<ClaimRecord>> = Item::new("claims");
/// Present while the vault has refused our latest report (its stored book is not ours).
const REPORT_PENDING: Item<PendingReport> = Item::new("report_pending");
/// Reply id of a close's exposure report. Claim replies use the position id, which starts at 1.
const REPORT_REPLY: u64 = 0;

fn err(msg: impl Into<String>) -> StdError {
    StdError::generic_err(msg)
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn instantiate(deps: DepsMut, _env: Env, _info: MessageInfo, msg: InstantiateMsg) -> StdResult<Response> {
    cw2::set_contract_version(deps.storage, CONTRACT_NAME, env!("CARGO_PKG_VERSION"))?;
    let cfg = Config {
        vault: VaultContract(deps.api.addr_validate(&msg.vault)?),
        asset: AssetInfo::Native(msg.denom),
        operator: deps.api.addr_validate(&msg.operator)?,
        fee_bps: msg.fee_bps,
    };
    CONFIG.save(deps.storage, &cfg)?;
    FEES.save(deps.storage, &Uint128::zero())?;
    BAD_DEBT.save(deps.storage, &(Uint128::zero(), Uint128::zero()))?;
    CLAIMS.save(deps.storage, &vec![])?;
    Ok(Response::new().add_attribute("action", "instantiate"))
}

/// Σ notional per market over open positions.
fn net_exposure(deps: Deps) -> StdResult<Vec<Exposure>> {
    let mut net: Vec<Exposure> = vec![];
    for p in POSITIONS.range(deps.storage, None, None, Order::Ascending) {
        let (_, p) = p?;
        if !p.open {
            continue;
        }
        match net.iter_mut().find(|e| e.market == p.market) {
            Some(e) => e.notional = e.notional.checked_add(p.notional.into()).map_err(|e| err(e.to_string()))?,
            None => net.push(Exposure { market: p.market.clone(), notional: p.notional.into() }),
        }
    }
    Ok(net)
}

fn paid_amount(cfg: &Config, info: &MessageInfo) -> StdResult<Uint128> {
    let AssetInfo::Native(denom) = &cfg.asset else { return Err(err("native asset only")) };
    Ok(info.funds.iter().filter(|c| &c.denom == denom).map(|c| c.amount).sum())
}

/// Refuses new risk while the vault's view of the book is stale.
fn ensure_report_landed(deps: Deps) -> Result<(), ContractError> {
    match REPORT_PENDING.may_load(deps.storage)? {
        Some(PendingReport { since, reason }) => Err(ContractError::ReportPending { since, reason }),
        None => Ok(()),
    }
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn execute(deps: DepsMut, env: Env, info: MessageInfo, msg: ExecuteMsg) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    match msg {
        ExecuteMsg::SetPrice { market, price } => {
            if info.sender != cfg.operator {
                return Err(err("only the operator sets prices").into());
            }
            PRICES.save(deps.storage, &market, &price)?;
            Ok(Response::new().add_attribute("action", "set_price"))
        }
        ExecuteMsg::Open { market, notional } => {
            ensure_report_landed(deps.as_ref())?;
            let price = PRICES.load(deps.storage, &market)?;
            let collateral = paid_amount(&cfg, &info)?;
            let fee = Uint128::new(notional.unsigned_abs().u128()).multiply_ratio(cfg.fee_bps, 10_000u32);
            let collateral = collateral.checked_sub(fee).map_err(|_| err("collateral below the fee"))?;
            FEES.update(deps.storage, |f| -> StdResult<_> { Ok(f + fee) })?;
            let id = NEXT_ID.may_load(deps.storage)?.unwrap_or_default() + 1;
            NEXT_ID.save(deps.storage, &id)?;
            let p = Position { id, trader: info.sender, market, notional, entry_price: price, collateral, open: true };
            POSITIONS.save(deps.storage, id, &p)?;
            // 1. Report the new net book: the vault refuses it if our contribution or the pool's
            //    capacity cannot carry it — and then the whole open reverts.
            let report = cfg.vault.report_exposure(net_exposure(deps.as_ref())?)?;
            Ok(Response::new()
                .add_message(report)
                .add_attribute("action", "open")
                .add_attribute("position_id", id.to_string()))
        }
        ExecuteMsg::Close { position_id } => {
            let mut p = POSITIONS.load(deps.storage, position_id)?;
            if !p.open || p.trader != info.sender {
                return Err(err("not an open position of the sender").into());
            }
            let price = PRICES.load(deps.storage, &p.market)?;
            // P&L = notional · (price − entry)/entry, rounded toward the DEX.
            let n = p.notional.i128();
            let (up, move_abs) =
                if price >= p.entry_price { (true, price - p.entry_price) } else { (false, p.entry_price - price) };
            let pnl_abs = Uint128::new(n.unsigned_abs()).mul_floor(move_abs / p.entry_price);
            let gain = (n > 0) == up;
            p.open = false;
            POSITIONS.save(deps.storage, position_id, &p)?;
            // Report the new net book as a submessage replying on error: it may be an *increase*
            // (the other side's positions remain) that the vault refuses, and the close must pay
            // the trader anyway. Clear the pending mark now: if this report lands, the vault's
            // view is current; if the vault refuses it, `reply` marks it pending again.
            REPORT_PENDING.remove(deps.storage);
            let mut res = Response::new()
                .add_submessage(cfg.vault.report_exposure_submsg(REPORT_REPLY, net_exposure(deps.as_ref())?)?)
                .add_attribute("action", "close")
                .add_attribute("position_id", position_id.to_string());
            let AssetInfo::Native(denom) = &cfg.asset else { return Err(err("native asset only").into()) };
            let payout = if gain { p.collateral + pnl_abs } else { p.collateral.saturating_sub(pnl_abs) };
            if !payout.is_zero() {
                res = res.add_message(BankMsg::Send {
                    to_address: p.trader.to_string(),
                    amount: coins(payout.u128(), denom),
                });
            }
            if !gain && pnl_abs > p.collateral {
                // 2. Bad debt: claim it from the pool, replying always (settled, pending or failed).
                let bad_debt = pnl_abs - p.collateral;
                BAD_DEBT.update(deps.storage, |(d, r)| -> StdResult<_> { Ok((d + bad_debt, r)) })?;
                let mut claims = CLAIMS.load(deps.storage)?;
                claims.push(ClaimRecord {
                    position_id,
                    bad_debt,
                    claim_id: None,
                    status: None,
                    paid_by_member: Uint128::zero(),
                    paid_by_pool: Uint128::zero(),
                    denied: Uint128::zero(),
                    shortfall: Uint128::zero(),
                    error: None,
                });
                if claims.len() > 32 {
                    claims.remove(0); // an example keeps the last 32 records
                }
                CLAIMS.save(deps.storage, &claims)?;
                let recipient = env.contract.address.to_string();
                res = res
                    .add_submessage(cfg.vault.claim_loss_submsg(
                        position_id,
                        bad_debt,
                        &recipient,
                        Some(format!("position {position_id}")),
                    )?)
                    .add_attribute("bad_debt", bad_debt);
            }
            Ok(res)
        }
        ExecuteMsg::PayPremium {} => {
            // 3. Premiums out of fees; what exceeds the amount due is prepaid premium.
            let fees = FEES.load(deps.storage)?;
            if fees.is_zero() {
                return Err(err("no fees to pay").into());
            }
            FEES.save(deps.storage, &Uint128::zero())?;
            let me = env.contract.address.to_string();
            Ok(Response::new()
                .add_message(cfg.vault.pay_premium(&cfg.asset, &me, fees)?)
                .add_attribute("action", "pay_premium")
                .add_attribute("amount", fees))
        }
        ExecuteMsg::FundContribution {} => {
            if info.sender != cfg.operator {
                return Err(err("only the operator funds the contribution").into());
            }
            let amount = paid_amount(&cfg, &info)?;
            Ok(Response::new()
                .add_message(cfg.vault.member_deposit(&cfg.asset, amount)?)
                .add_attribute("action", "fund_contribution"))
        }
        ExecuteMsg::SyncExposure {} => {
            // 5. Land a refused report: a plain message, so if the vault still refuses, this
            //    transaction reverts with the vault's error and the mark stays.
            let was_pending = REPORT_PENDING.may_load(deps.storage)?.is_some();
            REPORT_PENDING.remove(deps.storage);
            Ok(Response::new()
                .add_message(cfg.vault.report_exposure(net_exposure(deps.as_ref())?)?)
                .add_attribute("action", "sync_exposure")
                .add_attribute("was_pending", was_pending.to_string()))
        }
    }
}

/// A close's report was refused: keep the close, remember that the vault's view is stale.
fn report_refused(deps: DepsMut, env: &Env, reason: String) -> StdResult<Response> {
    let since = env.block.time.seconds();
    REPORT_PENDING.save(deps.storage, &PendingReport { since, reason: reason.clone() })?;
    Ok(Response::new().add_attribute("action", "report_pending").add_attribute("reason", reason))
}

/// 4. Replies: a refused exposure report (`REPORT_REPLY`, on error only), or the claim's outcome
///    from `claim_loss`'s response data (or the vault's error), keyed by the position id.
#[cfg_attr(not(feature = "library"), entry_point)]
pub fn reply(deps: DepsMut, env: Env, msg: Reply) -> StdResult<Response> {
    if msg.id == REPORT_REPLY {
        return match msg.result {
            SubMsgResult::Err(reason) => report_refused(deps, &env, reason),
            SubMsgResult::Ok(_) => Ok(Response::new()),
        };
    }
    let position_id = msg.id;
    let mut claims = CLAIMS.load(deps.storage)?;
    let rec =
        claims.iter_mut().rev().find(|c| c.position_id == position_id).ok_or_else(|| err("unknown claim reply"))?;
    let outcome = match VaultContract::parse_claim_reply(msg)? {
        Ok(data) => {
            rec.claim_id = Some(data.claim_id);
            rec.status = Some(data.status.clone());
            (rec.paid_by_member, rec.paid_by_pool, rec.denied, rec.shortfall) =
                (data.paid_by_member, data.paid_by_pool, data.denied, data.shortfall);
            if data.status == ClaimStatus::Settled {
                // Settled: the escrow (our own contribution) and the pool part came to us.
                let back = data.paid_by_member + data.paid_by_pool;
                BAD_DEBT.update(deps.storage, |(d, r)| -> StdResult<_> { Ok((d, r + back)) })?;
            }
            data.status.to_string()
        }
        // Failed (e.g. a claim already pending): the close still stands; the debt is recorded.
        Err(reason) => {
            rec.error = Some(reason);
            "failed".to_string()
        }
    };
    CLAIMS.save(deps.storage, &claims)?;
    Ok(Response::new().add_attribute("action", "claim_reply").add_attribute("claim_outcome", outcome))
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn query(deps: Deps, _env: Env, msg: QueryMsg) -> StdResult<Binary> {
    match msg {
        QueryMsg::State {} => {
            let cfg = CONFIG.load(deps.storage)?;
            let (bad_debt, recovered) = BAD_DEBT.load(deps.storage)?;
            to_json_binary(&StateResponse {
                vault: cfg.vault.addr(),
                asset: cfg.asset,
                fees: FEES.load(deps.storage)?,
                bad_debt,
                recovered,
                claims: CLAIMS.load(deps.storage)?,
                net_exposure: net_exposure(deps)?,
                report_pending: REPORT_PENDING.may_load(deps.storage)?,
            })
        }
        QueryMsg::Position { id } => to_json_binary(&POSITIONS.load(deps.storage, id)?),
    }
}
