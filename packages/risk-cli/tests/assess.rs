//! `risk assess` against the oracle run elsewhere: the contract in cw-multi-test (its own
//! storage, env and querier) answers a smart query; its storage dumped in the chain's
//! `contract-state all` form, and its instantiate message plus the same rounds, fed to
//! `risk_cli::assess::run`, give the same bytes. Then the built binary: file forms, error
//! messages naming the file, exit codes.

use std::path::PathBuf;
use std::process::{Command, Output};

use cosmwasm_std::{
    to_json_vec, Addr, ContractResult, Decimal, Empty, Int128, Order, QueryRequest, SystemResult, WasmQuery,
};
use cw_multi_test::{App, ContractWrapper, Executor};
use risk_cli::assess::{dump_json, parse_exposures, parse_rounds, parse_state, run, Query, Round, RunError, State};
use risk_pool::oracle::{ExecuteMsg, Exposure, InstantiateMsg, Method, OptionKind, OptionLeg, PriceInput, QueryMsg};

const T0: u64 = 1_700_000_000;
const ROUND: u64 = 3_600;

struct Chain {
    app: App,
    oracle: Addr,
    msg: InstantiateMsg,
    rounds: Vec<Round>,
}

/// SPEC's oracle (BTC-PERP, ETH-PERP) with `method`, EWMA λ = 0.94, a day's staleness and
/// `n` hourly price rounds from one feeder, instantiated at `T0` in cw-multi-test.
fn chain(method: Method, n: usize) -> Chain {
    let mut app = App::default();
    let (dao, feeder) = (app.api().addr_make("dao"), app.api().addr_make("feeder"));
    let mut msg = risk_testing::oracle_msg(dao.as_str(), feeder.as_str());
    msg.method = method;
    msg.ewma_lambda = Some(Decimal::percent(94));
    msg.max_staleness_secs = 86_400;
    let code = app.store_code(Box::new(ContractWrapper::new(
        risk_oracle::contract::execute,
        risk_oracle::contract::instantiate,
        risk_oracle::contract::query,
    )));
    app.update_block(|b| b.time = cosmwasm_std::Timestamp::from_seconds(T0));
    let oracle = app.instantiate_contract(code, dao.clone(), &msg, &[], "oracle", None).unwrap();
    let rounds: Vec<Round> = (0..n)
        .map(|k| {
            // ±3 % BTC and ±4 % ETH wiggles, deterministic.
            let w = |m: u64, span: u64| {
                i128::from(u16::try_from((k as u64 * m) % (2 * span + 1)).unwrap())
                    - i128::from(u16::try_from(span).unwrap())
            };
            let btc = 60_000_000 + 600 * w(7_919, 30) * 100;
            let eth = 3_000_000 + 30 * w(104_729, 40) * 100;
            Round {
                time: T0 + ROUND * (k as u64 + 1),
                feeder: feeder.to_string(),
                prices: vec![
                    PriceInput {
                        market: "BTC-PERP".into(),
                        price: Decimal::from_ratio(u128::try_from(btc).unwrap(), 1_000u128),
                        implied_vol: None,
                    },
                    PriceInput {
                        market: "ETH-PERP".into(),
                        price: Decimal::from_ratio(u128::try_from(eth).unwrap(), 1_000u128),
                        implied_vol: None,
                    },
                ],
            }
        })
        .collect();
    for r in &rounds {
        app.update_block(|b| b.time = cosmwasm_std::Timestamp::from_seconds(r.time));
        app.execute_contract(feeder.clone(), oracle.clone(), &ExecuteMsg::SetPrices { prices: r.prices.clone() }, &[])
            .unwrap();
    }
    Chain { app, oracle, msg, rounds }
}

impl Chain {
    /// The contract's storage as the chain's `contract-state all -o json` prints it.
    fn dump(&self) -> String {
        let st = self.app.contract_storage(&self.oracle);
        let models: Vec<(Vec<u8>, Vec<u8>)> = st.range(None, None, Order::Ascending).collect();
        dump_json(&models)
    }
    /// The smart query's raw answer bytes at block time `t`.
    fn smart(&mut self, t: u64, q: &QueryMsg) -> Vec<u8> {
        self.app.update_block(|b| b.time = cosmwasm_std::Timestamp::from_seconds(t));
        let req: QueryRequest<Empty> = QueryRequest::Wasm(WasmQuery::Smart {
            contract_addr: self.oracle.to_string(),
            msg: cosmwasm_std::to_json_binary(q).unwrap(),
        });
        match self.app.wrap().raw_query(&to_json_vec(&req).unwrap()) {
            SystemResult::Ok(ContractResult::Ok(b)) => b.to_vec(),
            other => panic!("smart query failed: {other:?}"),
        }
    }
}

