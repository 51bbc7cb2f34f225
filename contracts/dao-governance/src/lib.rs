//! dao-governance: stake-weighted proposals (power = the vault's bonded shares at the proposal's
//! start height) that own and steer the vault and the oracle (SPEC.md, dao-governance section).

pub mod config;
pub mod contract;
pub mod error;
pub mod execute;
pub mod query;
pub mod state;
pub mod tally;

pub use error::ContractError;
