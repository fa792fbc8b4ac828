//! The words the PDFs print around the negotiation's own text, in English, French and Spanish
//! (English for any other language), and dates written out in those languages.
//!
//! Why here and not in the UI's message catalogues: the command line exports the same
//! documents, and a PDF's words must not depend on a window being open. The status, branch and
//! gate names match the UI's wording (ui/src/*/messages.ts).

use chrono::{DateTime, NaiveDate, Utc};
use ssa_core::documents::branch::Branch;
use ssa_core::documents::feasibility::SchemeType;
use ssa_core::rounds::PositionStatus;
use ssa_core::template::date_text;
use ssa_pdf::agreement::AgreementLabels;
use ssa_pdf::brief::BriefLabels;
use ssa_pdf::redline::RedlineLabels;
use ssa_pdf::step_report::StepReportLabels;

use crate::dto::LocalizedTextDto;
use crate::process_dto::{GateChoiceDto, StepStatusDto};

/// The language's primary subtag: "fr" for "fr-CA".
pub(crate) fn primary(language: &str) -> &str {
    language.split(['-', '_']).next().unwrap_or(language)
}

/// The text in `language`, or the English one.
pub(crate) fn pick<'t>(text: &'t LocalizedTextDto, language: &str) -> &'t str {
    let translated = match primary(language) {
        "fr" => text.fr.as_deref(),
        "es" => text.es.as_deref(),
        _ => None,
    };
    translated
        .filter(|t| !t.trim().is_empty())
        .unwrap_or(&text.en)
}

