//! pool-vault messages, in the JSON shapes of SPEC.md (pool-vault section).
//!
//! Units: every `Uint128` amount is in the settlement asset's base unit; `shares` are pool
//! shares (10⁶ shares per base unit at the first deposit); times are seconds of block time.

use cosmwasm_schema::{cw_serde, QueryResponses};
use cosmwasm_std::{Addr, Decimal, Uint128};
use cw20::Cw20ReceiveMsg;

use crate::oracle::Exposure;

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
    pub max_capital_multiple: Option<Decimal>,
    /// Default: `unbonding_secs`.
    pub member_lookback_secs: Option<u64>,
    /// Default: none (exposures never go stale).
    pub max_exposure_age_secs: Option<u64>,
    /// Default: `unbonding_secs`.
    pub reward_vesting_secs: Option<u64>,
    /// Default: 7 days.
    pub max_pause_secs: Option<u64>,
    /// Default: 32 (at most 64).
    pub max_members: Option<u32>,
    /// Default: 16 (at most 64); also bounds the deposit lock lots per address.
    pub max_unbonding_entries: Option<u32>,
    /// Default: 256 bytes (at most 4,096).
    pub max_memo_len: Option<u32>,
}

/// `update_config`: every field optional; absent = unchanged. The asset and the oracle change
/// only by migration. `guardian: ""` removes the guardian; `max_capital_multiple: "0"` removes
/// the capital cap; `max_exposure_age_secs: 0` turns the staleness rule off.
#[cw_serde]
#[derive(Default)]
pub struct ConfigUpdate {
    pub guardian: Option<String>,
    pub unbonding_secs: Option<u64>,
    pub deposit_lock_secs: Option<u64>,
    pub min_deposit: Option<Uint128>,
    pub protocol_fee_bps: Option<u32>,
    pub treasury: Option<String>,
    pub claim_auto_approve_limit: Option<Uint128>,
    pub max_pending_claim_secs: Option<u64>,
    pub loss_cap_bps: Option<u32>,
    pub loss_cap_window_secs: Option<u64>,
    pub max_capital_multiple: Option<Decimal>,
    pub member_lookback_secs: Option<u64>,
    pub max_exposure_age_secs: Option<u64>,
    pub reward_vesting_secs: Option<u64>,
    pub max_pause_secs: Option<u64>,
    pub max_members: Option<u32>,
    pub max_unbonding_entries: Option<u32>,
    pub max_memo_len: Option<u32>,
}

/// Terms of a member's cover (`register_member`, `update_member`).
#[cw_serde]
pub struct MemberTerms {
    pub member: String,
    /// Lifetime limit on what the pool pays this member (paid + shortfall), settlement units.
    pub coverage_cap: Uint128,
    /// Annual premium rate on the peak required contribution, basis points.
    pub premium_rate_bps: u32,
    /// Seconds a premium may stay unpaid before coverage is suspended.
    pub grace_secs: u64,
}

#[cw_serde]
#[allow(clippy::large_enum_variant)]
pub enum ExecuteMsg {
    /// cw20 asset only: the token's `send` hook, carrying a [`ReceiveMsg`].
    Receive(Cw20ReceiveMsg),
    // --- underwriters
    /// Native funds in; mints shares to `recipient` (default: sender).
    Deposit {
        recipient: Option<String>,
    },
    /// Starts unbonding `shares` (attribute `unbonding_id`).
    RequestWithdraw {
        shares: Uint128,
    },
    /// Pays every matured unbonding entry of the sender.
    Withdraw {},
    CancelWithdraw {
        id: u64,
    },
    // --- members
    MemberDeposit {},
    MemberWithdraw {
        amount: Uint128,
    },
    ReportExposure {
        exposures: Vec<Exposure>,
    },
    ClaimLoss {
        amount: Uint128,
        recipient: String,
        memo: Option<String>,
    },
    // --- anyone
    PayPremium {
        member: String,
    },
    RefreshMember {
        member: String,
    },
    /// Pays the shortfall queue's head within the loss cap (`NotQueueHead` for any other claim);
    /// a payment the recipient refuses is kept for its `collect`.
    SettleShortfall {
        claim_id: u64,
    },
    ReturnRecovery {
        claim_id: u64,
    },
    SweepSurplus {},
    /// The sender takes what a refused shortfall payment left it (`uncollected`).
    Collect {},
    // --- owner
    RegisterMember(MemberTerms),
    UpdateMember(MemberTerms),
    RemoveMember {
        member: String,
    },
    ApproveClaim {
        id: u64,
    },
    RejectClaim {
        id: u64,
        reason: String,
    },
    UpdateConfig(ConfigUpdate),
    TransferOwnership {
        owner: String,
    },
    Unpause {},
    /// Owner or guardian.
    Pause {},
}

