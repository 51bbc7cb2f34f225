//! pool-vault messages, in the JSON shapes of SPEC.md (pool-vault section).
//!
//! Units are types ([`crate::units`]): every [`Amount`] is in the settlement asset's base unit,
//! [`Shares`] are pool shares (10⁶ shares per base unit at the first deposit), [`Power`] is
//! voting power (bonded shares); each is a bare integer string in JSON. Times are seconds of
//! block time.

use cosmwasm_schema::{cw_serde, QueryResponses};
use cosmwasm_std::{Addr, Decimal};
use cw20::Cw20ReceiveMsg;

use crate::oracle::Exposure;
use crate::units::{Amount, Power, Shares};

/// The vault's single settlement asset.
#[cw_serde]
pub enum AssetInfo {
    /// Native bank coins of this denom.
    Native(String),
    /// The cw20 token at this address (funds arrive through its `send`).
    Cw20(String),
}

/// `instantiate`: the vault's configuration (SPEC.md: instantiate).
#[cw_serde]
pub struct InstantiateMsg {
    /// Owner: members, claims, config (normally the DAO).
    pub owner: String,
    /// May pause (owner or guardian); none by default.
    pub guardian: Option<String>,
    /// The risk-oracle contract answering `assess`.
    pub risk_oracle: String,
    /// The settlement asset, fixed for the vault's life.
    pub asset: AssetInfo,
    /// Seconds from `request_withdraw` to a withdrawable entry.
    pub unbonding_secs: u64,
    /// Seconds a deposit's shares stay locked before they may start unbonding.
    pub deposit_lock_secs: u64,
    /// Smallest underwriter deposit.
    pub min_deposit: Amount,
    /// Protocol fee on premium income, basis points (≤ 10,000).
    pub protocol_fee_bps: u32,
    /// Receives protocol fees and swept surplus.
    pub treasury: String,
    /// A claim whose pool part, with the member's settled pool parts in the loss-cap window, stays within this is settled at once.
    pub claim_auto_approve_limit: Amount,
    /// Seconds a pending claim waits for the owner before it expires.
    pub max_pending_claim_secs: u64,
    /// Most the pool pays in one loss-cap window, basis points of its assets at the window's first loss.
    pub loss_cap_bps: u32,
    /// Length of a loss-cap window, seconds.
    pub loss_cap_window_secs: u64,
    /// Cap on underwriter assets as a multiple of the Cover-N requirement; none by default.
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
    /// New guardian (`""` removes it).
    pub guardian: Option<String>,
    /// New `unbonding_secs`.
    pub unbonding_secs: Option<u64>,
    /// New `deposit_lock_secs`.
    pub deposit_lock_secs: Option<u64>,
    /// New `min_deposit`.
    pub min_deposit: Option<Amount>,
    /// New `protocol_fee_bps`.
    pub protocol_fee_bps: Option<u32>,
    /// New treasury.
    pub treasury: Option<String>,
    /// New `claim_auto_approve_limit`.
    pub claim_auto_approve_limit: Option<Amount>,
    /// New `max_pending_claim_secs`.
    pub max_pending_claim_secs: Option<u64>,
    /// New `loss_cap_bps`.
    pub loss_cap_bps: Option<u32>,
    /// New `loss_cap_window_secs`.
    pub loss_cap_window_secs: Option<u64>,
    /// New capital cap (`"0"` removes it).
    pub max_capital_multiple: Option<Decimal>,
    /// New `member_lookback_secs`.
    pub member_lookback_secs: Option<u64>,
    /// New `max_exposure_age_secs` (0 turns the rule off).
    pub max_exposure_age_secs: Option<u64>,
    /// New `reward_vesting_secs`.
    pub reward_vesting_secs: Option<u64>,
    /// New `max_pause_secs`.
    pub max_pause_secs: Option<u64>,
    /// New `max_members`.
    pub max_members: Option<u32>,
    /// New `max_unbonding_entries`.
    pub max_unbonding_entries: Option<u32>,
    /// New `max_memo_len`.
    pub max_memo_len: Option<u32>,
}

/// Terms of a member's cover (`register_member`, `update_member`).
#[cw_serde]
pub struct MemberTerms {
    /// The member's address (a protocol contract).
    pub member: String,
    /// Lifetime limit on what the pool pays this member (paid + shortfall), settlement units.
    pub coverage_cap: Amount,
    /// Annual premium rate on the peak required contribution, basis points.
    pub premium_rate_bps: u32,
    /// Seconds a premium may stay unpaid before coverage is suspended.
    pub grace_secs: u64,
}

