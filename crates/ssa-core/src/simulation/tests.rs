//! The worked examples of the domain notes, table-driven from the shipped case files, to the
//! cent; hand-checked cases for each rule; bad input; and the properties of the issue.

use proptest::prelude::*;
use rust_decimal::Decimal;

use super::case_file::parse_case;
use super::*;

fn dec(text: &str) -> Decimal {
    text.parse().unwrap()
}

const EXAMPLES: &[(&str, &str)] = &[
    (
        "ex1-holzmann-pro-rata.toml",
        include_str!("../../../../assets/simulations/examples/ex1-holzmann-pro-rata.toml"),
    ),
    (
        "ex1-holzmann-direct.toml",
        include_str!("../../../../assets/simulations/examples/ex1-holzmann-direct.toml"),
    ),
    (
        "ex2-linear-higher-of.toml",
        include_str!("../../../../assets/simulations/examples/ex2-linear-higher-of.toml"),
    ),
    (
        "ex2b-flat-part.toml",
        include_str!("../../../../assets/simulations/examples/ex2b-flat-part.toml"),
    ),
    (
        "ex3-minimum-period.toml",
        include_str!("../../../../assets/simulations/examples/ex3-minimum-period.toml"),
    ),
    (
        "ex3-without-clause.toml",
        include_str!("../../../../assets/simulations/examples/ex3-without-clause.toml"),
    ),
    (
        "us-canada-fraction.toml",
        include_str!("../../../../assets/simulations/examples/us-canada-fraction.toml"),
    ),
    (
        "bands-weeks-quarters.toml",
        include_str!("../../../../assets/simulations/examples/bands-weeks-quarters.toml"),
    ),
];

fn example(name: &str) -> Case {
    let (_, text) = EXAMPLES.iter().find(|(n, _)| *n == name).unwrap();
    parse_case(text)
        .unwrap_or_else(|problems| panic!("{name}: {problems:?}"))
        .case
}

fn party<'o>(outcome: &'o Outcome, code: &str) -> &'o PartyOutcome {
    outcome.parties.iter().find(|p| p.code == code).unwrap()
}

/// (file, party, without, theoretical, pro rata, with): every figure of §5.7 to the cent.
const VECTORS: &[(&str, &str, &str, &str, &str, &str)] = &[
    // Ex. 1, State A: pro rata with a 40-year denominator.
    (
        "ex1-holzmann-pro-rata.toml",
        "A",
        "0.00",
        "800.00",
        "360.00",
        "360.00",
    ),
    // Ex. 1, State B: pro rata.
    (
        "ex1-holzmann-pro-rata.toml",
        "B",
        "0.00",
        "920.00",
        "525.71",
        "525.71",
    ),
    // Ex. 1, both, direct: 288 + 640.
    (
        "ex1-holzmann-direct.toml",
        "A",
        "0.00",
        "800.00",
        "360.00",
        "288.00",
    ),
    (
        "ex1-holzmann-direct.toml",
        "B",
        "0.00",
        "920.00",
        "525.71",
        "640.00",
    ),
    // Ex. 2: higher of independent and pro rata.
    (
        "ex2-linear-higher-of.toml",
        "A",
        "0.00",
        "450.00",
        "180.00",
        "180.00",
    ),
    (
        "ex2-linear-higher-of.toml",
        "B",
        "288.00",
        "480.00",
        "288.00",
        "288.00",
    ),
    // Ex. 2b: pro rata with a flat part.
    (
        "ex2b-flat-part.toml",
        "A",
        "0.00",
        "600.00",
        "160.00",
        "160.00",
    ),
    // Ex. 3 with the 12-month clause: E 0, F 480.
    (
        "ex3-minimum-period.toml",
        "E",
        "0.00",
        "0.00",
        "0.00",
        "0.00",
    ),
    (
        "ex3-minimum-period.toml",
        "F",
        "466.67",
        "480.00",
        "480.00",
        "480.00",
    ),
    // Ex. 3 without the clause: E 12.50, F 466.67.
    (
        "ex3-without-clause.toml",
        "E",
        "0.00",
        "450.00",
        "12.50",
        "12.50",
    ),
    (
        "ex3-without-clause.toml",
        "F",
        "466.67",
        "480.00",
        "466.67",
        "466.67",
    ),
    // The fraction 24 / (24 + 16) = 60 %.
    (
        "us-canada-fraction.toml",
        "US",
        "0.00",
        "1000.00",
        "600.00",
        "600.00",
    ),
    (
        "us-canada-fraction.toml",
        "CA",
        "0.00",
        "1000.00",
        "400.00",
        "400.00",
    ),
    // The format example, checked by hand in the file's comment.
    (
        "bands-weeks-quarters.toml",
        "XA",
        "210.00",
        "210.00",
        "127.27",
        "210.00",
    ),
    (
        "bands-weeks-quarters.toml",
        "XB",
        "0.00",
        "510.00",
        "200.00",
        "200.00",
    ),
];

