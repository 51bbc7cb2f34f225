//! A 4-validator local network on 127.0.0.1: separate homes (`<CHAIN_HOME>/node<i>`), ports at
//! `CHAIN_PORT_BASE + 100·i`, persistent peers, one genesis with four gentxs of equal stake
//! (so any 3 of 4 hold > 2/3 of the power and any 2 do not), the single-node genesis edits
//! (governance-only upload, short votes, gas limits). Every validator is a [`Node`] guard,
//! started and stopped by pid; [`Cluster::kill`] SIGKILLs one, [`Cluster::restart`] brings it
//! back on its own home. [`Cluster::audit`] compares the app hash of every header of a height
//! range on every node.

use anyhow::{ensure, Context, Result};
use serde_json::Value;
use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use crate::node::{self, run, Node, Settings};
use crate::{rpc, say};

/// Validators in the cluster.
pub const VALIDATORS: u16 = 4;
/// The keyring names of validators 1..=3 (validator 0 is the single node's `validator`).
pub const EXTRA_VALIDATORS: [&str; 3] = ["val1", "val2", "val3"];

/// The running cluster: node `i`'s settings and its guard (`None` while it is down).
pub struct Cluster {
    pub nodes: Vec<Settings>,
    procs: Vec<Option<Node>>,
    /// Heights already compared on all four nodes (the audit resumes after them).
    pub audited_to: u64,
    /// Every header compared and every mismatch, over all audits.
    pub checked: u64,
    pub mismatches: Vec<String>,
}

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    fs::create_dir_all(to)?;
    for e in fs::read_dir(from)? {
        let e = e?;
        let dst = to.join(e.file_name());
        if e.file_type()?.is_dir() {
            copy_dir(&e.path(), &dst)?;
        } else {
            fs::copy(e.path(), &dst)?;
        }
    }
    Ok(())
}

/// The keyring name of validator `i`.
pub fn validator_key(i: u16) -> &'static str {
    match i {
        0 => node::ACCOUNTS[0],
        i => EXTRA_VALIDATORS[usize::from(i - 1)],
    }
}

/// Linux's ephemeral port range (`/proc/sys/net/ipv4/ip_local_port_range`, "low high"), from
/// which the kernel picks the local port of every outgoing connection.
fn ephemeral_range() -> Option<(u16, u16)> {
    parse_port_range(&fs::read_to_string("/proc/sys/net/ipv4/ip_local_port_range").ok()?)
}

fn parse_port_range(text: &str) -> Option<(u16, u16)> {
    let mut it = text.split_whitespace().map(str::parse::<u16>);
    match (it.next(), it.next()) {
        (Some(Ok(lo)), Some(Ok(hi))) if lo <= hi => Some((lo, hi)),
        _ => None,
    }
}

/// The validators' listening ports inside `lo ..= hi`.
fn ports_in(nodes: &[Settings], (lo, hi): (u16, u16)) -> Vec<u16> {
    nodes.iter().flat_map(Settings::listening_ports).filter(|p| (lo..=hi).contains(p)).collect()
}

/// Warns when a listener falls in the ephemeral range: any outgoing connection (a peer's dial,
/// an RPC client of the driver) may hold that port as its local end at the moment a killed
/// validator restarts, which then cannot bind it (the spawn waits up to 10 s, then fails).
fn warn_ephemeral(nodes: &[Settings]) {
    if let Some(range) = ephemeral_range() {
        let hit = ports_in(nodes, range);
        if let (Some(first), Some(last)) = (hit.iter().min(), hit.iter().max()) {
            say(&format!(
                "warning: {} cluster ports ({first}..={last}) are in the ephemeral range {}-{}: a restart may find one \
                 held by a client socket; a CHAIN_PORT_BASE below {} avoids it",
                hit.len(),
                range.0,
                range.1,
                range.0
            ));
        }
    }
}

