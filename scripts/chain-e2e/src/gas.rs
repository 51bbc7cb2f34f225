//! The gas bench's figures, reports and baseline check. No chain access here, so the check is
//! unit-tested and can be re-run offline (`chain-e2e check REPORT.json [BASELINE.json]`).
//!
//! Report (`$CHAIN_HOME/gas-report.json`) and baseline (`scripts/chain/gas-baseline.json`) have
//! one shape:
//!
//! ```text
//! {"format": 1, "injectived_version": "v1.20.1 (eef179e)", "block_max_gas": 120000000,
//!  "actions": {"deposit": {"unpinned": {"gas_used": 227718}, "pinned": {"gas_used": 170850}}, ...},
//!  "store_proposals": {"risk_oracle": {"gas_used": 36091608}, ...}}
//! ```
//!
//! The check: every action's gas (pinned and unpinned) and every store proposal's gas must be
//! ≤ baseline × 1.05; a figure missing on either side fails too (a new action enters the
//! baseline deliberately). Figures more than 5 % below are printed as a hint to lower it.
//! `GAS_BASELINE_UPDATE=1` writes the measured figures as the new baseline instead of failing:
//! run it on purpose and commit the baseline with the change that moved it; CI never sets it.

use anyhow::{Context, Result};
use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::path::Path;

/// Tolerance of the check, percent above (and below, for the hint) the baseline.
pub const TOLERANCE_PCT: u64 = 5;
pub const FORMAT: u32 = 1;
/// Report order. The cw20 transfer is the reference (cw20-base from crates.io) ratios divide by;
/// the floor (an execute that does nothing) is what every action's distance is measured from.
pub const ACTIONS: [&str; 17] = [
    "cw20 transfer",
    FLOOR,
    FLOOR_FUNDS,
    "deposit",
    "request_withdraw",
    "withdraw",
    "member_deposit",
    "report_exposure (1 markets)",
    "report_exposure (8 markets)",
    "report_exposure (32 markets)",
    "report_exposure (8 legs)",
    "pay_premium",
    "claim_loss (auto)",
    "claim_loss (pending)",
    "propose",
    "vote",
    "execute",
];
pub const REFERENCE: &str = "cw20 transfer";
/// The store proposal of the reference contract.
pub const REFERENCE_CODE: &str = "cw20_ref";
/// The floor's execute, without and with funds (`scripts/gas-report/gas-floor`).
pub const FLOOR: &str = "floor execute";
pub const FLOOR_FUNDS: &str = "floor execute (funds)";
/// The store proposal of the floor.
pub const FLOOR_CODE: &str = "gas_floor";
/// The member actions measured (pinned) at each number of active members (issue 15 item 4).
pub const SCALED: [&str; 3] = ["member_deposit", "report_exposure (1 markets)", "claim_loss (auto)"];
/// The numbers of active members the scaled actions are measured at.
pub const SCALE_MEMBERS: [u32; 3] = [1, 16, 48];

/// The name a scaled action is recorded under: `member_deposit @16 members`. Such names sort
/// after [`ACTIONS`] in the report, by action then by number.
pub fn scaled(action: &str, members: u32) -> String {
    format!("{action} @{members} members")
}

/// The KV figures of one vault action in cosmwasm-vm (tests/vm-gas writes them).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Kv {
    /// `db_read` calls plus iterator steps.
    pub reads: u64,
    pub writes: u64,
    pub deletes: u64,
    /// Key + value bytes of the writes.
    pub bytes_written: u64,
}

/// `target/e2e/vault-kv.json`, written by tests/vm-gas (scripts/vm-gas.sh): the KV figures of
/// the bench's vault actions, run in cosmwasm-vm on the artifact with this checksum.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KvFile {
    pub checksum: String,
    pub actions: Ordered<Kv>,
}

/// What the markdown report adds to the figures: the KV figures (when their checksum is the
/// deployed vault's) and the actions sent with funds (measured from the funded floor).
#[derive(Debug, Default)]
pub struct Extras {
    pub kv: Option<KvFile>,
    pub funded: Vec<String>,
}

/// A JSON object whose keys keep their order (the report's order, or the file's).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Ordered<V>(pub Vec<(String, V)>);

impl<V> Ordered<V> {
    pub fn get(&self, k: &str) -> Option<&V> {
        self.0.iter().find(|(n, _)| n == k).map(|(_, v)| v)
    }