#[test]
fn every_worked_example_to_the_cent() {
    for (file, code, without, theoretical, pro_rata, with) in VECTORS {
        let outcome = simulate(&example(file)).unwrap();
        let figures = party(&outcome, code);
        let got = (
            figures.without_agreement.to_string(),
            figures.theoretical.to_string(),
            figures.pro_rata.to_string(),
            figures.with_agreement.to_string(),
        );
        let want = (
            without.to_string(),
            theoretical.to_string(),
            pro_rata.to_string(),
            with.to_string(),
        );
        assert_eq!(got, want, "{file}, party {code}");
    }
}

#[test]
fn totals_of_the_examples() {
    let direct = simulate(&example("ex1-holzmann-direct.toml")).unwrap();
    assert_eq!(direct.total_with, dec("928.00"));
    let pro_rata = simulate(&example("ex1-holzmann-pro-rata.toml")).unwrap();
    assert_eq!(pro_rata.total_with, dec("885.71"));
    let without_clause = simulate(&example("ex3-without-clause.toml")).unwrap();
    assert_eq!(without_clause.total_with, dec("479.17"));
    let with_clause = simulate(&example("ex3-minimum-period.toml")).unwrap();
    assert_eq!(with_clause.total_with, dec("480.00"));
    assert!(party(&with_clause, "E").relieved);
    assert_eq!(party(&with_clause, "F").own_periods, dec("350"));
    assert_eq!(party(&with_clause, "F").totalized_periods, dec("360"));
}

#[test]
fn the_explanation_can_be_checked_by_hand() {
    let outcome = simulate(&example("bands-weeks-quarters.toml")).unwrap();
    let lines: Vec<String> = party(&outcome, "XA")
        .explanation
        .iter()
        .map(|l| render_line(l, Language::En))
        .collect();
    assert!(
        lines.contains(
            &"National benefit: 800 weeks ÷ 40 years = 20, band 20–39 → 210.00".to_string()
        ),
        "{lines:#?}"
    );
    assert!(
        lines.contains(&"XB: 40 quarters × 13 = 520 weeks".to_string()),
        "{lines:#?}"
    );
    assert!(
        lines.contains(&"Pro rata: 210.00 × 800 ÷ 1,320 = 127.27".to_string()),
        "{lines:#?}"
    );
    let xb: Vec<String> = party(&outcome, "XB")
        .explanation
        .iter()
        .map(|l| render_line(l, Language::En))
        .collect();
    assert!(
        xb.contains(
            &"XA: 800 weeks ÷ 13 = 61.54 → 62 quarters (a remainder counts as one)".to_string()
        ),
        "{xb:#?}"
    );
    let ex1 = simulate(&example("ex1-holzmann-pro-rata.toml")).unwrap();
    let a: Vec<String> = party(&ex1, "A")
        .explanation
        .iter()
        .map(|l| render_line(l, Language::En))
        .collect();
    assert!(
        a.contains(&"Pro rata: 800.00 × 18 ÷ 40 = 360.00 (all periods counted up to the specified period of 40 years)".to_string()),
        "{a:#?}"
    );
}

// ----- Hand-checked cases per rule -----

fn two_parties(a: PartyRules, b: PartyRules, periods: Vec<Period>) -> Case {
    Case {
        career_years: Some(dec("40")),
        minimum_period_months: None,
        covered: true,
        parties: vec![a, b],
        conversions: vec![],
        periods,
    }
}

fn rules(code: &str, unit: Unit, qualifying: &str, formula: Formula) -> PartyRules {
    PartyRules {
        code: code.into(),
        unit,
        qualifying: dec(qualifying),
        method: Method::ProRata,
        formula,
        specified_period: None,
        credited: CreditRule::Count,
    }
}

fn period(party: &str, amount: &str, unit: Unit) -> Period {
    Period {
        party: party.into(),
        amount: dec(amount),
        unit,
        kind: PeriodKind::Paid,
        start: None,
        end: None,
    }
}

fn dated(party: &str, amount: &str, unit: Unit, start: &str, end: &str) -> Period {
    Period {
        start: Some(start.parse().unwrap()),
        end: Some(end.parse().unwrap()),
        ..period(party, amount, unit)
    }
}

fn fixed(amount: &str) -> Formula {
    Formula::Fixed {
        amount: dec(amount),
    }
}

