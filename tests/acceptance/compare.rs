//! Comparison and initialling through the boundary: two named versions of the sample draft
//! compared word by word (an article left out renumbers later ones without marking them
//! changed), the deviation report, `ssa diff`, and an initialled version that neither the app
//! nor the database lets anyone change, with a fingerprint that checks the text.

use ssa_api::dto::VersionRefDto;
use ssa_api::Session;
use ssa_core::compare::{DeviationKind, RedlineOp, UnitChange};
use ssa_core::initialling::fingerprint;

use crate::support::Place;

const REWORDED: &str = "The {{term:competent_authority|competent authorities}} shall inform each other without delay of any change in their {{term:legislation}}.";

/// The sample negotiation with version "Round 1" (as started) and version "Round 2" (article
/// M5.7 left out, paragraph M5.1.2 reworded).
fn two_versions(session: &Session) -> String {
    let id = session.with(|w| w.create_sample_negotiation()).unwrap().id;
    session.with(|w| w.name_version(&id, "Round 1")).unwrap();
    let mut draft = session.with(|w| w.get_draft(&id)).unwrap().unwrap();
    draft.inclusion.insert("M5.7".into(), false);
    draft
        .custom_wording
        .insert("M5.1.2".into(), REWORDED.into());
    session.with(|w| w.save_draft(&id, &draft)).unwrap();
    session.with(|w| w.name_version(&id, "Round 2")).unwrap();
    id
}

fn revision(number: u32) -> VersionRefDto {
    VersionRefDto::Revision { number }
}

#[test]
fn two_versions_compare_by_article_id_with_a_word_redline() {
    let place = Place::new();
    let session = place.session();
    let id = two_versions(&session);
    let comparison = session
        .with(|w| w.compare_versions(&id, &revision(1), &revision(2)))
        .unwrap();
    let unit = |id: &str| comparison.units.iter().find(|u| u.id == id).unwrap();
    assert_eq!(unit("M5.7").change, UnitChange::Removed);
    let m58 = unit("M5.8");
    assert!(m58.renumbered && m58.change == UnitChange::Unchanged);
    let m51 = unit("M5.1");
    assert_eq!(m51.change, UnitChange::Changed);
    let inserted: String = m51
        .redline
        .iter()
        .filter(|s| s.op == RedlineOp::Inserted)
        .map(|s| s.text.as_str())
        .collect();
    let deleted: String = m51
        .redline
        .iter()
        .filter(|s| s.op == RedlineOp::Deleted)
        .map(|s| s.text.as_str())
        .collect();
    assert!(inserted.contains("without delay"), "{inserted}");
    assert!(deleted.contains("as soon as possible"), "{deleted}");
    assert_eq!(
        (comparison.summary.removed, comparison.summary.changed),
        (1, 1)
    );

    // "current" is the draft as it is now, the same text as the latest version.
    let same = session
        .with(|w| w.compare_versions(&id, &revision(2), &VersionRefDto::Current))
        .unwrap();
    assert_eq!(
        same.summary.changed + same.summary.added + same.summary.removed,
        0
    );
}

#[test]
fn the_deviation_report_lists_what_departs_from_the_model() {
    let place = Place::new();
    let session = place.session();
    let id = two_versions(&session);
    let as_started = session
        .with(|w| w.deviation_report(&id, &revision(1)))
        .unwrap();
    assert_eq!(as_started.deviations, vec![]);
    let report = session
        .with(|w| w.deviation_report(&id, &VersionRefDto::Current))
        .unwrap();
    let how: Vec<&DeviationKind> = report.deviations.iter().flat_map(|d| &d.how).collect();
    assert_eq!(
        how,
        vec![
            &DeviationKind::Reworded {
                node: "M5.1.2".into(),
                place: "Article 25(2) Administrative arrangement and liaison bodies".into(),
            },
            &DeviationKind::LeftOut {
                node: "M5.7".into(),
                place: "Article 31 Recovery of overpayments".into(),
            },
        ]
    );
    // Compared with the model, the particulars are the draft's: no party name is a change.
    let with_model = session
        .with(|w| w.compare_versions(&id, &VersionRefDto::Model, &VersionRefDto::Current))
        .unwrap();
    assert_eq!(
        with_model.summary.changed,
        1,
        "{}",
        with_model.to_redline_text()
    );
}

