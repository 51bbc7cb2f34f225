//! `InstantiateMsg` → `validate` → `Config`; `update_config` re-validates the whole result.

use cosmwasm_std::Api;
use risk_pool::dao::{ConfigUpdate, InstantiateMsg, DEFAULT_EXIT_WINDOW_SECS};

use crate::error::ContractError;
use crate::state::Config;

/// SPEC's default `execution_window_secs`: 7 days.
pub const DEFAULT_EXECUTION_WINDOW_SECS: u64 = 7 * 86_400;
/// Default `max_title_len`, bytes.
pub const DEFAULT_MAX_TITLE_LEN: u32 = 128;
/// Default `max_description_len`, bytes.
pub const DEFAULT_MAX_DESCRIPTION_LEN: u32 = 4_096;
/// Hard ceilings (bounded gas and storage whatever a proposal sets): messages per proposal…
pub const MAX_MSGS: u32 = 64;
/// …title bytes…
pub const MAX_TITLE_LEN: u32 = 1_024;
/// …and description bytes.
pub const MAX_DESCRIPTION_LEN: u32 = 65_536;
/// Page size of the list queries when `limit` is absent…
pub const DEFAULT_PAGE: u32 = 10;
/// …and its ceiling.
pub const MAX_PAGE: u32 = 30;

fn invalid(reason: impl Into<String>) -> ContractError {
    ContractError::InvalidConfig { reason: reason.into() }
}

/// The configuration `msg` describes, its defaults filled in; `InvalidConfig` names the field
/// and the bound it breaks.
pub fn validate(api: &dyn Api, msg: InstantiateMsg) -> Result<Config, ContractError> {
    if msg.quorum_bps > 10_000 || msg.threshold_bps > 10_000 {
        return Err(invalid(format!(
            "quorum_bps {} and threshold_bps {} must be ≤ 10000",
            msg.quorum_bps, msg.threshold_bps
        )));
    }
    if msg.voting_period_secs == 0 {
        return Err(invalid("voting_period_secs must be > 0"));
    }
    if msg.max_msgs == 0 || msg.max_msgs > MAX_MSGS {
        return Err(invalid(format!("max_msgs {} outside [1, {MAX_MSGS}]", msg.max_msgs)));
    }
    let bounded = |what: &str, v: Option<u32>, default: u32, max: u32| match v.unwrap_or(default) {
        0 => Err(invalid(format!("{what} must be > 0"))),
        v if v > max => Err(invalid(format!("{what} {v} > {max}"))),
        v => Ok(v),
    };
    let execution_window_secs = msg.execution_window_secs.unwrap_or(DEFAULT_EXECUTION_WINDOW_SECS);
    if execution_window_secs == 0 {
        return Err(invalid("execution_window_secs must be > 0"));
    }
    Ok(Config {
        vault: api.addr_validate(&msg.vault)?,
        voting_period_secs: msg.voting_period_secs,
        quorum_bps: msg.quorum_bps,
        threshold_bps: msg.threshold_bps,
        timelock_secs: msg.timelock_secs,
        min_propose_power: msg.min_propose_power,
        guardian: msg.guardian.filter(|g| !g.is_empty()).map(|g| api.addr_validate(&g)).transpose()?,
        max_msgs: msg.max_msgs,
        execution_window_secs,
        require_timelock_ge_unbonding: msg.require_timelock_ge_unbonding.unwrap_or(true),
        max_title_len: bounded("max_title_len", msg.max_title_len, DEFAULT_MAX_TITLE_LEN, MAX_TITLE_LEN)?,
        max_description_len: bounded(
            "max_description_len",
            msg.max_description_len,
            DEFAULT_MAX_DESCRIPTION_LEN,
            MAX_DESCRIPTION_LEN,
        )?,
        exit_window_secs: msg.exit_window_secs.unwrap_or(DEFAULT_EXIT_WINDOW_SECS),
    })
}

/// `cfg` with `u` laid over it, validated as a whole. The vault stays.
///
/// `u` is destructured in full (no `..`): a field added to `ConfigUpdate` does not compile
/// until it is handled here.
pub fn apply_update(api: &dyn Api, cfg: &Config, u: ConfigUpdate) -> Result<Config, ContractError> {
    let ConfigUpdate {
        voting_period_secs,
        quorum_bps,
        threshold_bps,
        timelock_secs,
        min_propose_power,
        guardian,
        max_msgs,
        execution_window_secs,
        require_timelock_ge_unbonding,
        max_title_len,
        max_description_len,
        exit_window_secs,
    } = u;
    validate(
        api,
        InstantiateMsg {
            vault: cfg.vault.to_string(),
            voting_period_secs: voting_period_secs.unwrap_or(cfg.voting_period_secs),
            quorum_bps: quorum_bps.unwrap_or(cfg.quorum_bps),
            threshold_bps: threshold_bps.unwrap_or(cfg.threshold_bps),
            timelock_secs: timelock_secs.unwrap_or(cfg.timelock_secs),
            min_propose_power: min_propose_power.unwrap_or(cfg.min_propose_power),
            guardian: guardian.or(cfg.guardian.as_ref().map(|g| g.to_string())),
            max_msgs: max_msgs.unwrap_or(cfg.max_msgs),
            execution_window_secs: Some(execution_window_secs.unwrap_or(cfg.execution_window_secs)),
            require_timelock_ge_unbonding: Some(
                require_timelock_ge_unbonding.unwrap_or(cfg.require_timelock_ge_unbonding),
            ),
            max_title_len: Some(max_title_len.unwrap_or(cfg.max_title_len)),
            max_description_len: Some(max_description_len.unwrap_or(cfg.max_description_len)),
            exit_window_secs: Some(exit_window_secs.unwrap_or(cfg.exit_window_secs)),
        },
    )
}