pub(crate) struct Words {
    /// The language these words are in: "en", "fr" or "es".
    pub code: &'static str,
    pub draft: &'static str,
    pub version: &'static str,
    pub initialled: &'static str,
    pub internal: &'static str,
    pub as_of: &'static str,
    pub round: &'static str,
    pub model: &'static str,
    pub current: &'static str,
    pub revision: &'static str,
    pub was: &'static str,
    pub title: &'static str,
    pub preamble: &'static str,
    pub signature: &'static str,
    pub agreement_subject: &'static str,
    pub between: &'static str,
    pub and: &'static str,
    pub contents: &'static str,
    pub page_of: &'static str,
    pub place: &'static str,
    pub date: &'static str,
    pub signature_line: &'static str,
    pub seal_heading: &'static str,
    pub seal_fingerprint: &'static str,
    pub seal_delegation: &'static str,
    pub seal_key: &'static str,
    pub seal_signature: &'static str,
    pub seal_missing: &'static str,
    pub summary: &'static str,
    pub legend: &'static str,
    pub inserted: &'static str,
    pub deleted: &'static str,
    pub added: &'static str,
    pub removed: &'static str,
    pub changed: &'static str,
    pub moved: &'static str,
    pub renumbered: &'static str,
    pub unchanged: &'static str,
    pub redline_subject: &'static str,
    pub article: &'static str,
    pub ours: &'static str,
    pub theirs: &'static str,
    pub on_the_table: &'static str,
    pub status: &'static str,
    pub mandate: &'static str,
    pub internal_notice: &'static str,
    pub brief_subject: &'static str,
    pub our_text: &'static str,
    pub their_text: &'static str,
    pub omits: &'static str,
    pub no_proposal: &'static str,
    pub red_line: &'static str,
    pub preferred: &'static str,
    pub fallback: &'static str,
    pub limits: &'static str,
    pub at_most: &'static str,
    pub at_least: &'static str,
    pub one_of: &'static str,
    pub must_stay: &'static str,
    pub warning: &'static str,
    pub checklist: &'static str,
    pub item: &'static str,
    pub done: &'static str,
    pub open: &'static str,
    pub who: &'static str,
    pub when: &'static str,
    pub note: &'static str,
    pub gates: &'static str,
    pub gate: &'static str,
    pub decision: &'static str,
    pub topic: &'static str,
    pub step_report_subject: &'static str,
    pub step: &'static str,
    pub skipped_because: &'static str,
    pub feasibility_title: &'static str,
    pub team_choice: &'static str,
    pub covered: &'static str,
    pub not_covered: &'static str,
    pub not_decided: &'static str,
    pub no_scheme: &'static str,
    pub not_described: &'static str,
    pub persons_covered: &'static str,
    pub qualifying_period: &'static str,
    pub export_rules: &'static str,
    pub conditions: &'static str,
    pub feasibility_notes: &'static str,
    pub statuses: [&'static str; 7],
    pub step_statuses: [&'static str; 4],
    pub gate_choices: [&'static str; 3],
    pub branches: [&'static str; 9],
    pub scheme_types: [&'static str; 3],
}

const ENGLISH: Words = Words {
    code: "en",
    draft: "DRAFT",
    version: "Version",
    initialled: "INITIALLED",
    internal: "INTERNAL",
    as_of: "as of",
    round: "Round",
    model: "model template",
    current: "current draft",
    revision: "revision",
    was: "was",
    title: "Title",
    preamble: "Preamble",
    signature: "Signatures",
    agreement_subject: "Social security agreement",
    between: "between",
    and: "and",
    contents: "Contents",
    page_of: "Page {page} of {pages}",
    place: "Place",
    date: "Date",
    signature_line: "Signature",
    seal_heading: "Initialling",
    seal_fingerprint: "Fingerprint of the initialled text (SHA-256)",
    seal_delegation: "Delegation: {name}",
    seal_key: "Signing key",
    seal_signature: "Signature",
    seal_missing: "Signature not yet received",
    summary: "Summary of changes",
    legend: "How to read this document:",
    inserted: "inserted text",
    deleted: "deleted text",
    added: "Added",
    removed: "Removed",
    changed: "Changed",
    moved: "Moved",
    renumbered: "Renumbered",
    unchanged: "Unchanged",
    redline_subject: "Comparison of two texts of a social security agreement",
    article: "Article",
    ours: "Our position",
    theirs: "Their position",
    on_the_table: "On the table",
    status: "Status",
    mandate: "Mandate",
    internal_notice: "Internal: contains the negotiating mandate. Not for the other party.",
    brief_subject: "Negotiation brief",
    our_text: "Our text (as in column 2).",
    their_text: "Their text (as in column 3).",
    omits: "Their text leaves this article out.",
    no_proposal: "No proposal recorded.",
    red_line: "Red line",
    preferred: "Preferred",
    fallback: "Fallback",
    limits: "Limits",
    at_most: "at most",
    at_least: "at least",
    one_of: "one of",
    must_stay: "the article must stay in the agreement",
    warning: "Warning",
    checklist: "Checklist",
    item: "Item",
    done: "Done",
    open: "Open",
    who: "Who",
    when: "When",
    note: "Note",
    gates: "Gate decision",
    gate: "Gate",
    decision: "Decision",
    topic: "Branch",
    step_report_subject: "Step report",
    step: "Step",
    skipped_because: "Skipped:",
    feasibility_title: "Feasibility study: the parties' schemes compared",
    team_choice: "Team's choice",
    covered: "Covered",
    not_covered: "Not covered",
    not_decided: "Not decided",
    no_scheme: "No scheme",
    not_described: "Not described yet",
    persons_covered: "Persons covered",
    qualifying_period: "Qualifying period",
    export_rules: "Payment abroad",
    conditions: "Conditions",
    feasibility_notes: "Notes",
    statuses: [
        "Open",
        "Proposed",
        "Counter-proposed",
        "Agreed ad referendum",
        "Agreed",
        "Deferred",
        "Withdrawn",
    ],
    step_statuses: ["Not started", "In progress", "Done", "Skipped"],
    gate_choices: ["Go", "No-go", "Revisit"],
    branches: [
        "Medical care",
        "Sickness",
        "Unemployment",
        "Old age",
        "Employment injury",
        "Family",
        "Maternity",
        "Invalidity",
        "Survivors",
    ],
    scheme_types: [
        "Contributory (social insurance)",
        "Non-contributory (public funds)",
        "Provident fund",
    ],
};

const FRENCH: Words = Words {
    code: "fr",
    draft: "PROJET",
    version: "Version",
    initialled: "PARAPHÉ",
    internal: "INTERNE",
    as_of: "état au",
    round: "Cycle",
    model: "modèle",
    current: "projet actuel",
    revision: "révision",
    was: "anciennement",
    title: "Titre",
    preamble: "Préambule",
    signature: "Signatures",
    agreement_subject: "Accord de sécurité sociale",
    between: "entre",
    and: "et",
    contents: "Table des matières",
    page_of: "Page {page} sur {pages}",
    place: "Lieu",
    date: "Date",
    signature_line: "Signature",
    seal_heading: "Paraphe",
    seal_fingerprint: "Empreinte du texte paraphé (SHA-256)",
    seal_delegation: "Délégation : {name}",
    seal_key: "Clé de signature",
    seal_signature: "Signature",
    seal_missing: "Signature pas encore reçue",
    summary: "Résumé des modifications",
    legend: "Lecture du document :",
    inserted: "texte ajouté",
    deleted: "texte supprimé",
    added: "Ajoutés",
    removed: "Supprimés",
    changed: "Modifiés",
    moved: "Déplacés",
    renumbered: "Renumérotés",
    unchanged: "Inchangés",
    redline_subject: "Comparaison de deux textes d’un accord de sécurité sociale",
    article: "Article",
    ours: "Notre position",
    theirs: "Leur position",
    on_the_table: "Sur la table",
    status: "État",
    mandate: "Mandat",
    internal_notice:
        "Interne : contient le mandat de négociation. Ne pas remettre à l’autre partie.",
    brief_subject: "Note de négociation",
    our_text: "Notre texte (colonne 2).",
    their_text: "Leur texte (colonne 3).",
    omits: "Leur texte omet cet article.",
    no_proposal: "Aucune proposition enregistrée.",
    red_line: "Ligne rouge",
    preferred: "Position souhaitée",
    fallback: "Position de repli",
    limits: "Limites",
    at_most: "au plus",
    at_least: "au moins",
    one_of: "l’une des valeurs",
    must_stay: "l’article doit rester dans l’accord",
    warning: "Attention",
    checklist: "Liste de contrôle",
    item: "Point",
    done: "Fait",
    open: "À faire",
    who: "Qui",
    when: "Quand",
    note: "Note",
    gates: "Décision d’étape",
    gate: "Question",
    decision: "Décision",
    topic: "Branche",
    step_report_subject: "Rapport d’étapes",
    step: "Étape",
    skipped_because: "Sautée :",
    feasibility_title: "Étude de faisabilité : comparaison des régimes des parties",
    team_choice: "Choix de l’équipe",
    covered: "Couverte",
    not_covered: "Non couverte",
    not_decided: "Non décidé",
    no_scheme: "Pas de régime",
    not_described: "Pas encore décrit",
    persons_covered: "Personnes protégées",
    qualifying_period: "Période de stage",
    export_rules: "Paiement à l’étranger",
    conditions: "Conditions",
    feasibility_notes: "Notes",
    statuses: [
        "Ouvert",
        "Proposé",
        "Contre-proposé",
        "Convenu ad referendum",
        "Convenu",
        "Reporté",
        "Retiré",
    ],
    step_statuses: ["Pas commencée", "En cours", "Terminée", "Sautée"],
    gate_choices: ["Poursuivre", "Arrêter", "Réexaminer"],
    branches: [
        "Soins médicaux",
        "Maladie",
        "Chômage",
        "Vieillesse",
        "Accidents du travail",
        "Famille",
        "Maternité",
        "Invalidité",
        "Survivants",
    ],
    scheme_types: [
        "Contributif (assurance sociale)",
        "Non contributif (fonds publics)",
        "Caisse de prévoyance",
    ],
};

const SPANISH: Words = Words {
    code: "es",
    draft: "BORRADOR",
    version: "Versión",
    initialled: "RUBRICADO",
    internal: "INTERNO",
    as_of: "situación al",
    round: "Ronda",
    model: "modelo",
    current: "borrador actual",
    revision: "revisión",
    was: "antes",
    title: "Título",
    preamble: "Preámbulo",
    signature: "Firmas",
    agreement_subject: "Convenio de seguridad social",
    between: "entre",
    and: "y",
    contents: "Índice",
    page_of: "Página {page} de {pages}",
    place: "Lugar",
    date: "Fecha",
    signature_line: "Firma",
    seal_heading: "Rúbrica",
    seal_fingerprint: "Huella del texto rubricado (SHA-256)",
    seal_delegation: "Delegación: {name}",
    seal_key: "Clave de firma",
    seal_signature: "Firma",
    seal_missing: "Firma aún no recibida",
    summary: "Resumen de los cambios",
    legend: "Cómo leer este documento:",
    inserted: "texto añadido",
    deleted: "texto suprimido",
    added: "Añadidos",
    removed: "Suprimidos",
    changed: "Modificados",
    moved: "Desplazados",
    renumbered: "Renumerados",
    unchanged: "Sin cambios",
    redline_subject: "Comparación de dos textos de un convenio de seguridad social",
    article: "Artículo",
    ours: "Nuestra posición",
    theirs: "Su posición",
    on_the_table: "Sobre la mesa",
    status: "Estado",
    mandate: "Mandato",
    internal_notice: "Interno: contiene el mandato de negociación. No entregar a la otra parte.",
    brief_subject: "Nota de negociación",
    our_text: "Nuestro texto (columna 2).",
    their_text: "Su texto (columna 3).",
    omits: "Su texto omite este artículo.",
    no_proposal: "Ninguna propuesta registrada.",
    red_line: "Línea roja",
    preferred: "Posición preferida",
    fallback: "Posición de repliegue",
    limits: "Límites",
    at_most: "como máximo",
    at_least: "como mínimo",
    one_of: "uno de",
    must_stay: "el artículo debe permanecer en el convenio",
    warning: "Atención",
    checklist: "Lista de control",
    item: "Punto",
    done: "Hecho",
    open: "Pendiente",
    who: "Quién",
    when: "Cuándo",
    note: "Nota",
    gates: "Decisión del paso",
    gate: "Pregunta",
    decision: "Decisión",
    topic: "Rama",
    step_report_subject: "Informe de pasos",
    step: "Paso",
    skipped_because: "Omitido:",
    feasibility_title: "Estudio de viabilidad: comparación de los regímenes de las partes",
    team_choice: "Elección del equipo",
    covered: "Cubierta",
    not_covered: "No cubierta",
    not_decided: "Sin decidir",
    no_scheme: "Sin régimen",
    not_described: "Aún sin describir",
    persons_covered: "Personas protegidas",
    qualifying_period: "Período de calificación",
    export_rules: "Pago en el extranjero",
    conditions: "Condiciones",
    feasibility_notes: "Notas",
    statuses: [
        "Abierto",
        "Propuesto",
        "Contrapropuesto",
        "Acordado ad referéndum",
        "Acordado",
        "Aplazado",
        "Retirado",
    ],
    step_statuses: ["Sin empezar", "En curso", "Terminado", "Omitido"],
    gate_choices: ["Seguir", "Detener", "Revisar"],
    branches: [
        "Asistencia médica",
        "Enfermedad",
        "Desempleo",
        "Vejez",
        "Accidentes del trabajo",
        "Familia",
        "Maternidad",
        "Invalidez",
        "Sobrevivientes",
    ],
    scheme_types: [
        "Contributivo (seguro social)",
        "No contributivo (fondos públicos)",
        "Fondo de previsión",
    ],
};

impl Words {
    pub fn of(language: &str) -> &'static Words {
        match primary(language) {
            "fr" => &FRENCH,
            "es" => &SPANISH,
            _ => &ENGLISH,
        }
    }

    pub fn agreement_labels(&self) -> AgreementLabels {
        AgreementLabels {
            between: self.between.into(),
            and: self.and.into(),
            contents: self.contents.into(),
            page_of: self.page_of.into(),
            place: self.place.into(),
            date: self.date.into(),
            signature: self.signature_line.into(),
            subject: self.agreement_subject.into(),
        }
    }

    pub fn redline_labels(&self) -> RedlineLabels {
        RedlineLabels {
            summary: self.summary.into(),
            legend: self.legend.into(),
            inserted: self.inserted.into(),
            deleted: self.deleted.into(),
            added: self.added.into(),
            removed: self.removed.into(),
            changed: self.changed.into(),
            moved: self.moved.into(),
            renumbered: self.renumbered.into(),
            unchanged: self.unchanged.into(),
            page_of: self.page_of.into(),
            subject: self.redline_subject.into(),
        }
    }

    pub fn brief_labels(&self) -> BriefLabels {
        BriefLabels {
            article: self.article.into(),
            ours: self.ours.into(),
            theirs: self.theirs.into(),
            on_the_table: self.on_the_table.into(),
            status: self.status.into(),
            mandate: self.mandate.into(),
            internal_notice: self.internal_notice.into(),
            page_of: self.page_of.into(),
            subject: self.brief_subject.into(),
        }
    }

    pub fn step_report_labels(&self) -> StepReportLabels {
        StepReportLabels {
            checklist: self.checklist.into(),
            item: self.item.into(),
            done: self.done.into(),
            open: self.open.into(),
            who: self.who.into(),
            when: self.when.into(),
            note: self.note.into(),
            gates: self.gates.into(),
            gate: self.gate.into(),
            decision: self.decision.into(),
            topic: self.topic.into(),
            page_of: self.page_of.into(),
            subject: self.step_report_subject.into(),
        }
    }

    pub fn position_status(&self, status: PositionStatus) -> &'static str {
        let index = PositionStatus::ALL
            .iter()
            .position(|s| *s == status)
            .unwrap_or(0);
        self.statuses[index]
    }

    pub fn step_status(&self, status: StepStatusDto) -> &'static str {
        self.step_statuses[match status {
            StepStatusDto::NotStarted => 0,
            StepStatusDto::InProgress => 1,
            StepStatusDto::Done => 2,
            StepStatusDto::Skipped => 3,
        }]
    }

    pub fn gate_choice(&self, choice: GateChoiceDto) -> &'static str {
        self.gate_choices[match choice {
            GateChoiceDto::Go => 0,
            GateChoiceDto::NoGo => 1,
            GateChoiceDto::Revisit => 2,
        }]
    }

    pub fn branch(&self, branch: Branch) -> &'static str {
        let index = Branch::ALL.iter().position(|b| *b == branch).unwrap_or(0);
        self.branches[index]
    }

