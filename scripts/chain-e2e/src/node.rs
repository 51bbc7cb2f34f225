//! The node's whole life: install or locate `injectived`, a fresh single-validator chain (keys,
//! genesis, config), start, wait for blocks, stop by pid (the [`Node`] guard stops it when
//! dropped, on success, error or panic; the node also gets SIGTERM if this process dies).
//!
//! Settings come from the environment (all optional), the same names as before: `P2P_CACHE`,
//! `CHAIN_TOOLS`, `CHAIN_HOME`, `CHAIN_ID`, `CHAIN_PORT_BASE`, `CHAIN_GAS_PRICES`,
//! `CHAIN_GAS_ADJUSTMENT`, `CHAIN_GAS_MARGIN`, `CHAIN_TIMEOUT_COMMIT`, `CHAIN_VOTING_PERIOD`,
//! `CHAIN_EXPEDITED_VOTING_PERIOD`, `CHAIN_BLOCK_MAX_GAS`, `CHAIN_TX_MAX_GAS` (empty: keep
//! injectived's default), `CHAIN_SETTLE_DENOM`, `CHAIN_START_TIMEOUT`.

use anyhow::{anyhow, bail, ensure, Context, Result};
use serde_json::{json, Value};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::say;

pub const INJECTIVE_VERSION: &str = "1.20.1";
/// Every account has a key in the test keyring and a genesis balance; the first is the validator.
pub const ACCOUNTS: [&str; 9] =
    ["validator", "deployer", "alice", "bob", "carol", "dex-owner", "feeder", "treasury", "guardian"];
pub const DENOM: &str = "inj";
/// The gov module's minimum deposit (1 INJ; inj has 18 decimals).
pub const MIN_DEPOSIT: &str = "1000000000000000000inj";
const EXPEDITED_MIN_DEPOSIT: &str = "5000000000000000000inj";
/// The port distance of a cluster's validators.
pub const VALIDATOR_PORT_STEP: u16 = 100;
/// Every port offset configured (RPC, p2p, ABCI, pprof, prometheus, gRPC, API, JSON-RPC).
#[cfg(test)]
const PORT_OFFSETS: [u16; 11] = [657, 656, 658, 60, 660, 90, 317, 545, 546, 65, 547];
/// The offsets a node actually listens on (JSON-RPC is off, prometheus off by default).
const LISTENING: [u16; 6] = [657, 656, 658, 90, 317, 60];
const VALIDATOR_STAKE: &str = "1000000000000000000000inj"; // 1,000 INJ

fn env_or(name: &str, default: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| default.to_string())
}

/// The chain's settings (see the module doc for the environment).
#[derive(Clone, Debug)]
pub struct Settings {
    pub root: PathBuf,
    pub tools: PathBuf,
    pub home: PathBuf,
    pub chain_id: String,
    pub port_base: u16,
    pub gas_prices: String,
    pub gas_adjustment: f64,
    pub gas_margin: u64,
    pub settle_denom: String,
    timeout_commit: String,
    voting_period: String,
    expedited_voting_period: String,
    /// `None`: keep injectived's genesis default (10,000,000).
    block_max_gas: Option<String>,
    /// `None`: keep the txfees default (30,000,000).
    tx_max_gas: Option<String>,
    pub start_timeout: Duration,
}

