//! The feasibility study (step 2): the parties' schemes compared branch by branch, the corridor
//! figures, and the team's choice of the branches the agreement covers.
//!
//! Contract: [`suggest`] is the coverage rule, a pure function of the comparison (explained to
//! the team by its [`SuggestionReason`]); it never decides. The team's choice is
//! [`Feasibility::coverage`], and [`draft_flags`] turns it into the agreement template's flag
//! values through [`super::branch::BRANCH_FLAGS`].

use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};

use super::branch::{Branch, BRANCH_FLAGS};
use super::{check_ids, problem, FieldProblem, YEAR_RANGE};

/// Longest text a single cell may hold; a cell is a summary, the law is cited, not pasted.
pub const CELL_MAX_CHARS: usize = 2_000;
pub const NOTES_MAX_CHARS: usize = 20_000;

/// How a scheme is financed and pays; decides how well classic coordination fits it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum SchemeType {
    /// Social insurance financed by contributions, paying defined benefits.
    Contributory,
    /// Paid out of public funds (tax-financed, means-tested or universal).
    NonContributory,
    /// Individual accounts paid out as a lump sum or annuity.
    ProvidentFund,
}

/// One party's scheme for one branch: a row of the side-by-side comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct SchemeRow {
    pub branch: Branch,
    /// The party's ISO code, as in the negotiation.
    pub party: String,
    /// Whether the party has a scheme for this branch; `None` until the team has looked.
    pub exists: Option<bool>,
    pub scheme_type: Option<SchemeType>,
    #[serde(default)]
    pub persons_covered: String,
    #[serde(default)]
    pub qualifying_period: String,
    #[serde(default)]
    pub export_rules: String,
    /// Nationality or residence conditions.
    #[serde(default)]
    pub conditions: String,
    #[serde(default)]
    pub notes: String,
}

impl SchemeRow {
    /// An empty row, for a cell the team has not filled yet.
    pub fn empty(branch: Branch, party: &str) -> SchemeRow {
        SchemeRow {
            branch,
            party: party.to_string(),
            exists: None,
            scheme_type: None,
            persons_covered: String::new(),
            qualifying_period: String::new(),
            export_rules: String::new(),
            conditions: String::new(),
            notes: String::new(),
        }
    }
}

/// What a corridor figure counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum CorridorKind {
    /// Nationals of `from` working in `to`.
    MigrantWorkers,
    /// Workers posted by employers in `from` to `to`.
    PostedWorkers,
    /// Pensioners of `from`'s schemes living in `to`.
    PensionersAbroad,
}

/// One figure of the migration corridor between two parties, with its year and source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct CorridorFigure {
    pub id: String,
    pub kind: CorridorKind,
    pub from: String,
    pub to: String,
    pub count: Option<u32>,
    pub year: Option<i32>,
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub note: String,
}

/// The team's decision for one branch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Coverage {
    Covered,
    NotCovered,
}

/// The feasibility study of one negotiation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct Feasibility {
    #[serde(default)]
    pub schemes: Vec<SchemeRow>,
    #[serde(default)]
    pub corridor: Vec<CorridorFigure>,
    /// Branches the team has decided on; a branch absent here is not decided yet.
    #[serde(default)]
    pub coverage: BTreeMap<Branch, Coverage>,
    #[serde(default)]
    pub notes: String,
    /// The benefit simulator's national rules, sample careers and cost assumptions (saved by
    /// the simulator alone: a save of the study keeps the stored ones).
    #[serde(default)]
    pub simulation: crate::simulation::setup::SimulationSetup,
}

/// What the rule suggests for one branch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Suggestion {
    /// Classic coordination fits: cover the branch.
    Cover,
    /// Coverage is possible but needs a look first (see the reason).
    Consider,
    /// Nothing to coordinate.
    DoNotCover,
    /// The comparison is not filled enough to say.
    Incomplete,
}

/// Why the rule suggests what it does; `party` is the ISO code of the party concerned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SuggestionReason {
    /// Every party has a contributory scheme: totalization and export work as designed.
    AllContributory,
    /// A party has no scheme for the branch: there are no rights to coordinate.
    NoScheme { party: String },
    /// A party's scheme is paid out of public funds, which agreements often exclude from export
    /// and equality of treatment.
    NonContributory { party: String },
    /// A provident fund on one side and a pension scheme on the other: totalization does not
    /// apply as such to individual accounts.
    SchemeTypesDiffer,
    /// Provident funds on every side: the agreement can secure payment of balances abroad.
    AllProvidentFunds,
    /// A party's scheme is not described yet (whether it exists, or its type).
    NotCompared { party: String },
}

