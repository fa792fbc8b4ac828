//! Validation of a case, and the calculation: own and totalized periods per party, the
//! minimum-period rule, then per party the national benefit and the agreement's method.
//!
//! Order of the calculation, per party X (domain notes §5.5–§5.6):
//! 1. X's own periods, converted to X's unit (paid and credited apart, each unit summed first
//!    and converted once, so the order of the periods never matters).
//! 2. The other parties' periods converted to X's unit; days of a dated period that X (or a
//!    period already counted) covers too are left out, so no calendar day counts twice.
//! 3. The minimum-period rule: a party whose own periods are under the threshold and give no
//!    right alone pays nothing, and every other party counts those periods as its own; if every
//!    party would be relieved, the last party whose conditions are met pays on all periods.
//! 4. Without the agreement: X's formula on own periods if they meet X's qualifying period.
//!    With it: entitlement on totalized periods; theoretical = F(totalized); pro rata =
//!    theoretical × own ÷ total (the total at most the specified period, the share at most
//!    the whole); direct = F(own); the method picks.

use std::collections::{BTreeMap, HashSet};

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::explain::{Line, Purpose};
use super::formula::Formula;
use super::units::{find_step, months_in, ConversionStep, Unit};
use super::{
    cents, Case, CaseProblem, CreditRule, Location, Method, Outcome, PartyOutcome, PartyRules,
    PeriodKind, MAX_AMOUNT, MAX_CASE_PERIODS, MAX_DIVISOR, MAX_PARTIES, MAX_PARTS, MAX_PERIODS,
};

fn problem(location: Location, field: &str, message: impl Into<String>) -> CaseProblem {
    CaseProblem {
        location,
        field: field.to_string(),
        message: message.into(),
    }
}

