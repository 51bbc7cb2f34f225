//! The vault's user actions in cosmwasm-vm: VM gas and the KV gas wasmd adds for each one's
//! storage calls, counted exactly by [`Counting`] (every `db_read`, iterator step, `db_write`
//! and `db_remove` the contract makes, with their bytes); the KV figures of the gas bench's vault
//! actions, written for its report; and the member-scaling table (issue 15 item 4). The oracle's
//! `assess` answers with a fixed response (a 1M BTC long); its own cost is in the oracle's table.

use cosmwasm_std::testing::message_info;
use cosmwasm_std::{
    coins, to_json_binary, Addr, Checksum, Coin, ContractResult, Empty, Int128, Response, SystemResult, Uint128,
    WasmQuery,
};
use cosmwasm_vm::testing::{execute, instantiate, MockApi, MockQuerier};
use cosmwasm_vm::{Backend, Instance, InstanceOptions};
use risk_pool::oracle::*;
use risk_pool::vault;

use crate::{dec, env_at, Counting, Vm, GAS_LIMIT, VM_PER_SDK};

/// One call's figures.
#[derive(Clone, Copy, Debug, Default)]
struct Figures {
    vm_gas: u64,
    gets: u64,
    steps: u64,
    writes: u64,
    deletes: u64,
    bytes_written: u64,
    /// SDK gas of the reads (`get`s), of the writes, and of the iterator steps and deletes.
    kv_read: u64,
    kv_write: u64,
    kv_other: u64,
}

impl Figures {
    /// VM gas / 140,000 + the KV gas: the contract's SDK gas without wasmd's per-call set-up and
    /// the transaction's own costs.
    fn sdk(&self) -> u64 {
        self.vm_gas / VM_PER_SDK + self.kv_read + self.kv_write + self.kv_other
    }
}

/// A vault instantiated from SPEC's example (no guardian) with `max_members`, its oracle a
/// mock; the DAO, the owner. `Err` is the instantiate error.
struct VaultVm {
    vm: Vm,
    api: MockApi,
    dao: Addr,
}

impl VaultVm {
    fn new(wasm: &[u8], max_members: Option<u32>) -> Result<VaultVm, String> {
        let api = MockApi::default();
        let [dao, treasury] = ["dao", "treasury"].map(|n| Addr::unchecked(api.addr_make(n)));
        let oracle = api.addr_make("oracle");
        let mut querier = MockQuerier::new(&[]);
        let answer = to_json_binary(&AssessResponse {
            var: Uint128::new(79_254_000_000).into(),
            es: Uint128::new(90_677_397_315).into(),
            required: Uint128::new(90_677_397_315).into(),
            stress_loss: Uint128::new(400_000_000_000).into(),
            claim_limit: Uint128::new(600_000_000_000).into(),
            claim_multiple: dec("1.5"),
            cover_n: 2,
            method: Method::Parametric,
            confidence_bps: 9900,
            horizon_secs: 86_400,
            as_of: 1_700_000_000,
            delisted: vec![],
            max_exposures: None,
            grid_loss: Default::default(),
            short_option_minimum: Default::default(),
        })
        .unwrap();
        querier.update_wasm(move |_: &WasmQuery| SystemResult::Ok(ContractResult::Ok(answer.clone())));
        let backend = Backend { api, storage: Counting::default(), querier };
        let mut vm: Vm = Instance::from_code(wasm, backend, InstanceOptions { gas_limit: GAS_LIMIT }, None).unwrap();
        let mut init = risk_testing::vault_msg(dao.as_str(), None, oracle.as_str(), treasury.as_str());
        init.max_members = max_members;
        let r: ContractResult<Response<Empty>> = instantiate(&mut vm, env(0), message_info(&dao, &[]), &init);
        r.into_result()?;
        Ok(VaultVm { vm, api, dao })
    }

    fn addr(&self, name: &str) -> Addr {
        Addr::unchecked(self.api.addr_make(name))
    }

    /// Executes `msg` at `t` seconds and returns its figures; panics (naming `what`) on an error.
    fn call(&mut self, what: &str, t: u64, sender: &Addr, funds: &[Coin], msg: &vault::ExecuteMsg) -> Figures {
        self.vm
            .with_storage(|st| {
                st.reset();
                Ok(())
            })
            .unwrap();
        let before = self.vm.get_gas_left();
        let r: ContractResult<Response<Empty>> = execute(&mut self.vm, env(t), message_info(sender, funds), msg);
        if let ContractResult::Err(e) = &r {
            panic!("{what}: {e}");
        }
        let vm_gas = before - self.vm.get_gas_left();
        self.vm
            .with_storage(|st| {
                Ok(Figures {
                    vm_gas,
                    gets: st.reads.get(),
                    steps: st.steps.get(),
                    writes: st.writes.get(),
                    deletes: st.deletes.get(),
                    bytes_written: st.written.get(),
                    kv_read: st.sdk_gas(),
                    kv_write: st.write_gas(),
                    kv_other: st.iter_delete_gas(),
                })
            })
            .unwrap()
    }
}

