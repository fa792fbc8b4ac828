//! The explanation lines of a simulation, and their wording in English, French and Spanish.
//!
//! Contract: a [`Line`] is data (the figures of one step of the arithmetic); [`render_line`]
//! words it in a language, with that language's number format ("1,234.56", "1 234,56",
//! "1234,56"). Why the wording is here and not in the UI's catalogues: the command line, the
//! window and the simulation PDF show the same lines, and the PDF and the command line have no
//! window. This is the one catalogue of these lines.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use super::decimal_text;
use super::formula::{Calculation, Rounding};
use super::units::{ConversionStep, Remainder, Unit};
use super::Method;

/// What a formula was evaluated for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    /// The national benefit without the agreement.
    National,
    /// The theoretical amount on all (totalized) periods.
    Theoretical,
    /// The direct method: own periods, the right opened by totalization.
    Direct,
    /// The independent benefit of the higher-of method.
    Independent,
}

/// One step of the arithmetic, for a person to check by hand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Line {
    OwnPeriods {
        unit: Unit,
        #[serde(with = "decimal_text")]
        #[cfg_attr(feature = "specta", specta(type = String))]
        paid: Decimal,
        #[serde(with = "decimal_text")]
        #[cfg_attr(feature = "specta", specta(type = String))]
        credited: Decimal,
    },
    Converted {
        from_party: String,
        #[serde(with = "decimal_text")]
        #[cfg_attr(feature = "specta", specta(type = String))]
        amount: Decimal,
        from_unit: Unit,
        step: ConversionStep,
        #[serde(with = "decimal_text")]
        #[cfg_attr(feature = "specta", specta(type = String))]
        result: Decimal,
        unit: Unit,
    },
    Coinciding {
        from_party: String,
        days: i64,
        of_days: i64,
        #[serde(with = "decimal_text")]
        #[cfg_attr(feature = "specta", specta(type = String))]
        amount: Decimal,
        #[serde(with = "decimal_text")]
        #[cfg_attr(feature = "specta", specta(type = String))]
        counted: Decimal,
        unit: Unit,
    },
    Totalized {
        #[serde(with = "decimal_text")]
        #[cfg_attr(feature = "specta", specta(type = String))]
        own: Decimal,
        #[serde(with = "decimal_text")]
        #[cfg_attr(feature = "specta", specta(type = String))]
        foreign: Decimal,
        #[serde(with = "decimal_text")]
        #[cfg_attr(feature = "specta", specta(type = String))]
        total: Decimal,
        unit: Unit,
    },
    National {
        #[serde(with = "decimal_text")]
        #[cfg_attr(feature = "specta", specta(type = String))]
        periods: Decimal,
        #[serde(with = "decimal_text")]
        #[cfg_attr(feature = "specta", specta(type = String))]
        needed: Decimal,
        unit: Unit,
        met: bool,
    },
    Calculation {
        purpose: Purpose,
        unit: Unit,
        calculation: Calculation,
    },
    NotCovered,
    Relieved {
        #[serde(with = "decimal_text")]
        #[cfg_attr(feature = "specta", specta(type = String))]
        periods: Decimal,
        #[serde(with = "decimal_text")]
        #[cfg_attr(feature = "specta", specta(type = String))]
        threshold: Decimal,
        unit: Unit,
    },
    PaysOnAll,
    TakenOver {
        from_party: String,
        #[serde(with = "decimal_text")]
        #[cfg_attr(feature = "specta", specta(type = String))]
        amount: Decimal,
        unit: Unit,
        #[serde(with = "decimal_text")]
        #[cfg_attr(feature = "specta", specta(type = String))]
        own: Decimal,
    },
    Entitlement {
        #[serde(with = "decimal_text")]
        #[cfg_attr(feature = "specta", specta(type = String))]
        periods: Decimal,
        #[serde(with = "decimal_text")]
        #[cfg_attr(feature = "specta", specta(type = String))]
        needed: Decimal,
        unit: Unit,
        met: bool,
    },
    ProRata {
        #[serde(with = "decimal_text")]
        #[cfg_attr(feature = "specta", specta(type = String))]
        theoretical: Decimal,
        #[serde(with = "decimal_text")]
        #[cfg_attr(feature = "specta", specta(type = String))]
        numerator: Decimal,
        #[serde(with = "decimal_text")]
        #[cfg_attr(feature = "specta", specta(type = String))]
        denominator: Decimal,
        /// The specified period, when it capped the total.
        #[serde(with = "decimal_text::optional")]
        #[cfg_attr(feature = "specta", specta(type = Option<String>))]
        specified: Option<Decimal>,
        #[serde(with = "decimal_text")]
        #[cfg_attr(feature = "specta", specta(type = String))]
        result: Decimal,
        unit: Unit,
    },
    Independent {
        #[serde(with = "decimal_text")]
        #[cfg_attr(feature = "specta", specta(type = String))]
        periods: Decimal,
        #[serde(with = "decimal_text")]
        #[cfg_attr(feature = "specta", specta(type = String))]
        needed: Decimal,
        unit: Unit,
        met: bool,
    },
    Paid {
        method: Method,
        #[serde(with = "decimal_text")]
        #[cfg_attr(feature = "specta", specta(type = String))]
        independent: Decimal,
        #[serde(with = "decimal_text")]
        #[cfg_attr(feature = "specta", specta(type = String))]
        pro_rata: Decimal,
        #[serde(with = "decimal_text")]
        #[cfg_attr(feature = "specta", specta(type = String))]
        direct: Decimal,
        #[serde(with = "decimal_text")]
        #[cfg_attr(feature = "specta", specta(type = String))]
        result: Decimal,
    },
}

