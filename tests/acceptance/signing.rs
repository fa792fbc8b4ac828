//! Signed exchange files and exports between two delegations' databases: an unknown key warns
//! with its fingerprint, a trusted one says who signed, and a tampered signature, a signature
//! from another key and a re-signed file with a changed payload are each refused with the
//! database unchanged. The initialled text carries both delegations' signatures.

use ssa_api::dto::{NegotiationInput, VersionRefDto};
use ssa_api::signing::SignerDto;
use ssa_api::{ErrorCode, PdfDocumentDto, Session};
use ssa_core::exchange::checksum;
use ssa_tests::pdf_checks::{tool, words};

use crate::exchange::dump;
use crate::support::Place;

/// Aurelia's database with the sample, a named and initialled version "Geneva text"; and
/// Boreland's, a copy of it made before either had a key, with the roles turned round (as if
/// Boreland had typed the same agreed text into its own negotiation).
fn two_delegations() -> (Place, Session, String, Place, Session, String) {
    let ours = Place::new();
    let session = ours.session();
    let id = session.with(|w| w.create_sample_negotiation()).unwrap().id;
    let version = session
        .with(|w| w.name_version(&id, "Geneva text"))
        .unwrap();
    session
        .with(|w| w.initial_version(&id, version.number, "A. Aurelian"))
        .unwrap();
    drop(session);
    let theirs = Place::new();
    std::fs::copy(ours.database(), theirs.database()).unwrap();
    let their_session = theirs.session();
    let their_negotiation = their_session.with(|w| w.get_negotiation(&id)).unwrap();
    let mut parties = their_negotiation.parties.clone();
    for party in &mut parties {
        party.role = match party.role {
            ssa_api::dto::PartyRoleDto::Own => ssa_api::dto::PartyRoleDto::Counterpart,
            ssa_api::dto::PartyRoleDto::Counterpart => ssa_api::dto::PartyRoleDto::Own,
        };
    }
    their_session
        .with(|w| {
            w.update_negotiation(
                &id,
                NegotiationInput {
                    title: their_negotiation.title.clone(),
                    parties,
                    working_languages: their_negotiation.working_languages.clone(),
                    notes: String::new(),
                },
            )
        })
        .unwrap();
    let session = ours.session();
    (ours, session, id.clone(), theirs, their_session, id)
}

fn fingerprint_hex(session: &Session, delegation: &str) -> String {
    session
        .with(|w| w.own_key(delegation))
        .unwrap()
        .fingerprint
        .hex
}

#[test]
fn an_unknown_key_warns_with_its_fingerprint_and_a_trusted_one_says_who_signed() {
    let (_ours, session, id, _theirs, their_session, their_id) = two_delegations();
    let (file, export) = session.with(|w| w.exchange_file(&id, None)).unwrap();
    let our_fingerprint = fingerprint_hex(&session, "XA");
    assert_eq!(export.signed_with.hex, our_fingerprint);
    assert_eq!(export.signed_with.words.len(), 16);

    let first = their_session
        .with(|w| w.import_exchange("from-aurelia.json", &file, Some(&their_id), None))
        .unwrap();
    match &first.signer {
        SignerDto::Unknown {
            delegation,
            fingerprint,
            ..
        } => {
            assert_eq!(delegation, "XA");
            assert_eq!(fingerprint.hex, our_fingerprint);
        }
        other => panic!("expected an unknown signer, got {other:?}"),
    }
    assert!(first.signer.describe().contains(&our_fingerprint));

    // Boreland trusts the fingerprint Aurelia read out (as words, the way it was heard).
    let words = session.with(|w| w.own_key("XA")).unwrap().fingerprint.words;
    let keys = their_session
        .with(|w| w.trust_key("xa", &words.join(" ")))
        .unwrap();
    assert_eq!(keys.trusted[0].fingerprint.hex, our_fingerprint);
    assert_eq!(keys.trusted[0].delegation_name, "the Republic of Aurelia");
    let wrong = their_session
        .with(|w| w.trust_key("XA", "not a fingerprint"))
        .unwrap_err();
    assert_eq!(wrong.problems[0].field, "fingerprint");

    session.with(|w| w.add_round(&id)).unwrap();
    let (second, _) = session.with(|w| w.exchange_file(&id, None)).unwrap();
    let imported = their_session
        .with(|w| w.import_exchange("second.json", &second, Some(&their_id), Some(1)))
        .unwrap();
    assert!(
        matches!(&imported.signer, SignerDto::Trusted { delegation_name, .. } if delegation_name == "the Republic of Aurelia"),
        "{:?}",
        imported.signer
    );
    assert_eq!(
        imported.signer.describe(),
        "signed by the delegation of the Republic of Aurelia"
    );
}

/// Boreland, trusting Aurelia's key, and a good file from Aurelia.
fn trusting_side() -> (Place, Session, String, Vec<u8>) {
    let (_ours, session, id, theirs, their_session, their_id) = two_delegations();
    let (file, _) = session.with(|w| w.exchange_file(&id, None)).unwrap();
    let fingerprint = fingerprint_hex(&session, "XA");
    their_session
        .with(|w| w.trust_key("XA", &fingerprint))
        .unwrap();
    (theirs, their_session, their_id, file)
}

fn refused_unchanged(
    place: &Place,
    session: &Session,
    id: &str,
    name: &str,
    bytes: &[u8],
) -> String {
    let before = dump(place);
    let error = session
        .with(|w| w.import_exchange(name, bytes, Some(id), None))
        .unwrap_err();
    assert_eq!(
        error.code,
        ErrorCode::BadSignature,
        "{name}: {}",
        error.message
    );
    assert!(
        error.message.contains("Nothing was changed"),
        "{}",
        error.message
    );
    assert_eq!(dump(place), before, "{name} changed the database");
    error.message
}

