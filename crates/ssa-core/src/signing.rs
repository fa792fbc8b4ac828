//! Signatures: who wrote a file, not only whether it was damaged.
//!
//! Contract:
//! - Each delegation signs with an Ed25519 key (ed25519-dalek). The secret key is 32 bytes the
//!   caller supplies (random, from the system; this module makes no randomness) and keeps.
//! - A key is named by its [`Fingerprint`]: the first 16 bytes of SHA-256 over the public key,
//!   shown as 32 hexadecimal digits in groups of four and as 16 words of the PGP word list
//!   (made to be read out over the phone: a word per byte, two lists alternating so that a
//!   swapped or dropped word is noticed). Both delegations see the same words whatever the
//!   language of their screen.
//! - What is signed is always a context string, a zero byte and the message ([`sign`]), so a
//!   signature made for one purpose (an exchange file, a detached file signature, an initialled
//!   fingerprint) can never be passed off for another.
//! - [`DetachedSignature`] is the `.sig` file written beside an export (format
//!   `ssa-signature/1`, JSON): it names the signing delegation, carries the public key, the
//!   SHA-256 of the file and the signature. [`DetachedSignature::verify`] checks it against
//!   the file's bytes; who the key belongs to is the caller's question (the trusted keys).

use ed25519_dalek::Signer;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

/// The context of an exchange file's signature.
pub const EXCHANGE_CONTEXT: &str = "ssa-exchange/1";
/// The context of a detached file signature.
pub const FILE_CONTEXT: &str = "ssa-signature/1";
/// The context of a delegation's signature on an initialled version's fingerprint.
pub const INITIALLING_CONTEXT: &str = "ssa-initialled/1";

/// A secret signing key (32 bytes), wiped from memory when dropped.
pub struct SecretKey(Zeroizing<[u8; 32]>);

impl SecretKey {
    pub fn from_bytes(bytes: [u8; 32]) -> SecretKey {
        SecretKey(Zeroizing::new(bytes))
    }

    pub fn bytes(&self) -> &[u8; 32] {
        &self.0
    }

    pub fn public_key(&self) -> PublicKey {
        PublicKey(
            ed25519_dalek::SigningKey::from_bytes(&self.0)
                .verifying_key()
                .to_bytes(),
        )
    }
}

/// A public key (32 bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PublicKey(pub [u8; 32]);

impl PublicKey {
    pub fn fingerprint(&self) -> Fingerprint {
        let digest = Sha256::digest(self.0);
        let mut bytes = [0u8; 16];
        bytes.copy_from_slice(&digest[..16]);
        Fingerprint(bytes)
    }

    pub fn to_hex(&self) -> String {
        hex::encode(self.0)
    }

    pub fn from_hex(text: &str) -> Option<PublicKey> {
        let bytes: [u8; 32] = hex::decode(text).ok()?.try_into().ok()?;
        // Refuse bytes that are not a point of the curve at all.
        ed25519_dalek::VerifyingKey::from_bytes(&bytes).ok()?;
        Some(PublicKey(bytes))
    }
}

/// The 16-byte name of a public key; see the module contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Fingerprint(pub [u8; 16]);

impl Fingerprint {
    /// 32 lower-case hexadecimal digits, as stored.
    pub fn to_hex(&self) -> String {
        hex::encode(self.0)
    }

    /// Groups of four hexadecimal digits, upper case, for reading: `3F2A 9C01 …`.
    pub fn to_grouped_hex(&self) -> String {
        let hex = hex::encode_upper(self.0);
        hex.as_bytes()
            .chunks(4)
            .map(|c| std::str::from_utf8(c).expect("hex is ASCII"))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The 16 PGP words.
    pub fn to_words(&self) -> Vec<String> {
        pgp_words::to_words(&self.0)
            .into_iter()
            .map(str::to_lowercase)
            .collect()
    }

    /// Reads a fingerprint as a person types it: 32 hexadecimal digits (spaces, colons and
    /// dashes ignored, any case) or the 16 words (any case, separated by spaces or commas).
    pub fn parse(text: &str) -> Option<Fingerprint> {
        let compact: String = text
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, ':' | '-'))
            .collect();
        if compact.len() == 32 && compact.chars().all(|c| c.is_ascii_hexdigit()) {
            let bytes: [u8; 16] = hex::decode(compact.to_lowercase()).ok()?.try_into().ok()?;
            return Some(Fingerprint(bytes));
        }
        let words: Vec<String> = text
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        if words.len() != 16 {
            return None;
        }
        let bytes: [u8; 16] = pgp_words::to_bytes(&words)?.try_into().ok()?;
        Some(Fingerprint(bytes))
    }
}