    fn entry(&mut self, k: &str) -> &mut V
    where
        V: Default,
    {
        let i = match self.0.iter().position(|(n, _)| n == k) {
            Some(i) => i,
            None => {
                self.0.push((k.to_string(), V::default()));
                self.0.len() - 1
            }
        };
        &mut self.0[i].1
    }
}

impl<V: Serialize> Serialize for Ordered<V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for Ordered<V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V_<V>(std::marker::PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for V_<V> {
            type Value = Ordered<V>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Ordered<V>, A::Error> {
                let mut out = Vec::new();
                while let Some(e) = a.next_entry()? {
                    out.push(e);
                }
                Ok(Ordered(out))
            }
        }
        d.deserialize_map(V_(std::marker::PhantomData))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Gas {
    pub gas_used: u64,
}

/// An action's figures, unpinned and pinned.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Modes {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unpinned: Option<Gas>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pinned: Option<Gas>,
}

impl Modes {
    fn get(&self, pinned: bool) -> Option<u64> {
        if pinned { self.pinned } else { self.unpinned }.map(|g| g.gas_used)
    }
}

/// A report or baseline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub format: u32,
    pub injectived_version: Option<String>,
    pub block_max_gas: Option<u64>,
    pub actions: Ordered<Modes>,
    pub store_proposals: Ordered<Gas>,
}

/// The measured figures of one run.
#[derive(Default, Debug)]
pub struct Bench {
    actions: Ordered<Modes>,
    store: Ordered<Gas>,
    funded: Vec<String>,
}

impl Bench {
    pub fn record(&mut self, action: &str, pinned: bool, gas_used: u64) {
        let m = self.actions.entry(action);
        let g = Some(Gas { gas_used });
        if pinned {
            m.pinned = g
        } else {
            m.unpinned = g
        }
    }

    /// Marks `action` as sent with funds (its distance is taken from the funded floor).
    pub fn mark_funded(&mut self, action: &str) {
        if !self.funded.iter().any(|a| a == action) {
            self.funded.push(action.to_string());
        }
    }

    pub fn funded(&self) -> Vec<String> {
        self.funded.clone()
    }

    pub fn record_store(&mut self, artifact: &str, gas_used: u64) {
        *self.store.entry(artifact) = Gas { gas_used };
    }

    pub fn count(&self, pinned: bool) -> usize {
        self.actions.0.iter().filter(|(_, m)| m.get(pinned).is_some()).count()
    }

    /// The report: actions in [`ACTIONS`] order, then any others by name.
    pub fn report(&self, block_max_gas: Option<u64>, injectived_version: Option<String>) -> Report {
        let mut names: Vec<&str> = ACTIONS.iter().copied().filter(|a| self.actions.get(a).is_some()).collect();
        let mut rest: Vec<&str> =
            self.actions.0.iter().map(|(n, _)| n.as_str()).filter(|n| !ACTIONS.contains(n)).collect();
        rest.sort();
        names.extend(rest);
        let actions =
            Ordered(names.iter().map(|n| (n.to_string(), self.actions.get(n).cloned().unwrap_or_default())).collect());
        Report { format: FORMAT, injectived_version, block_max_gas, actions, store_proposals: self.store.clone() }
    }
}

/// `1234567` → `1,234,567`.
pub fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn ratio(a: u64, b: u64) -> f64 {
    a as f64 / b as f64
}

/// A figure's distance above a base, signed: `+12,345`, `-678`.
fn above(g: u64, base: u64) -> String {
    if g >= base {
        format!("+{}", thousands(g - base))
    } else {
        format!("-{}", thousands(base - g))
    }
}