#[test]
fn ssa_diff_prints_the_summary_and_the_redline_and_refuses_unknown_versions() {
    let place = Place::new();
    let id = two_versions(&place.session());
    let (code, out, err) = place.ssa(&["diff", &id, "Round 1", "Round 2"]);
    assert_eq!(code, 0, "{err}");
    let first_line = out.lines().next().unwrap();
    assert_eq!(
        first_line,
        format!(
            "0 added, 1 removed, 1 changed, 0 moved, {} renumbered, {} unchanged",
            out.matches("renumbered [").count(),
            first_line
                .split(", ")
                .last()
                .unwrap()
                .trim_end_matches(" unchanged")
        )
    );
    assert!(
        out.contains("inform each other [-as soon as possible of the measures"),
        "{out}"
    );
    assert!(out.contains("{+without delay +}of any change"), "{out}");
    assert!(
        out.contains("== Article 25: changed [M5.1] ==\nAdministrative arrangement"),
        "{out}"
    );
    assert!(out.contains(": removed [M5.7] =="), "{out}");
    assert!(
        out.contains(": wording unchanged, renumbered [M5.8] =="),
        "{out}"
    );

    let (code, out, _) = place.ssa(&["diff", &id, "model", "1"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("0 added, 0 removed, 0 changed"), "{out}");

    let (code, _, err) = place.ssa(&["diff", &id, "Round 1", "Round 9"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("no version named or numbered \"Round 9\"")
            && err.contains("Known: 1 \"Round 1\", 2 \"Round 2\", current, model."),
        "{err}"
    );
}

#[test]
fn an_initialled_version_is_locked_with_the_fingerprint_of_its_text() {
    let place = Place::new();
    let session = place.session();
    let id = two_versions(&session);
    let initialled = session
        .with(|w| w.initial_version(&id, 1, "A. Aurelian, B. Borelander"))
        .unwrap();
    let lock = initialled.initialled.clone().unwrap();
    let text = session.with(|w| w.render_revision(&id, "1")).unwrap();
    assert_eq!(lock.fingerprint, fingerprint(&text));
    assert_eq!(lock.fingerprint.len(), 64);
    assert_eq!(lock.short_fingerprint, lock.fingerprint[..12]);
    assert_eq!(lock.initialled_by, "A. Aurelian, B. Borelander");

    // The app refuses to initial again, an unnamed revision, or without a name.
    let again = session
        .with(|w| w.initial_version(&id, 1, "Someone"))
        .unwrap_err();
    assert!(
        again.message.contains("already initialled"),
        "{}",
        again.message
    );
    let nobody = session
        .with(|w| w.initial_version(&id, 2, "  "))
        .unwrap_err();
    assert!(
        nobody.message.contains("Say who initials"),
        "{}",
        nobody.message
    );
    let mut draft = session.with(|w| w.get_draft(&id)).unwrap().unwrap();
    draft.inclusion.insert("M5.7".into(), true);
    session.with(|w| w.save_draft(&id, &draft)).unwrap();
    let unnamed = session
        .with(|w| w.initial_version(&id, 3, "A. Aurelian"))
        .unwrap_err();
    assert!(
        unnamed.message.contains("not a named version"),
        "{}",
        unnamed.message
    );

    let check = session.with(|w| w.verify_initialled(&id, 1)).unwrap();
    assert!(check.matches);
    drop(session);

    // The database refuses changes to the initialled version, whoever asks.
    let conn = rusqlite::Connection::open(place.database()).unwrap();
    for sql in [
        "UPDATE version_initialling SET initialled_by = 'X'",
        "DELETE FROM version_initialling",
        "UPDATE draft_revision SET content = '{}' WHERE number = 1",
        "DELETE FROM draft_revision WHERE number = 1",
    ] {
        assert!(conn.execute(sql, []).is_err(), "{sql} was allowed");
    }

    let (code, out, _) = place.ssa(&["versions", &id]);
    assert_eq!(code, 0);
    let first = out.lines().next().unwrap();
    assert!(
        first.contains("version \"Round 1\"")
            && first.contains("initialled by A. Aurelian, B. Borelander")
            && first.ends_with(&format!("fingerprint {}", lock.short_fingerprint)),
        "{out}"
    );
    let (code, out, _) = place.ssa(&["verify-initialled", &id, "Round 1"]);
    assert_eq!(
        (code, out.trim()),
        (0, format!("{}  matches", lock.fingerprint).as_str())
    );

    // A template changed behind the app's back changes the text: the check says so.
    conn.execute(
        "UPDATE template SET source = replace(source, 'shall establish', 'may establish')",
        [],
    )
    .unwrap();
    drop(conn);
    let (code, _, err) = place.ssa(&["verify-initialled", &id, "Round 1"]);
    assert_eq!(code, 1);
    assert!(
        err.contains(&lock.fingerprint) && err.contains("no longer has"),
        "{err}"
    );
}

#[test]
fn ssa_initial_prints_the_fingerprint() {
    let place = Place::new();
    let id = two_versions(&place.session());
    let (code, out, err) = place.ssa(&["initial", &id, "Round 2", "--by", "A. Aurelian"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.trim().len(), 64);
    let (code, _, err) = place.ssa(&["initial", &id, "current", "--by", "A. Aurelian"]);
    assert_eq!(code, 1);
    assert!(err.contains("is not a named version"), "{err}");
}