/// An Ed25519 signature (64 bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Signature(pub [u8; 64]);

impl Signature {
    pub fn to_hex(&self) -> String {
        hex::encode(self.0)
    }

    pub fn from_hex(text: &str) -> Option<Signature> {
        Some(Signature(hex::decode(text).ok()?.try_into().ok()?))
    }
}

fn framed(context: &str, message: &[u8]) -> Vec<u8> {
    let mut framed = Vec::with_capacity(context.len() + 1 + message.len());
    framed.extend_from_slice(context.as_bytes());
    framed.push(0);
    framed.extend_from_slice(message);
    framed
}

/// Signs `message` for `context` (see the module contract).
pub fn sign(secret: &SecretKey, context: &str, message: &[u8]) -> Signature {
    let key = ed25519_dalek::SigningKey::from_bytes(&secret.0);
    Signature(key.sign(&framed(context, message)).to_bytes())
}

/// Whether `signature` is `public`'s signature on `message` for `context`. Strict
/// verification: no malleable or weak-key signatures.
pub fn verify(public: &PublicKey, context: &str, message: &[u8], signature: &Signature) -> bool {
    let Ok(key) = ed25519_dalek::VerifyingKey::from_bytes(&public.0) else {
        return false;
    };
    let signature = ed25519_dalek::Signature::from_bytes(&signature.0);
    key.verify_strict(&framed(context, message), &signature)
        .is_ok()
}

/// The format name of a detached signature file.
pub const DETACHED_FORMAT: &str = "ssa-signature/1";

/// A detached signature: the `.sig` file beside a signed export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DetachedSignature {
    pub format: String,
    /// The signed file's name when it was signed (for people; renaming the file is harmless).
    pub file: String,
    /// SHA-256 of the signed file, lower-case hex.
    pub sha256: String,
    /// ISO code of the signing delegation.
    pub delegation: String,
    pub public_key: String,
    pub signature: String,
}

/// Why a detached signature was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    #[error("the signature file is not valid JSON of format {DETACHED_FORMAT} ({0})")]
    Malformed(String),
    #[error("the file was changed after it was signed (its SHA-256 is not the one signed)")]
    FileChanged,
    #[error("the signature does not hold: it was changed, or made with another key than the one it names")]
    BadSignature,
}

fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

impl DetachedSignature {
    /// Signs `bytes` (the file named `file_name`) for `delegation`.
    pub fn sign(
        secret: &SecretKey,
        delegation: &str,
        file_name: &str,
        bytes: &[u8],
    ) -> DetachedSignature {
        let mut signed = DetachedSignature {
            format: DETACHED_FORMAT.into(),
            file: file_name.into(),
            sha256: sha256_hex(bytes),
            delegation: delegation.into(),
            public_key: secret.public_key().to_hex(),
            signature: String::new(),
        };
        signed.signature = sign(secret, FILE_CONTEXT, &signed.signed_message()).to_hex();
        signed
    }

    /// What the signature covers: the hash, the delegation and the key (not the file name).
    fn signed_message(&self) -> Vec<u8> {
        format!("{}\n{}\n{}", self.sha256, self.delegation, self.public_key).into_bytes()
    }

