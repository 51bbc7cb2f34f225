//! The settlement asset: funds taken in (normalised once for native coins and cw20 sends),
//! payouts, the vault's balance.

use cosmwasm_std::{from_json, Addr, Api, BankMsg, CosmosMsg, MessageInfo, QuerierWrapper, WasmMsg};
use cw20::Cw20ReceiveMsg;
use cw_utils::PaymentError;
use risk_pool::units::Amount;
use risk_pool::vault::{AssetInfo, ReceiveMsg};

use crate::error::ContractError;
use crate::state::Config;

/// A funds-taking message, normalised: who pays, how much, and what for. Native coins and a
/// cw20 `send` arrive as the same triple, so each funds-taking action is dispatched once.
#[derive(Clone, Debug, PartialEq)]
pub struct Funds {
    /// Who sent the funds (the message's sender, or the cw20 sender).
    pub payer: Addr,
    /// How much of the vault's asset came in.
    pub amount: Amount,
    /// What for.
    pub msg: ReceiveMsg,
}

impl Funds {
    /// Native asset: the sender pays exactly one positive coin of the vault's denom.
    pub fn native(cfg: &Config, info: &MessageInfo, msg: ReceiveMsg) -> Result<Funds, ContractError> {
        Ok(Funds { payer: info.sender.clone(), amount: native_amount(cfg, info)?, msg })
    }

    /// cw20 asset: the token's `send` hook, from the vault's own token only; the payer is the
    /// cw20 sender. (The dispatcher has refused attached coins.)
    pub fn cw20(api: &dyn Api, cfg: &Config, info: &MessageInfo, r: Cw20ReceiveMsg) -> Result<Funds, ContractError> {
        if token(cfg) != Some(info.sender.as_str()) {
            return Err(ContractError::UnknownToken { sender: info.sender.to_string() });
        }
        Ok(Funds { payer: api.addr_validate(&r.sender)?, amount: r.amount.into(), msg: from_json(&r.msg)? })
    }
}

/// The amount of a native-asset message: exactly one coin of the vault's denom, positive.
/// A cw20 vault takes funds only through the token's `send`.
pub fn native_amount(cfg: &Config, info: &MessageInfo) -> Result<Amount, ContractError> {
    let denom = match &cfg.asset {
        AssetInfo::Native(d) => d,
        AssetInfo::Cw20(token) => return Err(ContractError::UseCw20Send { token: token.clone() }),
    };
    // must_pay refuses with 0 or 2+ coins, a zero amount or another denom; its errors carry
    // no numbers, so they are re-typed from `info.funds`. A single coin of another denom is
    // `WrongAsset` even at a zero amount (judged on the denom first).
    let paid = cw_utils::must_pay(info, denom).map_err(|e| match (e, info.funds.as_slice()) {
        (PaymentError::MultipleDenoms {}, funds) => ContractError::MultipleCoins { count: funds.len() },
        (_, [c]) if &c.denom != denom => ContractError::WrongAsset { expected: denom.clone(), got: c.denom.clone() },
        _ => ContractError::NoFunds { denom: denom.clone() },
    })?;
    Ok(paid.into())
}

/// Messages that take no funds refuse any.
pub fn no_funds(info: &MessageInfo) -> Result<(), ContractError> {
    cw_utils::nonpayable(info).map_err(|_| ContractError::FundsNotAccepted {})
}

/// The cw20 token address, when the asset is a cw20.
pub fn token(cfg: &Config) -> Option<&str> {
    match &cfg.asset {
        AssetInfo::Cw20(t) => Some(t.as_str()),
        AssetInfo::Native(_) => None,
    }
}

/// A payout of `amount` to `to` (`None` when zero).
pub fn pay(cfg: &Config, to: &Addr, amount: Amount) -> Result<Option<CosmosMsg>, ContractError> {
    if amount.is_zero() {
        return Ok(None);
    }
    Ok(Some(match &cfg.asset {
        AssetInfo::Native(denom) => {
            BankMsg::Send { to_address: to.to_string(), amount: cosmwasm_std::coins(amount.u128(), denom) }.into()
        }
        AssetInfo::Cw20(token) => WasmMsg::Execute {
            contract_addr: token.clone(),
            msg: risk_pool::helpers::cw20_transfer_msg(to.as_str(), amount.raw())?,
            funds: vec![],
        }
        .into(),
    }))
}

