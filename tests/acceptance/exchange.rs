//! Exchange files between the two parties' databases: export → import round trip, what never
//! leaves the own side, and every kind of bad file refused with the database unchanged.

use proptest::prelude::*;
use ssa_api::dto::{NegotiationInput, PartyRoleDto};
use ssa_api::rounds::{CommentInput, PositionInput};
use ssa_api::Session;
use ssa_core::exchange::{decode, encode, Payload};
use ssa_core::mandate::{Limit, MandateEntry};
use ssa_core::rounds::{PositionStatus, Side};

use crate::rounds::POSTING;
use crate::support::{party, Place};

const SECRETS: [&str; 5] = [
    "SECRET-RED-LINE",
    "SECRET-COMMENT",
    "SECRET-JUSTIFICATION",
    "UNSHARED-PROPOSAL",
    "SECRET-NOTES",
];

/// Our side (Aurelia): the sample negotiation with positions, a mandate, comments and notes.
fn our_side(place: &Place) -> (Session, String) {
    let session = place.session();
    let id = session.with(|w| w.create_sample_negotiation()).unwrap().id;
    let negotiation = session.with(|w| w.get_negotiation(&id)).unwrap();
    session
        .with(|w| {
            w.update_negotiation(
                &id,
                NegotiationInput {
                    title: negotiation.title.clone(),
                    parties: negotiation.parties.clone(),
                    working_languages: negotiation.working_languages.clone(),
                    notes: "SECRET-NOTES".into(),
                },
            )
        })
        .unwrap();
    let round = session.with(|w| w.add_round(&id)).unwrap();
    let first = session.with(|w| w.positions_view(&id, None)).unwrap().rows[0]
        .node_id
        .clone();
    session
        .with(|w| {
            w.save_position(
                &id,
                &round.id,
                &first,
                &PositionInput {
                    status: PositionStatus::Agreed,
                    ours: Some("SHARED-PROPOSAL".into()),
                    theirs: None,
                    agreed: Some("SHARED-AGREED".into()),
                    justification: "SECRET-JUSTIFICATION".into(),
                    shared: true,
                },
            )
        })
        .unwrap();
    session
        .with(|w| {
            w.save_position(
                &id,
                &round.id,
                POSTING,
                &PositionInput {
                    status: PositionStatus::Proposed,
                    ours: Some("UNSHARED-PROPOSAL".into()),
                    theirs: None,
                    agreed: None,
                    justification: String::new(),
                    shared: false,
                },
            )
        })
        .unwrap();
    session
        .with(|w| {
            w.save_mandate_entry(
                &id,
                &MandateEntry {
                    node_id: POSTING.into(),
                    red_line: "SECRET-RED-LINE".into(),
                    limits: vec![Limit::AtMost {
                        parameter: "posting.months".into(),
                        value: 12,
                    }],
                    ..MandateEntry::default()
                },
            )
        })
        .unwrap();
    session
        .with(|w| {
            w.add_comment(
                &id,
                &CommentInput {
                    node_id: POSTING.into(),
                    parent_id: None,
                    author: "Ana".into(),
                    body: "SECRET-COMMENT".into(),
                },
            )
        })
        .unwrap();
    (session, id)
}

/// Their side (Boreland): its own negotiation record, own side XB, with no draft of its own.
fn their_side(place: &Place) -> (Session, String) {
    let session = place.session();
    let id = session
        .with(|w| {
            w.create_negotiation(NegotiationInput {
                title: "Boreland–Aurelia SSA".into(),
                parties: vec![
                    party("Kingdom of Boreland", "XB", PartyRoleDto::Own),
                    party("Republic of Aurelia", "XA", PartyRoleDto::Counterpart),
                ],
                working_languages: vec!["en".into()],
                notes: String::new(),
            })
        })
        .unwrap()
        .id;
    (session, id)
}

/// Every row of every table, as text: equal before and after means nothing was changed.
pub fn dump(place: &Place) -> String {
    let conn = rusqlite::Connection::open_with_flags(
        place.database(),
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
    )
    .unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut out = String::new();
    for table in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{table}\"")).unwrap();
        let columns = stmt.column_count();
        let rows: Vec<String> = stmt
            .query_map([], |row| {
                Ok((0..columns)
                    .map(|i| format!("{:?}", row.get_ref(i).unwrap()))
                    .collect::<Vec<_>>()
                    .join("|"))
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        out.push_str(&format!("{table}: {}\n", rows.join("\n")));
    }
    out
}

