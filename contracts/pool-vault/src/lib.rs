//! pool-vault: underwriter capital and shares, member contributions, risk-gated exposure, the
//! loss waterfall and premiums (SPEC.md, pool-vault section).

pub mod asset;
pub mod books;
pub mod config;
pub mod contract;
pub mod error;
pub mod execute;
#[cfg(feature = "invariants")]
pub mod invariants;
pub mod member;
pub mod peaks;
pub mod query;
pub mod state;
pub mod sync;

pub use error::ContractError;
