//! The `risk` tool's library: `risk assess` runs the risk oracle's own query entry point over a
//! state loaded from a file (see [`assess`]), so its answer is the oracle's, byte for byte.

#![deny(clippy::as_conversions)]
#![warn(missing_docs)]

pub mod assess;