/// The rule's answer for one branch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct BranchSuggestion {
    pub branch: Branch,
    pub suggestion: Suggestion,
    pub reason: SuggestionReason,
}

/// The coverage rule for one branch, given the parties' ISO codes (in the negotiation's order).
///
/// In order: a party without a scheme → do not cover; a party not yet described → incomplete;
/// all contributory → cover; a non-contributory scheme → consider (public-funds benefits are
/// often excluded from export); provident fund beside a pension scheme → consider (scheme types
/// differ); provident funds only → consider. The order puts the conclusive answers first.
pub fn suggest(feasibility: &Feasibility, parties: &[&str], branch: Branch) -> BranchSuggestion {
    let answer = |suggestion, reason| BranchSuggestion {
        branch,
        suggestion,
        reason,
    };
    let row = |party: &str| {
        feasibility
            .schemes
            .iter()
            .find(|r| r.branch == branch && r.party == party)
    };
    if let Some(party) = parties
        .iter()
        .find(|p| row(p).and_then(|r| r.exists) == Some(false))
    {
        return answer(
            Suggestion::DoNotCover,
            SuggestionReason::NoScheme {
                party: party.to_string(),
            },
        );
    }
    let mut types = Vec::new();
    for party in parties {
        match row(party).and_then(|r| r.scheme_type) {
            Some(kind) => types.push((party, kind)),
            None => {
                return answer(
                    Suggestion::Incomplete,
                    SuggestionReason::NotCompared {
                        party: party.to_string(),
                    },
                )
            }
        }
    }
    if types.iter().all(|(_, t)| *t == SchemeType::Contributory) {
        return answer(Suggestion::Cover, SuggestionReason::AllContributory);
    }
    if let Some((party, _)) = types
        .iter()
        .find(|(_, t)| *t == SchemeType::NonContributory)
    {
        return answer(
            Suggestion::Consider,
            SuggestionReason::NonContributory {
                party: party.to_string(),
            },
        );
    }
    if types.iter().all(|(_, t)| *t == SchemeType::ProvidentFund) {
        answer(Suggestion::Consider, SuggestionReason::AllProvidentFunds)
    } else {
        answer(Suggestion::Consider, SuggestionReason::SchemeTypesDiffer)
    }
}

/// The rule's answer for all nine branches, in the C102 order.
pub fn suggest_all(feasibility: &Feasibility, parties: &[&str]) -> Vec<BranchSuggestion> {
    Branch::ALL
        .iter()
        .map(|branch| suggest(feasibility, parties, *branch))
        .collect()
}

/// The agreement template's flag values that follow from the team's choice.
///
/// A flag's chapter is in while at least one of its branches is chosen as covered. A flag
/// none of whose branches is decided yet is absent: the draft keeps whatever it has.
pub fn draft_flags(coverage: &BTreeMap<Branch, Coverage>) -> BTreeMap<&'static str, bool> {
    BRANCH_FLAGS
        .iter()
        .filter_map(|flag| {
            let decisions: Vec<Coverage> = flag
                .branches
                .iter()
                .filter_map(|b| coverage.get(b).copied())
                .collect();
            if decisions.is_empty() {
                None
            } else {
                Some((flag.flag, decisions.contains(&Coverage::Covered)))
            }
        })
        .collect()
}

