//! `risk assess` = the wasm. For a run of the table (or an extra one), the VM's storage after it
//! is dumped in the form `injectived q wasm contract-state all -o json` prints, read back by
//! `risk_cli::assess::parse_state` and queried by `risk_cli::assess::run` (the oracle's native
//! query entry point over mock storage): its bytes must equal the wasm's `assess` answer. The
//! instantiate message with the same rounds replayed (the CLI's other form) must too, and once
//! the built `risk` binary on the dumped file.

use std::path::{Path, PathBuf};
use std::process::Command;

use cosmwasm_std::Order;
use cosmwasm_vm::Storage;
use risk_cli::assess::{dump_json, parse_state, run, Query, Round, State};
use risk_pool::oracle::{Exposure, InstantiateMsg};

use crate::Vm;

/// What `risk assess` needs to answer for a run.
pub struct Replay {
    /// The VM's storage after the run, key-ordered.
    pub dump: Vec<(Vec<u8>, Vec<u8>)>,
    /// The instantiate message.
    pub msg: InstantiateMsg,
    /// Its block time.
    pub instantiated_at: u64,
    /// The rounds fed, in order.
    pub rounds: Vec<Round>,
    /// The assessed book.
    pub exposures: Vec<Exposure>,
    /// The block time of the assessment.
    pub time: u64,
}

/// Every (key, value) of the VM's contract storage, ascending.
pub fn storage_of(vm: &mut Vm) -> Vec<(Vec<u8>, Vec<u8>)> {
    vm.with_storage(|st| {
        let id = st.scan(None, None, Order::Ascending).0.unwrap();
        let mut out = vec![];
        while let Some(rec) = st.next(id).0.unwrap() {
            out.push(rec);
        }
        Ok(out)
    })
    .unwrap()
}

/// The dump (form a) and the instantiate message + rounds (form b + c) answer `wasm_answer`.
pub fn check(name: &str, wasm_answer: &[u8], r: &Replay) {
    let text = dump_json(&r.dump);
    let state = parse_state(&text).unwrap_or_else(|e| panic!("{name}: dump: {e}"));
    let a = run(&state, &[], &r.exposures, Some(r.time), Query::Assess).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert!(
        a.bytes == wasm_answer,
        "{name}: risk assess on the VM's dump differs from the wasm:\n cli  {}\n wasm {}",
        String::from_utf8_lossy(&a.bytes),
        String::from_utf8_lossy(wasm_answer)
    );
    let init = State::Instantiate { msg: Box::new(r.msg.clone()), at: Some(r.instantiated_at) };
    let b = run(&init, &r.rounds, &r.exposures, Some(r.time), Query::Assess)
        .unwrap_or_else(|e| panic!("{name}: instantiate + rounds: {e}"));
    assert!(
        b.bytes == wasm_answer,
        "{name}: risk assess on the instantiate message + {} rounds differs from the wasm:\n cli  {}\n wasm {}",
        r.rounds.len(),
        String::from_utf8_lossy(&b.bytes),
        String::from_utf8_lossy(wasm_answer)
    );
}

/// The built binary on the dumped file: stdout = the wasm's bytes and a newline.
pub fn check_binary(bin: &Path, name: &str, wasm_answer: &[u8], r: &Replay) {
    let dir: PathBuf = std::env::temp_dir().join(format!("vm-gas-assess-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (state, book) = (dir.join("oracle-state.json"), dir.join("exposures.json"));
    std::fs::write(&state, dump_json(&r.dump)).unwrap();
    std::fs::write(&book, serde_json_string(&r.exposures)).unwrap();
    let out = Command::new(bin)
        .arg("assess")
        .arg("--config")
        .arg(&state)
        .arg("--exposures")
        .arg(&book)
        .arg("--time")
        .arg(r.time.to_string())
        .output()
        .unwrap_or_else(|e| panic!("{}: {e}", bin.display()));
    assert!(out.status.success(), "{name}: risk assess failed: {}", String::from_utf8_lossy(&out.stderr));
    assert!(
        out.stdout == [wasm_answer, b"\n"].concat(),
        "{name}: the risk binary printed\n {}\nnot the wasm's\n {}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(wasm_answer)
    );
    std::fs::remove_dir_all(&dir).ok();
}

fn serde_json_string(e: &[Exposure]) -> Vec<u8> {
    cosmwasm_std::to_json_vec(e).unwrap()
}
