//! The passing rule, exact in integers (256-bit products):
//! quorum:    (yes + no + abstain)·10⁴ ≥ quorum_bps · total
//! threshold: yes·10⁴ > threshold_bps · (yes + no)
//! A tie (yes·10⁴ = threshold_bps·(yes + no)) fails; all-abstain fails (0 > 0 is false); total
//! power 0 fails. Early decision: with `remaining` = total − cast votes still possible, the
//! outcome is fixed once passing holds even if all of `remaining` votes no, or failing holds even
//! if all of it votes yes.
//!
//! Every sum and product is taken in 256 bits: at most four `u128` powers times 10⁴ stay far
//! below 2²⁵⁶, so none of them can overflow.

use cosmwasm_std::Uint256;
use risk_pool::dao::Status;
use risk_pool::Power;

use crate::state::Proposal;

/// What the votes cast so far decide.
#[derive(Debug, PartialEq, Eq, Clone, Copy)]
pub enum Outcome {
    /// Passes whatever the rest of the power votes.
    Pass,
    /// Fails whatever the rest of the power votes.
    Fail,
    /// Still open.
    Undecided,
}

/// `x` widened to 256 bits.
fn wide(x: Power) -> Uint256 {
    Uint256::from(x.raw())
}

/// `x · b` (a power times basis points), exact.
fn bps(x: Uint256, b: u32) -> Uint256 {
    x * Uint256::from(b)
}

/// The outcome of `p`'s votes; `final_count` once voting has ended (no power remains to vote).
pub fn outcome(p: &Proposal, final_count: bool) -> Outcome {
    let total = wide(p.total_power);
    if total.is_zero() {
        return Outcome::Fail;
    }
    let (yes, no) = (wide(p.yes), wide(p.no));
    let cast = yes + no + wide(p.abstain);
    let remaining = if final_count { Uint256::zero() } else { total.saturating_sub(cast) };
    let quorum_now = bps(cast, 10_000) >= bps(total, p.quorum_bps);
    if quorum_now && bps(yes, 10_000) > bps(yes + no + remaining, p.threshold_bps) {
        return Outcome::Pass;
    }
    let quorum_possible = bps(cast + remaining, 10_000) >= bps(total, p.quorum_bps);
    let yes_max = yes + remaining;
    if !quorum_possible || bps(yes_max, 10_000) <= bps(yes_max + no, p.threshold_bps) {
        return Outcome::Fail;
    }
    Outcome::Undecided
}

/// Seconds a passed proposal waits before `execute` (SPEC, revision 2):
/// wait = max(timelock_secs, u + exit_window_secs) when `require_timelock_ge_unbonding` and the
/// proposal is not `claims_only`, else timelock_secs; u = max(`vault_unbonding` (the vault's
/// `unbonding_secs` read now; `None` = not read), the value last recorded in the proposal).
/// The recorded value is kept because an exit requested while it stood matures that long after
/// its request (the vault fixes `matures_at` at request), so lowering the vault's unbonding
/// later never lets a change apply before such an exit. Saturating: a wait past u64 never ends.
pub fn wait_secs(p: &Proposal, vault_unbonding: Option<u64>) -> u64 {
    if !p.require_timelock_ge_unbonding || p.claims_only {
        return p.timelock_secs;
    }
    let u = vault_unbonding.unwrap_or_default().max(p.unbonding_secs.unwrap_or_default());
    p.timelock_secs.max(u.saturating_add(p.exit_window_secs))
}

/// The unbonding a proposal's wait uses besides the value recorded in it: max(`live` (the
/// vault's now, if read), every value a batch set at or after the proposal was made (`log`,
/// see `state::UNBONDING_LOG`)). With the value read at propose, this covers every value in force
/// since, so the wait — and `executable_at` — never decreases as time passes: a proposal reading
/// `expired` has been executable for a whole `execution_window_secs`.
pub fn seen_unbonding(p: &Proposal, live: Option<u64>, log: &[(u64, u64)]) -> Option<u64> {
    let logged = log.iter().filter(|(at, _)| *at >= p.created_at).map(|(_, v)| *v).max();
    live.max(logged)
}