/// The languages the lines are worded in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    En,
    Fr,
    Es,
}

impl Language {
    /// "fr", "fr-CA" → French; anything but French or Spanish → English.
    pub fn from_code(code: &str) -> Language {
        match code.split(['-', '_']).next().unwrap_or(code) {
            "fr" => Language::Fr,
            "es" => Language::Es,
            _ => Language::En,
        }
    }
}

/// A number in the language's format with `places` decimals (trailing zeros kept when
/// `fixed`, else trimmed).
pub fn format_number(value: Decimal, places: u32, fixed: bool, language: Language) -> String {
    let rounded = value.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero);
    let rounded = if fixed { rounded } else { rounded.normalize() };
    let mut text = if fixed {
        format!("{rounded:.prec$}", prec = places as usize)
    } else {
        rounded.to_string()
    };
    let negative = text.starts_with('-');
    if negative {
        text.remove(0);
    }
    let (whole, fraction) = match text.split_once('.') {
        Some((w, f)) => (w.to_string(), Some(f.to_string())),
        None => (text, None),
    };
    let (group, point, min_grouping) = match language {
        Language::En => (",", ".", 4),
        // Narrow no-break space, as French typography and the browser's fr format use.
        Language::Fr => ("\u{202f}", ",", 4),
        // Spanish groups only from five digits (1234,56 but 12.345,67).
        Language::Es => (".", ",", 5),
    };
    let mut grouped = String::new();
    if whole.len() >= min_grouping {
        for (i, c) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i) % 3 == 0 {
                grouped.push_str(group);
            }
            grouped.push(c);
        }
    } else {
        grouped = whole;
    }
    let sign = if negative { "-" } else { "" };
    match fraction {
        Some(f) => format!("{sign}{grouped}{point}{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// Money: two decimals.
pub fn money(value: Decimal, language: Language) -> String {
    format_number(value, 2, true, language)
}

/// A count of periods or a ratio: up to two decimals.
pub fn quantity(value: Decimal, language: Language) -> String {
    format_number(value, 2, false, language)
}

/// The unit's name, singular for exactly one.
pub fn unit_name(unit: Unit, value: Decimal, language: Language) -> &'static str {
    let one = value == Decimal::ONE;
    match (language, unit, one) {
        (Language::En, Unit::Days, true) => "day",
        (Language::En, Unit::Days, false) => "days",
        (Language::En, Unit::Weeks, true) => "week",
        (Language::En, Unit::Weeks, false) => "weeks",
        (Language::En, Unit::Months, true) => "month",
        (Language::En, Unit::Months, false) => "months",
        (Language::En, Unit::Quarters, true) => "quarter",
        (Language::En, Unit::Quarters, false) => "quarters",
        (Language::En, Unit::Years, true) => "year",
        (Language::En, Unit::Years, false) => "years",
        (Language::Fr, Unit::Days, true) => "jour",
        (Language::Fr, Unit::Days, false) => "jours",
        (Language::Fr, Unit::Weeks, true) => "semaine",
        (Language::Fr, Unit::Weeks, false) => "semaines",
        (Language::Fr, Unit::Months, _) => "mois",
        (Language::Fr, Unit::Quarters, true) => "trimestre",
        (Language::Fr, Unit::Quarters, false) => "trimestres",
        (Language::Fr, Unit::Years, true) => "année",
        (Language::Fr, Unit::Years, false) => "années",
        (Language::Es, Unit::Days, true) => "día",
        (Language::Es, Unit::Days, false) => "días",
        (Language::Es, Unit::Weeks, true) => "semana",
        (Language::Es, Unit::Weeks, false) => "semanas",
        (Language::Es, Unit::Months, true) => "mes",
        (Language::Es, Unit::Months, false) => "meses",
        (Language::Es, Unit::Quarters, true) => "trimestre",
        (Language::Es, Unit::Quarters, false) => "trimestres",
        (Language::Es, Unit::Years, true) => "año",
        (Language::Es, Unit::Years, false) => "años",
    }
}

/// Three wordings, picked by language.
fn pick<'a>(language: Language, en: &'a str, fr: &'a str, es: &'a str) -> &'a str {
    match language {
        Language::En => en,
        Language::Fr => fr,
        Language::Es => es,
    }
}

