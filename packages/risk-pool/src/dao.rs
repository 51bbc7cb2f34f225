//! dao-governance messages. This first cut carries the instantiate shape of SPEC.md and
//! `config`; proposals land with the governance issue.

use cosmwasm_schema::{cw_serde, QueryResponses};
use cosmwasm_std::{Addr, Uint128};

#[cw_serde]
pub struct InstantiateMsg {
    pub vault: String,
    pub voting_period_secs: u64,
    pub quorum_bps: u32,
    pub threshold_bps: u32,
    pub timelock_secs: u64,
    pub min_propose_power: Uint128,
    pub guardian: Option<String>,
    pub max_msgs: u32,
    /// Default: 7 days.
    pub execution_window_secs: Option<u64>,
    /// Default: true.
    pub require_timelock_ge_unbonding: Option<bool>,
    /// Default: 128 bytes.
    pub max_title_len: Option<u32>,
    /// Default: 4,096 bytes.
    pub max_description_len: Option<u32>,
}

#[cw_serde]
pub enum ExecuteMsg {}

#[cw_serde]
#[derive(QueryResponses)]
pub enum QueryMsg {
    #[returns(ConfigResponse)]
    Config {},
}

#[cw_serde]
pub struct ConfigResponse {
    pub vault: Addr,
    pub voting_period_secs: u64,
    pub quorum_bps: u32,
    pub threshold_bps: u32,
    pub timelock_secs: u64,
    pub min_propose_power: Uint128,
    pub guardian: Option<Addr>,
    pub max_msgs: u32,
    pub execution_window_secs: u64,
    pub require_timelock_ge_unbonding: bool,
    pub max_title_len: u32,
    pub max_description_len: u32,
}

#[cw_serde]
pub struct MigrateMsg {}