/// Sets `executable_at` = passed_at + [`wait_secs`] (nothing before passing).
fn set_executable_at(p: &mut Proposal, vault_unbonding: Option<u64>) {
    let wait = wait_secs(p, vault_unbonding);
    p.executable_at = p.passed_at.map(|at| at.saturating_add(wait));
}

/// Marks `p` passed at `at`; `executable_at` from the unbonding recorded in `p`.
pub fn pass(p: &mut Proposal, at: u64) {
    p.status = Status::Passed;
    p.passed_at = Some(at);
    set_executable_at(p, None);
}

/// The proposal as of `now`: an ended vote is counted; a passed proposal gets `executable_at`
/// from `vault_unbonding` (the vault's current `unbonding_secs`, `None` if not known: the value
/// recorded in the proposal) and is expired once `now` ≥ executable_at + execution_window_secs,
/// the window counting from the moment execution is allowed, never from before it.
pub fn status_at(mut p: Proposal, now: u64, vault_unbonding: Option<u64>) -> Proposal {
    if p.status == Status::Open && now >= p.voting_ends_at {
        match outcome(&p, true) {
            Outcome::Pass => {
                let at = p.voting_ends_at;
                pass(&mut p, at)
            }
            _ => p.status = Status::Rejected,
        }
    }
    if p.status == Status::Passed {
        set_executable_at(&mut p, vault_unbonding);
        let deadline = p.executable_at.unwrap_or_default().saturating_add(p.execution_window_secs);
        if now >= deadline {
            p.status = Status::Expired;
        }
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;
    use cosmwasm_std::Addr;
    use proptest::prelude::*;
    use risk_pool::dao::ConfigResponse;

    use crate::state::Config;

    fn prop(yes: u128, no: u128, abstain: u128, total: u128, quorum: u32, threshold: u32) -> Proposal {
        Proposal {
            id: 1,
            title: String::new(),
            description: String::new(),
            msgs: vec![],
            proposer: Addr::unchecked("p"),
            status: Status::Open,
            start_height: 1,
            voting_ends_at: 100,
            executable_at: None,
            yes: Power::new(yes),
            no: Power::new(no),
            abstain: Power::new(abstain),
            total_power: Power::new(total),
            quorum_bps: quorum,
            threshold_bps: threshold,
            timelock_secs: 10,
            execution_window_secs: 10,
            guardian: None,
            created_at: 0,
            passed_at: None,
            failure: None,
            require_timelock_ge_unbonding: true,
            exit_window_secs: 86_400,
            unbonding_secs: None,
            claims_only: false,
        }
    }

    #[test]
    fn ties_all_abstain_and_zero_total_fail() {
        assert_eq!(outcome(&prop(50, 50, 0, 100, 2000, 5000), true), Outcome::Fail);
        assert_eq!(outcome(&prop(51, 49, 0, 100, 2000, 5000), true), Outcome::Pass);
        assert_eq!(outcome(&prop(0, 0, 100, 100, 2000, 5000), true), Outcome::Fail);
        assert_eq!(outcome(&prop(0, 0, 0, 0, 0, 0), true), Outcome::Fail);
        // Quorum exactly met passes; one unit short fails.
        assert_eq!(outcome(&prop(20, 0, 0, 100, 2000, 5000), true), Outcome::Pass);
        assert_eq!(outcome(&prop(19, 0, 0, 100, 2000, 5000), true), Outcome::Fail);
    }

    #[test]
    fn the_wait_adds_the_exit_window_to_the_largest_unbonding_seen() {
        let mut p = prop(0, 0, 0, 1, 0, 0);
        (p.timelock_secs, p.exit_window_secs, p.unbonding_secs) = (86_400, 86_400, Some(604_800));
        // max(1 d, max(7 d recorded, 30 d live) + 1 d) = 31 d.
        assert_eq!(wait_secs(&p, Some(2_592_000)), 2_678_400);
        // A lower live value never shortens it below the recorded one.
        assert_eq!(wait_secs(&p, Some(3_600)), 691_200);
        // A timelock longer than unbonding + exit window rules.
        p.timelock_secs = 864_000;
        assert_eq!(wait_secs(&p, None), 864_000);
        // Claim decisions and the flag off: the timelock only.
        p.timelock_secs = 86_400;
        p.claims_only = true;
        assert_eq!(wait_secs(&p, Some(2_592_000)), 86_400);
        (p.claims_only, p.require_timelock_ge_unbonding) = (false, false);
        assert_eq!(wait_secs(&p, Some(2_592_000)), 86_400);
        // Saturating: a wait past u64 never ends.
        p.require_timelock_ge_unbonding = true;
        assert_eq!(wait_secs(&p, Some(u64::MAX)), u64::MAX);
        // Logged changes count from the proposal's creation on.
        p.created_at = 100;
        let log = [(99, 9_000_000), (100, 2_000_000), (150, 1_000_000)];
        assert_eq!(seen_unbonding(&p, Some(5), &log), Some(2_000_000));
        assert_eq!(seen_unbonding(&p, None, &log[..1]), None);
    }

    /// State stored before revision 2 (no new fields) still loads, with the conservative defaults.
    #[test]
    fn proposals_and_config_stored_before_revision_2_load() {
        let json = cosmwasm_std::to_json_string(&prop(1, 0, 0, 1, 0, 0)).unwrap();
        let tail = r#","require_timelock_ge_unbonding":true,"exit_window_secs":86400,"unbonding_secs":null,"claims_only":false}"#;
        assert!(json.ends_with(tail), "{json}");
        let old = format!("{}}}", &json[..json.len() - tail.len()]);
        let p: Proposal = cosmwasm_std::from_json(&old).unwrap();
        let r: risk_pool::dao::ProposalResponse = cosmwasm_std::from_json(&old).unwrap();
        assert_eq!(r, p.clone().into());
        assert_eq!(
            (p.require_timelock_ge_unbonding, p.exit_window_secs, p.unbonding_secs, p.claims_only),
            (true, 86_400, None, false)
        );
        let cfg = r#"{"vault":"v","voting_period_secs":1,"quorum_bps":0,"threshold_bps":0,"timelock_secs":1,
"min_propose_power":"1","guardian":null,"max_msgs":1,"execution_window_secs":1,
"require_timelock_ge_unbonding":true,"max_title_len":1,"max_description_len":1}"#;
        let c: Config = cosmwasm_std::from_json(cfg).unwrap();
        assert_eq!(c.exit_window_secs, 86_400);
        let c: ConfigResponse = cosmwasm_std::from_json(cfg).unwrap();
        assert_eq!(c.exit_window_secs, 86_400);
    }

    proptest! {
        /// An early decision is never contradicted by any split of the remaining power.
        #[test]
        fn early_decisions_are_final(
            yes in 0u128..1000, no in 0u128..1000, abstain in 0u128..1000, extra in 0u128..1000,
            quorum in 0u32..=10_000, threshold in 0u32..=10_000, a in 0u128..=1000, b in 0u128..=1000,
        ) {
            let total = yes + no + abstain + extra;
            let early = outcome(&prop(yes, no, abstain, total, quorum, threshold), false);
            // Split the remaining `extra` (some of it may never vote) among yes, no and abstain.
            let y = extra * a / 1000;
            let n = (extra - y) * b / 1000;
            let ab = (extra - y - n) / 2;
            let fin = outcome(&prop(yes + y, no + n, abstain + ab, total, quorum, threshold), true);
            if early != Outcome::Undecided {
                prop_assert_eq!(early, fin);
            }
            prop_assert_ne!(fin, Outcome::Undecided);
        }
    }
}
