//! cw2-based migration guard shared by every contract of the suite.

use core::cmp::Ordering;

use cosmwasm_std::{StdError, Storage};

/// Why a migration was refused, or the storage error that stopped it.
#[derive(thiserror::Error, Debug, PartialEq)]
pub enum MigrateError {
    /// Reading or writing the cw2 record failed (e.g. no cw2 record at all).
    #[error("{0}")]
    Std(#[from] StdError),

    /// A foreign contract, a downgrade or an unparsable version; `reason` says which.
    #[error("cannot migrate from {from_contract} {from_version} to {to_version}: {reason}")]
    Refused {
        /// The contract name in the stored cw2 record.
        from_contract: String,
        /// The version in the stored cw2 record.
        from_version: String,
        /// The version this code would record.
        to_version: String,
        /// Which rule refused it, with the figures.
        reason: String,
    },
}

/// Accepts a migration only from the same contract name at a version ≤ `version` (semver 2.0
/// precedence: `0.2.0-rc1` < `0.2.0`; build metadata takes no part), then records
/// `name`/`version` with cw2 (left as it is when the two are the same string). A foreign
/// contract, a downgrade or a version that is not semver is refused.
///
/// The rules are cw2's `ensure_from_older_version`, with the comparison done by [`Semver`]
/// instead of the `semver` crate (its parser and ordering were ~3.9 KB of each contract that
/// migrates, 1.5-1.7 KB gzipped: issue 15, docs/size.md step 6); `tests` check the two against each other. One difference: the `semver` crate also
/// orders by build metadata, so it refused `1.0.0+b` → `1.0.0+a`; here those are equal
/// (semver 2.0 §10) and the newer string is recorded.
pub fn ensure_upgrade(storage: &mut dyn Storage, name: &str, version: &str) -> Result<(), MigrateError> {
    let stored = cw2::get_contract_version(storage)?;
    let refuse = |reason: String| MigrateError::Refused {
        from_contract: stored.contract.clone(),
        from_version: stored.version.clone(),
        to_version: version.to_string(),
        reason,
    };
    if stored.contract != name {
        return Err(refuse(format!("wrong contract: expecting `{name}`, found `{}`", stored.contract)));
    }
    let from =
        Semver::parse(&stored.version).map_err(|e| refuse(format!("stored version `{}`: {e}", stored.version)))?;
    let to = Semver::parse(version).map_err(|e| refuse(format!("new version `{version}`: {e}")))?;
    match from.cmp(&to) {
        Ordering::Greater => {
            Err(refuse(format!("cannot migrate from newer version ({}) to older ({version})", stored.version)))
        }
        Ordering::Equal if stored.version == version => Ok(()),
        _ => Ok(cw2::set_contract_version(storage, name, version)?),
    }
}

/// A parsed semver 2.0 version, ordered by precedence (major, minor, patch numerically; a
/// pre-release before its release; pre-release identifiers left to right, numeric ones
/// numerically and before alphanumeric ones, alphanumeric ones in ASCII order, a shorter list
/// first when one is a prefix of the other). Build metadata is checked for syntax and dropped.
#[derive(Debug, PartialEq, Eq)]
pub struct Semver<'a> {
    /// MAJOR, MINOR, PATCH.
    pub core: [u64; 3],
    /// The pre-release identifiers (empty for a release).
    pub pre: Vec<&'a str>,
}