/// Fills `{}` holes in order (the wordings are this module's own, so the holes always match).
fn fill(template: &str, values: &[String]) -> String {
    let mut out = String::with_capacity(template.len() + 16 * values.len());
    let mut values = values.iter();
    let mut rest = template;
    while let Some(at) = rest.find("{}") {
        out.push_str(&rest[..at]);
        out.push_str(values.next().map(String::as_str).unwrap_or(""));
        rest = &rest[at + 2..];
    }
    out.push_str(rest);
    out
}

/// The line worded in `language`.
pub fn render_line(line: &Line, language: Language) -> String {
    let l = language;
    let q = |v: Decimal| quantity(v, l);
    let m = |v: Decimal| money(v, l);
    let periods = |v: Decimal, unit: Unit| format!("{} {}", q(v), unit_name(unit, v, l));
    let colon = pick(l, ":", " :", ":");
    match line {
        Line::OwnPeriods {
            unit,
            paid,
            credited,
        } => {
            if credited.is_zero() {
                fill(
                    pick(l, "Own periods: {}", "Périodes propres : {}", "Períodos propios: {}"),
                    &[periods(*paid, *unit)],
                )
            } else {
                fill(
                    pick(
                        l,
                        "Own periods: {} paid + {} credited = {}",
                        "Périodes propres : {} cotisées + {} assimilées = {}",
                        "Períodos propios: {} cotizados + {} acreditados = {}",
                    ),
                    &[q(*paid), q(*credited), periods(*paid + *credited, *unit)],
                )
            }
        }
        Line::Converted {
            from_party,
            amount,
            from_unit,
            step,
            result,
            unit,
        } => match step {
            ConversionStep::Divided { per, remainder } => {
                let rule = match remainder {
                    Remainder::Up => pick(
                        l,
                        " (a remainder counts as one)",
                        " (un reste compte pour un)",
                        " (un resto cuenta como uno)",
                    ),
                    Remainder::Down => pick(
                        l,
                        " (a remainder is dropped)",
                        " (un reste est abandonné)",
                        " (un resto se descarta)",
                    ),
                    Remainder::Nearest => pick(
                        l,
                        " (rounded to the nearest)",
                        " (arrondi au plus proche)",
                        " (redondeado al más cercano)",
                    ),
                    Remainder::Exact => "",
                };
                let exact = *amount / *per;
                let arrow = if *remainder == Remainder::Exact || exact == *result {
                    String::new()
                } else {
                    format!(" = {}", q(exact))
                };
                format!(
                    "{from_party}{colon} {} ÷ {}{arrow} → {}{rule}",
                    periods(*amount, *from_unit),
                    q(*per),
                    periods(*result, *unit)
                )
            }
            ConversionStep::Multiplied { per } => format!(
                "{from_party}{colon} {} × {} = {}",
                periods(*amount, *from_unit),
                q(*per),
                periods(*result, *unit)
            ),
        },
        Line::Coinciding {
            from_party,
            days,
            of_days,
            amount,
            counted,
            unit,
        } => fill(
            pick(
                l,
                "{}: {} of {} days coincide with periods already counted and count once: {} → {}",
                "{} : {} jours sur {} coïncident avec des périodes déjà comptées et ne comptent qu'une fois : {} → {}",
                "{}: {} de {} días coinciden con períodos ya computados y cuentan una sola vez: {} → {}",
            ),
            &[
                from_party.clone(),
                days.to_string(),
                of_days.to_string(),
                periods(*amount, *unit),
                periods(*counted, *unit),
            ],
        ),
        Line::Totalized {
            own,
            foreign,
            total,
            unit,
        } => fill(
            pick(
                l,
                "Totalized periods: {} own + {} of the other parties = {}",
                "Périodes totalisées : {} propres + {} des autres Parties = {}",
                "Períodos totalizados: {} propios + {} de las otras Partes = {}",
            ),
            &[q(*own), q(*foreign), periods(*total, *unit)],
        ),
        Line::National {
            periods: p,
            needed,
            unit,
            met,
        } => {
            let template = if *met {
                pick(
                    l,
                    "Without the agreement: {} ≥ {} needed: a national benefit is due",
                    "Sans l'accord : {} ≥ {} requises : une prestation nationale est due",
                    "Sin el convenio: {} ≥ {} exigidos: se debe una prestación nacional",
                )
            } else {
                pick(
                    l,
                    "Without the agreement: {} < {} needed: no national benefit",
                    "Sans l'accord : {} < {} requises : aucune prestation nationale",
                    "Sin el convenio: {} < {} exigidos: ninguna prestación nacional",
                )
            };
            fill(template, &[periods(*p, *unit), q(*needed)])
        }
        Line::Calculation {
            purpose,
            unit,
            calculation,
        } => {
            let prefix = match purpose {
                Purpose::National => pick(
                    l,
                    "National benefit: ",
                    "Prestation nationale : ",
                    "Prestación nacional: ",
                ),
                Purpose::Theoretical => pick(
                    l,
                    "Theoretical amount on all periods: ",
                    "Montant théorique sur toutes les périodes : ",
                    "Cuantía teórica sobre todos los períodos: ",
                ),
                Purpose::Direct => pick(
                    l,
                    "Direct method, own periods: ",
                    "Méthode directe, périodes propres : ",
                    "Método directo, períodos propios: ",
                ),
                Purpose::Independent => pick(
                    l,
                    "Independent benefit: ",
                    "Prestation autonome : ",
                    "Prestación independiente: ",
                ),
            };
            format!("{prefix}{}", calculation_text(calculation, *unit, l))
        }
        Line::NotCovered => pick(
            l,
            "The agreement does not cover this branch: the national benefit is unchanged",
            "L'accord ne couvre pas cette branche : la prestation nationale reste inchangée",
            "El convenio no cubre esta rama: la prestación nacional no cambia",
        )
        .to_string(),
        Line::Relieved {
            periods: p,
            threshold,
            unit,
        } => fill(
            pick(
                l,
                "Minimum-period rule: {} are under {} and give no right alone: no benefit from this party; the other party counts them as its own",
                "Règle de la période minimale : {} sont inférieures à {} et n'ouvrent aucun droit seules : aucune prestation de cette Partie ; l'autre Partie les compte comme les siennes",
                "Regla del período mínimo: {} no alcanzan {} y no dan derecho por sí solos: ninguna prestación de esta Parte; la otra Parte los computa como propios",
            ),
            &[periods(*p, *unit), periods(*threshold, *unit)],
        ),
        Line::PaysOnAll => pick(
            l,
            "Every party's periods are under the minimum: this party, the last whose conditions are met, pays on all periods",
            "Les périodes de chaque Partie sont inférieures au minimum : cette Partie, la dernière dont les conditions sont remplies, paie sur toutes les périodes",
            "Los períodos de cada Parte no alcanzan el mínimo: esta Parte, la última cuyas condiciones se cumplen, paga sobre todos los períodos",
        )
        .to_string(),
        Line::TakenOver {
            from_party,
            amount,
            unit,
            own,
        } => fill(
            pick(
                l,
                "Minimum-period rule: the {} of {} count as own periods: own periods now {}",
                "Règle de la période minimale : les {} de {} comptent comme périodes propres : périodes propres désormais {}",
                "Regla del período mínimo: los {} de {} se computan como propios: períodos propios ahora {}",
            ),
            &[periods(*amount, *unit), from_party.clone(), periods(*own, *unit)],
        ),
        Line::Entitlement {
            periods: p,
            needed,
            unit,
            met,
        } => {
            let template = if *met {
                pick(
                    l,
                    "With the agreement: {} totalized ≥ {} needed: the right is open",
                    "Avec l'accord : {} totalisées ≥ {} requises : le droit est ouvert",
                    "Con el convenio: {} totalizados ≥ {} exigidos: el derecho está abierto",
                )
            } else {
                pick(
                    l,
                    "With the agreement: {} totalized < {} needed: still no right",
                    "Avec l'accord : {} totalisées < {} requises : toujours aucun droit",
                    "Con el convenio: {} totalizados < {} exigidos: sigue sin derecho",
                )
            };
            fill(template, &[periods(*p, *unit), q(*needed)])
        }
        Line::ProRata {
            theoretical,
            numerator,
            denominator,
            specified,
            result,
            unit,
        } => {
            let mut text = fill(
                pick(
                    l,
                    "Pro rata: {} × {} ÷ {} = {}",
                    "Prorata : {} × {} ÷ {} = {}",
                    "Prorrata: {} × {} ÷ {} = {}",
                ),
                &[m(*theoretical), q(*numerator), q(*denominator), m(*result)],
            );
            if let Some(specified) = specified {
                text.push_str(&fill(
                    pick(
                        l,
                        " (all periods counted up to the specified period of {})",
                        " (toutes les périodes comptées jusqu'à la période déterminée de {})",
                        " (todos los períodos computados hasta el período especificado de {})",
                    ),
                    &[periods(*specified, *unit)],
                ));
            }
            text
        }
        Line::Independent {
            periods: p,
            needed,
            unit,
            met,
        } => {
            let template = if *met {
                pick(
                    l,
                    "Own periods alone: {} ≥ {} needed: an independent benefit is due",
                    "Périodes propres seules : {} ≥ {} requises : une prestation autonome est due",
                    "Períodos propios solos: {} ≥ {} exigidos: se debe una prestación independiente",
                )
            } else {
                pick(
                    l,
                    "Own periods alone: {} < {} needed: no independent benefit",
                    "Périodes propres seules : {} < {} requises : aucune prestation autonome",
                    "Períodos propios solos: {} < {} exigidos: ninguna prestación independiente",
                )
            };
            fill(template, &[periods(*p, *unit), q(*needed)])
        }
        Line::Paid {
            method,
            independent,
            pro_rata,
            direct: _,
            result,
        } => match method {
            Method::ProRata => fill(
                pick(
                    l,
                    "Pro-rata method: {} is paid",
                    "Méthode du prorata : {} est versé",
                    "Método de prorrata: se paga {}",
                ),
                &[m(*result)],
            ),
            Method::Direct => fill(
                pick(
                    l,
                    "Direct method: {} is paid",
                    "Méthode directe : {} est versé",
                    "Método directo: se paga {}",
                ),
                &[m(*result)],
            ),
            Method::HigherOf => fill(
                pick(
                    l,
                    "Higher of the independent benefit {} and the pro-rata amount {}: {} is paid",
                    "Le plus élevé de la prestation autonome {} et du montant au prorata {} : {} est versé",
                    "La mayor entre la prestación independiente {} y la cuantía a prorrata {}: se paga {}",
                ),
                &[m(*independent), m(*pro_rata), m(*result)],
            ),
        },
    }
}

