//! `chain-e2e serve-scenario OUT.json`: a running chain with a seeded pool for the dashboard's
//! browser test (app/test) and the demo: the deployment by governance and the behaviour steps
//! 1–9 of scenario.rs (deposits, two members, trades, a settled and a DAO-approved claim), then
//! oracle price rounds, a pending claim, a position left open (the DEX's book) and the options
//! DEX registered with written calls and puts (its book). Writes the addresses, the RPC address, the chain id
//! and the test accounts' keys to OUT.json, prints `serving` and keeps the node up until this
//! process is killed (the node gets SIGTERM when it dies: PR_SET_PDEATHSIG in node.rs).
//!
//! The keys are the local test keyring's (eth_secp256k1, unarmored hex): a throwaway chain's,
//! written so the browser test can sign as an underwriter would with a wallet.

use anyhow::{bail, Context, Result};
use cosmwasm_std::{Decimal, Int128};
use risk_pool::{oracle, vault};
use serde_json::{json, Value};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::str::FromStr;
use std::time::Duration;

use crate::chain::Chain;
use crate::node::{self, Settings};
use crate::scenario::{coin, usdc, E2e, Suite, U};
use crate::{ok, say};

use example_options_dex::msg as odex;
use example_perp_dex::msg as dex;
use risk_pool::oracle::{OptionKind, OptionLeg};
use risk_pool::Amount;

use crate::options::{BTC, ONE};

/// The accounts whose keys OUT.json carries (underwriters and a non-member).
const KEYED: [&str; 3] = ["alice", "bob", "carol"];

/// BTC-PERP's oracle price in each seeded round (the 31 other markets move by a tenth of it).
const BTC_ROUNDS: [&str; 5] = ["60600", "61200", "60300", "59800", "60100"];

