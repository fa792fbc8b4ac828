//! Workshop mode end to end, as a training room plays it: the trainer creates a 2-group
//! workshop with `ssa`, each team joins its pack in its own data folder, the two teams of a
//! group draft and exchange files for two rounds, the facilitator collects the files, locks a
//! group and prints the debrief. No team pack and no exchange file ever holds the other team's
//! confidential brief; the debrief shows each group's posting duration and the red lines held.

use std::path::{Path, PathBuf};

use ssa_api::rounds::PositionInput;
use ssa_api::Session;
use ssa_core::rounds::PositionStatus;
use ssa_core::scenario::Scenario;
use ssa_core::template::Value;

use crate::support::{ssa_at, Place};

const SCENARIO: &str = include_str!("../../assets/scenarios/marisol-eldmark-bilateral.toml");
const POSTING: &str = "M2-AL.2";

/// One team's laptop: its data folder, its session and its negotiation.
struct Laptop {
    place: Place,
    session: Session,
    negotiation: String,
}

fn join(pack: &Path) -> Laptop {
    let place = Place::new();
    let (code, stdout, stderr) = ssa_at(
        place.dir.path(),
        &["workshop", "join", pack.to_str().unwrap()],
    );
    assert_eq!(code, 0, "{stderr}");
    let negotiation = stdout
        .strip_prefix("joined: ")
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap()
        .to_string();
    let session = place.session();
    Laptop {
        place,
        session,
        negotiation,
    }
}

impl Laptop {
    /// Sets the posting duration in the draft and records the position on it in `round`,
    /// shared, then exports the exchange file for the counterpart.
    fn propose(&self, round: u32, months: i64, status: PositionStatus, out: &Path) -> PathBuf {
        let id = &self.negotiation;
        self.session
            .with(|w| {
                let mut draft = w.get_draft(id)?.unwrap();
                draft
                    .values
                    .insert("posting.months".into(), Value::Number(months));
                w.save_draft(id, &draft)
            })
            .unwrap();
        let rounds = self.session.with(|w| w.list_rounds(id)).unwrap();
        let round_id = match rounds.iter().find(|r| r.number == round) {
            Some(found) => found.id.clone(),
            None => self.session.with(|w| w.add_round(id)).unwrap().id,
        };
        self.session
            .with(|w| {
                w.save_position(
                    id,
                    &round_id,
                    POSTING,
                    &PositionInput {
                        status,
                        ours: Some(format!("Postings of up to {months} months.")),
                        theirs: None,
                        agreed: matches!(status, PositionStatus::Agreed)
                            .then(|| format!("Postings of up to {months} months.")),
                        justification: "Our reasons stay with us.".into(),
                        shared: true,
                    },
                )
            })
            .unwrap();
        let path = out.join(format!(
            "{}-round-{round}.ssa-exchange.json",
            self.place.dir.path().file_name().unwrap().to_string_lossy()
        ));
        self.session
            .with(|w| w.export_exchange_file(id, None, &path))
            .unwrap();
        path
    }

    fn receive(&self, file: &Path, round: u32) {
        let id = &self.negotiation;
        let rounds = self.session.with(|w| w.list_rounds(id)).unwrap();
        if !rounds.iter().any(|r| r.number == round) {
            self.session.with(|w| w.add_round(id)).unwrap();
        }
        self.session
            .with(|w| w.import_exchange_file(file, Some(&self.negotiation), Some(round)))
            .unwrap();
    }
}

/// The texts of a team's confidential brief, in the workshop's language, as they would appear
/// in a JSON file (escaped) and as written.
fn secrets_of(team: &str, language: &str) -> Vec<String> {
    let scenario = Scenario::parse("scenario", SCENARIO, &|_| {
        Some(
            ssa_core::template::Template::parse(
                "model",
                include_str!("../../assets/templates/r167-annex1-bilateral.toml"),
            )
            .unwrap(),
        )
    })
    .unwrap();
    let team = scenario.team(team).unwrap();
    let mut texts = vec![
        team.brief.get(language).to_string(),
        team.walk_away.get(language).to_string(),
    ];
    for article in &team.articles {
        texts.push(article.red_line.get(language).to_string());
        texts.push(article.fallback.get(language).to_string());
    }
    for priority in &team.priorities {
        texts.push(priority.text.get(language).to_string());
    }
    let escaped: Vec<String> = texts
        .iter()
        .map(|t| {
            serde_json::to_string(t)
                .unwrap()
                .trim_matches('"')
                .to_string()
        })
        .collect();
    texts.extend(escaped);
    // A paragraph's first sentence is enough to recognise it, whatever escaping is used.
    texts.extend(
        team.brief
            .get(language)
            .split(". ")
            .take(1)
            .map(str::to_string),
    );
    texts
}