fn calculation_text(calculation: &Calculation, unit: Unit, l: Language) -> String {
    let q = |v: Decimal| quantity(v, l);
    let m = |v: Decimal| money(v, l);
    let periods = |v: Decimal| format!("{} {}", q(v), unit_name(unit, v, l));
    match calculation {
        Calculation::PerPeriod {
            periods: p,
            counted,
            amount,
            per,
            full_career,
            result,
        } => {
            if let Some(full) = full_career {
                return fill(
                    pick(
                        l,
                        "{} ≥ a full career of {}: {}",
                        "{} ≥ une carrière complète de {} : {}",
                        "{} ≥ una carrera completa de {}: {}",
                    ),
                    &[periods(*p), q(*full), m(*result)],
                );
            }
            let mut text = if counted != p {
                fill(
                    pick(
                        l,
                        "{}, counted up to {}: {}",
                        "{}, comptées jusqu'à {} : {}",
                        "{}, computados hasta {}: {}",
                    ),
                    &[periods(*p), q(*counted), q(*counted)],
                )
            } else {
                periods(*p)
            };
            text.push_str(&format!(" × {}", m(*amount)));
            if *per != Decimal::ONE {
                text.push_str(&format!(" ÷ {}", q(*per)));
            }
            text.push_str(&format!(" = {}", m(*result)));
            text
        }
        Calculation::Bands {
            periods: p,
            years,
            average,
            rounded,
            rounding,
            band_from,
            band_below,
            lowest,
            result,
        } => {
            let years_word = unit_name(Unit::Years, *years, l);
            let mut text = format!(
                "{} ÷ {} {years_word} = {}",
                periods(*p),
                q(*years),
                q(*average)
            );
            if rounded != average {
                let how = match rounding {
                    Rounding::HalfUp => pick(
                        l,
                        "rounded half up",
                        "arrondi au plus proche",
                        "redondeado al más cercano",
                    ),
                    Rounding::Down => pick(
                        l,
                        "rounded down",
                        "arrondi vers le bas",
                        "redondeado hacia abajo",
                    ),
                    Rounding::Up => pick(
                        l,
                        "rounded up",
                        "arrondi vers le haut",
                        "redondeado hacia arriba",
                    ),
                };
                text.push_str(&format!(" → {} ({how})", q(*rounded)));
            }
            let band = match (band_from, band_below) {
                (Some(from), Some(below)) if from.fract().is_zero() && below.fract().is_zero() => {
                    fill(
                        pick(l, "band {}–{}", "tranche {}–{}", "tramo {}–{}"),
                        &[q(*from), q(*below - Decimal::ONE)],
                    )
                }
                (Some(from), Some(below)) => fill(
                    pick(
                        l,
                        "band from {} to under {}",
                        "tranche de {} à moins de {}",
                        "tramo de {} a menos de {}",
                    ),
                    &[q(*from), q(*below)],
                ),
                (Some(from), None) => fill(
                    pick(
                        l,
                        "band {} or more",
                        "tranche de {} et plus",
                        "tramo de {} o más",
                    ),
                    &[q(*from)],
                ),
                (None, _) => fill(
                    pick(
                        l,
                        "under the lowest band ({})",
                        "sous la tranche la plus basse ({})",
                        "por debajo del tramo más bajo ({})",
                    ),
                    &[q(lowest.unwrap_or_default())],
                ),
            };
            format!("{text}, {band} → {}", m(*result))
        }
        Calculation::Accrual {
            rate,
            periods: p,
            per,
            earnings,
            result,
        } => {
            let divided = if *per != Decimal::ONE {
                format!(" ÷ {}", q(*per))
            } else {
                String::new()
            };
            format!(
                "{} × {}{divided} × {} = {}",
                format_number(*rate, 6, false, l),
                periods(*p),
                m(*earnings),
                m(*result)
            )
        }
        Calculation::Fixed { result } => fill(
            pick(l, "fixed amount {}", "montant fixe {}", "importe fijo {}"),
            &[m(*result)],
        ),
        Calculation::Sum { parts, result } => {
            let parts: Vec<String> = parts
                .iter()
                .map(|part| calculation_text(part, unit, l))
                .collect();
            format!(
                "{}; {} {}",
                parts.join("; "),
                pick(l, "total", "total", "total"),
                m(*result)
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    #[test]
    fn numbers_in_each_language() {
        assert_eq!(money(dec("1234.5"), Language::En), "1,234.50");
        assert_eq!(money(dec("1234.5"), Language::Fr), "1\u{202f}234,50");
        assert_eq!(money(dec("1234.5"), Language::Es), "1234,50");
        assert_eq!(money(dec("12345.678"), Language::Es), "12.345,68");
        assert_eq!(money(dec("-525.714"), Language::En), "-525.71");
        assert_eq!(quantity(dec("61.538461"), Language::En), "61.54");
        assert_eq!(quantity(dec("20.000"), Language::Fr), "20");
    }

    #[test]
    fn the_band_line_reads_as_the_issue_writes_it() {
        let line = Line::Calculation {
            purpose: Purpose::National,
            unit: Unit::Weeks,
            calculation: Calculation::Bands {
                periods: dec("800"),
                years: dec("40"),
                average: dec("20"),
                rounded: dec("20"),
                rounding: Rounding::HalfUp,
                band_from: Some(dec("20")),
                band_below: Some(dec("40")),
                lowest: None,
                result: dec("210.00"),
            },
        };
        assert_eq!(
            render_line(&line, Language::En),
            "National benefit: 800 weeks ÷ 40 years = 20, band 20–39 → 210.00"
        );
        assert_eq!(
            render_line(&line, Language::Fr),
            "Prestation nationale : 800 semaines ÷ 40 années = 20, tranche 20–39 → 210,00"
        );
    }
}
