//! The step documents through the boundary: the feasibility study's coverage choice moves the
//! benefit chapters in and out of the draft agreement (recorded in its history), the entry into
//! force is computed from the ratification record and the draft's delay, the administrative
//! arrangement is a second draft whose links follow the agreement's numbering, and every
//! document survives a restart. Bad input is refused with the field named, nothing stored.

use ssa_api::documents::MonthsSource;
use ssa_api::ErrorCode;
use ssa_core::documents::arrangement::LinkTarget;
use ssa_core::documents::branch::Branch;
use ssa_core::documents::feasibility::{
    CorridorFigure, CorridorKind, Coverage, Feasibility, SchemeRow, SchemeType, Suggestion,
};
use ssa_core::documents::monitoring::{Indicator, IndicatorValue, Monitoring, Review};
use ssa_core::documents::ratification::{EntryIntoForce, PartyRatification, Ratification};
use ssa_core::template::Value;

use crate::support::{input, Place};

const PENSIONS_CHAPTER: &str = "Invalidity, old-age and survivors' benefits";

fn chapter_of(text: &str, heading: &str) -> Option<String> {
    let lines: Vec<&str> = text.lines().collect();
    lines
        .iter()
        .position(|line| line.trim() == heading)
        .map(|i| lines[i.saturating_sub(1)].trim().to_string())
}

fn article_numbers(text: &str) -> Vec<u32> {
    text.lines()
        .filter_map(|line| line.strip_prefix("Article "))
        .filter_map(|rest| rest.trim().parse().ok())
        .collect()
}

fn scheme(branch: Branch, party: &str, kind: SchemeType) -> SchemeRow {
    SchemeRow {
        exists: Some(true),
        scheme_type: Some(kind),
        qualifying_period: "15 years of contributions".into(),
        ..SchemeRow::empty(branch, party)
    }
}

#[test]
fn not_covering_pensions_takes_the_chapter_out_of_the_draft_and_renumbers() {
    let place = Place::new();
    let session = place.session();
    let id = session.with(|w| w.create_sample_negotiation()).unwrap().id;
    let before = session
        .with(|w| w.agreement(&id))
        .unwrap()
        .document
        .to_plain_text();
    assert!(chapter_of(&before, PENSIONS_CHAPTER).is_some(), "{before}");
    let revisions_before = session.with(|w| w.list_revisions(&id)).unwrap().len();

    let mut study = Feasibility::default();
    study
        .schemes
        .push(scheme(Branch::OldAge, "XA", SchemeType::Contributory));
    study
        .schemes
        .push(scheme(Branch::OldAge, "XB", SchemeType::Contributory));
    let view = session.with(|w| w.save_feasibility(&id, &study)).unwrap();
    let old_age = view
        .suggestions
        .iter()
        .find(|s| s.branch == Branch::OldAge)
        .unwrap();
    assert_eq!(old_age.suggestion, Suggestion::Cover);
    // Saving the comparison alone leaves the draft as it is.
    let unchanged = session
        .with(|w| w.agreement(&id))
        .unwrap()
        .document
        .to_plain_text();
    assert_eq!(unchanged, before);

    for branch in [Branch::OldAge, Branch::Invalidity, Branch::Survivors] {
        study.coverage.insert(branch, Coverage::NotCovered);
    }
    let view = session.with(|w| w.save_feasibility(&id, &study)).unwrap();
    let pensions = view
        .chapters
        .iter()
        .find(|c| c.flag == "branch.pensions")
        .unwrap();
    assert_eq!(
        (pensions.chosen, pensions.in_draft),
        (Some(false), Some(false))
    );

    let agreement = session.with(|w| w.agreement(&id)).unwrap();
    assert_eq!(
        agreement.draft.values.get("branch.pensions"),
        Some(&Value::Flag(false))
    );
    let after = agreement.document.to_plain_text();
    assert_eq!(chapter_of(&after, PENSIONS_CHAPTER), None, "{after}");
    let numbers = article_numbers(&after);
    assert_eq!(numbers, (1..=numbers.len() as u32).collect::<Vec<_>>());
    assert!(numbers.len() < article_numbers(&before).len());
    // The change went through the draft's own saving: its history has it.
    let revisions = session.with(|w| w.list_revisions(&id)).unwrap();
    assert!(revisions.len() >= revisions_before);
    let latest = revisions.last().unwrap().number;
    let recorded = session
        .with(|w| w.render_revision(&id, &latest.to_string()))
        .unwrap()
        .to_plain_text();
    assert_eq!(chapter_of(&recorded, PENSIONS_CHAPTER), None);

    // Covering survivors again brings the chapter back.
    study.coverage.insert(Branch::Survivors, Coverage::Covered);
    session.with(|w| w.save_feasibility(&id, &study)).unwrap();
    let back = session
        .with(|w| w.agreement(&id))
        .unwrap()
        .document
        .to_plain_text();
    assert!(chapter_of(&back, PENSIONS_CHAPTER).is_some());

    // Everything is there after a restart.
    drop(session);
    let session = place.session();
    let reopened = session.with(|w| w.feasibility_view(&id)).unwrap();
    assert_eq!(reopened.feasibility, study);
}

