//! A true rolling maximum of a piecewise-constant figure: the largest value in force at any
//! instant of `[now − lookback, now]`.
//!
//! Points are kept with strictly decreasing values from oldest to newest (an older value that
//! is not larger than a newer one can never again be the maximum, because every future window
//! that touches it also contains the newer value's start). Each point records when it stopped
//! being in force (`until`; `None` = in force now). At most [`MAX_POINTS`] points are kept: on
//! overflow the two oldest merge into one carrying the larger value and the later end, which can
//! only overstate the peak (rounding toward the pool).

use cosmwasm_schema::cw_serde;
use cosmwasm_std::Uint128;

pub const MAX_POINTS: usize = 16;

#[cw_serde]
pub struct PeakPoint {
    #[serde(rename = "a")]
    pub value: Uint128,
    #[serde(rename = "b")]
    pub until: Option<u64>,
}

#[cw_serde]
#[derive(Default)]
pub struct Peak {
    pub points: Vec<PeakPoint>,
}

impl Peak {
    /// The value in force now (0 before the first `set`).
    pub fn current(&self) -> Uint128 {
        match self.points.last() {
            Some(p) if p.until.is_none() => p.value,
            _ => Uint128::zero(),
        }
    }

    /// Largest value in force at any instant of `[now − lookback, now]`.
    pub fn peak(&self, now: u64, lookback: u64) -> Uint128 {
        let start = now.saturating_sub(lookback);
        self.points.iter().find(|p| p.until.is_none_or(|u| u > start)).map(|p| p.value).unwrap_or_default()
    }

    /// `value` is in force from `now` on.
    pub fn set(&mut self, value: Uint128, now: u64, lookback: u64) {
        if let Some(last) = self.points.last_mut() {
            if last.until.is_none() {
                if last.value == value {
                    self.prune(now, lookback);
                    return;
                }
                last.until = Some(now);
            }
        }
        while self.points.last().is_some_and(|p| p.value <= value) {
            self.points.pop();
        }
        self.points.push(PeakPoint { value, until: None });
        self.prune(now, lookback);
        while self.points.len() > MAX_POINTS {
            let first = self.points.remove(0);
            self.points[0].value = first.value;
        }
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
        let u = Uint128::new;
        assert_eq!(p.peak(0, 100), Uint128::zero());
        p.set(u(50), 10, 100);
        p.set(u(20), 20, 100);
        assert_eq!((p.current(), p.peak(20, 100)), (u(20), u(50)));
        // 50 was in force until t=20: still inside [119−100, 119], gone at 120.
        assert_eq!(p.peak(119, 100), u(50));
        assert_eq!(p.peak(120, 100), u(20));
        p.set(u(70), 30, 100);
        assert_eq!(p.points.len(), 1);
    }

    proptest! {
        /// Against a brute-force model: the full history of (start, value), maximum over every
        /// value in force at some instant of the window. Never below the truth; equal unless the
        /// point bound forced a merge.
        #[test]
        fn matches_brute_force(steps in proptest::collection::vec((0u64..50, 0u128..1000), 1..60), lookback in 0u64..300) {
            let mut p = Peak::default();
            let mut hist: Vec<(u64, u128)> = vec![];
            let mut now = 0;
            let mut merged = false;
            for (dt, v) in steps {
                now += dt;
                p.set(v.into(), now, lookback);
                hist.push((now, v));
                merged |= p.points.len() == MAX_POINTS;
                for probe in [now, now + lookback / 2, now + lookback] {
                    let start = probe.saturating_sub(lookback);
                    let truth = hist.iter().enumerate().filter(|(i, (s, _))| {
                        let end = hist.get(i + 1).map(|n| n.0);
                        *s <= probe && end.is_none_or(|e| e > start)
                    }).map(|(_, (_, v))| *v).max().unwrap();
                    let got = p.peak(probe, lookback).u128();
                    prop_assert!(got >= truth, "peak {} below truth {}", got, truth);
                    if !merged { prop_assert_eq!(got, truth); }
                }
                prop_assert!(p.points.len() <= MAX_POINTS);
            }
        }
    }
}
