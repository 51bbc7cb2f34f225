//! The `risk` tool's library: `risk assess` runs the risk oracle's own query entry point over a
//! state loaded from a file (see [`assess`]), so its answer is the oracle's, byte for byte.

#![deny(clippy::as_conversions)]
#![warn(missing_docs)]

// Native only: it runs the oracle over cosmwasm-std's mock storage (`cosmwasm_std::testing`,
// absent on wasm32; the workspace's wasm32 clippy builds every lib, this one empty).
#[cfg(not(target_arch = "wasm32"))]
pub mod assess;
