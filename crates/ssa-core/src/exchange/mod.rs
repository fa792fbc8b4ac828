//! Exchange files: the agreement as one party sends it to the other (`ssa-exchange/1`).
//!
//! The format is documented for other tools in `docs/exchange-format.md` (with a JSON Schema in
//! `docs/exchange-format.schema.json`). A file is one JSON object:
//!
//! ```json
//! { "format": "ssa-exchange/1", "payload": { … }, "checksum": "sha256:<64 hex digits>",
//!   "signature": { "algorithm": "ed25519", "public_key": "<64 hex>", "value": "<128 hex>" } }
//! ```
//!
//! Contract:
//!
//! - [`encode_signed`] adds the sender's Ed25519 signature over the same canonical JSON (see
//!   [`crate::signing`]); [`decode_file`] refuses a file whose signature does not hold
//!   ([`ExchangeError::BadSignature`]: the signature was changed, the payload was changed and
//!   its checksum recomputed, or the public key was swapped) and reports the key that signed
//!   it. Whether that key is the sender's is for the caller to decide (trusted fingerprints).
//!
//! - [`encode`] writes a [`Payload`]; the checksum is SHA-256 over the payload's canonical JSON
//!   ([`canonical_json`]: object keys sorted, no white space), so any change to the payload
//!   after export is detected.
//! - [`decode`] accepts only a well-formed file of a known format version whose checksum
//!   matches and whose structure holds together; anything else is an [`ExchangeError`] that
//!   says what is wrong and where (line and column for malformed JSON). It never panics.
//! - The payload has no field for the mandate, comments, notes or justifications: what is
//!   confidential cannot be written, whatever the caller passes.

mod articles;
mod strict_json;

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

pub use articles::{article_texts, flatten, ArticleText, ExchangeNode};

use crate::limits::{excerpt, size_text, MAX_EXCHANGE_BYTES, MAX_NESTING_DEPTH};
use crate::rounds::PositionStatus;
use crate::signing::{self, PublicKey, SecretKey, Signature, EXCHANGE_CONTEXT};
use crate::template::Value;

pub const EXCHANGE_FORMAT: &str = "ssa-exchange/1";
const FORMAT_FAMILY: &str = "ssa-exchange/";

/// A party as the exchange names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExchangeParty {
    pub name: String,
    pub iso_code: String,
}

/// Which text of the sender's draft the file carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExchangeVersion {
    /// "Current draft", or the name of a version.
    pub label: String,
    /// The sender's revision number, when a revision or version was exported.
    #[serde(default)]
    pub revision: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExchangeTemplate {
    pub id: String,
    pub version: String,
}

/// A position the sender chose to share: never its justification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SharedPosition {
    pub round: u32,
    pub node_id: String,
    pub status: PositionStatus,
    /// The sender's own proposal.
    #[serde(default)]
    pub proposal: Option<String>,
    #[serde(default)]
    pub agreed: Option<String>,
}

/// Everything the checksum covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Payload {
    /// The agreement's exchange identity: the same in both parties' databases once bound.
    pub agreement_id: String,
    pub parties: Vec<ExchangeParty>,
    /// ISO code of the party that wrote the file.
    pub sender: String,
    /// RFC 3339, UTC.
    pub exported_at: String,
    pub version: ExchangeVersion,
    pub template: ExchangeTemplate,
    pub title: String,
    pub nodes: Vec<ExchangeNode>,
    /// Ids of provisions the sender's version leaves out.
    #[serde(default)]
    pub omitted: Vec<String>,
    /// Parameter values of the sender's version (template defaults included).
    #[serde(default)]
    pub values: BTreeMap<String, Value>,
    #[serde(default)]
    pub positions: Vec<SharedPosition>,
    /// Set when the exported version is initialled: its fingerprint and the delegations'
    /// signatures on it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initialled: Option<InitialledText>,
}

/// An initialled version as an exchange file carries it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InitialledText {
    /// SHA-256 of the version's canonical text, 64 lower-case hex digits.
    pub fingerprint: String,
    pub signatures: Vec<DelegationSignature>,
}

