use cosmwasm_std::{StdError, Uint128};
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
    BelowMinDeposit { amount: Uint128, min: Uint128 },

    #[error("deposit {amount} would mint no shares")]
    ZeroShares { amount: Uint128 },

    #[error("capital cap exceeded: assets after deposit {after} > cap {cap}")]
    CapitalCapExceeded { cap: Uint128, after: Uint128 },

    #[error("paused until {until}: {action} is blocked")]
    Paused { until: u64, action: &'static str },

    #[error("{address} already holds {max} locked deposit lots: a deposit for it must come from itself")]
    LockLotsFull { address: String, max: u32 },

    #[error("requested {requested} shares, {available} bonded and unlocked (next unlock at {next_unlock:?})")]
    SharesLocked { requested: Uint128, available: Uint128, next_unlock: Option<u64> },

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
    InsufficientContribution { required: Uint128, contribution: Uint128 },

    #[error("pool capacity exceeded: Cover-N requirement would be {requirement}, capacity {capacity}")]
    PoolCapacityExceeded { requirement: Uint128, capacity: Uint128 },

    #[error("member withdrawal {requested} exceeds {available} (contribution {contribution} above floor {floor})")]
    WithdrawBelowRequirement { requested: Uint128, available: Uint128, contribution: Uint128, floor: Uint128 },

    #[error("{count} exposures, at most {max}")]
    TooManyExposures { count: usize, max: usize },

    #[error("market {market} appears twice")]
    DuplicateMarket { market: String },

    #[error("oracle error: {reason}")]
    OracleError { reason: String },

    // --- claims
    #[error("member {member} already has pending claim {claim_id}")]
    PendingClaimExists { member: String, claim_id: u64 },

    #[error("member has pending claim {claim_id}")]
    MemberHasPendingClaim { claim_id: u64 },

    #[error("member {member} has outstanding shortfall {shortfall}: it cannot be removed until it is settled")]
    MemberHasShortfall { member: String, shortfall: Uint128 },

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
    LossCapReached { window: u64, cap: Uint128, paid: Uint128 },

    #[error("recovery {got} for claim {claim_id} exceeds what is owed back: {max}")]
    RecoveryExceedsLoss { claim_id: u64, max: Uint128, got: Uint128 },

    #[error("nothing to collect for {address}")]
    NothingToCollect { address: String },

    #[error("unknown reply id {id}")]
    UnknownReply { id: u64 },

    #[error("market {market} is delisted: only a reduction of it is accepted")]
    MarketDelisted { market: String },

    #[error("no surplus: balance {balance}, books {books}")]
    NoSurplus { balance: Uint128, books: Uint128 },

    // --- pause
    #[error("already paused until {until}")]
    AlreadyPaused { until: u64 },

    #[error("the guardian may not pause again before {after}")]
    GuardianCooldown { after: u64 },

    #[error("not paused")]
    NotPaused {},
}
