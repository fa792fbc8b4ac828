//! Signing keys and signed files: who wrote an exchange file or an export.
//!
//! Contract:
//! - Each of our delegations (the ISO code of a negotiation's own party) has one Ed25519 key,
//!   made here from the system's randomness the first time it is needed and kept in the
//!   database (encrypted when the passphrase is on). Its fingerprint is shown as hex and as
//!   words ([`FingerprintDto`]).
//! - The other delegation's key is trusted by fingerprint, once, after the two delegations
//!   compared it (by phone, in the minutes): [`Workbench::trust_key`].
//! - [`Workbench::judge_signer`] is the one rule for a signed file from a delegation: signed by
//!   a key trusted for it, "signed by the delegation of X"; signed by a key nobody trusted yet,
//!   a warning with the fingerprint; a bad signature, or a file unsigned or signed by another
//!   key while a key is trusted for that delegation, refused ([`ErrorCode::BadSignature`]) with
//!   "Nothing was changed".
//! - [`Workbench::sign_file`] is the one call that signs an export (a PDF, a .docx) with a
//!   detached `<file>.sig` beside it; [`Workbench::verify_signed_file`] checks one.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use specta::Type;
use ssa_core::signing::{DetachedSignature, Fingerprint, PublicKey, SecretKey};
use ssa_store::{StoredSigningKey, TrustedKey};

use crate::files::{display_name, write_atomically};
use crate::{ApiError, ErrorCode, Workbench};

/// A key's fingerprint as people read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct FingerprintDto {
    /// Eight groups of four hexadecimal digits.
    pub hex: String,
    /// Sixteen words of the PGP word list, the same in every language.
    pub words: Vec<String>,
}