/// A delegation's Ed25519 signature on an initialled fingerprint (context
/// [`signing::INITIALLING_CONTEXT`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DelegationSignature {
    pub delegation: String,
    pub public_key: String,
    pub signature: String,
}

impl DelegationSignature {
    /// The key that made the signature, if it holds for `fingerprint`.
    pub fn verify(&self, fingerprint: &str) -> Option<PublicKey> {
        let public = PublicKey::from_hex(&self.public_key)?;
        let signature = Signature::from_hex(&self.signature)?;
        signing::verify(
            &public,
            signing::INITIALLING_CONTEXT,
            initialling_message(fingerprint, &self.delegation).as_bytes(),
            &signature,
        )
        .then_some(public)
    }
}

/// What a delegation signs when it initials a text.
pub fn initialling_message(fingerprint: &str, delegation: &str) -> String {
    format!("{fingerprint}\n{delegation}")
}

/// Why a file was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExchangeError {
    #[error("it is not valid JSON (line {line}, column {column}: {detail})")]
    Malformed {
        line: usize,
        column: usize,
        detail: String,
    },
    #[error(
        "it is not an SSA Workbench exchange file (no \"format\": \"ssa-exchange/…\" at the top)"
    )]
    NotAnExchangeFile,
    #[error("it is in exchange format \"{found}\", which this version does not read (it reads {EXCHANGE_FORMAT}); ask the sender for a file from a matching version")]
    UnknownFormat { found: String },
    #[error("its checksum does not match its content: the file was changed after it was exported (expected {expected}, computed {computed})")]
    ChecksumMismatch { expected: String, computed: String },
    #[error("its content is incomplete or inconsistent: {0}")]
    Structure(String),
    #[error("it is larger than {}, the largest exchange file SSA Workbench reads", size_text(*.limit))]
    TooLarge { limit: usize },
    #[error("its signature does not hold: the file, its signature or its key was changed after it was signed")]
    BadSignature,
}

/// The canonical JSON of a value: object keys sorted by code point, no insignificant white
/// space, strings escaped as serde_json escapes them. Written out here rather than relying on
/// serde_json's map order, which changes with its `preserve_order` feature (which another crate
/// in a build may switch on); the checksum must not depend on how the program was built.
pub fn canonical_json(value: &serde_json::Value) -> String {
    let mut out = String::new();
    write_canonical(value, &mut out);
    out
}

