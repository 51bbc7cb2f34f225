//! `risk`: replays the risk oracle's integer math off-chain. `risk backtest` backtests a VaR
//! model on a price series; `risk assess` prints the oracle's own answer for a given state
//! (see `HELP`).

#![deny(clippy::as_conversions)]

mod assess_cmd;
mod plot;
mod prices;
mod run;
mod stats;

use std::io::IsTerminal;
use std::process::ExitCode;

use risk_math::backtest::{zones, Backtest, Zone};
use serde_json::json;

use run::{Config, Method, Obs};

const HELP: &str = "\
risk — check the risk pool's model against history, with the oracle's own integer math.

USAGE
  risk backtest --prices FILE.csv --method METHOD [options]
  risk assess --config ORACLE.json --exposures EXPOSURES.json [options]

risk assess
  Prints what the on-chain risk oracle answers to `assess` for a book of exposures, byte for
  byte: the oracle's own contract code runs here, over a copy of its storage (not a
  re-implementation), so VaR, ES, required collateral, stress loss and claim limit are exactly
  the figures the chain would give at that block time.

  --config FILE            the oracle's state, either form (detected from the file):
                             a storage dump, every stored byte (price history, EWMA
                             volatilities, correlations, configuration):
                               injectived q wasm contract-state all <oracle> --limit 100000 \
                                   -o json > oracle.json
                               ({\"models\":[{\"key\":HEX,\"value\":BASE64}],...}; a dump
                               with pagination.next_key set is one page only: refused)
                             an oracle instantiate message (SPEC's JSON): a fresh oracle,
                               instantiated by its owner at --instantiated-at (default:
                               the first round's time, else --time)
  --exposures FILE         the book: SPEC's exposure list, [...] or {\"exposures\": [...]},
                           linear ({\"market\",\"notional\"}) and option legs ({\"option\": ...})
  --rounds FILE            optional price history to replay first: a list of
                             {\"time\": UNIX_SECS, \"feeder\": ADDR, \"prices\": [...]}
                           each a `set_prices` submission, oldest first, through the oracle's
                           own round rule (median of feeders, move clamp, EWMA, history)
  --time UNIX_SECS         block time of the query: staleness and option expiries are
                           measured from it (the answer's `as_of` is the oldest price update
                           among the book's markets); default: the newest price update
                           among the markets (after the rounds). Required for an
                           instantiate message without --rounds or --instantiated-at
  --instantiated-at SECS   block time of the instantiation (instantiate message only)
  --query NAME             assess (default) | requirement | claim_limit
  Output: the oracle's JSON answer and a newline on stdout; notes (e.g. a dump written by
  another oracle version) on stderr. Any refusal (unknown market, stale price, bad leg) is the
  oracle's own error, named with the file it concerns; exit code 2.

risk backtest
  Replays a price series round by round. Before each round it computes the one-round-ahead
  Value at Risk (and Expected Shortfall) of a unit position exactly as the on-chain oracle
  would, from the rounds before it only; then it checks whether the realised loss exceeded
  the VaR (a \"breach\"). A good 99 % model breaches on about 1 % of rounds, and its breaches
  do not cluster. The report tests both:
    Kupiec (POF)        is the breach rate right?             p > 0.05: not rejected
    Christoffersen      are breaches independent (no runs)?   p > 0.05: not rejected
    conditional cover.  both at once (chi-square, 2 d.f.)
    Basel zone          green / yellow / red for the breach count (exact binomial cut-offs
                        for this many rounds; 250 rounds: green 0-4, yellow 5-9, red 10+)
    ES Z2               Acerbi-Szekely test of the Expected Shortfall: about 0 is right,
                        below -0.70 the tail losses are larger than the ES (rejected at 5 %)

OPTIONS
  --prices FILE.csv        header with `date` and `price` columns (other columns ignored),
                           one row per round, oldest first
  --market NAME            label for the report (default: the file name)
  --method METHOD          parametric | historical | filtered_historical
                             parametric           normal VaR from the window's volatility
                                                  (from the EWMA volatility if --lambda is given)
                             historical           the window's (1-confidence) worst loss
                             filtered_historical  historical, each past return rescaled by
                                                  today's EWMA volatility / that day's
  --window N               rounds of history behind each VaR (default 250)
  --confidence-bps N       one-sided confidence in basis points (default 9900 = 99 %)
  --lambda X               EWMA decay (default 0.94 for filtered_historical; RiskMetrics)
  --vol-floor X            owner-set annual volatility floor under the EWMA (default none)
  --position long|short    the position tested (default long)
  --horizon-rows N         rows per VaR horizon (default 1; overlapping for N > 1)
  --json                   print one JSON object instead of the table
  --plot FILE              chart of losses against VaR, breaches marked: FILE.svg or FILE.png
                           (may be given twice)
  -h, --help               this text

EXAMPLE
  risk backtest --prices sp500.csv --method filtered_historical --window 500 --lambda 0.92 \\
       --plot sp500.svg
";

struct Args {
    prices: String,
    market: Option<String>,
    json: bool,
    plots: Vec<String>,
    cfg: Config,
}

fn parse_args() -> Result<Option<Args>, String> {
    use lexopt::prelude::*;
    let mut p = lexopt::Parser::from_env();
    let mut sub = None;
    let (mut prices, mut market, mut method, mut json, mut plots) = (None, None, None, false, vec![]);
    let (mut window, mut bps, mut lambda, mut floor, mut long, mut h) = (250usize, 9900u32, None, 0u128, true, 1usize);
    let err = |e: lexopt::Error| e.to_string();
    let value = |p: &mut lexopt::Parser| -> Result<String, String> {
        p.value().map_err(err)?.into_string().map_err(|_| "argument is not UTF-8".to_string())
    };
    while let Some(arg) = p.next().map_err(err)? {
        match arg {
            Short('h') | Long("help") => return Ok(None),
            Value(v) if sub.is_none() => sub = Some(v.into_string().map_err(|_| "command is not UTF-8")?),
            Long("prices") => prices = Some(value(&mut p)?),
            Long("market") => market = Some(value(&mut p)?),
            Long("method") => {
                method = Some(match value(&mut p)?.as_str() {
                    "parametric" => Method::Parametric,
                    "historical" => Method::Historical,
                    "filtered_historical" => Method::FilteredHistorical,
                    o => return Err(format!("--method: `{o}` is not parametric, historical or filtered_historical")),
                })
            }
            Long("window") => window = value(&mut p)?.parse().map_err(|_| "--window: not a whole number")?,
            Long("confidence-bps") => {
                bps = value(&mut p)?.parse().map_err(|_| "--confidence-bps: not a whole number (9900 = 99 %)")?
            }
            Long("lambda") => lambda = Some(run::atomics_of("--lambda", &value(&mut p)?)?),
            Long("vol-floor") => floor = run::atomics_of("--vol-floor", &value(&mut p)?)?,
            Long("position") => {
                long = match value(&mut p)?.as_str() {
                    "long" => true,
                    "short" => false,
                    o => return Err(format!("--position: `{o}` is not long or short")),
                }
            }
            Long("horizon-rows") => h = value(&mut p)?.parse().map_err(|_| "--horizon-rows: not a whole number")?,
            Long("json") => json = true,
            Long("plot") => plots.push(value(&mut p)?),
            other => return Err(other.unexpected().to_string()),
        }
    }
    match sub.as_deref() {
        Some("backtest") => {}
        Some(o) => return Err(format!("unknown command `{o}` (try `risk --help`)")),
        None => return Ok(None),
    }
    let prices = prices.ok_or("--prices FILE.csv is required")?;
    let method = method.ok_or("--method is required: parametric, historical or filtered_historical")?;
    if window == 0 {
        return Err("--window must be at least 1".into());
    }
    if h == 0 {
        return Err("--horizon-rows must be at least 1".into());
    }
    if method == Method::FilteredHistorical && lambda.is_none() {
        lambda = Some(940_000_000_000_000_000);
    }
    let cfg = Config {
        method,
        window,
        confidence_bps: bps,
        lambda_atomics: lambda,
        vol_floor_atomics: floor,
        long,
        horizon_rows: h,
    };
    Ok(Some(Args { prices, market, json, plots, cfg }))
}

fn report(a: &Args, rows: &[prices::Row], obs: &[Obs]) -> Result<serde_json::Value, String> {
    let cfg = &a.cfg;
    let tail_bps = 10_000 - cfg.confidence_bps;
    let p = f64::from(tail_bps) / 1e4;
    let hits: Vec<bool> = obs.iter().map(|o| o.breach).collect();
    let (n, x) = (obs.len(), hits.iter().filter(|h| **h).count());
    let (k_lr, k_p) = stats::kupiec(n, x, p);
    let (i_lr, i_p) = stats::christoffersen(&hits);
    let cc = k_lr + i_lr;
    let n32 = u32::try_from(n).map_err(|_| "too many rounds")?;
    let z = zones(n32, tail_bps).map_err(|e| format!("zone: {e}"))?;
    let x32 = u32::try_from(x).unwrap_or(u32::MAX);
    // The traffic light a desk would have seen day by day: breaches in the trailing 250.
    let mut days = [0usize; 3];
    let mut last = None;
    if let Ok(z250) = zones(250, tail_bps) {
        let mut bt = Backtest::new(z250);
        for (i, hit) in hits.iter().enumerate() {
            bt.push(*hit);
            if i + 1 >= 250 {
                let zi = match bt.zone() {
                    Zone::Green => 0,
                    Zone::Yellow => 1,
                    Zone::Red => 2,
                };
                days[zi] += 1;
                last = Some(bt.zone());
            }
        }
    }
    let unit = run::u128_f64(u128::try_from(run::NOTIONAL).unwrap_or(0));
    let es: Vec<f64> = obs.iter().map(|o| run::u128_f64(o.measure.es) / unit).collect();
    let losses: Vec<f64> = obs.iter().map(|o| o.loss).collect();
    let z2 = stats::acerbi_szekely_z2(&losses, &hits, &es, p);
    let mean_var = obs.iter().map(|o| run::u128_f64(o.measure.var) / unit).sum::<f64>() / stats::f(n.max(1));
    let market = a.market.clone().unwrap_or_else(|| {
        std::path::Path::new(&a.prices).file_stem().map_or(a.prices.clone(), |s| s.to_string_lossy().into_owned())
    });
    Ok(json!({
        "market": market,
        "method": cfg.method.name(),
        "window": cfg.window,
        "confidence_bps": cfg.confidence_bps,
        "lambda": run::lambda_q64(cfg.lambda_atomics.filter(|_| cfg.method != Method::Historical)),
        "position": if cfg.long { "long" } else { "short" },
        "horizon_rows": cfg.horizon_rows,
        "first_date": obs.first().map(|o| rows[o.at].date.clone()),
        "last_date": obs.last().map(|o| rows[o.at].date.clone()),
        "observations": n,
        "breaches": x,
        "expected_breaches": stats::f(n) * p,
        "breach_rate": stats::f(x) / stats::f(n.max(1)),
        "kupiec_lr": k_lr,
        "kupiec_p": k_p,
        "christoffersen_lr": i_lr,
        "christoffersen_p": i_p,
        "conditional_coverage_lr": cc,
        "conditional_coverage_p": stats::chi2_2_sf(cc),
        "zone": z.zone(x32).as_str(),
        "zone_yellow_from": z.yellow_from,
        "zone_red_from": z.red_from,
        "rolling_250_zone_days": {"green": days[0], "yellow": days[1], "red": days[2]},
        "last_250_zone": last.map(Zone::as_str),
        "es_z2": z2,
        "es_z2_rejected_5pct": z2 < stats::Z2_CRITICAL_5PCT,
        "mean_var": mean_var,
    }))
}

fn print_table(r: &serde_json::Value) {
    let g = |k: &str| r[k].clone();
    let num = |k: &str| r[k].as_f64().unwrap_or(f64::NAN);
    let verdict = |p: f64| if p > 0.05 { "pass" } else { "FAIL" };
    println!(
        "{} — {} VaR, window {}, {} bps, {} {}",
        g("market").as_str().unwrap_or(""),
        g("method").as_str().unwrap_or(""),
        g("window"),
        g("confidence_bps"),
        g("position").as_str().unwrap_or(""),
        if r["lambda"].is_null() { String::new() } else { format!("(λ {})", num("lambda")) }
    );
    println!(
        "  rounds tested        {} ({} .. {})",
        g("observations"),
        g("first_date").as_str().unwrap_or(""),
        g("last_date").as_str().unwrap_or("")
    );
    println!(
        "  breaches             {} (expected {:.1}), rate {:.3} %",
        g("breaches"),
        num("expected_breaches"),
        100.0 * num("breach_rate")
    );
    println!(
        "  Kupiec POF           LR {:>8.3}  p {:.4}  {}",
        num("kupiec_lr"),
        num("kupiec_p"),
        verdict(num("kupiec_p"))
    );
    println!(
        "  Christoffersen ind.  LR {:>8.3}  p {:.4}  {}",
        num("christoffersen_lr"),
        num("christoffersen_p"),
        verdict(num("christoffersen_p"))
    );
    println!(
        "  conditional coverage LR {:>8.3}  p {:.4}  {}",
        num("conditional_coverage_lr"),
        num("conditional_coverage_p"),
        verdict(num("conditional_coverage_p"))
    );
    println!(
        "  Basel zone           {} (yellow from {}, red from {} breaches)",
        g("zone").as_str().unwrap_or(""),
        g("zone_yellow_from"),
        g("zone_red_from")
    );
    let d = &r["rolling_250_zone_days"];
    println!("  trailing-250 light   green {} / yellow {} / red {} days", d["green"], d["yellow"], d["red"]);
    println!(
        "  ES (Acerbi-Szekely)  Z2 {:.3} {}",
        num("es_z2"),
        if r["es_z2_rejected_5pct"].as_bool() == Some(true) { "FAIL (< -0.70)" } else { "pass" }
    );
    println!("  mean VaR             {:.3} % of notional", 100.0 * num("mean_var"));
}

fn main_inner() -> Result<(), String> {
    if std::env::args_os().nth(1).is_some_and(|a| a == "assess") {
        return assess_cmd::main(std::env::args_os().skip(2), HELP);
    }
    let Some(a) = parse_args()? else {
        print!("{HELP}");
        return Ok(());
    };
    let text = std::fs::read_to_string(&a.prices).map_err(|e| format!("{}: {e}", a.prices))?;
    let rows = prices::parse(&text).map_err(|e| format!("{}: {e}", a.prices))?;
    let total = u64::try_from(rows.len().saturating_sub(a.cfg.window + 1)).unwrap_or(0);
    let bar = if std::io::stderr().is_terminal() {
        let b = indicatif::ProgressBar::new(total);
        b.set_style(
            indicatif::ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} rounds ({eta})")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        b.set_message(a.cfg.method.name());
        b
    } else {
        indicatif::ProgressBar::hidden()
    };
    let obs = run::backtest(&rows, &a.cfg, || bar.inc(1));
    bar.finish_and_clear();
    let obs = obs.map_err(|e| format!("{}: {e}", a.prices))?;
    let r = report(&a, &rows, &obs)?;
    for path in &a.plots {
        plot::chart(path, &r, &obs).map_err(|e| format!("--plot {path}: {e}"))?;
    }
    if a.json {
        println!("{r}");
    } else {
        print_table(&r);
    }
    Ok(())
}

fn main() -> ExitCode {
    match main_inner() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("risk: error: {e}");
            ExitCode::from(2)
        }
    }
}
