//! Exchange files with the other party: export a version of the draft, import theirs.
//!
//! Contract:
//!
//! - **Identity.** Each party's database has its own negotiation record with its own local id,
//!   so files name the agreement by an *exchange identity* (`agreement_id`), not by a local id.
//!   The first export from a negotiation, or the first import into it, binds the negotiation to
//!   an agreement id (a new one on export, the file's on import); every later import must carry
//!   the bound id. Before binding, the file's parties (ISO codes) must be the negotiation's.
//!   So a counterpart imports our first file into its own negotiation (chosen with `--into`, or
//!   found by its parties) and the two databases share the id from then on; a file for another
//!   negotiation is refused either by its id or by its parties.
//! - **Export** carries the text and structure of the chosen version, its template id and
//!   version, its parameter values and the positions marked shared (round, status, our proposal,
//!   agreed text). It never carries the mandate, comments, notes or justifications, nor an
//!   unshared position. The file is written atomically.
//! - **Signature.** Every exported file is signed with our delegation's key
//!   ([`crate::signing`]); import checks the signature and judges the signer by the one rule of
//!   [`Workbench::judge_signer`]: the import reports "signed by the delegation of X" or a
//!   warning with the unknown key's fingerprint, and refuses a bad signature, or a file
//!   unsigned or signed with another key while a key is trusted for the sender. An initialled
//!   version travels with its fingerprint and the delegations' signatures on it; their
//!   signature is kept with our initialled version of the same fingerprint.
//! - **Import** refuses, changing nothing, a file that is malformed, of an unknown format
//!   version, tampered with (checksum or signature), structurally unsound, for another
//!   negotiation, sent by our own side, or already imported. Otherwise, in one transaction, the file is kept whole as
//!   an immutable record (file name, sender, time of import) and each article's text and
//!   parameter values become "their proposal" in the chosen round (the latest round by default;
//!   with the status and agreed text of their latest shared position on it, if any;
//!   round 1 is opened when there is none). Articles of our draft that their version leaves out
//!   are recorded as left out by them.

use std::path::Path;

use serde::{Deserialize, Serialize};
use specta::Type;
use ssa_core::exchange::{
    article_texts, decode_file, encode_signed, flatten, ExchangeParty, ExchangeTemplate,
    ExchangeVersion, InitialledText, Payload, SharedPosition, EXCHANGE_FORMAT,
};
use ssa_core::negotiation::{Negotiation, PartyRole, Shelf};
use ssa_core::rounds::{Position, TheirProposal};
use ssa_core::template::render;
use ssa_store::StoredImport;