/// The gas tables of the markdown report (gas-report.md): every action unpinned and pinned
/// with its ratio to the cw20 transfer of the same mode, its pinned distance above the floor
/// (the funded floor for an action sent with funds) and its KV figures (vault actions, from
/// cosmwasm-vm); the member-scaling table; the store proposals.
pub fn markdown(r: &Report, x: &Extras) -> String {
    let reference = r.actions.get(REFERENCE);
    let scaled_names: Vec<String> =
        SCALED.iter().flat_map(|a| SCALE_MEMBERS.iter().map(move |n| scaled(a, *n))).collect();
    let kv = x.kv.as_ref();
    let mut lines = vec![
        String::new(),
        "| action | gas (unpinned) | × cw20 transfer | gas (pinned) | × cw20 transfer | above the floor (pinned) | KV reads | KV writes / deletes | bytes written |".to_string(),
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|".to_string(),
    ];
    for (action, per) in r.actions.0.iter().filter(|(a, _)| !scaled_names.contains(a)) {
        let mut cells = Vec::new();
        for pinned in [false, true] {
            let g = per.get(pinned).filter(|g| *g > 0);
            let base = reference.and_then(|m| m.get(pinned)).filter(|g| *g > 0);
            cells.push(g.map_or("—".into(), thousands));
            cells.push(match (g, base) {
                (Some(g), Some(b)) => format!("{:.2}", ratio(g, b)),
                _ => "—".into(),
            });
        }
        let floor = if x.funded.contains(action) { FLOOR_FUNDS } else { FLOOR };
        let f = r.actions.get(floor).and_then(|m| m.get(true)).filter(|g| *g > 0);
        cells.push(match (per.get(true), f) {
            (Some(g), Some(f)) if action != FLOOR && action != FLOOR_FUNDS => above(g, f),
            _ => "—".into(),
        });
        match kv.and_then(|k| k.actions.get(action)) {
            Some(k) => {
                cells.push(k.reads.to_string());
                cells.push(format!("{} / {}", k.writes, k.deletes));
                cells.push(thousands(k.bytes_written));
            }
            None => cells.extend(["—".to_string(), "—".to_string(), "—".to_string()]),
        }
        lines.push(format!("| {action} | {} |", cells.join(" | ")));
    }
    lines.push(String::new());
    lines.push(match kv {
        Some(k) => format!(
            "KV figures: the vault's own storage calls in cosmwasm-vm 2.2.10 (tests/vm-gas, exact counts of \
             db_read + iterator steps, db_write / db_remove and the key + value bytes written), pool_vault.wasm {}",
            &k.checksum[..k.checksum.len().min(12)]
        ),
        None => "KV figures: none for this vault artifact (scripts/vm-gas.sh writes target/e2e/vault-kv.json)".into(),
    });
    if r.actions.0.iter().any(|(a, _)| scaled_names.contains(a)) {
        lines.push(String::new());
        let head: Vec<String> = SCALE_MEMBERS.iter().map(|n| format!("{n} members")).collect();
        let (first, last) = (SCALE_MEMBERS[0], SCALE_MEMBERS[SCALE_MEMBERS.len() - 1]);
        lines.push(format!("| action (pinned) | {} | {last}/{first} |", head.join(" | ")));
        lines.push(format!("|---|{}---:|", "---:|".repeat(SCALE_MEMBERS.len())));
        for a in SCALED {
            let g: Vec<Option<u64>> = SCALE_MEMBERS
                .iter()
                .map(|n| r.actions.get(&scaled(a, *n)).and_then(|m| m.get(true)).filter(|g| *g > 0))
                .collect();
            let cells: Vec<String> = g.iter().map(|v| v.map_or("—".into(), thousands)).collect();
            let q = match (g[0], g[g.len() - 1]) {
                (Some(f), Some(l)) => format!("{:.2}", ratio(l, f)),
                _ => "—".into(),
            };
            lines.push(format!("| {a} | {} | {q} |", cells.join(" | ")));
        }
    }
    lines.push(String::new());
    lines.push(
        r.block_max_gas
            .filter(|g| *g > 0)
            .map_or(String::new(), |g| format!("Block gas limit of this chain: {}", thousands(g))),
    );
    lines.push("(injectived init's default is 10,000,000; chain-e2e raises it so the store proposals fit)".into());
    lines.push(String::new());
    lines.push("| store proposal (submit tx) | gas_used | / default 10M block limit |".into());
    lines.push("|---|---:|---:|".into());
    for (k, v) in &r.store_proposals.0 {
        let label = match k.as_str() {
            REFERENCE_CODE => format!("{k} (reference)"),
            FLOOR_CODE => format!("{k} (floor)"),
            _ => k.clone(),
        };
        lines.push(format!("| {label} | {} | {:.2} |", thousands(v.gas_used), ratio(v.gas_used, 10_000_000)));
    }
    lines.join("\n")
}

