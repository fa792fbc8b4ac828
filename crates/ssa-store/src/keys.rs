//! Settings, signing keys and trusted fingerprints (schema 8).
//!
//! Our delegation's secret signing key lives here, so it is exactly as protected as the
//! database: encrypted with the passphrase when encryption is on. Trusted keys are recorded by
//! fingerprint only (the public key travels in every signed file).

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};
use zeroize::Zeroizing;

use crate::encoding::{parse_timestamp, timestamp};
use crate::{Store, StoreError};

/// One of our delegations' signing keys.
#[derive(Clone)]
pub struct StoredSigningKey {
    pub delegation: String,
    pub secret_key: Zeroizing<[u8; 32]>,
    pub public_key: [u8; 32],
    pub created_at: DateTime<Utc>,
}

impl std::fmt::Debug for StoredSigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StoredSigningKey")
            .field("delegation", &self.delegation)
            .field("public_key", &self.public_key)
            .finish_non_exhaustive()
    }
}

/// A fingerprint trusted for another delegation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrustedKey {
    pub delegation: String,
    /// 32 lower-case hexadecimal digits.
    pub fingerprint: String,
    pub trusted_at: DateTime<Utc>,
}

/// A delegation's Ed25519 signature on the fingerprint of an initialled version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InitiallingSignature {
    pub delegation: String,
    pub public_key: [u8; 32],
    pub signature: [u8; 64],
    pub signed_at: DateTime<Utc>,
}

fn fixed<const N: usize>(bytes: Vec<u8>, what: &str) -> Result<[u8; N], StoreError> {
    bytes
        .try_into()
        .map_err(|_| StoreError::InvalidData(format!("{what} is not {N} bytes long")))
}