use crate::files::write_atomically;
use crate::rounds::effective_values;
use crate::signing::{FingerprintDto, SignerDto};
use crate::{ApiError, ErrorCode, Workbench};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ExchangeExportDto {
    pub path: String,
    pub agreement_id: String,
    pub version_label: String,
    pub articles: u32,
    pub shared_positions: u32,
    pub checksum: String,
    /// The fingerprint of the key the file is signed with (ours).
    pub signed_with: FingerprintDto,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ExchangeImportDto {
    pub negotiation_id: String,
    pub round_id: String,
    pub round_number: u32,
    pub file_name: String,
    pub sender: String,
    pub sender_name: String,
    pub version_label: String,
    /// Articles whose text became their proposal.
    pub articles: u32,
    /// Articles of our draft their version leaves out.
    pub left_out: u32,
    /// Who signed the file.
    pub signer: SignerDto,
    /// The file carried their signature on a text we initialled too (same fingerprint).
    pub countersigned_version: Option<String>,
}

fn party_codes(negotiation: &Negotiation) -> Vec<String> {
    let mut codes: Vec<String> = negotiation
        .parties
        .iter()
        .map(|p| p.iso_code.clone())
        .collect();
    codes.sort();
    codes
}

impl Workbench {
    /// The exchange file's bytes for the current draft, or a revision given by number or
    /// version name. Binds the negotiation's exchange identity on first use.
    pub fn exchange_file(
        &mut self,
        negotiation_id: &str,
        version: Option<&str>,
    ) -> Result<(Vec<u8>, ExchangeExportDto), ApiError> {
        let negotiation = self.negotiation(negotiation_id)?;
        let own = negotiation.own_party().cloned().ok_or_else(|| {
            ApiError::new(
                ErrorCode::InvalidInput,
                format!(
                    "\"{}\" has no own party to send the file from.",
                    negotiation.title
                ),
            )
        })?;
        let (draft, label, revision, initialled) = match version {
            None => {
                let draft = self.get_draft(negotiation_id)?.ok_or_else(|| {
                    ApiError::new(
                        ErrorCode::InvalidInput,
                        format!(
                            "\"{}\" has no draft agreement to export yet.",
                            negotiation.title
                        ),
                    )
                })?;
                (draft, "Current draft".to_string(), None, None)
            }
            Some(which) => {
                // The same lookup (and refusal) as `ssa render --version` and the PDF export.
                let found = self.find_revision(negotiation_id, which)?;
                let draft = self
                    .store
                    .get_revision(negotiation_id, found.number)?
                    .ok_or_else(|| ApiError::not_found("revision", &found.number.to_string()))?;
                let label = found
                    .name
                    .clone()
                    .unwrap_or_else(|| format!("Revision {}", found.number));
                let initialled = found.initialled.as_ref().map(|i| i.fingerprint.clone());
                (draft, label, Some(found.number), initialled)
            }
        };
        let template = self.load_template(&draft.template_id, &draft.template_version)?;
        let document = render(&template, &draft);
        let nodes = flatten(&document);
        let in_file: std::collections::HashSet<&str> = nodes
            .iter()
            .map(|n| n.id.as_str())
            .chain(document.omitted.iter().map(|o| o.id.as_str()))
            .collect();
        let positions: Vec<SharedPosition> = self
            .store
            .list_positions(negotiation_id)?
            .into_iter()
            .filter(|(_, p)| p.shared && in_file.contains(p.node_id.as_str()))
            .map(|(round, p)| SharedPosition {
                round,
                node_id: p.node_id,
                status: p.status,
                proposal: p.ours,
                agreed: p.agreed,
            })
            .collect();
        let initialled = match (revision, initialled) {
            (Some(number), Some(fingerprint)) => Some(InitialledText {
                signatures: self.initialling_signatures(negotiation_id, number, &fingerprint)?,
                fingerprint,
            }),
            _ => None,
        };
        let key = self.signing_key(&own.iso_code)?;
        let agreement_id = match self.store.exchange_identity(negotiation_id)? {
            Some(id) => id,
            None => {
                let id = self.ids.new_id();
                self.store
                    .bind_exchange_identity(negotiation_id, &id, self.clock.now())?;
                id
            }
        };
        let payload = Payload {
            agreement_id: agreement_id.clone(),
            parties: negotiation
                .parties
                .iter()
                .map(|p| ExchangeParty {
                    name: p.name.clone(),
                    iso_code: p.iso_code.clone(),
                })
                .collect(),
            sender: own.iso_code.clone(),
            exported_at: self
                .clock
                .now()
                .to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            version: ExchangeVersion {
                label: label.clone(),
                revision,
            },
            template: ExchangeTemplate {
                id: template.id.clone(),
                version: template.version.clone(),
            },
            title: ssa_core::template::document::plain(&document.title),
            omitted: document.omitted.iter().map(|o| o.id.clone()).collect(),
            values: effective_values(&template, &draft),
            positions,
            nodes,
            initialled,
        };
        let bytes = encode_signed(&payload, &key);
        let summary = ExchangeExportDto {
            path: String::new(),
            agreement_id,
            version_label: label,
            articles: article_texts(&payload.nodes).len() as u32,
            shared_positions: payload.positions.len() as u32,
            checksum: ssa_core::exchange::checksum(
                &serde_json::to_value(&payload).expect("a payload always serialises"),
            ),
            signed_with: key.public_key().fingerprint().into(),
        };
        Ok((bytes, summary))
    }

    /// Writes the exchange file to `path` (atomically).
    pub fn export_exchange_file(
        &mut self,
        negotiation_id: &str,
        version: Option<&str>,
        path: &Path,
    ) -> Result<ExchangeExportDto, ApiError> {
        let (bytes, mut summary) = self.exchange_file(negotiation_id, version)?;
        write_atomically(path, &bytes)?;
        summary.path = path.display().to_string();
        tracing::info!(negotiation_id, path = %path.display(), "exchange file exported");
        Ok(summary)
    }

    /// Reads and imports a counterpart's exchange file; see the module contract.
    pub fn import_exchange_file(
        &mut self,
        path: &Path,
        into: Option<&str>,
        round: Option<u32>,
    ) -> Result<ExchangeImportDto, ApiError> {
        let bytes = crate::files::read_bounded(
            path,
            ssa_core::limits::MAX_EXCHANGE_BYTES,
            "exchange file",
        )?;
        self.import_exchange(&crate::files::display_name(path), &bytes, into, round)
    }

    /// Imports a counterpart's exchange file given as bytes, named `file_name` in messages.
    pub fn import_exchange(
        &mut self,
        file_name: &str,
        bytes: &[u8],
        into: Option<&str>,
        round: Option<u32>,
    ) -> Result<ExchangeImportDto, ApiError> {
        let refuse = |reason: String| {
            ApiError::new(
                ErrorCode::InvalidInput,
                format!("{file_name} was not imported: {reason}. Nothing was changed."),
            )
        };
        let received = decode_file(bytes).map_err(|e| match e {
            ssa_core::exchange::ExchangeError::BadSignature => ApiError::new(
                ErrorCode::BadSignature,
                format!("{file_name} was not imported: {e}. Nothing was changed."),
            ),
            e => refuse(e.to_string()),
        })?;
        let payload = received.payload;
        let mut file_codes: Vec<String> =
            payload.parties.iter().map(|p| p.iso_code.clone()).collect();
        file_codes.sort();
        let between = |codes: &[String]| codes.join(" and ");

        let negotiation = match into {
            Some(id) => self.negotiation(id)?,
            None => {
                let bound = self
                    .store
                    .negotiations_with_exchange_identity(&payload.agreement_id)?;
                let candidates: Vec<Negotiation> = if !bound.is_empty() {
                    bound
                        .iter()
                        .filter_map(|id| self.store.get_negotiation(id).transpose())
                        .collect::<Result<_, _>>()?
                } else {
                    let mut found = Vec::new();
                    for n in self.store.list_negotiations(Shelf::Active)? {
                        if party_codes(&n) == file_codes
                            && self.store.exchange_identity(&n.id)?.is_none()
                        {
                            found.push(n);
                        }
                    }
                    found
                };
                match candidates.len() {
                    1 => candidates.into_iter().next().expect("one candidate"),
                    0 => {
                        return Err(refuse(format!(
                            "no negotiation here is between {} (the file's parties); create it, or choose the negotiation to import into",
                            between(&file_codes)
                        )))
                    }
                    _ => {
                        return Err(refuse(format!(
                            "several negotiations here are between {}; choose the one to import into",
                            between(&file_codes)
                        )))
                    }
                }
            }
        };
        let codes = party_codes(&negotiation);
        if codes != file_codes {
            return Err(refuse(format!(
                "it is for another negotiation: the file is between {}, \"{}\" is between {}",
                between(&file_codes),
                negotiation.title,
                between(&codes)
            )));
        }
        if let Some(bound) = self.store.exchange_identity(&negotiation.id)? {
            if bound != payload.agreement_id {
                return Err(refuse(format!(
                    "it is for another negotiation: it names agreement {}, and \"{}\" exchanges files as agreement {bound}",
                    payload.agreement_id, negotiation.title
                )));
            }
        }
        let own = negotiation
            .parties
            .iter()
            .find(|p| p.role == PartyRole::Own)
            .map(|p| p.iso_code.clone())
            .unwrap_or_default();
        if payload.sender == own {
            return Err(refuse(format!(
                "it was exported by your own side ({own}); import the file the other party sent"
            )));
        }
        let signer = self.judge_signer(file_name, &payload.sender, received.signer)?;
        let checksum = ssa_core::exchange::checksum(
            &serde_json::to_value(&payload).expect("a payload always serialises"),
        );
        let imports = self.store.list_imports(&negotiation.id)?;
        let rounds = self.store.list_rounds(&negotiation.id)?;
        let (round_id, round_number) = match round {
            Some(number) => {
                let found = rounds.iter().find(|r| r.number == number).ok_or_else(|| {
                    refuse(format!("\"{}\" has no round {number}", negotiation.title))
                })?;
                (found.id.clone(), found.number)
            }
            None => match rounds.last() {
                Some(last) => (last.id.clone(), last.number),
                None => (String::new(), 1),
            },
        };
        if let Some(earlier) = imports
            .iter()
            .find(|i| i.checksum == checksum && i.round_id == round_id)
        {
            return Err(refuse(format!(
                "the same file was already imported into round {round_number} on {}",
                earlier.imported_at.format("%Y-%m-%d %H:%M UTC")
            )));
        }

        let now = self.clock.now();
        let import_id = self.ids.new_id();
        // Round 1 is opened for the file (in the import's transaction) when there is none yet.
        let open_round = round_id.is_empty();
        let round_id = if open_round {
            self.ids.new_id()
        } else {
            round_id
        };
        let theirs = article_texts(&payload.nodes);
        let ours = self.draft_articles(&negotiation.id)?;
        let existing = self.store.list_positions(&negotiation.id)?;
        let position_for = |node_id: &str| {
            existing
                .iter()
                .find(|(_, p)| p.round_id == round_id && p.node_id == node_id)
                .map(|(_, p)| p.clone())
                .unwrap_or_else(|| Position::open(&round_id, node_id, now))
        };
        let mut positions = Vec::new();
        for (order, article) in theirs.iter().enumerate() {
            let mut position = position_for(&article.node_id);
            // Their latest shared position on the article, as they recorded it.
            let shared = payload
                .positions
                .iter()
                .filter(|p| p.node_id == article.node_id)
                .max_by_key(|p| p.round);
            position.theirs = Some(TheirProposal {
                text: article.text.clone(),
                values: article
                    .parameters
                    .iter()
                    .filter_map(|p| payload.values.get(p).map(|v| (p.clone(), v.clone())))
                    .collect(),
                omits: false,
                import_id: Some(import_id.clone()),
                label: article.label.clone(),
                heading: article.heading.clone(),
                order: Some(order as u32),
                status: shared.map(|p| p.status),
                agreed: shared.and_then(|p| p.agreed.clone()),
            });
            position.theirs_at = Some(now);
            position.updated_at = now;
            positions.push(position);
        }
        let mut left_out = 0;
        for article in ours.iter().flat_map(|d| d.articles.iter()) {
            if theirs.iter().any(|t| t.node_id == article.node_id) {
                continue;
            }
            left_out += 1;
            let mut position = position_for(&article.node_id);
            position.theirs = Some(TheirProposal {
                text: String::new(),
                values: Default::default(),
                omits: true,
                import_id: Some(import_id.clone()),
                ..TheirProposal::default()
            });
            position.theirs_at = Some(now);
            position.updated_at = now;
            positions.push(position);
        }
        let sender_name = payload
            .parties
            .iter()
            .find(|p| p.iso_code == payload.sender)
            .map(|p| p.name.clone())
            .unwrap_or_default();
        let record = StoredImport {
            id: import_id,
            negotiation_id: negotiation.id.clone(),
            round_id: round_id.clone(),
            file_name: file_name.to_string(),
            sender: payload.sender.clone(),
            sender_name: sender_name.clone(),
            exported_at: payload.exported_at.clone(),
            version_label: payload.version.label.clone(),
            checksum,
            content: String::from_utf8_lossy(bytes).into_owned(),
            imported_at: now,
            signer: received.signer.map(|key| {
                (
                    key.fingerprint().to_hex(),
                    matches!(signer, SignerDto::Trusted { .. }),
                )
            }),
        };
        self.store
            .record_import(&record, &payload.agreement_id, &positions, open_round)?;
        let countersigned_version = match (&payload.initialled, received.signer) {
            (Some(initialled), Some(key)) => {
                self.record_their_initialling(&negotiation.id, &payload.sender, key, initialled)?
            }
            _ => None,
        };
        match &signer {
            SignerDto::Trusted { .. } => {}
            other => {
                tracing::warn!(file_name, signer = %other.describe(), "imported a file from an unconfirmed signer")
            }
        }
        tracing::info!(negotiation = %negotiation.id, file_name, format = EXCHANGE_FORMAT, "exchange file imported");
        Ok(ExchangeImportDto {
            negotiation_id: negotiation.id,
            round_id,
            round_number,
            file_name: file_name.to_string(),
            sender: payload.sender,
            sender_name,
            version_label: payload.version.label,
            articles: theirs.len() as u32,
            left_out,
            signer,
            countersigned_version,
        })
    }
}