fn write_canonical(value: &serde_json::Value, out: &mut String) {
    match value {
        serde_json::Value::Object(map) => {
            let mut entries: Vec<_> = map.iter().collect();
            entries.sort_by(|a, b| a.0.cmp(b.0));
            out.push('{');
            for (i, (key, value)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&serde_json::Value::String(key.clone()).to_string());
                out.push(':');
                write_canonical(value, out);
            }
            out.push('}');
        }
        serde_json::Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(item, out);
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

/// "sha256:" and the hex digest of the payload's canonical JSON.
pub fn checksum(payload: &serde_json::Value) -> String {
    let digest = Sha256::digest(canonical_json(payload).as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

/// The file's bytes: pretty-printed JSON (readable in any editor) with the checksum.
pub fn encode(payload: &Payload) -> Vec<u8> {
    encode_with(payload, None)
}

/// The file's bytes, signed with the sender's key.
pub fn encode_signed(payload: &Payload, key: &SecretKey) -> Vec<u8> {
    encode_with(payload, Some(key))
}

fn encode_with(payload: &Payload, key: Option<&SecretKey>) -> Vec<u8> {
    let payload = serde_json::to_value(payload).expect("a payload always serialises");
    let checksum = checksum(&payload);
    let mut file = serde_json::Map::new();
    file.insert("format".into(), EXCHANGE_FORMAT.into());
    if let Some(key) = key {
        let signature = signing::sign(key, EXCHANGE_CONTEXT, canonical_json(&payload).as_bytes());
        file.insert(
            "signature".into(),
            serde_json::json!({
                "algorithm": "ed25519",
                "public_key": key.public_key().to_hex(),
                "value": signature.to_hex(),
            }),
        );
    }
    file.insert("payload".into(), payload);
    file.insert("checksum".into(), checksum.into());
    let mut bytes = serde_json::to_vec_pretty(&serde_json::Value::Object(file))
        .expect("JSON values always serialise");
    bytes.push(b'\n');
    bytes
}

/// A file as read: its payload and the key that signed it (None: the file is not signed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Received {
    pub payload: Payload,
    pub signer: Option<PublicKey>,
}

/// Reads a file's bytes, ignoring who signed it; see [`decode_file`].
pub fn decode(bytes: &[u8]) -> Result<Payload, ExchangeError> {
    decode_file(bytes).map(|received| received.payload)
}

/// Reads a file's bytes and checks its signature if it has one; see the module contract.
/// Linear in the file's size; a file over [`MAX_EXCHANGE_BYTES`] is refused unread, and a key
/// written twice in one object (which a JSON reader would silently settle by keeping the last)
/// is refused as malformed.
pub fn decode_file(bytes: &[u8]) -> Result<Received, ExchangeError> {
    if bytes.len() > MAX_EXCHANGE_BYTES {
        return Err(ExchangeError::TooLarge {
            limit: MAX_EXCHANGE_BYTES,
        });
    }
    let value: serde_json::Value = strict_json::from_slice(bytes).map_err(|e| {
        let detail = e.to_string();
        let detail = detail.split(" at line").next().unwrap_or("");
        ExchangeError::Malformed {
            line: e.line(),
            column: e.column(),
            detail: crate::limits::excerpt_of(detail, 200),
        }
    })?;
    let serde_json::Value::Object(mut file) = value else {
        return Err(ExchangeError::NotAnExchangeFile);
    };
    let format = match file.get("format") {
        Some(serde_json::Value::String(format)) => format.clone(),
        _ => return Err(ExchangeError::NotAnExchangeFile),
    };
    if format != EXCHANGE_FORMAT {
        if format.starts_with(FORMAT_FAMILY) {
            return Err(ExchangeError::UnknownFormat {
                found: excerpt(&format),
            });
        }
        return Err(ExchangeError::NotAnExchangeFile);
    }
    if let Some(unknown) = file
        .keys()
        .find(|k| !["format", "payload", "checksum", "signature"].contains(&k.as_str()))
    {
        return Err(ExchangeError::Structure(format!(
            "unknown field \"{}\" at the top of the file",
            excerpt(unknown)
        )));
    }
    let expected = match file.get("checksum") {
        Some(serde_json::Value::String(c)) => c.clone(),
        _ => {
            return Err(ExchangeError::Structure(
                "the field \"checksum\" is missing".into(),
            ))
        }
    };
    let payload = file
        .remove("payload")
        .ok_or_else(|| ExchangeError::Structure("the field \"payload\" is missing".into()))?;
    let computed = checksum(&payload);
    if computed != expected {
        return Err(ExchangeError::ChecksumMismatch { expected, computed });
    }
    // After the checksum: a payload changed with its checksum recomputed is caught here.
    let signer = match file.get("signature") {
        None => None,
        Some(signature) => Some(check_signature(signature, &payload)?),
    };
    let payload: Payload = serde_json::from_value(payload).map_err(|e| {
        ExchangeError::Structure(format!(
            "in \"payload\": {}",
            crate::limits::excerpt_of(&e.to_string(), 200)
        ))
    })?;
    check_structure(&payload)?;
    Ok(Received { payload, signer })
}

/// The key whose signature over the payload's canonical JSON `signature` is.
fn check_signature(
    signature: &serde_json::Value,
    payload: &serde_json::Value,
) -> Result<PublicKey, ExchangeError> {
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct FileSignature {
        algorithm: String,
        public_key: String,
        value: String,
    }
    let parsed: FileSignature = serde_json::from_value(signature.clone())
        .map_err(|e| ExchangeError::Structure(format!("in \"signature\": {e}")))?;
    if parsed.algorithm != "ed25519" {
        return Err(ExchangeError::Structure(format!(
            "the signature algorithm \"{}\" is not ed25519",
            parsed.algorithm
        )));
    }
    let public = PublicKey::from_hex(&parsed.public_key).ok_or(ExchangeError::BadSignature)?;
    let value = Signature::from_hex(&parsed.value).ok_or(ExchangeError::BadSignature)?;
    if signing::verify(
        &public,
        EXCHANGE_CONTEXT,
        canonical_json(payload).as_bytes(),
        &value,
    ) {
        Ok(public)
    } else {
        Err(ExchangeError::BadSignature)
    }
}

/// Linear in the payload: ids are looked up in sets, and each node's depth comes from its
/// parent's. Every id a message quotes is cut short.
fn check_structure(payload: &Payload) -> Result<(), ExchangeError> {
    let fail = |message: String| Err(ExchangeError::Structure(message));
    if payload.agreement_id.trim().is_empty() {
        return fail("\"agreement_id\" is empty".into());
    }
    if payload.parties.len() < 2 {
        return fail("an agreement needs at least two parties".into());
    }
    let mut codes = HashSet::new();
    for party in &payload.parties {
        if party.iso_code.trim().is_empty() || !codes.insert(party.iso_code.as_str()) {
            return fail(format!(
                "party code \"{}\" is empty or listed twice",
                excerpt(&party.iso_code)
            ));
        }
    }
    if !codes.contains(payload.sender.as_str()) {
        return fail(format!(
            "the sender \"{}\" is not one of the parties",
            excerpt(&payload.sender)
        ));
    }
    // Each node's depth (1 at the top level), by id.
    let mut ids: HashMap<&str, usize> = HashMap::new();
    for (i, node) in payload.nodes.iter().enumerate() {
        if node.id.trim().is_empty() {
            return fail(format!("node {} has an empty id", i + 1));
        }
        let depth = match &node.parent {
            None => 1,
            Some(parent) => match ids.get(parent.as_str()) {
                Some(depth) => depth + 1,
                None => {
                    return fail(format!(
                        "node \"{}\" names the parent \"{}\", which does not come before it",
                        excerpt(&node.id),
                        excerpt(parent)
                    ))
                }
            },
        };
        if depth > MAX_NESTING_DEPTH {
            return fail(format!(
                "node \"{}\" is nested {depth} levels deep; provisions nest at most \
                 {MAX_NESTING_DEPTH} levels",
                excerpt(&node.id)
            ));
        }
        if ids.insert(node.id.as_str(), depth).is_some() {
            return fail(format!(
                "the node id \"{}\" is used twice",
                excerpt(&node.id)
            ));
        }
    }
    let omitted: HashSet<&str> = payload.omitted.iter().map(String::as_str).collect();
    if payload.nodes.is_empty() {
        return fail("the agreement has no provisions".into());
    }
    for position in &payload.positions {
        let id = position.node_id.as_str();
        if !ids.contains_key(id) && !omitted.contains(id) {
            return fail(format!(
                "a shared position concerns \"{}\", which is not in the agreement",
                excerpt(id)
            ));
        }
        if position.round == 0 {
            return fail("a shared position names round 0; rounds count from 1".into());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::NodeKind;

    fn node(id: &str, parent: Option<&str>, kind: NodeKind, text: &str) -> ExchangeNode {
        ExchangeNode {
            id: id.into(),
            parent: parent.map(str::to_string),
            kind,
            number: None,
            label: None,
            heading: String::new(),
            text: text.into(),
            parameters: vec![],
        }
    }

    pub(crate) fn payload() -> Payload {
        Payload {
            agreement_id: "agr-1".into(),
            parties: vec![
                ExchangeParty {
                    name: "Aurelia".into(),
                    iso_code: "XA".into(),
                },
                ExchangeParty {
                    name: "Boreland".into(),
                    iso_code: "XB".into(),
                },
            ],
            sender: "XA".into(),
            exported_at: "2026-11-23T10:00:00.000Z".into(),
            version: ExchangeVersion {
                label: "Current draft".into(),
                revision: None,
            },
            template: ExchangeTemplate {
                id: "model".into(),
                version: "1".into(),
            },
            title: "Agreement".into(),
            nodes: vec![
                node("a1", None, NodeKind::Article, "Scope."),
                node("a1.1", Some("a1"), NodeKind::Paragraph, "Él dice \"sí\"."),
            ],
            omitted: vec!["a9".into()],
            values: [("posting.months".to_string(), Value::Number(24))].into(),
            positions: vec![SharedPosition {
                round: 1,
                node_id: "a1".into(),
                status: PositionStatus::Agreed,
                proposal: Some("Scope.".into()),
                agreed: Some("Scope.".into()),
            }],
            initialled: None,
        }
    }

    fn sender_key() -> SecretKey {
        SecretKey::from_bytes([5; 32])
    }

    #[test]
    fn a_signed_file_reads_back_with_the_key_that_signed_it() {
        let bytes = encode_signed(&payload(), &sender_key());
        let received = decode_file(&bytes).unwrap();
        assert_eq!(received.payload, payload());
        assert_eq!(received.signer, Some(sender_key().public_key()));
        assert_eq!(decode_file(&encode(&payload())).unwrap().signer, None);
    }

    fn signed_value() -> serde_json::Value {
        serde_json::from_slice(&encode_signed(&payload(), &sender_key())).unwrap()
    }

    fn decode_value(value: &serde_json::Value) -> Result<Received, ExchangeError> {
        decode_file(value.to_string().as_bytes())
    }

    #[test]
    fn a_tampered_signature_is_refused() {
        let mut file = signed_value();
        let value = file["signature"]["value"].as_str().unwrap().to_string();
        let flipped = if value.starts_with('0') { "1" } else { "0" };
        file["signature"]["value"] = format!("{flipped}{}", &value[1..]).into();
        assert_eq!(decode_value(&file), Err(ExchangeError::BadSignature));
    }

    #[test]
    fn a_signature_claimed_for_another_key_is_refused() {
        let mut file = signed_value();
        let other = SecretKey::from_bytes([6; 32]).public_key().to_hex();
        file["signature"]["public_key"] = other.into();
        assert_eq!(decode_value(&file), Err(ExchangeError::BadSignature));
    }

    #[test]
    fn a_changed_payload_with_a_recomputed_checksum_is_refused_by_its_signature() {
        let mut file = signed_value();
        file["payload"]["values"]["posting.months"] = 60.into();
        file["checksum"] = checksum(&file["payload"]).into();
        assert_eq!(decode_value(&file), Err(ExchangeError::BadSignature));
    }

    #[test]
    fn an_initialled_text_carries_signatures_that_verify_for_their_fingerprint_only() {
        let fingerprint = "ab".repeat(32);
        let key = sender_key();
        let signature = crate::signing::sign(
            &key,
            crate::signing::INITIALLING_CONTEXT,
            initialling_message(&fingerprint, "XA").as_bytes(),
        );
        let signed = DelegationSignature {
            delegation: "XA".into(),
            public_key: key.public_key().to_hex(),
            signature: signature.to_hex(),
        };
        assert_eq!(signed.verify(&fingerprint), Some(key.public_key()));
        assert_eq!(signed.verify(&"cd".repeat(32)), None);
        let claimed_by_other = DelegationSignature {
            delegation: "XB".into(),
            ..signed.clone()
        };
        assert_eq!(claimed_by_other.verify(&fingerprint), None);
        let mut with_initialled = payload();
        with_initialled.initialled = Some(InitialledText {
            fingerprint,
            signatures: vec![signed],
        });
        let bytes = encode_signed(&with_initialled, &key);
        assert_eq!(decode(&bytes).unwrap(), with_initialled);
    }

    #[test]
    fn a_file_reads_back_as_it_was_written() {
        let bytes = encode(&payload());
        assert_eq!(decode(&bytes).unwrap(), payload());
    }

    #[test]
    fn the_checksum_does_not_depend_on_key_order_or_spacing() {
        let a: serde_json::Value =
            serde_json::from_str(r#"{"b":1,"a":{"d":[1,2],"c":"é"}}"#).unwrap();
        let b: serde_json::Value =
            serde_json::from_str("{ \"a\" : { \"c\":\"é\", \"d\":[1, 2]}, \"b\":1 }").unwrap();
        assert_eq!(canonical_json(&a), r#"{"a":{"c":"é","d":[1,2]},"b":1}"#);
        assert_eq!(checksum(&a), checksum(&b));
    }

    #[test]
    fn a_changed_payload_is_refused_as_tampered() {
        let text = String::from_utf8(encode(&payload())).unwrap();
        let tampered = text.replace("\"posting.months\": 24", "\"posting.months\": 60");
        assert_ne!(text, tampered);
        assert!(matches!(
            decode(tampered.as_bytes()),
            Err(ExchangeError::ChecksumMismatch { .. })
        ));
    }

    #[test]
    fn malformed_json_is_refused_with_line_and_column() {
        let error = decode(b"{\n  \"format\": \"ssa-exchange/1\",\n  oops\n}").unwrap_err();
        assert!(
            matches!(error, ExchangeError::Malformed { line: 3, .. }),
            "{error:?}"
        );
        assert!(error.to_string().contains("line 3, column"), "{error}");
    }

    #[test]
    fn another_format_version_is_refused_by_name() {
        let text = String::from_utf8(encode(&payload()))
            .unwrap()
            .replace("ssa-exchange/1", "ssa-exchange/2");
        assert_eq!(
            decode(text.as_bytes()),
            Err(ExchangeError::UnknownFormat {
                found: "ssa-exchange/2".into()
            })
        );
        assert_eq!(
            decode(b"{\"format\":\"ssa-template/1\"}"),
            Err(ExchangeError::NotAnExchangeFile)
        );
    }

    /// Re-signs a payload after changing it, as a careless tool would: the checksum then holds,
    /// and the structural checks are what refuses the file.
    fn resigned(change: impl FnOnce(&mut Payload)) -> Result<Payload, ExchangeError> {
        let mut p = payload();
        change(&mut p);
        decode(&encode(&p))
    }

    #[test]
    fn structural_nonsense_is_refused() {
        let duplicate = resigned(|p| p.nodes[1].id = "a1".into()).unwrap_err();
        assert!(
            duplicate.to_string().contains("\"a1\" is used twice"),
            "{duplicate}"
        );
        let orphan = resigned(|p| p.nodes[1].parent = Some("zz".into())).unwrap_err();
        assert!(orphan.to_string().contains("parent \"zz\""), "{orphan}");
        let sender = resigned(|p| p.sender = "ZZ".into()).unwrap_err();
        assert!(sender.to_string().contains("sender \"ZZ\""), "{sender}");
        let position = resigned(|p| p.positions[0].node_id = "nope".into()).unwrap_err();
        assert!(position.to_string().contains("\"nope\""), "{position}");
    }

    #[test]
    fn a_missing_field_is_named() {
        let mut value: serde_json::Value = serde_json::to_value(payload()).unwrap();
        value.as_object_mut().unwrap().remove("sender");
        let file = serde_json::json!({
            "format": EXCHANGE_FORMAT,
            "checksum": checksum(&value),
            "payload": value,
        });
        let error = decode(file.to_string().as_bytes()).unwrap_err();
        assert!(
            error.to_string().contains("missing field `sender`"),
            "{error}"
        );
    }

    #[test]
    fn article_text_gathers_the_paragraphs_of_the_article() {
        let mut nodes = payload().nodes;
        nodes.push(node("a2", None, NodeKind::Article, "Second."));
        let articles = article_texts(&nodes);
        assert_eq!(articles.len(), 2);
        assert_eq!(articles[0].text, "Scope.\nÉl dice \"sí\".");
        assert_eq!(articles[1].text, "Second.");
    }
}
