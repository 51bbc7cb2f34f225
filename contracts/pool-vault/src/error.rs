use cosmwasm_std::StdError;
use risk_pool::units::{Amount, Shares, UnitError};
use thiserror::Error;

/// Every rejection of the vault. Each names the numbers involved; none changes state.
#[derive(Error, Debug, PartialEq)]
pub enum ContractError {
    #[error("{0}")]
    Std(#[from] StdError),

    #[error(transparent)]
    Migrate(#[from] risk_pool::migrate::MigrateError),

    #[error("unauthorized: only the {role} may {action}")]
    Unauthorized { role: &'static str, action: &'static str },

    #[error("invalid config: {reason}")]
    InvalidConfig { reason: String },

    #[error("invariant broken: {what}")]
    Invariant { what: String },

    #[error("arithmetic limit: {what}")]
    Math { what: &'static str },

    /// Unit arithmetic failed: the operation and its operands are named.
    #[error("arithmetic limit: {0}")]
    Unit(#[from] UnitError),

    // --- funds
    #[error("this message takes no funds")]
    FundsNotAccepted {},

    #[error("no funds: send a positive amount of {denom}")]
    NoFunds { denom: String },

    #[error("wrong asset: expected {expected}, got {got}")]
    WrongAsset { expected: String, got: String },

    #[error("send exactly one coin, got {count}")]
    MultipleCoins { count: usize },

    #[error("this vault's asset is the cw20 token {token}: use the token's send")]
    UseCw20Send { token: String },

    #[error("receive from {sender} refused: only the vault's cw20 token may call receive")]
    UnknownToken { sender: String },

    #[error("{what} must be positive")]
    ZeroAmount { what: &'static str },

    // --- underwriters
    #[error("deposit {amount} below the minimum {min}")]
    BelowMinDeposit { amount: Amount, min: Amount },

    #[error("deposit {amount} would mint no shares")]
    ZeroShares { amount: Amount },

    #[error("capital cap exceeded: assets after deposit {after} > cap {cap}")]
    CapitalCapExceeded { cap: Amount, after: Amount },

    #[error("paused until {until}: {action} is blocked")]
    Paused { until: u64, action: &'static str },

    #[error("{address} already holds {max} locked deposit lots: a deposit for it must come from itself")]
    LockLotsFull { address: String, max: u32 },

    #[error("requested {requested} shares, {available} bonded and unlocked (next unlock at {next_unlock:?})")]
    SharesLocked { requested: Shares, available: Shares, next_unlock: Option<u64> },

    #[error("at most {max} unbonding entries per address")]
    TooManyUnbondingEntries { max: u32 },

    #[error("no unbonding entry has matured (next at {next:?})")]
    NothingMatured { next: Option<u64> },

    #[error("unbonding entry {id} not found for this address")]
    UnbondingNotFound { id: u64 },

    // --- members
    #[error("{address} is not a registered member")]
    NotAMember { address: String },

    #[error("{address} is already a member")]
    MemberExists { address: String },

    #[error("member limit reached: {max}")]
    TooManyMembers { max: u32 },

    #[error("insufficient contribution: required {required}, contribution {contribution}")]
    InsufficientContribution { required: Amount, contribution: Amount },

    #[error("pool capacity exceeded: Cover-N requirement would be {requirement}, capacity {capacity}")]
    PoolCapacityExceeded { requirement: Amount, capacity: Amount },

    #[error("member withdrawal {requested} exceeds {available} (contribution {contribution} above floor {floor})")]
    WithdrawBelowRequirement { requested: Amount, available: Amount, contribution: Amount, floor: Amount },

    #[error("{count} exposures, at most {max}")]
    TooManyExposures { count: usize, max: usize },

    #[error("market {market} appears twice")]
    DuplicateMarket { market: String },

    #[error("option leg in {market} with strike {strike} and expiry {expiry} appears twice")]
    DuplicateLeg { market: String, strike: cosmwasm_std::Decimal, expiry: u64 },

    #[error("option leg in {market} expired: expiry {expiry} ≤ now {now}")]
    OptionExpired { market: String, expiry: u64, now: u64 },

    #[error("oracle error: {reason}")]
    OracleError { reason: String },

    // --- claims
    #[error("member {member} already has pending claim {claim_id}")]
    PendingClaimExists { member: String, claim_id: u64 },

    #[error("member has pending claim {claim_id}")]
    MemberHasPendingClaim { claim_id: u64 },

    #[error("member {member} has outstanding shortfall {shortfall}: it cannot be removed until it is settled")]
    MemberHasShortfall { member: String, shortfall: Amount },

    #[error("invalid claim recipient {recipient}: neither the vault nor its token")]
    InvalidRecipient { recipient: String },

    #[error("memo of {len} bytes, at most {max}")]
    MemoTooLong { len: usize, max: u32 },

    #[error("claim {id} not found")]
    ClaimNotFound { id: u64 },

    #[error("claim {id} is {status}, not {expected}")]
    ClaimStatus { id: u64, status: String, expected: &'static str },

    #[error("claim {claim_id} is not the shortfall queue's head: claim {head} is")]
    NotQueueHead { head: u64, claim_id: u64 },

    #[error("claim {claim_id} has no outstanding shortfall")]
    NoShortfall { claim_id: u64 },

    #[error("loss cap reached in window {window}: cap {cap}, paid {paid}")]
    LossCapReached { window: u64, cap: Amount, paid: Amount },

    #[error("recovery {got} for claim {claim_id} exceeds what is owed back: {max}")]
    RecoveryExceedsLoss { claim_id: u64, max: Amount, got: Amount },

    #[error("nothing to collect for {address}")]
    NothingToCollect { address: String },

    #[error("unknown reply id {id}")]
    UnknownReply { id: u64 },

    #[error("market {market} is delisted: only a reduction of it is accepted")]
    MarketDelisted { market: String },

    #[error("no surplus: balance {balance}, books {books}")]
    NoSurplus { balance: Amount, books: Amount },

    // --- pause
    #[error("already paused until {until}")]
    AlreadyPaused { until: u64 },

    #[error("the guardian may not pause again before {after}")]
    GuardianCooldown { after: u64 },

    #[error("not paused")]
    NotPaused {},
}
