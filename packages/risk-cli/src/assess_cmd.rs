//! `risk assess`: arguments, files, and the answer on stdout (the work is `risk_cli::assess`).

use std::ffi::OsString;
use std::io::Write;

use risk_cli::assess::{parse_exposures, parse_rounds, parse_state, run, Query, RunError, State};

fn read(path: &str) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))
}

/// Parses `args` (after `assess`), runs the query, prints the answer bytes and a newline.
pub fn main(args: impl IntoIterator<Item = OsString>, help: &str) -> Result<(), String> {
    use lexopt::prelude::*;
    let mut p = lexopt::Parser::from_args(args);
    let (mut config, mut exposures, mut rounds, mut time, mut query) = (None, None, None, None, Query::Assess);
    let mut instantiated_at = None;
    let err = |e: lexopt::Error| e.to_string();
    let value = |p: &mut lexopt::Parser| -> Result<String, String> {
        p.value().map_err(err)?.into_string().map_err(|_| "argument is not UTF-8".to_string())
    };
    while let Some(arg) = p.next().map_err(err)? {
        match arg {
            Short('h') | Long("help") => {
                print!("{help}");
                return Ok(());
            }
            Long("config") => config = Some(value(&mut p)?),
            Long("exposures") => exposures = Some(value(&mut p)?),
            Long("rounds") => rounds = Some(value(&mut p)?),
            Long("time") => {
                let v = value(&mut p)?;
                time = Some(v.parse::<u64>().map_err(|_| format!("--time: `{v}` is not unix seconds"))?);
            }
            Long("instantiated-at") => {
                let v = value(&mut p)?;
                instantiated_at =
                    Some(v.parse::<u64>().map_err(|_| format!("--instantiated-at: `{v}` is not unix seconds"))?);
            }
            Long("query") => {
                let v = value(&mut p)?;
                query = Query::parse(&v)
                    .ok_or_else(|| format!("--query: `{v}` is not assess, requirement or claim_limit"))?;
            }
            other => return Err(other.unexpected().to_string()),
        }
    }
    let config = config.ok_or("--config ORACLE.json is required (a contract-state dump or an instantiate message)")?;
    let exposures = exposures.ok_or("--exposures EXPOSURES.json is required")?;
    let mut state = parse_state(&read(&config)?).map_err(|e| format!("{config}: {e}"))?;
    match (&mut state, instantiated_at) {
        (State::Instantiate { at, .. }, t @ Some(_)) => *at = t,
        (State::Dump(_), Some(_)) => {
            return Err(format!("{config}: --instantiated-at is for an instantiate message, this is a dump"))
        }
        _ => {}
    }
    let book = parse_exposures(&read(&exposures)?).map_err(|e| format!("{exposures}: {e}"))?;
    let replay = match &rounds {
        Some(path) => parse_rounds(&read(path)?).map_err(|e| format!("{path}: {e}"))?,
        None => vec![],
    };
    let answer = run(&state, &replay, &book, time, query).map_err(|e| match &e {
        RunError::State(_) => format!("{config}: {e}"),
        RunError::Round { .. } => format!("{}: {e}", rounds.as_deref().unwrap_or("--rounds")),
        RunError::Time(_) => format!("{config}: {e}"),
        RunError::Query { .. } => format!("{exposures} on {config}: {e}"),
    })?;
    for n in &answer.notes {
        eprintln!("risk: note: {n}");
    }
    let mut out = std::io::stdout().lock();
    out.write_all(&answer.bytes).and_then(|()| out.write_all(b"\n")).map_err(|e| format!("stdout: {e}"))
}
