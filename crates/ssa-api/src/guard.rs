//! Panics stop at the boundary: a bug anywhere in a use case becomes an [`ErrorCode::Internal`]
//! error for that one call (logged with its message), never the end of the app or of the
//! command line; and a draft that cannot be rendered still opens, with the problem said.
//!
//! Every use case runs through [`Session::with`](crate::Session::with), which calls [`caught`].
//! A panic inside a store write leaves nothing half done: the transaction is rolled back when
//! it is dropped during the unwind.

use std::panic::{catch_unwind, AssertUnwindSafe};

use ssa_core::template::{render, Document, Draft, Problem, ProblemKind, Template};

use crate::{ApiError, ErrorCode};

/// Runs `work`; a panic becomes the panic's message.
pub fn caught<T>(work: impl FnOnce() -> T) -> Result<T, String> {
    catch_unwind(AssertUnwindSafe(work)).map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "no message".to_string())
    })
}

/// The error a caught panic becomes.
pub fn internal_error(detail: &str) -> ApiError {
    tracing::error!(detail, "a use case panicked; the call was stopped");
    ApiError::new(
        ErrorCode::Internal,
        format!(
            "SSA Workbench hit an internal error and stopped this action; nothing else was \
             changed. Please report it with the log file ({}).",
            ssa_core::limits::excerpt_of(detail, 200)
        ),
    )
}

/// The draft rendered and validated; when that panics, an empty document and one
/// [`ProblemKind::Unrenderable`] problem, so that the view still opens and the edit can be
/// undone or the wording fixed.
pub(crate) fn render_checked(template: &Template, draft: &Draft) -> (Document, Vec<Problem>) {
    match caught(|| (render(template, draft), draft.validate(template).problems)) {
        Ok(rendered) => rendered,
        Err(detail) => unrenderable(template, &detail),
    }
}

fn unrenderable(template: &Template, detail: &str) -> (Document, Vec<Problem>) {
    tracing::error!(detail, template = %template.id, "a draft could not be rendered");
    let document = Document {
        template_id: template.id.clone(),
        template_version: template.version.clone(),
        title: Vec::new(),
        nodes: Vec::new(),
        omitted: Vec::new(),
    };
    let problem = Problem::error(
        ProblemKind::Unrenderable,
        format!(
            "This draft cannot be rendered because of an internal error ({}). The draft is \
             saved as it is: undo the last edit, or restore the model wording of the provision \
             you changed.",
            ssa_core::limits::excerpt_of(detail, 200)
        ),
    );
    (document, vec![problem])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_its_message() {
        assert_eq!(caught(|| 2 + 2), Ok(4));
        assert_eq!(caught(|| -> u8 { panic!("boom") }), Err("boom".to_string()));
        let owned = caught(|| -> u8 { panic!("{}", String::from("owned boom")) });
        assert_eq!(owned, Err("owned boom".to_string()));
        let error = internal_error("index out of bounds");
        assert_eq!(error.code, ErrorCode::Internal);
        assert!(error.message.contains("index out of bounds"));
    }

    #[test]
    fn an_unrenderable_draft_is_an_empty_document_with_the_problem() {
        let template = Template::parse(
            "t.toml",
            "format = \"ssa-template/1\"\nid = \"t\"\nversion = \"1\"\ntitle = \"T\"\nkind = \"bilateral\"\n[provenance]\nstatus = \"inferred\"\nconfidence = \"low\"\n",
        )
        .unwrap();
        let (document, problems) = unrenderable(&template, "boom");
        assert!(document.nodes.is_empty());
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].kind, ProblemKind::Unrenderable);
        assert!(problems[0].message.contains("undo the last edit"));
    }
}