/// The unarmored hex private key of a test-keyring account.
fn export_key(s: &Settings, name: &str) -> Result<String> {
    let mut child = s
        .injectived()
        .args(["keys", "export", name, "--unarmored-hex", "--unsafe", "--keyring-backend", "test"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    child.stdin.take().context("stdin")?.write_all(b"y\n")?;
    let out = child.wait_with_output()?;
    let hex = String::from_utf8(out.stdout)?.trim().to_string();
    if !out.status.success() || hex.len() != 64 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        bail!("keys export {name}: {}", String::from_utf8_lossy(&out.stderr));
    }
    Ok(hex)
}

impl E2e {
    /// Oracle price rounds by the feeder: every listed market priced, one round a second.
    fn price_rounds(&self, s: &Suite) -> Result<()> {
        let mut markets: Vec<oracle::MarketResponse> = Vec::new();
        loop {
            let start_after = markets.last().map(|m| m.id.clone());
            let page: oracle::MarketsResponse =
                self.smart(&s.oracle, &oracle::QueryMsg::Markets { start_after, limit: Some(30) })?;
            let done = page.markets.len() < 30;
            markets.extend(page.markets);
            if done {
                break;
            }
        }
        for btc in BTC_ROUNDS {
            let btc = Decimal::from_str(btc)?;
            let prices = markets
                .iter()
                .map(|m| {
                    let price = if m.id == "BTC-PERP" {
                        btc
                    } else {
                        // ±0.1 % of the market's listed price, with BTC's direction.
                        let step = m.price * Decimal::permille(1);
                        if btc >= Decimal::from_str("60000")? {
                            m.price + step
                        } else {
                            m.price - step
                        }
                    };
                    Ok(oracle::PriceInput { market: m.id.clone(), price, implied_vol: None })
                })
                .collect::<Result<Vec<_>>>()?;
            let t = self.chain.chain_time()?;
            self.chain.wait_chain_time(t + 1)?;
            self.chain.execute(&s.oracle, &oracle::ExecuteMsg::SetPrices { prices }, "feeder", None)?;
        }
        let btc: oracle::MarketResponse = self.smart(&s.oracle, &oracle::QueryMsg::Market { id: "BTC-PERP".into() })?;
        ok(
            btc.history_rounds >= 1,
            &format!("BTC-PERP after the rounds: {} ({} rounds)", btc.price, btc.history_rounds),
        )
    }

    /// A third bad-debt claim, left pending (the window's auto limit is spent).
    fn pending_claim(&self, s: &Suite) -> Result<()> {
        let c = &self.chain;
        c.execute(&s.dex, &dex::ExecuteMsg::FundContribution {}, "dex-owner", Some(&coin(usdc(100_000))))?;
        let set = |p: &str| -> Result<()> {
            let msg = dex::ExecuteMsg::SetPrice { market: "BTC-PERP".into(), price: Decimal::from_str(p)? };
            c.execute(&s.dex, &msg, "dex-owner", None).map(|_| ())
        };
        set("60000")?;
        let notional = Int128::new(i128::try_from(usdc(500_000))?).into();
        let open = dex::ExecuteMsg::Open { market: "BTC-PERP".into(), notional };
        let pos = c.execute(&s.dex, &open, "carol", Some(&coin(usdc(10_000))))?.attr_u64("wasm", "position_id")?;
        set("42000")?;
        c.execute(&s.dex, &dex::ExecuteMsg::Close { position_id: pos }, "carol", None)?;
        let claim: vault::ClaimResponse = self.smart(&s.vault, &vault::QueryMsg::Claim { id: 3 })?;
        ok(claim.status == vault::ClaimStatus::Pending, "claim 3 pending (awaiting a DAO vote)")
    }

    /// A position left open, so the DEX carries exposure (a requirement and a stress loss).
    fn open_book(&self, s: &Suite) -> Result<()> {
        let c = &self.chain;
        c.execute(&s.dex, &dex::ExecuteMsg::FundContribution {}, "dex-owner", Some(&coin(usdc(50_000))))?;
        let msg = dex::ExecuteMsg::SetPrice { market: "BTC-PERP".into(), price: Decimal::from_str("60100")? };
        c.execute(&s.dex, &msg, "dex-owner", None)?;
        let notional = Int128::new(i128::try_from(usdc(200_000))?).into();
        let open = dex::ExecuteMsg::Open { market: "BTC-PERP".into(), notional };
        c.execute(&s.dex, &open, "carol", Some(&coin(usdc(20_000))))?;
        let m: vault::MemberResponse = self.smart(&s.vault, &vault::QueryMsg::Member { address: s.dex.clone() })?;
        ok(
            m.exposures.len() == 1 && m.required.u128() > 0,
            &format!(
                "the DEX carries a 200,000 USDC BTC-PERP book: required {}, stress loss {}",
                m.required, m.stress_loss
            ),
        )
    }
}

impl E2e {
    /// The options DEX's book, for the dashboard's grid loss: the DAO registers the DEX, it
    /// lists a 30-day BTC call (strike 65,000) and put (55,000), funds its contribution (the
    /// oracle's requirement for the book it is about to write, + 20 %, in whole USDC), and bob
    /// buys 2 calls and 1 put. The vault's member then carries both written legs.
    fn options_book(&self, s: &Suite) -> Result<()> {
        self.register_options_dex(s)?;
        let c = &self.chain;
        let exec = |msg: &odex::ExecuteMsg, from: &str, funds: Option<&str>| c.execute(&s.odex, msg, from, funds);
        exec(
            &odex::ExecuteMsg::SetPrice { market: BTC.into(), price: Decimal::from_str("60100")? },
            "dex-owner",
            None,
        )?;
        let expiry = c.chain_time()? + 30 * 86_400;
        let mut series = Vec::new();
        let mut legs = Vec::new();
        for (kind, strike, premium, n) in
            [(OptionKind::Call, "65000", "1500", 2), (OptionKind::Put, "55000", "1200", 1)]
        {
            let strike = Decimal::from_str(strike)?;
            let list = odex::ExecuteMsg::ListSeries {
                market: BTC.into(),
                kind,
                strike,
                expiry,
                premium: Decimal::from_str(premium)?,
            };
            series.push((exec(&list, "dex-owner", None)?.attr_u64("wasm", "series_id")?, n * ONE));
            let size = Int128::new(-i128::try_from(n * ONE)?);
            legs.push(oracle::Exposure::leg(BTC, OptionLeg { kind, strike, expiry, size }));
        }
        let a: oracle::AssessResponse = self.smart(&s.oracle, &oracle::QueryMsg::Assess { exposures: legs })?;
        let contribution = (a.required.u128() * 12 / 10).div_ceil(1_000_000) * 1_000_000;
        exec(&odex::ExecuteMsg::FundContribution {}, "dex-owner", Some(&coin(contribution)))?;
        for (series_id, size) in series {
            let q: odex::QuoteResponse =
                self.smart(&s.odex, &odex::QueryMsg::Quote { series_id, size: Amount::new(size) })?;
            exec(&odex::ExecuteMsg::Buy { series_id, size: Amount::new(size) }, "bob", Some(&coin(q.premium.u128())))?;
        }
        let m: vault::MemberResponse = self.smart(&s.vault, &vault::QueryMsg::Member { address: s.odex.clone() })?;
        ok(
            m.exposures.len() == 2 && m.required.u128() > 0 && m.required <= m.contribution,
            &format!(
                "the options DEX writes 2 BTC calls 65000 and 1 put 55000 (30 days): required {}, contribution {}, stress loss {}",
                m.required, m.contribution, m.stress_loss
            ),
        )
    }
}

/// Starts the chain, seeds it, writes `out` and serves until killed.
pub fn serve(root: &Path, out: &Path) -> Result<()> {
    let s = Settings::from_env(root)?;
    node::install(&s)?;
    node::init(&s)?;
    // The dashboard reads one height for a whole page (and the test the same height after it):
    // keep every height's state rather than the e2e's two.
    let app_toml = s.home.join("config/app.toml");
    let text = std::fs::read_to_string(&app_toml)?;
    std::fs::write(&app_toml, node::toml_set(&text, &[("pruning", "\"nothing\"".into())])?)?;
    let mut node = node::Node::start(&s)?;
    say(&format!("node pid {}", node.pid()));
    let chain = Chain::new(s.clone())?;
    let work = s.home.join("e2e");
    std::fs::create_dir_all(&work)?;
    let deploy_plan =
        std::env::var("DEPLOY_PLAN").map(PathBuf::from).unwrap_or_else(|_| root.join("target/debug/deploy-plan"));
    let mut e = E2e { chain, work, deploy_plan, bench: Default::default() };
    say("== deployment and behaviour steps 1-9");
    let suite = e.deploy()?;
    e.behaviour(&suite)?;
    say("== oracle price rounds");
    e.price_rounds(&suite)?;
    say("== a pending claim");
    e.pending_claim(&suite)?;
    say("== an open book");
    e.open_book(&suite)?;
    say("== the options DEX's book");
    e.options_book(&suite)?;

    let mut keys = serde_json::Map::new();
    for name in KEYED {
        keys.insert(name.into(), json!({"address": e.chain.addr(name), "private_key_hex": export_key(&s, name)?}));
    }
    let info: Value = json!({
        "chain_id": s.chain_id,
        "rpc": format!("http://127.0.0.1:{}", s.port(657)),
        // The API server: REST and gRPC-web (app.toml `[grpc-web] enable`, on the API address).
        "rest": format!("http://127.0.0.1:{}", s.port(317)),
        "grpc_web": format!("http://127.0.0.1:{}", s.port(317)),
        "gas_price": s.gas_prices,
        "denom": U,
        "vault": suite.vault, "oracle": suite.oracle, "dao": suite.dao,
        "perp_dex": suite.dex, "options_dex": suite.odex,
        "accounts": keys,
    });
    let tmp = out.with_extension("tmp");
    std::fs::write(&tmp, serde_json::to_string_pretty(&info)?)?;
    std::fs::rename(&tmp, out)?;
    say(&format!("serving: {} (kill pid {} to stop)", out.display(), std::process::id()));
    loop {
        std::thread::sleep(Duration::from_secs(1));
        if !node.running() {
            bail!("the node stopped (see {})", s.home.join("node.log").display());
        }
    }
}