/// The vault's execute messages (SPEC.md: execute).
#[cw_serde]
#[allow(clippy::large_enum_variant)]
pub enum ExecuteMsg {
    /// cw20 asset only: the token's `send` hook, carrying a [`ReceiveMsg`].
    Receive(Cw20ReceiveMsg),
    // --- underwriters
    /// Native funds in; mints shares to `recipient` (default: sender).
    Deposit {
        /// Who gets the shares (default: the sender).
        recipient: Option<String>,
    },
    /// Starts unbonding `shares` (attribute `unbonding_id`).
    RequestWithdraw {
        /// Bonded, unlocked shares to unbond.
        shares: Shares,
    },
    /// Pays every matured unbonding entry of the sender.
    Withdraw {},
    /// Cancels unbonding entry `id`: its shares are bonded again.
    CancelWithdraw {
        /// The unbonding entry's id.
        id: u64,
    },
    // --- members
    /// Native funds in: adds to the sender's (a member's) contribution.
    MemberDeposit {},
    /// Takes contribution back down to the member's floor.
    MemberWithdraw {
        /// Contribution to take back.
        amount: Amount,
    },
    /// Replaces the sender's exposures (a reduction is always accepted).
    ReportExposure {
        /// The member's whole book (replaces the stored one).
        exposures: Vec<Exposure>,
    },
    /// Files a loss claim: member contribution first, then the pool within its caps.
    ClaimLoss {
        /// The loss claimed.
        amount: Amount,
        /// Who is paid (neither the vault nor its token).
        recipient: String,
        /// A note kept with the claim (at most `max_memo_len` bytes).
        memo: Option<String>,
    },
    // --- anyone
    /// Native funds in: pays `member`'s premium (beyond what is due: prepaid).
    PayPremium {
        /// The member whose premium is paid.
        member: String,
    },
    /// Re-assesses `member`'s stored exposures with the oracle.
    RefreshMember {
        /// The member to re-assess.
        member: String,
    },
    /// Pays the shortfall queue's head within the loss cap (`NotQueueHead` for any other claim);
    /// a payment the recipient refuses is kept for its `collect`.
    SettleShortfall {
        /// The claim at the queue's head.
        claim_id: u64,
    },
    /// Native funds in: money recovered on settled claim `claim_id`.
    ReturnRecovery {
        /// The settled claim the money was recovered on.
        claim_id: u64,
    },
    /// Sends the balance above the books to the treasury.
    SweepSurplus {},
    /// The sender takes what a refused shortfall payment left it (`uncollected`).
    Collect {},
    // --- owner
    /// Registers a member on these terms.
    RegisterMember(MemberTerms),
    /// Changes a member's terms (premium accrued on the old ones first).
    UpdateMember(MemberTerms),
    /// Removes a member (refunds its contribution less premium due).
    RemoveMember {
        /// The member to remove.
        member: String,
    },
    /// Settles pending claim `id`.
    ApproveClaim {
        /// The pending claim.
        id: u64,
    },
    /// Rejects pending claim `id`; its escrow returns to the member.
    RejectClaim {
        /// The pending claim.
        id: u64,
        /// Why (at most `max_memo_len` bytes).
        reason: String,
    },
    /// Changes the configuration (absent fields unchanged).
    UpdateConfig(ConfigUpdate),
    /// Hands the owner role to `owner`.
    TransferOwnership {
        /// The new owner.
        owner: String,
    },
    /// Owner: ends a pause now.
    Unpause {},
    /// Owner or guardian.
    Pause {},
}