/// What a cw20 `send` to the vault may carry (the funds-taking messages), acting for the cw20
/// sender.
#[cw_serde]
pub enum ReceiveMsg {
    Deposit { recipient: Option<String> },
    MemberDeposit {},
    PayPremium { member: String },
    ReturnRecovery { claim_id: u64 },
}

/// The native-asset form of a funds-taking message (same fields, funds attached instead).
impl From<ReceiveMsg> for ExecuteMsg {
    fn from(msg: ReceiveMsg) -> ExecuteMsg {
        match msg {
            ReceiveMsg::Deposit { recipient } => ExecuteMsg::Deposit { recipient },
            ReceiveMsg::MemberDeposit {} => ExecuteMsg::MemberDeposit {},
            ReceiveMsg::PayPremium { member } => ExecuteMsg::PayPremium { member },
            ReceiveMsg::ReturnRecovery { claim_id } => ExecuteMsg::ReturnRecovery { claim_id },
        }
    }
}

#[cw_serde]
#[derive(QueryResponses)]
pub enum QueryMsg {
    #[returns(ConfigResponse)]
    Config {},
    #[returns(StateResponse)]
    State {},
    #[returns(UnderwriterResponse)]
    Underwriter { address: String },
    #[returns(MemberResponse)]
    Member { address: String },
    #[returns(MembersResponse)]
    Members { start_after: Option<String>, limit: Option<u32> },
    #[returns(ClaimResponse)]
    Claim { id: u64 },
    #[returns(ClaimsResponse)]
    Claims { start_after: Option<u64>, limit: Option<u32> },
    #[returns(CapacityResponse)]
    Capacity { member: String },
    #[returns(PreviewDepositResponse)]
    PreviewDeposit { amount: Uint128 },
    #[returns(PreviewRedeemResponse)]
    PreviewRedeem { shares: Uint128 },
    #[returns(CoverageReportResponse)]
    CoverageReport {},
    /// Bonded shares of `address` at the start of block `height` (default: current).
    #[returns(VotingPowerAtHeightResponse)]
    VotingPowerAtHeight { address: String, height: Option<u64> },
    #[returns(TotalPowerAtHeightResponse)]
    TotalPowerAtHeight { height: Option<u64> },
    /// What refused shortfall payments left `address` to `collect` (part of `escrow`).
    #[returns(UncollectedResponse)]
    Uncollected { address: String },
    /// The shortfall queue, head first (`start_after`: a `seq`).
    #[returns(ShortfallQueueResponse)]
    ShortfallQueue { start_after: Option<u64>, limit: Option<u32> },
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
    pub max_capital_multiple: Option<Decimal>,
    pub member_lookback_secs: u64,
    pub max_exposure_age_secs: Option<u64>,
    pub reward_vesting_secs: u64,
    pub max_pause_secs: u64,
    pub max_members: u32,
    pub max_unbonding_entries: u32,
    pub max_memo_len: u32,
}

