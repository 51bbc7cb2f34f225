//! Transactions and queries through the `injectived` CLI, its JSON parsed with serde.

use anyhow::{bail, ensure, Context, Result};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::node::{self, run, tail, Settings};
use crate::{say, wire};

/// A number the CLI prints as a string (SDK 0.50) or as a number.
fn num(v: &Value) -> Option<u64> {
    v.as_u64().or_else(|| v.as_str().and_then(|s| s.parse().ok()))
}

#[derive(Deserialize, Debug, Default)]
pub struct Attribute {
    pub key: String,
    #[serde(default)]
    pub value: String,
}

#[derive(Deserialize, Debug)]
pub struct Event {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub attributes: Vec<Attribute>,
}

#[derive(Deserialize, Debug, Default)]
pub struct Log {
    #[serde(default)]
    pub events: Vec<Event>,
}

/// What `query tx` (and a broadcast) prints, the parts used here.
#[derive(Deserialize, Debug)]
pub struct TxResponse {
    #[serde(default)]
    pub code: u32,
    pub txhash: String,
    #[serde(default)]
    pub raw_log: String,
    #[serde(default)]
    gas_used: Value,
    #[serde(default)]
    pub events: Vec<Event>,
    #[serde(default)]
    pub logs: Vec<Log>,
}

impl TxResponse {
    pub fn gas_used(&self) -> Result<u64> {
        num(&self.gas_used).with_context(|| format!("tx {}: gas_used {}", self.txhash, self.gas_used))
    }

    /// The value of attribute `key` of the first event of type `kind` (tx events, then logs').
    pub fn attr(&self, kind: &str, key: &str) -> Option<&str> {
        let logs = self.logs.iter().flat_map(|l| l.events.iter());
        self.events
            .iter()
            .chain(logs)
            .filter(|e| e.kind == kind)
            .flat_map(|e| e.attributes.iter())
            .find(|a| a.key == key)
            .map(|a| a.value.as_str())
    }

    pub fn attr_u64(&self, kind: &str, key: &str) -> Result<u64> {
        let v = self.attr(kind, key).with_context(|| format!("tx {}: no {kind}.{key}", self.txhash))?;
        v.parse().with_context(|| format!("tx {}: {kind}.{key} = {v}", self.txhash))
    }
}

/// A transaction that did not make it: at simulation, CheckTx or in the block.
#[derive(Debug)]
pub struct Refused {
    pub stage: &'static str,
    /// The code of CheckTx or DeliverTx (none for a failed simulation).
    pub code: Option<u32>,
    /// The CLI's error output or the raw_log.
    pub text: String,
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "tx refused at {} (code {:?}): {}", self.stage, self.code, tail(&self.text, 3000))
    }
}

/// A client of the running chain.
pub struct Chain {
    pub s: Settings,
    addrs: BTreeMap<String, String>,
    /// The keys that vote yes on a gov proposal (the validators).
    voters: Vec<String>,
}

impl Chain {
    /// The accounts' addresses come from `accounts.json`, written by [`node::init`].
    pub fn new(s: Settings) -> Result<Chain> {
        #[derive(Deserialize)]
        struct Account {
            name: String,
            address: String,
        }
        let file = s.home.join("accounts.json");
        let list: Vec<Account> = serde_json::from_str(&std::fs::read_to_string(&file)?)
            .with_context(|| format!("{}: not the accounts list", file.display()))?;
        let addrs: BTreeMap<String, String> = list.into_iter().map(|a| (a.name, a.address)).collect();
        for name in node::ACCOUNTS {
            ensure!(addrs.contains_key(name), "{}: no account {name}", file.display());
        }
        Ok(Chain { s, addrs, voters: vec![node::ACCOUNTS[0].to_string()] })
    }

    /// The keys that vote on gov proposals (a cluster's validators; default the one validator).
    pub fn set_voters(&mut self, voters: Vec<String>) {
        self.voters = voters;
    }

    /// A new key `name` in the test keyring (no balance: fund it), known to [`Chain::addr`]
    /// from now on; returns its address.
    pub fn add_key(&mut self, name: &str) -> Result<String> {
        let out =
            run(self.s.injectived().args(["keys", "add", name, "--keyring-backend", "test", "--output", "json"]))?;
        let k: Value = serde_json::from_str(&out).with_context(|| format!("keys add {name}: {}", tail(&out, 300)))?;
        let addr = k["address"].as_str().with_context(|| format!("keys add {name}: no address"))?.to_string();
        self.addrs.insert(name.to_string(), addr.clone());
        Ok(addr)
    }

    /// The bech32 address of a keyring account.
    pub fn addr(&self, name: &str) -> &str {
        self.addrs.get(name).map(String::as_str).unwrap_or_else(|| panic!("no account {name}"))
    }