#[test]
fn a_round_trip_carries_text_structure_and_shared_positions_and_never_the_confidential() {
    let ours = Place::new();
    let (our_session, our_id) = our_side(&ours);
    let file = ours.dir.path().join("to-boreland.json");
    let exported = our_session
        .with(|w| w.export_exchange_file(&our_id, None, &file))
        .unwrap();
    assert_eq!(exported.shared_positions, 1);
    let bytes = std::fs::read(&file).unwrap();
    let text = String::from_utf8(bytes.clone()).unwrap();
    for secret in SECRETS {
        assert!(!text.contains(secret), "the file carries {secret}");
    }
    assert!(text.contains("SHARED-PROPOSAL") && text.contains("SHARED-AGREED"));
    let payload: Payload = decode(&bytes).unwrap();
    let our_document = our_session.with(|w| w.agreement(&our_id)).unwrap().document;
    assert_eq!(
        payload.nodes,
        ssa_core::exchange::flatten(&our_document),
        "text and structure as rendered"
    );

    // The counterpart imports it into its own negotiation, found by its parties (CLI).
    let theirs = Place::new();
    let (their_session, their_id) = their_side(&theirs);
    drop(their_session);
    let (code, out, err) = theirs.ssa(&["exchange", "import", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("round 1"), "{out}");
    let their_session = theirs.session();
    let view = their_session
        .with(|w| w.positions_view(&their_id, None))
        .unwrap();
    let our_view = our_session
        .with(|w| w.positions_view(&our_id, None))
        .unwrap();
    assert_eq!(view.rows.len(), our_view.rows.len());
    for (their_row, our_row) in view.rows.iter().zip(&our_view.rows) {
        assert_eq!(their_row.node_id, our_row.node_id);
        assert_eq!(their_row.theirs.as_ref().unwrap().text, our_row.draft_text);
        assert_eq!(their_row.table.as_ref().unwrap().side, Side::Theirs);
    }
    // Their shared position arrives with their proposal; unshared ones do not.
    let first = view.rows[0].theirs.as_ref().unwrap();
    assert_eq!(first.status, Some(PositionStatus::Agreed));
    assert_eq!(first.agreed.as_deref(), Some("SHARED-AGREED"));
    let posting = view.rows.iter().find(|r| r.node_id == POSTING).unwrap();
    assert_eq!(posting.theirs.as_ref().unwrap().status, None);
    assert_eq!(
        posting.theirs.as_ref().unwrap().values["posting.months"],
        ssa_core::template::Value::Number(24)
    );
    assert_eq!(view.imports[0].file_name, "to-boreland.json");
    assert_eq!(view.imports[0].sender, "XA");

    // They answer; we import their file: the identity now binds both databases.
    let back = theirs.dir.path().join("to-aurelia.json");
    // They have no draft of their own, so they send nothing until they start one.
    let refused = their_session
        .with(|w| w.export_exchange_file(&their_id, None, &back))
        .unwrap_err();
    assert!(refused.message.contains("no draft"), "{}", refused.message);
    their_session
        .with(|w| w.start_draft(&their_id, None))
        .unwrap();
    let mut draft = their_session
        .with(|w| w.get_draft(&their_id))
        .unwrap()
        .unwrap();
    draft.values.insert(
        "posting.months".into(),
        ssa_core::template::Value::Number(36),
    );
    their_session
        .with(|w| w.save_draft(&their_id, &draft))
        .unwrap();
    their_session
        .with(|w| w.export_exchange_file(&their_id, None, &back))
        .unwrap();
    let imported = our_session
        .with(|w| w.import_exchange_file(&back, None, None))
        .unwrap();
    assert_eq!(imported.negotiation_id, our_id);
    let view = our_session
        .with(|w| w.positions_view(&our_id, None))
        .unwrap();
    let posting = view.rows.iter().find(|r| r.node_id == POSTING).unwrap();
    // Their 36 months are on the table and cross our red line of 12.
    assert_eq!(posting.table.as_ref().unwrap().side, Side::Theirs);
    assert!(
        posting.red_line_warnings[0].contains("36"),
        "{:?}",
        posting.red_line_warnings
    );
}

fn resign(bytes: &[u8], change: impl FnOnce(&mut Payload)) -> Vec<u8> {
    let mut payload = decode(bytes).unwrap();
    change(&mut payload);
    encode(&payload)
}

#[test]
fn every_kind_of_bad_file_is_refused_with_the_database_unchanged() {
    let ours = Place::new();
    let (our_session, our_id) = our_side(&ours);
    let (good, _) = our_session
        .with(|w| w.exchange_file(&our_id, None))
        .unwrap();
    let theirs = Place::new();
    let (session, their_id) = their_side(&theirs);

    let text = String::from_utf8(good.clone()).unwrap();
    let other_agreement = resign(&good, |p| p.agreement_id = "another-agreement".into());
    let other_parties = resign(&good, |p| p.parties[1].iso_code = "XC".into());
    let duplicate = resign(&good, |p| {
        let id = p.nodes[0].id.clone();
        p.nodes[1].id = id;
    });
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "broken.json",
            text.as_bytes()[..text.len() / 2].to_vec(),
            "line",
        ),
        ("empty.json", Vec::new(), "not valid JSON"),
        (
            "v2.json",
            text.replacen("ssa-exchange/1", "ssa-exchange/2", 1)
                .into_bytes(),
            "ssa-exchange/2",
        ),
        (
            "template.json",
            b"{\"format\": \"ssa-template/1\"}".to_vec(),
            "not an SSA Workbench exchange file",
        ),
        (
            "tampered.json",
            text.replacen("SHARED-AGREED", "SHARED-AGREEX", 1)
                .into_bytes(),
            "checksum",
        ),
        ("duplicate.json", duplicate, "used twice"),
        (
            "missing.json",
            text.replacen("\"sender\"", "\"sendr\"", 1).into_bytes(),
            "checksum",
        ),
        ("other-parties.json", other_parties, "between"),
    ];
    let before = dump(&theirs);
    for (name, bytes, expected) in &cases {
        let error = session
            .with(|w| w.import_exchange(name, bytes, Some(&their_id), None))
            .unwrap_err();
        assert!(
            error
                .message
                .starts_with(&format!("{name} was not imported")),
            "{}",
            error.message
        );
        assert!(
            error.message.contains(expected),
            "{name}: {}",
            error.message
        );
        assert!(
            error.message.ends_with("Nothing was changed."),
            "{}",
            error.message
        );
        assert_eq!(dump(&theirs), before, "{name} changed the database");
    }

    // Bound to our agreement by a first import, the negotiation refuses another agreement's file.
    session
        .with(|w| w.import_exchange("good.json", &good, Some(&their_id), None))
        .unwrap();
    let bound = dump(&theirs);
    for (name, bytes, expected) in [
        ("other.json", &other_agreement, "another-agreement"),
        ("good-again.json", &good, "already imported"),
    ] {
        let error = session
            .with(|w| w.import_exchange(name, bytes, Some(&their_id), None))
            .unwrap_err();
        assert!(
            error.message.contains(expected),
            "{name}: {}",
            error.message
        );
        assert_eq!(dump(&theirs), bound);
    }

    // Our own file is refused on our own side; the CLI says the same and exits 1.
    let own_file = ours.dir.path().join("ours.json");
    std::fs::write(&own_file, &good).unwrap();
    let before = dump(&ours);
    let error = our_session
        .with(|w| w.import_exchange_file(&own_file, Some(&our_id), None))
        .unwrap_err();
    assert!(error.message.contains("your own side"), "{}", error.message);
    drop(our_session);
    let (code, _, err) = ours.ssa(&[
        "exchange",
        "import",
        own_file.to_str().unwrap(),
        "--into",
        &our_id,
    ]);
    assert_eq!(code, 1);
    assert!(
        err.contains("ours.json was not imported") && err.contains("your own side"),
        "{err}"
    );
    assert_eq!(dump(&ours), before);
}