/// The books: token balance = total_assets + unvested + member_contributions + escrow + surplus.
#[cw_serde]
pub struct StateResponse {
    /// Underwriter capital (vested rewards included; unpaid shortfall still in it).
    pub total_assets: Uint128,
    pub total_shares: Uint128,
    /// Shares in unbonding entries (part of `total_shares`; they bear losses, do not vote).
    pub unbonding_shares: Uint128,
    /// Gross: (total_assets + 1) / (total_shares + 10⁶), settlement units per share.
    pub share_price: Decimal,
    /// Net: (net_assets + 1) / (total_shares + 10⁶).
    pub net_share_price: Decimal,
    pub net_assets: Uint128,
    pub unvested: Uint128,
    pub member_contributions: Uint128,
    pub escrow: Uint128,
    /// Token balance above the books (a donation); `sweep_surplus` sends it to the treasury.
    pub surplus: Uint128,
    pub pending_exposure: Uint128,
    pub shortfall: Uint128,
    /// Cover-N over the cached member figures.
    pub pool_requirement: Uint128,
    pub capacity: Uint128,
    pub paused: bool,
    pub paused_until: Option<u64>,
}

#[cw_serde]
pub struct UnbondingEntry {
    pub id: u64,
    pub shares: Uint128,
    pub value_at_request: Uint128,
    pub matures_at: u64,
}

#[cw_serde]
pub struct LockLot {
    pub shares: Uint128,
    pub unlocks_at: u64,
}

#[cw_serde]
pub struct UnderwriterResponse {
    pub shares: Uint128,
    pub bonded_shares: Uint128,
    /// Net redeemable value of all `shares`.
    pub value: Uint128,
    pub unbonding: Vec<UnbondingEntry>,
    /// Bonded shares still inside `deposit_lock_secs`.
    pub locked: Vec<LockLot>,
}

#[cw_serde]
pub struct MemberResponse {
    pub member: Addr,
    pub contribution: Uint128,
    pub required: Uint128,
    pub peak_required: Uint128,
    /// max(0, max(required, peak_required) − contribution).
    pub deficit: Uint128,
    pub exposures: Vec<Exposure>,
    pub exposures_at: Option<u64>,
    pub coverage_cap: Uint128,
    pub coverage_used: Uint128,
    pub premium_rate_bps: u32,
    pub premium_due: Uint128,
    /// now + ⌊prepaid·10⁴·year/(peak_required·bps)⌋: how long the prepaid credit lasts at the
    /// peak in force (informative; accrual draws the amount). None when peak_required·bps = 0.
    pub paid_through: Option<u64>,
    pub grace_secs: u64,
    pub es: Uint128,
    pub stress_loss: Uint128,
    pub peak_es: Uint128,
    pub peak_stress_loss: Uint128,
    /// When the cached figures were last assessed (block time), and the oracle's `as_of`.
    pub assessed_at: Option<u64>,
    pub as_of: Option<u64>,
    /// ⌊claim_multiple · max(peak_stress_loss, peak_es)⌋.
    pub claim_limit: Uint128,
    pub pending_claim: Option<u64>,
    /// Coverage suspended now, and why (`arrears`, `no_exposures`, `deficit`, `stale_exposures`).
    pub suspended: Option<String>,
    /// Premium paid beyond what was due, not yet drawn by accrual (settlement units).
    #[serde(default)]
    pub prepaid: Uint128,
    /// When `premium_due` last became positive (None while nothing is due); arrears are
    /// now − due_since > grace_secs.
    #[serde(default)]
    pub due_since: Option<u64>,
    /// The lowest `required` cached during the last `member_lookback_secs` (the deficit test of
    /// coverage suspension); None before the first assessment.
    #[serde(default)]
    pub lowest_required: Option<Uint128>,
}

#[cw_serde]
pub struct MembersResponse {
    pub members: Vec<MemberResponse>,
}

#[cw_serde]
pub enum ClaimStatus {
    Pending,
    Settled,
    Rejected,
    Expired,
}

impl ClaimStatus {
    /// The JSON name (snake_case), the one spelling of a status in attributes and errors.
    pub const fn as_str(&self) -> &'static str {
        match self {
            ClaimStatus::Pending => "pending",
            ClaimStatus::Settled => "settled",
            ClaimStatus::Rejected => "rejected",
            ClaimStatus::Expired => "expired",
        }
    }
}

