//! Configuration: `InstantiateMsg` (unchecked) → `validate` → `Config`; `update_config` is the
//! current config re-expressed as an instantiate message, the update laid over it, validated
//! again — one set of rules for both.

use cosmwasm_std::{Api, Decimal};
use risk_pool::vault::{AssetInfo, ConfigResponse, ConfigUpdate, InstantiateMsg};

use crate::error::ContractError;
use crate::state::Config;

/// Defaults of the optional instantiate fields (SPEC.md: "documented defaults").
pub const DEFAULT_MAX_PAUSE_SECS: u64 = 7 * 86_400;
pub const DEFAULT_MAX_MEMBERS: u32 = 32;
pub const DEFAULT_MAX_UNBONDING_ENTRIES: u32 = 16;
pub const DEFAULT_MAX_MEMO_LEN: u32 = 256;
/// Hard ceilings of the size limits (bounded gas whatever the owner sets).
pub const MAX_MEMBERS: u32 = 1_024;
pub const MAX_UNBONDING_ENTRIES: u32 = 64;
pub const MAX_MEMO_LEN: u32 = 4_096;
/// Exposures per member (the oracle's own per-query ceiling).
pub const MAX_EXPOSURES: usize = 32;
/// Option legs in one report (the oracle's hard `max_option_legs`).
pub const MAX_LEGS: usize = 64;
/// Query pages.
pub const DEFAULT_PAGE: u32 = 10;
pub const MAX_PAGE: u32 = 30;

/// A `u32` size limit as a `usize` bound (exact on 32- and 64-bit targets; saturating beyond).
pub fn limit(v: u32) -> usize {
    usize::try_from(v).unwrap_or(usize::MAX)
}

fn invalid(reason: impl Into<String>) -> ContractError {
    ContractError::InvalidConfig { reason: reason.into() }
}

/// The checks of an instantiate message, and the documented defaults of its optional fields.
pub fn validate(api: &dyn Api, msg: InstantiateMsg) -> Result<Config, ContractError> {
    let bps = |what: &str, v: u32| if v > 10_000 { Err(invalid(format!("{what} {v} > 10000"))) } else { Ok(()) };
    bps("protocol_fee_bps", msg.protocol_fee_bps)?;
    bps("loss_cap_bps", msg.loss_cap_bps)?;
    if msg.loss_cap_bps == 0 || msg.loss_cap_window_secs == 0 {
        return Err(invalid("loss_cap_bps and loss_cap_window_secs must be > 0"));
    }
    if msg.min_deposit.is_zero() {
        return Err(invalid("min_deposit must be > 0"));
    }
    if msg.max_pending_claim_secs == 0 {
        return Err(invalid("max_pending_claim_secs must be > 0"));
    }
    let bounded = |what: &str, v: Option<u32>, default: u32, max: u32| match v.unwrap_or(default) {
        0 => Err(invalid(format!("{what} must be > 0"))),
        v if v > max => Err(invalid(format!("{what} {v} > {max}"))),
        v => Ok(v),
    };
    let asset = match msg.asset {
        AssetInfo::Native(d) if d.is_empty() => return Err(invalid("empty native denom")),
        AssetInfo::Native(d) => AssetInfo::Native(d),
        AssetInfo::Cw20(a) => AssetInfo::Cw20(api.addr_validate(&a)?.to_string()),
    };
    Ok(Config {
        owner: api.addr_validate(&msg.owner)?,
        guardian: msg.guardian.filter(|g| !g.is_empty()).map(|g| api.addr_validate(&g)).transpose()?,
        risk_oracle: api.addr_validate(&msg.risk_oracle)?,
        asset,
        unbonding_secs: msg.unbonding_secs,
        deposit_lock_secs: msg.deposit_lock_secs,
        min_deposit: msg.min_deposit,
        protocol_fee_bps: msg.protocol_fee_bps,
        treasury: api.addr_validate(&msg.treasury)?,
        claim_auto_approve_limit: msg.claim_auto_approve_limit,
        max_pending_claim_secs: msg.max_pending_claim_secs,
        loss_cap_bps: msg.loss_cap_bps,
        loss_cap_window_secs: msg.loss_cap_window_secs,
        max_capital_multiple: msg.max_capital_multiple.filter(|m| !m.is_zero()),
        member_lookback_secs: msg.member_lookback_secs.unwrap_or(msg.unbonding_secs),
        max_exposure_age_secs: msg.max_exposure_age_secs.filter(|s| *s > 0),
        reward_vesting_secs: msg.reward_vesting_secs.unwrap_or(msg.unbonding_secs),
        max_pause_secs: msg.max_pause_secs.unwrap_or(DEFAULT_MAX_PAUSE_SECS),
        max_members: bounded("max_members", msg.max_members, DEFAULT_MAX_MEMBERS, MAX_MEMBERS)?,
        max_unbonding_entries: bounded(
            "max_unbonding_entries",
            msg.max_unbonding_entries,
            DEFAULT_MAX_UNBONDING_ENTRIES,
            MAX_UNBONDING_ENTRIES,
        )?,
        max_memo_len: bounded("max_memo_len", msg.max_memo_len, DEFAULT_MAX_MEMO_LEN, MAX_MEMO_LEN)?,
    })
}