/// A fresh cluster in `base.home`: every account of the single node plus the extra validators
/// and `wallets` (keys in node 0's keyring, copied to every home so each validator signs its
/// own gentx), one genesis, four gentxs, peers. `accounts.json` in node 0's home lists them all.
pub fn init(base: &Settings, wallets: &[String]) -> Result<Vec<Settings>> {
    let root_home = &base.home;
    let refuse = [std::path::PathBuf::from("/"), base.root.clone()];
    ensure!(!refuse.contains(root_home), "refusing to wipe CHAIN_HOME={}", root_home.display());
    let nodes: Vec<Settings> = (0..VALIDATORS).map(|i| base.validator(i)).collect();
    warn_ephemeral(&nodes);
    for (i, s) in nodes.iter().enumerate() {
        node::fresh_home(s, &format!("p2p-val{i}"))?;
    }
    let s0 = &nodes[0];
    let mut names: Vec<&str> = node::ACCOUNTS.to_vec();
    names.extend(EXTRA_VALIDATORS);
    names.extend(wallets.iter().map(String::as_str));
    say(&format!("{} keys and genesis accounts in {}", names.len(), s0.home.display()));
    let accounts = node::add_accounts(s0, &names)?;
    fs::write(s0.home.join("accounts.json"), serde_json::to_string_pretty(&accounts)?)?;
    let gfile = |s: &Settings| s.home.join("config/genesis.json");
    let mut g: Value = serde_json::from_str(&fs::read_to_string(gfile(s0))?)?;
    node::edit_genesis(&mut g, s0)?;
    fs::write(gfile(s0), serde_json::to_string_pretty(&g)?)?;
    let gentxs = s0.home.join("config/gentx");
    for (i, s) in (0..VALIDATORS).zip(&nodes) {
        if i > 0 {
            fs::copy(gfile(s0), gfile(s))?;
            copy_dir(&s0.home.join("keyring-test"), &s.home.join("keyring-test"))?;
        }
        node::gentx(s, validator_key(i))?;
        if i > 0 {
            copy_dir(&s.home.join("config/gentx"), &gentxs)?;
        }
    }
    run(s0.injectived().args(["genesis", "collect-gentxs"]))?;
    run(s0.injectived().args(["genesis", "validate"]))?;
    let ids = nodes
        .iter()
        .map(|s| Ok(run(s.injectived().args(["comet", "show-node-id"]))?.trim().to_string()))
        .collect::<Result<Vec<_>>>()?;
    for (i, s) in nodes.iter().enumerate() {
        if i > 0 {
            fs::copy(gfile(s0), gfile(s))?;
        }
        let peers: Vec<String> = (0..nodes.len())
            .filter(|j| *j != i)
            .map(|j| format!("{}@127.0.0.1:{}", ids[j], nodes[j].port(656)))
            .collect();
        node::configure(
            s,
            &[
                ("p2p.persistent_peers", format!("\"{}\"", peers.join(","))),
                // All four on one address.
                ("p2p.allow_duplicate_ip", "true".into()),
                // The load's burst (~960 txs within a few seconds, all into node 0): Injective's
                // template keeps 500 txs, which refused the tail of the burst in one run of two
                // on 2 shared cores while the blocks drained it; 5,000 is CometBFT's default.
                ("mempool.size", "5000".into()),
                // After each block CometBFT rechecks the mempool against the new state; with ~900
                // txs waiting on 2 loaded cores that takes more than the template's 1 s, and past
                // the timeout new CheckTx calls run against a state without the not-yet-rechecked
                // txs: a wallet's next tx was then refused "account sequence mismatch, expected
                // 14, got 15" (one run of four). Recheck is given time to finish.
                ("mempool.recheck_timeout", "\"60s\"".into()),
            ],
        )?;
        // The REST API (tx encoding, accounts) for the load's broadcaster.
        node::edit_toml(&s.home.join("config/app.toml"), &[("api.enable", "true".into())])?;
    }
    say(&format!("cluster genesis: {} validators, peers wired ({})", nodes.len(), ids.join(", ")));
    Ok(nodes)
}

impl Cluster {
    /// Spawns every validator and waits until node 0 has made blocks.
    pub fn start(nodes: Vec<Settings>) -> Result<Cluster> {
        let mut procs = Vec::new();
        for s in &nodes {
            procs.push(Some(Node::spawn(s)?));
        }
        let timeout = nodes[0].start_timeout;
        let mut c = Cluster { nodes, procs, audited_to: 0, checked: 0, mismatches: Vec::new() };
        c.node(0)?.wait_height(2, timeout)?;
        let pids: Vec<String> = c.procs.iter().flatten().map(|n| n.pid().to_string()).collect();
        say(&format!("cluster producing blocks; validator pids {}", pids.join(", ")));
        Ok(c)
    }

    fn node(&mut self, i: usize) -> Result<&mut Node> {
        self.procs[i].as_mut().with_context(|| format!("validator {i} is down"))
    }

    pub fn rpc_port(&self, i: usize) -> u16 {
        self.nodes[i].port(657)
    }

    pub fn api_port(&self, i: usize) -> u16 {
        self.nodes[i].port(317)
    }

    /// Validator `i`'s pid while it runs.
    pub fn pid(&self, i: usize) -> Option<u32> {
        self.procs[i].as_ref().map(Node::pid)
    }

    pub fn is_up(&self, i: usize) -> bool {
        self.procs[i].is_some()
    }

