//! `deploy-plan`: governance deployment of the suite on any wasmd 0.5x chain.
//!
//! ```text
//! deploy-plan plan    --artifacts DIR --prefix inj --gov <gov module addr> --plan plan.json --out DIR [--address-len 20]
//! deploy-plan migrate --gov <addr> --contract <addr> --code-id N --msg '{}' --out FILE [--deposit D]
//! deploy-plan store   --gov <addr> --wasm FILE --out FILE [--deposit D]
//! ```
//! `plan` verifies every artifact against `checksums.txt`, computes the `instantiate2` addresses
//! of oracle, vault and DAO (creator = the gov module, which sends `MsgInstantiateContract2`;
//! address = cosmwasm-std `instantiate2_address(checksum, creator, salt)`), wires each
//! instantiate message to the others' addresses, and writes gov v1 proposal files:
//! `store-<crate>.json` (one gzipped `MsgStoreCode` each: a code is too large to share a tx),
//! `instantiate.json` (three `MsgInstantiateContract2`, admin = gov), `pin.json` (`MsgPinCodes`),
//! and `addresses.json`. Code ids are the plan's `code_ids` (known once the store proposals
//! passed). See docs/deployment.md.

use cosmwasm_std::{instantiate2_address, Binary, CanonicalAddr, Checksum};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

type Res<T> = Result<T, String>;

fn arg(args: &[String], name: &str) -> Res<String> {
    args.windows(2).find(|w| w[0] == name).map(|w| w[1].clone()).ok_or(format!("missing {name}"))
}

fn opt(args: &[String], name: &str) -> Option<String> {
    arg(args, name).ok()
}

/// bech32 `addr` → canonical bytes (the prefix must be `prefix` when given).
pub fn canonical(addr: &str, prefix: Option<&str>) -> Res<CanonicalAddr> {
    let (hrp, data) = bech32::decode(addr).map_err(|e| format!("bad address {addr}: {e}"))?;
    if let Some(p) = prefix {
        if hrp.as_str() != p {
            return Err(format!("{addr}: prefix {} is not {p}", hrp.as_str()));
        }
    }
    Ok(CanonicalAddr::from(data))
}

pub fn humanize(prefix: &str, c: &CanonicalAddr) -> Res<String> {
    let hrp = bech32::Hrp::parse(prefix).map_err(|e| e.to_string())?;
    bech32::encode::<bech32::Bech32>(hrp, c.as_slice()).map_err(|e| e.to_string())
}

/// The address `MsgInstantiateContract2` will give: sha256-based, independent of the code id.
/// `len` is the chain's contract address length: 32 bytes on wasmd, but chains with 20-byte
/// (Ethereum-style) accounts keep the first 20 (Injective does: measured on injectived 1.20.1).
pub fn predict(prefix: &str, gov: &str, checksum: &Checksum, salt: &[u8], len: usize) -> Res<String> {
    let creator = canonical(gov, Some(prefix))?;
    let addr = instantiate2_address(checksum.as_slice(), &creator, salt).map_err(|e| e.to_string())?;
    if !(20..=32).contains(&len) {
        return Err(format!("--address-len {len}: must be 20..=32"));
    }
    humanize(prefix, &CanonicalAddr::from(&addr.as_slice()[..len]))
}

/// `artifacts/checksums.txt` (`<sha256>  <file>`), each verified against the file's bytes.
fn checksums(dir: &Path) -> Res<BTreeMap<String, (Checksum, Vec<u8>)>> {
    let text = std::fs::read_to_string(dir.join("checksums.txt")).map_err(|e| format!("checksums.txt: {e}"))?;
    let mut out = BTreeMap::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let mut it = line.split_whitespace();
        let (hex, file) = (it.next().unwrap_or_default(), it.next().ok_or(format!("bad line {line}"))?);
        let bytes = std::fs::read(dir.join(file)).map_err(|e| format!("{file}: {e}"))?;
        let sum = Checksum::generate(&bytes);
        if sum.to_hex() != hex {
            return Err(format!("{file}: sha256 {} does not match checksums.txt {hex}", sum.to_hex()));
        }
        out.insert(file.trim_end_matches(".wasm").to_string(), (sum, bytes));
    }
    Ok(out)
}

fn gzip(bytes: &[u8]) -> Res<Vec<u8>> {
    use std::io::Write;
    let mut z = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    z.write_all(bytes).map_err(|e| e.to_string())?;
    z.finish().map_err(|e| e.to_string())
}

