use cosmwasm_schema::cw_serde;
use cosmwasm_std::{Addr, Decimal, Uint128};
use cw_storage_plus::Item;
use risk_pool::vault::AssetInfo;

/// Validated configuration (`XUnchecked → validate → X`: addresses are `Addr` here).
#[cw_serde]
pub struct Config {
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
    pub max_capital_multiple: Option<Decimal>,
    pub member_lookback_secs: u64,
    pub max_exposure_age_secs: Option<u64>,
    pub reward_vesting_secs: u64,
    pub max_pause_secs: u64,
    pub max_members: u32,
    pub max_unbonding_entries: u32,
    pub max_memo_len: u32,
}

pub const CONFIG: Item<Config> = Item::new("config");
