use std::collections::BTreeMap;

use chrono::{TimeZone, Utc};

use super::debrief::{debrief, Convergence, GroupFiles, Outcome};
use super::desk::{DeskError, DeskState};
use super::pack::*;
use crate::exchange::{ExchangeParty, ExchangeTemplate, ExchangeVersion, Payload, SharedPosition};
use crate::rounds::PositionStatus;
use crate::scenario::tests::{bilateral, BILATERAL};
use crate::template::Value;

fn model() -> PackModel {
    PackModel {
        template_id: "r167-annex1-bilateral".into(),
        template_version: "1".into(),
        source: "(template)".into(),
    }
}

fn plan(groups: u32) -> WorkshopFiles {
    let names = BTreeMap::from([("a".to_string(), "Les Marisoliens".to_string())]);
    let ids: Vec<String> = (1..=groups).map(|n| format!("agreement-{n}")).collect();
    plan_workshop(
        &bilateral(),
        BILATERAL,
        &model(),
        &WorkshopRequest {
            id: "w1",
            title: "Turin, May",
            language: "fr",
            created_at: "2026-05-04T09:00:00Z",
            groups,
            team_names: &names,
            agreement_ids: &ids,
        },
    )
    .unwrap()
}

#[test]
fn each_pack_carries_its_own_brief_only_in_the_workshop_language() {
    let files = plan(3);
    assert_eq!(files.packs.len(), 6);
    assert_eq!(files.workshop.groups.len(), 3);
    let scenario = bilateral();
    let brief_b = scenario.team("b").unwrap().brief.get("fr");
    let red_line_b = scenario.team("b").unwrap().articles[0].red_line.get("fr");
    let (name, pack_a) = &files.packs[0];
    assert_eq!(name, "group-01-team-a.ssa-team.json");
    assert_eq!(pack_a.brief.team, "a");
    assert_eq!(pack_a.brief.team_name, "Les Marisoliens");
    assert_eq!(pack_a.language, "fr");
    let bytes = String::from_utf8(to_json(pack_a)).unwrap();
    let json = |text: &str| {
        serde_json::to_string(text)
            .unwrap()
            .trim_matches('"')
            .to_string()
    };
    let (brief_b, red_line_b) = (json(brief_b), json(red_line_b));
    assert!(!bytes.contains(&brief_b));
    assert!(!bytes.contains(&red_line_b));
    assert!(bytes.contains(&json(scenario.team("a").unwrap().brief.get("fr"))));
    assert!(!bytes.contains(&json(scenario.team("a").unwrap().brief.get("en"))));
    assert_eq!(TeamPack::decode(&to_json(pack_a)).unwrap(), *pack_a);
    assert_eq!(files.packs[1].1.agreement_id, pack_a.agreement_id);
    assert_ne!(files.packs[2].1.agreement_id, pack_a.agreement_id);
    assert!(pack_a.feasibility.schemes.len() >= 4);
    assert_eq!(pack_a.feasibility.corridor[0].year, Some(2025));
}

#[test]
fn plans_refuse_what_cannot_be_run() {
    let scenario = bilateral();
    let names = BTreeMap::new();
    let request = |groups, language| WorkshopRequest {
        id: "w",
        title: "t",
        language,
        created_at: "2026-05-04T09:00:00Z",
        groups,
        team_names: &names,
        agreement_ids: &[],
    };
    assert_eq!(
        plan_workshop(&scenario, "", &model(), &request(0, "en")),
        Err(PlanError::Groups(0))
    );
    assert!(matches!(
        plan_workshop(&scenario, "", &model(), &request(1, "de")),
        Err(PlanError::Language(..))
    ));
}

#[test]
fn bad_pack_files_say_what_is_wrong() {
    assert!(matches!(
        TeamPack::decode(b"{ not json"),
        Err(WorkshopFileError::Malformed { line: 1, .. })
    ));
    let workshop = to_json(&plan(1).workshop);
    assert!(matches!(
        TeamPack::decode(&workshop),
        Err(WorkshopFileError::WrongFormat { .. })
    ));
    let mut pack = plan(1).packs[0].1.clone();
    pack.brief.country = "ZZ".into();
    assert!(matches!(
        TeamPack::decode(&to_json(&pack)),
        Err(WorkshopFileError::Structure(_))
    ));
    assert!(WorkshopFile::decode(&workshop).is_ok());
}

