//! Many transactions, cheaply: unsigned `MsgExecuteContract` txs written as proto JSON lines,
//! signed per account by one `injectived tx sign-batch --offline` (explicit account number and
//! first sequence; the command increments the sequence per line), encoded to bytes by the REST
//! API and broadcast with CometBFT's `broadcast_tx_sync` (rpc.rs). One process per account
//! instead of three per transaction.

use anyhow::{ensure, Context, Result};
use serde_json::{json, Value};
use std::path::Path;

use crate::node::{run, Settings};
use crate::rpc;

/// One contract call to sign.
#[derive(Clone, Debug)]
pub struct Call {
    pub contract: String,
    /// The message, as JSON.
    pub msg: Value,
    /// Attached funds (`amount`, `denom`), if any.
    pub funds: Option<(u128, String)>,
    /// The gas limit (the fee is limit × the chain's gas price).
    pub gas: u64,
}

/// The gas price's amount and denom (`160000000inj`).
fn price(s: &Settings) -> Result<(u128, String)> {
    let p = &s.gas_prices;
    let split = p.find(|c: char| !c.is_ascii_digit()).context("CHAIN_GAS_PRICES: no denom")?;
    Ok((p[..split].parse().context("CHAIN_GAS_PRICES: not an integer price")?, p[split..].to_string()))
}

/// The unsigned tx of `call` from `sender`, as `--generate-only` writes it.
pub fn unsigned(s: &Settings, sender: &str, call: &Call) -> Result<Value> {
    let (p, denom) = price(s)?;
    let funds: Vec<Value> = call.funds.iter().map(|(a, d)| json!({"denom": d, "amount": a.to_string()})).collect();
    Ok(json!({
        "body": {
            "messages": [{"@type": "/cosmwasm.wasm.v1.MsgExecuteContract", "sender": sender,
                "contract": call.contract, "msg": call.msg, "funds": funds}],
            "memo": "", "timeout_height": "0", "extension_options": [], "non_critical_extension_options": []
        },
        "auth_info": {
            "signer_infos": [],
            "fee": {"amount": [{"denom": denom, "amount": (u128::from(call.gas) * p).to_string()}],
                "gas_limit": call.gas.to_string(), "payer": "", "granter": ""},
            "tip": null
        },
        "signatures": []
    }))
}

/// Who signs: a keyring account, its address, account number and first sequence.
pub struct Account<'a> {
    pub key: &'a str,
    pub addr: &'a str,
    pub number: u64,
    pub seq: u64,
}

/// Signs `calls` from `a` with sequences `a.seq`, `a.seq + 1`, …; returns each signed tx's
/// bytes (base64), in order. `dir` keeps the batch file.
pub fn sign(s: &Settings, api_port: u16, a: &Account, calls: &[Call], dir: &Path) -> Result<Vec<String>> {
    let Account { key, addr, number: account, seq } = *a;
    let file = dir.join(format!("batch-{key}-{seq}.jsonl"));
    let mut lines = String::new();
    for c in calls {
        lines.push_str(&serde_json::to_string(&unsigned(s, addr, c)?)?);
        lines.push('\n');
    }
    std::fs::write(&file, lines)?;
    let out = run(s
        .injectived()
        .args(["tx", "sign-batch"])
        .arg(&file)
        .args(["--from", key, "--offline", "-a", &account.to_string(), "-s", &seq.to_string()])
        .args(["--chain-id", &s.chain_id, "--keyring-backend", "test", "-o", "json"]))?;
    let signed: Vec<&str> = out.lines().filter(|l| !l.trim().is_empty()).collect();
    ensure!(signed.len() == calls.len(), "sign-batch for {key}: {} signed of {}", signed.len(), calls.len());
    // The signed JSON goes to the encoder verbatim (the contract message's bytes are signed as
    // they stand).
    signed
        .iter()
        .map(|line| {
            let body = format!("{{\"tx\": {line}}}");
            let v = rpc::post(api_port, "/cosmos/tx/v1beta1/encode", &body)?;
            Ok(v["tx_bytes"].as_str().context("encode: tx_bytes")?.to_string())
        })
        .collect()
}