impl<'a> Semver<'a> {
    /// Parses `MAJOR.MINOR.PATCH[-PRE][+BUILD]` as semver 2.0 writes it: numbers without
    /// leading zeros (each ≤ u64::MAX), identifiers of `[0-9A-Za-z-]`, non-empty, numeric
    /// pre-release identifiers without leading zeros. The error says which part failed.
    pub fn parse(v: &'a str) -> Result<Semver<'a>, &'static str> {
        let (rest, build) = match v.split_once('+') {
            Some((r, b)) => (r, Some(b)),
            None => (v, None),
        };
        if let Some(b) = build {
            if b.split('.').any(|id| !is_identifier(id)) {
                return Err("invalid build metadata");
            }
        }
        let (core, pre) = match rest.split_once('-') {
            Some((c, p)) => (c, Some(p)),
            None => (rest, None),
        };
        let mut parts = core.split('.');
        let mut num = [0u64; 3];
        for slot in num.iter_mut() {
            let part = parts.next().ok_or(NOT_THREE)?;
            if !is_number(part) {
                return Err("MAJOR, MINOR and PATCH must be numbers without leading zeros");
            }
            *slot = part.parse().map_err(|_| "a number above 18446744073709551615")?;
        }
        if parts.next().is_some() {
            return Err(NOT_THREE);
        }
        let pre: Vec<&str> = match pre {
            Some(p) => p.split('.').collect(),
            None => Vec::new(),
        };
        for id in &pre {
            if !is_identifier(id) || (all_digits(id) && !is_number(id)) {
                return Err("invalid pre-release identifier");
            }
        }
        Ok(Semver { core: num, pre })
    }
}

const NOT_THREE: &str = "not MAJOR.MINOR.PATCH";

/// Non-empty, of `[0-9A-Za-z-]`.
fn is_identifier(id: &str) -> bool {
    !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// Only ASCII digits (true for the empty string; callers check emptiness where it matters).
fn all_digits(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_digit())
}

/// Non-empty digits without a leading zero (but `0` itself).
fn is_number(s: &str) -> bool {
    !s.is_empty() && all_digits(s) && (s == "0" || !s.starts_with('0'))
}

/// Semver 2.0 §11.4 for one pre-release identifier pair.
fn cmp_identifier(a: &str, b: &str) -> Ordering {
    match (all_digits(a), all_digits(b)) {
        // No leading zeros (checked by parse): the longer number is the larger.
        (true, true) => a.len().cmp(&b.len()).then_with(|| a.cmp(b)),
        (true, false) => Ordering::Less,
        (false, true) => Ordering::Greater,
        (false, false) => a.cmp(b),
    }
}

impl Ord for Semver<'_> {
    fn cmp(&self, other: &Self) -> Ordering {
        self.core.cmp(&other.core).then_with(|| match (self.pre.is_empty(), other.pre.is_empty()) {
            (true, true) => Ordering::Equal,
            (true, false) => Ordering::Greater,
            (false, true) => Ordering::Less,
            (false, false) => {
                for (a, b) in self.pre.iter().zip(&other.pre) {
                    let o = cmp_identifier(a, b);
                    if o != Ordering::Equal {
                        return o;
                    }
                }
                self.pre.len().cmp(&other.pre.len())
            }
        })
    }
}