    /// The file's bytes: pretty JSON and a newline.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut bytes = serde_json::to_vec_pretty(self).expect("a signature always serialises");
        bytes.push(b'\n');
        bytes
    }

    pub fn parse(bytes: &[u8]) -> Result<DetachedSignature, SignatureError> {
        let parsed: DetachedSignature =
            serde_json::from_slice(bytes).map_err(|e| SignatureError::Malformed(e.to_string()))?;
        if parsed.format != DETACHED_FORMAT {
            return Err(SignatureError::Malformed(format!(
                "format \"{}\"",
                parsed.format
            )));
        }
        Ok(parsed)
    }

    /// Checks the signature against the signed file's `bytes`; the key that signed it.
    pub fn verify(&self, bytes: &[u8]) -> Result<PublicKey, SignatureError> {
        if sha256_hex(bytes) != self.sha256 {
            return Err(SignatureError::FileChanged);
        }
        let public = PublicKey::from_hex(&self.public_key).ok_or(SignatureError::BadSignature)?;
        let signature = Signature::from_hex(&self.signature).ok_or(SignatureError::BadSignature)?;
        if verify(&public, FILE_CONTEXT, &self.signed_message(), &signature) {
            Ok(public)
        } else {
            Err(SignatureError::BadSignature)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(seed: u8) -> SecretKey {
        SecretKey::from_bytes([seed; 32])
    }

    #[test]
    fn a_signature_holds_for_its_message_context_and_key_only() {
        let signature = sign(&key(1), EXCHANGE_CONTEXT, b"payload");
        let public = key(1).public_key();
        assert!(verify(&public, EXCHANGE_CONTEXT, b"payload", &signature));
        assert!(!verify(&public, EXCHANGE_CONTEXT, b"payloaD", &signature));
        assert!(!verify(&public, FILE_CONTEXT, b"payload", &signature));
        assert!(!verify(
            &key(2).public_key(),
            EXCHANGE_CONTEXT,
            b"payload",
            &signature
        ));
        let mut tampered = signature;
        tampered.0[10] ^= 1;
        assert!(!verify(&public, EXCHANGE_CONTEXT, b"payload", &tampered));
    }

    #[test]
    fn a_fingerprint_reads_back_from_its_hex_and_from_its_words() {
        let fingerprint = key(7).public_key().fingerprint();
        let words = fingerprint.to_words();
        assert_eq!(words.len(), 16);
        assert_eq!(fingerprint.to_grouped_hex().split(' ').count(), 8);
        assert_eq!(Fingerprint::parse(&fingerprint.to_hex()), Some(fingerprint));
        assert_eq!(
            Fingerprint::parse(&fingerprint.to_grouped_hex().to_lowercase()),
            Some(fingerprint)
        );
        assert_eq!(
            Fingerprint::parse(&words.join(" ").to_uppercase()),
            Some(fingerprint)
        );
        // Two words swapped: the alternating lists notice.
        let mut swapped = words.clone();
        swapped.swap(0, 1);
        assert_eq!(Fingerprint::parse(&swapped.join(" ")), None);
        assert_eq!(Fingerprint::parse("0123"), None);
        assert_ne!(key(8).public_key().fingerprint(), fingerprint);
    }

    #[test]
    fn a_detached_signature_refuses_a_changed_file_a_changed_signature_and_another_key() {
        let signed = DetachedSignature::sign(&key(3), "XA", "agreement.pdf", b"%PDF-1.7 ...");
        let parsed = DetachedSignature::parse(&signed.to_bytes()).unwrap();
        assert_eq!(parsed.verify(b"%PDF-1.7 ..."), Ok(key(3).public_key()));
        assert_eq!(
            parsed.verify(b"%PDF-1.7 ..!"),
            Err(SignatureError::FileChanged)
        );
        let mut tampered = parsed.clone();
        tampered.signature.replace_range(
            0..2,
            if &tampered.signature[0..2] == "00" {
                "11"
            } else {
                "00"
            },
        );
        assert_eq!(
            tampered.verify(b"%PDF-1.7 ..."),
            Err(SignatureError::BadSignature)
        );
        let mut other_key = parsed.clone();
        other_key.public_key = key(4).public_key().to_hex();
        assert_eq!(
            other_key.verify(b"%PDF-1.7 ..."),
            Err(SignatureError::BadSignature)
        );
        let mut other_delegation = parsed;
        other_delegation.delegation = "XB".into();
        assert_eq!(
            other_delegation.verify(b"%PDF-1.7 ..."),
            Err(SignatureError::BadSignature)
        );
        assert!(DetachedSignature::parse(b"{}").is_err());
    }
}