fn edit(file: &[u8], change: impl FnOnce(&mut serde_json::Value)) -> Vec<u8> {
    let mut value: serde_json::Value = serde_json::from_slice(file).unwrap();
    change(&mut value);
    serde_json::to_vec_pretty(&value).unwrap()
}

#[test]
fn a_tampered_signature_another_key_and_a_resigned_payload_are_each_refused_with_nothing_changed() {
    let (theirs, session, id, file) = trusting_side();

    let tampered = edit(&file, |v| {
        let value = v["signature"]["value"].as_str().unwrap().to_string();
        let first = if value.starts_with('a') { "b" } else { "a" };
        v["signature"]["value"] = format!("{first}{}", &value[1..]).into();
    });
    let message = refused_unchanged(&theirs, &session, &id, "tampered.json", &tampered);
    assert!(message.contains("signature does not hold"), "{message}");

    let resigned = edit(&file, |v| {
        v["payload"]["title"] = "A title nobody agreed".into();
        v["checksum"] = checksum(&v["payload"]).into();
    });
    refused_unchanged(&theirs, &session, &id, "resigned.json", &resigned);

    // A forger's own key: the signature holds, but it is not the key trusted for Aurelia.
    let forger = Place::new();
    let forger_session = forger.session();
    let forged_id = forger_session
        .with(|w| w.create_sample_negotiation())
        .unwrap()
        .id;
    let (forged, _) = forger_session
        .with(|w| w.exchange_file(&forged_id, None))
        .unwrap();
    let message = refused_unchanged(&theirs, &session, &id, "forged.json", &forged);
    assert!(message.contains("not the one you trust"), "{message}");

    let unsigned = edit(&file, |v| {
        v.as_object_mut().unwrap().remove("signature");
    });
    let message = refused_unchanged(&theirs, &session, &id, "unsigned.json", &unsigned);
    assert!(message.contains("not signed"), "{message}");

    // The good file still imports.
    session
        .with(|w| w.import_exchange("good.json", &file, Some(&id), None))
        .unwrap();
}

#[test]
fn the_initialled_pdf_prints_the_fingerprint_and_both_signatures_and_is_signed_beside_it() {
    let (ours, session, id, _theirs, their_session, their_id) = two_delegations();
    let (ours_file, _) = session
        .with(|w| w.exchange_file(&id, Some("Geneva text")))
        .unwrap();
    let imported = their_session
        .with(|w| w.import_exchange("geneva.json", &ours_file, Some(&their_id), None))
        .unwrap();
    assert_eq!(
        imported.countersigned_version.as_deref(),
        Some("Geneva text")
    );
    let (theirs_file, _) = their_session
        .with(|w| w.exchange_file(&their_id, Some("Geneva text")))
        .unwrap();
    let back = session
        .with(|w| w.import_exchange("geneva-back.json", &theirs_file, Some(&id), None))
        .unwrap();
    assert_eq!(back.countersigned_version.as_deref(), Some("Geneva text"));

    let number = session
        .with(|w| w.list_revisions(&id))
        .unwrap()
        .into_iter()
        .find(|r| r.name.as_deref() == Some("Geneva text"))
        .unwrap()
        .number;
    let fingerprint = session
        .with(|w| w.list_revisions(&id))
        .unwrap()
        .into_iter()
        .find(|r| r.number == number)
        .unwrap()
        .initialled
        .unwrap()
        .fingerprint;
    let pdf = ours.dir.path().join("geneva.pdf");
    let export = session
        .with(|w| {
            w.export_pdf(
                &id,
                &PdfDocumentDto::Agreement {
                    version: VersionRefDto::Revision { number },
                },
                "en",
                &pdf,
            )
        })
        .unwrap();
    let sig = export.signature_path.expect("an initialled text is signed");
    assert!(std::path::Path::new(&sig).exists());
    // Our own key speaks for our delegation.
    let own_check = session.with(|w| w.verify_signed_file(&pdf, None));
    assert!(
        matches!(own_check, Ok(SignerDto::Trusted { .. })),
        "{own_check:?}"
    );

    let their_check = their_session.with(|w| {
        let our_key = session.with(|o| o.own_key("XA")).unwrap().fingerprint.hex;
        w.trust_key("XA", &our_key)?;
        w.verify_signed_file(&pdf, None)
    });
    assert!(
        matches!(their_check, Ok(SignerDto::Trusted { .. })),
        "{their_check:?}"
    );
    // A changed byte of the PDF, and the signature no longer holds.
    let mut bytes = std::fs::read(&pdf).unwrap();
    let last = bytes.len() - 2;
    bytes[last] ^= 1;
    std::fs::write(&pdf, &bytes).unwrap();
    let changed = their_session
        .with(|w| w.verify_signed_file(&pdf, None))
        .unwrap_err();
    assert!(
        changed.message.contains("changed after it was signed"),
        "{}",
        changed.message
    );
    bytes[last] ^= 1;
    std::fs::write(&pdf, &bytes).unwrap();

    let Some(text) = tool("pdftotext", &["-raw"], &pdf).map(|t| words(&t)) else {
        return; // poppler-utils missing: the structure checks above still ran
    };
    let our_key = fingerprint_hex(&session, "XA");
    let their_key = fingerprint_hex(&their_session, "XB");
    for wanted in [
        "Initialling",
        "Delegation: the Republic of Aurelia",
        "Delegation: the Kingdom of Boreland",
        &our_key,
        &their_key,
        &fingerprint[..16],
    ] {
        assert!(
            text.contains(&words(wanted)),
            "{wanted} not in the PDF:\n{text}"
        );
    }
    assert!(!text.contains("not yet received"), "{text}");
}