fn assert_free_of(file: &Path, secrets: &[String]) {
    let text = std::fs::read_to_string(file).unwrap();
    for secret in secrets {
        assert!(
            !text.contains(secret.as_str()),
            "{} holds the other team's brief: {secret}",
            file.display()
        );
    }
}

#[test]
fn a_two_group_workshop_is_played_end_to_end() {
    let facilitator = Place::new();
    let handouts = tempfile::tempdir().unwrap();
    let exchanges = tempfile::tempdir().unwrap();
    let folder = handouts.path().join("turin");
    let (code, stdout, stderr) = facilitator.ssa(&[
        "workshop",
        "create",
        "marisol-eldmark-bilateral",
        "--groups",
        "2",
        "--out",
        folder.to_str().unwrap(),
        "--title",
        "Turin, May 2026",
        "--team",
        "a=Marisol",
        "--team",
        "b=Eldmark",
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("2 groups, 5 files"), "{stdout}");
    let pack =
        |group: u32, team: &str| folder.join(format!("group-0{group}-team-{team}.ssa-team.json"));
    let (secrets_a, secrets_b) = (secrets_of("a", "en"), secrets_of("b", "en"));
    for group in [1, 2] {
        assert_free_of(&pack(group, "a"), &secrets_b);
        assert_free_of(&pack(group, "b"), &secrets_a);
    }

    // Each team on its own laptop; its brief is its mandate beside each article.
    let laptops: Vec<(Laptop, Laptop)> = [1, 2]
        .into_iter()
        .map(|group| (join(&pack(group, "a")), join(&pack(group, "b"))))
        .collect();
    let (a1, b1) = &laptops[0];
    let mandate = a1
        .session
        .with(|w| w.mandate_view(&a1.negotiation))
        .unwrap();
    assert!(mandate
        .articles
        .iter()
        .any(|a| a.node_id == POSTING && a.entry.red_line.contains("18 months")));
    let brief = a1
        .session
        .with(|w| w.team_brief(&a1.negotiation))
        .unwrap()
        .unwrap();
    assert_eq!(
        (brief.group, brief.letter.as_str(), brief.team_name.as_str()),
        (1, "A", "Marisol")
    );
    let feasibility = b1
        .session
        .with(|w| w.feasibility_view(&b1.negotiation))
        .unwrap();
    assert!(feasibility
        .feasibility
        .corridor
        .iter()
        .any(|f| f.count == Some(62000)));

    // Two rounds in each group. Group 1 settles on 24 months; group 2 on 30.
    let mut sent = Vec::new();
    for ((a, b), settle) in laptops.iter().zip([24, 30]) {
        let first = a.propose(1, 36, PositionStatus::Proposed, exchanges.path());
        b.receive(&first, 1);
        let answer = b.propose(1, 12, PositionStatus::CounterProposed, exchanges.path());
        a.receive(&answer, 1);
        let offer = a.propose(2, settle, PositionStatus::Agreed, exchanges.path());
        b.receive(&offer, 2);
        let accept = b.propose(2, settle, PositionStatus::Agreed, exchanges.path());
        a.receive(&accept, 2);
        for file in [&first, &offer] {
            assert_free_of(file, &secrets_b);
            assert_free_of(file, &secrets_a);
        }
        for file in [&answer, &accept] {
            assert_free_of(file, &secrets_a);
            assert_free_of(file, &secrets_b);
        }
        sent.extend([first, answer, offer, accept]);
    }

    // The facilitator collects every file, locks group 1, and prints the debrief.
    let workshop = folder.join("workshop.ssa-workshop.json");
    let mut args = vec!["workshop", "collect", workshop.to_str().unwrap()];
    args.extend(sent.iter().map(|p| p.to_str().unwrap()));
    let (code, stdout, stderr) = facilitator.ssa(&args);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout.matches("collected").count(), 8, "{stdout}");
    let (code, _, stderr) = facilitator.ssa(&[
        "workshop",
        "collect",
        workshop.to_str().unwrap(),
        sent[0].to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    assert!(stderr.contains("collected already"), "{stderr}");
    let (code, _, stderr) = facilitator.ssa(&[
        "workshop",
        "lock",
        workshop.to_str().unwrap(),
        "--group",
        "1",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let (code, _, stderr) = facilitator.ssa(&[
        "workshop",
        "collect",
        workshop.to_str().unwrap(),
        sent[3].to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    assert!(stderr.contains("locked"), "{stderr}");

    let pdf = handouts.path().join("debrief.pdf");
    let (code, stdout, stderr) = facilitator.ssa(&[
        "workshop",
        "debrief",
        workshop.to_str().unwrap(),
        "--out",
        pdf.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    let posting = stdout
        .split("\nArticle")
        .find(|section| section.contains("Posted workers"))
        .unwrap_or_else(|| panic!("{stdout}"));
    assert!(
        posting.contains("group 1: agreed; Posting duration 24 months; team A: red line held, 0/40 points; team B: red line held, 0/40 points"),
        "{posting}"
    );
    assert!(
        posting.contains("group 2: agreed; Posting duration 30 months; team A: red line held, 0/40 points; team B: red line crossed, 0/40 points"),
        "{posting}"
    );
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    let debrief = facilitator.session().with(|w| {
        let id = w.list_workshops()?[0].id.clone();
        w.workshop_debrief(&id, Some("fr"))
    });
    let debrief = debrief.unwrap();
    let article = debrief
        .articles
        .iter()
        .find(|a| a.article == POSTING)
        .unwrap();
    assert_eq!(article.parameters, ["Durée du détachement"]);
    assert_eq!(article.groups[0].values, ["24 mois"]);
    assert!(debrief.totals[0].locked && !debrief.totals[1].locked);

    // Handouts: the general brief and each team's confidential brief, in the workshop's language.
    for (doc, team) in [("handout", None), ("handout", Some("A")), ("guide", None)] {
        let out = handouts
            .path()
            .join(format!("{doc}-{}.pdf", team.unwrap_or("all")));
        let mut args = vec![
            "export",
            workshop.to_str().unwrap(),
            "--doc",
            doc,
            "--out",
            out.to_str().unwrap(),
        ];
        if let Some(team) = team {
            args.extend(["--team", team]);
        }
        let (code, stdout, stderr) = facilitator.ssa(&args);
        assert_eq!(code, 0, "{stderr}");
        assert!(stdout.contains("pages"), "{stdout}");
    }
    // On team A's laptop, team B's brief is not there to print.
    let out = handouts.path().join("b-on-a.pdf");
    let (code, _, stderr) = ssa_at(
        a1.place.dir.path(),
        &[
            "export",
            &a1.negotiation,
            "--doc",
            "handout",
            "--team",
            "B",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 1, "{stderr}");
    assert!(!out.exists());
    let (code, _, stderr) = ssa_at(
        a1.place.dir.path(),
        &[
            "export",
            &a1.negotiation,
            "--doc",
            "handout",
            "--team",
            "A",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn a_bad_scenario_is_refused_with_its_lines_and_nothing_stored() {
    let place = Place::new();
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("mine.toml");
    std::fs::write(
        &bad,
        SCENARIO
            .replace("id = \"marisol-eldmark-bilateral\"", "id = \"mine\"")
            .replacen("article = \"M3.2.calc\"", "article = \"M9\"", 1),
    )
    .unwrap();
    let (code, stdout, _) = place.ssa(&["scenario", "validate", bad.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(
        stdout.contains("line ") && stdout.contains("M9"),
        "{stdout}"
    );
    let (code, _, stderr) = place.ssa(&["scenario", "import", bad.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(stderr.contains("nothing was stored"), "{stderr}");
    let (_, list, _) = place.ssa(&["scenario", "list"]);
    assert!(!list.contains("mine"), "{list}");
    // Exported, renamed and imported: a trainer's own scenario.
    let exported = dir.path().join("exported.toml");
    let (code, _, stderr) = place.ssa(&[
        "scenario",
        "export",
        "coral-coast-regional",
        "--out",
        exported.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    let own = std::fs::read_to_string(&exported)
        .unwrap()
        .replace("id = \"coral-coast-regional\"", "id = \"coral-coast-2027\"");
    std::fs::write(&exported, own).unwrap();
    let (code, _, stderr) = place.ssa(&["scenario", "import", exported.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    let (_, list, _) = place.ssa(&["scenario", "list"]);
    assert!(list.contains("coral-coast-2027"), "{list}");
}