fn index(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

/// Checks one decimal: not negative, at most `max`, and (if `positive`) above zero.
fn check_number(
    problems: &mut Vec<CaseProblem>,
    location: Location,
    field: &str,
    value: Decimal,
    max: i64,
    positive: bool,
) {
    if value.is_sign_negative() && !value.is_zero() {
        problems.push(problem(
            location,
            field,
            format!("{field} is {value}: it cannot be negative"),
        ));
    } else if positive && value.is_zero() {
        problems.push(problem(
            location,
            field,
            format!("{field} must be more than 0"),
        ));
    } else if value > Decimal::from(max) {
        problems.push(problem(
            location,
            field,
            format!("{field} is {value}: at most {max} is accepted"),
        ));
    }
}

/// Checks a divisor (a formula's or a conversion's `per`): from 0.01 to [`MAX_DIVISOR`], so
/// that no quotient leaves the exact range.
fn check_divisor(problems: &mut Vec<CaseProblem>, location: Location, field: &str, value: Decimal) {
    if value < Decimal::new(1, 2) || value > Decimal::from(MAX_DIVISOR) {
        problems.push(problem(
            location,
            field,
            format!("{field} is {value}: it goes from 0.01 to {MAX_DIVISOR}"),
        ));
    }
}

fn check_formula(
    problems: &mut Vec<CaseProblem>,
    location: Location,
    field: &str,
    formula: &Formula,
    nested: bool,
) {
    let name = |sub: &str| format!("{field}.{sub}");
    match formula {
        Formula::PerPeriod {
            amount,
            per,
            full,
            full_amount,
        } => {
            check_number(
                problems,
                location,
                &name("amount"),
                *amount,
                MAX_AMOUNT,
                false,
            );
            check_divisor(problems, location, &name("per"), *per);
            if let Some(full) = full {
                check_number(problems, location, &name("full"), *full, MAX_PERIODS, true);
            }
            match (full, full_amount) {
                (_, None) => {}
                (None, Some(_)) => problems.push(problem(
                    location,
                    &name("full_amount"),
                    "full_amount needs full, the periods of a full career",
                )),
                (Some(_), Some(value)) => check_number(
                    problems,
                    location,
                    &name("full_amount"),
                    *value,
                    MAX_AMOUNT,
                    false,
                ),
            }
        }
        Formula::Bands { bands, .. } => {
            if bands.is_empty() {
                problems.push(problem(location, &name("bands"), "the band table is empty"));
            }
            for (at, band) in bands.iter().enumerate() {
                check_number(
                    problems,
                    location,
                    &name("bands.from"),
                    band.from,
                    MAX_PERIODS,
                    false,
                );
                check_number(
                    problems,
                    location,
                    &name("bands.amount"),
                    band.amount,
                    MAX_AMOUNT,
                    false,
                );
                if at > 0 && band.from >= bands[at - 1].from {
                    problems.push(problem(
                        location,
                        &name("bands"),
                        format!(
                            "the band table is out of order: list the bands from the highest \
                             down (band {} from {} comes after a band from {})",
                            at + 1,
                            band.from,
                            bands[at - 1].from
                        ),
                    ));
                }
            }
        }
        Formula::Accrual {
            rate,
            earnings,
            per,
        } => {
            check_number(problems, location, &name("rate"), *rate, 1, false);
            check_number(
                problems,
                location,
                &name("earnings"),
                *earnings,
                MAX_AMOUNT,
                false,
            );
            check_divisor(problems, location, &name("per"), *per);
        }
        Formula::Fixed { amount } => {
            check_number(
                problems,
                location,
                &name("amount"),
                *amount,
                MAX_AMOUNT,
                false,
            );
        }
        Formula::Sum { parts } => {
            if nested {
                problems.push(problem(
                    location,
                    field,
                    "a part of a sum cannot be a sum itself",
                ));
            } else if parts.is_empty() {
                problems.push(problem(location, &name("parts"), "the sum has no parts"));
            } else if parts.len() > MAX_PARTS {
                problems.push(problem(
                    location,
                    &name("parts"),
                    format!("the sum has {} parts: at most {MAX_PARTS}", parts.len()),
                ));
            }
            for part in parts {
                check_formula(problems, location, &name("parts"), part, true);
            }
        }
    }
}

fn days(start: NaiveDate, end: NaiveDate) -> i64 {
    (end - start).num_days() + 1
}

pub(super) fn validate(case: &Case) -> Vec<CaseProblem> {
    let mut problems = Vec::new();
    let here = Location::Case;
    if case.parties.is_empty() {
        problems.push(problem(
            here,
            "party",
            "the case has no party ([[party]] blocks)",
        ));
    }
    if case.parties.len() > MAX_PARTIES {
        problems.push(problem(
            here,
            "party",
            format!(
                "the case has {} parties: at most {MAX_PARTIES}",
                case.parties.len()
            ),
        ));
    }
    if case.periods.len() > MAX_CASE_PERIODS {
        problems.push(problem(
            here,
            "period",
            format!(
                "the case has {} periods: at most {MAX_CASE_PERIODS}",
                case.periods.len()
            ),
        ));
    }
    if let Some(years) = case.career_years {
        check_number(&mut problems, here, "career_years", years, 100, true);
        if years > Decimal::ZERO && years < Decimal::new(1, 2) {
            problems.push(problem(
                here,
                "career_years",
                "career_years is at least 0.01",
            ));
        }
    }
    if case.minimum_period_months.is_some_and(|m| m > 120) {
        problems.push(problem(
            here,
            "minimum_period_months",
            "the minimum period is at most 120 months",
        ));
    }
    let mut codes = HashSet::new();
    for (i, party) in case.parties.iter().enumerate() {
        let at = Location::Party(index(i));
        if party.code.trim().is_empty() || party.code.chars().count() > 12 {
            problems.push(problem(
                at,
                "code",
                "the party's code must be 1 to 12 characters",
            ));
        } else if !codes.insert(party.code.as_str()) {
            problems.push(problem(
                at,
                "code",
                format!("party {} is listed twice", party.code),
            ));
        }
        check_number(
            &mut problems,
            at,
            "qualifying",
            party.qualifying,
            MAX_PERIODS,
            false,
        );
        if let Some(specified) = party.specified_period {
            check_number(
                &mut problems,
                at,
                "specified_period",
                specified,
                MAX_PERIODS,
                true,
            );
        }
        check_formula(&mut problems, at, "formula", &party.formula, false);
        if party.formula.uses_career_years() && case.career_years.is_none() {
            problems.push(problem(
                at,
                "formula",
                "a band formula divides by the years of the career: set career_years",
            ));
        }
    }
    let mut pairs = HashSet::new();
    for (i, conversion) in case.conversions.iter().enumerate() {
        let at = Location::Conversion(index(i));
        check_divisor(&mut problems, at, "per", conversion.per);
        if conversion.from == conversion.to {
            problems.push(problem(at, "to", "a conversion from a unit to itself"));
        } else if !pairs.insert((
            conversion.from.min(conversion.to),
            conversion.from.max(conversion.to),
        )) {
            problems.push(problem(
                at,
                "",
                format!(
                    "a second conversion between {} and {}: keep one",
                    conversion.from.as_str(),
                    conversion.to.as_str()
                ),
            ));
        }
    }
    let mut dated: BTreeMap<&str, Vec<(NaiveDate, NaiveDate)>> = BTreeMap::new();
    for (i, period) in case.periods.iter().enumerate() {
        let at = Location::Period(index(i));
        check_number(
            &mut problems,
            at,
            "amount",
            period.amount,
            MAX_PERIODS,
            false,
        );
        if !case.parties.iter().any(|p| p.code == period.party) {
            problems.push(problem(
                at,
                "party",
                format!(
                    "the period is under party \"{}\", which has no [[party]] block",
                    crate::limits::excerpt_of(&period.party, 20)
                ),
            ));
        }
        for party in &case.parties {
            if period.unit != party.unit
                && find_step(&case.conversions, period.unit, party.unit).is_none()
            {
                problems.push(problem(
                    at,
                    "unit",
                    format!(
                        "the period is in {} and party {} counts in {}: no [[conversion]] links \
                         {} and {}",
                        period.unit.as_str(),
                        party.code,
                        party.unit.as_str(),
                        period.unit.as_str(),
                        party.unit.as_str()
                    ),
                ));
            }
        }
        match (period.start, period.end) {
            (None, None) => {}
            (Some(start), Some(end)) if start > end => problems.push(problem(
                at,
                "end",
                format!("the period ends ({end}) before it starts ({start})"),
            )),
            (Some(start), Some(end)) => {
                let spans = dated.entry(period.party.as_str()).or_default();
                if let Some((other_start, other_end)) =
                    spans.iter().find(|(s, e)| *s <= end && start <= *e)
                {
                    problems.push(problem(
                        at,
                        "start",
                        format!(
                            "the period overlaps another period of {} (from {other_start} to \
                             {other_end}): a party counts a day once",
                            period.party
                        ),
                    ));
                }
                spans.push((start, end));
            }
            _ => problems.push(problem(at, "start", "give both start and end, or neither")),
        }
    }
    problems
}

/// One party's periods as counted before the minimum-period rule.
struct Count {
    own_paid: Decimal,
    own_credited: Decimal,
    /// Each other party's periods in this party's unit (days already covered left out).
    foreign: Vec<(usize, Decimal)>,
    lines: Vec<Line>,
}

fn convert(
    case: &Case,
    amount: Decimal,
    from: Unit,
    to: Unit,
) -> (Decimal, Option<ConversionStep>) {
    if from == to {
        return (amount, None);
    }
    // Validation made sure the step exists.
    let step = find_step(&case.conversions, from, to).expect("validated conversion");
    (step.apply(amount), Some(step))
}

fn count(case: &Case, x: usize) -> Count {
    let party = &case.parties[x];
    let mut lines = Vec::new();
    // Own periods, by (kind, unit).
    let mut own: BTreeMap<(PeriodKind, Unit), Decimal> = BTreeMap::new();
    for period in case.periods.iter().filter(|p| p.party == party.code) {
        *own.entry((period.kind, period.unit)).or_default() += period.amount;
    }
    let (mut own_paid, mut own_credited) = (Decimal::ZERO, Decimal::ZERO);
    for ((kind, unit), amount) in own {
        let (converted, step) = convert(case, amount, unit, party.unit);
        if let Some(step) = step {
            lines.push(Line::Converted {
                from_party: party.code.clone(),
                amount,
                from_unit: unit,
                step,
                result: converted,
                unit: party.unit,
            });
        }
        match kind {
            PeriodKind::Paid => own_paid += converted,
            PeriodKind::Credited => own_credited += converted,
        }
    }
    lines.push(Line::OwnPeriods {
        unit: party.unit,
        paid: own_paid,
        credited: own_credited,
    });

    // Days already counted: this party's dated periods, then each foreign one as it is taken,
    // in calendar order (ties by party and amount), so that input order never matters.
    let mut covered: Vec<(NaiveDate, NaiveDate)> = case
        .periods
        .iter()
        .filter(|p| p.party == party.code)
        .filter_map(|p| Some((p.start?, p.end?)))
        .collect();
    let mut foreign_periods: Vec<&super::Period> = case
        .periods
        .iter()
        .filter(|p| p.party != party.code)
        .collect();
    foreign_periods.sort_by(|a, b| {
        (a.start, a.end, &a.party, a.unit, a.kind, a.amount)
            .cmp(&(b.start, b.end, &b.party, b.unit, b.kind, b.amount))
    });
    let mut foreign_sums: BTreeMap<(usize, Unit), Decimal> = BTreeMap::new();
    for period in foreign_periods {
        let y = case
            .parties
            .iter()
            .position(|p| p.code == period.party)
            .expect("validated party");
        let mut amount = period.amount;
        if let (Some(start), Some(end)) = (period.start, period.end) {
            let overlap = overlap_days(&covered, start, end);
            if overlap > 0 {
                let total = days(start, end);
                let counted = amount * Decimal::from(total - overlap) / Decimal::from(total);
                lines.push(Line::Coinciding {
                    from_party: period.party.clone(),
                    days: overlap,
                    of_days: total,
                    amount,
                    counted,
                    unit: period.unit,
                });
                amount = counted;
            }
            covered.push((start, end));
        }
        *foreign_sums.entry((y, period.unit)).or_default() += amount;
    }
    let mut foreign: BTreeMap<usize, Decimal> = BTreeMap::new();
    for ((y, unit), amount) in foreign_sums {
        let (converted, step) = convert(case, amount, unit, party.unit);
        if let Some(step) = step {
            lines.push(Line::Converted {
                from_party: case.parties[y].code.clone(),
                amount,
                from_unit: unit,
                step,
                result: converted,
                unit: party.unit,
            });
        }
        *foreign.entry(y).or_default() += converted;
    }
    Count {
        own_paid,
        own_credited,
        foreign: foreign.into_iter().collect(),
        lines,
    }
}

/// Days of `start..=end` inside the union of `covered`.
fn overlap_days(covered: &[(NaiveDate, NaiveDate)], start: NaiveDate, end: NaiveDate) -> i64 {
    let mut spans: Vec<(NaiveDate, NaiveDate)> = covered
        .iter()
        .filter(|(s, e)| *s <= end && start <= *e)
        .map(|(s, e)| ((*s).max(start), (*e).min(end)))
        .collect();
    spans.sort();
    let mut total = 0;
    let mut reached: Option<NaiveDate> = None;
    for (s, e) in spans {
        let s = match reached {
            Some(r) if s <= r => match r.succ_opt() {
                Some(next) => next,
                None => continue,
            },
            _ => s,
        };
        if s <= e {
            total += days(s, e);
            reached = Some(e);
        }
    }
    total
}

/// The latest end date of a party's dated periods.
fn last_end(case: &Case, code: &str) -> Option<NaiveDate> {
    case.periods
        .iter()
        .filter(|p| p.party == code)
        .filter_map(|p| p.end)
        .max()
}

/// Computes a validated case.
pub(super) fn compute(case: &Case) -> Outcome {
    let counts: Vec<Count> = (0..case.parties.len()).map(|x| count(case, x)).collect();
    let own = |x: usize| counts[x].own_paid + counts[x].own_credited;
    let foreign_total = |x: usize| counts[x].foreign.iter().map(|(_, a)| *a).sum::<Decimal>();
    let totalized = |x: usize| own(x) + foreign_total(x);

    // The minimum-period rule.
    let mut relieved = vec![false; case.parties.len()];
    let mut pays_on_all: Option<usize> = None;
    if let Some(months) = case.minimum_period_months {
        let months = Decimal::from(months);
        let under: Vec<bool> = case
            .parties
            .iter()
            .enumerate()
            .map(|(x, p)| own(x) < months_in(p.unit, months) && own(x) < p.qualifying)
            .collect();
        if under.iter().all(|u| *u) {
            // The last party whose conditions are met pays on all periods.
            pays_on_all = (0..case.parties.len())
                .filter(|x| totalized(*x) >= case.parties[*x].qualifying)
                .max_by_key(|x| (last_end(case, &case.parties[*x].code), *x));
            if let Some(payer) = pays_on_all {
                relieved = (0..case.parties.len()).map(|x| x != payer).collect();
            }
        } else {
            relieved = under;
        }
    }

    let mut parties = Vec::with_capacity(case.parties.len());
    for (x, party) in case.parties.iter().enumerate() {
        let mut lines = counts[x].lines.clone();
        let own_national = own(x);
        let total = totalized(x);
        if foreign_total(x) > Decimal::ZERO {
            lines.push(Line::Totalized {
                own: own_national,
                foreign: foreign_total(x),
                total,
                unit: party.unit,
            });
        }
        // Own periods with the agreement: those taken over under the minimum-period rule added.
        let mut own_with = own_national;
        let mut numerator = match party.credited {
            CreditRule::Count => own_national,
            CreditRule::DenominatorOnly => counts[x].own_paid,
        };
        let mut rule_lines = Vec::new();
        if pays_on_all == Some(x) {
            rule_lines.push(Line::PaysOnAll);
            own_with = total;
            numerator = total;
        } else if !relieved[x] {
            for (y, amount) in &counts[x].foreign {
                if relieved[*y] && pays_on_all.is_none() {
                    own_with += *amount;
                    numerator += *amount;
                    rule_lines.push(Line::TakenOver {
                        from_party: case.parties[*y].code.clone(),
                        amount: *amount,
                        unit: party.unit,
                        own: own_with,
                    });
                }
            }
        }

        // Without the agreement.
        let qualifies_alone = own_national >= party.qualifying;
        lines.push(Line::National {
            periods: own_national,
            needed: party.qualifying,
            unit: party.unit,
            met: qualifies_alone,
        });
        let without = if qualifies_alone {
            let calculation = party.formula.evaluate(own_national, case.career_years);
            let amount = calculation.result();
            lines.push(Line::Calculation {
                purpose: Purpose::National,
                unit: party.unit,
                calculation,
            });
            amount
        } else {
            Decimal::ZERO
        };

        let zero = Decimal::ZERO;
        if case.covered {
            lines.append(&mut rule_lines);
        }
        let (theoretical, pro_rata, direct, independent, with) = if !case.covered {
            lines.push(Line::NotCovered);
            (zero, zero, zero, without, without)
        } else if relieved[x] {
            lines.push(Line::Relieved {
                periods: own_national,
                threshold: months_in(
                    party.unit,
                    Decimal::from(case.minimum_period_months.unwrap_or(0)),
                ),
                unit: party.unit,
            });
            (zero, zero, zero, zero, zero)
        } else {
            with_agreement(case, party, own_with, numerator, total, &mut lines)
        };
        let without = cents(without);
        let with = cents(with);
        parties.push(PartyOutcome {
            code: party.code.clone(),
            unit: party.unit,
            method: party.method,
            without_agreement: without,
            theoretical: cents(theoretical),
            pro_rata: cents(pro_rata),
            direct: cents(direct),
            independent: cents(independent),
            with_agreement: with,
            difference: with - without,
            own_periods: own_national.normalize(),
            totalized_periods: total.normalize(),
            relieved: relieved[x],
            explanation: lines,
        });
    }
    let total_without: Decimal = parties.iter().map(|p| p.without_agreement).sum();
    let total_with: Decimal = parties.iter().map(|p| p.with_agreement).sum();
    Outcome {
        parties,
        total_without,
        total_with,
        total_difference: total_with - total_without,
    }
}

/// (theoretical, pro rata, direct, independent, paid), exact.
fn with_agreement(
    case: &Case,
    party: &PartyRules,
    own: Decimal,
    numerator: Decimal,
    total: Decimal,
    lines: &mut Vec<Line>,
) -> (Decimal, Decimal, Decimal, Decimal, Decimal) {
    let zero = Decimal::ZERO;
    let entitled = total >= party.qualifying;
    lines.push(Line::Entitlement {
        periods: total,
        needed: party.qualifying,
        unit: party.unit,
        met: entitled,
    });
    if !entitled {
        return (zero, zero, zero, zero, zero);
    }
    let calculation = party.formula.evaluate(total, case.career_years);
    let theoretical = calculation.result();
    lines.push(Line::Calculation {
        purpose: Purpose::Theoretical,
        unit: party.unit,
        calculation,
    });
    let denominator = match party.specified_period {
        Some(specified) => total.min(specified),
        None => total,
    };
    let share = numerator.min(denominator);
    let pro_rata = if denominator.is_zero() {
        zero
    } else {
        // The fraction first: theoretical × share could leave the exact range, the fraction is
        // at most one.
        theoretical * (share / denominator)
    };
    lines.push(Line::ProRata {
        theoretical,
        numerator: share,
        denominator,
        specified: party.specified_period.filter(|s| *s < total),
        result: pro_rata,
        unit: party.unit,
    });
    let direct_calculation = party.formula.evaluate(own, case.career_years);
    let direct = direct_calculation.result();
    let independent = if own >= party.qualifying {
        direct
    } else {
        zero
    };
    match party.method {
        Method::ProRata => {}
        Method::Direct => lines.push(Line::Calculation {
            purpose: Purpose::Direct,
            unit: party.unit,
            calculation: direct_calculation,
        }),
        Method::HigherOf => {
            lines.push(Line::Independent {
                periods: own,
                needed: party.qualifying,
                unit: party.unit,
                met: own >= party.qualifying,
            });
            if own >= party.qualifying {
                lines.push(Line::Calculation {
                    purpose: Purpose::Independent,
                    unit: party.unit,
                    calculation: direct_calculation,
                });
            }
        }
    }
    let paid = match party.method {
        Method::ProRata => pro_rata,
        Method::Direct => direct,
        Method::HigherOf => independent.max(pro_rata),
    };
    lines.push(Line::Paid {
        method: party.method,
        independent,
        pro_rata,
        direct,
        result: paid,
    });
    (theoretical, pro_rata, direct, independent, paid)
}

/// Validates and computes a case.
pub fn simulate(case: &Case) -> Result<Outcome, Vec<CaseProblem>> {
    let problems = validate(case);
    if problems.is_empty() {
        Ok(compute(case))
    } else {
        Err(problems)
    }
}