fn env(secs: u64) -> cosmwasm_std::Env {
    let mut e = env_at(secs);
    e.contract.address = Addr::unchecked(MockApi::default().addr_make("vault"));
    e
}

fn usdc(x: u128) -> u128 {
    x * 1_000_000
}

fn btc(notional_usdc: u128) -> vault::ExecuteMsg {
    let n = i128::try_from(usdc(notional_usdc)).unwrap();
    vault::ExecuteMsg::ReportExposure {
        exposures: vec![Exposure { market: "BTC-PERP".into(), notional: Int128::new(n).into(), option: None }],
    }
}

fn terms(member: &Addr) -> vault::MemberTerms {
    vault::MemberTerms {
        member: member.to_string(),
        coverage_cap: Uint128::new(1_000_000_000_000).into(),
        premium_rate_bps: 500,
        grace_secs: 604_800,
    }
}

/// `n` linear markets: BTC-PERP 1M, then M00.. at 1,000 + i.
fn markets(n: usize) -> vault::ExecuteMsg {
    let exposures = std::iter::once(("BTC-PERP".to_string(), 1_000_000u128))
        .chain((0..n.saturating_sub(1)).map(|i| (format!("M{i:02}"), 1_000 + i as u128)))
        .map(|(market, usd)| Exposure {
            market,
            notional: Int128::new(i128::try_from(usdc(usd)).unwrap()).into(),
            option: None,
        })
        .collect();
    vault::ExecuteMsg::ReportExposure { exposures }
}

/// The bench's strip (`risk_testing::written_strip`), 30 days out.
fn legs(now: u64) -> vault::ExecuteMsg {
    vault::ExecuteMsg::ReportExposure { exposures: risk_testing::written_strip(now + 30 * 86_400) }
}

/// (what, time, sender, funds, message, the gas bench's name of the action).
type Step<'a> = (&'a str, u64, Addr, Vec<Coin>, vault::ExecuteMsg, Option<&'a str>);