    /// `injectived query ARGS --node … --chain-id … -o json` (some queries want the chain id
    /// on the command line, client.toml notwithstanding).
    pub fn q(&self, args: &[&str]) -> Result<Value> {
        let out = run(self.s.injectived().arg("query").args(args).args([
            "--node",
            &self.s.rpc(),
            "--chain-id",
            &self.s.chain_id,
            "-o",
            "json",
        ]))?;
        serde_json::from_str(&out).with_context(|| format!("query {args:?}: not JSON: {}", tail(&out, 500)))
    }

    /// A smart query, its `data` as `T`.
    pub fn smart<T: DeserializeOwned, M: Serialize>(&self, contract: &str, msg: &M) -> Result<T> {
        let m = serde_json::to_string(msg)?;
        let v = self.q(&["wasm", "contract-state", "smart", contract, &m])?;
        serde_json::from_value(v["data"].clone())
            .with_context(|| format!("smart query {m} on {contract}: {}", v["data"]))
    }

    /// The bank balance of `addr` in `denom`.
    pub fn balance(&self, addr: &str, denom: &str) -> Result<u128> {
        let v = self.q(&["bank", "balances", addr])?;
        let coins = v["balances"].as_array().cloned().unwrap_or_default();
        match coins.iter().find(|c| c["denom"] == denom) {
            Some(c) => Ok(c["amount"].as_str().context("balance amount")?.parse()?),
            None => Ok(0),
        }
    }

    /// Broadcasts `tx ARGS`, waits until it is in a block and returns it; `Err(Refused)` when
    /// the simulation, CheckTx or DeliverTx failed.
    ///
    /// Gas: the CLI's simulation leaves out the eth_secp256k1 signature check (~28,000 gas when
    /// the tx runs), so `--gas auto --gas-adjustment 1.4` runs small txs out of gas. Hence:
    /// simulate (`--generate-only --gas auto`), then send with estimate × adjustment + margin;
    /// if that is above the txfees per-tx cap and the estimate is not, with the cap. `--gas N`
    /// given in ARGS wins.
    pub fn try_tx(&self, args: &[&str]) -> Result<std::result::Result<TxResponse, Refused>> {
        let base = |extra: &[&str]| {
            let mut c = self.s.injectived();
            c.arg("tx").args(args).args(["--keyring-backend", "test", "--chain-id", &self.s.chain_id]);
            c.args(["--node", &self.s.rpc(), "--gas-prices", &self.s.gas_prices]).args(extra);
            c.stdin(Stdio::null());
            c
        };
        let auto = !args.iter().any(|a| *a == "--gas" || a.starts_with("--gas="));
        let mut est = 0u64;
        let mut gas = Vec::new();
        if auto {
            let out = base(&["--gas", "auto", "--gas-adjustment", "1", "--generate-only"]).output()?;
            let err = String::from_utf8_lossy(&out.stderr).to_string();
            if !out.status.success() {
                return Ok(Err(Refused { stage: "simulation", code: None, text: err }));
            }
            est = err
                .lines()
                .find_map(|l| l.strip_prefix("gas estimate: "))
                .and_then(|r| r.split_whitespace().next()?.parse().ok())
                .with_context(|| format!("no gas estimate in: {}", tail(&err, 1000)))?;
            // Truncated like the shell version's awk printf "%d" (the limit, not the gas used).
            let limit = (est as f64 * self.s.gas_adjustment) as u64 + self.s.gas_margin;
            gas = vec!["--gas".to_string(), limit.to_string()];
        }
        let send = |gas: &[String]| -> Result<(bool, String, String)> {
            let mut c = base(&["-y", "-o", "json"]);
            c.args(gas);
            let out = c.output()?;
            Ok((out.status.success(), String::from_utf8(out.stdout)?, String::from_utf8_lossy(&out.stderr).to_string()))
        };
        let (mut ok, mut out, mut err) = send(&gas)?;
        if !ok && auto {
            // The txfees module rejects a gas limit above max_gas_wanted_per_tx in CheckTx.
            let cap = err
                .split("Too much gas wanted: ")
                .nth(1)
                .and_then(|r| r.split("maximum is ").nth(1))
                .and_then(|r| r.split(|c: char| !c.is_ascii_digit()).next().and_then(|d| d.parse::<u64>().ok()));
            if let Some(cap) = cap.filter(|c| est + 30_000 <= *c) {
                say(&format!(
                    "gas {} is above the per-tx cap {cap} (estimate {est}): sending with --gas {cap}",
                    gas[1]
                ));
                (ok, out, err) = send(&["--gas".to_string(), cap.to_string()])?;
            }
        }
        if !ok {
            let code = serde_json::from_str::<TxResponse>(&out).ok().map(|r| r.code);
            return Ok(Err(Refused { stage: "broadcast", code, text: format!("{err}\n{out}") }));
        }
        let sent: TxResponse =
            serde_json::from_str(&out).with_context(|| format!("broadcast output: {}", tail(&out, 1000)))?;
        if sent.code != 0 {
            return Ok(Err(Refused { stage: "CheckTx", code: Some(sent.code), text: sent.raw_log }));
        }
        let t = Instant::now();
        while t.elapsed() < Duration::from_secs(30) {
            let o = self
                .s
                .injectived()
                .args(["query", "tx", &sent.txhash, "--node", &self.s.rpc(), "-o", "json"])
                .output()?;
            if o.status.success() && !o.stdout.is_empty() {
                let res: TxResponse = serde_json::from_slice(&o.stdout).context("query tx output")?;
                if res.code != 0 {
                    return Ok(Err(Refused { stage: "DeliverTx", code: Some(res.code), text: res.raw_log }));
                }
                return Ok(Ok(res));
            }
            std::thread::sleep(Duration::from_millis(200));
        }
        bail!("tx {} not in a block after 30 s", sent.txhash)
    }