#[test]
fn timers_count_only_running_time_and_locks_stop_them() {
    let at = |minute| Utc.with_ymd_and_hms(2026, 5, 4, 9, minute, 0).unwrap();
    let mut desk = DeskState::new(&plan(2).workshop);
    desk.start(None, at(0)).unwrap();
    desk.pause(Some(1), at(10)).unwrap();
    desk.start(Some(1), at(20)).unwrap();
    assert_eq!(desk.group(1).unwrap().timer.elapsed(at(25)), 15 * 60);
    assert_eq!(desk.group(2).unwrap().timer.elapsed(at(25)), 25 * 60);
    desk.lock(2, at(30)).unwrap();
    assert_eq!(desk.group(2).unwrap().timer.elapsed(at(59)), 30 * 60);
    assert_eq!(desk.start(Some(2), at(31)), Err(DeskError::Locked(2)));
    desk.next_round(1, 3).unwrap();
    assert_eq!(desk.group(1).unwrap().round, 2);
    assert_eq!(desk.group(1).unwrap().timer.elapsed(at(40)), 0);
    desk.reset();
    assert!(desk
        .groups
        .iter()
        .all(|g| g.round == 1 && g.locked_at.is_none()));
    assert_eq!(desk.next_round(9, 3), Err(DeskError::NoGroup(9)));
}

fn payload(sender: &str, at: &str, posting: i64, status: PositionStatus) -> Payload {
    Payload {
        agreement_id: "agreement-1".into(),
        parties: vec![
            ExchangeParty {
                name: "M".into(),
                iso_code: "XM".into(),
            },
            ExchangeParty {
                name: "E".into(),
                iso_code: "XE".into(),
            },
        ],
        sender: sender.into(),
        exported_at: at.into(),
        version: ExchangeVersion {
            label: "Current draft".into(),
            revision: None,
        },
        template: ExchangeTemplate {
            id: "r167-annex1-bilateral".into(),
            version: "1".into(),
        },
        title: "t".into(),
        nodes: vec![],
        omitted: vec![],
        values: BTreeMap::from([
            ("posting.months".to_string(), Value::Number(posting)),
            ("pension.method".to_string(), Value::Text("pro_rata".into())),
            ("pension.min_period".to_string(), Value::Number(12)),
        ]),
        positions: vec![SharedPosition {
            round: 2,
            node_id: "M2-AL.2".into(),
            status,
            proposal: None,
            agreed: None,
        }],
        initialled: None,
    }
}

#[test]
fn the_debrief_compares_groups_with_the_briefs() {
    let scenario = bilateral();
    let g1a = payload("XM", "2026-05-04T10:00:00Z", 24, PositionStatus::Agreed);
    let g1b = payload("XE", "2026-05-04T10:01:00Z", 24, PositionStatus::Agreed);
    let g2a = payload("XM", "2026-05-04T10:00:00Z", 36, PositionStatus::Proposed);
    let g2b = payload(
        "XE",
        "2026-05-04T10:02:00Z",
        12,
        PositionStatus::CounterProposed,
    );
    let groups = [
        GroupFiles {
            number: 1,
            locked: true,
            latest: BTreeMap::from([("a".to_string(), &g1a), ("b".to_string(), &g1b)]),
        },
        GroupFiles {
            number: 2,
            locked: false,
            latest: BTreeMap::from([("a".to_string(), &g2a), ("b".to_string(), &g2b)]),
        },
        GroupFiles {
            number: 3,
            locked: false,
            latest: BTreeMap::new(),
        },
    ];
    let model = BTreeMap::from([("posting.months".to_string(), Value::Number(24))]);
    let result = debrief(&scenario, &model, &groups);
    let posting = result
        .articles
        .iter()
        .find(|a| a.article == "M2-AL.2")
        .unwrap();
    assert_eq!(posting.parameters, ["posting.months"]);
    assert_eq!(posting.model_values, [Some(Value::Number(24))]);
    let [one, two, three] = &posting.groups[..] else {
        panic!()
    };
    assert_eq!(one.outcome, Outcome::Agreed);
    assert_eq!(one.values, [Some(Value::Number(24))]);
    assert!(one.teams.iter().all(|t| t.red_line_held == Some(true)));
    assert!(one.teams.iter().all(|t| t.points == 0));
    assert_eq!(two.outcome, Outcome::Open);
    // The latest file (Eldmark's 12 months) is the group's text: Marisol's red line is crossed.
    assert_eq!(two.values, [Some(Value::Number(12))]);
    assert_eq!(two.teams[0].red_line_held, Some(false));
    assert_eq!(two.teams[1].red_line_held, Some(true));
    assert_eq!(three.outcome, Outcome::NoFile);
    assert_eq!(posting.convergence, Convergence::Partly);
    let total_1b = &result.totals[0].teams[1];
    assert_eq!(total_1b.points, 0);
    assert!(total_1b.points_possible >= 40);
}
