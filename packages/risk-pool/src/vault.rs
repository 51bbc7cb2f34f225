//! pool-vault messages. This first cut carries the instantiate shape of SPEC.md, `config` and
//! ownership; the underwriter, member and claim messages land with the vault issue.

use cosmwasm_schema::{cw_serde, QueryResponses};
use cosmwasm_std::{Addr, Uint128};

/// The vault's single settlement asset.
#[cw_serde]
pub enum AssetInfo {
    Native(String),
    Cw20(String),
}

#[cw_serde]
pub struct InstantiateMsg {
    pub owner: String,
    pub guardian: Option<String>,
    pub risk_oracle: String,
    pub asset: AssetInfo,
    pub unbonding_secs: u64,
    pub deposit_lock_secs: u64,
    pub min_deposit: Uint128,
    pub protocol_fee_bps: u32,
    pub treasury: String,
    pub claim_auto_approve_limit: Uint128,
    pub max_pending_claim_secs: u64,
    pub loss_cap_bps: u32,
    pub loss_cap_window_secs: u64,
    pub max_capital_multiple: Option<cosmwasm_std::Decimal>,
    /// Default: `unbonding_secs`.
    pub member_lookback_secs: Option<u64>,
    /// Default: none (exposures never go stale).
    pub max_exposure_age_secs: Option<u64>,
    /// Default: `unbonding_secs`.
    pub reward_vesting_secs: Option<u64>,
    /// Default: 7 days.
    pub max_pause_secs: Option<u64>,
    /// Default: 32.
    pub max_members: Option<u32>,
    /// Default: 16.
    pub max_unbonding_entries: Option<u32>,
    /// Default: 256 bytes.
    pub max_memo_len: Option<u32>,
}

#[cw_serde]
pub enum ExecuteMsg {
    TransferOwnership { owner: String },
}

#[cw_serde]
#[derive(QueryResponses)]
pub enum QueryMsg {
    #[returns(ConfigResponse)]
    Config {},
}

#[cw_serde]
pub struct ConfigResponse {
    pub owner: Addr,
    pub guardian: Option<Addr>,
    pub risk_oracle: Addr,
    pub asset: AssetInfo,
    pub unbonding_secs: u64,
    pub deposit_lock_secs: u64,
    pub min_deposit: Uint128,
    pub protocol_fee_bps: u32,
    pub treasury: Addr,
    pub claim_auto_approve_limit: Uint128,
    pub max_pending_claim_secs: u64,
    pub loss_cap_bps: u32,
    pub loss_cap_window_secs: u64,
    pub max_capital_multiple: Option<cosmwasm_std::Decimal>,
    pub member_lookback_secs: u64,
    pub max_exposure_age_secs: Option<u64>,
    pub reward_vesting_secs: u64,
    pub max_pause_secs: u64,
    pub max_members: u32,
    pub max_unbonding_entries: u32,
    pub max_memo_len: u32,
}

#[cw_serde]
pub struct MigrateMsg {}
