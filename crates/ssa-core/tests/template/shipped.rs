//! The templates shipped in assets/templates: they load cleanly, stay coherent under every
//! branch selection, and render the sample draft exactly as the golden files say.
//!
//! Regenerate the golden files after an intended change with
//! `UPDATE_GOLDEN=1 cargo test -p ssa-core --test template shipped`, and read the diff.

use std::path::PathBuf;

use ssa_core::template::{
    render, Amount, Draft, LawsForBranch, ProblemKind, Severity, SourceStatus, Template,
};

pub const ANNEX1: &str = include_str!("../../../../assets/templates/r167-annex1-bilateral.toml");
pub const ANNEX2: &str = include_str!("../../../../assets/templates/r167-annex2-coordination.toml");

pub fn annex1() -> Template {
    let (template, warnings) = Template::load("r167-annex1-bilateral.toml", ANNEX1)
        .unwrap_or_else(|error| panic!("{error}"));
    assert!(warnings.is_clean(), "{warnings}");
    template
}

pub fn annex2() -> Template {
    let (template, warnings) = Template::load("r167-annex2-coordination.toml", ANNEX2)
        .unwrap_or_else(|error| panic!("{error}"));
    assert!(warnings.is_clean(), "{warnings}");
    template
}

fn laws(entries: &[(&str, &[&str])]) -> Vec<LawsForBranch> {
    entries
        .iter()
        .map(|(branch, laws)| LawsForBranch {
            branch: branch.to_string(),
            laws: laws.iter().map(|l| l.to_string()).collect(),
        })
        .collect()
}

/// The sample negotiation: the Republic of Aurelia (XA, own side) and the Kingdom of Boreland
/// (XB), covering every branch, with a few choices away from the defaults.
pub fn annex1_sample(template: &Template) -> Draft {
    let mut draft = Draft::of(template)
        .with_value("party_a", "the Republic of Aurelia")
        .with_value("party_b", "the Kingdom of Boreland")
        .with_value("territory_a", "the territory of the Republic of Aurelia, including its territorial sea")
        .with_value("territory_b", "the territory of the Kingdom of Boreland, including its territorial sea and the Boreal Islands")
        .with_value("national_a", "a person who holds Aurelian citizenship under the Citizenship Act of the Republic of Aurelia")
        .with_value("national_b", "a person who is a Borelandic national under the Nationality Act of the Kingdom of Boreland")
        .with_value("authority_a", "the Minister of Labour and Social Protection")
        .with_value("authority_b", "the Minister for Social Affairs and Health")
        .with_value(
            "legislation_a",
            laws(&[
                ("old-age, invalidity and survivors' benefits", &["the Social Insurance Act 1998"]),
                ("sickness and maternity", &["the Health Insurance Act 2004"]),
                ("employment injury", &["the Occupational Risks Act 2001"]),
                ("unemployment", &["the Employment Promotion Act 2010"]),
                ("family benefits and death grants", &["the Family Allowances Act 1995"]),
            ]),
        )
        .with_value(
            "legislation_b",
            laws(&[
                ("old-age, invalidity and survivors' pensions", &["the National Pensions Act 1987", "the Earnings-related Pensions Act 2006"]),
                ("sickness, maternity and employment injury", &["the Social Security Code, Books II and IV"]),
                ("unemployment, family benefits and death grants", &["the Social Security Code, Books V to VII"]),
            ]),
        )
        .with_value("branch.sickness", true)
        .with_value("branch.employment_injury", true)
        .with_value("branch.death_grants", true)
        .with_value("branch.unemployment", true)
        .with_value("branch.family", true)
        .with_value("posting.months", 36)
        .with_value("pension.method", "independent_or_higher")
        .with_value(
            "overpayment.threshold",
            Amount { amount: "50.00".into(), currency: "EUR".into() },
        )
        .with_value("signature.place", "Aurelia City")
        .with_value("signature.date", "2026-03-01")
        .with_value("languages", "the Aurelian, Borelandic and English languages")
        .with_value("prevailing_language", "English")
        .with_value("signatory_a", "Minister of Labour and Social Protection")
        .with_value("signatory_b", "Ambassador of the Kingdom of Boreland");
    draft.inclusion.insert("M2-AL.2.2".into(), false);
    draft.inclusion.insert("M3.2.assessment".into(), true);
    draft
        .alternatives
        .insert("M3.1.reimb".into(), "lump_sum".into());
    draft
        .alternatives
        .insert("M6.5.1".into(), "fixed_renewable".into());
    draft.custom_wording.insert(
        "M5.9.1".into(),
        "Any dispute concerning the interpretation or application of this Agreement shall be settled by consultation between the {{term:competent_authority|competent authorities}} within a joint committee established for that purpose.".into(),
    );
    draft
}