    /// SIGKILLs validator `i`.
    pub fn kill(&mut self, i: usize) -> Result<()> {
        self.procs[i].take().with_context(|| format!("validator {i} is already down"))?.kill()
    }

    /// Restarts validator `i` on its home; returns once it reports a height.
    pub fn restart(&mut self, i: usize) -> Result<()> {
        ensure!(self.procs[i].is_none(), "validator {i} is running");
        let n = Node::spawn(&self.nodes[i])?;
        self.procs[i] = Some(n);
        let timeout = self.nodes[i].start_timeout;
        self.node(i)?.wait_height(1, timeout)?;
        Ok(())
    }

    /// The heights of the running validators (`None` for a node down or not answering).
    pub fn heights(&self) -> Vec<Option<u64>> {
        (0..self.nodes.len()).map(|i| if self.is_up(i) { rpc::height(self.rpc_port(i)).ok() } else { None }).collect()
    }

    /// Waits until validator `i` reaches height `h`; the seconds it took.
    pub fn wait_node_height(&self, i: usize, h: u64, timeout: Duration) -> Result<f64> {
        let t = Instant::now();
        loop {
            if rpc::height(self.rpc_port(i)).is_ok_and(|x| x >= h) {
                return Ok(t.elapsed().as_secs_f64());
            }
            ensure!(t.elapsed() < timeout, "validator {i} did not reach height {h} within {timeout:?}");
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    /// Compares the app hash of every header after the last audit up to the lowest height of
    /// all four nodes (all must be up): the same on every node, or a mismatch recorded. Returns
    /// the heights compared this time.
    pub fn audit(&mut self) -> Result<u64> {
        let hs = self.heights();
        ensure!(hs.iter().all(Option::is_some), "audit: every validator must be up and answer ({hs:?})");
        let top = hs.iter().flatten().copied().min().unwrap_or(0);
        let from = self.audited_to + 1;
        if top < from {
            return Ok(0);
        }
        let per_node =
            (0..self.nodes.len()).map(|i| rpc::app_hashes(self.rpc_port(i), from, top)).collect::<Result<Vec<_>>>()?;
        ensure!(
            per_node.iter().all(|v| v.len() == per_node[0].len() && v.len() as u64 == top - from + 1),
            "audit: a node did not return every header of {from}..={top}"
        );
        for (k, (h, hash)) in per_node[0].iter().enumerate() {
            for (i, other) in per_node.iter().enumerate().skip(1) {
                if other[k] != (*h, hash.clone()) {
                    self.mismatches.push(format!("height {h}: node 0 {hash}, node {i} {:?}", other[k]));
                }
            }
        }
        let n = top - from + 1;
        self.checked += n;
        self.audited_to = top;
        ensure!(self.mismatches.is_empty(), "app hash mismatch: {:?}", self.mismatches);
        say(&format!(
            "app hashes: heights {from}..={top} identical on all {} validators ({} heights checked so far, 0 mismatches)",
            self.nodes.len(),
            self.checked
        ));
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_port_range_parses() {
        assert_eq!(parse_port_range("32768\t60999\n"), Some((32_768, 60_999)));
        assert_eq!(parse_port_range("60999 32768"), None);
        assert_eq!(parse_port_range("32768"), None);
        assert_eq!(parse_port_range("a b"), None);
    }

    /// scripts/cluster.sh's default CHAIN_PORT_BASE keeps all four validators below Linux's
    /// default ephemeral range (32768–60999), and a base inside it is caught.
    #[test]
    fn the_default_base_is_below_the_ephemeral_range() {
        let script = include_str!("../../cluster.sh");
        let default = script
            .split("CHAIN_PORT_BASE:-")
            .nth(1)
            .and_then(|t| t.split('}').next())
            .and_then(|n| n.parse::<u16>().ok())
            .expect("cluster.sh sets a default CHAIN_PORT_BASE");
        let mut base = Settings::from_env(Path::new("/tmp")).unwrap();
        let nodes = |b: u16, base: &mut Settings| {
            base.port_base = b;
            (0..VALIDATORS).map(|i| base.validator(i)).collect::<Vec<_>>()
        };
        let linux = (32_768, 60_999);
        assert_eq!(ports_in(&nodes(default, &mut base), linux), Vec::<u16>::new(), "default base {default}");
        assert_eq!(ports_in(&nodes(37_000, &mut base), linux).len(), 24);
        // From 32,000: only validators 2 and 3's p2p, RPC and ABCI ports (+656..=658) reach it.
        let mut hit = ports_in(&nodes(32_000, &mut base), linux);
        hit.sort_unstable();
        assert_eq!(hit, vec![32_856, 32_857, 32_858, 32_956, 32_957, 32_958]);
    }
}
