#[cfg(not(feature = "library"))]
use cosmwasm_std::entry_point;
use cosmwasm_std::{to_json_binary, Binary, Deps, DepsMut, Env, MessageInfo, Response};
use risk_pool::vault::{AssetInfo, ExecuteMsg, InstantiateMsg, MigrateMsg, QueryMsg};

use crate::error::ContractError;
use crate::state::{Config, CONFIG};

pub const CONTRACT_NAME: &str = "crates.io:pool-vault";
pub const CONTRACT_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Defaults of the optional instantiate fields (SPEC.md: "documented defaults").
pub const DEFAULT_MAX_PAUSE_SECS: u64 = 7 * 86_400;
pub const DEFAULT_MAX_MEMBERS: u32 = 32;
pub const DEFAULT_MAX_UNBONDING_ENTRIES: u32 = 16;
pub const DEFAULT_MAX_MEMO_LEN: u32 = 256;

fn invalid(reason: impl Into<String>) -> ContractError {
    ContractError::InvalidConfig { reason: reason.into() }
}

fn validate(deps: &DepsMut, msg: InstantiateMsg) -> Result<Config, ContractError> {
    let bps = |what: &str, v: u32| if v > 10_000 { Err(invalid(format!("{what} {v} > 10000"))) } else { Ok(()) };
    bps("protocol_fee_bps", msg.protocol_fee_bps)?;
    bps("loss_cap_bps", msg.loss_cap_bps)?;
    if msg.loss_cap_bps == 0 || msg.loss_cap_window_secs == 0 {
        return Err(invalid("loss_cap_bps and loss_cap_window_secs must be > 0"));
    }
    if msg.min_deposit.is_zero() {
        return Err(invalid("min_deposit must be > 0"));
    }
    let asset = match msg.asset {
        AssetInfo::Native(d) if d.is_empty() => return Err(invalid("empty native denom")),
        AssetInfo::Native(d) => AssetInfo::Native(d),
        AssetInfo::Cw20(a) => AssetInfo::Cw20(deps.api.addr_validate(&a)?.to_string()),
    };
    Ok(Config {
        owner: deps.api.addr_validate(&msg.owner)?,
        guardian: msg.guardian.map(|g| deps.api.addr_validate(&g)).transpose()?,
        risk_oracle: deps.api.addr_validate(&msg.risk_oracle)?,
        asset,
        unbonding_secs: msg.unbonding_secs,
        deposit_lock_secs: msg.deposit_lock_secs,
        min_deposit: msg.min_deposit,
        protocol_fee_bps: msg.protocol_fee_bps,
        treasury: deps.api.addr_validate(&msg.treasury)?,
        claim_auto_approve_limit: msg.claim_auto_approve_limit,
        max_pending_claim_secs: msg.max_pending_claim_secs,
        loss_cap_bps: msg.loss_cap_bps,
        loss_cap_window_secs: msg.loss_cap_window_secs,
        max_capital_multiple: msg.max_capital_multiple,
        member_lookback_secs: msg.member_lookback_secs.unwrap_or(msg.unbonding_secs),
        max_exposure_age_secs: msg.max_exposure_age_secs,
        reward_vesting_secs: msg.reward_vesting_secs.unwrap_or(msg.unbonding_secs),
        max_pause_secs: msg.max_pause_secs.unwrap_or(DEFAULT_MAX_PAUSE_SECS),
        max_members: msg.max_members.unwrap_or(DEFAULT_MAX_MEMBERS),
        max_unbonding_entries: msg.max_unbonding_entries.unwrap_or(DEFAULT_MAX_UNBONDING_ENTRIES),
        max_memo_len: msg.max_memo_len.unwrap_or(DEFAULT_MAX_MEMO_LEN),
    })
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn instantiate(
    deps: DepsMut,
    _env: Env,
    _info: MessageInfo,
    msg: InstantiateMsg,
) -> Result<Response, ContractError> {
    cw2::set_contract_version(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    let cfg = validate(&deps, msg)?;
    CONFIG.save(deps.storage, &cfg)?;
    Ok(Response::new().add_attribute("action", "instantiate").add_attribute("owner", cfg.owner))
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn execute(deps: DepsMut, _env: Env, info: MessageInfo, msg: ExecuteMsg) -> Result<Response, ContractError> {
    if !info.funds.is_empty() {
        return Err(ContractError::FundsNotAccepted {});
    }
    match msg {
        ExecuteMsg::TransferOwnership { owner } => {
            let mut cfg = CONFIG.load(deps.storage)?;
            if info.sender != cfg.owner {
                return Err(ContractError::Unauthorized { role: "owner", action: "transfer ownership" });
            }
            cfg.owner = deps.api.addr_validate(&owner)?;
            CONFIG.save(deps.storage, &cfg)?;
            Ok(Response::new().add_attribute("action", "transfer_ownership").add_attribute("owner", owner))
        }
    }
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn query(deps: Deps, _env: Env, msg: QueryMsg) -> Result<Binary, ContractError> {
    match msg {
        QueryMsg::Config {} => Ok(to_json_binary(&CONFIG.load(deps.storage)?)?),
    }
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn migrate(deps: DepsMut, _env: Env, _msg: MigrateMsg) -> Result<Response, ContractError> {
    risk_pool::migrate::ensure_upgrade(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    Ok(Response::new().add_attribute("action", "migrate").add_attribute("version", CONTRACT_VERSION))
}
