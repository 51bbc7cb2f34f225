//! cw2-based migration guard shared by every contract of the suite.

use cosmwasm_std::{StdError, Storage};

/// Why a migration was refused, or the storage error that stopped it.
#[derive(thiserror::Error, Debug, PartialEq)]
pub enum MigrateError {
    /// Reading or writing the cw2 record failed (e.g. no cw2 record at all).
    #[error("{0}")]
    Std(#[from] StdError),

    /// A foreign contract, a downgrade or an unparsable version; `reason` is cw2's words.
    #[error("cannot migrate from {from_contract} {from_version} to {to_version}: {reason}")]
    Refused {
        /// The contract name in the stored cw2 record.
        from_contract: String,
        /// The version in the stored cw2 record.
        from_version: String,
        /// The version this code would record.
        to_version: String,
        /// cw2's words.
        reason: String,
    },
}

/// Accepts a migration only from the same contract name at a version ≤ `version` (semver
/// precedence: `0.2.0-rc1` < `0.2.0`), then records `name`/`version` with cw2. A foreign
/// contract, a downgrade or a version that is not semver is refused.
///
/// The checks are cw2's own ([`cw2::ensure_from_older_version`]). It reports every refusal as
/// a generic `StdError`; the stored record is read first, so a generic error after that is a
/// refusal and is typed as [`MigrateError::Refused`], any other `StdError` stays `Std`.
pub fn ensure_upgrade(storage: &mut dyn Storage, name: &str, version: &str) -> Result<(), MigrateError> {
    let stored = cw2::get_contract_version(storage)?;
    cw2::ensure_from_older_version(storage, name, version).map_err(|e| match e {
        StdError::GenericErr { msg, .. } => MigrateError::Refused {
            from_contract: stored.contract,
            from_version: stored.version,
            to_version: version.to_string(),
            reason: msg,
        },
        other => MigrateError::Std(other),
    })?;
    Ok(())
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
}