impl From<Fingerprint> for FingerprintDto {
    fn from(fingerprint: Fingerprint) -> FingerprintDto {
        FingerprintDto {
            hex: fingerprint.to_grouped_hex(),
            words: fingerprint.to_words(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct OwnKeyDto {
    /// ISO code of our delegation.
    pub delegation: String,
    /// The delegation's name as our negotiations write it.
    pub delegation_name: String,
    pub fingerprint: FingerprintDto,
    pub created_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct TrustedKeyDto {
    pub delegation: String,
    /// The delegation's name as our negotiations write it (empty if none names it).
    pub delegation_name: String,
    pub fingerprint: FingerprintDto,
    pub trusted_at: String,
}

/// Our keys and the keys we trust.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct KeysDto {
    pub own: Vec<OwnKeyDto>,
    pub trusted: Vec<TrustedKeyDto>,
}

/// Who signed a file, as far as we can tell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase", tag = "status")]
pub enum SignerDto {
    /// Signed by a key trusted for the delegation: "signed by the delegation of X".
    #[serde(rename_all = "camelCase")]
    Trusted {
        delegation: String,
        delegation_name: String,
        fingerprint: FingerprintDto,
    },
    /// Signed by a key nobody has trusted yet for the delegation: compare the fingerprint
    /// with them before relying on the file.
    #[serde(rename_all = "camelCase")]
    Unknown {
        delegation: String,
        delegation_name: String,
        fingerprint: FingerprintDto,
    },
    /// Not signed (a file from an earlier version); nobody can tell who wrote it.
    #[serde(rename_all = "camelCase")]
    Unsigned {
        delegation: String,
        delegation_name: String,
    },
}

impl SignerDto {
    /// One line for the CLI and the log.
    pub fn describe(&self) -> String {
        let name = |code: &str, name: &str| {
            if name.is_empty() {
                code.to_string()
            } else {
                name.to_string()
            }
        };
        match self {
            SignerDto::Trusted {
                delegation,
                delegation_name,
                ..
            } => format!(
                "signed by the delegation of {}",
                name(delegation, delegation_name)
            ),
            SignerDto::Unknown {
                delegation,
                delegation_name,
                fingerprint,
            } => format!(
                "warning: signed with a key not yet trusted for the delegation of {}: fingerprint {} ({}). Compare it with them, then run `ssa key trust \"{}\" --delegation {delegation}`",
                name(delegation, delegation_name),
                fingerprint.hex,
                fingerprint.words.join(" "),
                fingerprint.hex
            ),
            SignerDto::Unsigned {
                delegation,
                delegation_name,
            } => format!(
                "warning: the file is not signed; nothing shows that the delegation of {} wrote it",
                name(delegation, delegation_name)
            ),
        }
    }
}

fn bad_signature(file_name: &str, reason: impl std::fmt::Display) -> ApiError {
    ApiError::new(
        ErrorCode::BadSignature,
        format!("{file_name} was not accepted: {reason}. Nothing was changed."),
    )
}

fn invalid(field: &str, message: String) -> ApiError {
    let mut error = ApiError::new(ErrorCode::InvalidInput, message.clone());
    error.problems.push(crate::dto::FieldProblemDto {
        field: field.into(),
        message,
    });
    error
}

/// A delegation's ISO code as typed: trimmed, upper case, two or three letters.
fn delegation_code(text: &str) -> Result<String, ApiError> {
    let code = text.trim().to_uppercase();
    if (2..=3).contains(&code.len()) && code.chars().all(|c| c.is_ascii_alphabetic()) {
        Ok(code)
    } else {
        Err(invalid(
            "delegation",
            format!("\"{text}\" is not a delegation's ISO code (two or three letters, e.g. XB)."),
        ))
    }
}

impl Workbench {
    /// Our delegation's secret key, made (and stored) the first time it is needed.
    pub(crate) fn signing_key(&mut self, delegation: &str) -> Result<SecretKey, ApiError> {
        if let Some(stored) = self.store.signing_key(delegation)? {
            return Ok(SecretKey::from_bytes(*stored.secret_key));
        }
        let secret = SecretKey::from_bytes(self.ids.new_secret_key());
        self.store.insert_signing_key(&StoredSigningKey {
            delegation: delegation.to_string(),
            secret_key: zeroize::Zeroizing::new(*secret.bytes()),
            public_key: secret.public_key().0,
            created_at: self.clock.now(),
        })?;
        tracing::info!(delegation, "signing key created");
        // Read back: if another window made one at the same moment, its key is the one kept.
        let stored = self
            .store
            .signing_key(delegation)?
            .ok_or_else(|| ApiError::new(ErrorCode::Storage, "the signing key was not stored"))?;
        Ok(SecretKey::from_bytes(*stored.secret_key))
    }

    /// The names our negotiations give each delegation code (own and counterparts).
    fn delegation_names(&self) -> Result<std::collections::HashMap<String, String>, ApiError> {
        let mut names = std::collections::HashMap::new();
        for shelf in [
            ssa_core::negotiation::Shelf::Active,
            ssa_core::negotiation::Shelf::Archived,
            ssa_core::negotiation::Shelf::Bin,
        ] {
            for negotiation in self.store.list_negotiations(shelf)? {
                for party in negotiation.parties {
                    names.entry(party.iso_code).or_insert(party.name);
                }
            }
        }
        Ok(names)
    }

    /// Our keys (one for each delegation we negotiate for, made if missing) and the trusted
    /// keys of the others.
    pub fn keys(&mut self) -> Result<KeysDto, ApiError> {
        let names = self.delegation_names()?;
        let mut own_codes: Vec<String> = Vec::new();
        for shelf in [
            ssa_core::negotiation::Shelf::Active,
            ssa_core::negotiation::Shelf::Archived,
        ] {
            for negotiation in self.store.list_negotiations(shelf)? {
                if let Some(own) = negotiation.own_party() {
                    if !own_codes.contains(&own.iso_code) {
                        own_codes.push(own.iso_code.clone());
                    }
                }
            }
        }
        for code in &own_codes {
            self.signing_key(code)?;
        }
        let name_of = |code: &str| names.get(code).cloned().unwrap_or_default();
        let own = self
            .store
            .list_signing_keys()?
            .into_iter()
            .map(|k| OwnKeyDto {
                delegation_name: name_of(&k.delegation),
                fingerprint: PublicKey(k.public_key).fingerprint().into(),
                created_at: crate::dto::stamp(k.created_at),
                delegation: k.delegation,
            })
            .collect();
        let trusted = self
            .store
            .list_trusted_keys()?
            .into_iter()
            .filter_map(|k| {
                let fingerprint = Fingerprint::parse(&k.fingerprint)?;
                Some(TrustedKeyDto {
                    delegation_name: name_of(&k.delegation),
                    fingerprint: fingerprint.into(),
                    trusted_at: crate::dto::stamp(k.trusted_at),
                    delegation: k.delegation,
                })
            })
            .collect();
        Ok(KeysDto { own, trusted })
    }

    /// Our key for `delegation` (made if it has none yet).
    pub fn own_key(&mut self, delegation: &str) -> Result<OwnKeyDto, ApiError> {
        let code = delegation_code(delegation)?;
        self.signing_key(&code)?;
        self.keys()?
            .own
            .into_iter()
            .find(|k| k.delegation == code)
            .ok_or_else(|| ApiError::new(ErrorCode::Storage, "the signing key was not stored"))
    }

    /// Records that the key with `fingerprint` (hex or words) speaks for `delegation`.
    pub fn trust_key(&mut self, delegation: &str, fingerprint: &str) -> Result<KeysDto, ApiError> {
        let delegation = delegation_code(delegation)?;
        let parsed = Fingerprint::parse(fingerprint).ok_or_else(|| {
            invalid(
                "fingerprint",
                "That is not a key fingerprint: give its 32 hexadecimal digits or its 16 words, as the other delegation reads them out.".into(),
            )
        })?;
        if self
            .store
            .list_signing_keys()?
            .iter()
            .any(|k| PublicKey(k.public_key).fingerprint() == parsed)
        {
            return Err(invalid(
                "fingerprint",
                "That is one of our own keys; trust the other delegation's fingerprint.".into(),
            ));
        }
        self.store.trust_key(&TrustedKey {
            delegation: delegation.clone(),
            fingerprint: parsed.to_hex(),
            trusted_at: self.clock.now(),
        })?;
        tracing::info!(delegation, fingerprint = %parsed.to_hex(), "key trusted");
        self.keys()
    }

    /// Withdraws trust in a fingerprint.
    pub fn untrust_key(
        &mut self,
        delegation: &str,
        fingerprint: &str,
    ) -> Result<KeysDto, ApiError> {
        let delegation = delegation_code(delegation)?;
        let parsed = Fingerprint::parse(fingerprint)
            .ok_or_else(|| invalid("fingerprint", "That is not a key fingerprint.".into()))?;
        if !self.store.untrust_key(&delegation, &parsed.to_hex())? {
            return Err(ApiError::not_found("trusted key", &parsed.to_grouped_hex()));
        }
        self.keys()
    }

    /// The rule for a file that says it comes from `delegation`, signed by `signer` (None: not
    /// signed); see the module contract.
    pub(crate) fn judge_signer(
        &self,
        file_name: &str,
        delegation: &str,
        signer: Option<PublicKey>,
    ) -> Result<SignerDto, ApiError> {
        // The keys trusted for the delegation, and our own key for it (ours speaks for us).
        let trusted: Vec<String> = self
            .store
            .list_trusted_keys()?
            .into_iter()
            .filter(|k| k.delegation == delegation)
            .map(|k| k.fingerprint)
            .chain(
                self.store
                    .signing_key(delegation)?
                    .map(|k| PublicKey(k.public_key).fingerprint().to_hex()),
            )
            .collect();
        let delegation_name = self
            .delegation_names()?
            .remove(delegation)
            .unwrap_or_default();
        let shown = if delegation_name.is_empty() {
            delegation.to_string()
        } else {
            delegation_name.clone()
        };
        match signer {
            Some(key) => {
                let fingerprint = key.fingerprint();
                if trusted.contains(&fingerprint.to_hex()) {
                    Ok(SignerDto::Trusted {
                        delegation: delegation.to_string(),
                        delegation_name,
                        fingerprint: fingerprint.into(),
                    })
                } else if trusted.is_empty() {
                    Ok(SignerDto::Unknown {
                        delegation: delegation.to_string(),
                        delegation_name,
                        fingerprint: fingerprint.into(),
                    })
                } else {
                    Err(bad_signature(
                        file_name,
                        format!(
                            "it is signed with a key that is not the one you trust for the delegation of {shown} (its fingerprint is {}). If {shown} uses a new key, compare its fingerprint with them and trust it first",
                            fingerprint.to_grouped_hex()
                        ),
                    ))
                }
            }
            None if trusted.is_empty() => Ok(SignerDto::Unsigned {
                delegation: delegation.to_string(),
                delegation_name,
            }),
            None => Err(bad_signature(
                file_name,
                format!("it is not signed, and you trust a key for the delegation of {shown}: their files carry its signature"),
            )),
        }
    }

    /// The negotiation's own party: the delegation that signs for it.
    pub(crate) fn own_delegation(
        &self,
        negotiation_id: &str,
    ) -> Result<ssa_core::negotiation::Party, ApiError> {
        let negotiation = self.negotiation(negotiation_id)?;
        negotiation.own_party().cloned().ok_or_else(|| {
            ApiError::new(
                ErrorCode::InvalidInput,
                format!("\"{}\" has no own party to sign for.", negotiation.title),
            )
        })
    }

    /// Signs the file at `path` for the negotiation's own delegation: writes `<path>.sig`
    /// beside it and returns that path. The one call for every export that is signed.
    pub fn sign_file(&mut self, negotiation_id: &str, path: &Path) -> Result<PathBuf, ApiError> {
        let own = self.own_delegation(negotiation_id)?;
        let bytes = std::fs::read(path).map_err(|e| {
            ApiError::new(
                ErrorCode::Storage,
                format!("Could not read {} to sign it: {e}", path.display()),
            )
        })?;
        let key = self.signing_key(&own.iso_code)?;
        let signature = DetachedSignature::sign(&key, &own.iso_code, &display_name(path), &bytes);
        let sig_path = signature_path(path);
        write_atomically(&sig_path, &signature.to_bytes())?;
        tracing::info!(path = %sig_path.display(), "detached signature written");
        Ok(sig_path)
    }

    /// Checks the detached signature of `path` (`signature`, or `<path>.sig` beside it).
    pub fn verify_signed_file(
        &self,
        path: &Path,
        signature: Option<&Path>,
    ) -> Result<SignerDto, ApiError> {
        let file_name = display_name(path);
        let sig_path = signature
            .map(Path::to_path_buf)
            .unwrap_or_else(|| signature_path(path));
        let read = |p: &Path| {
            std::fs::read(p).map_err(|e| {
                ApiError::new(
                    ErrorCode::InvalidInput,
                    format!("Could not read {}: {e}", p.display()),
                )
            })
        };
        let bytes = read(path)?;
        let signed = DetachedSignature::parse(&read(&sig_path)?)
            .map_err(|e| bad_signature(&file_name, e))?;
        let key = signed
            .verify(&bytes)
            .map_err(|e| bad_signature(&file_name, e))?;
        self.judge_signer(&file_name, &signed.delegation, Some(key))
    }
}

/// `<path>.sig`.
pub fn signature_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".sig");
    PathBuf::from(name)
}