fn proposal(title: &str, summary: &str, deposit: &str, messages: Vec<Value>) -> Value {
    json!({"messages": messages, "metadata": "", "deposit": deposit, "title": title, "summary": summary, "expedited": false})
}

fn object(v: &Value, what: &str) -> Res<Map<String, Value>> {
    v.get(what).and_then(|o| o.as_object()).cloned().ok_or(format!("plan: `{what}` must be an object"))
}

fn write(path: &Path, v: &Value) -> Res<()> {
    std::fs::write(path, serde_json::to_string_pretty(v).unwrap()).map_err(|e| format!("{}: {e}", path.display()))
}

fn plan(args: &[String]) -> Res<()> {
    let (dir, prefix, gov) = (PathBuf::from(arg(args, "--artifacts")?), arg(args, "--prefix")?, arg(args, "--gov")?);
    let len: usize =
        opt(args, "--address-len").unwrap_or("32".into()).parse().map_err(|e| format!("--address-len: {e}"))?;
    let out = PathBuf::from(arg(args, "--out")?);
    let plan: Value = serde_json::from_str(&std::fs::read_to_string(arg(args, "--plan")?).map_err(|e| e.to_string())?)
        .map_err(|e| format!("plan: {e}"))?;
    let deposit = plan["deposit"].as_str().ok_or("plan: deposit")?.to_string();
    let salt = plan["salt"].as_str().ok_or("plan: salt")?.to_string();
    std::fs::create_dir_all(&out).map_err(|e| e.to_string())?;
    let arts = checksums(&dir)?;
    let permission = json!({"permission": "AnyOfAddresses", "addresses": [gov]});
    for (name, (sum, bytes)) in &arts {
        // Gzipped as `wasmd tx wasm store` sends it (wasmd unzips; the checksum is of the wasm):
        // gov charges the proposal per byte, so this cuts the store cost about threefold.
        let msg = json!({"@type": "/cosmwasm.wasm.v1.MsgStoreCode", "sender": gov,
            "wasm_byte_code": Binary::from(gzip(bytes)?).to_base64(), "instantiate_permission": permission});
        let summary = format!("Store {name}.wasm, sha256 {}", sum.to_hex());
        write(
            &out.join(format!("store-{name}.json")),
            &proposal(&format!("Store {name}"), &summary, &deposit, vec![msg]),
        )?;
    }
    let get = |n: &str| arts.get(n).map(|a| a.0).ok_or(format!("artifact {n}.wasm missing"));
    let salt_of = |c: &str| format!("{salt}/{c}").into_bytes();
    let oracle = predict(&prefix, &gov, &get("risk_oracle")?, &salt_of("risk_oracle"), len)?;
    let vault = predict(&prefix, &gov, &get("pool_vault")?, &salt_of("pool_vault"), len)?;
    let dao = predict(&prefix, &gov, &get("dao_governance")?, &salt_of("dao_governance"), len)?;
    // Wire the instantiate messages: the DAO owns oracle and vault; the vault asks the oracle;
    // the DAO reads power from the vault.
    let mut o = object(&plan, "oracle")?;
    o.insert("owner".into(), json!(dao));
    let mut v = object(&plan, "vault")?;
    v.insert("owner".into(), json!(dao));
    v.insert("risk_oracle".into(), json!(oracle));
    let mut d = object(&plan, "dao")?;
    d.insert("vault".into(), json!(vault));
    let code_id = |n: &str| plan["code_ids"][n].as_u64().ok_or(format!("plan: code_ids.{n}"));
    let inst = |n: &str, label: &str, msg: Map<String, Value>| -> Res<Value> {
        Ok(json!({"@type": "/cosmwasm.wasm.v1.MsgInstantiateContract2", "sender": gov, "admin": gov,
            "code_id": code_id(n)?.to_string(), "label": label, "msg": Value::Object(msg), "funds": [],
            "salt": Binary::from(salt_of(n)).to_base64(), "fix_msg": false}))
    };
    let msgs = vec![
        inst("risk_oracle", "risk-oracle", o)?,
        inst("pool_vault", "pool-vault", v)?,
        inst("dao_governance", "dao-governance", d)?,
    ];
    let summary = format!("Instantiate the suite pre-wired: oracle {oracle}, vault {vault}, DAO {dao}");
    write(&out.join("instantiate.json"), &proposal("Instantiate risk pool", &summary, &deposit, msgs))?;
    let ids: Vec<String> = ["risk_oracle", "pool_vault", "dao_governance"]
        .iter()
        .map(|n| code_id(n).map(|c| c.to_string()))
        .collect::<Res<_>>()?;
    let pin = json!({"@type": "/cosmwasm.wasm.v1.MsgPinCodes", "authority": gov, "code_ids": ids});
    let summary = "Pin the suite's codes: a call into pinned code costs 2,000 instead of 60,000 SDK gas";
    write(&out.join("pin.json"), &proposal("Pin risk pool codes", summary, &deposit, vec![pin]))?;
    let addrs = json!({"risk_oracle": oracle, "pool_vault": vault, "dao_governance": dao, "creator": gov,
        "checksums": arts.iter().map(|(n, (s, _))| (n.clone(), json!(s.to_hex()))).collect::<Map<_, _>>()});
    write(&out.join("addresses.json"), &addrs)?;
    println!("{}", serde_json::to_string_pretty(&addrs).unwrap());
    Ok(())
}