impl Store {
    pub fn setting(&self, name: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT value FROM setting WHERE name = ?1", [name], |row| {
                row.get(0)
            })
            .optional()?)
    }

    pub fn put_setting(&mut self, name: &str, value: &str) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO setting (name, value) VALUES (?1, ?2)
                 ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                params![name, value],
            )?;
            Ok(())
        })
    }

    pub fn signing_key(&self, delegation: &str) -> Result<Option<StoredSigningKey>, StoreError> {
        let row: Option<(Vec<u8>, Vec<u8>, String)> = self
            .conn
            .query_row(
                "SELECT secret_key, public_key, created_at FROM signing_key WHERE delegation = ?1",
                [delegation],
                |row| row.try_into(),
            )
            .optional()?;
        row.map(|(secret, public, created_at)| {
            let secret = Zeroizing::new(secret);
            Ok(StoredSigningKey {
                delegation: delegation.to_string(),
                secret_key: Zeroizing::new(fixed(secret.to_vec(), "a secret key")?),
                public_key: fixed(public, "a public key")?,
                created_at: parse_timestamp(&created_at)?,
            })
        })
        .transpose()
    }

    pub fn list_signing_keys(&self) -> Result<Vec<StoredSigningKey>, StoreError> {
        let delegations: Vec<String> = self
            .conn
            .prepare_cached("SELECT delegation FROM signing_key ORDER BY delegation")?
            .query_map([], |row| row.get(0))?
            .collect::<Result<_, _>>()?;
        delegations
            .iter()
            .filter_map(|d| self.signing_key(d).transpose())
            .collect()
    }

    /// Stores a new signing key for `key.delegation`; an existing key is kept (the first one
    /// wins, so two windows creating a key at once agree on one).
    pub fn insert_signing_key(&mut self, key: &StoredSigningKey) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO signing_key (delegation, secret_key, public_key, created_at)
                 VALUES (?1, ?2, ?3, ?4) ON CONFLICT (delegation) DO NOTHING",
                params![
                    key.delegation,
                    &key.secret_key[..],
                    &key.public_key[..],
                    timestamp(key.created_at)
                ],
            )?;
            Ok(())
        })
    }

    pub fn list_trusted_keys(&self) -> Result<Vec<TrustedKey>, StoreError> {
        let rows: Vec<(String, String, String)> = self
            .conn
            .prepare_cached(
                "SELECT delegation, fingerprint, trusted_at FROM trusted_key
                 ORDER BY delegation, trusted_at",
            )?
            .query_map([], |row| row.try_into())?
            .collect::<Result<_, _>>()?;
        rows.into_iter()
            .map(|(delegation, fingerprint, at)| {
                Ok(TrustedKey {
                    delegation,
                    fingerprint,
                    trusted_at: parse_timestamp(&at)?,
                })
            })
            .collect()
    }

    pub fn trust_key(&mut self, key: &TrustedKey) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO trusted_key (delegation, fingerprint, trusted_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (delegation, fingerprint) DO NOTHING",
                params![key.delegation, key.fingerprint, timestamp(key.trusted_at)],
            )?;
            Ok(())
        })
    }

    /// Withdraws trust in a fingerprint; true if it was trusted.
    pub fn untrust_key(&mut self, delegation: &str, fingerprint: &str) -> Result<bool, StoreError> {
        self.write(|tx| {
            Ok(tx.execute(
                "DELETE FROM trusted_key WHERE delegation = ?1 AND fingerprint = ?2",
                params![delegation, fingerprint],
            )? > 0)
        })
    }

    pub fn initialling_signatures(
        &self,
        negotiation_id: &str,
        number: u32,
    ) -> Result<Vec<InitiallingSignature>, StoreError> {
        let rows: Vec<(String, Vec<u8>, Vec<u8>, String)> = self
            .conn
            .prepare_cached(
                "SELECT delegation, public_key, signature, signed_at FROM initialling_signature
                 WHERE negotiation_id = ?1 AND number = ?2 ORDER BY signed_at, delegation",
            )?
            .query_map(params![negotiation_id, number], |row| row.try_into())?
            .collect::<Result<_, _>>()?;
        rows.into_iter()
            .map(|(delegation, public, signature, at)| {
                Ok(InitiallingSignature {
                    delegation,
                    public_key: fixed(public, "a public key")?,
                    signature: fixed(signature, "a signature")?,
                    signed_at: parse_timestamp(&at)?,
                })
            })
            .collect()
    }

    /// Records a delegation's signature on an initialled version (replacing an earlier one of
    /// the same delegation: a delegation signs a fingerprint once, with its current key).
    pub fn put_initialling_signature(
        &mut self,
        negotiation_id: &str,
        number: u32,
        signature: &InitiallingSignature,
    ) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO initialling_signature
                     (negotiation_id, number, delegation, public_key, signature, signed_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (negotiation_id, number, delegation) DO UPDATE SET
                     public_key = excluded.public_key, signature = excluded.signature,
                     signed_at = excluded.signed_at",
                params![
                    negotiation_id,
                    number,
                    signature.delegation,
                    &signature.public_key[..],
                    &signature.signature[..],
                    timestamp(signature.signed_at)
                ],
            )?;
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::open_store;
    use chrono::TimeZone;

    fn at(second: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, second).unwrap()
    }

    #[test]
    fn a_signing_key_is_kept_once_per_delegation() {
        let (_dir, mut store) = open_store();
        let first = StoredSigningKey {
            delegation: "XA".into(),
            secret_key: Zeroizing::new([1; 32]),
            public_key: [2; 32],
            created_at: at(0),
        };
        store.insert_signing_key(&first).unwrap();
        let second = StoredSigningKey {
            secret_key: Zeroizing::new([3; 32]),
            ..first.clone()
        };
        store.insert_signing_key(&second).unwrap();
        let kept = store.signing_key("XA").unwrap().unwrap();
        assert_eq!(*kept.secret_key, [1; 32]);
        assert_eq!(store.list_signing_keys().unwrap().len(), 1);
        assert!(store.signing_key("XB").unwrap().is_none());
        assert!(!format!("{kept:?}").contains("secret"));
    }

    #[test]
    fn trusted_fingerprints_are_listed_and_withdrawn() {
        let (_dir, mut store) = open_store();
        let key = TrustedKey {
            delegation: "XB".into(),
            fingerprint: "0123456789abcdef0123456789abcdef".into(),
            trusted_at: at(1),
        };
        store.trust_key(&key).unwrap();
        store.trust_key(&key).unwrap();
        assert_eq!(store.list_trusted_keys().unwrap(), vec![key.clone()]);
        assert!(store.untrust_key("XB", &key.fingerprint).unwrap());
        assert!(!store.untrust_key("XB", &key.fingerprint).unwrap());
        assert!(store.list_trusted_keys().unwrap().is_empty());
        store.put_setting("lock_after_minutes", "10").unwrap();
        store.put_setting("lock_after_minutes", "5").unwrap();
        assert_eq!(
            store.setting("lock_after_minutes").unwrap().as_deref(),
            Some("5")
        );
        assert_eq!(store.setting("other").unwrap(), None);
    }
}
