//! `chain-e2e`: the contracts end to end on a real node, then the gas bench.
//!
//! ```text
//! chain-e2e run                         # everything below; scripts/e2e.sh builds what it needs first
//! chain-e2e check REPORT.json [BASELINE.json]   # the gas check alone, on a kept report
//! chain-e2e serve-scenario OUT.json     # a seeded chain kept running for the dashboard (serve.rs)
//! chain-e2e cluster                     # 4 validators: consensus, faults, load (consensus.rs; scripts/cluster.sh)
//! ```
//!
//! `run`, step by step: install or locate injectived 1.20.1 (PyPI `injective-core`, in the tools
//! cache); a fresh single-validator chain in `$CHAIN_HOME` (default `.chain`): keys, genesis
//! (serde_json edits: governance-only upload, 10 s votes, gas limits), config.toml/app.toml on
//! 127.0.0.1 at `$CHAIN_PORT_BASE`; start and wait for blocks; the behaviour scenario
//! (scenario.rs: deployment by proposals at deploy-plan's predicted addresses, deposits, DAO
//! membership, trades, claims, every step asserted from queries); the gas bench (bench.rs: each
//! user action unpinned, the codes pinned by proposal, each again); the options DEX (options.rs:
//! membership by DAO vote, a call bought, an expiry far in the money, the bad debt claimed
//! through the vault and paid); the closing behaviour steps
//! (a withdrawal after unbonding, a migration: after the bench, as the withdrawal takes capital
//! the bench's exposure reports need); the member-scaling rows (scaling.rs: member actions at 1,
//! 16 and 48 active members); `gas-report.md` and `gas-report.json` in `$CHAIN_HOME` (with the
//! vault actions' KV figures from `target/e2e/vault-kv.json`, written by scripts/vm-gas.sh, when
//! its checksum is the deployed vault's); the check against
//! `scripts/chain/gas-baseline.json` (gas.rs; `GAS_BASELINE_UPDATE=1` writes a new one). The
//! node is stopped by its pid whatever happens (the `Node` guard; SIGTERM to the node if this
//! process dies). Exit status: 0 all passed, 1 a behaviour step or the chain failed, 3 the gas
//! check failed (behaviour passed), 2 usage.

mod bench;
mod chain;
mod cluster;
mod consensus;
mod faults;
mod gas;
mod load;
mod node;
mod offchain;
mod options;
mod rpc;
mod scaling;
mod scenario;
mod serve;
mod signer;
mod wire;

use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};
use std::time::Instant;

static T0: OnceLock<Instant> = OnceLock::new();
/// Every line said, for the markdown report.
static LOG: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// Prints a progress line (seconds since start) and keeps it for the report.
pub fn say(msg: &str) {
    let t = T0.get_or_init(Instant::now).elapsed().as_secs_f64();
    let line = format!("[e2e {t:6.1}s] {msg}");
    println!("{line}");
    if let Ok(mut log) = LOG.lock() {
        log.push(line);
    }
}

/// An assertion of the scenario: says it when it holds, fails the run when it does not.
pub fn ok(cond: bool, what: &str) -> Result<()> {
    if !cond {
        bail!("assertion failed: {what}");
    }
    say(&format!("  ok: {what}"));
    Ok(())
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap_or_else(|_| PathBuf::from("."))
}

fn baseline_path(root: &Path) -> PathBuf {
    root.join("scripts/chain/gas-baseline.json")
}

/// The sha256 of `artifacts/<file>` as `artifacts/checksums.txt` (scripts/build.sh) lists it.
fn deployed_checksum(root: &Path, file: &str) -> Option<String> {
    let text = std::fs::read_to_string(root.join("artifacts/checksums.txt")).ok()?;
    text.lines().find_map(|l| {
        let (sum, name) = l.split_once(char::is_whitespace)?;
        (name.trim() == file).then(|| sum.to_string())
    })
}