/// The vault's user actions, printed; the KV figures of those the gas bench measures written to
/// `kv_out` (JSON: the artifact's checksum, then per bench action reads = `get`s + iterator
/// steps, writes, deletes, bytes written).
pub fn report(path: &str, kv_out: Option<&std::path::Path>) {
    let wasm = std::fs::read(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut v = VaultVm::new(&wasm, None).unwrap_or_else(|e| panic!("vault instantiate: {e}"));
    let [alice, dex, treasury] = ["alice", "dex", "treasury"].map(|n| v.addr(n));
    let dao = v.dao.clone();
    println!();
    println!("pool-vault actions in cosmwasm-vm 2.2.10 ({path}, {} bytes); `assess` answered by a mock", wasm.len());
    println!("KV counts are exact (every storage call the contract makes); the bench's name in the last column");
    println!(
        "{:<34} {:>12} {:>8} {:>6} {:>5} {:>8} {:>7} {:>4} {:>8} {:>9} {:>7} {:>9}  bench",
        "action",
        "VM gas",
        "VM→SDK",
        "reads",
        "iter",
        "KV read",
        "writes",
        "del",
        "written",
        "KV write",
        "it+del",
        "total SDK"
    );
    let claim = |amount: u128| vault::ExecuteMsg::ClaimLoss {
        amount: Uint128::new(amount).into(),
        recipient: treasury.to_string(),
        memo: None,
    };
    // Up to `withdraw`, the sequence (and its figures) of the table before the bench names were added.
    let t_late = 86_470 + 604_800;
    let steps: Vec<Step> = vec![
        (
            "deposit (first)",
            10,
            alice.clone(),
            coins(1_000_000_000_000, "uusdc"),
            vault::ExecuteMsg::Deposit { recipient: None },
            None,
        ),
        (
            "deposit",
            20,
            alice.clone(),
            coins(1_000_000_000, "uusdc"),
            vault::ExecuteMsg::Deposit { recipient: None },
            Some("deposit"),
        ),
        ("register_member (owner)", 30, dao.clone(), vec![], vault::ExecuteMsg::RegisterMember(terms(&dex)), None),
        (
            "member_deposit",
            40,
            dex.clone(),
            coins(200_000_000_000, "uusdc"),
            vault::ExecuteMsg::MemberDeposit {},
            Some("member_deposit"),
        ),
        ("report_exposure (1 market)", 50, dex.clone(), vec![], btc(1_000_000), Some("report_exposure (1 markets)")),
        (
            "pay_premium",
            86_450,
            alice.clone(),
            coins(10_000_000, "uusdc"),
            vault::ExecuteMsg::PayPremium { member: dex.to_string() },
            Some("pay_premium"),
        ),
        (
            "request_withdraw",
            86_460,
            alice.clone(),
            vec![],
            vault::ExecuteMsg::RequestWithdraw { shares: Uint128::new(1_000_000_000).into() },
            Some("request_withdraw"),
        ),
        (
            "claim_loss (auto, pool pays 10,000)",
            86_470,
            dex.clone(),
            vec![],
            claim(210_000_000_000),
            Some("claim_loss (auto)"),
        ),
        ("withdraw", t_late, alice.clone(), vec![], vault::ExecuteMsg::Withdraw {}, Some("withdraw")),
        // The bench's other vault actions, in its order: a contribution again (the claim spent
        // it), the larger books, the strip of legs, a claim past the window's auto limit.
        (
            "member_deposit (again)",
            t_late + 10,
            dex.clone(),
            coins(200_000_000_000, "uusdc"),
            vault::ExecuteMsg::MemberDeposit {},
            None,
        ),
        (
            "report_exposure (8 markets)",
            t_late + 20,
            dex.clone(),
            vec![],
            markets(8),
            Some("report_exposure (8 markets)"),
        ),
        (
            "report_exposure (32 markets)",
            t_late + 30,
            dex.clone(),
            vec![],
            markets(32),
            Some("report_exposure (32 markets)"),
        ),
        (
            "report_exposure (8 legs)",
            t_late + 40,
            dex.clone(),
            vec![],
            legs(env(t_late + 40).block.time.seconds()),
            Some("report_exposure (8 legs)"),
        ),
        (
            "claim_loss (pending, pool 60,000)",
            t_late + 50,
            dex.clone(),
            vec![],
            claim(260_000_000_000),
            Some("claim_loss (pending)"),
        ),
    ];
    let mut kv = Vec::new();
    for (name, t, sender, funds, msg, bench) in steps {
        let f = v.call(name, t, &sender, &funds, &msg);
        println!(
            "{:<34} {:>12} {:>8} {:>6} {:>5} {:>8} {:>7} {:>4} {:>8} {:>9} {:>7} {:>9}  {}",
            name,
            f.vm_gas,
            f.vm_gas / VM_PER_SDK,
            f.gets,
            f.steps,
            f.kv_read,
            f.writes,
            f.deletes,
            f.bytes_written,
            f.kv_write,
            f.kv_other,
            f.sdk(),
            bench.unwrap_or("")
        );
        if let Some(b) = bench {
            kv.push((b, f));
        }
    }
    println!("(wasmd adds per call: 60,000 SDK gas to set up an unpinned contract, 2,000 pinned; one more for the oracle query)");
    if let Some(out) = kv_out {
        let rows: Vec<String> = kv
            .iter()
            .map(|(b, f)| {
                format!(
                    "  \"{b}\": {{\"reads\": {}, \"writes\": {}, \"deletes\": {}, \"bytes_written\": {}}}",
                    f.gets + f.steps,
                    f.writes,
                    f.deletes,
                    f.bytes_written
                )
            })
            .collect();
        let json = format!(
            "{{\"checksum\": \"{}\",\n \"actions\": {{\n{}\n }}}}\n",
            Checksum::generate(&wasm).to_hex(),
            rows.join(",\n")
        );
        if let Some(dir) = out.parent() {
            std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        }
        std::fs::write(out, json).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
        println!("the bench's KV figures ({} vault actions) written to {}", kv.len(), out.display());
    }
}

/// The members of the scaling table; the last runs when the vault's `max_members` bound allows.
const LEVELS: [u32; 4] = [1, 16, 48, 1_000];
const SCALED: [&str; 3] = ["member_deposit", "report_exposure (1 market)", "claim_loss (auto)"];

/// The bound in an instantiate refusal `... max_members 1000 > 64`.
fn bound_of(err: &str) -> Option<u32> {
    let tail = err.split("max_members").nth(1)?;
    tail.split('>').nth(1)?.trim().split(|c: char| !c.is_ascii_digit()).next()?.parse().ok()
}

/// A member's actions with 1, 16, 48 and 1,000 active members (registered by the owner, each
/// with a contribution and a book, so that its Cover-N row is non-zero): member `m0`'s
/// `member_deposit` (100,000), then a smaller book (unmeasured, a reduction) and its book again
/// (measured: an increase, so the capacity check runs), then a claim of its contribution + 1,000
/// (auto-settled). One vault; the members are added level by level. The 1,000 row needs the
/// vault's `max_members` bound at 1,000 (read from the instantiate refusal); else it is skipped.
pub fn member_scaling(path: &str) {
    let wasm = std::fs::read(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let most = LEVELS[LEVELS.len() - 1];
    let (mut v, bound) = match VaultVm::new(&wasm, Some(most)) {
        Ok(v) => (v, most),
        Err(e) => {
            let bound = bound_of(&e).unwrap_or_else(|| panic!("instantiate with max_members {most}: {e}"));
            (VaultVm::new(&wasm, Some(bound)).unwrap_or_else(|e| panic!("max_members {bound}: {e}")), bound)
        }
    };
    let (dao, alice, m0) = (v.dao.clone(), v.addr("alice"), v.addr("m0"));
    let treasury = v.addr("treasury");
    let mut t = 10;
    let mut tick = || {
        t += 10;
        t
    };
    v.call(
        "deposit",
        tick(),
        &alice,
        &coins(usdc(10_000_000), "uusdc"),
        &vault::ExecuteMsg::Deposit { recipient: None },
    );
    let contribution = coins(usdc(100_000), "uusdc");
    let activate = |v: &mut VaultVm, who: &Addr, t: &mut dyn FnMut() -> u64| {
        v.call("register", t(), &dao, &[], &vault::ExecuteMsg::RegisterMember(terms(who)));
        v.call("member_deposit", t(), who, &contribution, &vault::ExecuteMsg::MemberDeposit {});
        v.call("report", t(), who, &[], &btc(1_000_000));
    };
    // m0's first cycle, unmeasured: its registration, first contribution, book and claim.
    activate(&mut v, &m0, &mut tick);
    let claim = |amount: u128| vault::ExecuteMsg::ClaimLoss {
        amount: Uint128::new(amount).into(),
        recipient: treasury.to_string(),
        memo: None,
    };
    v.call("first claim", tick(), &m0, &[], &claim(usdc(101_000)));
    let mut active = 1;
    let mut rows: Vec<(u32, Option<[Figures; 3]>)> = Vec::new();
    for level in LEVELS {
        if level > bound {
            rows.push((level, None));
            continue;
        }
        for i in active..level {
            let who = v.addr(&format!("member{i}"));
            activate(&mut v, &who, &mut tick);
        }
        active = level;
        let dep = v.call("member_deposit", tick(), &m0, &contribution, &vault::ExecuteMsg::MemberDeposit {});
        v.call("reduction", tick(), &m0, &[], &btc(500_000));
        let rep = v.call("report_exposure", tick(), &m0, &[], &btc(1_000_000));
        let cl = v.call("claim_loss", tick(), &m0, &[], &claim(usdc(101_000)));
        rows.push((level, Some([dep, rep, cl])));
    }
    println!();
    println!("member scaling in cosmwasm-vm (issue 15 item 4): a member's actions with N active members");
    println!("(SDK gas = VM gas / {VM_PER_SDK} + the KV gas of its storage calls; wasmd's set-up and the tx's own gas not included)");
    let head: Vec<String> = LEVELS.iter().map(|n| format!("{n} members")).collect();
    println!("{:<44} {}  {:>6}", "action", head.iter().map(|h| format!("{h:>14}")).collect::<String>(), "48/1");
    let at = |level: u32, k: usize| rows.iter().find(|(n, _)| *n == level).and_then(|(_, f)| f.map(|f| f[k]));
    for (k, name) in SCALED.iter().enumerate() {
        let cells: String = LEVELS
            .iter()
            .map(|n| match at(*n, k) {
                Some(f) => format!("{:>14}", f.sdk()),
                None => format!("{:>14}", "skipped"),
            })
            .collect();
        let q = match (at(1, k), at(48, k)) {
            (Some(a), Some(b)) => format!("{:.2}", b.sdk() as f64 / a.sdk() as f64),
            _ => "—".into(),
        };
        println!("{name:<44} {cells}  {q:>6}");
    }
    for (k, name) in SCALED.iter().enumerate() {
        let cells: String = LEVELS
            .iter()
            .map(|n| {
                at(*n, k).map_or(format!("{:>14}", "—"), |f| {
                    format!("{:>14}", format!("{}/{}", f.gets + f.steps, f.bytes_written))
                })
            })
            .collect();
        println!("{:<44} {cells}", format!("{name}: reads/bytes written"));
    }
    if let Some((level, _)) = rows.iter().find(|(_, f)| f.is_none()) {
        println!(
            "{level} members: skipped: max_members {bound} (the vault's bound; read from its instantiate refusal)"
        );
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_bound_is_read_from_the_refusal() {
        assert_eq!(super::bound_of("Generic error: invalid config: max_members 1000 > 64"), Some(64));
        assert_eq!(super::bound_of("something else"), None);
    }
}