impl Settings {
    pub fn from_env(root: &Path) -> Result<Settings> {
        let cache = std::env::var("P2P_CACHE").map(PathBuf::from).unwrap_or_else(|_| {
            PathBuf::from(std::env::var("HOME").unwrap_or_else(|_| "/root".into())).join(".cache/p2p-risk-pool")
        });
        // A gov proposal carrying a wasm costs ~195 gas per gzipped byte (30–41M for these codes),
        // above injectived's genesis defaults (block 10M, txfees per tx 30M): raised so the
        // governance upload works; "" keeps the default (NOTES.md "Gas limits").
        let limit = |name: &str, default: &str| match std::env::var(name) {
            Ok(v) if v.is_empty() => None,
            Ok(v) => Some(v),
            Err(_) => Some(default.to_string()),
        };
        Ok(Settings {
            root: root.to_path_buf(),
            tools: std::env::var("CHAIN_TOOLS").map(PathBuf::from).unwrap_or_else(|_| cache.join("tools/injective")),
            home: std::env::var("CHAIN_HOME").map(PathBuf::from).unwrap_or_else(|_| root.join(".chain")),
            chain_id: env_or("CHAIN_ID", "p2p-local-1"),
            port_base: env_or("CHAIN_PORT_BASE", "25000").parse().context("CHAIN_PORT_BASE")?,
            gas_prices: env_or("CHAIN_GAS_PRICES", "160000000inj"),
            gas_adjustment: env_or("CHAIN_GAS_ADJUSTMENT", "1.4").parse().context("CHAIN_GAS_ADJUSTMENT")?,
            gas_margin: env_or("CHAIN_GAS_MARGIN", "50000").parse().context("CHAIN_GAS_MARGIN")?,
            settle_denom: env_or("CHAIN_SETTLE_DENOM", "uusdc"),
            timeout_commit: env_or("CHAIN_TIMEOUT_COMMIT", "500ms"),
            voting_period: env_or("CHAIN_VOTING_PERIOD", "10s"),
            expedited_voting_period: env_or("CHAIN_EXPEDITED_VOTING_PERIOD", "5s"),
            block_max_gas: limit("CHAIN_BLOCK_MAX_GAS", "120000000"),
            tx_max_gas: limit("CHAIN_TX_MAX_GAS", "60000000"),
            start_timeout: Duration::from_secs(
                env_or("CHAIN_START_TIMEOUT", "90").parse().context("CHAIN_START_TIMEOUT")?,
            ),
        })
    }

    /// Validator `i` of a cluster: home `<home>/node<i>`, listeners at the port base + 100·i
    /// (the offsets span 60 ..= 660: no two of up to six validators' sets meet, see the test).
    pub fn validator(&self, i: u16) -> Settings {
        let mut s = self.clone();
        s.home = self.home.join(format!("node{i}"));
        s.port_base = self.port_base + VALIDATOR_PORT_STEP * i;
        s
    }

    /// A listener on 127.0.0.1: the port base + the usual last digits (657 RPC, 656 p2p, ...).
    pub fn port(&self, offset: u16) -> u16 {
        self.port_base + offset
    }

    /// Every port the node listens on: the base + each offset it actually opens.
    pub fn listening_ports(&self) -> Vec<u16> {
        LISTENING.iter().map(|o| self.port(*o)).collect()
    }

    pub fn rpc(&self) -> String {
        format!("tcp://127.0.0.1:{}", self.port(657))
    }

    /// The directory of the unpacked wheel payload (injectived + libwasmvm beside it).
    fn bin_dir(&self) -> PathBuf {
        self.tools.join("injective_core/bin")
    }

    /// `injectived` with libwasmvm on the library path and this chain's home.
    pub fn injectived(&self) -> Command {
        let mut c = Command::new(self.bin_dir().join("injectived"));
        let lib = match std::env::var("LD_LIBRARY_PATH") {
            Ok(p) if !p.is_empty() => format!("{}:{p}", self.bin_dir().display()),
            _ => self.bin_dir().display().to_string(),
        };
        c.env("LD_LIBRARY_PATH", lib).arg("--home").arg(&self.home);
        c
    }

    fn pidfile(&self) -> PathBuf {
        self.home.join("node.pid")
    }

    fn logfile(&self) -> PathBuf {
        self.home.join("node.log")
    }
}

/// Runs `cmd`; its stdout when it exits 0, else an error with the end of its output.
pub fn run(cmd: &mut Command) -> Result<String> {
    let out = cmd.stdin(Stdio::null()).output().with_context(|| format!("running {cmd:?}"))?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        let so = String::from_utf8_lossy(&out.stdout);
        bail!("{cmd:?} failed ({}): {}{}", out.status, tail(&so, 2000), tail(&err, 4000));
    }
    Ok(String::from_utf8(out.stdout)?)
}

pub fn tail(s: &str, n: usize) -> &str {
    let mut start = s.len().saturating_sub(n);
    while !s.is_char_boundary(start) {
        start += 1;
    }
    &s[start..]
}