#[test]
fn credits_count_in_the_denominator_only_when_the_law_says_so() {
    let mut a = rules("A", Unit::Years, "10", fixed("1000"));
    a.credited = CreditRule::DenominatorOnly;
    let b = rules("B", Unit::Years, "10", fixed("1000"));
    let mut credited = period("A", "5", Unit::Years);
    credited.kind = PeriodKind::Credited;
    let case = two_parties(
        a,
        b,
        vec![
            period("A", "15", Unit::Years),
            credited,
            period("B", "20", Unit::Years),
        ],
    );
    let outcome = simulate(&case).unwrap();
    // 40 years in all; A's share counts its 15 paid years only: 1000 × 15 ÷ 40.
    assert_eq!(party(&outcome, "A").pro_rata, dec("375.00"));
    assert_eq!(party(&outcome, "A").own_periods, dec("20"));
    assert_eq!(party(&outcome, "B").pro_rata, dec("500.00"));
}

#[test]
fn a_calendar_day_covered_by_both_parties_counts_once() {
    let a = rules("A", Unit::Months, "60", fixed("1000"));
    let b = rules("B", Unit::Months, "60", fixed("1000"));
    // A: 2010–2014 (60 months); B: 2014–2016 (36 months), 2014 covered by both.
    let case = two_parties(
        a,
        b,
        vec![
            dated("A", "60", Unit::Months, "2010-01-01", "2014-12-31"),
            dated("B", "36", Unit::Months, "2014-01-01", "2016-12-31"),
        ],
    );
    let outcome = simulate(&case).unwrap();
    let a = party(&outcome, "A");
    // B's 1,096 days lose the 365 of 2014: 36 × 731 ÷ 1096 = 24.01… months.
    assert!(
        a.totalized_periods > dec("84") && a.totalized_periods < dec("84.1"),
        "{}",
        a.totalized_periods
    );
    let b = party(&outcome, "B");
    assert!(b.totalized_periods > dec("84") && b.totalized_periods < dec("84.1"));
}

#[test]
fn every_party_under_the_minimum_the_last_one_pays_on_all() {
    let mut a = rules("A", Unit::Months, "12", fixed("100"));
    a.qualifying = dec("15");
    let b = rules("B", Unit::Months, "15", fixed("100"));
    let mut case = two_parties(
        a,
        b,
        vec![
            dated("A", "8", Unit::Months, "2020-01-01", "2020-08-31"),
            dated("B", "9", Unit::Months, "2020-09-01", "2021-05-31"),
        ],
    );
    case.minimum_period_months = Some(12);
    let outcome = simulate(&case).unwrap();
    // Both are under 12 months and give no right alone; B is the last whose conditions
    // (15 months totalized) are met: it pays on all 17 months.
    assert!(party(&outcome, "A").relieved);
    assert_eq!(party(&outcome, "A").with_agreement, Decimal::ZERO);
    assert!(!party(&outcome, "B").relieved);
    assert_eq!(party(&outcome, "B").with_agreement, dec("100.00"));
    assert!(party(&outcome, "B").explanation.contains(&Line::PaysOnAll));
}

#[test]
fn a_branch_the_agreement_leaves_out_changes_nothing() {
    let mut case = example("ex2-linear-higher-of.toml");
    case.covered = false;
    let outcome = simulate(&case).unwrap();
    assert_eq!(party(&outcome, "A").with_agreement, Decimal::ZERO);
    assert_eq!(party(&outcome, "B").with_agreement, dec("288.00"));
    assert_eq!(outcome.total_difference, Decimal::ZERO);
}

#[test]
fn higher_of_never_pays_less_than_the_national_benefit() {
    // A flat pension that the pro-rata share would cut: 1,000 after 10 years.
    let mut a = rules("A", Unit::Years, "10", fixed("1000"));
    let b = rules("B", Unit::Years, "10", fixed("1000"));
    let periods = vec![
        period("A", "10", Unit::Years),
        period("B", "30", Unit::Years),
    ];
    let pro_rata = simulate(&two_parties(a.clone(), b.clone(), periods.clone())).unwrap();
    assert_eq!(party(&pro_rata, "A").with_agreement, dec("250.00"));
    a.method = Method::HigherOf;
    let higher = simulate(&two_parties(a, b, periods)).unwrap();
    assert_eq!(party(&higher, "A").with_agreement, dec("1000.00"));
}

// ----- Bad input names the line -----

fn problems_of(text: &str) -> Vec<String> {
    parse_case(text)
        .unwrap_err()
        .iter()
        .map(|p| p.to_string())
        .collect()
}