/// One bad byte, a cut, or a changed field: each mutation of a good file.
#[derive(Debug, Clone)]
enum Mutation {
    Flip { at: usize, bit: u8 },
    Truncate { at: usize },
    Field { key: usize, value: u8 },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 0u8..8).prop_map(|(at, bit)| Mutation::Flip { at, bit }),
        any::<usize>().prop_map(|at| Mutation::Truncate { at }),
        (any::<usize>(), any::<u8>()).prop_map(|(key, value)| Mutation::Field { key, value }),
    ]
}

fn mutate(good: &[u8], mutation: &Mutation) -> Vec<u8> {
    let mut bytes = good.to_vec();
    match mutation {
        Mutation::Flip { at, bit } => {
            let at = at % bytes.len();
            bytes[at] ^= 1 << bit;
        }
        Mutation::Truncate { at } => bytes.truncate(at % bytes.len()),
        Mutation::Field { key, value } => {
            // Replace one payload field with a value of another shape, re-signed or not.
            let mut file: serde_json::Value = serde_json::from_slice(good).unwrap();
            let payload = file["payload"].as_object_mut().unwrap();
            let keys: Vec<String> = payload.keys().cloned().collect();
            let key = &keys[key % keys.len()];
            let replacement = match value % 5 {
                0 => serde_json::Value::Null,
                1 => serde_json::json!(*value),
                2 => serde_json::json!("x"),
                3 => serde_json::json!([]),
                _ => serde_json::json!({}),
            };
            payload.insert(key.clone(), replacement);
            if value % 2 == 0 {
                let checksum = ssa_core::exchange::checksum(&file["payload"]);
                file["checksum"] = checksum.into();
            }
            bytes = serde_json::to_vec(&file).unwrap();
        }
    }
    bytes
}

#[test]
fn mutated_files_never_panic_the_importer_and_a_refusal_changes_nothing() {
    let ours = Place::new();
    let (our_session, our_id) = our_side(&ours);
    let (good, _) = our_session
        .with(|w| w.exchange_file(&our_id, None))
        .unwrap();
    let theirs = Place::new();
    let (session, their_id) = their_side(&theirs);
    let config = ProptestConfig {
        cases: 96,
        failure_persistence: None,
        ..ProptestConfig::default()
    };
    proptest!(config, |(m in mutation())| {
        let bytes = mutate(&good, &m);
        let before = dump(&theirs);
        let result = session.with(|w| w.import_exchange("mutated.json", &bytes, Some(&their_id), None));
        if let Err(error) = result {
            prop_assert!(error.message.contains("mutated.json"));
            prop_assert_eq!(dump(&theirs), before);
        }
    });
}