/// The `Version v…` line of `injectived version` without the prefix, if it runs.
pub fn injectived_version(s: &Settings) -> Option<String> {
    let out = s.injectived().arg("version").stdin(Stdio::null()).output().ok()?;
    let text = format!("{}\n{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    text.lines().find_map(|l| l.strip_prefix("Version ")).map(|v| v.trim().to_string())
}

/// Installs `injective-core==1.20.1` from PyPI into the tools cache unless the injectived there
/// is that version. The wheel ships `bin/injectived.tar.zst` (binary + libwasmvm), unpacked by
/// the package's own `get_binary_path()` on first use. Also writes `<tools>/injectived`, a sh
/// wrapper setting the library path, for running the binary by hand.
pub fn install(s: &Settings) -> Result<()> {
    let ok = |s: &Settings| injectived_version(s).is_some_and(|v| v.starts_with(&format!("v{INJECTIVE_VERSION}")));
    if ok(s) {
        return Ok(());
    }
    let tmp = s.tools.with_extension(format!("tmp.{}", std::process::id()));
    say(&format!("installing injective-core=={INJECTIVE_VERSION} (PyPI) into {}", s.tools.display()));
    let _ = fs::remove_dir_all(&tmp);
    fs::create_dir_all(s.tools.parent().context("CHAIN_TOOLS has no parent")?)?;
    run(Command::new("python3")
        .args(["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-warn-script-location"])
        .args(["--root-user-action=ignore", "--target"])
        .arg(&tmp)
        .arg(format!("injective-core=={INJECTIVE_VERSION}")))?;
    run(Command::new("python3")
        .env("PYTHONPATH", &tmp)
        .args(["-c", "import injective_core as c; print(c.get_binary_path())"]))?;
    let bin = s.bin_dir();
    let wrapper = format!(
        "#!/bin/sh\n# injectived {INJECTIVE_VERSION} from PyPI injective-core; libwasmvm lies beside the binary.\n\
         LD_LIBRARY_PATH=\"{b}${{LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}}\" exec \"{b}/injectived\" \"$@\"\n",
        b = bin.display()
    );
    let w = tmp.join("injectived");
    fs::write(&w, wrapper)?;
    run(Command::new("chmod").arg("+x").arg(&w))?;
    let _ = fs::remove_dir_all(&s.tools);
    fs::rename(&tmp, &s.tools)?;
    ensure!(ok(s), "injectived does not run after the install: {:?}", injectived_version(s));
    Ok(())
}

/// Sets `section.key = value` lines of a TOML file (`value` as written in TOML; no section =
/// top level), each key where it already is; fails if a key is not there.
pub fn toml_set(text: &str, sets: &[(&str, String)]) -> Result<String> {
    let mut lines: Vec<String> = text.split('\n').map(String::from).collect();
    for (path, value) in sets {
        let (section, key) = path.rsplit_once('.').unwrap_or(("", path));
        let mut current = String::new();
        let mut done = false;
        for line in lines.iter_mut() {
            let t = line.trim();
            if t.starts_with('[') && t.ends_with(']') && !t.starts_with("[[") {
                current = t[1..t.len() - 1].trim().to_string();
                continue;
            }
            let is_key = t.strip_prefix(key).is_some_and(|rest| rest.trim_start().starts_with('='));
            if current == section && is_key {
                *line = format!("{key} = {value}");
                done = true;
                break;
            }
        }
        ensure!(done, "no key {path}");
    }
    Ok(lines.join("\n"))
}

pub fn edit_toml(file: &Path, sets: &[(&str, String)]) -> Result<()> {
    let text = fs::read_to_string(file).with_context(|| file.display().to_string())?;
    fs::write(file, toml_set(&text, sets).with_context(|| file.display().to_string())?)?;
    Ok(())
}

/// `1000inj` → `[{"denom": "inj", "amount": "1000"}]`.
fn coins(s: &str) -> Value {
    let split = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    json!([{"denom": &s[split..], "amount": &s[..split]}])
}

/// The genesis edits: denoms, short gov periods, governance-only code upload, the settlement
/// token's metadata, the gas limits.
pub fn edit_genesis(g: &mut Value, s: &Settings) -> Result<()> {
    let a = g.get_mut("app_state").context("genesis: app_state")?;
    a["staking"]["params"]["bond_denom"] = json!(DENOM);
    a["mint"]["params"]["mint_denom"] = json!(DENOM);
    if let Some(crisis) = a.get_mut("crisis") {
        crisis["constant_fee"]["denom"] = json!(DENOM);
    }
    let gp = &mut a["gov"]["params"];
    gp["min_deposit"] = coins(MIN_DEPOSIT);
    gp["expedited_min_deposit"] = coins(EXPEDITED_MIN_DEPOSIT);
    gp["max_deposit_period"] = json!("600s");
    gp["voting_period"] = json!(s.voting_period);
    gp["expedited_voting_period"] = json!(s.expedited_voting_period);
    // Code upload only through governance (MsgStoreCode with authority = gov module), as on
    // mainnets that gate uploads; instantiating an uploaded code is open unless it says otherwise.
    a["wasm"]["params"]["code_upload_access"] = json!({"permission": "Nobody", "addresses": []});
    a["wasm"]["params"]["instantiate_default_permission"] = json!("Everybody");
    let d = &s.settle_denom;
    a["bank"]["denom_metadata"]
        .as_array_mut()
        .context("genesis: bank.denom_metadata")?
        .push(json!({
            "description": "local settlement token (USDC-like, 6 decimals)",
            "denom_units": [{"denom": d, "exponent": 0, "aliases": []}, {"denom": "USDC", "exponent": 6, "aliases": []}],
            "base": d, "display": "USDC", "name": "USDC", "symbol": "USDC", "uri": "", "uri_hash": "", "decimals": 6}));
    if let (Some(max), Some(txfees)) = (&s.tx_max_gas, a.get_mut("txfees")) {
        txfees["params"]["max_gas_wanted_per_tx"] = json!(max);
    }
    if let Some(max) = &s.block_max_gas {
        g["consensus"]["params"]["block"]["max_gas"] = json!(max);
    }
    Ok(())
}

/// The pid in `node.pid` if it is a running `injectived --home <this home> start`.
fn running_pid(s: &Settings) -> Option<i32> {
    let pid: i32 = fs::read_to_string(s.pidfile()).ok()?.trim().parse().ok()?;
    let cmdline = fs::read(format!("/proc/{pid}/cmdline")).ok()?;
    let cmdline = String::from_utf8_lossy(&cmdline).replace('\0', " ");
    cmdline.contains(&format!("--home {} start ", s.home.display())).then_some(pid)
}

mod sys {
    extern "C" {
        pub fn kill(pid: i32, sig: i32) -> i32;
        pub fn prctl(option: i32, arg2: u64, arg3: u64, arg4: u64, arg5: u64) -> i32;
    }
    pub const SIGTERM: i32 = 15;
    pub const SIGKILL: i32 = 9;
    pub const PR_SET_PDEATHSIG: i32 = 1;
}

fn signal(pid: i32, sig: i32) -> bool {
    // SAFETY: kill(2) with a pid read from our own pidfile or child; no memory is shared.
    unsafe { sys::kill(pid, sig) == 0 }
}

fn alive(pid: i32) -> bool {
    signal(pid, 0)
}

/// TERM, then KILL after 15 s, a process that is not our child (a node left by an earlier run).
fn stop_stale(pid: i32) {
    say(&format!("stopping the injectived an earlier run left (pid {pid})"));
    signal(pid, sys::SIGTERM);
    let t = Instant::now();
    while alive(pid) && t.elapsed() < Duration::from_secs(15) {
        std::thread::sleep(Duration::from_millis(200));
    }
    if alive(pid) {
        signal(pid, sys::SIGKILL);
    }
}

/// A fresh chain in the home: keys (keyring test) and genesis balances for [`ACCOUNTS`], one
/// validator, the genesis edits, config.toml/app.toml on the port base, `accounts.json`.
pub fn init(s: &Settings) -> Result<()> {
    fresh_home(s, "p2p-validator")?;
    let accounts = add_accounts(s, &ACCOUNTS)?;
    fs::write(s.home.join("accounts.json"), serde_json::to_string_pretty(&accounts)?)?;
    let gfile = s.home.join("config/genesis.json");
    let mut g: Value = serde_json::from_str(&fs::read_to_string(&gfile)?)?;
    edit_genesis(&mut g, s)?;
    fs::write(&gfile, serde_json::to_string_pretty(&g)?)?;
    gentx(s, ACCOUNTS[0])?;
    run(s.injectived().args(["genesis", "collect-gentxs"]))?;
    run(s.injectived().args(["genesis", "validate"]))?;
    configure(s, &[])
}

/// Stops a node an earlier run left in the home, wipes it (never `/`, `$HOME` or the clone) and
/// runs `injectived init MONIKER` there, with client.toml on this chain.
pub fn fresh_home(s: &Settings, moniker: &str) -> Result<()> {
    if let Some(pid) = running_pid(s) {
        stop_stale(pid);
    }
    let h = &s.home;
    let refuse = [PathBuf::from("/"), PathBuf::from(std::env::var("HOME").unwrap_or_default()), s.root.clone()];
    ensure!(!h.as_os_str().is_empty() && !refuse.contains(h), "refusing to wipe CHAIN_HOME={}", h.display());
    say(&format!("init {} in {}", s.chain_id, h.display()));
    let _ = fs::remove_dir_all(h);
    fs::create_dir_all(h)?;
    run(s.injectived().args(["init", moniker, "--chain-id", &s.chain_id]))?;
    let q = |v: &str| format!("\"{v}\"");
    edit_toml(
        &h.join("config/client.toml"),
        &[("chain-id", q(&s.chain_id)), ("keyring-backend", q("test")), ("node", q(&s.rpc()))],
    )
}

/// A key (keyring test) and a genesis balance (1M INJ, 1G USDC) for each name; the
/// `accounts.json` entries (name, address, mnemonic).
pub fn add_accounts(s: &Settings, names: &[&str]) -> Result<Vec<Value>> {
    let balance = format!("1000000000000000000000000inj,1000000000000000{}", s.settle_denom); // 1M INJ, 1G USDC
    let mut accounts = Vec::new();
    for name in names {
        // eth_secp256k1 (the default --key-type of injectived), coin type 60.
        let k: Value = serde_json::from_str(&run(s.injectived().args([
            "keys",
            "add",
            name,
            "--keyring-backend",
            "test",
            "--output",
            "json",
        ]))?)?;
        accounts.push(json!({"name": k["name"], "address": k["address"], "mnemonic": k["mnemonic"]}));
        run(s.injectived().args(["genesis", "add-genesis-account", name, &balance]).args([
            "--keyring-backend",
            "test",
            "--chain-id",
            &s.chain_id,
        ]))?;
    }
    Ok(accounts)
}

/// `genesis gentx KEY` (1,000 INJ self-bond) with this home's consensus key; the file goes to
/// `config/gentx/`.
pub fn gentx(s: &Settings, key: &str) -> Result<()> {
    run(s
        .injectived()
        .args(["genesis", "gentx", key, VALIDATOR_STAKE, "--chain-id", &s.chain_id])
        .args(["--keyring-backend", "test"]))
    .map(|_| ())
}

/// config.toml and app.toml: every listener on 127.0.0.1 at the port base, plus `extra`
/// config.toml settings (a cluster's peers).
pub fn configure(s: &Settings, extra: &[(&str, String)]) -> Result<()> {
    let h = &s.home;
    let q = |v: &str| format!("\"{v}\"");
    let l = "127.0.0.1";
    let addr = |o: u16| q(&format!("{l}:{}", s.port(o)));
    let tcp = |o: u16| q(&format!("tcp://{l}:{}", s.port(o)));
    let mut sets = vec![
        ("proxy_app", tcp(658)),
        ("rpc.laddr", tcp(657)),
        // The dashboard (app/) reads and broadcasts from a browser page on another origin.
        ("rpc.cors_allowed_origins", "[\"*\"]".into()),
        ("rpc.pprof_laddr", addr(60)),
        ("p2p.laddr", tcp(656)),
        ("p2p.addr_book_strict", "false".into()),
        ("p2p.pex", "false".into()),
        ("consensus.timeout_commit", q(&s.timeout_commit)),
        ("consensus.timeout_propose", q("1s")),
        ("instrumentation.prometheus_listen_addr", addr(660)),
    ];
    sets.extend(extra.iter().cloned());
    edit_toml(&h.join("config/config.toml"), &sets)?;
    edit_toml(
        &h.join("config/app.toml"),
        &[
            ("minimum-gas-prices", q(&s.gas_prices)),
            ("pruning", q("everything")),
            ("api.address", tcp(317)),
            ("grpc.address", addr(90)),
            ("json-rpc.enable", "false".into()),
            ("json-rpc.address", addr(545)),
            ("json-rpc.ws-address", addr(546)),
            ("json-rpc.metrics-address", addr(65)),
            ("json-rpc-debug.address", addr(547)),
        ],
    )?;
    Ok(())
}

/// The latest block height and time (RFC 3339) the node reports.
pub fn status(s: &Settings) -> Result<(u64, String)> {
    let out = run(s.injectived().args(["status", "--node", &s.rpc()]))?;
    let v: Value = serde_json::from_str(&out)?;
    let info = v.get("sync_info").or_else(|| v.get("SyncInfo")).context("status: no sync_info")?;
    let h = info["latest_block_height"].as_str().context("status: latest_block_height")?.parse()?;
    let t = info["latest_block_time"].as_str().context("status: latest_block_time")?.to_string();
    Ok((h, t))
}

/// The running node; stopped (TERM, KILL after 15 s) when dropped.
pub struct Node {
    child: Child,
    s: Settings,
}

impl Node {
    /// Starts the node in the background (pid in `node.pid`, output in `node.log`) and waits
    /// until it has produced blocks (height ≥ 2).
    pub fn start(s: &Settings) -> Result<Node> {
        let mut node = Node::spawn(s)?;
        node.wait_height(2, s.start_timeout)?;
        Ok(node)
    }

    /// Starts the node in the background (pid in `node.pid`, output appended to `node.log`)
    /// without waiting for blocks (a cluster's validator cannot make blocks alone).
    pub fn spawn(s: &Settings) -> Result<Node> {
        // A port in the ephemeral range may be held for a moment by a client socket (or one a
        // killed node left): retried for 10 s before giving up.
        for o in LISTENING {
            let p = s.port(o);
            let t = Instant::now();
            while std::net::TcpListener::bind(("127.0.0.1", p)).is_err() {
                ensure!(t.elapsed() < Duration::from_secs(10), "port {p} is taken (another node? set CHAIN_PORT_BASE)");
                std::thread::sleep(Duration::from_millis(250));
            }
        }
        let log = fs::OpenOptions::new().create(true).append(true).open(s.logfile())?;
        say(&format!(
            "starting injectived (rpc {}, grpc 127.0.0.1:{}, api 127.0.0.1:{}; log {})",
            s.rpc(),
            s.port(90),
            s.port(317),
            s.logfile().display()
        ));
        let mut cmd = s.injectived();
        cmd.args(["start", "--log-level", "info", "--log-no-color"]);
        cmd.stdin(Stdio::null()).stdout(log.try_clone()?).stderr(log);
        // SAFETY: prctl(PR_SET_PDEATHSIG) is async-signal-safe; between fork and exec nothing
        // else runs. The node gets SIGTERM when this process dies without dropping the guard.
        unsafe {
            use std::os::unix::process::CommandExt;
            cmd.pre_exec(|| {
                sys::prctl(sys::PR_SET_PDEATHSIG, sys::SIGTERM as u64, 0, 0, 0);
                Ok(())
            });
        }
        let child = cmd.spawn().context("spawning injectived")?;
        fs::write(s.pidfile(), child.id().to_string())?;
        Ok(Node { child, s: s.clone() })
    }

    /// Waits until the node reports height ≥ `min`; fails if it exits or `timeout` passes.
    pub fn wait_height(&mut self, min: u64, timeout: Duration) -> Result<u64> {
        let s = &self.s;
        let t0 = Instant::now();
        loop {
            if let Ok((h, _)) = status(s) {
                if h >= min {
                    say(&format!("{}: height {h} ({}s)", s.home.display(), t0.elapsed().as_secs()));
                    return Ok(h);
                }
            }
            if let Some(code) = self.child.try_wait()? {
                bail!("injectived exited ({code}); the end of {}:\n{}", s.logfile().display(), log_tail(s));
            }
            if t0.elapsed() > timeout {
                bail!("no height {min} after {timeout:?}; the end of {}:\n{}", s.logfile().display(), log_tail(s));
            }
            std::thread::sleep(Duration::from_millis(300));
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Whether the node process is still running.
    pub fn running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// SIGKILL (a crash: no shutdown, whatever the node was writing), reaped.
    pub fn kill(mut self) -> Result<()> {
        let pid = self.child.id();
        say(&format!("SIGKILL injectived (pid {pid}, {})", self.s.home.display()));
        self.child.kill().context("SIGKILL")?;
        self.child.wait()?;
        Ok(())
    }
}

fn log_tail(s: &Settings) -> String {
    let text = fs::read_to_string(s.logfile()).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(30)..].join("\n")
}

impl Drop for Node {
    fn drop(&mut self) {
        let pid = self.child.id();
        let pidfile = self.s.pidfile();
        if let Ok(None) = self.child.try_wait() {
            say(&format!("stopping injectived (pid {pid})"));
            if let Ok(p) = i32::try_from(pid) {
                signal(p, sys::SIGTERM);
            }
            let t = Instant::now();
            while matches!(self.child.try_wait(), Ok(None)) && t.elapsed() < Duration::from_secs(15) {
                std::thread::sleep(Duration::from_millis(200));
            }
            if matches!(self.child.try_wait(), Ok(None)) {
                let _ = self.child.kill();
            }
            let _ = self.child.wait();
        }
        let _ = fs::remove_file(&pidfile);
    }
}

/// Seconds since the epoch of an RFC 3339 UTC time (`2026-12-01T08:44:01.123456789Z`).
pub fn epoch_secs(t: &str) -> Result<u64> {
    let bad = || anyhow!("not an RFC 3339 UTC time: {t}");
    let (date, time) = t.split_once('T').ok_or_else(bad)?;
    let d: Vec<i64> = date.split('-').map(str::parse).collect::<Result<_, _>>().map_err(|_| bad())?;
    let clock = time.trim_end_matches('Z');
    let clock = clock.split('.').next().ok_or_else(bad)?;
    let c: Vec<i64> = clock.split(':').map(str::parse).collect::<Result<_, _>>().map_err(|_| bad())?;
    ensure!(d.len() == 3 && c.len() == 3 && time.ends_with('Z'), bad());
    // Days from the civil date (H. Hinnant's algorithm).
    let (y, m) = if d[1] <= 2 { (d[0] - 1, d[1] + 9) } else { (d[0], d[1] - 3) };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * m + 2) / 5 + d[2] - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Ok(u64::try_from(days * 86_400 + c[0] * 3600 + c[1] * 60 + c[2])?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_keys_are_set_in_their_section() {
        let text = "a = 1\n[rpc]\nladdr = \"x\"\n[p2p]\nladdr = \"y\"\n pex = true\n";
        let out =
            toml_set(text, &[("p2p.laddr", "\"z\"".into()), ("a", "2".into()), ("p2p.pex", "false".into())]).unwrap();
        assert_eq!(out, "a = 2\n[rpc]\nladdr = \"x\"\n[p2p]\nladdr = \"z\"\npex = false\n");
        assert!(toml_set(text, &[("rpc.pex", "1".into())]).is_err());
        // A key is not a prefix of a longer one.
        assert!(toml_set("pruning-keep = 1\n", &[("pruning", "\"x\"".into())]).is_err());
    }

    #[test]
    fn cluster_validators_listen_on_disjoint_ports() {
        let mut seen = std::collections::BTreeSet::new();
        // Up to six validators (the seventh's pprof port would meet the first's prometheus port).
        for i in 0..6u16 {
            for o in PORT_OFFSETS {
                assert!(seen.insert(47_000 + VALIDATOR_PORT_STEP * i + o), "validator {i} offset {o}");
            }
        }
    }

    #[test]
    fn rfc3339_to_epoch() {
        assert_eq!(epoch_secs("1970-01-01T00:00:00Z").unwrap(), 0);
        assert_eq!(epoch_secs("2000-03-01T00:00:01.5Z").unwrap(), 951_868_801);
        assert_eq!(epoch_secs("2026-12-01T08:44:01.123456789Z").unwrap(), 1_796_114_641);
        assert!(epoch_secs("2026-12-01 08:44:01").is_err());
    }

    #[test]
    fn coins_split_amount_and_denom() {
        assert_eq!(coins("1000inj"), json!([{"denom": "inj", "amount": "1000"}]));
    }
}
