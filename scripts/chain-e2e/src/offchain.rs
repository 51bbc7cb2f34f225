//! `risk assess` against the node: the oracle's raw storage at one height (`contract-state all`,
//! the dump a risk manager takes) run through the `risk` tool's library — the oracle's own
//! query code, compiled natively — answers exactly what the node's smart query answers there.

use anyhow::{anyhow, Context, Result};
use risk_cli::assess::{parse_state, run, Query};
use risk_pool::oracle;
use serde_json::Value;

use crate::node;
use crate::scenario::{E2e, Suite};
use crate::{ok, say};

impl E2e {
    /// Asserts that `risk assess` on the oracle's state at a committed height h gives the node's
    /// `assess` answer for `exposures` at h. Both queries name h (`--height`), and a query at a
    /// past height runs at that block's time (the SDK takes it from h's commit info; at the
    /// latest height from its header), which `risk assess` is given: the answer depends on it
    /// through the legs' time to expiry.
    pub fn risk_assess_matches(&self, s: &Suite, exposures: &[oracle::Exposure]) -> Result<()> {
        let c = &self.chain;
        let msg = serde_json::to_string(&oracle::QueryMsg::Assess { exposures: exposures.to_vec() })?;
        let h = node::status(&c.s)?.0.saturating_sub(1).max(1);
        let hs = h.to_string();
        let node_answer = c.q(&["wasm", "contract-state", "smart", &s.oracle, &msg, "--height", &hs])?;
        let dump = c.q(&["wasm", "contract-state", "all", &s.oracle, "--limit", "100000", "--height", &hs])?;
        let block = c.q(&["block", "--type=height", &hs])?;
        let header = block.get("header").or_else(|| block.pointer("/block/header")).context("block: no header")?;
        let time = node::epoch_secs(header["time"].as_str().context("block header: no time")?)?;
        let models = dump["models"].as_array().map_or(0, Vec::len);
        let state = parse_state(&dump.to_string()).map_err(anyhow::Error::msg).context("the node's dump")?;
        let answer = run(&state, &[], exposures, Some(time), Query::Assess)
            .map_err(|e| anyhow!("risk assess on the node's dump: {e:?}"))?;
        let ours: Value = serde_json::from_slice(&answer.bytes)?;
        say(&format!(
            "  risk assess on the oracle's {models} stored keys at height {h} (block time {time}): {}",
            String::from_utf8_lossy(&answer.bytes)
        ));
        if ours != node_answer["data"] {
            say(&format!("  the node answered: {}", node_answer["data"]));
        }
        ok(
            ours == node_answer["data"],
            "`risk assess` on `contract-state all` answers what the node's `assess` answers at that height",
        )
    }
}