/// `cfg` with `u` laid over it, validated as a whole. The owner, asset and oracle stay.
///
/// `u` is destructured in full (no `..`): a field added to `ConfigUpdate` does not compile
/// until it is handled here.
pub fn apply_update(api: &dyn Api, cfg: &Config, u: ConfigUpdate) -> Result<Config, ContractError> {
    let ConfigUpdate {
        guardian,
        unbonding_secs,
        deposit_lock_secs,
        min_deposit,
        protocol_fee_bps,
        treasury,
        claim_auto_approve_limit,
        max_pending_claim_secs,
        loss_cap_bps,
        loss_cap_window_secs,
        max_capital_multiple,
        member_lookback_secs,
        max_exposure_age_secs,
        reward_vesting_secs,
        max_pause_secs,
        max_members,
        max_unbonding_entries,
        max_memo_len,
    } = u;
    let msg = InstantiateMsg {
        owner: cfg.owner.to_string(),
        guardian: guardian.or(cfg.guardian.as_ref().map(|g| g.to_string())),
        risk_oracle: cfg.risk_oracle.to_string(),
        asset: cfg.asset.clone(),
        unbonding_secs: unbonding_secs.unwrap_or(cfg.unbonding_secs),
        deposit_lock_secs: deposit_lock_secs.unwrap_or(cfg.deposit_lock_secs),
        min_deposit: min_deposit.unwrap_or(cfg.min_deposit),
        protocol_fee_bps: protocol_fee_bps.unwrap_or(cfg.protocol_fee_bps),
        treasury: treasury.unwrap_or(cfg.treasury.to_string()),
        claim_auto_approve_limit: claim_auto_approve_limit.unwrap_or(cfg.claim_auto_approve_limit),
        max_pending_claim_secs: max_pending_claim_secs.unwrap_or(cfg.max_pending_claim_secs),
        loss_cap_bps: loss_cap_bps.unwrap_or(cfg.loss_cap_bps),
        loss_cap_window_secs: loss_cap_window_secs.unwrap_or(cfg.loss_cap_window_secs),
        max_capital_multiple: max_capital_multiple.or(cfg.max_capital_multiple).or(Some(Decimal::zero())),
        member_lookback_secs: Some(member_lookback_secs.unwrap_or(cfg.member_lookback_secs)),
        max_exposure_age_secs: max_exposure_age_secs.or(cfg.max_exposure_age_secs),
        reward_vesting_secs: Some(reward_vesting_secs.unwrap_or(cfg.reward_vesting_secs)),
        max_pause_secs: Some(max_pause_secs.unwrap_or(cfg.max_pause_secs)),
        max_members: Some(max_members.unwrap_or(cfg.max_members)),
        max_unbonding_entries: Some(max_unbonding_entries.unwrap_or(cfg.max_unbonding_entries)),
        max_memo_len: Some(max_memo_len.unwrap_or(cfg.max_memo_len)),
    };
    validate(api, msg)
}

impl Config {
    /// The `config` query's answer. `self` is destructured in full (no `..`): a stored field
    /// added without its place in the answer does not compile.
    pub fn response(&self) -> ConfigResponse {
        let Config {
            owner,
            guardian,
            risk_oracle,
            asset,
            unbonding_secs,
            deposit_lock_secs,
            min_deposit,
            protocol_fee_bps,
            treasury,
            claim_auto_approve_limit,
            max_pending_claim_secs,
            loss_cap_bps,
            loss_cap_window_secs,
            max_capital_multiple,
            member_lookback_secs,
            max_exposure_age_secs,
            reward_vesting_secs,
            max_pause_secs,
            max_members,
            max_unbonding_entries,
            max_memo_len,
        } = self.clone();
        ConfigResponse {
            owner,
            guardian,
            risk_oracle,
            asset,
            unbonding_secs,
            deposit_lock_secs,
            min_deposit,
            protocol_fee_bps,
            treasury,
            claim_auto_approve_limit,
            max_pending_claim_secs,
            loss_cap_bps,
            loss_cap_window_secs,
            max_capital_multiple,
            member_lookback_secs,
            max_exposure_age_secs,
            reward_vesting_secs,
            max_pause_secs,
            max_members,
            max_unbonding_entries,
            max_memo_len,
        }
    }
}
