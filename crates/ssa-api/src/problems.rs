//! The draft's problems as a lawyer reads them: the one catalogue of their wording.
//!
//! The engine's [`Problem`] is for programs (a kind, node ids, a parameter name, an English
//! message for template authors). Here each becomes a [`ProblemDto`]: the provision named by its
//! citation and heading ("Article 1(1)(a) Definitions"), the particular by its label, in plain
//! words in English, French and Spanish, never a node id, a parameter key or `{{` markup; plus
//! the code, the readable parameters and the node to go to, so a front end can word it again.
//! The app's problems panel, `ssa check` and the export refusal all read these words.
//!
//! Why a table in Rust rather than Fluent files: the command line and the PDF export need the
//! same words without the UI, the sentences are few and have at most four parameters, and a
//! test can check every kind in every language for leftover markup.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;
use specta::Type;
use ssa_core::template::document::plain;
use ssa_core::template::{
    Document, DocumentNode, NodeKind, Problem, ProblemKind, Severity, Template,
};

/// One problem of a draft, worded for the person who drafts it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct ProblemDto {
    pub severity: Severity,
    /// The code: the kind of problem.
    pub kind: ProblemKind,
    /// The readable values the sentence uses ("place", "particular", "target", "term").
    pub params: BTreeMap<String, String>,
    /// The provision to go to (its id; never shown).
    pub node: Option<String>,
    /// The other provision involved (a reference's target; never shown).
    pub related_node: Option<String>,
    /// The particular involved (its key; never shown).
    pub parameter: Option<String>,
    /// The provision as a person finds it ("Article 1(1)(a) Definitions"), when there is one.
    pub place: Option<String>,
    /// The sentence in English.
    pub message: String,
    /// The sentence in each language of the app.
    pub text: Worded,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct Worded {
    pub en: String,
    pub fr: String,
    pub es: String,
}

impl Worded {
    pub fn get(&self, language: &str) -> &str {
        match language {
            "fr" => &self.fr,
            "es" => &self.es,
            _ => &self.en,
        }
    }
}

/// Whether a problem means the exported text would print broken (a reference with no target, a
/// term with no definition, wording whose markup does not parse): such a draft is not exported.
pub fn prints_broken(kind: ProblemKind) -> bool {
    matches!(
        kind,
        ProblemKind::Syntax
            | ProblemKind::DanglingReference
            | ProblemKind::UnreferableTarget
            | ProblemKind::ReferenceToOmitted
            | ProblemKind::UndefinedTerm
            | ProblemKind::TermDefinitionOmitted
            | ProblemKind::Unrenderable
    )
}

/// Names provisions of one rendered draft, falling back to the template for ones it leaves out.
pub struct Places<'a> {
    in_document: HashMap<&'a str, Located>,
    template: &'a Template,
    /// The model's own rendering, made only when a left-out provision is to be named: it
    /// gives such a provision the number the model has for it.
    model: std::cell::OnceCell<Document>,
}

/// A provision of the document: its name, or the part of the instrument it sits in (the
/// preamble, the signature block) when it has none of its own.
struct Located {
    name: Option<String>,
    within: Option<NodeKind>,
}