/// BTC long, ETH short, and three option legs (a written BTC call, a bought ETH put, a
/// written BTC put) expiring 7 to 30 days after `now`.
fn book(now: u64) -> Vec<Exposure> {
    let leg = |m: &str, kind, strike: u64, days: u64, size: i128| {
        Exposure::leg(
            m,
            OptionLeg {
                kind,
                strike: Decimal::from_ratio(strike, 1u64),
                expiry: now + days * 86_400,
                size: Int128::new(size),
            },
        )
    };
    vec![
        Exposure::linear("BTC-PERP", 1_000_000_000_000),
        Exposure::linear("ETH-PERP", -400_000_000_000),
        leg("BTC-PERP", OptionKind::Call, 66_000, 30, -5_000_000),
        leg("ETH-PERP", OptionKind::Put, 2_700, 7, 40_000_000),
        leg("BTC-PERP", OptionKind::Put, 54_000, 14, -3_000_000),
    ]
}

/// For each method: the dump, and the instantiate message with the same rounds replayed, give
/// the smart query's bytes for `assess` and `requirement`, at the last round and a day later.
#[test]
fn dump_and_replay_answer_byte_identically_to_the_contract() {
    let methods =
        [(Method::Parametric, 12), (Method::Historical, 110), (Method::MonteCarlo { paths: 500, seed: 7 }, 12)];
    for (method, n) in methods {
        let mut c = chain(method.clone(), n);
        let last = c.rounds.last().unwrap().time;
        let dump = parse_state(&c.dump()).unwrap();
        let init = State::Instantiate { msg: Box::new(c.msg.clone()), at: Some(T0) };
        for t in [last, last + 86_000] {
            let exposures = book(t);
            for (q, msg) in [
                (Query::Assess, QueryMsg::Assess { exposures: exposures.clone() }),
                (Query::Requirement, QueryMsg::Requirement { exposures: exposures.clone() }),
            ] {
                let want = c.smart(t, &msg);
                let from_dump = run(&dump, &[], &exposures, Some(t), q).unwrap();
                assert_eq!(
                    String::from_utf8_lossy(&from_dump.bytes),
                    String::from_utf8_lossy(&want),
                    "{method:?} dump at {t}"
                );
                assert!(from_dump.notes.is_empty(), "{:?}", from_dump.notes);
                let replayed = run(&init, &c.rounds, &exposures, Some(t), q).unwrap();
                assert_eq!(replayed.bytes, want, "{method:?} instantiate + rounds at {t}");
            }
        }
        // Default time: the newest price update, here the last round's.
        let a = run(&dump, &[], &book(last), None, Query::Assess).unwrap();
        assert_eq!(a.time, last);
        assert_eq!(a.bytes, c.smart(last, &QueryMsg::Assess { exposures: book(last) }));
        let v: serde_json::Value = serde_json::from_slice(&a.bytes).unwrap();
        assert_eq!(v["as_of"], last);
        assert_ne!(v["grid_loss"], "0", "{method:?}: the legs reach the grid");
    }
}

fn tmp(name: &str, text: &str) -> String {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("assess");
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.to_string_lossy().into_owned()
}