/// The vault's token balance.
pub fn balance(querier: &QuerierWrapper, cfg: &Config, vault: &Addr) -> Result<Amount, ContractError> {
    Ok(match &cfg.asset {
        AssetInfo::Native(denom) => risk_pool::helpers::native_balance(querier, vault.as_str(), denom)?,
        AssetInfo::Cw20(token) => risk_pool::helpers::cw20_balance(querier, token, vault.as_str())?,
    }
    .into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use cosmwasm_std::testing::message_info;
    use cosmwasm_std::{coin, Coin, Decimal};

    fn cfg(asset: AssetInfo) -> Config {
        let a = Addr::unchecked("a");
        Config {
            owner: a.clone(),
            guardian: None,
            risk_oracle: a.clone(),
            asset,
            unbonding_secs: 1,
            deposit_lock_secs: 1,
            min_deposit: Amount::new(1),
            protocol_fee_bps: 0,
            treasury: a,
            claim_auto_approve_limit: Amount::ZERO,
            max_pending_claim_secs: 1,
            loss_cap_bps: 1,
            loss_cap_window_secs: 1,
            max_capital_multiple: Some(Decimal::one()),
            member_lookback_secs: 1,
            max_exposure_age_secs: None,
            reward_vesting_secs: 1,
            max_pause_secs: 1,
            max_members: 1,
            max_unbonding_entries: 1,
            max_memo_len: 1,
        }
    }

    fn paid(funds: &[Coin]) -> Result<Amount, ContractError> {
        native_amount(&cfg(AssetInfo::Native("uusdc".into())), &message_info(&Addr::unchecked("s"), funds))
    }

    #[test]
    fn native_amount_types_every_refusal() {
        let no_funds = || Err(ContractError::NoFunds { denom: "uusdc".into() });
        let wrong = || Err(ContractError::WrongAsset { expected: "uusdc".into(), got: "uatom".into() });
        assert_eq!(paid(&[coin(5, "uusdc")]), Ok(Amount::new(5)));
        assert_eq!(paid(&[]), no_funds());
        assert_eq!(paid(&[coin(0, "uusdc")]), no_funds());
        assert_eq!(paid(&[coin(5, "uatom")]), wrong());
        // The denom is judged before the amount.
        assert_eq!(paid(&[coin(0, "uatom")]), wrong());
        assert_eq!(
            paid(&[coin(5, "uatom"), coin(5, "uusdc"), coin(1, "ux")]),
            Err(ContractError::MultipleCoins { count: 3 })
        );
        let cw20 = cfg(AssetInfo::Cw20("token".into()));
        assert_eq!(
            native_amount(&cw20, &message_info(&Addr::unchecked("s"), &[coin(5, "uusdc")])),
            Err(ContractError::UseCw20Send { token: "token".into() })
        );
    }

    /// Native coins and a cw20 `send` normalise to the same (payer, amount, message).
    #[test]
    fn funds_normalise_native_and_cw20_alike() {
        let api = cosmwasm_std::testing::MockApi::default();
        let (payer, token) = (api.addr_make("payer"), api.addr_make("token"));
        let msg = ReceiveMsg::PayPremium { member: "m".into() };
        let native = Funds::native(
            &cfg(AssetInfo::Native("uusdc".into())),
            &message_info(&payer, &[coin(7, "uusdc")]),
            msg.clone(),
        )
        .unwrap();
        let cw20_cfg = cfg(AssetInfo::Cw20(token.to_string()));
        let send = |from: &Addr| {
            let r = Cw20ReceiveMsg {
                sender: payer.to_string(),
                amount: cosmwasm_std::Uint128::new(7),
                msg: cosmwasm_std::to_json_binary(&msg).unwrap(),
            };
            Funds::cw20(&api, &cw20_cfg, &message_info(from, &[]), r)
        };
        assert_eq!(native, Funds { payer: payer.clone(), amount: Amount::new(7), msg: msg.clone() });
        assert_eq!(send(&token).unwrap(), native);
        // Only the vault's own token may call receive.
        let other = api.addr_make("other");
        assert_eq!(send(&other), Err(ContractError::UnknownToken { sender: other.to_string() }));
    }

    #[test]
    fn no_funds_refuses_any_coin() {
        assert_eq!(no_funds(&message_info(&Addr::unchecked("s"), &[])), Ok(()));
        assert_eq!(
            no_funds(&message_info(&Addr::unchecked("s"), &[coin(0, "uusdc")])),
            Err(ContractError::FundsNotAccepted {})
        );
    }
}
