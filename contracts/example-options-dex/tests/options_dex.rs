//! The example options DEX as a vault member, against the real vault and oracle (issue 13,
//! items 4 and 5): a bought call's leg lands in the vault; a trade the contribution cannot carry
//! is refused with the vault's typed error; an expiry in the money is paid from the float; an
//! expiry loss beyond the float is claimed through the waterfall; a settlement is accepted with
//! the oracle down. Run with `--nocapture` for the figures.

use cosmwasm_std::Decimal;
use example_options_dex::msg::{ExecuteMsg, Settlement};
use example_options_dex::ContractError;
use pool_vault::ContractError as VaultError;
use risk_pool::oracle::{self, OptionKind};
use risk_pool::vault::ClaimStatus;
use risk_pool::Amount;
use risk_testing::options_dex::BTC;
use risk_testing::prelude::*;
use std::str::FromStr;

/// One BTC's option: size in uusdc per USD of price.
const ONE: u128 = 1_000_000;
/// 30 days.
const MONTH: u64 = 30 * DAY;

/// alice's 1M of capital and the options DEX (registered, BTC-PERP marked at 60000).
fn odex_suite() -> Suite {
    Suite::new().btc_only().underwriter("alice", usdc(1_000_000)).with_options_dex().build()
}

fn written_call(strike: &str, expiry: u64, size: u128) -> risk_pool::oracle::Exposure {
    leg(BTC, true, strike, expiry, -i128::try_from(size).unwrap())
}

fn show(name: &str, a: &oracle::AssessResponse) {
    println!(
        "{name}: required {} es {} var {} stress_loss {} grid_loss {} short_option_minimum {}",
        a.required, a.es, a.var, a.stress_loss, a.grid_loss, a.short_option_minimum
    );
}

#[test]
fn a_bought_call_lands_in_the_vault_as_one_netted_written_leg() {
    let mut s = odex_suite();
    s.odex_fund(usdc(50_000)).unwrap();
    let t = s.now() + MONTH;
    let call = s.odex_list(true, "60000", t, "2500");
    let id = s.odex_buy(call, ONE).unwrap();
    assert_eq!(s.odex_position(id).premium, Amount::new(usdc(2_500)));
    let book = vec![written_call("60000", t, ONE)];
    assert_eq!(s.odex_book(), book);
    let a = s.assess(book);
    show("the DEX after 1 BTC call 60000 sold (30 d)", &a);
    let m = s.member(&s.odex());
    assert_eq!((m.required, m.stress_loss, m.es), (a.required, a.stress_loss, a.es));
    assert!(a.grid_loss > Amount::ZERO && a.required >= a.grid_loss);
    // A second buyer of the same series: still one leg, sizes netted.
    let t2 = s.addr("trader2");
    let half = s.odex_quote(call, ONE / 2);
    s.odex_buy_as(&t2, call, ONE / 2, half).unwrap();
    let book = vec![written_call("60000", t, ONE + ONE / 2)];
    assert_eq!(s.odex_book(), book);
    let a = s.assess(book);
    show("the DEX after 1.5 BTC calls 60000 sold", &a);
    assert_eq!(s.member(&s.odex()).required, a.required);
    // 10 % of the premiums set aside for the vault; the rest is float.
    let st = s.odex_state();
    assert_eq!((st.fees.u128(), st.float.u128()), (usdc(375), usdc(3_375)));
    s.odex_pay_premium().unwrap();
    assert_eq!(s.odex_state().fees, Amount::ZERO);
    let m = s.member(&s.odex());
    assert_eq!(
        (m.premium_due, m.prepaid.u128()),
        (Amount::ZERO, usdc(375)),
        "paid in the block of the buys: all prepaid"
    );
}

#[test]
fn the_vault_refuses_a_trade_the_contribution_does_not_cover() {
    let mut s = odex_suite();
    s.odex_fund(usdc(10)).unwrap();
    let t = s.now() + MONTH;
    let put = s.odex_list(false, "60000", t, "2000");
    let a = s.assess(vec![leg(BTC, false, "60000", t, -i128::try_from(ONE).unwrap())]);
    show("1 BTC put 60000 written (30 d)", &a);
    let before = (s.balance(TRADER), s.odex_state());
    let e = s.odex_buy(put, ONE).unwrap_err().downcast::<VaultError>().unwrap();
    println!("refused: {e}");
    assert_eq!(e, VaultError::InsufficientContribution { required: a.required, contribution: Amount::new(usdc(10)) });
    assert_eq!((s.balance(TRADER), s.odex_state()), before, "a refused buy changes nothing");
    assert!(s.odex_book().is_empty());
    // Topped up to exactly the requirement, the same buy lands.
    s.odex_fund(a.required.u128() - usdc(10)).unwrap();
    s.odex_buy(put, ONE).unwrap();
    assert_eq!(s.member(&s.odex()).required, a.required);
}

