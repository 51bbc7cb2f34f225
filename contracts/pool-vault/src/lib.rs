//! pool-vault: underwriter capital and shares, member contributions, risk-gated exposure, the
//! loss waterfall and premiums. This first cut holds the configuration of SPEC.md (validated),
//! ownership and migration; the pool logic lands with its own issue.

pub mod contract;
pub mod error;
pub mod state;

pub use error::ContractError;