impl PartialOrd for Semver<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cosmwasm_std::testing::MockStorage;

    const ORACLE: &str = "crates.io:risk-oracle";

    fn stored(name: &str, version: &str) -> MockStorage {
        let mut s = MockStorage::new();
        cw2::set_contract_version(&mut s, name, version).unwrap();
        s
    }

    fn version(s: &MockStorage) -> String {
        cw2::get_contract_version(s).unwrap().version
    }

    #[test]
    fn upgrade_rules() {
        let mut s = stored(ORACLE, "0.2.0");
        assert!(ensure_upgrade(&mut s, ORACLE, "0.2.0").is_ok());
        assert!(ensure_upgrade(&mut s, ORACLE, "0.10.1").is_ok());
        assert!(matches!(ensure_upgrade(&mut s, ORACLE, "0.9.0"), Err(MigrateError::Refused { .. })));
        assert!(matches!(ensure_upgrade(&mut s, "crates.io:pool-vault", "9.0.0"), Err(MigrateError::Refused { .. })));
        assert!(matches!(ensure_upgrade(&mut s, ORACLE, "x"), Err(MigrateError::Refused { .. })));
        assert_eq!(version(&s), "0.10.1");
    }

    #[test]
    fn same_version_is_accepted_and_kept() {
        let mut s = stored(ORACLE, "0.2.0");
        ensure_upgrade(&mut s, ORACLE, "0.2.0").unwrap();
        assert_eq!(
            cw2::get_contract_version(&s).unwrap(),
            cw2::ContractVersion { contract: ORACLE.to_string(), version: "0.2.0".to_string() }
        );
    }

    /// Semver precedence: a pre-release sorts before its release (the hand-rolled parser this
    /// replaced cut the `-rc1` off and took the two as equal, so it let 0.2.0 → 0.2.0-rc1 through).
    #[test]
    fn pre_release_is_older_than_its_release() {
        let mut s = stored(ORACLE, "0.2.0");
        let err = ensure_upgrade(&mut s, ORACLE, "0.2.0-rc1").unwrap_err();
        assert!(
            matches!(&err, MigrateError::Refused { from_contract, from_version, to_version, .. }
                if from_contract == ORACLE && from_version == "0.2.0" && to_version == "0.2.0-rc1"),
            "{err:?}"
        );
        assert!(err.to_string().starts_with("cannot migrate from crates.io:risk-oracle 0.2.0 to 0.2.0-rc1: "), "{err}");
        assert_eq!(version(&s), "0.2.0", "a refused migration leaves the record");

        let mut s = stored(ORACLE, "0.2.0-rc1");
        ensure_upgrade(&mut s, ORACLE, "0.2.0").unwrap();
        assert_eq!(version(&s), "0.2.0");
        let mut s = stored(ORACLE, "0.2.0-rc1");
        ensure_upgrade(&mut s, ORACLE, "0.2.0-rc2").unwrap();
        assert_eq!(version(&s), "0.2.0-rc2");
    }

    #[test]
    fn foreign_contract_is_refused() {
        let mut s = stored("crates.io:something-else", "0.1.0");
        let err = ensure_upgrade(&mut s, ORACLE, "0.2.0").unwrap_err();
        assert!(
            matches!(&err, MigrateError::Refused { from_contract, from_version, to_version, .. }
                if from_contract == "crates.io:something-else" && from_version == "0.1.0" && to_version == "0.2.0"),
            "{err:?}"
        );
        assert_eq!(cw2::get_contract_version(&s).unwrap().contract, "crates.io:something-else");
    }

    #[test]
    fn unparsable_versions_are_refused() {
        let mut s = stored(ORACLE, "0.2.0");
        for v in ["x", "0.2", "v0.2.0", "0.2.0.1", ""] {
            assert!(matches!(ensure_upgrade(&mut s, ORACLE, v), Err(MigrateError::Refused { .. })), "{v}");
        }
        let mut s = stored(ORACLE, "not-semver");
        assert!(matches!(ensure_upgrade(&mut s, ORACLE, "0.2.0"), Err(MigrateError::Refused { .. })));
        assert_eq!(version(&s), "not-semver");
    }

    #[test]
    fn no_cw2_record_is_a_storage_error() {
        let mut s = MockStorage::new();
        assert!(matches!(ensure_upgrade(&mut s, ORACLE, "0.2.0"), Err(MigrateError::Std(StdError::NotFound { .. }))));
    }

    /// The comparison against the `semver` crate (what cw2 compared with): the same strings
    /// parse, and any two that parse order the same (build metadata aside, which semver 2.0
    /// leaves out of precedence and the crate does not).
    mod against_semver_crate {
        use super::super::Semver;
        use proptest::prelude::*;

        fn reference(v: &str) -> Option<semver::Version> {
            semver::Version::parse(v).ok()
        }

        /// Near-miss strings: short runs of digits, dots, dashes, letters and plus signs.
        fn near_semver() -> impl Strategy<Value = String> {
            prop_oneof![
                "[0-9a-zA-Z.+-]{0,14}",
                "(0|[1-9][0-9]{0,2}|0[0-9])\\.(0|[1-9][0-9]?|00)\\.(0|[1-9]|01)(-[0-9a-z-]{0,4}(\\.[0-9a-z-]{0,4}){0,2})?(\\+[0-9a-z-]{0,3})?",
                "[0-9]{18,22}\\.0\\.0",
            ]
        }

        /// Well-formed versions with small numbers, so that pairs often tie or nearly tie.
        fn version() -> impl Strategy<Value = String> {
            let id = prop_oneof!["0|[1-9]|1[0-9]", "[a-c]{1,2}", "[a-c0-2-]{1,3}"]
                .prop_filter("no leading zero", |s: &String| {
                    !(s.len() > 1 && s.starts_with('0') && s.bytes().all(|b| b.is_ascii_digit()))
                });
            ((0u64..3, 0u64..3, 0u64..3), proptest::collection::vec(id, 0..4)).prop_map(|((a, b, c), pre)| {
                if pre.is_empty() {
                    format!("{a}.{b}.{c}")
                } else {
                    format!("{a}.{b}.{c}-{}", pre.join("."))
                }
            })
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(4000))]
            #[test]
            fn parses_what_semver_parses(v in near_semver()) {
                prop_assert_eq!(Semver::parse(&v).is_ok(), reference(&v).is_some(), "{}", v);
            }

            #[test]
            fn orders_as_semver_orders(a in version(), b in version()) {
                let (ra, rb) = (reference(&a).unwrap(), reference(&b).unwrap());
                let (oa, ob) = (Semver::parse(&a).unwrap(), Semver::parse(&b).unwrap());
                prop_assert_eq!(oa.cmp(&ob), ra.cmp(&rb), "{} vs {}", a, b);
            }
        }

        #[test]
        fn precedence_examples_of_the_spec() {
            // semver 2.0 §11.4's own chain.
            let chain = [
                "1.0.0-alpha",
                "1.0.0-alpha.1",
                "1.0.0-alpha.beta",
                "1.0.0-beta",
                "1.0.0-beta.2",
                "1.0.0-beta.11",
                "1.0.0-rc.1",
                "1.0.0",
                "1.0.1",
                "1.1.0",
                "2.0.0",
                "10.0.0",
            ];
            for w in chain.windows(2) {
                assert!(Semver::parse(w[0]).unwrap() < Semver::parse(w[1]).unwrap(), "{} < {}", w[0], w[1]);
            }
            assert_eq!(Semver::parse("1.0.0+b.7").unwrap(), Semver::parse("1.0.0").unwrap());
            assert!(Semver::parse("18446744073709551616.0.0").unwrap_err().contains("above 18446744073709551615"));
            assert!(Semver::parse("1.0.0-01").unwrap_err().contains("pre-release identifier"));
            assert!(Semver::parse("1.0.0+").unwrap_err().contains("build metadata"));
        }
    }

    #[test]
    fn refusals_name_the_rule_and_the_versions() {
        let mut s = stored(ORACLE, "0.3.0");
        let e = ensure_upgrade(&mut s, ORACLE, "0.2.9").unwrap_err().to_string();
        assert_eq!(e, "cannot migrate from crates.io:risk-oracle 0.3.0 to 0.2.9: cannot migrate from newer version (0.3.0) to older (0.2.9)");
        let e = ensure_upgrade(&mut s, "crates.io:pool-vault", "1.0.0").unwrap_err().to_string();
        assert!(e.ends_with("wrong contract: expecting `crates.io:pool-vault`, found `crates.io:risk-oracle`"), "{e}");
        let e = ensure_upgrade(&mut s, ORACLE, "0.4").unwrap_err().to_string();
        assert!(e.ends_with("new version `0.4`: not MAJOR.MINOR.PATCH"), "{e}");
        assert_eq!(version(&s), "0.3.0");
    }

    /// Build metadata takes no part in precedence: an equal version with other metadata is
    /// accepted and recorded (the `semver` crate ordered by it and refused one way).
    #[test]
    fn build_metadata_is_not_a_downgrade() {
        let mut s = stored(ORACLE, "0.3.0+b");
        ensure_upgrade(&mut s, ORACLE, "0.3.0+a").unwrap();
        assert_eq!(version(&s), "0.3.0+a");
    }
}