const HEADER: &str = "format = \"ssa-simulation/1\"\n\
[[party]]\ncode = \"XA\"\nunit = \"weeks\"\nqualifying = 520\nformula = { kind = \"fixed\", amount = \"100\" }\n\
[[party]]\ncode = \"XB\"\nunit = \"quarters\"\nqualifying = 40\nformula = { kind = \"fixed\", amount = \"100\" }\n";

#[test]
fn a_period_in_a_unit_without_conversion_names_its_line() {
    let text = format!("{HEADER}[[period]]\nparty = \"XA\"\namount = 800\nunit = \"weeks\"\n");
    let problems = problems_of(&text);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].starts_with("line 15: "), "{problems:?}");
    assert!(problems[0].contains("no [[conversion]] links weeks and quarters"));
}

#[test]
fn negative_amounts_overlaps_and_bands_out_of_order_name_their_lines() {
    let conversion =
        "[[conversion]]\nfrom = \"weeks\"\nto = \"quarters\"\nper = 13\nremainder = \"up\"\n";
    let negative =
        format!("{HEADER}{conversion}[[period]]\nparty = \"XA\"\namount = -5\nunit = \"weeks\"\n");
    let problems = problems_of(&negative);
    assert!(
        problems[0].starts_with("line 19: ") && problems[0].contains("cannot be negative"),
        "{problems:?}"
    );

    let overlap = format!(
        "{HEADER}{conversion}[[period]]\nparty = \"XA\"\namount = 52\nunit = \"weeks\"\nstart = 2001-01-01\nend = 2001-12-31\n\
         [[period]]\nparty = \"XA\"\namount = 52\nunit = \"weeks\"\nstart = \"2001-06-01\"\nend = \"2002-05-31\"\n"
    );
    let problems = problems_of(&overlap);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].starts_with("line 27: ") && problems[0].contains("overlaps"),
        "{problems:?}"
    );

    let bands = "format = \"ssa-simulation/1\"\ncareer_years = 40\n[[party]]\ncode = \"XA\"\nunit = \"weeks\"\nqualifying = 520\n\
                 formula = { kind = \"bands\", bands = [ { from = 10, amount = \"120\" }, { from = 20, amount = \"210\" } ] }\n";
    let problems = problems_of(bands);
    assert!(
        problems[0].starts_with("line 7: ") && problems[0].contains("out of order"),
        "{problems:?}"
    );

    let float = format!("{HEADER}[[period]]\nparty = \"XA\"\namount = 2.5\nunit = \"weeks\"\n");
    let problems = problems_of(&float);
    assert!(
        problems[0].starts_with("line 14") && problems[0].contains("quotes"),
        "{problems:?}"
    );

    let wrong_format = "format = \"ssa-simulation/9\"\n";
    assert!(problems_of(wrong_format)[0].starts_with("line 1: format is"));
}

// ----- Properties -----

fn party_strategy(code: &'static str) -> impl Strategy<Value = PartyRules> {
    let formula = prop_oneof![
        (1u32..5000).prop_map(|a| Formula::Fixed {
            amount: Decimal::from(a)
        }),
        (1u32..100, prop::option::of(10u32..50)).prop_map(|(a, full)| Formula::PerPeriod {
            amount: Decimal::from(a),
            per: Decimal::ONE,
            full: full.map(Decimal::from),
            full_amount: None,
        }),
        (1u32..30, 100u32..5000).prop_map(|(r, e)| Formula::Accrual {
            rate: Decimal::new(i64::from(r), 3),
            earnings: Decimal::from(e),
            per: Decimal::ONE,
        }),
        (1u32..500).prop_map(|a| Formula::Sum {
            parts: vec![
                Formula::Fixed {
                    amount: Decimal::from(a)
                },
                Formula::PerPeriod {
                    amount: Decimal::from(7),
                    per: Decimal::from(3),
                    full: Some(Decimal::from(40)),
                    full_amount: None,
                },
            ],
        }),
        Just(Formula::Bands {
            rounding: Rounding::HalfUp,
            bands: vec![
                Band {
                    from: Decimal::from(30),
                    amount: Decimal::from(300)
                },
                Band {
                    from: Decimal::from(10),
                    amount: Decimal::from(100)
                },
            ],
        }),
    ];
    (
        formula,
        0u32..30,
        prop_oneof![
            Just(Method::ProRata),
            Just(Method::Direct),
            Just(Method::HigherOf)
        ],
        prop::option::of(20u32..45),
    )
        .prop_map(move |(formula, qualifying, method, specified)| PartyRules {
            code: code.into(),
            unit: Unit::Years,
            qualifying: Decimal::from(qualifying),
            method,
            formula,
            specified_period: specified.map(Decimal::from),
            credited: CreditRule::Count,
        })
}

