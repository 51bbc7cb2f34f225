//! dao-governance: stake-weighted proposals that own and steer the vault and the oracle.
//! This first cut holds the validated configuration of SPEC.md and migration; proposals land
//! with their own issue.

pub mod contract;
pub mod error;

pub use error::ContractError;