    /// [`Chain::try_tx`] that must succeed.
    pub fn tx(&self, args: &[&str]) -> Result<TxResponse> {
        match self.try_tx(args)? {
            Ok(r) => Ok(r),
            Err(refused) => bail!("tx {}: {refused}", tail(&args.join(" "), 300)),
        }
    }

    /// `wasm execute` of `msg` (in its baseline spelling, [`wire`]) from account `from`, with
    /// `funds` (`"100uusdc"`) if any.
    pub fn execute<M: Serialize>(
        &self,
        contract: &str,
        msg: &M,
        from: &str,
        funds: Option<&str>,
    ) -> Result<TxResponse> {
        let m = wire::to_wire(msg)?;
        let mut args = vec!["wasm", "execute", contract, &m, "--from", from];
        if let Some(f) = funds {
            args.extend(["--amount", f]);
        }
        self.tx(&args)
    }

    /// The gov module account's address.
    pub fn gov_address(&self) -> Result<String> {
        let v = self.q(&["auth", "module-account", "gov"])?;
        Ok(v["account"]["value"]["address"].as_str().context("gov module account address")?.to_string())
    }

    /// Submits a gov v1 proposal file from `from`; the validators (all the voting power) vote
    /// yes. Returns the proposal id and the submit tx's gas_used.
    pub fn submit(&self, file: &Path, from: &str) -> Result<(u64, u64)> {
        let path = file.to_str().context("proposal path")?;
        let res = self.tx(&["gov", "submit-proposal", path, "--from", from])?;
        let id = res.attr_u64("submit_proposal", "proposal_id")?;
        for v in &self.voters {
            self.tx(&["gov", "vote", &id.to_string(), "yes", "--from", v])?;
        }
        Ok((id, res.gas_used()?))
    }

    /// Waits until every proposal has left its deposit and voting periods; fails unless each
    /// PASSED (with its failed_reason).
    pub fn wait_passed(&self, ids: &[u64]) -> Result<()> {
        let t = Instant::now();
        for id in ids {
            loop {
                let v = self.q(&["gov", "proposal", &id.to_string()])?;
                let p = v.get("proposal").unwrap_or(&v);
                let status = p["status"].as_str().context("proposal status")?;
                if !matches!(status, "PROPOSAL_STATUS_DEPOSIT_PERIOD" | "PROPOSAL_STATUS_VOTING_PERIOD") {
                    ensure!(status == "PROPOSAL_STATUS_PASSED", "proposal {id}: {status}: {}", p["failed_reason"]);
                    break;
                }
                ensure!(t.elapsed() < Duration::from_secs(180), "proposal {id} still {status}");
                std::thread::sleep(Duration::from_millis(500));
            }
        }
        Ok(())
    }

    /// The latest block's time, seconds since the epoch.
    pub fn chain_time(&self) -> Result<u64> {
        node::epoch_secs(&node::status(&self.s)?.1)
    }

    /// Waits until the chain's block time reaches `ts`; fails rather than hang past 300 s.
    pub fn wait_chain_time(&self, ts: u64) -> Result<()> {
        let t = Instant::now();
        while self.chain_time()? < ts {
            ensure!(t.elapsed() < Duration::from_secs(300), "chain time did not reach {ts} within 300 s");
            std::thread::sleep(Duration::from_millis(500));
        }
        Ok(())
    }

    /// `block.max_gas` of the consensus params.
    pub fn block_max_gas(&self) -> Result<u64> {
        let v = self.q(&["consensus", "params"])?;
        let p = v.get("params").unwrap_or(&v);
        num(&p["block"]["max_gas"]).context("consensus params: block.max_gas")
    }
}