#[test]
fn a_draft_started_after_the_choice_follows_it_and_a_diverging_draft_is_reported() {
    let place = Place::new();
    let session = place.session();
    let id = session
        .with(|w| w.create_negotiation(input("Aurelia–Boreland")))
        .unwrap()
        .id;
    let mut study = Feasibility::default();
    study
        .coverage
        .insert(Branch::Unemployment, Coverage::Covered);
    study.coverage.insert(Branch::OldAge, Coverage::NotCovered);
    let view = session.with(|w| w.save_feasibility(&id, &study)).unwrap();
    assert!(!view.has_draft);
    session.with(|w| w.start_draft(&id, None)).unwrap();
    let text = session
        .with(|w| w.agreement(&id))
        .unwrap()
        .document
        .to_plain_text();
    assert!(chapter_of(&text, "Unemployment").is_some(), "{text}");
    assert_eq!(chapter_of(&text, PENSIONS_CHAPTER), None);

    // The team turns the chapter back on in the agreement view: the study shows the difference
    // until the choice is applied again.
    let mut draft = session.with(|w| w.get_draft(&id)).unwrap().unwrap();
    draft.values.remove("branch.pensions");
    session.with(|w| w.save_draft(&id, &draft)).unwrap();
    let view = session.with(|w| w.feasibility_view(&id)).unwrap();
    let pensions = view
        .chapters
        .iter()
        .find(|c| c.flag == "branch.pensions")
        .unwrap();
    assert_eq!(
        (pensions.chosen, pensions.in_draft),
        (Some(false), Some(true))
    );
    let view = session.with(|w| w.apply_coverage_to_draft(&id)).unwrap();
    let pensions = view
        .chapters
        .iter()
        .find(|c| c.flag == "branch.pensions")
        .unwrap();
    assert_eq!(pensions.in_draft, Some(false));
}

#[test]
fn a_refused_feasibility_study_names_the_field_and_stores_nothing() {
    let place = Place::new();
    let session = place.session();
    let id = session.with(|w| w.create_sample_negotiation()).unwrap().id;
    let mut study = Feasibility::default();
    study.corridor.push(CorridorFigure {
        id: "c1".into(),
        kind: CorridorKind::MigrantWorkers,
        from: "XA".into(),
        to: "XQ".into(),
        count: Some(4_000),
        year: Some(2024),
        source: "labour force survey".into(),
        note: String::new(),
    });
    study.coverage.insert(Branch::OldAge, Coverage::NotCovered);
    let error = session
        .with(|w| w.save_feasibility(&id, &study))
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::InvalidInput);
    assert_eq!(error.problems[0].field, "corridor[0].to");
    assert!(error.message.contains("XQ"), "{}", error.message);
    let stored = session.with(|w| w.feasibility_view(&id)).unwrap();
    assert_eq!(stored.feasibility, Feasibility::default());
    let draft = session.with(|w| w.get_draft(&id)).unwrap().unwrap();
    assert_eq!(draft.values.get("branch.pensions"), None);
}