pub fn annex2_sample(template: &Template) -> Draft {
    Draft::of(template)
        .with_value(
            "depositary",
            "the Director-General of the International Labour Office",
        )
        .with_value("ratifications_needed", 2)
        .with_value("entry.months", 3)
        .with_value("denunciation.months", 12)
        .with_value("signature.place", "Geneva")
        .with_value("signature.date", "2026-06-15")
        .with_value("languages", "English, French and Spanish")
}

fn golden(name: &str, actual: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("{} is missing; run with UPDATE_GOLDEN=1", path.display()));
    if expected != actual {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(e, a)| e != a)
            .map_or(expected.lines().count().min(actual.lines().count()), |l| l);
        panic!(
            "{name} differs from the rendering, first at line {}:\n  golden: {:?}\n  actual: {:?}\n\
             If the change is intended, run with UPDATE_GOLDEN=1 and review the diff.",
            line + 1,
            expected.lines().nth(line),
            actual.lines().nth(line)
        );
    }
}

#[test]
fn annex1_loads_without_problems() {
    let template = annex1();
    assert_eq!(template.id, "r167-annex1-bilateral");
    assert!(template.nodes.len() > 100);
}

#[test]
fn annex2_loads_without_problems() {
    let template = annex2();
    assert_eq!(template.id, "r167-annex2-coordination");
}

#[test]
fn sample_drafts_validate_cleanly() {
    let template = annex1();
    let report = annex1_sample(&template).validate(&template);
    assert!(report.is_clean(), "{report}");
    let template = annex2();
    let report = annex2_sample(&template).validate(&template);
    assert!(report.is_clean(), "{report}");
}

#[test]
fn annex1_is_coherent_under_every_branch_selection_and_optional_choice() {
    let template = annex1();
    let branches = [
        "branch.sickness",
        "branch.pensions",
        "branch.employment_injury",
        "branch.death_grants",
        "branch.unemployment",
        "branch.family",
    ];
    let optional: Vec<&str> = template
        .nodes
        .iter()
        .filter(|n| n.optional)
        .map(|n| n.id.as_str())
        .collect();
    let methods = ["pro_rata", "independent_or_higher"];
    for mask in 0..(1u32 << branches.len()) {
        for keep_optional in [false, true] {
            let mut draft = annex1_sample(&template)
                .with_value("pension.method", methods[(mask % 2) as usize])
                .with_value("export.third_states", mask % 3 == 0);
            for (bit, branch) in branches.iter().enumerate() {
                draft = draft.with_value(branch, mask & (1 << bit) != 0);
            }
            for id in &optional {
                draft.inclusion.insert(id.to_string(), keep_optional);
            }
            let report = draft.validate(&template);
            let errors: Vec<_> = report.errors().collect();
            assert!(
                errors.is_empty(),
                "mask {mask:06b}, optional kept {keep_optional}: {report}"
            );
        }
    }
}

#[test]
fn shipped_content_never_claims_to_be_verified_official_text() {
    for template in [annex1(), annex2()] {
        for node in &template.nodes {
            if let Some(provenance) = &node.provenance {
                assert_ne!(provenance.status, SourceStatus::Verified, "{}", node.id);
            }
        }
        assert_eq!(template.provenance.status, SourceStatus::Inferred);
        let undocumented: Vec<_> = template
            .nodes
            .iter()
            .filter(|n| n.kind == ssa_core::template::NodeKind::Article)
            .filter(|n| n.provenance.is_none() && n.parent.is_none())
            .map(|n| n.id.clone())
            .collect();
        assert!(
            undocumented.is_empty(),
            "top-level articles without provenance: {undocumented:?}"
        );
    }
}

#[test]
fn an_unfilled_draft_is_incomplete_but_has_no_errors() {
    let template = annex1();
    let report = Draft::of(&template).validate(&template);
    assert!(!report.has_errors(), "{report}");
    assert!(report
        .warnings()
        .all(|p| p.kind == ProblemKind::UnfilledPlaceholder));
    assert!(report
        .of_kind(ProblemKind::UnfilledPlaceholder)
        .any(|p| p.parameter.as_deref() == Some("party_a")));
    assert!(report
        .problems
        .iter()
        .all(|p| p.severity == Severity::Warning));
}