    pub fn scheme_type(&self, scheme: SchemeType) -> &'static str {
        self.scheme_types[match scheme {
            SchemeType::Contributory => 0,
            SchemeType::NonContributory => 1,
            SchemeType::ProvidentFund => 2,
        }]
    }

    /// "23 November 2026", "1er novembre 2026", "23 de noviembre de 2026": as the agreement
    /// writes dates.
    pub fn long_date(&self, day: NaiveDate) -> String {
        date_text(day, self.code)
    }

    /// A stored date (YYYY-MM-DD, or an RFC 3339 stamp) written out; any other text as it is.
    pub fn stored_date(&self, text: &str) -> String {
        let day = NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .ok()
            .or_else(|| {
                DateTime::parse_from_rfc3339(text)
                    .ok()
                    .map(|t| t.with_timezone(&Utc).date_naive())
            });
        match day {
            Some(day) => self.long_date(day),
            None => text.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_in_the_language() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        assert_eq!(Words::of("en").long_date(day), "23 November 2026");
        assert_eq!(Words::of("fr-FR").long_date(day), "23 novembre 2026");
        assert_eq!(Words::of("es").long_date(day), "23 de noviembre de 2026");
        let first = NaiveDate::from_ymd_opt(2026, 8, 1).unwrap();
        assert_eq!(Words::of("fr").long_date(first), "1er août 2026");
        assert_eq!(Words::of("de").long_date(first), "1 August 2026");
        assert_eq!(
            Words::of("es").stored_date("2026-03-01T10:00:00Z"),
            "1 de marzo de 2026"
        );
        assert_eq!(Words::of("en").stored_date("spring"), "spring");
    }

    #[test]
    fn every_status_and_branch_has_a_distinct_word() {
        for words in [&ENGLISH, &FRENCH, &SPANISH] {
            let statuses: std::collections::HashSet<_> = PositionStatus::ALL
                .iter()
                .map(|s| words.position_status(*s))
                .collect();
            assert_eq!(statuses.len(), PositionStatus::ALL.len());
            let branches: std::collections::HashSet<_> =
                Branch::ALL.iter().map(|b| words.branch(*b)).collect();
            assert_eq!(branches.len(), Branch::ALL.len());
        }
    }

    #[test]
    fn a_missing_translation_falls_back_to_english() {
        let text = LocalizedTextDto {
            en: "Check".into(),
            fr: Some("Vérifier".into()),
            es: Some(" ".into()),
        };
        assert_eq!(pick(&text, "fr-CA"), "Vérifier");
        assert_eq!(pick(&text, "es"), "Check");
        assert_eq!(pick(&text, "pt"), "Check");
    }
}