#[test]
fn entry_into_force_follows_the_later_notification_and_the_drafts_delay() {
    let place = Place::new();
    let session = place.session();
    let id = session.with(|w| w.create_sample_negotiation()).unwrap().id;
    let mut record = Ratification {
        parties: vec![PartyRatification {
            party: "XA".into(),
            signature_date: Some("2026-03-10".into()),
            signature_place: "Aurelia City".into(),
            notification_date: Some("2026-09-14".into()),
            ..PartyRatification::default()
        }],
    };
    let view = session.with(|w| w.save_ratification(&id, &record)).unwrap();
    assert!(matches!(
        view.entry_into_force,
        Some(EntryIntoForce::NotComputable { .. })
    ));
    assert_eq!(view.months_source, MonthsSource::TemplateDefault);
    assert!(view
        .rule_article
        .as_deref()
        .unwrap_or("")
        .starts_with("Article "));

    record.parties.push(PartyRatification {
        party: "XB".into(),
        notification_date: Some("2026-10-31".into()),
        ..PartyRatification::default()
    });
    let view = session.with(|w| w.save_ratification(&id, &record)).unwrap();
    let Some(EntryIntoForce::Computed { date, party, .. }) = view.entry_into_force else {
        panic!("computable with both notifications")
    };
    // 31 October + 2 months (the model's default) expires 31 December: in force 1 January.
    assert_eq!((date.as_str(), party.as_str()), ("2027-01-01", "XB"));

    let mut draft = session.with(|w| w.get_draft(&id)).unwrap().unwrap();
    draft.values.insert("entry.months".into(), Value::Number(3));
    session.with(|w| w.save_draft(&id, &draft)).unwrap();
    let view = session.with(|w| w.ratification_view(&id)).unwrap();
    assert_eq!(view.months_source, MonthsSource::Draft);
    assert!(matches!(
        view.entry_into_force,
        Some(EntryIntoForce::Computed { ref date, .. }) if date == "2027-02-01"
    ));

    record.parties[0].approval_date = Some("2026-13-01".into());
    let error = session
        .with(|w| w.save_ratification(&id, &record))
        .unwrap_err();
    assert_eq!(error.problems[0].field, "parties[0].approval_date");
    drop(session);
    let reopened = place.session().with(|w| w.ratification_view(&id)).unwrap();
    assert_eq!(reopened.ratification.parties.len(), 2);
    assert_eq!(reopened.ratification.parties[0].approval_date, None);
}

#[test]
fn monitoring_is_kept_and_bad_figures_are_refused() {
    let place = Place::new();
    let session = place.session();
    let id = session.with(|w| w.create_sample_negotiation()).unwrap().id;
    let mut record = Monitoring {
        indicators: vec![IndicatorValue {
            id: "i1".into(),
            indicator: Indicator::CertificatesIssued,
            year: Some(2027),
            party: "XA".into(),
            value: "1250".into(),
            currency: String::new(),
            source: "Liaison body annual statistics".into(),
            note: String::new(),
        }],
        reviews: vec![Review {
            id: "r1".into(),
            date: Some("2028-06-30".into()),
            what: "Joint committee: first review".into(),
            done: false,
        }],
    };
    session.with(|w| w.save_monitoring(&id, &record)).unwrap();
    record.indicators[0].value = "1 250".into();
    let error = session
        .with(|w| w.save_monitoring(&id, &record))
        .unwrap_err();
    assert_eq!(error.problems[0].field, "indicators[0].value");
    drop(session);
    let reopened = place.session().with(|w| w.monitoring_view(&id)).unwrap();
    assert_eq!(reopened.monitoring.indicators[0].value, "1250");
    assert_eq!(reopened.monitoring.reviews.len(), 1);
}