impl Feasibility {
    /// Every problem of the study, given the negotiation's parties' ISO codes.
    pub fn validate(&self, parties: &[&str]) -> Vec<FieldProblem> {
        let mut problems = Vec::new();
        let known: HashSet<&str> = parties.iter().copied().collect();
        let mut seen = HashSet::new();
        for (index, row) in self.schemes.iter().enumerate() {
            let at = |field: &str| format!("schemes[{index}].{field}");
            let name = row.branch.name();
            if !known.contains(row.party.as_str()) {
                problems.push(problem(
                    at("party"),
                    format!(
                        "The {name} row names party \"{}\", which is not a party to this negotiation.",
                        row.party
                    ),
                ));
            }
            if !seen.insert((row.branch, row.party.as_str())) {
                problems.push(problem(
                    at("party"),
                    format!("The {name} branch has two rows for party {}.", row.party),
                ));
            }
            if row.exists == Some(false) && row.scheme_type.is_some() {
                problems.push(problem(
                    at("scheme_type"),
                    format!(
                        "The {name} row of party {} says there is no scheme but gives its type; clear one of the two.",
                        row.party
                    ),
                ));
            }
            for (field, text) in [
                ("persons_covered", &row.persons_covered),
                ("qualifying_period", &row.qualifying_period),
                ("export_rules", &row.export_rules),
                ("conditions", &row.conditions),
                ("notes", &row.notes),
            ] {
                if text.chars().count() > CELL_MAX_CHARS {
                    problems.push(problem(
                        at(field),
                        format!(
                            "The {name} row of party {} has more than {CELL_MAX_CHARS} characters in one cell; summarise and cite the law.",
                            row.party
                        ),
                    ));
                }
            }
        }
        check_ids(
            "corridor",
            self.corridor.iter().map(|f| f.id.as_str()),
            &mut problems,
        );
        for (index, figure) in self.corridor.iter().enumerate() {
            let at = |field: &str| format!("corridor[{index}].{field}");
            let row = index + 1;
            for (field, party) in [("from", &figure.from), ("to", &figure.to)] {
                if !known.contains(party.as_str()) {
                    problems.push(problem(
                        at(field),
                        format!("Corridor figure {row} names party \"{party}\", which is not a party to this negotiation."),
                    ));
                }
            }
            if figure.from == figure.to {
                problems.push(problem(
                    at("to"),
                    format!("Corridor figure {row} goes from {} to the same party; pick two different parties.", figure.from),
                ));
            }
            if let Some(year) = figure.year {
                if !YEAR_RANGE.contains(&year) {
                    problems.push(problem(
                        at("year"),
                        format!(
                            "Corridor figure {row} has the year {year}; give a year between {} and {}.",
                            YEAR_RANGE.start(),
                            YEAR_RANGE.end()
                        ),
                    ));
                }
            }
            if figure.source.chars().count() > CELL_MAX_CHARS
                || figure.note.chars().count() > CELL_MAX_CHARS
            {
                problems.push(problem(
                    at("source"),
                    format!("Corridor figure {row} has more than {CELL_MAX_CHARS} characters in its source or note."),
                ));
            }
        }
        if self.notes.chars().count() > NOTES_MAX_CHARS {
            problems.push(problem(
                "notes".into(),
                format!("The notes are longer than {NOTES_MAX_CHARS} characters."),
            ));
        }
        problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PARTIES: &[&str] = &["XA", "XB"];

    fn row(branch: Branch, party: &str, exists: bool, kind: Option<SchemeType>) -> SchemeRow {
        SchemeRow {
            exists: Some(exists),
            scheme_type: kind,
            ..SchemeRow::empty(branch, party)
        }
    }

    fn study(rows: Vec<SchemeRow>) -> Feasibility {
        Feasibility {
            schemes: rows,
            ..Feasibility::default()
        }
    }

    use SchemeType::*;

    #[test]
    fn both_contributory_is_suggested() {
        let f = study(vec![
            row(Branch::OldAge, "XA", true, Some(Contributory)),
            row(Branch::OldAge, "XB", true, Some(Contributory)),
        ]);
        let s = suggest(&f, PARTIES, Branch::OldAge);
        assert_eq!(s.suggestion, Suggestion::Cover);
        assert_eq!(s.reason, SuggestionReason::AllContributory);
    }

    #[test]
    fn a_missing_scheme_wins_over_an_incomplete_comparison() {
        let f = study(vec![row(Branch::Unemployment, "XB", false, None)]);
        let s = suggest(&f, PARTIES, Branch::Unemployment);
        assert_eq!(s.suggestion, Suggestion::DoNotCover);
        assert_eq!(s.reason, SuggestionReason::NoScheme { party: "XB".into() });
    }

    #[test]
    fn an_unfilled_party_makes_the_branch_incomplete() {
        let f = study(vec![row(Branch::Family, "XA", true, Some(Contributory))]);
        let s = suggest(&f, PARTIES, Branch::Family);
        assert_eq!(s.suggestion, Suggestion::Incomplete);
        assert_eq!(
            s.reason,
            SuggestionReason::NotCompared { party: "XB".into() }
        );
        let empty = suggest(&Feasibility::default(), PARTIES, Branch::Family);
        assert_eq!(
            empty.reason,
            SuggestionReason::NotCompared { party: "XA".into() }
        );
    }

    #[test]
    fn public_funds_and_mismatched_types_need_a_look() {
        let f = study(vec![
            row(Branch::Family, "XA", true, Some(Contributory)),
            row(Branch::Family, "XB", true, Some(NonContributory)),
            row(Branch::OldAge, "XA", true, Some(ProvidentFund)),
            row(Branch::OldAge, "XB", true, Some(Contributory)),
            row(Branch::Invalidity, "XA", true, Some(ProvidentFund)),
            row(Branch::Invalidity, "XB", true, Some(ProvidentFund)),
        ]);
        let family = suggest(&f, PARTIES, Branch::Family);
        assert_eq!(family.suggestion, Suggestion::Consider);
        assert_eq!(
            family.reason,
            SuggestionReason::NonContributory { party: "XB".into() }
        );
        assert_eq!(
            suggest(&f, PARTIES, Branch::OldAge).reason,
            SuggestionReason::SchemeTypesDiffer
        );
        assert_eq!(
            suggest(&f, PARTIES, Branch::Invalidity).reason,
            SuggestionReason::AllProvidentFunds
        );
    }

    #[test]
    fn suggestions_cover_all_nine_branches_in_order() {
        let all = suggest_all(&Feasibility::default(), PARTIES);
        assert_eq!(
            all.iter().map(|s| s.branch).collect::<Vec<_>>(),
            Branch::ALL.to_vec()
        );
    }

    #[test]
    fn a_chapter_is_in_while_one_of_its_branches_is_covered() {
        let mut coverage = BTreeMap::new();
        assert!(draft_flags(&coverage).is_empty());
        coverage.insert(Branch::OldAge, Coverage::NotCovered);
        assert_eq!(
            draft_flags(&coverage),
            BTreeMap::from([("branch.pensions", false)])
        );
        coverage.insert(Branch::Survivors, Coverage::Covered);
        assert_eq!(
            draft_flags(&coverage),
            BTreeMap::from([("branch.pensions", true)])
        );
        coverage.insert(Branch::Unemployment, Coverage::Covered);
        coverage.insert(Branch::Maternity, Coverage::NotCovered);
        assert_eq!(
            draft_flags(&coverage),
            BTreeMap::from([
                ("branch.pensions", true),
                ("branch.sickness", false),
                ("branch.unemployment", true)
            ])
        );
    }

    #[test]
    fn validation_names_each_bad_row() {
        let mut f = study(vec![
            row(Branch::OldAge, "XA", true, Some(Contributory)),
            row(Branch::OldAge, "XA", false, Some(Contributory)),
            row(Branch::Sickness, "ZZ", true, None),
        ]);
        f.corridor.push(CorridorFigure {
            id: "c1".into(),
            kind: CorridorKind::MigrantWorkers,
            from: "XA".into(),
            to: "XA".into(),
            count: Some(12_000),
            year: Some(20023),
            source: "census".into(),
            note: String::new(),
        });
        let fields: Vec<String> = f.validate(PARTIES).into_iter().map(|p| p.field).collect();
        assert_eq!(
            fields,
            [
                "schemes[1].party",
                "schemes[1].scheme_type",
                "schemes[2].party",
                "corridor[0].to",
                "corridor[0].year"
            ]
        );
        assert!(study(vec![row(Branch::OldAge, "XB", true, None)])
            .validate(PARTIES)
            .is_empty());
    }

    #[test]
    fn coverage_round_trips_through_json_with_branch_names() {
        let mut f = Feasibility::default();
        f.coverage
            .insert(Branch::EmploymentInjury, Coverage::NotCovered);
        let json = serde_json::to_value(&f).unwrap();
        assert_eq!(json["coverage"]["employment_injury"], "not_covered");
        let back: Feasibility = serde_json::from_value(json).unwrap();
        assert_eq!(back, f);
    }
}
