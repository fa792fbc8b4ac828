use super::*;
use crate::template::Template;

pub(crate) const BILATERAL: &str =
    include_str!("../../../../assets/scenarios/marisol-eldmark-bilateral.toml");
pub(crate) const REGIONAL: &str =
    include_str!("../../../../assets/scenarios/coral-coast-regional.toml");
const ANNEX1: &str = include_str!("../../../../assets/templates/r167-annex1-bilateral.toml");
const ANNEX2: &str = include_str!("../../../../assets/templates/r167-annex2-coordination.toml");

pub(crate) fn shipped_model(model: &ModelRef) -> Option<Template> {
    let text = match model.template.get_ref().as_str() {
        "r167-annex1-bilateral" => ANNEX1,
        "r167-annex2-coordination" => ANNEX2,
        _ => return None,
    };
    Some(Template::parse("model", text).unwrap())
}

pub(crate) fn bilateral() -> Scenario {
    Scenario::parse("bilateral", BILATERAL, &shipped_model).unwrap()
}

fn problems(text: &str) -> Vec<ScenarioProblem> {
    Scenario::parse("test", text, &shipped_model)
        .unwrap_err()
        .problems()
}

#[test]
fn the_shipped_scenarios_are_complete_in_three_languages() {
    for text in [BILATERAL, REGIONAL] {
        let scenario = Scenario::parse("shipped", text, &shipped_model).unwrap();
        assert_eq!(scenario.languages, ["en", "fr", "es"]);
        assert!(scenario.teams.len() >= 2);
        assert!(!scenario.briefed_articles().is_empty());
    }
    let regional = Scenario::parse("regional", REGIONAL, &shipped_model).unwrap();
    assert!(regional.countries.len() >= 3);
}

#[test]
fn a_missing_translation_is_reported_with_its_line() {
    let text = BILATERAL.replacen("es = \"Delegación de Marisol\"", "es = \"\"", 1);
    let found = problems(&text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].location, "team A");
    assert!(
        found[0].message.contains("no text in es"),
        "{}",
        found[0].message
    );
    let line = text
        .lines()
        .position(|l| l.starts_with("id = \"a\""))
        .unwrap()
        + 1;
    assert_eq!(found[0].line, Some(line));
}

#[test]
fn references_into_the_model_are_checked() {
    let text = BILATERAL
        .replacen("article = \"M3.2.calc\"", "article = \"M9.9\"", 1)
        .replacen(
            "parameter = \"posting.months\", value = 18",
            "parameter = \"posting.weeks\", value = 18",
            1,
        );
    let found = problems(&text);
    let messages: Vec<String> = found.iter().map(ToString::to_string).collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("M9.9") && m.contains("no article")),
        "{messages:?}"
    );
    assert!(
        messages.iter().any(|m| m.contains("posting.weeks")),
        "{messages:?}"
    );
    assert!(found.iter().all(|p| p.line.is_some()));
}

#[test]
fn real_country_codes_and_unknown_models_are_refused() {
    let text = BILATERAL.replace("\"XM\"", "\"FR\"");
    let found = problems(&text);
    assert!(found
        .iter()
        .any(|p| p.location == "country FR" && p.message.contains("ISO 3166")));
    let text = BILATERAL.replace(
        "template = \"r167-annex1-bilateral\"",
        "template = \"nowhere\"",
    );
    assert!(problems(&text).iter().any(|p| p.location == "model"));
}

#[test]
fn syntax_errors_and_oversized_files_say_where() {
    let text = BILATERAL.replacen("version = \"1\"", "version = ", 1);
    match Scenario::parse("f.toml", &text, &shipped_model).unwrap_err() {
        ScenarioFileError::Syntax { line, .. } => assert_eq!(line, 7),
        other => panic!("{other:?}"),
    }
    let huge = "#".repeat(crate::limits::MAX_SCENARIO_BYTES + 1);
    assert!(matches!(
        Scenario::parse("f.toml", &huge, &shipped_model),
        Err(ScenarioFileError::TooLarge { .. })
    ));
}
