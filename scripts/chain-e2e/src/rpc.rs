//! CometBFT RPC and the SDK's REST API over plain HTTP/1.0 on 127.0.0.1 (no client library:
//! one request per connection, the body read to its end). Cheaper than an `injectived` process
//! per question, which matters when four nodes are asked about every height and a thousand
//! transactions are broadcast.

use anyhow::{bail, ensure, Context, Result};
use serde_json::Value;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

const TIMEOUT: Duration = Duration::from_secs(10);

/// One request; the parsed JSON body of a 2xx answer.
fn request(port: u16, method: &str, path: &str, body: Option<&str>) -> Result<Value> {
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    let mut s = TcpStream::connect_timeout(&addr, Duration::from_secs(2)).with_context(|| format!("connect {addr}"))?;
    s.set_read_timeout(Some(TIMEOUT))?;
    s.set_write_timeout(Some(TIMEOUT))?;
    let body = body.unwrap_or("");
    let head = format!(
        "{method} {path} HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    s.write_all(head.as_bytes())?;
    s.write_all(body.as_bytes())?;
    let mut out = Vec::new();
    s.read_to_end(&mut out).with_context(|| format!("{method} {addr}{path}"))?;
    let text = String::from_utf8_lossy(&out);
    let (head, body) = text.split_once("\r\n\r\n").with_context(|| format!("{path}: no HTTP header"))?;
    let status = head.split_whitespace().nth(1).unwrap_or("");
    ensure!(status.starts_with('2'), "{method} {path}: HTTP {status}: {}", crate::node::tail(body, 500));
    serde_json::from_str(body).with_context(|| format!("{path}: not JSON: {}", crate::node::tail(body, 300)))
}

pub fn get(port: u16, path: &str) -> Result<Value> {
    request(port, "GET", path, None)
}

pub fn post(port: u16, path: &str, body: &str) -> Result<Value> {
    request(port, "POST", path, Some(body))
}

/// A CometBFT RPC call's `result` (its `error` as an error).
pub fn comet(port: u16, path: &str) -> Result<Value> {
    let v = get(port, path)?;
    if let Some(e) = v.get("error") {
        bail!("{path}: {e}");
    }
    v.get("result").cloned().with_context(|| format!("{path}: no result"))
}

fn num(v: &Value) -> Option<u64> {
    v.as_u64().or_else(|| v.as_str().and_then(|s| s.parse().ok()))
}

/// The node's latest height.
pub fn height(rpc_port: u16) -> Result<u64> {
    let r = comet(rpc_port, "/status")?;
    num(&r["sync_info"]["latest_block_height"]).context("/status: latest_block_height")
}

/// The app hash in each header of `from ..= to` (at most 20 a call: `/blockchain` pages).
/// The header of height h carries the state after block h − 1.
pub fn app_hashes(rpc_port: u16, from: u64, to: u64) -> Result<Vec<(u64, String)>> {
    let mut out = Vec::new();
    let mut lo = from;
    while lo <= to {
        let hi = to.min(lo + 19);
        let r = comet(rpc_port, &format!("/blockchain?minHeight={lo}&maxHeight={hi}"))?;
        for m in r["block_metas"].as_array().context("/blockchain: block_metas")? {
            let h = num(&m["header"]["height"]).context("header height")?;
            out.push((h, m["header"]["app_hash"].as_str().context("app_hash")?.to_string()));
        }
        lo = hi + 1;
    }
    out.sort();
    Ok(out)
}

/// Σ gas_used and the number of transactions of block `h`.
pub fn block_gas(rpc_port: u16, h: u64) -> Result<(u64, usize)> {
    let r = comet(rpc_port, &format!("/block_results?height={h}"))?;
    let txs = r["txs_results"].as_array().cloned().unwrap_or_default();
    Ok((txs.iter().filter_map(|t| num(&t["gas_used"])).sum(), txs.len()))
}

/// `broadcast_tx_sync` of base64 tx bytes: (CheckTx code, log, hash).
pub fn broadcast_sync(rpc_port: u16, tx_b64: &str) -> Result<(u32, String, String)> {
    let body = serde_json::json!({"jsonrpc": "2.0", "id": 1, "method": "broadcast_tx_sync", "params": {"tx": tx_b64}});
    let v = post(rpc_port, "/", &body.to_string())?;
    if let Some(e) = v.get("error") {
        bail!("broadcast_tx_sync: {e}");
    }
    let r = &v["result"];
    let code = u32::try_from(num(&r["code"]).unwrap_or(0))?;
    Ok((code, r["log"].as_str().unwrap_or("").to_string(), r["hash"].as_str().unwrap_or("").to_string()))
}

/// A committed transaction by hash: `Some((height, code, log))`, `None` if not (yet) in a block.
pub fn tx_result(rpc_port: u16, hash: &str) -> Result<Option<(u64, u32, String)>> {
    // Not found is an HTTP 500 with a JSON-RPC error.
    let v = match get(rpc_port, &format!("/tx?hash=0x{hash}")) {
        Ok(v) => v,
        Err(e) if format!("{e:#}").contains("not found") => return Ok(None),
        Err(e) => return Err(e),
    };
    if v.get("error").is_some() {
        return Ok(None);
    }
    let r = &v["result"];
    let h = num(&r["height"]).context("/tx: height")?;
    let code = u32::try_from(num(&r["tx_result"]["code"]).unwrap_or(0))?;
    Ok(Some((h, code, r["tx_result"]["log"].as_str().unwrap_or("").to_string())))
}

/// (account number, sequence) of an account (REST; Injective's EthAccount or a base account).
pub fn account(api_port: u16, addr: &str) -> Result<(u64, u64)> {
    let v = get(api_port, &format!("/cosmos/auth/v1beta1/accounts/{addr}"))?;
    let a = &v["account"];
    let base = a.get("base_account").unwrap_or(a);
    Ok((
        num(&base["account_number"]).with_context(|| format!("{addr}: account_number in {a}"))?,
        num(&base["sequence"]).unwrap_or(0),
    ))
}

fn varint(mut n: usize, out: &mut Vec<u8>) {
    while n >= 0x80 {
        out.push(u8::try_from(n & 0x7f).unwrap_or(0) | 0x80);
        n >>= 7;
    }
    out.push(u8::try_from(n).unwrap_or(0));
}

/// A smart query through CometBFT's `abci_query` (the gRPC method's protobuf by hand:
/// `QuerySmartContractStateRequest { address = 1, query_data = 2 }`, the answer's `data = 1`).
pub fn smart<T: serde::de::DeserializeOwned, M: serde::Serialize>(rpc_port: u16, contract: &str, msg: &M) -> Result<T> {
    let q = serde_json::to_vec(msg)?;
    let mut req = vec![0x0a];
    varint(contract.len(), &mut req);
    req.extend_from_slice(contract.as_bytes());
    req.push(0x12);
    varint(q.len(), &mut req);
    req.extend_from_slice(&q);
    let hex: String = req.iter().map(|b| format!("{b:02x}")).collect();
    let r =
        comet(rpc_port, &format!("/abci_query?path=%22/cosmwasm.wasm.v1.Query/SmartContractState%22&data=0x{hex}"))?;
    let resp = &r["response"];
    ensure!(num(&resp["code"]).unwrap_or(0) == 0, "smart query on {contract}: {}", resp["log"]);
    let value = cosmwasm_std::Binary::from_base64(resp["value"].as_str().context("abci_query: value")?)?;
    let v = value.as_slice();
    ensure!(v.first() == Some(&0x0a), "abci_query: not a SmartContractState answer");
    // The varint length, then the JSON.
    let (mut len, mut i) = (0usize, 1usize);
    loop {
        let b = *v.get(i).context("abci_query: short answer")?;
        len |= usize::from(b & 0x7f) << (7 * (i - 1));
        i += 1;
        if b & 0x80 == 0 {
            break;
        }
    }
    let data = v.get(i..i + len).context("abci_query: short data")?;
    serde_json::from_slice(data)
        .with_context(|| format!("smart query on {contract}: {}", String::from_utf8_lossy(data)))
}

/// The node's own validator address (upper-case hex, as commits name it).
pub fn validator_address(rpc_port: u16) -> Result<String> {
    let r = comet(rpc_port, "/status")?;
    Ok(r["validator_info"]["address"].as_str().context("/status: validator_info.address")?.to_string())
}

/// Whether the commit of height `h` carries `validator`'s precommit for the block
/// (`block_id_flag` 2, BlockIDFlagCommit; 1 is absent, 3 a nil vote). Ask about a height below
/// the latest: the latest one's commit is the node's own seen commit, possibly partial.
pub fn signed(rpc_port: u16, h: u64, validator: &str) -> Result<bool> {
    let r = comet(rpc_port, &format!("/commit?height={h}"))?;
    let sigs = r["signed_header"]["commit"]["signatures"].as_array().context("/commit: signatures")?;
    Ok(sigs.iter().any(|s| s["validator_address"].as_str() == Some(validator) && num(&s["block_id_flag"]) == Some(2)))
}
