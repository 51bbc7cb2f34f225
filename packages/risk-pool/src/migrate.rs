//! cw2-based migration guard shared by every contract of the suite.

use cosmwasm_std::{StdError, Storage};

/// Why a migration was refused, or the storage error that stopped it.
#[derive(thiserror::Error, Debug, PartialEq)]
pub enum MigrateError {
    #[error("{0}")]
    Std(#[from] StdError),

    #[error("cannot migrate from {from_contract} {from_version} to {to_version}")]
    Refused { from_contract: String, from_version: String, to_version: String },
}

fn parse(v: &str) -> Option<(u64, u64, u64)> {
    let core = v.split(['-', '+']).next()?;
    let mut it = core.split('.').map(|p| p.parse::<u64>());
    let out = (it.next()?.ok()?, it.next()?.ok()?, it.next()?.ok()?);
    it.next().is_none().then_some(out)
}

/// Accepts a migration only from the same contract name at a version ≤ `version`, then
/// records `name`/`version` with cw2. A foreign contract, a downgrade or an unparsable
/// version is refused.
pub fn ensure_upgrade(storage: &mut dyn Storage, name: &str, version: &str) -> Result<(), MigrateError> {
    let stored = cw2::get_contract_version(storage)?;
    let refuse = || MigrateError::Refused {
        from_contract: stored.contract.clone(),
        from_version: stored.version.clone(),
        to_version: version.to_string(),
    };
    if stored.contract != name {
        return Err(refuse());
    }
    match (parse(&stored.version), parse(version)) {
        (Some(from), Some(to)) if from <= to => {}
        _ => return Err(refuse()),
    }
    cw2::set_contract_version(storage, name, version)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use cosmwasm_std::testing::MockStorage;

    #[test]
    fn upgrade_rules() {
        let mut s = MockStorage::new();
        cw2::set_contract_version(&mut s, "crates.io:risk-oracle", "0.2.0").unwrap();
        assert!(ensure_upgrade(&mut s, "crates.io:risk-oracle", "0.2.0").is_ok());
        assert!(ensure_upgrade(&mut s, "crates.io:risk-oracle", "0.10.1").is_ok());
        assert!(matches!(ensure_upgrade(&mut s, "crates.io:risk-oracle", "0.9.0"), Err(MigrateError::Refused { .. })));
        assert!(matches!(ensure_upgrade(&mut s, "crates.io:pool-vault", "9.0.0"), Err(MigrateError::Refused { .. })));
        assert!(matches!(ensure_upgrade(&mut s, "crates.io:risk-oracle", "x"), Err(MigrateError::Refused { .. })));
        assert_eq!(cw2::get_contract_version(&s).unwrap().version, "0.10.1");
    }
}