fn risk(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_risk")).args(args).output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The binary on files: stdout is the contract's bytes and a newline, both exposure forms.
#[test]
fn binary_prints_the_contracts_bytes() {
    let mut c = chain(Method::Parametric, 3);
    let t = c.rounds.last().unwrap().time + 60;
    let want = c.smart(t, &QueryMsg::Assess { exposures: book(t) });
    let state = tmp("e2e-state.json", &c.dump());
    let bare = tmp("e2e-bare.json", &serde_json::to_string(&book(t)).unwrap());
    let wrapped = tmp("e2e-wrapped.json", &serde_json::json!({"exposures": book(t)}).to_string());
    let ts = t.to_string();
    for exp in [&bare, &wrapped] {
        let o = risk(&["assess", "--config", &state, "--exposures", exp, "--time", &ts]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert_eq!(o.stdout, [want.as_slice(), b"\n"].concat());
    }
    // The instantiate message and a rounds file: the same bytes.
    let init = tmp("e2e-init.json", &serde_json::to_string(&c.msg).unwrap());
    let rounds_json = serde_json::to_string(
        &c.rounds
            .iter()
            .map(|r| serde_json::json!({"time": r.time, "feeder": r.feeder, "prices": r.prices}))
            .collect::<Vec<_>>(),
    )
    .unwrap();
    assert_eq!(parse_rounds(&rounds_json).unwrap(), c.rounds);
    let rounds = tmp("e2e-rounds.json", &rounds_json);
    let o = risk(&["assess", "--config", &init, "--rounds", &rounds, "--exposures", &bare, "--time", &ts]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(o.stdout, [want.as_slice(), b"\n"].concat());
    // No rounds: instantiated at --instantiated-at, queried at --time (as_of: the prices' time).
    let mut fresh = chain(Method::Parametric, 0);
    let later = T0 + 1_000;
    let want_fresh = fresh.smart(later, &QueryMsg::Assess { exposures: book(later) });
    let fresh_book = tmp("e2e-fresh-book.json", &serde_json::to_string(&book(later)).unwrap());
    let (t0, tl) = (T0.to_string(), later.to_string());
    let o = risk(&["assess", "--config", &init, "--instantiated-at", &t0, "--exposures", &fresh_book, "--time", &tl]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(o.stdout, [want_fresh.as_slice(), b"\n"].concat());
    assert_eq!(serde_json::from_slice::<serde_json::Value>(&want_fresh).unwrap()["as_of"], T0);
    // --query requirement: the contract's requirement bytes.
    let want_req = c.smart(t, &QueryMsg::Requirement { exposures: book(t) });
    let o = risk(&["assess", "--config", &state, "--exposures", &bare, "--time", &ts, "--query", "requirement"]);
    assert_eq!(o.stdout, [want_req.as_slice(), b"\n"].concat(), "{}", stderr(&o));
    // --help documents the forms.
    let o = risk(&["assess", "--help"]);
    let help = String::from_utf8_lossy(&o.stdout);
    assert!(help.contains("contract-state all") && help.contains("--rounds") && help.contains("--time"), "{help}");
}

/// Every bad input: exit code 2, stdout empty, stderr names the file and what is wrong.
#[test]
fn bad_inputs_name_the_file_and_fail() {
    let c = chain(Method::Parametric, 1);
    let t = (c.rounds[0].time + 10).to_string();
    let state = tmp("bad-state.json", &c.dump());
    let good = tmp("bad-good-exp.json", &serde_json::to_string(&book(c.rounds[0].time)).unwrap());
    let init = tmp("bad-init.json", &serde_json::to_string(&c.msg).unwrap());
    let cases: Vec<(Vec<String>, Vec<String>)> = vec![
        // Bad JSON in the exposures: the file, line and column.
        (
            vec![state.clone(), tmp("bad-json.json", "[{\"market\":\n")],
            vec!["bad-json.json: not JSON".into(), "line 2".into()],
        ),
        // Unknown market: the oracle's own error.
        (
            vec![state.clone(), tmp("bad-market.json", r#"[{"market":"SOL-PERP","notional":"1"}]"#)],
            vec!["bad-market.json on ".into(), "unknown market SOL-PERP".into()],
        ),
        // A typo in the wrapper object.
        (
            vec![state.clone(), tmp("bad-wrap.json", r#"{"exposure":[]}"#)],
            vec!["bad-wrap.json: not {\"exposures\": [...]}".into(), "exposure".into()],
        ),
        // Bad hex at model 1.
        (
            vec![tmp("bad-hex.json", r#"{"models":[{"key":"00","value":""},{"key":"XYZ","value":""}]}"#), good.clone()],
            vec!["bad-hex.json: model 1: key `XYZ` is not hex".into()],
        ),
        // Bad base64 at model 0.
        (
            vec![tmp("bad-b64.json", r#"{"models":[{"key":"6B","value":"!!"}]}"#), good.clone()],
            vec!["bad-b64.json: model 0 (key 6B): value is not base64".into()],
        ),
        // One page of several.
        (
            vec![tmp("bad-page.json", r#"{"models":[],"pagination":{"next_key":"AAE=","total":"0"}}"#), good.clone()],
            vec!["bad-page.json: the dump is one page of several".into()],
        ),
        // Not an oracle's storage.
        (
            vec![tmp("bad-other.json", r#"{"models":[{"key":"6B6579","value":"dmFsdWU="}]}"#), good.clone()],
            vec!["bad-other.json: no `config` key among the dump's 1 models".into()],
        ),
        // Neither form.
        (
            vec![tmp("bad-form.json", r#"{"markets":[]}"#), good.clone()],
            vec!["bad-form.json: neither a contract-state dump".into()],
        ),
        // An instantiate message the oracle refuses.
        (
            vec![
                tmp("bad-init-msg.json", &serde_json::to_string(&c.msg).unwrap().replace("9900", "10000")),
                good.clone(),
            ],
            vec!["bad-init-msg.json: the oracle refused the instantiate message".into()],
        ),
    ];
    for (files, wants) in cases {
        let o = risk(&["assess", "--config", &files[0], "--exposures", &files[1], "--time", &t]);
        let e = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{files:?}: {e}");
        assert!(o.stdout.is_empty(), "{files:?}");
        for w in wants {
            assert!(e.contains(&w), "{files:?}: `{e}` lacks `{w}`");
        }
    }
    // An instantiate message needs a time; a rounds file out of order; a feeder that is not one.
    let o = risk(&["assess", "--config", &init, "--exposures", &good]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("bad-init.json: an instantiate message needs --time"), "{}", stderr(&o));
    let r = &c.rounds[0];
    let swapped = serde_json::json!([
        {"time": r.time + 7200, "feeder": r.feeder, "prices": r.prices},
        {"time": r.time, "feeder": r.feeder, "prices": r.prices},
    ]);
    let rounds = tmp("bad-order.json", &swapped.to_string());
    let o = risk(&["assess", "--config", &init, "--exposures", &good, "--rounds", &rounds]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("bad-order.json: round 2 (time"), "{}", stderr(&o));
    let stranger = serde_json::json!([{"time": r.time, "feeder": "cosmwasm1stranger", "prices": r.prices}]);
    let rounds = tmp("bad-feeder.json", &stranger.to_string());
    let o = risk(&["assess", "--config", &init, "--exposures", &good, "--rounds", &rounds]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(
        e.contains("bad-feeder.json: round 1") && e.contains("the oracle refused it") && e.contains("feeder"),
        "{e}"
    );
    // Arguments.
    for (args, want) in [
        (vec!["assess", "--exposures", good.as_str()], "--config ORACLE.json is required"),
        (vec!["assess", "--config", state.as_str()], "--exposures EXPOSURES.json is required"),
        (vec!["assess", "--config", state.as_str(), "--exposures", good.as_str(), "--time", "soon"], "--time: `soon`"),
        (vec!["assess", "--config", state.as_str(), "--exposures", good.as_str(), "--query", "var"], "--query: `var`"),
        (
            vec!["assess", "--config", "/nonexistent/oracle.json", "--exposures", good.as_str()],
            "/nonexistent/oracle.json: ",
        ),
        (
            vec!["assess", "--config", state.as_str(), "--exposures", good.as_str(), "--instantiated-at", "1"],
            "--instantiated-at is for an instantiate message, this is a dump",
        ),
    ] {
        let o = risk(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains(want), "{args:?}: {}", stderr(&o));
    }
}

/// The library's parsers: both exposure forms read the same list; the query error keeps the
/// oracle's message and the time.
#[test]
fn parsers_and_query_errors() {
    let b = book(T0);
    let bare = serde_json::to_string(&b).unwrap();
    assert_eq!(parse_exposures(&bare).unwrap(), b);
    assert_eq!(parse_exposures(&format!("{{\"exposures\": {bare}}}")).unwrap(), b);
    assert!(parse_exposures("7").unwrap_err().contains("expected an exposure list"));
    let c = chain(Method::Parametric, 1);
    let s = parse_state(&c.dump()).unwrap();
    // A day past max_staleness: the oracle's stale-price error, at that time.
    let late = c.rounds[0].time + 86_401;
    match run(&s, &[], &b, Some(late), Query::Assess) {
        Err(RunError::Query { time, error }) => {
            assert_eq!(time, late);
            assert!(error.contains("stale"), "{error}");
        }
        other => panic!("{other:?}"),
    }
}