impl<'a> Places<'a> {
    pub fn new(template: &'a Template, document: &'a Document) -> Places<'a> {
        let mut in_document = HashMap::new();
        fn visit<'d>(
            node: &'d DocumentNode,
            article_heading: Option<String>,
            within: Option<NodeKind>,
            out: &mut HashMap<&'d str, Located>,
        ) {
            let heading = plain(&node.heading);
            let own_heading = (!heading.is_empty()).then_some(heading);
            let shown_heading = match node.kind {
                NodeKind::Paragraph | NodeKind::Item => article_heading.clone(),
                _ => own_heading.clone(),
            };
            let name = match (&node.citation, node.kind) {
                (Some(citation), NodeKind::Annex) => Some(citation.clone()),
                (Some(citation), _) => Some(match &shown_heading {
                    Some(heading) => format!("{citation} {heading}"),
                    None => citation.clone(),
                }),
                (None, NodeKind::Preamble | NodeKind::Signature) => None,
                (None, _) => own_heading.clone(),
            };
            let within = match node.kind {
                NodeKind::Preamble | NodeKind::Signature => Some(node.kind),
                _ => within,
            };
            out.insert(node.id.as_str(), Located { name, within });
            let inner = match node.kind {
                NodeKind::Article => own_heading,
                NodeKind::Paragraph | NodeKind::Item => article_heading,
                _ => None,
            };
            for child in &node.children {
                visit(child, inner.clone(), within, out);
            }
        }
        for node in &document.nodes {
            visit(node, None, None, &mut in_document);
        }
        Places {
            in_document,
            template,
            model: std::cell::OnceCell::new(),
        }
    }

    /// "Article 8(2) Posted workers" as the model numbers it, for a provision this draft leaves
    /// out.
    fn in_model(&self, id: &str) -> Option<String> {
        let model = self.model.get_or_init(|| {
            ssa_core::template::render(self.template, &ssa_core::template::Draft::of(self.template))
        });
        let mut found = None;
        let mut article_heading = String::new();
        for node in model.walk() {
            if node.kind == NodeKind::Article {
                article_heading = plain(&node.heading);
            }
            if node.id == id {
                let heading = match node.kind {
                    NodeKind::Paragraph | NodeKind::Item => article_heading.clone(),
                    _ => plain(&node.heading),
                };
                found = node.citation.clone().map(|citation| {
                    if heading.is_empty() || heading.contains("{{") {
                        citation
                    } else {
                        format!("{citation} {heading}")
                    }
                });
                break;
            }
        }
        found
    }

    /// "Article 1(1)(a) Definitions"; the preamble and the signature block by name; a
    /// left-out provision by its model heading, quoted.
    pub fn name(&self, id: &str, language: &str) -> Option<String> {
        let words = Words::of(language);
        if let Some(located) = self.in_document.get(id) {
            match (&located.name, located.within) {
                (Some(name), _) => return Some(name.clone()),
                (None, Some(NodeKind::Preamble)) => return Some(words.preamble.into()),
                (None, Some(NodeKind::Signature)) => return Some(words.signature.into()),
                (None, _) => return None,
            }
        }
        let node = self.template.nodes.iter().find(|n| n.id == id)?;
        if let Some(in_model) = self.in_model(id) {
            return Some(format!("{in_model} ({})", words.left_out));
        }
        // Left out: named by its heading or its enclosing article's, as the model has it.
        let mut current = Some(node);
        while let Some(n) = current {
            if let Some(heading) = n.heading.as_deref().filter(|h| !h.contains("{{")) {
                return Some(format!("{} “{heading}”", words.left_out_provision));
            }
            current = n
                .parent
                .as_deref()
                .and_then(|p| self.template.nodes.iter().find(|m| m.id == p));
        }
        Some(words.left_out_provision.to_string())
    }
}

struct Words {
    preamble: &'static str,
    signature: &'static str,
    title: &'static str,
    left_out_provision: &'static str,
    left_out: &'static str,
    a_provision: &'static str,
}

impl Words {
    fn of(language: &str) -> &'static Words {
        match language {
            "fr" => &FR,
            "es" => &ES,
            _ => &EN,
        }
    }
}

const EN: Words = Words {
    preamble: "Preamble",
    signature: "Signature block",
    title: "Title",
    left_out_provision: "the left-out provision",
    left_out: "in the model",
    a_provision: "A provision",
};
const FR: Words = Words {
    preamble: "Préambule",
    signature: "Formule finale et signatures",
    title: "Titre",
    left_out_provision: "la disposition écartée",
    left_out: "dans le modèle",
    a_provision: "Une disposition",
};
const ES: Words = Words {
    preamble: "Preámbulo",
    signature: "Fórmula final y firmas",
    title: "Título",
    left_out_provision: "la disposición suprimida",
    left_out: "en el modelo",
    a_provision: "Una disposición",
};

