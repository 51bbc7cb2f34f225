//! A true rolling extreme of a piecewise-constant figure: the largest ([`Peak`], a rolling
//! maximum) or smallest ([`Low`], a rolling minimum) value in force at any instant of
//! `[now − lookback, now]`.
//!
//! Points are kept strictly less extreme from oldest to newest (for a maximum: strictly
//! decreasing values). An older value that is not more extreme than a newer one can never again
//! be the extreme, because every future window that touches it also contains the newer value's
//! start. Each point records when it stopped being in force (`until`; `None` = in force now).
//!
//! At most [`MAX_POINTS`] points are kept. On overflow two adjacent points merge into one that
//! carries the more extreme value (the older one's) and the later end; the pair merged is the
//! one spanning the least time, from the end of the point before it to the end of its newer
//! point (the oldest point is never merged into: its value's start is unknown). With
//! MAX_POINTS + 1 points, all after the oldest's end, which lies inside the window of length L,
//! eight disjoint candidate pairs share at most L, so the pair merged spans at most ⌊L/8⌋; a
//! point's value was then really in force at most ⌊L/8⌋ before its recorded end. So a reading is
//! never less extreme than the exact extreme over `[now − L, now]` and never more extreme than
//! the exact extreme over `[now − L − ⌊L/8⌋, now]`. A merge therefore
//! only errs toward the more extreme value, and by at most an eighth of the lookback in time:
//! for a [`Peak`] it overstates (toward the pool: withdrawal floors, premiums); for the [`Low`]
//! of `required` used by coverage suspension it understates (toward the member's cover, so a
//! requirement raised within the lookback never suspends cover; a deficit older than 9/8 of the
//! lookback always does).

use std::marker::PhantomData;

use cosmwasm_schema::cw_serde;
use cosmwasm_schema::schemars::{self, JsonSchema};
use risk_pool::units::Amount;

/// The most points a rolling extreme keeps (see the module doc for the bound this gives).
pub const MAX_POINTS: usize = 16;

#[cw_serde]
pub struct PeakPoint {
    #[serde(rename = "a")]
    pub value: Amount,
    #[serde(rename = "b")]
    pub until: Option<u64>,
}

/// Which extreme a [`Rolling`] keeps.
pub trait Extreme {
    /// `a` is strictly more extreme than `b`.
    fn beats(a: Amount, b: Amount) -> bool;
}

/// The rolling maximum.
#[derive(Clone, Debug, PartialEq, Eq, Default, JsonSchema)]
pub struct Max;

/// The rolling minimum.
#[derive(Clone, Debug, PartialEq, Eq, Default, JsonSchema)]
pub struct Min;

impl Extreme for Max {
    fn beats(a: Amount, b: Amount) -> bool {
        a > b
    }
}

impl Extreme for Min {
    fn beats(a: Amount, b: Amount) -> bool {
        a < b
    }
}

/// Stored as `{"points": [...]}` for either extreme (the kind is the field's type).
#[cw_serde]
pub struct Rolling<K> {
    pub points: Vec<PeakPoint>,
    #[serde(skip)]
    pub kind: PhantomData<K>,
}

impl<K> Default for Rolling<K> {
    fn default() -> Self {
        Rolling { points: vec![], kind: PhantomData }
    }
}

/// The rolling maximum (peaks of `required`, `es`, `stress_loss`).
pub type Peak = Rolling<Max>;
/// The rolling minimum (the lowest `required`, for coverage suspension).
pub type Low = Rolling<Min>;

impl<K: Extreme> Rolling<K> {
    /// The value in force now (0 before the first `set`).
    pub fn current(&self) -> Amount {
        match self.points.last() {
            Some(p) if p.until.is_none() => p.value,
            _ => Amount::ZERO,
        }
    }

    /// The extreme value in force at any instant of `[now − lookback, now]`; None when no value
    /// was (before the first `set`).
    pub fn extreme(&self, now: u64, lookback: u64) -> Option<Amount> {
        let start = now.saturating_sub(lookback);
        self.points.iter().find(|p| p.until.is_none_or(|u| u > start)).map(|p| p.value)
    }

    /// [`Self::extreme`], 0 when none.
    pub fn peak(&self, now: u64, lookback: u64) -> Amount {
        self.extreme(now, lookback).unwrap_or_default()
    }

    /// `value` is in force from `now` on.
    pub fn set(&mut self, value: Amount, now: u64, lookback: u64) {
        if let Some(last) = self.points.last_mut() {
            if last.until.is_none() {
                if last.value == value {
                    self.prune(now, lookback);
                    return;
                }
                last.until = Some(now);
            }
        }
        while self.points.last().is_some_and(|p| !K::beats(p.value, value)) {
            self.points.pop();
        }
        self.points.push(PeakPoint { value, until: None });
        self.prune(now, lookback);
        while self.points.len() > MAX_POINTS {
            self.merge_shortest_pair(now);
        }
    }

    /// Merges the adjacent pair (i, i+1), i ≥ 1, spanning the least time, from the end of point
    /// i−1 to the end of point i+1 (ties: the oldest), into point i's value and point i+1's end
    /// (see the module doc). The oldest point never merges with its successor: the start of its
    /// value is not stored, so its span would be unknown.
    fn merge_shortest_pair(&mut self, now: u64) {
        let end = |p: &PeakPoint| p.until.unwrap_or(now);
        let span = |i: usize| end(&self.points[i + 1]).saturating_sub(end(&self.points[i - 1]));
        let Some(i) = (1..self.points.len().saturating_sub(1)).min_by_key(|&i| span(i)) else { return };
        let newer = self.points.remove(i + 1);
        self.points[i].until = newer.until;
    }