/// The KV file if it is there, reads, and names `checksum` (the deployed vault's); else why not.
pub fn read_kv(path: &Path, checksum: Option<&str>) -> std::result::Result<KvFile, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let k: KvFile = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    match checksum {
        Some(c) if c.eq_ignore_ascii_case(&k.checksum) => Ok(k),
        Some(c) => Err(format!("{}: for pool_vault.wasm {}, not the deployed {c}", path.display(), k.checksum)),
        None => Err("no checksum of the deployed pool_vault.wasm".into()),
    }
}

/// The figures of a report: (label, gas_used), actions first, then store proposals.
fn figures(r: &Report) -> Vec<(String, u64)> {
    let mut out = Vec::new();
    for (a, per) in &r.actions.0 {
        for (mode, pinned) in [("unpinned", false), ("pinned", true)] {
            if let Some(g) = per.get(pinned) {
                out.push((format!("{a} ({mode})"), g));
            }
        }
    }
    for (k, v) in &r.store_proposals.0 {
        out.push((format!("store proposal {k}"), v.gas_used));
    }
    out
}

/// One figure against the baseline: label, baseline, measured.
#[derive(Debug, PartialEq, Eq)]
pub struct Row {
    pub label: String,
    pub baseline: u64,
    pub measured: u64,
}

/// The comparison: figures above baseline × (1 + tolerance), those below baseline ×
/// (1 − tolerance), and figures one side has and the other lacks.
#[derive(Debug, Default)]
pub struct Comparison {
    pub offenders: Vec<Row>,
    pub improvements: Vec<Row>,
    pub missing: Vec<String>,
}

pub fn compare(baseline: &Report, measured: &Report, tolerance_pct: u64) -> Comparison {
    let (b, m) = (figures(baseline), figures(measured));
    let find = |v: &[(String, u64)], k: &str| v.iter().find(|(l, _)| l == k).map(|(_, g)| *g);
    let mut c = Comparison::default();
    for (label, bg) in &b {
        match find(&m, label) {
            None => c.missing.push(format!("{label}: in the baseline, not measured")),
            Some(mg) => {
                let row = Row { label: label.clone(), baseline: *bg, measured: mg };
                // Exact in integers: measured > baseline · (100 + t) / 100.
                if u128::from(mg) * 100 > u128::from(*bg) * u128::from(100 + tolerance_pct) {
                    c.offenders.push(row);
                } else if u128::from(mg) * 100 < u128::from(*bg) * u128::from(100 - tolerance_pct) {
                    c.improvements.push(row);
                }
            }
        }
    }
    for (label, mg) in &m {
        if find(&b, label).is_none() {
            c.missing.push(format!("{label}: measured ({}), not in the baseline", thousands(*mg)));
        }
    }
    c
}

pub fn table(rows: &[Row]) -> String {
    let mut lines = vec!["| action | baseline | measured | +% |".to_string(), "|---|---:|---:|---:|".to_string()];
    for r in rows {
        let d = if r.baseline == 0 { f64::INFINITY } else { ratio(r.measured, r.baseline) - 1.0 };
        lines.push(format!(
            "| {} | {} | {} | {:+.1} % |",
            r.label,
            thousands(r.baseline),
            thousands(r.measured),
            d * 100.0
        ));
    }
    lines.join("\n")
}

/// `GAS_BASELINE_UPDATE=1`, and nothing else, asks for a new baseline.
pub fn update_requested(var: Option<&str>) -> bool {
    var == Some("1")
}

pub fn read(path: &Path) -> Result<Report> {
    let text = std::fs::read_to_string(path).with_context(|| path.display().to_string())?;
    serde_json::from_str(&text).with_context(|| format!("{}: not a gas report", path.display()))
}

/// Writes a report as the committed files are written: one-space indent, a final newline.
pub fn write(path: &Path, r: &Report) -> Result<()> {
    let mut out = Vec::new();
    r.serialize(&mut serde_json::Serializer::with_formatter(
        &mut out,
        serde_json::ser::PrettyFormatter::with_indent(b" "),
    ))?;
    out.push(b'\n');
    std::fs::write(path, out).with_context(|| path.display().to_string())
}

