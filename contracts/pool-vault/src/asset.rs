//! The settlement asset: funds taken in, payouts, the vault's balance.

use cosmwasm_std::{to_json_binary, Addr, BankMsg, CosmosMsg, MessageInfo, QuerierWrapper, Uint128, WasmMsg};
use cw20::{BalanceResponse, Cw20ExecuteMsg, Cw20QueryMsg};
use risk_pool::vault::AssetInfo;

use crate::error::ContractError;
use crate::state::Config;

/// The amount of a native-asset message: exactly one coin of the vault's denom, positive.
/// A cw20 vault takes funds only through the token's `send`.
pub fn native_amount(cfg: &Config, info: &MessageInfo) -> Result<Uint128, ContractError> {
    let denom = match &cfg.asset {
        AssetInfo::Native(d) => d,
        AssetInfo::Cw20(token) => return Err(ContractError::UseCw20Send { token: token.clone() }),
    };
    match info.funds.as_slice() {
        [] => Err(ContractError::NoFunds { denom: denom.clone() }),
        [c] if &c.denom != denom => Err(ContractError::WrongAsset { expected: denom.clone(), got: c.denom.clone() }),
        [c] if c.amount.is_zero() => Err(ContractError::NoFunds { denom: denom.clone() }),
        [c] => Ok(c.amount),
        more => Err(ContractError::MultipleCoins { count: more.len() }),
    }
}

/// Messages that take no funds refuse any.
pub fn no_funds(info: &MessageInfo) -> Result<(), ContractError> {
    if info.funds.is_empty() {
        Ok(())
    } else {
        Err(ContractError::FundsNotAccepted {})
    }
}

/// The cw20 token address, when the asset is a cw20.
pub fn token(cfg: &Config) -> Option<&str> {
    match &cfg.asset {
        AssetInfo::Cw20(t) => Some(t.as_str()),
        AssetInfo::Native(_) => None,
    }
}

/// A payout of `amount` to `to` (`None` when zero).
pub fn pay(cfg: &Config, to: &Addr, amount: Uint128) -> Result<Option<CosmosMsg>, ContractError> {
    if amount.is_zero() {
        return Ok(None);
    }
    Ok(Some(match &cfg.asset {
        AssetInfo::Native(denom) => {
            BankMsg::Send { to_address: to.to_string(), amount: cosmwasm_std::coins(amount.u128(), denom) }.into()
        }
        AssetInfo::Cw20(token) => WasmMsg::Execute {
            contract_addr: token.clone(),
            msg: to_json_binary(&Cw20ExecuteMsg::Transfer { recipient: to.to_string(), amount })?,
            funds: vec![],
        }
        .into(),
    }))
}

/// The vault's token balance.
pub fn balance(querier: &QuerierWrapper, cfg: &Config, vault: &Addr) -> Result<Uint128, ContractError> {
    Ok(match &cfg.asset {
        AssetInfo::Native(denom) => querier.query_balance(vault, denom)?.amount,
        AssetInfo::Cw20(token) => {
            let r: BalanceResponse =
                querier.query_wasm_smart(token, &Cw20QueryMsg::Balance { address: vault.to_string() })?;
            r.balance
        }
    })
}