#[test]
fn golden_plain_text_of_annex1() {
    let template = annex1();
    let document = render(&template, &annex1_sample(&template));
    golden(
        "r167-annex1-bilateral.sample.txt",
        &document.to_plain_text(),
    );
}

#[test]
fn golden_plain_text_of_annex2() {
    let template = annex2();
    let document = render(&template, &annex2_sample(&template));
    golden(
        "r167-annex2-coordination.sample.txt",
        &document.to_plain_text(),
    );
}

#[test]
fn shipped_templates_round_trip_through_toml() {
    for template in [annex1(), annex2()] {
        let back = Template::parse("export.toml", &template.to_toml().unwrap()).unwrap();
        assert_eq!(back, template);
    }
}

pub const ARRANGEMENT: &str =
    include_str!("../../../../assets/templates/r167-admin-arrangement.toml");

pub fn arrangement() -> Template {
    let (template, warnings) = Template::load("r167-admin-arrangement.toml", ARRANGEMENT)
        .unwrap_or_else(|error| panic!("{error}"));
    assert!(warnings.is_clean(), "{warnings}");
    template
}

#[test]
fn the_arrangement_links_only_to_articles_the_agreement_has() {
    use ssa_core::documents::arrangement::check_links;
    let arrangement = arrangement();
    assert_eq!(
        arrangement.implements.as_deref(),
        Some("r167-annex1-bilateral")
    );
    let report = check_links(&arrangement, &annex1());
    assert!(report.is_clean(), "{report}");
    for node in arrangement.nodes.iter().filter(|n| n.parent.is_none()) {
        if let Some(provenance) = &node.provenance {
            assert_eq!(provenance.status, SourceStatus::Inferred, "{}", node.id);
        }
    }
    assert!(arrangement
        .nodes
        .iter()
        .filter(|n| n.kind == ssa_core::template::NodeKind::Article)
        .all(|n| n.provenance.is_some()));
}

#[test]
fn an_arrangement_link_follows_the_agreements_numbering() {
    use ssa_core::documents::arrangement::{resolve_links, LinkTarget};
    let agreement = annex1();
    let arrangement = arrangement();
    let find = |links: &[ssa_core::documents::arrangement::ArrangementLink], target: &str| {
        links
            .iter()
            .find(|l| l.target == target)
            .unwrap()
            .at
            .clone()
    };
    let with_pensions = render(&agreement, &Draft::of(&agreement));
    let links = resolve_links(&arrangement, &with_pensions);
    let LinkTarget::InAgreement {
        article: before, ..
    } = find(&links, "M4.1")
    else {
        panic!("M4.1 is in the default draft")
    };
    assert!(matches!(
        find(&links, "M3.2.entitlement"),
        LinkTarget::InAgreement { .. }
    ));
    // Optional and left out by default.
    assert_eq!(find(&links, "M3.2.assessment"), LinkTarget::LeftOut);
    assert!(matches!(
        find(&links, "M5.1.3"),
        LinkTarget::InAgreement {
            within: Some(_),
            ..
        }
    ));
    let without = render(
        &agreement,
        &Draft::of(&agreement).with_value("branch.pensions", false),
    );
    let links = resolve_links(&arrangement, &without);
    assert_eq!(find(&links, "M3.2.entitlement"), LinkTarget::LeftOut);
    let LinkTarget::InAgreement { article: after, .. } = find(&links, "M4.1") else {
        panic!("M4.1 stays without pensions")
    };
    assert_ne!(
        before, after,
        "the article after the pensions chapter is renumbered"
    );
}

#[test]
fn implements_needs_the_implemented_template_and_known_ids() {
    use ssa_core::documents::arrangement::check_links;
    let without_header = ARRANGEMENT.replace("implements = \"r167-annex1-bilateral\"\n", "");
    let error = Template::load("a.toml", &without_header).unwrap_err();
    let report = error.to_report();
    assert!(
        report.of_kind(ProblemKind::UnknownImplementedNode).count() > 5,
        "{report}"
    );
    let dangling = ARRANGEMENT.replace("implements = [\"M1.1\"]", "implements = [\"M9.9\"]");
    let (template, _) = Template::load("a.toml", &dangling).unwrap();
    let report = check_links(&template, &annex1());
    let problem = report.errors().next().expect("an error");
    assert_eq!(problem.node.as_deref(), Some("AA.1"));
    assert_eq!(problem.related_node.as_deref(), Some("M9.9"));
    assert!(problem.line.is_some());
}
