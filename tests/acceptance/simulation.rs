//! The benefit simulator through the boundary and the command line: the draft's method,
//! minimum period and pensions flag drive the results at once; the setup is saved with the
//! feasibility study and survives a save of the study from an older copy; bad setups and bad
//! files are refused with the field or the line named, nothing stored; `ssa simulate` prints the
//! issue's JSON keys, and the simulation PDF (alone or appended to the brief) carries the
//! arithmetic.

use ssa_api::ErrorCode;
use ssa_core::documents::feasibility::Feasibility;
use ssa_core::simulation::Method;

use crate::support::{input, Place};

const EXAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../assets/simulations");

#[test]
fn the_draft_decides_method_minimum_period_and_coverage() {
    let place = Place::new();
    let session = place.session();
    session
        .with(|w| {
            let id = w.create_sample_negotiation()?.id;
            let view = w.simulation_view(&id, "en")?;
            assert!(view.is_example);
            assert_eq!(view.draft.terms.method, Method::ProRata);
            assert_eq!(view.draft.terms.minimum_period_months, Some(12));
            // Career 2: 20 years in XA, 10 in XB; XA's example rule gives 400.00 alone,
            // 500.00 × 20 ÷ 30 = 333.33 pro rata.
            let xa = |view: &ssa_api::simulation::SimulationDto| {
                view.careers[1].outcome.parties[0]
                    .with_agreement
                    .to_string()
            };
            assert_eq!(xa(&view), "333.33");

            let terms = w.set_draft_method(&id, Method::HigherOf)?;
            assert_eq!(terms.terms.method, Method::HigherOf);
            assert_eq!(xa(&w.simulation_view(&id, "en")?), "400.00");
            // The draft's own parameter holds it.
            let draft = w.get_draft(&id)?.unwrap();
            assert_eq!(
                draft.values.get("pension.method"),
                Some(&ssa_core::template::Value::Text(
                    "independent_or_higher".into()
                ))
            );
            // The direct method is not a choice of the model agreement.
            let refused = w.set_draft_method(&id, Method::Direct).unwrap_err();
            assert_eq!(refused.code, ErrorCode::InvalidInput);

            // Pensions left out of the draft: nothing changes for anyone.
            let mut draft = w.get_draft(&id)?.unwrap();
            draft.values.insert(
                "branch.pensions".into(),
                ssa_core::template::Value::Flag(false),
            );
            w.save_draft(&id, &draft)?;
            let view = w.simulation_view(&id, "en")?;
            assert!(!view.draft.terms.covered);
            for career in &view.careers {
                assert_eq!(career.outcome.total_difference.to_string(), "0.00");
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn the_setup_is_saved_validated_and_kept_by_a_save_of_the_study() {
    let place = Place::new();
    let session = place.session();
    session
        .with(|w| {
            let id = w.create_negotiation(input("Simulated"))?.id;
            // The example takes a qualifying period the study states in words.
            let mut study: Feasibility = w.feasibility_view(&id)?.feasibility;
            let mut row = ssa_core::documents::feasibility::SchemeRow::empty(
                ssa_core::documents::branch::Branch::OldAge,
                "XB",
            );
            row.qualifying_period = "240 mois de cotisation".into();
            study.schemes.push(row);
            w.save_feasibility(&id, &study)?;
            let example = w.simulation_view(&id, "en")?;
            assert_eq!(example.qualifying_from_study, vec!["XB".to_string()]);
            assert_eq!(example.setup.parties[1].qualifying.to_string(), "20");
            let stale: Feasibility = w.feasibility_view(&id)?.feasibility;
            let mut setup = w.simulation_view(&id, "fr")?.setup;
            assert_eq!(setup.careers[0].name, "Détaché pendant 2 ans");
            setup.careers[0].share = "55".parse().unwrap();
            let saved = w.save_simulation(&id, &setup, "fr")?;
            assert!(!saved.is_example);
            // French explanation lines.
            assert!(saved.careers[0].explanation[0][0].starts_with("Périodes propres"));

            // A save of the feasibility study from a copy read before keeps the simulator's setup.
            w.save_feasibility(&id, &stale)?;
            assert_eq!(w.simulation_view(&id, "en")?.setup, setup);

            // A refused setup names its field and changes nothing.
            let mut bad = setup.clone();
            bad.careers[1].periods[0].amount = "-4".parse().unwrap();
            let error = w.save_simulation(&id, &bad, "en").unwrap_err();
            assert_eq!(error.code, ErrorCode::InvalidInput);
            assert!(error
                .problems
                .iter()
                .any(|p| p.field == "simulation.careers[1].periods[0].amount"));
            assert_eq!(w.simulation_view(&id, "en")?.setup, setup);
            Ok(())
        })
        .unwrap();
}

#[test]
fn ssa_simulate_prints_the_issue_keys_and_names_the_line_of_a_bad_file() {
    let place = Place::new();
    let file = format!("{EXAMPLES}/examples/ex3-minimum-period.toml");
    let (code, out, err) = place.ssa(&["simulate", &file, "--json"]);
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    for key in [
        "without_agreement",
        "theoretical",
        "pro_rata",
        "direct",
        "with_agreement",
        "own_periods",
        "totalized_periods",
        "explanation",
    ] {
        assert!(json["F"].get(key).is_some(), "{key} missing");
    }
    assert_eq!(json["F"]["with_agreement"], "480.00");
    assert_eq!(json["E"]["with_agreement"], "0.00");
    assert_eq!(json["F"]["totalized_periods"], "360");

    let bad = place.dir.path().join("bad.toml");
    std::fs::write(
        &bad,
        "format = \"ssa-simulation/1\"\n[[party]]\ncode = \"A\"\nunit = \"years\"\nqualifying = 10\n\
         formula = { kind = \"fixed\", amount = \"1\" }\n[[period]]\nparty = \"A\"\namount = 5\nunit = \"weeks\"\n",
    )
    .unwrap();
    let (code, out, err) = place.ssa(&["simulate", bad.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(err.contains("line 10: the period is in weeks"), "{err}");
}

#[test]
fn a_career_file_runs_under_the_negotiation_and_the_pdf_carries_the_arithmetic() {
    let place = Place::new();
    let (code, id, _) = place.ssa(&["sample"]);
    assert_eq!(code, 0);
    let id = id.trim();
    let career = format!("{EXAMPLES}/careers/twenty-and-ten.toml");
    let (code, out, err) = place.ssa(&["simulate", id, "--career", &career, "--json"]);
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["XA"]["with_agreement"], "333.33");

    let bad = place.dir.path().join("career.toml");
    std::fs::write(
        &bad,
        "format = \"ssa-simulation/1\"\n[[period]]\nparty = \"ZZ\"\namount = 1\nunit = \"years\"\n",
    )
    .unwrap();
    let (code, _, err) = place.ssa(&["simulate", id, "--career", bad.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("line 3") && err.contains("ZZ"), "{err}");

    let pdf = place.dir.path().join("simulation.pdf");
    let (code, _, err) = place.ssa(&[
        "export",
        id,
        "--doc",
        "simulation",
        "--lang",
        "es",
        "--out",
        pdf.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
}

#[test]
fn the_brief_can_carry_the_simulation() {
    let place = Place::new();
    let id = {
        let session = place.session();
        let id = session.with(|w| w.create_sample_negotiation()).unwrap().id;
        session.with(|w| w.add_round(&id)).unwrap();
        id
    };
    let plain = place.dir.path().join("brief.pdf");
    let with = place.dir.path().join("brief-simulation.pdf");
    for (path, extra) in [(&plain, None), (&with, Some("--with-simulation"))] {
        let mut args = vec![
            "export",
            &id,
            "--doc",
            "brief",
            "--out",
            path.to_str().unwrap(),
        ];
        args.extend(extra);
        let (code, _, err) = place.ssa(&args);
        assert_eq!(code, 0, "{err}");
    }
    let text = |path: &std::path::Path| {
        std::process::Command::new("pdftotext")
            .arg(path)
            .arg("-")
            .output()
            .ok()
            .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
    };
    // The poppler tools are there on the build machines; without them the sizes still differ.
    match (text(&plain), text(&with)) {
        (Some(plain), Some(with)) if !with.is_empty() => {
            assert!(!plain.contains("Benefit simulation"));
            assert!(with.contains("Benefit simulation"), "{with}");
            assert!(with.contains("500.00 × 20 ÷ 30 = 333.33"), "{with}");
        }
        _ => assert!(
            std::fs::metadata(&with).unwrap().len() > std::fs::metadata(&plain).unwrap().len()
        ),
    }
}