/// Compares `measured` with the baseline file; `Ok(true)` when the run passes. `update` writes
/// `measured` as the baseline (and passes). `out` receives the messages.
pub fn check(measured: &Report, baseline_path: &Path, update: bool, out: &mut dyn FnMut(&str)) -> Result<bool> {
    let rel = baseline_path.display();
    let n = figures(measured).len();
    let c = if baseline_path.exists() {
        let baseline = read(baseline_path)?;
        if baseline.injectived_version != measured.injectived_version {
            out(&format!(
                "note: injectived_version {:?} here, {:?} in the baseline",
                measured.injectived_version, baseline.injectived_version
            ));
        }
        if baseline.block_max_gas != measured.block_max_gas {
            out(&format!(
                "note: block_max_gas {:?} here, {:?} in the baseline",
                measured.block_max_gas, baseline.block_max_gas
            ));
        }
        compare(&baseline, measured, TOLERANCE_PCT)
    } else {
        Comparison { missing: vec![format!("no baseline at {rel}")], ..Comparison::default() }
    };
    if update {
        write(baseline_path, measured)?;
        out(&format!(
            "GAS_BASELINE_UPDATE=1: wrote the measured figures to {rel} ({n} figures); commit it with the change that moved them"
        ));
        if !c.offenders.is_empty() {
            out(&format!("these were above the old baseline (now the new one):\n{}", table(&c.offenders)));
        }
        return Ok(true);
    }
    let t = TOLERANCE_PCT;
    if !c.improvements.is_empty() {
        out(&format!(
            "hint: {} figure(s) more than {t}% below the baseline; lower it deliberately \
             (GAS_BASELINE_UPDATE=1 scripts/e2e.sh, commit the file):\n{}",
            c.improvements.len(),
            table(&c.improvements)
        ));
    }
    if !c.offenders.is_empty() {
        out(&format!(
            "GAS REGRESSION: {} figure(s) more than {t}% above {rel}:\n{}",
            c.offenders.len(),
            table(&c.offenders)
        ));
    }
    if !c.missing.is_empty() {
        let lines: Vec<String> = c.missing.iter().map(|s| format!("  {s}")).collect();
        out(&format!("gas baseline does not match the measured set:\n{}", lines.join("\n")));
    }
    let ok = c.offenders.is_empty() && c.missing.is_empty();
    if ok {
        out(&format!("gas within {t}% of {rel}: {n} figures checked"));
    } else {
        out("if the rise is intended, write a new baseline (GAS_BASELINE_UPDATE=1 scripts/e2e.sh) and commit it with the change that moves it");
    }
    Ok(ok)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn report(actions: &[(&str, bool, u64)], store: &[(&str, u64)]) -> Report {
        let mut b = Bench::default();
        for (a, pinned, g) in actions {
            b.record(a, *pinned, *g);
        }
        for (k, g) in store {
            b.record_store(k, *g);
        }
        b.report(Some(120_000_000), Some("v1.20.1 (eef179e)".into()))
    }

    const BASE: [(&str, bool, u64); 4] = [
        ("deposit", false, 200_000),
        ("deposit", true, 100_000),
        ("cw20 transfer", false, 161_000),
        ("cw20 transfer", true, 161_000),
    ];
    const STORE: [(&str, u64); 1] = [("pool_vault", 40_000_000)];

    fn with(changes: &[(&str, bool, u64)]) -> Vec<(&'static str, bool, u64)> {
        let mut m = BASE.to_vec();
        for (a, p, g) in changes {
            match m.iter_mut().find(|(x, y, _)| x == a && y == p) {
                Some(e) => e.2 = *g,
                None => panic!("no {a}"),
            }
        }
        m
    }

    /// A scratch file path for one test.
    fn scratch(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("chain-e2e-gas-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d.join("gas-baseline.json")
    }

    /// (passed, the messages, the baseline file afterwards).
    fn run_check(
        measured: &Report,
        baseline: Option<&Report>,
        update: bool,
        name: &str,
    ) -> (bool, String, Option<Report>) {
        let path = scratch(name);
        if let Some(b) = baseline {
            write(&path, b).unwrap();
        }
        let mut lines = Vec::new();
        let ok = check(measured, &path, update, &mut |s| lines.push(s.to_string())).unwrap();
        let written = path.exists().then(|| read(&path).unwrap());
        let _ = std::fs::remove_dir_all(path.parent().unwrap());
        (ok, lines.join("\n"), written)
    }

    #[test]
    fn the_report_shape_and_order() {
        let r = report(&BASE, &STORE);
        let v = serde_json::to_value(&r).unwrap();
        assert_eq!(
            v["actions"]["deposit"],
            serde_json::json!({"unpinned": {"gas_used": 200_000}, "pinned": {"gas_used": 100_000}})
        );
        assert_eq!(v["store_proposals"], serde_json::json!({"pool_vault": {"gas_used": 40_000_000}}));
        assert_eq!(
            (v["block_max_gas"].as_u64(), v["injectived_version"].as_str()),
            (Some(120_000_000), Some("v1.20.1 (eef179e)"))
        );
        // Report order, not recording order; an action outside the list goes last.
        let names: Vec<&str> = r.actions.0.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["cw20 transfer", "deposit"]);
        let r = report(&[("zeta", true, 1), ("deposit", true, 2)], &[]);
        assert_eq!(r.actions.0.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(), ["deposit", "zeta"]);
    }

    #[test]
    fn the_committed_baseline_reads_and_writes_back_byte_for_byte() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../chain/gas-baseline.json");
        let text = std::fs::read_to_string(&path).unwrap();
        let r = read(&path).unwrap();
        assert_eq!(r.actions.0.len(), ACTIONS.len() + SCALED.len() * SCALE_MEMBERS.len());
        let out = scratch("roundtrip");
        write(&out, &r).unwrap();
        assert_eq!(std::fs::read_to_string(&out).unwrap(), text);
        let _ = std::fs::remove_dir_all(out.parent().unwrap());
    }

    #[test]
    fn within_five_percent_passes() {
        let m = with(&[("deposit", true, 105_000)]); // exactly +5 %
        let (ok, out, _) = run_check(&report(&m, &STORE), Some(&report(&BASE, &STORE)), false, "within");
        assert!(ok, "{out}");
        assert!(out.contains("gas within 5% of"), "{out}");
    }

    #[test]
    fn a_rise_fails_with_the_offenders() {
        let m = with(&[("deposit", true, 105_001)]);
        let base = report(&BASE, &STORE);
        let (ok, out, written) = run_check(&report(&m, &[("pool_vault", 42_000_001)]), Some(&base), false, "rise");
        assert!(!ok);
        assert!(out.contains("| deposit (pinned) | 100,000 | 105,001 | +5.0 % |"), "{out}");
        assert!(out.contains("| store proposal pool_vault | 40,000,000 | 42,000,001 | +5.0 % |"), "{out}");
        assert!(!out.contains("deposit (unpinned)"), "{out}");
        assert_eq!(written, Some(base)); // the baseline is left alone
    }

    #[test]
    fn an_improvement_is_a_hint() {
        let m = with(&[("deposit", false, 189_000)]);
        let (ok, out, _) = run_check(&report(&m, &STORE), Some(&report(&BASE, &STORE)), false, "hint");
        assert!(ok, "{out}");
        assert!(out.contains("hint"), "{out}");
        assert!(out.contains("| deposit (unpinned) | 200,000 | 189,000 | -5.5 % |"), "{out}");
    }

    #[test]
    fn a_missing_or_new_figure_fails() {
        let mut m: Vec<_> = BASE.iter().copied().filter(|(a, p, _)| !(*a == "deposit" && *p)).collect();
        m.push(("vote", true, 1));
        let (ok, out, _) = run_check(&report(&m, &STORE), Some(&report(&BASE, &STORE)), false, "missing");
        assert!(!ok);
        assert!(out.contains("deposit (pinned): in the baseline, not measured"), "{out}");
        assert!(out.contains("vote (pinned): measured (1), not in the baseline"), "{out}");
    }

    #[test]
    fn no_baseline_fails() {
        let (ok, out, written) = run_check(&report(&BASE, &STORE), None, false, "none");
        assert!(!ok);
        assert!(out.contains("no baseline at"), "{out}");
        assert_eq!(written, None);
    }

    #[test]
    fn update_writes_the_measured_figures() {
        let m = report(&with(&[("deposit", true, 200_000)]), &STORE);
        let (ok, out, written) = run_check(&m, Some(&report(&BASE, &STORE)), true, "update");
        assert!(ok);
        assert_eq!(written, Some(m));
        assert!(out.contains("GAS_BASELINE_UPDATE=1: wrote"), "{out}");
        assert!(out.contains("| deposit (pinned) | 100,000 | 200,000 | +100.0 % |"), "{out}");
    }

    #[test]
    fn update_is_off_unless_asked() {
        assert!(update_requested(Some("1")));
        for v in [None, Some(""), Some("0"), Some("true"), Some("yes")] {
            assert!(!update_requested(v), "{v:?}");
        }
        let base = report(&BASE, &STORE);
        let (ok, _, written) =
            run_check(&report(&with(&[("deposit", true, 200_000)]), &STORE), Some(&base), false, "off");
        assert!(!ok);
        assert_eq!(written, Some(base));
    }

    #[test]
    fn markdown_tables() {
        let md = markdown(&report(&BASE, &[("pool_vault", 41_148_343), ("cw20_ref", 21_525_690)]), &Extras::default());
        assert!(md.contains("| cw20 transfer | 161,000 | 1.00 | 161,000 | 1.00 | — | — | — | — |"), "{md}");
        assert!(md.contains("| deposit | 200,000 | 1.24 | 100,000 | 0.62 | — | — | — | — |"), "{md}");
        assert!(!md.contains("members |"), "no scaling table without its figures: {md}");
        assert!(md.contains("Block gas limit of this chain: 120,000,000"), "{md}");
        assert!(md.contains("| pool_vault | 41,148,343 | 4.11 |"), "{md}");
        assert!(md.contains("| cw20_ref (reference) | 21,525,690 | 2.15 |"), "{md}");
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
    }

    #[test]
    fn markdown_floor_distance_kv_and_scaling() {
        let mut rows = BASE.to_vec();
        rows.extend([(FLOOR, true, 80_000), (FLOOR_FUNDS, true, 90_000), ("vote", true, 70_000)]);
        let names: Vec<(String, u64)> = SCALED
            .iter()
            .zip([100_000u64, 200_000, 300_000])
            .flat_map(|(a, g)| SCALE_MEMBERS.iter().zip(1u64..).map(move |(n, k)| (scaled(a, *n), g + k * 1_000)))
            .collect();
        let mut b = Bench::default();
        for (a, p, g) in &rows {
            b.record(a, *p, *g);
        }
        for (a, g) in &names {
            b.record(a, true, *g);
        }
        b.mark_funded("deposit");
        b.mark_funded("deposit");
        let kv = KvFile {
            checksum: "ABCDEF0123456789".into(),
            actions: Ordered(vec![("deposit".into(), Kv { reads: 14, writes: 6, deletes: 1, bytes_written: 1_234 })]),
        };
        let md = markdown(&b.report(None, None), &Extras { kv: Some(kv), funded: b.funded() });
        // Funded: above the funded floor; KV beside it.
        assert!(md.contains("| deposit | 200,000 | 1.24 | 100,000 | 0.62 | +10,000 | 14 | 6 / 1 | 1,234 |"), "{md}");
        // Unfunded, below the floor: a signed distance; no KV figures.
        assert!(md.contains("| vote | — | — | 70,000 | 0.43 | -10,000 | — | — | — |"), "{md}");
        assert!(md.contains("| floor execute | — | — | 80,000 | 0.50 | — |"), "{md}");
        assert!(md.contains("pool_vault.wasm ABCDEF012345"), "{md}");
        assert!(md.contains("| action (pinned) | 1 members | 16 members | 48 members | 48/1 |"), "{md}");
        assert!(md.contains("| member_deposit | 101,000 | 102,000 | 103,000 | 1.02 |"), "{md}");
        assert!(md.contains("| claim_loss (auto) | 301,000 | 302,000 | 303,000 | 1.01 |"), "{md}");
        // The scaled rows are in the scaling table only.
        assert!(!md.contains("| member_deposit @1 members |"), "{md}");
        assert_eq!(
            b.report(None, None).actions.0.last().map(|(n, _)| n.as_str()),
            Some("report_exposure (1 markets) @48 members")
        );
    }

    #[test]
    fn kv_file_only_for_the_deployed_checksum() {
        let d = scratch("kv").with_file_name("vault-kv.json");
        let k = KvFile { checksum: "abc".into(), actions: Ordered(vec![("deposit".into(), Kv::default())]) };
        std::fs::write(&d, serde_json::to_string(&k).unwrap()).unwrap();
        assert_eq!(read_kv(&d, Some("ABC")), Ok(k));
        assert!(read_kv(&d, Some("abd")).unwrap_err().contains("not the deployed abd"));
        assert!(read_kv(&d, None).is_err());
        let _ = std::fs::remove_dir_all(d.parent().unwrap());
        assert!(read_kv(&d, Some("abc")).is_err());
    }
}
