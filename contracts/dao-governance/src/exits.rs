//! The vault's exit delay, as the wait of a passed proposal uses it (SPEC, revision 2): a change
//! applies only after every underwriter who could see it coming has had time to leave.

use cosmwasm_std::QuerierWrapper;
use serde::Deserialize;

use crate::error::ContractError;
use crate::state::{Config, Proposal};

/// The two fields of the vault's `config` answer ([`risk_pool::vault::ConfigResponse`]) the exit delay
/// reads; serde skips the others. Deserializing only these keeps the vault's whole configuration
/// type (its asset enum, decimals, addresses) out of the DAO's wasm (issue 15: ~8 KB of code).
#[derive(Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
pub struct VaultTimes {
    /// Seconds from `request_withdraw` to a withdrawable entry.
    pub unbonding_secs: u64,
    /// Seconds a deposit's shares stay locked.
    pub deposit_lock_secs: u64,
}

/// The vault's current exit times, as a typed error if the vault cannot be queried.
pub fn vault_config(querier: &QuerierWrapper, cfg: &Config) -> Result<VaultTimes, ContractError> {
    risk_pool::VaultContract(cfg.vault.clone())
        .config_fields(querier)
        .map_err(|e| ContractError::VaultUnavailable { vault: cfg.vault.to_string(), reason: e.to_string() })
}

/// The exit delay a passed proposal's wait adds `exit_window` to: the vault's `unbonding_secs`
/// plus the part of its `deposit_lock_secs` beyond the exit window. An underwriter who
/// deposited before the proposal (and so could vote on it) can ask to exit at the latest when
/// its lock ends, ≤ passed_at + deposit_lock_secs, so the wait max(exit_window, lock) +
/// unbonding lets it leave first (red team: a 3-day lock let a drain apply 2 days before a
/// no-voter's exit matured). Recorded in the proposal's `unbonding_secs`.
pub fn exit_delay(c: &VaultTimes, exit_window: u64) -> u64 {
    c.unbonding_secs.saturating_add(c.deposit_lock_secs.saturating_sub(exit_window))
}

/// [`exit_delay`] of the vault now, as a typed error if the vault cannot be queried.
pub fn vault_unbonding(querier: &QuerierWrapper, cfg: &Config, exit_window: u64) -> Result<u64, ContractError> {
    vault_config(querier, cfg).map(|c| exit_delay(&c, exit_window))
}

/// Whether the unbonding rule applies to `p` (snapshotted `require_timelock_ge_unbonding` and
/// not `claims_only`).
pub fn rule_applies(p: &Proposal) -> bool {
    p.require_timelock_ge_unbonding && !p.claims_only
}

/// [`vault_unbonding`] when the unbonding rule applies to `p`, else `None` (nothing to read).
pub fn live_unbonding(querier: &QuerierWrapper, cfg: &Config, p: &Proposal) -> Result<Option<u64>, ContractError> {
    if !rule_applies(p) {
        return Ok(None);
    }
    vault_unbonding(querier, cfg, p.exit_window_secs).map(Some)
}

/// Records the vault's unbonding read now in `p` (never lowering the recorded value: an exit
/// requested under the larger one still takes that long).
pub fn record_unbonding(p: &mut Proposal, live: Option<u64>) {
    if let Some(u) = live {
        p.unbonding_secs = Some(p.unbonding_secs.map_or(u, |r| r.max(u)));
    }
}
