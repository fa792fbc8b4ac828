//! Rounds, positions, comments and the mandate through the boundary, and `ssa rounds`.

use ssa_api::rounds::{CommentInput, PositionInput};
use ssa_core::mandate::{Limit, MandateEntry};
use ssa_core::rounds::{PositionStatus, Side};

use crate::support::Place;

pub const POSTING: &str = "M2-AL.2";

pub fn input(status: PositionStatus, ours: Option<&str>, agreed: Option<&str>) -> PositionInput {
    PositionInput {
        status,
        ours: ours.map(str::to_string),
        theirs: None,
        agreed: agreed.map(str::to_string),
        justification: String::new(),
        shared: false,
    }
}

#[test]
fn positions_in_a_round_show_in_live_order_with_a_summary_and_survive_a_restart() {
    let place = Place::new();
    let session = place.session();
    let id = session.with(|w| w.create_sample_negotiation()).unwrap().id;
    let round = session.with(|w| w.add_round(&id)).unwrap();
    assert_eq!(round.number, 1);
    let view = session.with(|w| w.positions_view(&id, None)).unwrap();
    let first = view.rows[0].node_id.clone();
    assert!(view
        .rows
        .iter()
        .all(|r| r.ours_from_draft && r.status == PositionStatus::Open));
    assert_eq!(view.rows[0].label.as_deref(), Some("Article 1"));

    session
        .with(|w| {
            w.save_position(
                &id,
                &round.id,
                &first,
                &input(PositionStatus::Agreed, None, Some("Agreed wording.")),
            )
        })
        .unwrap();
    session
        .with(|w| {
            w.save_position(
                &id,
                &round.id,
                POSTING,
                &input(PositionStatus::Proposed, Some("Our posting text."), None),
            )
        })
        .unwrap();
    drop(session);

    let session = place.session();
    let view = session.with(|w| w.positions_view(&id, None)).unwrap();
    let row = |node: &str| {
        view.rows
            .iter()
            .find(|r| r.node_id == node)
            .unwrap()
            .clone()
    };
    assert_eq!(row(&first).status, PositionStatus::Agreed);
    assert_eq!(row(&first).table.unwrap().side, Side::Agreed);
    let posting = row(POSTING);
    assert_eq!(posting.ours, "Our posting text.");
    assert_eq!(posting.table.unwrap().text, "Our posting text.");
    let count = |status| {
        view.summary
            .iter()
            .find(|c| c.status == status)
            .map(|c| c.count)
            .unwrap_or(0)
    };
    assert_eq!(count(PositionStatus::Agreed), 1);
    assert_eq!(count(PositionStatus::Proposed), 1);
    assert_eq!(count(PositionStatus::Open) as usize, view.rows.len() - 2);

    // A second round carries the positions forward until it records its own.
    let second = session.with(|w| w.add_round(&id)).unwrap();
    let view = session
        .with(|w| w.positions_view(&id, Some(&second.id)))
        .unwrap();
    let carried = view.rows.iter().find(|r| r.node_id == POSTING).unwrap();
    assert_eq!(carried.carried_from_round, Some(1));
    drop(session);

    let (code, listing, _) = place.ssa(&["rounds", &id]);
    assert_eq!(code, 0);
    assert!(listing.contains("round 2"), "{listing}");
    assert!(listing.contains("1 agreed"), "{listing}");
}

#[test]
fn an_agreed_status_without_agreed_text_is_refused_and_nothing_is_stored() {
    let place = Place::new();
    let session = place.session();
    let id = session.with(|w| w.create_sample_negotiation()).unwrap().id;
    let round = session.with(|w| w.add_round(&id)).unwrap();
    let error = session
        .with(|w| {
            w.save_position(
                &id,
                &round.id,
                POSTING,
                &input(PositionStatus::Agreed, None, None),
            )
        })
        .unwrap_err();
    assert_eq!(error.problems[0].field, "agreed");
    let view = session.with(|w| w.positions_view(&id, None)).unwrap();
    assert!(view.rows.iter().all(|r| r.position.is_none()));

    let mut bad = round.clone();
    bad.held_on = "next Tuesday".into();
    let error = session.with(|w| w.save_round(&id, &bad)).unwrap_err();
    assert_eq!(error.problems[0].field, "heldOn");
    assert!(error.problems[0].message.contains("YYYY-MM-DD"));
}

