//! risk-oracle: market data (prices, annualised volatilities, correlations, stress scenarios)
//! and the integer risk measures the pool vault asks for before every member action.
//!
//! One file per action behind the thin dispatcher in [`contract`]; the math lives in the pure
//! `risk-math` crate.

pub mod contract;
pub mod error;
pub mod execute;
pub mod limits;
pub mod matrix;
pub mod query;
pub mod state;

pub use error::ContractError;