/// The whole run; `Ok(passed gas check)`.
fn run(root: &Path) -> Result<bool> {
    let s = node::Settings::from_env(root)?;
    node::install(&s)?;
    node::init(&s)?;
    let node = node::Node::start(&s)?;
    say(&format!("node pid {}", node.pid()));
    let chain = chain::Chain::new(s.clone())?;
    let work = s.home.join("e2e");
    std::fs::create_dir_all(&work)?;
    let deploy_plan =
        std::env::var("DEPLOY_PLAN").map(PathBuf::from).unwrap_or_else(|_| root.join("target/debug/deploy-plan"));
    let mut e = scenario::E2e { chain, work, deploy_plan, bench: gas::Bench::default() };

    say("== behaviour");
    let suite = e.deploy()?;
    e.behaviour(&suite)?;

    say("== gas bench");
    e.bench(&suite)?;
    say("== options DEX (after the bench: none of its figures sees this member or its claim)");
    e.options(&suite)?;
    say("== behaviour, closing (after the bench: the withdrawal takes capital the bench uses)");
    e.closing(&suite)?;
    say("end-to-end: all behaviour steps passed");
    say("== gas bench: member scaling (last: nothing above sees these members)");
    e.member_scaling(&suite)?;
    let max_gas = match e.chain.block_max_gas() {
        Ok(g) => Some(g),
        Err(err) => {
            say(&format!("consensus params unavailable: {err:#}"));
            None
        }
    };
    let report = e.bench.report(max_gas, node::injectived_version(&s));
    drop(node);

    let kv = match gas::read_kv(
        &root.join("target/e2e/vault-kv.json"),
        deployed_checksum(root, "pool_vault.wasm").as_deref(),
    ) {
        Ok(k) => Some(k),
        Err(why) => {
            say(&format!("KV figures left out: {why}"));
            None
        }
    };
    let text = gas::markdown(&report, &gas::Extras { kv, funded: e.bench.funded() });
    println!("{text}");
    let log = LOG.lock().map(|l| l.join("\n")).unwrap_or_default();
    std::fs::write(s.home.join("gas-report.md"), format!("{log}\n{text}\n"))?;
    gas::write(&s.home.join("gas-report.json"), &report)?;
    say(&format!("gas report written to {} and gas-report.json", s.home.join("gas-report.md").display()));
    say("gas bench: the measured figures against the baseline");
    let update = gas::update_requested(std::env::var("GAS_BASELINE_UPDATE").ok().as_deref());
    let passed = gas::check(&report, &baseline_path(root), update, &mut |m| say(m))?;
    if passed {
        say("gas bench passed");
    }
    Ok(passed)
}

fn main() {
    let _ = T0.get_or_init(Instant::now);
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = root();
    let code = match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["run"] => match run(&root) {
            Ok(true) => 0,
            Ok(false) => {
                eprintln!("gas bench failed: see above (the behaviour steps passed)");
                3
            }
            Err(e) => {
                eprintln!("chain-e2e failed: {e:#}");
                1
            }
        },
        ["cluster"] => match consensus::run(&root) {
            Ok(()) => 0,
            Err(e) => {
                eprintln!("chain-e2e cluster failed: {e:#}");
                1
            }
        },
        ["serve-scenario", out] => match serve::serve(&root, Path::new(out)) {
            Ok(()) => 0,
            Err(e) => {
                eprintln!("chain-e2e serve-scenario failed: {e:#}");
                1
            }
        },
        ["check", report, rest @ ..] if rest.len() <= 1 => {
            let baseline = rest.first().map(PathBuf::from).unwrap_or_else(|| baseline_path(&root));
            let r = gas::read(Path::new(report))
                .and_then(|m| gas::check(&m, &baseline, false, &mut |l| println!("{l}")).context("gas check"));
            match r {
                Ok(true) => 0,
                Ok(false) => 3,
                Err(e) => {
                    eprintln!("chain-e2e check: {e:#}");
                    1
                }
            }
        }
        _ => {
            eprintln!("usage: chain-e2e run | chain-e2e cluster | chain-e2e check REPORT.json [BASELINE.json] | chain-e2e serve-scenario OUT.json (see src/main.rs)");
            2
        }
    };
    std::process::exit(code);
}