#[test]
fn an_expiry_in_the_money_is_paid_from_the_float() {
    let mut s = odex_suite();
    s.odex_fund(usdc(50_000)).unwrap();
    s.odex_add_float(usdc(100_000));
    let t = s.now() + MONTH;
    let call = s.odex_list(true, "60000", t, "2500");
    let put = s.odex_list(false, "55000", t, "800");
    let c = s.odex_buy(call, 2 * ONE).unwrap();
    let p = s.odex_buy(put, ONE).unwrap();
    assert_eq!(s.odex_book().len(), 2);
    // Not before expiry, nor at a mark from before it.
    let e = s.odex_settle(c).unwrap_err().downcast::<ContractError>().unwrap();
    assert_eq!(e, ContractError::NotExpired { position_id: c, expiry: t, now: s.now() });
    s.advance_to(t);
    let e = s.odex_settle(c).unwrap_err().downcast::<ContractError>().unwrap();
    assert!(matches!(e, ContractError::NoSettlementPrice { expiry, priced_at: Some(_), .. } if expiry == t), "{e:?}");
    s.odex_price("63000");
    let (h0, f0) = (s.balance(TRADER), s.odex_state().float.u128());
    let r = s.odex_settle(c).unwrap();
    assert_eq!(Suite::claim_outcome(&r), "");
    // 2 BTC × (63,000 − 60,000) = 6,000 USDC, from the float; the put expires worthless.
    assert_eq!(s.balance(TRADER) - h0, usdc(6_000));
    assert_eq!(f0 - s.odex_state().float.u128(), usdc(6_000));
    let settled = s.odex_position(c).settlement.unwrap();
    assert_eq!(
        settled,
        Settlement {
            price: Decimal::from_str("63000").unwrap(),
            payoff: Amount::new(usdc(6_000)),
            from_float: Amount::new(usdc(6_000)),
            bad_debt: Amount::ZERO
        }
    );
    println!("call 60000 × 2 at 63000: paid {} from the float {f0}", settled.from_float);
    s.odex_settle(p).unwrap();
    assert_eq!(s.odex_position(p).settlement.unwrap().payoff, Amount::ZERO);
    assert_eq!(s.balance(TRADER) - h0, usdc(6_000));
    assert!(s.odex_book().is_empty(), "expired legs left the vault's book");
    assert!(s.odex_state().claims.is_empty());
    let e = s.odex_settle(p).unwrap_err().downcast::<ContractError>().unwrap();
    assert_eq!(e, ContractError::AlreadySettled { position_id: p });
}

#[test]
fn an_expiry_loss_beyond_the_float_is_claimed_through_the_waterfall() {
    let mut s = odex_suite();
    let t = s.now() + MONTH;
    let call = s.odex_list(true, "60000", t, "2500");
    let a = s.assess(vec![written_call("60000", t, ONE)]);
    show("1 BTC call 60000 written (30 d)", &a);
    // The DEX posts exactly its requirement; its float is the premium it takes.
    s.odex_fund(a.required.u128()).unwrap();
    let id = s.odex_buy(call, ONE).unwrap();
    s.odex_pay_premium().unwrap();
    let m = s.member(&s.odex());
    println!(
        "member: contribution {} required {} peak_stress_loss {} peak_es {} claim_limit {}",
        m.contribution, m.required, m.peak_stress_loss, m.peak_es, m.claim_limit
    );
    let float = s.odex_state().float.u128();
    assert_eq!(float, usdc(2_250));
    s.advance_to(t);
    // BTC at 80,000 at expiry: the call owes 20,000 USDC; the float pays 2,250.
    s.odex_price("80000");
    let assets0 = s.state().total_assets.u128();
    let h0 = s.balance(TRADER);
    let r = s.odex_settle(id).unwrap();
    assert_eq!(Suite::claim_outcome(&r), "settled");
    let st = s.odex_state();
    let c = st.claims.last().unwrap().clone();
    println!(
        "expiry at 80000: payoff {} float {} bad debt {} → member {} pool {} denied {} shortfall {} (claim {:?}, {:?})",
        usdc(20_000),
        float,
        c.bad_debt,
        c.paid_by_member,
        c.paid_by_pool,
        c.denied,
        c.shortfall,
        c.claim_id,
        c.status
    );
    assert_eq!(c.bad_debt.u128(), usdc(20_000) - float);
    assert_eq!(c.status, Some(ClaimStatus::Settled));
    // The waterfall: the DEX's contribution first, then the pool up to the claim limit.
    assert_eq!(c.paid_by_member, m.contribution);
    assert_eq!(c.paid_by_pool.u128(), (c.bad_debt.u128() - m.contribution.u128()).min(m.claim_limit.u128()));
    assert_eq!(c.paid_by_member.u128() + c.paid_by_pool.u128() + c.denied.u128(), c.bad_debt.u128());
    assert_eq!(c.shortfall, Amount::ZERO);
    // The holder got the float's part and the vault's; the pool's capital paid its part.
    assert_eq!(s.balance(TRADER) - h0, float + c.paid_by_member.u128() + c.paid_by_pool.u128());
    assert_eq!(assets0 - s.state().total_assets.u128(), c.paid_by_pool.u128());
    let vc = s.claim(c.claim_id.unwrap());
    assert_eq!((vc.status, vc.paid_by_pool, vc.recipient), (ClaimStatus::Settled, c.paid_by_pool, s.addr(TRADER)));
    assert_eq!((st.bad_debt, st.covered.u128()), (c.bad_debt, c.paid_by_member.u128() + c.paid_by_pool.u128()));
    assert_eq!(s.member(&s.odex()).contribution, Amount::ZERO);
    assert!(s.odex_book().is_empty());
    let p = s.odex_position(id).settlement.unwrap();
    assert_eq!((p.payoff.u128(), p.from_float.u128(), p.bad_debt), (usdc(20_000), float, c.bad_debt));
}