fn migrate(args: &[String]) -> Res<()> {
    let gov = arg(args, "--gov")?;
    let msg: Value = serde_json::from_str(&arg(args, "--msg")?).map_err(|e| format!("--msg: {e}"))?;
    let code_id: u64 = arg(args, "--code-id")?.parse().map_err(|e| format!("--code-id: {e}"))?;
    let contract = arg(args, "--contract")?;
    let m = json!({"@type": "/cosmwasm.wasm.v1.MsgMigrateContract", "sender": gov, "contract": contract,
        "code_id": code_id.to_string(), "msg": msg});
    let deposit = opt(args, "--deposit").unwrap_or("10000000inj".into());
    let p =
        proposal(&format!("Migrate {contract}"), &format!("Migrate {contract} to code {code_id}"), &deposit, vec![m]);
    write(Path::new(&arg(args, "--out")?), &p)
}

/// One gov v1 proposal storing any wasm (gzipped; instantiate permission Everybody), titled
/// `store <file name>`: the end-to-end run stores its cw20-base reference so.
fn store(args: &[String]) -> Res<()> {
    let gov = arg(args, "--gov")?;
    let wasm = PathBuf::from(arg(args, "--wasm")?);
    let bytes = std::fs::read(&wasm).map_err(|e| format!("{}: {e}", wasm.display()))?;
    let name = wasm.file_name().and_then(|n| n.to_str()).ok_or("--wasm: no file name")?;
    let msg = json!({"@type": "/cosmwasm.wasm.v1.MsgStoreCode", "sender": gov,
        "wasm_byte_code": Binary::from(gzip(&bytes)?).to_base64(),
        "instantiate_permission": {"permission": "Everybody", "addresses": []}});
    let deposit = opt(args, "--deposit").unwrap_or("10000000inj".into());
    let title = format!("store {name}");
    write(Path::new(&arg(args, "--out")?), &proposal(&title, &title, &deposit, vec![msg]))
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let r = match args.get(1).map(String::as_str) {
        Some("plan") => plan(&args),
        Some("migrate") => migrate(&args),
        Some("store") => store(&args),
        _ => Err("usage: deploy-plan plan|migrate|store … (see the doc comment in scripts/deploy/src/main.rs)".into()),
    };
    if let Err(e) = r {
        eprintln!("deploy-plan: {e}");
        std::process::exit(2);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_round_trip_and_differ_by_salt() {
        // A module account address: the first 20 bytes of sha256(module name).
        let gov = humanize("inj", &CanonicalAddr::from(&Checksum::generate(b"gov").as_slice()[..20])).unwrap();
        let gov = gov.as_str();
        let c = canonical(gov, Some("inj")).unwrap();
        assert_eq!(humanize("inj", &c).unwrap(), gov);
        assert!(canonical(gov, Some("osmo")).is_err());
        let sum = Checksum::generate(b"code");
        let a = predict("inj", gov, &sum, b"s/a", 32).unwrap();
        let b = predict("inj", gov, &sum, b"s/b", 32).unwrap();
        assert_ne!(a, b);
        assert!(a.starts_with("inj1") && a.len() == 62, "32-byte address: {a}");
        // The same inputs as cosmwasm-std's own function, re-encoded.
        let want = instantiate2_address(sum.as_slice(), &c, b"s/a").unwrap();
        assert_eq!(canonical(&a, None).unwrap(), want);
        // 20-byte chains keep the prefix of the same hash.
        let short = predict("inj", gov, &sum, b"s/a", 20).unwrap();
        assert_eq!(canonical(&short, None).unwrap().as_slice(), &want.as_slice()[..20]);
        assert!(predict("inj", gov, &sum, b"s/a", 19).is_err());
    }
}