impl std::fmt::Display for ClaimStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cw_serde]
pub struct ClaimResponse {
    pub id: u64,
    pub member: Addr,
    pub amount: Uint128,
    pub recipient: Addr,
    pub status: ClaimStatus,
    pub paid_by_member: Uint128,
    /// Pending: the capped pool part awaiting a decision; settled: what the pool paid.
    pub paid_by_pool: Uint128,
    pub denied: Uint128,
    /// Pool part deferred by the loss cap and still owed.
    pub shortfall: Uint128,
    pub created_at: u64,
    pub memo: Option<String>,
    pub expires_at: u64,
    pub reason: Option<String>,
    /// Why the pool pays nothing, when coverage was suspended at filing.
    pub suspended: Option<String>,
    /// The oracle failed at filing; `approve_claim` assesses first.
    pub needs_assessment: bool,
    pub recovered: Uint128,
}

#[cw_serde]
pub struct ClaimsResponse {
    pub claims: Vec<ClaimResponse>,
}

/// `claim_loss` response data.
#[cw_serde]
pub struct ClaimLossResponse {
    pub claim_id: u64,
    pub status: ClaimStatus,
    pub paid_by_member: Uint128,
    pub paid_by_pool: Uint128,
    pub denied: Uint128,
    pub shortfall: Uint128,
}

#[cw_serde]
pub struct UncollectedResponse {
    pub address: Addr,
    pub amount: Uint128,
}

/// One claim in the shortfall queue: paid in ascending `seq` (FIFO).
#[cw_serde]
pub struct ShortfallEntry {
    pub seq: u64,
    pub claim_id: u64,
    pub shortfall: Uint128,
}

#[cw_serde]
pub struct ShortfallQueueResponse {
    /// Entries in the whole queue (every claim with outstanding shortfall).
    pub length: u64,
    pub entries: Vec<ShortfallEntry>,
}

#[cw_serde]
pub struct CapacityResponse {
    /// contribution − max(required, peak_required), floored at 0.
    pub member_headroom: Uint128,
    /// capacity − Cover-N requirement, floored at 0.
    pub pool_headroom: Uint128,
}

#[cw_serde]
pub struct PreviewDepositResponse {
    pub shares: Uint128,
}

#[cw_serde]
pub struct PreviewRedeemResponse {
    pub amount: Uint128,
}

#[cw_serde]
pub struct MemberCoverage {
    pub member: Addr,
    pub required: Uint128,
    pub contribution: Uint128,
    pub stress_loss: Uint128,
    pub peak_stress_loss: Uint128,
    pub uncovered: Uint128,
    pub coverage_left: Uint128,
    pub paid_by_pool: Uint128,
    pub denied: Uint128,
    pub shortfall: Uint128,
}

/// A CCP-style disclosure of the pool's resources against its Cover-N requirement.
#[cw_serde]
pub struct CoverageReportResponse {
    /// Net assets: underwriter capital less pending claims and shortfall.
    pub capital: Uint128,
    pub cover_n: u32,
    pub cover_n_requirement: Uint128,
    /// capital / requirement (`None` when the requirement is 0).
    pub coverage_ratio: Option<Decimal>,
    pub capacity: Uint128,
    pub members: Vec<MemberCoverage>,
    pub losses_paid_by_pool: Uint128,
    pub losses_paid_by_members: Uint128,
    pub denied: Uint128,
    pub shortfall: Uint128,
    pub shortfall_to_date: Uint128,
    pub as_of: u64,
}

#[cw_serde]
pub struct VotingPowerAtHeightResponse {
    pub power: Uint128,
    pub height: u64,
}

#[cw_serde]
pub struct TotalPowerAtHeightResponse {
    pub power: Uint128,
    pub height: u64,
}

#[cw_serde]
pub struct MigrateMsg {}
