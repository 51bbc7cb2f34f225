//! Every message of the suite, in one crate (JSON shapes are SPEC.md's), plus typed helpers for
//! contracts that call the suite.

pub mod dao;
pub mod helpers;
pub mod migrate;
pub mod oracle;
pub mod vault;

pub use helpers::{RiskOracleContract, VaultContract};
