//! The example DEX. Every place it touches the vault goes through `VaultContract`.

#[cfg(not(feature = "library"))]
use cosmwasm_std::entry_point;
use cosmwasm_std::{
    coins, to_json_binary, Addr, BankMsg, Binary, Decimal, Deps, DepsMut, Env, MessageInfo, Order, Reply, Response,
    StdError, StdResult, Uint128,
};
use cw_storage_plus::{Item, Map};
use risk_pool::oracle::Exposure;
use risk_pool::vault::{AssetInfo, ClaimStatus};
use risk_pool::VaultContract;

use crate::msg::{ClaimRecord, ExecuteMsg, InstantiateMsg, Position, QueryMsg, StateResponse};

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
            Some(e) => e.notional += p.notional,
            None => net.push(Exposure { market: p.market.clone(), notional: p.notional }),
        }
    }
    Ok(net)
}

fn paid_amount(cfg: &Config, info: &MessageInfo) -> StdResult<Uint128> {
    let AssetInfo::Native(denom) = &cfg.asset else { return Err(err("native asset only")) };
    Ok(info.funds.iter().filter(|c| &c.denom == denom).map(|c| c.amount).sum())
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn execute(deps: DepsMut, env: Env, info: MessageInfo, msg: ExecuteMsg) -> StdResult<Response> {
    let cfg = CONFIG.load(deps.storage)?;
    match msg {
        ExecuteMsg::SetPrice { market, price } => {
            if info.sender != cfg.operator {
                return Err(err("only the operator sets prices"));
            }
            PRICES.save(deps.storage, &market, &price)?;
            Ok(Response::new().add_attribute("action", "set_price"))
        }
        ExecuteMsg::Open { market, notional } => {
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
                return Err(err("not an open position of the sender"));
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
            // A reduction of the book: always accepted by the vault.
            let mut res = Response::new()
                .add_message(cfg.vault.report_exposure(net_exposure(deps.as_ref())?)?)
                .add_attribute("action", "close")
                .add_attribute("position_id", position_id.to_string());
            let AssetInfo::Native(denom) = &cfg.asset else { unreachable!() };
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
                return Err(err("no fees to pay"));
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
                return Err(err("only the operator funds the contribution"));
            }
            let amount = paid_amount(&cfg, &info)?;
            Ok(Response::new()
                .add_message(cfg.vault.member_deposit(&cfg.asset, amount)?)
                .add_attribute("action", "fund_contribution"))
        }
    }
}

/// 4. The claim's outcome, from `claim_loss`'s response data (or the vault's error).
#[cfg_attr(not(feature = "library"), entry_point)]
pub fn reply(deps: DepsMut, _env: Env, msg: Reply) -> StdResult<Response> {
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
            data.status.as_str().to_string()
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
            })
        }
        QueryMsg::Position { id } => to_json_binary(&POSITIONS.load(deps.storage, id)?),
    }
}