    /// Drops points that ended before the window `[now − lookback, now]`.
    pub fn prune(&mut self, now: u64, lookback: u64) {
        let start = now.saturating_sub(lookback);
        let keep_from = self.points.iter().position(|p| p.until.is_none_or(|u| u > start)).unwrap_or(self.points.len());
        self.points.drain(..keep_from);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn rolling_max_forgets_after_the_lookback() {
        let mut p = Peak::default();
        let u = Amount::new;
        assert_eq!(p.peak(0, 100), Amount::ZERO);
        p.set(u(50), 10, 100);
        p.set(u(20), 20, 100);
        assert_eq!((p.current(), p.peak(20, 100)), (u(20), u(50)));
        // 50 was in force until t=20: still inside [119−100, 119], gone at 120.
        assert_eq!(p.peak(119, 100), u(50));
        assert_eq!(p.peak(120, 100), u(20));
        p.set(u(70), 30, 100);
        assert_eq!(p.points.len(), 1);
    }

    #[test]
    fn rolling_min_forgets_after_the_lookback_and_stores_like_a_peak() {
        let mut p = Low::default();
        let u = Amount::new;
        assert_eq!(p.extreme(0, 100), None);
        p.set(u(20), 10, 100);
        p.set(u(50), 20, 100);
        assert_eq!((p.current(), p.extreme(20, 100)), (u(50), Some(u(20))));
        assert_eq!(p.extreme(119, 100), Some(u(20)));
        assert_eq!(p.extreme(120, 100), Some(u(50)));
        p.set(u(5), 30, 100);
        assert_eq!(p.points.len(), 1);
        // Same stored shape as a peak (the kind is not stored).
        let json = cosmwasm_std::to_json_string(&p).unwrap();
        assert_eq!(json, r#"{"points":[{"a":"5","b":null}]}"#);
        let back: Peak = cosmwasm_std::from_json(&json).unwrap();
        assert_eq!(back.points, p.points);
    }

    /// Brute force over the full history of (start, value): the extreme (`pick`) of every value
    /// in force at some instant of `[probe − window, probe]`.
    fn truth(hist: &[(u64, u128)], probe: u64, window: u64, pick: fn(u128, u128) -> u128) -> u128 {
        let start = probe.saturating_sub(window);
        hist.iter()
            .enumerate()
            .filter(|(i, (s, _))| {
                let end = hist.get(i + 1).map(|n| n.0);
                *s <= probe && end.is_none_or(|e| e > start)
            })
            .map(|(_, (_, v))| *v)
            .reduce(pick)
            .unwrap()
    }

    /// Exact until a merge; after one, between the exact extreme over the lookback and the
    /// extreme over the lookback plus ⌊lookback/8⌋ (module doc), for either kind.
    fn check<K: Extreme>(
        steps: Vec<(u64, u128)>,
        lookback: u64,
        pick: fn(u128, u128) -> u128,
    ) -> Result<(), TestCaseError> {
        let mut p = Rolling::<K>::default();
        let mut hist: Vec<(u64, u128)> = vec![];
        let (mut now, mut merged) = (0, false);
        for (dt, v) in steps {
            now += dt;
            p.set(v.into(), now, lookback);
            hist.push((now, v));
            merged |= p.points.len() == MAX_POINTS;
            for probe in [now, now + lookback / 3, now + lookback / 2, now + lookback] {
                let exact = truth(&hist, probe, lookback, pick);
                let wide = truth(&hist, probe, lookback + lookback / 8, pick);
                let got = p.peak(probe, lookback).u128();
                prop_assert!(pick(got, exact) == got, "reading {} less extreme than exact {}", got, exact);
                prop_assert!(pick(got, wide) == wide, "reading {} beyond the widened window's {}", got, wide);
                if !merged {
                    prop_assert_eq!(got, exact);
                }
            }
            prop_assert!(p.points.len() <= MAX_POINTS);
        }
        Ok(())
    }

    proptest! {
        #[test]
        fn rolling_max_matches_brute_force(steps in proptest::collection::vec((0u64..50, 0u128..1000), 1..80), lookback in 0u64..600) {
            check::<Max>(steps, lookback, u128::max)?;
        }

        /// Item 9: the rolling minimum, same bounds mirrored (a merge understates).
        #[test]
        fn audit_09_rolling_min_matches_brute_force(steps in proptest::collection::vec((0u64..50, 0u128..1000), 1..80), lookback in 0u64..600) {
            check::<Min>(steps, lookback, u128::min)?;
        }

        /// Monotone runs (the worst case for a bounded list: every value is a new point).
        #[test]
        fn audit_09_monotone_runs_stay_within_the_bound(n in 17usize..120, dt in 1u64..40, lookback in 1u64..2_000, up in any::<bool>()) {
            let steps: Vec<(u64, u128)> = (0..n).map(|i| (dt, if up { i as u128 } else { (n - i) as u128 })).collect();
            check::<Min>(steps.clone(), lookback, u128::min)?;
            check::<Max>(steps, lookback, u128::max)?;
        }
    }
}