#[test]
fn the_mandate_warns_when_the_proposal_on_the_table_crosses_a_red_line() {
    let place = Place::new();
    let session = place.session();
    let id = session.with(|w| w.create_sample_negotiation()).unwrap().id;
    session.with(|w| w.add_round(&id)).unwrap();
    let mandate = session.with(|w| w.mandate_view(&id)).unwrap();
    let posting = mandate
        .articles
        .iter()
        .find(|a| a.node_id == POSTING)
        .unwrap();
    assert!(posting
        .parameters
        .iter()
        .any(|p| p.name == "posting.months"));

    let entry = MandateEntry {
        node_id: POSTING.into(),
        red_line: "Never more than 12 months.".into(),
        preferred: "12 months".into(),
        fallback: "Accept 12 months plus an extension.".into(),
        limits: vec![Limit::AtMost {
            parameter: "posting.months".into(),
            value: 12,
        }],
    };
    session.with(|w| w.save_mandate_entry(&id, &entry)).unwrap();
    // The sample's draft proposes 24 months: our own draft text crosses the line.
    let view = session.with(|w| w.positions_view(&id, None)).unwrap();
    let row = view.rows.iter().find(|r| r.node_id == POSTING).unwrap();
    assert_eq!(row.mandate.as_ref().unwrap().red_line, entry.red_line);
    assert_eq!(
        row.red_line_warnings.len(),
        1,
        "{:?}",
        row.red_line_warnings
    );
    assert!(
        row.red_line_warnings[0].contains("24"),
        "{:?}",
        row.red_line_warnings
    );

    let error = session
        .with(|w| {
            w.save_mandate_entry(
                &id,
                &MandateEntry {
                    node_id: POSTING.into(),
                    limits: vec![Limit::OneOf {
                        parameter: "posting.months".into(),
                        values: vec!["x".into()],
                    }],
                    ..MandateEntry::default()
                },
            )
        })
        .unwrap_err();
    assert_eq!(error.problems[0].field, "limits[0]");
}

#[test]
fn comments_thread_resolve_and_reopen() {
    let place = Place::new();
    let session = place.session();
    let id = session.with(|w| w.create_sample_negotiation()).unwrap().id;
    let first = session
        .with(|w| {
            w.add_comment(
                &id,
                &CommentInput {
                    node_id: POSTING.into(),
                    parent_id: None,
                    author: "Ana".into(),
                    body: "Is 24 months acceptable?".into(),
                },
            )
        })
        .unwrap();
    let thread = first[0].id.clone();
    let replies = session
        .with(|w| {
            w.add_comment(
                &id,
                &CommentInput {
                    node_id: POSTING.into(),
                    parent_id: Some(thread.clone()),
                    author: "Ben".into(),
                    body: "Only with the extension clause.".into(),
                },
            )
        })
        .unwrap();
    assert_eq!(replies[1].parent_id.as_deref(), Some(thread.as_str()));
    let resolved = session
        .with(|w| w.set_comment_resolved(&id, &replies[1].id, true))
        .unwrap();
    assert!(resolved[0].resolved_at.is_some());
    let reopened = session
        .with(|w| w.set_comment_resolved(&id, &thread, false))
        .unwrap();
    assert!(reopened[0].resolved_at.is_none());
    let empty = session
        .with(|w| {
            w.add_comment(
                &id,
                &CommentInput {
                    node_id: POSTING.into(),
                    parent_id: None,
                    author: " ".into(),
                    body: "".into(),
                },
            )
        })
        .unwrap_err();
    assert_eq!(empty.problems.len(), 2);
}
