//! Pure integer risk math for the risk-mutualization suite.
//!
//! No storage, no entry points, no floating point. Dimensionless quantities (volatilities,
//! correlations, returns, quantiles, probabilities) are signed binary fixed point **Q64.64**
//! ([`Q64`], an `i128` holding `value · 2⁶⁴`); amounts (notionals, losses) are plain integers in
//! the settlement asset's base unit, and every product of the two is carried in 256-bit
//! intermediates ([`ethnum::I256`]) before it is rounded once, at the end, in the pool's favour.
//!
//! Why binary fixed point: a `Decimal256` multiply costs ~1.15M VM gas in cosmwasm-vm 2.2 and its
//! `sqrt` ~6.3M, while a Q64.64 multiply is a handful of 64-bit multiplies; the external interface
//! stays decimal strings and is converted once at the boundary ([`Q64::from_atomics`]).
//!
//! Conventions (SPEC.md): year = 31,536,000 s; tail count m = ⌈(1−α)·K⌉; `var`, `es`,
//! `stress_loss` round **up**.
//!
//! Every fixed-point format is a type that owns its conversions: [`Q64`] here, the stored
//! returns, matrix entries and Monte Carlo draws in [`formats`]; no `as` casts
//! (`clippy::as_conversions` is denied outside tests; [`conv`] holds the integer conversions).

#![deny(clippy::as_conversions)]
#![warn(missing_docs)]

pub mod backtest;
pub mod bigint;
#[cfg(test)]
#[allow(clippy::as_conversions)]
pub(crate) mod bigref;
pub mod conv;
pub mod cover;
pub mod error;
pub mod ewma;
pub mod filtered;
pub mod fixed;
pub mod formats;
pub mod linalg;
pub mod measures;
pub mod normal;
mod normal_table;
pub mod options;
pub mod prng;
pub mod special;
#[cfg(test)]
#[allow(clippy::as_conversions)]
pub(crate) mod testutil;
pub mod wide;

pub use error::MathError;
pub use fixed::Q64;
pub use formats::{Ret56, Vol56, Q32, Q62};

/// Seconds in the risk year used to scale annualised volatilities: 365 days.
pub const YEAR_SECS: u64 = 31_536_000;
/// Basis points in one.
pub const BPS: u32 = 10_000;