#[test]
fn the_arrangement_is_a_second_draft_whose_links_follow_the_agreement() {
    let place = Place::new();
    let session = place.session();
    let id = session.with(|w| w.create_sample_negotiation()).unwrap().id;
    // (Made now: the test clock and ids start again with each session.)
    let other = session
        .with(|w| w.create_negotiation(input("Second")))
        .unwrap()
        .id;
    assert!(session.with(|w| w.arrangement_view(&id)).unwrap().is_none());
    let view = session.with(|w| w.start_arrangement(&id)).unwrap();
    assert_eq!(view.template.id, ssa_api::ARRANGEMENT_TEMPLATE_ID);
    // The parties and the competent authorities come from the agreement's draft.
    let agreement = session.with(|w| w.get_draft(&id)).unwrap().unwrap();
    assert_eq!(
        view.draft.values.get("party_a"),
        agreement.values.get("party_a")
    );
    assert_eq!(
        view.draft.values.get("authority_b"),
        agreement.values.get("authority_b")
    );
    assert!(view
        .problems
        .iter()
        .all(|p| p.kind != ssa_core::template::ProblemKind::UnknownImplementedNode));
    let payment = |links: &[ssa_core::documents::arrangement::ArrangementLink]| {
        links
            .iter()
            .find(|l| l.target == "M4.1")
            .map(|l| l.at.clone())
            .unwrap()
    };
    let LinkTarget::InAgreement {
        article: before, ..
    } = payment(&view.links)
    else {
        panic!("M4.1 is in the sample draft")
    };

    // Leave an optional provision of the arrangement out; the agreement is not touched.
    let mut draft = view.draft.clone();
    draft.inclusion.insert("AA.11".into(), false);
    let rendered = session
        .with(|w| w.edit_arrangement(&id, &view.draft, &draft))
        .unwrap();
    assert!(rendered.document.find("AA.11").is_none());
    assert_eq!(
        session.with(|w| w.get_draft(&id)).unwrap().unwrap(),
        agreement
    );

    // Not covering pensions renumbers the agreement: the link follows.
    let mut study = Feasibility::default();
    for branch in [Branch::OldAge, Branch::Invalidity, Branch::Survivors] {
        study.coverage.insert(branch, Coverage::NotCovered);
    }
    session.with(|w| w.save_feasibility(&id, &study)).unwrap();
    drop(session);
    let session = place.session();
    let view = session.with(|w| w.arrangement_view(&id)).unwrap().unwrap();
    assert_eq!(view.draft.inclusion.get("AA.11"), Some(&false));
    let LinkTarget::InAgreement { article: after, .. } = payment(&view.links) else {
        panic!("M4.1 stays")
    };
    assert_ne!(before, after);
    let entitlement = view
        .links
        .iter()
        .find(|l| l.target == "M3.2.entitlement")
        .unwrap();
    assert_eq!(entitlement.at, LinkTarget::LeftOut);

    // The arrangement template is not offered for an agreement.
    let error = session
        .with(|w| w.start_draft(&other, Some(ssa_api::ARRANGEMENT_TEMPLATE_ID)))
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::InvalidInput);
}

#[test]
fn ssa_feasibility_prints_the_comparison_the_suggestion_and_the_choice() {
    let place = Place::new();
    let (code, id, _) = place.ssa(&["sample"]);
    assert_eq!(code, 0);
    let id = id.trim().to_string();
    {
        let session = place.session();
        let mut study = Feasibility::default();
        study
            .schemes
            .push(scheme(Branch::OldAge, "XA", SchemeType::Contributory));
        study
            .schemes
            .push(scheme(Branch::OldAge, "XB", SchemeType::ProvidentFund));
        study.coverage.insert(Branch::Family, Coverage::NotCovered);
        session.with(|w| w.save_feasibility(&id, &study)).unwrap();
    }
    let (code, text, err) = place.ssa(&["feasibility", &id]);
    assert_eq!(code, 0, "{err}");
    assert!(
        text.contains("old age: suggested consider (provident fund beside a pension scheme"),
        "{text}"
    );
    assert!(
        text.contains("  XA   contributory; qualifying period: 15 years of contributions"),
        "{text}"
    );
    assert!(
        text.contains(
            "family: suggested cannot say yet (XA is not described yet); chosen: not covered"
        ),
        "{text}"
    );
    assert!(text.contains("branch.family"), "{text}");
    let (code, _, err) = place.ssa(&["feasibility", "no-such-negotiation"]);
    assert_eq!(code, 2);
    assert!(err.contains("no-such-negotiation"), "{err}");
}