fn case_strategy() -> impl Strategy<Value = Case> {
    (
        party_strategy("A"),
        party_strategy("B"),
        prop::collection::vec((0usize..2, 0u32..15), 1..6),
        prop::option::of(6u32..24),
    )
        .prop_map(|(a, b, periods, minimum)| Case {
            career_years: Some(Decimal::from(40)),
            minimum_period_months: minimum,
            covered: true,
            parties: vec![a, b],
            conversions: vec![],
            periods: periods
                .into_iter()
                .map(|(p, years)| period(["A", "B"][p], &years.to_string(), Unit::Years))
                .collect(),
        })
}

proptest! {
    #[test]
    fn pro_rata_never_exceeds_the_theoretical_amount(case in case_strategy()) {
        let outcome = simulate(&case).unwrap();
        for party in &outcome.parties {
            prop_assert!(party.pro_rata <= party.theoretical, "{party:?}");
        }
    }

    #[test]
    fn shares_add_up(case in case_strategy()) {
        let outcome = simulate(&case).unwrap();
        let with: Decimal = outcome.parties.iter().map(|p| p.with_agreement).sum();
        let without: Decimal = outcome.parties.iter().map(|p| p.without_agreement).sum();
        prop_assert_eq!(outcome.total_with, with);
        prop_assert_eq!(outcome.total_without, without);
        prop_assert_eq!(outcome.total_difference, with - without);
        // Without a specified period or a minimum-period rule, the pro-rata fractions of equal
        // theoretical amounts share the whole: own ÷ total over the parties sums to one.
        let total: Decimal = outcome.parties[0].totalized_periods;
        if !total.is_zero() {
            let fractions: Decimal = outcome.parties.iter().map(|p| p.own_periods / total).sum();
            prop_assert!((fractions - Decimal::ONE).abs() < dec("0.0000001"));
        }
    }

    #[test]
    fn adding_an_own_period_never_lowers_a_pro_rata_benefit(
        case in case_strategy(), which in 0usize..2, years in 1u32..5,
    ) {
        let mut case = case;
        case.minimum_period_months = None;
        for party in &mut case.parties {
            party.method = Method::ProRata;
        }
        let before = simulate(&case).unwrap();
        let code = case.parties[which].code.clone();
        case.periods.push(period(&code, &years.to_string(), Unit::Years));
        let after = simulate(&case).unwrap();
        prop_assert!(
            after.parties[which].with_agreement >= before.parties[which].with_agreement,
            "{} then {}", before.parties[which].with_agreement, after.parties[which].with_agreement
        );
    }

    #[test]
    fn the_order_of_periods_never_matters(case in case_strategy(), seed in any::<u64>()) {
        let mut shuffled = case.clone();
        // A deterministic shuffle from the seed.
        let n = shuffled.periods.len();
        let mut state = seed | 1;
        for i in (1..n).rev() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            shuffled.periods.swap(i, (state % (i as u64 + 1)) as usize);
        }
        let a = simulate(&case).unwrap();
        let b = simulate(&shuffled).unwrap();
        for (x, y) in a.parties.iter().zip(&b.parties) {
            prop_assert_eq!(x.with_agreement, y.with_agreement);
            prop_assert_eq!(x.totalized_periods, y.totalized_periods);
        }
    }

    #[test]
    fn converting_is_independent_of_period_order(weeks in prop::collection::vec(0u32..400, 1..8)) {
        // Weeks of XA counted by XB in quarters (13 a quarter, remainder up), in any order.
        let case = |weeks: &[u32]| Case {
            career_years: None,
            minimum_period_months: None,
            covered: true,
            parties: vec![
                rules("XA", Unit::Weeks, "0", fixed("1")),
                rules("XB", Unit::Quarters, "0", fixed("1")),
            ],
            conversions: vec![Conversion {
                from: Unit::Weeks,
                to: Unit::Quarters,
                per: Decimal::from(13),
                remainder: Remainder::Up,
            }],
            periods: weeks.iter().map(|w| period("XA", &w.to_string(), Unit::Weeks)).collect(),
        };
        let mut reversed = weeks.clone();
        reversed.reverse();
        let a = simulate(&case(&weeks)).unwrap();
        let b = simulate(&case(&reversed)).unwrap();
        prop_assert_eq!(&a.parties[1].totalized_periods, &b.parties[1].totalized_periods);
        let total: u32 = weeks.iter().sum();
        prop_assert_eq!(a.parties[1].totalized_periods, Decimal::from(total.div_ceil(13)));
    }
}