/// The problems of a draft, worded.
pub fn worded(template: &Template, document: &Document, problems: &[Problem]) -> Vec<ProblemDto> {
    let places = Places::new(template, document);
    problems
        .iter()
        .map(|problem| word(template, &places, problem))
        .collect()
}

fn word(template: &Template, places: &Places<'_>, problem: &Problem) -> ProblemDto {
    let particular = problem
        .parameter
        .as_deref()
        .and_then(|name| template.parameter(name))
        .map(|p| p.label.clone());
    let term = problem.related_node.as_deref().and_then(|definer| {
        template
            .nodes
            .iter()
            .find(|n| n.id == definer)
            .and_then(|n| n.defines.values().next().cloned())
    });
    let text_in = |language: &str| -> (String, BTreeMap<String, String>) {
        let words = Words::of(language);
        let place = match problem.node.as_deref() {
            Some(id) => places.name(id, language),
            None if problem.kind == ProblemKind::UnfilledPlaceholder
                || problem.kind == ProblemKind::ReferenceToOmitted =>
            {
                Some(words.title.to_string())
            }
            None => None,
        };
        let target = problem
            .related_node
            .as_deref()
            .and_then(|id| places.name(id, language));
        let mut params = BTreeMap::new();
        if let Some(place) = &place {
            params.insert("place".to_string(), place.clone());
        }
        if let Some(particular) = &particular {
            params.insert("particular".to_string(), particular.clone());
        }
        if let Some(target) = &target {
            params.insert("target".to_string(), target.clone());
        }
        if let Some(term) = &term {
            params.insert("term".to_string(), term.clone());
        }
        let sentence = sentence(language, problem.kind, &params);
        // French sets a space before a colon.
        let colon = if language == "fr" { " :" } else { ":" };
        let sentence = match (&place, problem.kind) {
            // Sentences that do not name the provision themselves are prefixed with it.
            (Some(place), kind) if !names_place(kind) => format!("{place}{colon} {sentence}"),
            (None, kind) if !names_place(kind) && problem.node.is_some() => {
                format!("{}{colon} {sentence}", words.a_provision)
            }
            _ => sentence,
        };
        (capitalised(&sentence), params)
    };
    let (en, params) = text_in("en");
    let (fr, _) = text_in("fr");
    let (es, _) = text_in("es");
    ProblemDto {
        severity: problem.severity,
        kind: problem.kind,
        place: params.get("place").cloned(),
        params,
        node: problem.node.clone(),
        related_node: problem.related_node.clone(),
        parameter: problem.parameter.clone(),
        message: en.clone(),
        text: Worded { en, fr, es },
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Kinds whose sentence starts with the provision itself.
fn names_place(kind: ProblemKind) -> bool {
    matches!(
        kind,
        ProblemKind::ReferenceToOmitted
            | ProblemKind::TermDefinitionOmitted
            | ProblemKind::DepartsFromModel
            | ProblemKind::DanglingReference
            | ProblemKind::UndefinedTerm
    )
}

/// The catalogue. `params` hold readable values only.
fn sentence(language: &str, kind: ProblemKind, params: &BTreeMap<String, String>) -> String {
    let get = |key: &str, fallback: &str| {
        params
            .get(key)
            .cloned()
            .unwrap_or_else(|| fallback.to_string())
    };
    let (place, particular, target, term) = match language {
        "fr" => (
            get("place", "Une disposition"),
            get("particular", "une donnée"),
            get("target", "une autre disposition"),
            get("term", "un terme défini"),
        ),
        "es" => (
            get("place", "Una disposición"),
            get("particular", "un dato"),
            get("target", "otra disposición"),
            get("term", "un término definido"),
        ),
        _ => (
            get("place", "A provision"),
            get("particular", "a particular"),
            get("target", "another provision"),
            get("term", "a defined term"),
        ),
    };
    use ProblemKind as K;
    match (language, kind) {
        ("fr", K::UnfilledPlaceholder) => format!("{particular} n'est pas encore renseigné ; le texte imprime « [{particular}] »."),
        ("es", K::UnfilledPlaceholder) => format!("falta completar {particular}; el texto imprime «[{particular}]»."),
        (_, K::UnfilledPlaceholder) => format!("{particular} is not filled in yet; the text prints “[{particular}]”."),
        ("fr", K::ReferenceToOmitted) => format!("{place} renvoie à {target}, que ce projet écarte. Gardez-la, ou reformulez le renvoi."),
        ("es", K::ReferenceToOmitted) => format!("{place} remite a {target}, que este proyecto suprime. Consérvela o modifique la remisión."),
        (_, K::ReferenceToOmitted) => format!("{place} refers to {target}, which this draft leaves out. Keep it, or reword the reference."),
        ("fr", K::DanglingReference | K::UnreferableTarget) => format!("{place} renvoie à une disposition qui n'existe plus. Supprimez ce renvoi ou choisissez-en un autre."),
        ("es", K::DanglingReference | K::UnreferableTarget) => format!("{place} remite a una disposición que ya no existe. Elimine la remisión o elija otra."),
        (_, K::DanglingReference | K::UnreferableTarget) => format!("{place} refers to a provision that no longer exists. Remove the reference or pick another one."),
        ("fr", K::TermDefinitionOmitted) => format!("{place} emploie le terme « {term} », dont la définition ({target}) est écartée. Gardez la définition, ou définissez le terme ailleurs."),
        ("es", K::TermDefinitionOmitted) => format!("{place} usa el término «{term}», cuya definición ({target}) se ha suprimido. Conserve la definición o defina el término en otro lugar."),
        (_, K::TermDefinitionOmitted) => format!("{place} uses the term “{term}”, whose definition ({target}) this draft leaves out. Keep the definition, or define the term elsewhere."),
        ("fr", K::UndefinedTerm) => format!("{place} emploie un terme qu'aucune disposition ne définit."),
        ("es", K::UndefinedTerm) => format!("{place} usa un término que ninguna disposición define."),
        (_, K::UndefinedTerm) => format!("{place} uses a term that no provision defines."),
        ("fr", K::DepartsFromModel) => format!("{place} est une disposition que le modèle exige ; ce projet la supprime, ce qui s'écarte du modèle. Rétablissez-la si ce n'était pas voulu."),
        ("es", K::DepartsFromModel) => format!("{place} es una disposición que el modelo exige; este proyecto la suprime, lo que se aparta del modelo. Restablézcala si no era la intención."),
        (_, K::DepartsFromModel) => format!("{place} is a provision the model requires; this draft deletes it, which departs from the model. Restore it if that was not meant."),
        ("fr", K::Syntax) => "le texte contient un renvoi ou une donnée mal formé qui s'imprimerait tel quel. Retapez-le avec le sélecteur.".into(),
        ("es", K::Syntax) => "el texto contiene una remisión o un dato mal formado que se imprimiría tal cual. Vuelva a insertarlo con el selector.".into(),
        (_, K::Syntax) => "the wording holds a malformed reference or particular that would print as typed. Insert it again with the picker.".into(),
        ("fr", K::InvalidValue | K::UnknownChoice) => format!("la valeur donnée pour {particular} ne convient pas. Corrigez-la."),
        ("es", K::InvalidValue | K::UnknownChoice) => format!("el valor dado para {particular} no es válido. Corríjalo."),
        (_, K::InvalidValue | K::UnknownChoice) => format!("the value given for {particular} does not fit. Correct it."),
        ("fr", K::ValueOutOfRange) => format!("{particular} sort des limites que le modèle admet. Corrigez la valeur."),
        ("es", K::ValueOutOfRange) => format!("{particular} está fuera de los límites que admite el modelo. Corrija el valor."),
        (_, K::ValueOutOfRange) => format!("{particular} is outside the range the model allows. Correct the value."),
        ("fr", K::DateOrder) => format!("{particular} est antérieure à une date qu'elle doit suivre. Corrigez l'une des deux dates."),
        ("es", K::DateOrder) => format!("{particular} es anterior a una fecha que debe seguir. Corrija una de las dos fechas."),
        (_, K::DateOrder) => format!("{particular} is earlier than a date it must follow. Correct one of the two dates."),
        ("fr", K::TooLong) => "le texte est plus long que ce que SSA Workbench conserve. Raccourcissez-le.".into(),
        ("es", K::TooLong) => "el texto es más largo de lo que SSA Workbench conserva. Acórtelo.".into(),
        (_, K::TooLong) => "the wording is longer than SSA Workbench keeps. Shorten it.".into(),
        ("fr", K::BadNesting) => "cette disposition est placée là où son type ne peut pas figurer. Déplacez-la.".into(),
        ("es", K::BadNesting) => "esta disposición está en un lugar donde su tipo no puede figurar. Muévala.".into(),
        (_, K::BadNesting) => "this provision sits where its kind cannot go. Move it.".into(),
        ("fr", K::Unrenderable) => "le projet n'a pas pu être mis en page à cause d'une erreur interne ; il est conservé. Annulez la dernière modification.".into(),
        ("es", K::Unrenderable) => "el proyecto no pudo componerse por un error interno; se conserva. Deshaga la última modificación.".into(),
        (_, K::Unrenderable) => "the draft could not be laid out because of an internal error; it is kept. Undo the last edit.".into(),
        ("fr", K::UnknownImplementedNode) => "renvoie à une disposition que l'accord n'a pas (ou plus). Choisissez la disposition de l'accord qu'elle met en œuvre.".into(),
        ("es", K::UnknownImplementedNode) => "remite a una disposición que el convenio no tiene (o ya no tiene). Elija la disposición del convenio que aplica.".into(),
        (_, K::UnknownImplementedNode) => "refers to a provision the agreement does not have (or no longer has). Pick the provision of the agreement it puts into practice.".into(),
        ("fr", K::TemplateMismatch) => "ce projet a été fait sur une autre version du modèle.".into(),
        ("es", K::TemplateMismatch) => "este proyecto se hizo con otra versión del modelo.".into(),
        (_, K::TemplateMismatch) => "this draft was made from another version of the model.".into(),
        ("fr", _) => "le projet garde un choix que ce modèle ne connaît pas ; il est ignoré et n'affecte pas le texte.".into(),
        ("es", _) => "el proyecto conserva una opción que este modelo no conoce; se ignora y no afecta al texto.".into(),
        (_, _) => "the draft keeps a choice this model does not know; it is ignored and does not change the text.".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_reads_without_markup_in_every_language() {
        use ProblemKind as K;
        let kinds = [
            K::UnfilledPlaceholder,
            K::ReferenceToOmitted,
            K::DanglingReference,
            K::TermDefinitionOmitted,
            K::UndefinedTerm,
            K::DepartsFromModel,
            K::Syntax,
            K::InvalidValue,
            K::ValueOutOfRange,
            K::DateOrder,
            K::TooLong,
            K::BadNesting,
            K::Unrenderable,
            K::UnknownNode,
        ];
        let mut params = BTreeMap::new();
        params.insert("place".into(), "Article 9 Posting".into());
        params.insert("particular".into(), "posting duration".into());
        for language in ["en", "fr", "es"] {
            for kind in kinds {
                let text = sentence(language, kind, &params);
                assert!(
                    !text.contains("{{") && !text.contains('_'),
                    "{language} {kind:?}: {text}"
                );
            }
            // Each language has its own sentence, not the English one.
            if language != "en" {
                assert_ne!(
                    sentence(language, K::UnfilledPlaceholder, &params),
                    sentence("en", K::UnfilledPlaceholder, &params)
                );
            }
        }
    }
}
