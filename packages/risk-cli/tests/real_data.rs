//! `risk backtest` on real daily series (S&P 500, WTI crude, NASDAQ), fetched at test time by
//! scripts/backtest/fetch_data.py out of the pinned `arch` wheel (not committed), against the
//! independent float computation of scripts/backtest/reference.py.
//!
//! The data directory is `RISK_BACKTEST_DATA` when set (scripts/test.sh fetches it there first),
//! else fetched into this test's temporary directory. If it cannot be fetched the test prints
//! why and passes — unless `RISK_BACKTEST_REQUIRED=1` (CI), when that is a failure.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn data_dir() -> Option<PathBuf> {
    let required = std::env::var("RISK_BACKTEST_REQUIRED").is_ok_and(|v| v == "1");
    let dir = std::env::var_os("RISK_BACKTEST_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_TARGET_TMPDIR")).join("backtest-data"));
    if ["sp500", "wti", "nasdaq"].iter().all(|s| dir.join(format!("{s}.csv")).exists()) {
        return Some(dir);
    }
    let out = Command::new("python3").arg(root().join("scripts/backtest/fetch_data.py")).arg(&dir).output();
    match out {
        Ok(o) if o.status.success() => Some(dir),
        other => {
            let why = match other {
                Ok(o) => String::from_utf8_lossy(&o.stderr).into_owned(),
                Err(e) => format!("cannot run python3: {e}"),
            };
            assert!(!required, "RISK_BACKTEST_REQUIRED=1 but the data could not be fetched: {why}");
            println!("SKIPPED: the real price series could not be fetched: {why}");
            None
        }
    }
}

fn risk(args: &[&str]) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_risk")).args(args).arg("--json").output().unwrap();
    assert!(out.status.success(), "risk {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn reference(file: &Path, method: &str, window: &str, lambda: &str) -> Value {
    let out = Command::new("python3")
        .arg(root().join("scripts/backtest/reference.py"))
        .arg(file)
        .args(["--method", method, "--window", window, "--lambda", lambda])
        .output()
        .unwrap();
    assert!(out.status.success(), "reference.py: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The integer backtest's breach counts equal the independent float computation's, for every
/// method, on all three series; its statistics agree to 1e-9 and its zone is the same.
#[test]
fn breach_counts_equal_the_independent_reference() {
    let Some(dir) = data_dir() else { return };
    let cases = [
        ("sp500", "historical", "250", "0.94", 67),
        ("sp500", "parametric", "250", "0.94", 112),
        ("wti", "historical", "250", "0.94", 123),
        ("wti", "parametric", "250", "0.94", 149),
        ("sp500", "filtered_historical", "500", "0.92", 48),
        ("wti", "filtered_historical", "500", "0.92", 70),
        ("nasdaq", "filtered_historical", "500", "0.92", 50),
        ("sp500", "filtered_historical", "250", "0.94", 64),
    ];
    for (series, method, window, lambda, issue_figure) in cases {
        let file = dir.join(format!("{series}.csv"));
        let f = file.to_str().unwrap();
        // --lambda switches parametric to the EWMA volatility: only the filtered method gets it.
        let mut args = vec!["backtest", "--prices", f, "--method", method, "--window", window];
        if method == "filtered_historical" {
            args.extend(["--lambda", lambda]);
        }
        let got = risk(&args);
        let want = reference(&file, method, window, lambda);
        println!(
            "{series} {method} W={window} λ={lambda}: {} / {} breaches (reference {}), Kupiec p {:.4}, Christoffersen p {:.4}, zone {}",
            got["breaches"], got["observations"], want["breaches"], got["kupiec_p"], got["christoffersen_p"], got["zone"]
        );
        assert_eq!(got["observations"], want["observations"], "{series} {method}");
        assert_eq!(got["breaches"], want["breaches"], "{series} {method}: integer path vs float reference");
        assert_eq!(got["zone"], want["zone"], "{series} {method}");
        for k in ["kupiec_lr", "kupiec_p", "christoffersen_lr", "christoffersen_p"] {
            let (a, b) = (got[k].as_f64().unwrap(), want[k].as_f64().unwrap());
            assert!((a - b).abs() <= 1e-9 * b.abs().max(1.0), "{series} {method} {k}: {a} vs {b}");
        }
        // The figures the issue and the README quote (a moved number is changed behaviour).
        assert_eq!(got["breaches"], issue_figure, "{series} {method} W={window}");
    }
}

/// The goal (issue 14): filtered historical, 500 rounds, λ = 0.92, passes Kupiec and
/// Christoffersen at 95 % on the tuning series and on the held-out NASDAQ; plain historical
/// at 250 rounds fails Kupiec on both tuning series.
#[test]
fn filtered_historical_passes_where_historical_fails() {
    let Some(dir) = data_dir() else { return };
    for series in ["sp500", "wti", "nasdaq"] {
        let f = dir.join(format!("{series}.csv"));
        let f = f.to_str().unwrap();
        let fh = risk(&[
            "backtest",
            "--prices",
            f,
            "--method",
            "filtered_historical",
            "--window",
            "500",
            "--lambda",
            "0.92",
        ]);
        assert!(
            fh["kupiec_p"].as_f64().unwrap() > 0.05 && fh["christoffersen_p"].as_f64().unwrap() > 0.05,
            "{series}: {fh}"
        );
        assert_eq!(fh["zone"], "green", "{series}");
        if series != "nasdaq" {
            let h = risk(&["backtest", "--prices", f, "--method", "historical", "--window", "250"]);
            assert!(h["kupiec_p"].as_f64().unwrap() < 0.05, "{series}: {h}");
        }
    }
}

/// The chart is written as SVG (with its title) and PNG; a bad row is an error naming its line.
#[test]
fn plots_and_bad_rows() {
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    // A small synthetic series: a calm stretch, then a volatile one (breaches happen).
    let mut csv = String::from("date,price,volume\n");
    let mut p = 100.0f64;
    let mut state = 7u64;
    for i in 0..400 {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let u = (state >> 11) as f64 / (1u64 << 53) as f64 - 0.5;
        p *= 1.0 + u * if i < 250 { 0.01 } else { 0.06 };
        csv.push_str(&format!("2020-{:03},{p:.6},1\n", i));
    }
    let file = tmp.join("synthetic.csv");
    std::fs::write(&file, &csv).unwrap();
    let (svg, png) = (tmp.join("chart.svg"), tmp.join("chart.png"));
    let r = risk(&[
        "backtest",
        "--prices",
        file.to_str().unwrap(),
        "--method",
        "historical",
        "--window",
        "100",
        "--plot",
        svg.to_str().unwrap(),
        "--plot",
        png.to_str().unwrap(),
    ]);
    assert!(r["breaches"].as_u64().unwrap() > 0, "{r}");
    let s = std::fs::read_to_string(&svg).unwrap();
    assert!(s.starts_with("<svg") && s.contains("breaches in 299 rounds"), "{}", &s[..200.min(s.len())]);
    assert_eq!(&std::fs::read(&png).unwrap()[..8], b"\x89PNG\r\n\x1a\n");

    std::fs::write(&file, "date,price\n2020-01-01,100\n2020-01-02,1O1\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_risk"))
        .args(["backtest", "--prices", file.to_str().unwrap(), "--method", "historical"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("line 3: price `1O1` is not a plain decimal number"), "{err}");
    // An unknown method is refused by name.
    let out = Command::new(env!("CARGO_BIN_EXE_risk"))
        .args(["backtest", "--prices", file.to_str().unwrap(), "--method", "nonsense"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not parametric, historical or filtered_historical"));
}