#[test]
fn a_settlement_is_accepted_with_the_oracle_down() {
    let mut s = odex_suite();
    s.odex_fund(usdc(50_000)).unwrap();
    s.odex_add_float(usdc(10_000));
    let (week, month) = (s.now() + 7 * DAY, s.now() + MONTH);
    let call = s.odex_list(true, "60000", week, "1200");
    let put = s.odex_list(false, "58000", month, "1500");
    let c = s.odex_buy(call, ONE).unwrap();
    s.odex_buy(put, ONE).unwrap();
    let before = s.member(&s.odex());
    // Past SPEC's 3,600 s staleness (the suite widens it) the oracle refuses every assessment.
    s.oracle_exec(&oracle::ExecuteMsg::UpdateConfig(oracle::ConfigUpdate {
        max_staleness_secs: Some(3_600),
        ..Default::default()
    }));
    s.advance_to(week);
    s.odex_price("61000");
    // The call's settlement drops its expired leg and keeps the put (f = 1): a reduction.
    let h0 = s.balance(TRADER);
    let r = s.odex_settle(c).unwrap();
    assert_eq!(attr(&r, "reduction"), "true");
    assert_eq!(attr(&r, "oracle"), "error: cached figures kept");
    assert_eq!(s.balance(TRADER) - h0, usdc(1_000));
    assert_eq!(s.odex_book(), vec![leg(BTC, false, "58000", month, -i128::try_from(ONE).unwrap())]);
    assert_eq!(s.odex_state().report_pending, None);
    let m = s.member(&s.odex());
    assert_eq!(m.required, before.required, "cached figures kept");
    println!(
        "settled with the oracle down: paid 1000 USDC, book {:?}, required {} (cached)",
        s.odex_book(),
        m.required
    );
    // An increase is refused while the oracle is down: the vault's typed error.
    let q = s.odex_quote(put, ONE);
    let e = s.odex_buy_as(TRADER, put, ONE, q).unwrap_err().downcast::<VaultError>().unwrap();
    assert!(matches!(&e, VaultError::OracleError { reason } if reason.contains("stale")), "{e:?}");
}

