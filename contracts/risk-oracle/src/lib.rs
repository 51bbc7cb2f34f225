//! risk-oracle: market data (prices, annualised volatilities, correlations, stress scenarios)
//! and the integer risk measures the pool vault asks for before every member action.
//!
//! Layout: [`contract`] is the thin dispatcher over [`instantiate`], one module per group of
//! actions in [`execute`] and [`query`]; [`state`] holds the storage types (responses are built
//! from them); [`config`] and [`matrix`] are the domain modules; the math lives in the pure
//! `risk-math` crate. No `as` casts (`clippy::as_conversions` is denied).

#![deny(clippy::as_conversions)]

pub mod backtest;
pub mod config;
pub mod contract;
pub mod error;
pub mod execute;
pub mod instantiate;
pub mod limits;
pub mod matrix;
pub mod options;
pub mod query;
pub mod state;

pub use error::ContractError;