/// What a cw20 `send` to the vault may carry (the funds-taking messages), acting for the cw20
/// sender.
#[cw_serde]
pub enum ReceiveMsg {
    /// See [`ExecuteMsg::Deposit`].
    Deposit {
        /// Who gets the shares (default: the cw20 sender).
        recipient: Option<String>,
    },
    /// See [`ExecuteMsg::MemberDeposit`].
    MemberDeposit {},
    /// See [`ExecuteMsg::PayPremium`].
    PayPremium {
        /// The member (whose premium is paid, or asked about).
        member: String,
    },
    /// See [`ExecuteMsg::ReturnRecovery`].
    ReturnRecovery {
        /// The settled claim the money was recovered on.
        claim_id: u64,
    },
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

/// The vault's queries (SPEC.md: queries); figures as of the block time, no oracle call.
#[cw_serde]
#[derive(QueryResponses)]
pub enum QueryMsg {
    /// The configuration.
    #[returns(ConfigResponse)]
    Config {},
    /// The books.
    #[returns(StateResponse)]
    State {},
    /// One underwriter's shares, value, unbonding entries and locks.
    #[returns(UnderwriterResponse)]
    Underwriter {
        /// The address asked about.
        address: String,
    },
    /// One member's figures.
    #[returns(MemberResponse)]
    Member {
        /// The address asked about.
        address: String,
    },
    /// Members by address, paged.
    #[returns(MembersResponse)]
    Members {
        /// Page after this address.
        start_after: Option<String>,
        /// Page size (default 10, at most 30).
        limit: Option<u32>,
    },
    /// One claim.
    #[returns(ClaimResponse)]
    Claim {
        /// The claim's id.
        id: u64,
    },
    /// Claims by id, paged.
    #[returns(ClaimsResponse)]
    Claims {
        /// Page after this claim id.
        start_after: Option<u64>,
        /// Page size (default 10, at most 30).
        limit: Option<u32>,
    },
    /// A member's and the pool's headroom.
    #[returns(CapacityResponse)]
    Capacity {
        /// The member.
        member: String,
    },
    /// Shares a deposit of `amount` would mint now.
    #[returns(PreviewDepositResponse)]
    PreviewDeposit {
        /// The deposit.
        amount: Amount,
    },
    /// What `shares` would redeem for now (net value).
    #[returns(PreviewRedeemResponse)]
    PreviewRedeem {
        /// The shares.
        shares: Shares,
    },
    /// The CCP-style coverage disclosure: the pool's figures, and its members by address, paged
    /// (`{}` answers the first 64; `member_count` says how many there are).
    #[returns(CoverageReportResponse)]
    CoverageReport {
        /// Members after this address.
        start_after: Option<String>,
        /// Members in this answer (default 64, at most 64).
        limit: Option<u32>,
    },
    /// Bonded shares of `address` at the start of block `height` (default: current).
    #[returns(VotingPowerAtHeightResponse)]
    VotingPowerAtHeight {
        /// The address asked about.
        address: String,
        /// The block height (default: current).
        height: Option<u64>,
    },
    /// Total bonded shares at the start of block `height` (default: current).
    #[returns(TotalPowerAtHeightResponse)]
    TotalPowerAtHeight {
        /// The block height (default: current).
        height: Option<u64>,
    },
    /// What refused shortfall payments left `address` to `collect` (part of `escrow`).
    #[returns(UncollectedResponse)]
    Uncollected {
        /// The address asked about.
        address: String,
    },
    /// The shortfall queue, head first (`start_after`: a `seq`).
    #[returns(ShortfallQueueResponse)]
    ShortfallQueue {
        /// Page after this `seq`.
        start_after: Option<u64>,
        /// Page size (default 10, at most 30).
        limit: Option<u32>,
    },
}

/// The validated configuration (`config` query).
#[cw_serde]
pub struct ConfigResponse {
    /// Owner: members, claims, config.
    pub owner: Addr,
    /// May pause; none when unset.
    pub guardian: Option<Addr>,
    /// The risk oracle.
    pub risk_oracle: Addr,
    /// The settlement asset.
    pub asset: AssetInfo,
    /// Seconds from `request_withdraw` to a withdrawable entry.
    pub unbonding_secs: u64,
    /// Seconds a deposit's shares stay locked.
    pub deposit_lock_secs: u64,
    /// Smallest underwriter deposit.
    pub min_deposit: Amount,
    /// Protocol fee on premium income, basis points.
    pub protocol_fee_bps: u32,
    /// Receives protocol fees and swept surplus.
    pub treasury: Addr,
    /// Auto-approval limit of a member's pool parts per loss-cap window.
    pub claim_auto_approve_limit: Amount,
    /// Seconds a pending claim waits before it expires.
    pub max_pending_claim_secs: u64,
    /// Loss cap per window, basis points of assets.
    pub loss_cap_bps: u32,
    /// Length of a loss-cap window, seconds.
    pub loss_cap_window_secs: u64,
    /// Capital cap as a multiple of the Cover-N requirement; none = no cap.
    pub max_capital_multiple: Option<Decimal>,
    /// Lookback of the rolling peaks and minimum, seconds.
    pub member_lookback_secs: u64,
    /// Exposures older than this suspend cover; none = never stale.
    pub max_exposure_age_secs: Option<u64>,
    /// Seconds over which income vests into the share price.
    pub reward_vesting_secs: u64,
    /// Longest pause, seconds (then it lapses).
    pub max_pause_secs: u64,
    /// Most registered members.
    pub max_members: u32,
    /// Most unbonding entries (and deposit lock lots) per address.
    pub max_unbonding_entries: u32,
    /// Longest claim memo or rejection reason, bytes.
    pub max_memo_len: u32,
}

/// The books: token balance = total_assets + unvested + member_contributions + escrow + surplus.
#[cw_serde]
pub struct StateResponse {
    /// Underwriter capital (vested rewards included; unpaid shortfall still in it).
    pub total_assets: Amount,
    /// All pool shares.
    pub total_shares: Shares,
    /// Shares in unbonding entries (part of `total_shares`; they bear losses, do not vote).
    pub unbonding_shares: Shares,
    /// Gross: (total_assets + 1) / (total_shares + 10⁶), settlement units per share.
    pub share_price: Decimal,
    /// Net: (net_assets + 1) / (total_shares + 10⁶).
    pub net_share_price: Decimal,
    /// total_assets − pending_exposure − shortfall, floored at 0.
    pub net_assets: Amount,
    /// Income not yet vested into the share price.
    pub unvested: Amount,
    /// Σ member contributions.
    pub member_contributions: Amount,
    /// Member parts of pending claims, and refused payouts kept `uncollected`.
    pub escrow: Amount,
    /// Token balance above the books (a donation); `sweep_surplus` sends it to the treasury.
    pub surplus: Amount,
    /// Σ capped pool parts of pending claims.
    pub pending_exposure: Amount,
    /// Outstanding shortfall (owed, deferred by the loss cap).
    pub shortfall: Amount,
    /// Cover-N over the cached member figures.
    pub pool_requirement: Amount,
    /// Cover-N capacity: loss_cap_bps of net assets less the unbonding value.
    pub capacity: Amount,
    /// Whether the vault is paused now.
    pub paused: bool,
    /// When the pause lapses.
    pub paused_until: Option<u64>,
}

/// A pending withdrawal: shares that stopped voting and wait `unbonding_secs`.
#[cw_serde]
pub struct UnbondingEntry {
    /// Its id (the `unbonding_id` attribute).
    pub id: u64,
    /// Shares being unbonded.
    pub shares: Shares,
    /// Their net value at the request (the most the withdrawal pays).
    pub value_at_request: Amount,
    /// When it may be withdrawn.
    pub matures_at: u64,
}

/// Freshly deposited shares still inside `deposit_lock_secs`.
#[cw_serde]
pub struct LockLot {
    /// Shares locked.
    pub shares: Shares,
    /// When they unlock.
    pub unlocks_at: u64,
}

/// An underwriter's position.
#[cw_serde]
pub struct UnderwriterResponse {
    /// All its shares (bonded and unbonding).
    pub shares: Shares,
    /// Shares not in unbonding entries (its voting power).
    pub bonded_shares: Shares,
    /// Net redeemable value of all `shares`.
    pub value: Amount,
    /// Its unbonding entries.
    pub unbonding: Vec<UnbondingEntry>,
    /// Bonded shares still inside `deposit_lock_secs`.
    pub locked: Vec<LockLot>,
}

/// A member's figures as of the block time (premium accrued in memory).
#[cw_serde]
pub struct MemberResponse {
    /// The member's address.
    pub member: Addr,
    /// First-loss money posted by the member.
    pub contribution: Amount,
    /// The oracle's required contribution for the current exposures.
    pub required: Amount,
    /// The largest `required` over the lookback.
    pub peak_required: Amount,
    /// max(0, max(required, peak_required) − contribution).
    pub deficit: Amount,
    /// The exposures last reported.
    pub exposures: Vec<Exposure>,
    /// When they were reported.
    pub exposures_at: Option<u64>,
    /// Lifetime limit on what the pool pays this member.
    pub coverage_cap: Amount,
    /// What the pool has paid or owes this member so far (paid + shortfall).
    pub coverage_used: Amount,
    /// Annual premium rate, basis points.
    pub premium_rate_bps: u32,
    /// Premium accrued and unpaid.
    pub premium_due: Amount,
    /// now + ⌊prepaid·10⁴·year/(peak_required·bps)⌋: how long the prepaid credit lasts at the
    /// peak in force (informative; accrual draws the amount). None when peak_required·bps = 0.
    pub paid_through: Option<u64>,
    /// Seconds premium may stay due before cover is suspended.
    pub grace_secs: u64,
    /// Cached expected shortfall.
    pub es: Amount,
    /// Cached stress loss.
    pub stress_loss: Amount,
    /// Largest `es` over the lookback.
    pub peak_es: Amount,
    /// Largest `stress_loss` over the lookback.
    pub peak_stress_loss: Amount,
    /// When the cached figures were last assessed (block time), and the oracle's `as_of`.
    pub assessed_at: Option<u64>,
    /// The oracle's `as_of` of the cached figures.
    pub as_of: Option<u64>,
    /// ⌊claim_multiple · max(peak_stress_loss, peak_es)⌋.
    pub claim_limit: Amount,
    /// The member's pending claim, if any.
    pub pending_claim: Option<u64>,
    /// Coverage suspended now, and why (`arrears`, `no_exposures`, `deficit`, `stale_exposures`).
    pub suspended: Option<String>,
    /// Premium paid beyond what was due, not yet drawn by accrual (settlement units).
    #[serde(default)]
    pub prepaid: Amount,
    /// When `premium_due` last became positive (None while nothing is due); arrears are
    /// now − due_since > grace_secs.
    #[serde(default)]
    pub due_since: Option<u64>,
    /// The lowest `required` cached during the last `member_lookback_secs` (the deficit test of
    /// coverage suspension); None before the first assessment.
    #[serde(default)]
    pub lowest_required: Option<Amount>,
}

/// A page of members.
#[cw_serde]
pub struct MembersResponse {
    /// The members, by address.
    pub members: Vec<MemberResponse>,
}

/// Where a claim stands: `pending` (awaiting the owner), `settled` (paid; what the loss cap
/// deferred is shortfall), `rejected` (by the owner), `expired` (not decided within
/// `max_pending_claim_secs`).
///
/// The variants are described here, not one by one: a doc comment on a unit variant would turn
/// its JSON schema from a string `enum` into a `oneOf`, a schema change for no JSON change.
#[cw_serde]
#[allow(missing_docs)]
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

/// A claim.
#[cw_serde]
pub struct ClaimResponse {
    /// Its id.
    pub id: u64,
    /// The member that filed it.
    pub member: Addr,
    /// The loss claimed.
    pub amount: Amount,
    /// Who is paid.
    pub recipient: Addr,
    /// Where it stands (a pending claim past its expiry reads `expired`).
    pub status: ClaimStatus,
    /// The member's escrow part.
    pub paid_by_member: Amount,
    /// Pending: the capped pool part awaiting a decision; settled: what the pool paid.
    pub paid_by_pool: Amount,
    /// The part no one pays (beyond the caps, or suspended cover).
    pub denied: Amount,
    /// Pool part deferred by the loss cap and still owed.
    pub shortfall: Amount,
    /// Filing time.
    pub created_at: u64,
    /// The member's memo.
    pub memo: Option<String>,
    /// When a pending claim expires.
    pub expires_at: u64,
    /// The owner's rejection reason.
    pub reason: Option<String>,
    /// Why the pool pays nothing, when coverage was suspended at filing.
    pub suspended: Option<String>,
    /// The oracle failed at filing; `approve_claim` assesses first.
    pub needs_assessment: bool,
    /// Recoveries returned on it so far.
    pub recovered: Amount,
}

/// A page of claims.
#[cw_serde]
pub struct ClaimsResponse {
    /// The claims, by id.
    pub claims: Vec<ClaimResponse>,
}

/// `claim_loss` response data.
#[cw_serde]
pub struct ClaimLossResponse {
    /// The new claim's id.
    pub claim_id: u64,
    /// Settled (auto-approved) or pending.
    pub status: ClaimStatus,
    /// The member's escrow part.
    pub paid_by_member: Amount,
    /// The pool's part (pending: capped, awaiting a decision).
    pub paid_by_pool: Amount,
    /// The part no one pays.
    pub denied: Amount,
    /// The pool part deferred by the loss cap.
    pub shortfall: Amount,
}

/// What refused payments left an address to `collect`.
#[cw_serde]
pub struct UncollectedResponse {
    /// The address.
    pub address: Addr,
    /// Its uncollected amount.
    pub amount: Amount,
}

/// One claim in the shortfall queue: paid in ascending `seq` (FIFO).
#[cw_serde]
pub struct ShortfallEntry {
    /// Its queue position (ascending = paid first).
    pub seq: u64,
    /// The claim owed.
    pub claim_id: u64,
    /// Its outstanding shortfall.
    pub shortfall: Amount,
}

/// A page of the shortfall queue.
#[cw_serde]
pub struct ShortfallQueueResponse {
    /// Entries in the whole queue (every claim with outstanding shortfall).
    pub length: u64,
    /// The entries, head first.
    pub entries: Vec<ShortfallEntry>,
}

/// Headroom of a member and of the pool.
#[cw_serde]
pub struct CapacityResponse {
    /// contribution − max(required, peak_required), floored at 0.
    pub member_headroom: Amount,
    /// capacity − Cover-N requirement, floored at 0.
    pub pool_headroom: Amount,
}

/// `preview_deposit`.
#[cw_serde]
pub struct PreviewDepositResponse {
    /// Shares the deposit would mint.
    pub shares: Shares,
}

/// `preview_redeem`.
#[cw_serde]
pub struct PreviewRedeemResponse {
    /// What the shares would redeem for.
    pub amount: Amount,
}

/// One member in the coverage report.
#[cw_serde]
pub struct MemberCoverage {
    /// The member.
    pub member: Addr,
    /// Cached required contribution.
    pub required: Amount,
    /// Its contribution.
    pub contribution: Amount,
    /// Cached stress loss.
    pub stress_loss: Amount,
    /// Largest stress loss over the lookback.
    pub peak_stress_loss: Amount,
    /// Its Cover-N input: min(peak stress loss − contribution, coverage left).
    pub uncovered: Amount,
    /// Coverage cap less coverage used.
    pub coverage_left: Amount,
    /// Lifetime pool payments on its claims.
    pub paid_by_pool: Amount,
    /// Lifetime denied parts of its claims.
    pub denied: Amount,
    /// Its outstanding shortfall.
    pub shortfall: Amount,
}

/// A CCP-style disclosure of the pool's resources against its Cover-N requirement.
#[cw_serde]
pub struct CoverageReportResponse {
    /// Net assets: underwriter capital less pending claims and shortfall.
    pub capital: Amount,
    /// The oracle's N (the largest N members' uncovered losses).
    pub cover_n: u32,
    /// Σ of the N largest `uncovered`.
    pub cover_n_requirement: Amount,
    /// capital / requirement (`None` when the requirement is 0).
    pub coverage_ratio: Option<Decimal>,
    /// Cover-N capacity.
    pub capacity: Amount,
    /// The members of this page (ascending by address).
    pub members: Vec<MemberCoverage>,
    /// Lifetime losses the pool paid.
    pub losses_paid_by_pool: Amount,
    /// Lifetime losses members' escrow paid.
    pub losses_paid_by_members: Amount,
    /// Lifetime denied parts.
    pub denied: Amount,
    /// Outstanding shortfall.
    pub shortfall: Amount,
    /// Lifetime shortfall arisen.
    pub shortfall_to_date: Amount,
    /// Block time of the report.
    pub as_of: u64,
    /// Registered members, all pages (more than `members` holds when the answer is a page).
    pub member_count: u32,
}

/// An address's voting power (DAO DAO voting interface).
#[cw_serde]
pub struct VotingPowerAtHeightResponse {
    /// Bonded shares at the start of the block.
    pub power: Power,
    /// The block height asked.
    pub height: u64,
}

/// The total voting power (DAO DAO voting interface).
#[cw_serde]
pub struct TotalPowerAtHeightResponse {
    /// Total bonded shares at the start of the block.
    pub power: Power,
    /// The block height asked.
    pub height: u64,
}

/// `migrate`: no parameters.
#[cw_serde]
pub struct MigrateMsg {}