/// Every refusal is a typed error naming the numbers, and changes nothing.
#[test]
fn refusals_are_typed_and_name_the_numbers() {
    let mut s = odex_suite();
    s.odex_fund(usdc(50_000)).unwrap();
    let err = |r: anyhow::Result<cw_multi_test::AppResponse>| r.unwrap_err().downcast::<ContractError>().unwrap();
    let (trader, operator) = (s.addr(TRADER), s.addr(OPERATOR));
    let now = s.now();
    let list = |strike: &str, expiry: u64| ExecuteMsg::ListSeries {
        market: BTC.into(),
        kind: OptionKind::Call,
        strike: Decimal::from_str(strike).unwrap(),
        expiry,
        premium: Decimal::from_str("100").unwrap(),
    };
    assert_eq!(
        err(s.odex_exec(TRADER, &list("60000", now + DAY), 0)),
        ContractError::NotOperator { operator: operator.clone(), sender: trader.clone(), action: "list series" }
    );
    assert_eq!(err(s.odex_exec(OPERATOR, &list("0", now + DAY), 0)), ContractError::ZeroStrike {});
    assert_eq!(
        err(s.odex_exec(OPERATOR, &list("60000", now), 0)),
        ContractError::ExpiryNotInFuture { expiry: now, now }
    );
    let id = s.odex_list(true, "60000", now + DAY, "100");
    assert_eq!(err(s.odex_exec(OPERATOR, &list("60000", now + DAY), 0)), ContractError::SeriesExists { series_id: id });
    let zero = ExecuteMsg::SetPrice { market: BTC.into(), price: Decimal::zero() };
    assert_eq!(err(s.odex_exec(OPERATOR, &zero, 0)), ContractError::ZeroPrice { market: BTC.into() });
    // The premium: exactly ⌈size × quote⌉ (0.5 BTC × 100 = 50 USDC).
    let buy = ExecuteMsg::Buy { series_id: id, size: Amount::new(ONE / 2) };
    assert_eq!(
        err(s.odex_exec(TRADER, &buy, usdc(49))),
        ContractError::WrongPremium {
            paid: Amount::new(usdc(49)),
            premium: Amount::new(usdc(50)),
            size: Amount::new(ONE / 2),
            quote: Decimal::from_str("100").unwrap()
        }
    );
    let none = ExecuteMsg::Buy { series_id: 9, size: Amount::new(1) };
    assert_eq!(err(s.odex_exec(TRADER, &none, 1)), ContractError::SeriesNotFound { series_id: 9 });
    let zero_size = ExecuteMsg::Buy { series_id: id, size: Amount::ZERO };
    assert_eq!(err(s.odex_exec(TRADER, &zero_size, 0)), ContractError::ZeroSize {});
    s.odex_exec(OPERATOR, &ExecuteMsg::Quote { series_id: id, premium: Decimal::zero() }, 0).unwrap();
    assert_eq!(err(s.odex_exec(TRADER, &buy, usdc(50))), ContractError::NotSelling { series_id: id });
    assert_eq!(err(s.odex_pay_premium()), ContractError::NoFees {});
    assert_eq!(err(s.odex_settle(7)), ContractError::PositionNotFound { position_id: 7 });
    assert!(s.odex_state().fees.is_zero() && s.odex_book().is_empty(), "refusals took nothing");
    s.advance(DAY);
    let buy = ExecuteMsg::Buy { series_id: id, size: Amount::new(1) };
    assert_eq!(
        err(s.odex_exec(TRADER, &buy, 1)),
        ContractError::SeriesExpired { series_id: id, expiry: now + DAY, now: now + DAY }
    );
}

/// A settlement never waits on the vault: with the DEX removed as a member its report is
/// refused, yet the holder is paid; the DEX marks the report pending and refuses new buys until
/// a report lands (`sync_exposure`, reverting while the vault still refuses).
#[test]
fn a_refused_settlement_report_marks_it_pending_and_still_pays_the_holder() {
    let mut s = odex_suite();
    s.odex_fund(usdc(50_000)).unwrap();
    s.odex_add_float(usdc(10_000));
    let (week, month) = (s.now() + 7 * DAY, s.now() + MONTH);
    let call = s.odex_list(true, "60000", week, "1200");
    let put = s.odex_list(false, "58000", month, "1500");
    let c = s.odex_buy(call, ONE).unwrap();
    s.odex_buy(put, ONE).unwrap();
    s.advance_to(week);
    s.odex_price("62000");
    s.dao(&risk_pool::vault::ExecuteMsg::RemoveMember { member: s.odex().to_string() }).unwrap();
    let h0 = s.balance(TRADER);
    let r = s.odex_settle(c).unwrap();
    assert_eq!(s.balance(TRADER) - h0, usdc(2_000));
    assert!(r.events.iter().any(|e| e.attributes.iter().any(|a| a.value == "report_pending")));
    let pending = s.odex_state().report_pending.expect("report pending");
    assert_eq!(pending.since, s.now());
    assert!(pending.reason.contains("is not a registered member"), "{}", pending.reason);
    println!("settled with the report refused (not a registered member): paid 2000 USDC; report pending");
    let q = s.odex_quote(put, ONE);
    let e = s.odex_buy_as(TRADER, put, ONE, q).unwrap_err().downcast::<ContractError>().unwrap();
    assert_eq!(e, ContractError::ReportPending { since: pending.since, reason: pending.reason.clone() });
    assert!(s.odex_sync().is_err());
    assert_eq!(s.odex_state().report_pending, Some(pending));
    // Registered again and funded, a keeper lands the book (the put alone) and buys work again.
    let dex = s.odex();
    s.register(&dex, usdc(1_000_000), 500, 7 * DAY).unwrap();
    s.odex_fund(usdc(50_000)).unwrap();
    s.odex_sync().unwrap();
    assert_eq!(s.odex_state().report_pending, None);
    assert_eq!(s.odex_book(), vec![leg(BTC, false, "58000", month, -i128::try_from(ONE).unwrap())]);
    s.odex_buy(put, ONE).unwrap();
    assert_eq!(s.odex_book(), vec![leg(BTC, false, "58000", month, -2 * i128::try_from(ONE).unwrap())]);
}
