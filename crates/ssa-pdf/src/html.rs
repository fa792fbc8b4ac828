//! The agreement as one HTML page, from the same rendered document and the same inputs as
//! [`crate::agreement`]: what a browser's print-to-PDF would be given (the bench compares the
//! two). Not used by the app's exports.
//!
//! Contract: every piece of text is escaped; fonts are named by `font_base_url` (the folder of
//! the shipped fonts as a `file://` URL) so the browser sets the same faces.

use ssa_core::template::document::plain;
use ssa_core::template::{DocumentNode, NodeKind, Segment};

use crate::agreement::AgreementInput;

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

fn segments(segments: &[Segment]) -> String {
    segments
        .iter()
        .map(|s| match s {
            Segment::Unfilled { .. } | Segment::BrokenReference { .. } => {
                format!("<em class=\"muted\">{}</em>", escape(&s.printed()))
            }
            _ => escape(&s.plain()),
        })
        .collect()
}

pub fn agreement_html(input: &AgreementInput<'_>, font_base_url: &str) -> String {
    let document = input.document;
    let labels = &input.labels;
    let title = plain(&document.title);
    let mut out = String::new();
    out.push_str(&format!(
        "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title><style>\n\
@font-face {{ font-family: Body; src: url('{base}/LiberationSerif-Regular.ttf'); }}\n\
@font-face {{ font-family: Body; font-weight: bold; src: url('{base}/LiberationSerif-Bold.ttf'); }}\n\
@font-face {{ font-family: Body; font-style: italic; src: url('{base}/LiberationSerif-Italic.ttf'); }}\n\
@page {{ size: A4; margin: 30mm 25mm 25mm 25mm; }}\n\
body {{ font-family: Body, serif; font-size: 11pt; line-height: 1.3; }}\n\
p {{ text-align: justify; margin: 0 0 6pt 0; }}\n\
.centre {{ text-align: center; }} .muted {{ color: #6b6b6b; }}\n\
.title {{ page-break-after: always; text-align: center; padding-top: 150pt; }}\n\
.title h1 {{ font-size: 20pt; }} .contents {{ page-break-after: always; }}\n\
h2, h3 {{ text-align: center; font-size: 11pt; margin: 14pt 0 2pt; page-break-after: avoid; }}\n\
.item {{ margin-left: 24pt; text-indent: -24pt; }}\n\
table.sign {{ width: 100%; margin-top: 16pt; }} table.sign td {{ vertical-align: top; white-space: pre-line; }}\n\
</style></head><body>\n",
        escape(&input.language),
        escape(&title),
        base = font_base_url
    ));
    out.push_str(&format!(
        "<div class=\"title\"><h1>{}</h1>",
        segments(&document.title)
    ));
    for (i, party) in input.parties.iter().enumerate() {
        let word = if i == 0 { &labels.between } else { &labels.and };
        out.push_str(&format!(
            "<p class=\"centre\"><em>{}</em></p><p class=\"centre\"><strong>{}</strong></p>",
            escape(word),
            escape(party)
        ));
    }
    out.push_str(&format!(
        "<p class=\"centre\">{}</p><p class=\"centre\"><em>{}</em></p></div>\n",
        escape(&input.status),
        escape(&input.date)
    ));
    out.push_str(&format!(
        "<div class=\"contents\"><h2>{}</h2>",
        escape(&labels.contents)
    ));
    for node in document.walk() {
        if matches!(node.kind, NodeKind::Part | NodeKind::Article) {
            out.push_str(&format!(
                "<p><a href=\"#{}\">{} {}</a></p>",
                escape(&node.id),
                escape(node.label.as_deref().unwrap_or_default()),
                segments(&node.heading)
            ));
        }
    }
    out.push_str("</div>\n");
    for node in &document.nodes {
        write_node(&mut out, node, input);
    }
    out.push_str("</body></html>\n");
    out
}

fn write_node(out: &mut String, node: &DocumentNode, input: &AgreementInput<'_>) {
    let label = escape(node.label.as_deref().unwrap_or_default());
    match node.kind {
        NodeKind::Part | NodeKind::Chapter | NodeKind::Section | NodeKind::Article => {
            out.push_str(&format!(
                "<h2 id=\"{}\">{}</h2><h3>{}</h3>",
                escape(&node.id),
                label,
                segments(&node.heading)
            ));
            if !node.text.is_empty() {
                out.push_str(&format!("<p>{}</p>", segments(&node.text)));
            }
        }
        NodeKind::Annex => {
            out.push_str(&format!(
                "<h2 id=\"{}\">{}</h2>",
                escape(&node.id),
                segments(&node.heading)
            ));
            if !node.text.is_empty() {
                out.push_str(&format!("<p>{}</p>", segments(&node.text)));
            }
        }
        NodeKind::Paragraph | NodeKind::Item => out.push_str(&format!(
            "<p class=\"item\">{} {}</p>",
            label,
            segments(&node.text)
        )),
        NodeKind::Preamble | NodeKind::Signature => {
            if !node.text.is_empty() {
                out.push_str(&format!("<p>{}</p>", segments(&node.text)));
            }
            if node.kind == NodeKind::Signature {
                out.push_str("<table class=\"sign\"><tr>");
                for party in &input.parties {
                    out.push_str(&format!(
                        "<td><strong>{}</strong>\n\n\n______________________________\n{}\n\n{}: ____________\n{}: ____________</td>",
                        escape(party),
                        escape(&input.labels.signature),
                        escape(&input.labels.place),
                        escape(&input.labels.date)
                    ));
                }
                out.push_str("</tr></table>");
            }
        }
    }
    for child in &node.children {
        write_node(out, child, input);
    }
}
