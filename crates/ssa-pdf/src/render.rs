//! Drawing a [`Typeset`] with printpdf, then finishing the file with lopdf: document language,
//! a nested outline (bookmarks) and compression.
//!
//! Contract: the PDF embeds only the faces the pages use, each subset to the glyphs used, with
//! ToUnicode maps (printpdf writes them), so text can be searched, copied and read aloud. Runs
//! are drawn in reading order (the order the layout produced them) so text extraction follows
//! the page. The outline is ours rather than printpdf's `add_bookmark`, which is flat and sorts
//! entries of one page by name ("Article 10" before "Article 9").

use std::collections::BTreeMap;

use lopdf::{Dictionary, Object, ObjectId};
use printpdf::{
    Color, CurTransMat, Line, LinePoint, Mm, Op, PaintMode, ParsedFont, PdfDocument, PdfFontHandle,
    PdfPage, PdfSaveOptions, Point, Polygon, PolygonRing, Pt, Rgb, TextItem, TextMatrix,
    WindingOrder,
};

use crate::layout::GlyphRun;

use crate::fonts::FontSet;
use crate::layout::{Mark, Role, Typeset};
use crate::PdfError;

/// Document information written into the file.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DocumentInfo {
    pub title: String,
    pub subject: String,
    /// BCP 47 language tag of the text ("en", "fr", "es").
    pub language: String,
    /// Seconds since the Unix epoch; the caller's clock, never read here.
    pub created_unix: i64,
}

fn rgb(r: f32, g: f32, b: f32) -> Color {
    Color::Rgb(Rgb {
        r,
        g,
        b,
        icc_profile: None,
    })
}

/// Colours chosen to stay apart in greyscale too: insertions dark blue (and underlined),
/// deletions dark red (and struck through), placeholders mid grey.
fn colour_of(mark: Mark, role: Role) -> Color {
    match (role, mark) {
        (Role::Watermark, _) => rgb(0.88, 0.88, 0.88),
        (Role::Header | Role::Footer, _) => rgb(0.35, 0.35, 0.35),
        (_, Mark::Inserted) => rgb(0.0, 0.25, 0.65),
        (_, Mark::Deleted) => rgb(0.70, 0.05, 0.05),
        (_, Mark::Muted) => rgb(0.42, 0.42, 0.42),
        (_, Mark::Plain) => rgb(0.0, 0.0, 0.0),
    }
}

pub fn to_pdf(
    typeset: &Typeset,
    fonts: &FontSet,
    info: &DocumentInfo,
) -> Result<Vec<u8>, PdfError> {
    let mut doc = PdfDocument::new(&info.title);
    doc.metadata.info.subject = info.subject.clone();
    doc.metadata.info.creator = "SSA Workbench".into();
    doc.metadata.info.producer = "SSA Workbench (ssa-pdf, printpdf)".into();
    if let Ok(created) = printpdf::OffsetDateTime::from_unix_timestamp(info.created_unix) {
        doc.metadata.info.creation_date = created;
        doc.metadata.info.modification_date = created;
        doc.metadata.info.metadata_date = created;
    }

    let mut used_faces: Vec<usize> = typeset
        .pages
        .iter()
        .flat_map(|p| p.runs.iter().filter(|r| r.role != Role::Watermark))
        .map(|r| r.face.0)
        .collect();
    used_faces.sort_unstable();
    used_faces.dedup();
    let mut font_ids = BTreeMap::new();
    for index in used_faces {
        let face = &fonts.faces[index];
        let parsed =
            ParsedFont::from_bytes(&face.bytes, 0, &mut Vec::new()).ok_or(PdfError::Font {
                face: face.name,
                reason: "printpdf could not read it".into(),
            })?;
        font_ids.insert(index, doc.add_font(&parsed));
    }

    let g = &typeset.geometry;
    let mut pages = Vec::with_capacity(typeset.pages.len());
    for page in &typeset.pages {
        let mut ops = Vec::new();
        // Watermark first, so the text is drawn over it. It is drawn as glyph outlines, not
        // text: it must not turn up when the text is copied, searched or read aloud.
        for run in page.runs.iter().filter(|r| r.role == Role::Watermark) {
            ops.push(Op::SaveGraphicsState);
            ops.push(Op::SetFillColor {
                col: colour_of(run.mark, run.role),
            });
            ops.extend(outlines(&fonts.faces[run.face.0].bytes, run, g.height));
            ops.push(Op::RestoreGraphicsState);
        }
        ops.push(Op::StartTextSection);
        let mut current_font = None;
        let mut current_size = 0.0;
        let mut current_colour = None;
        for run in page.runs.iter().filter(|r| r.role != Role::Watermark) {
            if current_font != Some(run.face) || current_size != run.size {
                ops.push(Op::SetFont {
                    font: PdfFontHandle::External(font_ids[&run.face.0].clone()),
                    size: Pt(run.size),
                });
                current_font = Some(run.face);
                current_size = run.size;
            }
            let colour = colour_of(run.mark, run.role);
            if current_colour.as_ref() != Some(&colour) {
                ops.push(Op::SetFillColor {
                    col: colour.clone(),
                });
                current_colour = Some(colour);
            }
            ops.push(Op::SetTextMatrix {
                matrix: TextMatrix::Translate(Pt(run.x), Pt(g.height - run.baseline)),
            });
            ops.push(Op::ShowText {
                items: text_items(&run.text, run.extra_per_space, run.size),
            });
        }
        ops.push(Op::EndTextSection);
        for rule in &page.rules {
            ops.push(Op::SetOutlineColor {
                col: colour_of(rule.mark, Role::Body),
            });
            ops.push(Op::SetOutlineThickness {
                pt: Pt(rule.thickness),
            });
            ops.push(Op::DrawLine {
                line: Line {
                    points: vec![
                        LinePoint {
                            p: Point {
                                x: Pt(rule.x1),
                                y: Pt(g.height - rule.y1),
                            },
                            bezier: false,
                        },
                        LinePoint {
                            p: Point {
                                x: Pt(rule.x2),
                                y: Pt(g.height - rule.y2),
                            },
                            bezier: false,
                        },
                    ],
                    is_closed: false,
                },
            });
        }
        pages.push(PdfPage::new(
            Mm(g.width * 25.4 / 72.0),
            Mm(g.height * 25.4 / 72.0),
            ops,
        ));
    }
    doc.with_pages(pages);

    let mut warnings = Vec::new();
    let options = PdfSaveOptions {
        optimize: true,
        subset_fonts: true,
        secure: true,
        image_optimization: None,
    };
    let mut pdf = doc.to_lopdf_document(&options, &mut warnings);
    finish(&mut pdf, typeset, info)?;
    pdf.compress();
    let mut bytes = Vec::new();
    pdf.save_to(&mut bytes)
        .map_err(|e| PdfError::Write(e.to_string()))?;
    Ok(bytes)
}

/// The glyphs of `run` as filled paths, in font units under a matrix that scales, rotates and
/// places them (the watermark).
fn outlines(font: &[u8], run: &GlyphRun, page_height: f32) -> Vec<Op> {
    let Ok(face) = ttf_parser::Face::parse(font, 0) else {
        return Vec::new();
    };
    let scale = run.size / f32::from(face.units_per_em());
    let (sin, cos) = run.angle.to_radians().sin_cos();
    let mut ops = vec![Op::SetTransformationMatrix {
        matrix: CurTransMat::Raw([
            cos * scale,
            sin * scale,
            -sin * scale,
            cos * scale,
            run.x,
            page_height - run.baseline,
        ]),
    }];
    let mut pen = 0.0;
    for c in run.text.chars() {
        let Some(glyph) = face.glyph_index(c) else {
            continue;
        };
        let mut builder = PathBuilder {
            dx: pen,
            rings: Vec::new(),
            current: (0.0, 0.0),
        };
        face.outline_glyph(glyph, &mut builder);
        if !builder.rings.is_empty() {
            ops.push(Op::DrawPolygon {
                polygon: Polygon {
                    rings: builder.rings,
                    mode: PaintMode::Fill,
                    winding_order: WindingOrder::NonZero,
                },
            });
        }
        pen += f32::from(face.glyph_hor_advance(glyph).unwrap_or(0));
    }
    ops
}

/// Collects a glyph outline as polygon rings; quadratic curves become cubic ones (PDF paths
/// have only cubic Béziers).
struct PathBuilder {
    dx: f32,
    rings: Vec<PolygonRing>,
    current: (f32, f32),
}

impl PathBuilder {
    fn point(&self, x: f32, y: f32, bezier: bool) -> LinePoint {
        LinePoint {
            p: Point {
                x: Pt(x + self.dx),
                y: Pt(y),
            },
            bezier,
        }
    }
    fn push(&mut self, point: LinePoint) {
        if let Some(ring) = self.rings.last_mut() {
            ring.points.push(point);
        }
    }
}

impl ttf_parser::OutlineBuilder for PathBuilder {
    fn move_to(&mut self, x: f32, y: f32) {
        let start = self.point(x, y, false);
        self.rings.push(PolygonRing {
            points: vec![start],
        });
        self.current = (x, y);
    }
    fn line_to(&mut self, x: f32, y: f32) {
        let point = self.point(x, y, false);
        self.push(point);
        self.current = (x, y);
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        let (x0, y0) = self.current;
        let c1 = (x0 + 2.0 / 3.0 * (x1 - x0), y0 + 2.0 / 3.0 * (y1 - y0));
        let c2 = (x + 2.0 / 3.0 * (x1 - x), y + 2.0 / 3.0 * (y1 - y));
        self.curve_to(c1.0, c1.1, c2.0, c2.1, x, y);
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        let points = [
            self.point(x1, y1, true),
            self.point(x2, y2, true),
            self.point(x, y, false),
        ];
        for point in points {
            self.push(point);
        }
        self.current = (x, y);
    }
    fn close(&mut self) {}
}

/// A justified run: each space is followed by a negative TJ adjustment that widens it (word
/// spacing `Tw` does not apply to the two-byte codes of embedded CID fonts).
fn text_items(text: &str, extra_per_space: f32, size: f32) -> Vec<TextItem> {
    if extra_per_space <= 0.0 || !text.contains(' ') {
        return vec![TextItem::Text(text.to_string())];
    }
    let adjustment = -extra_per_space * 1000.0 / size;
    let mut items = Vec::new();
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            items.push(TextItem::Text(" ".into()));
            items.push(TextItem::Offset(adjustment));
        }
        if !word.is_empty() {
            items.push(TextItem::Text(word.to_string()));
        }
    }
    items
}

/// Language, a nested outline of the anchors, and the outline shown on opening.
fn finish(
    pdf: &mut lopdf::Document,
    typeset: &Typeset,
    info: &DocumentInfo,
) -> Result<(), PdfError> {
    let page_ids: Vec<ObjectId> = pdf.get_pages().into_values().collect();
    let catalog_id = pdf
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(|e| PdfError::Write(format!("no document catalogue: {e}")))?;

    let mut outline_root = None;
    if !typeset.anchors.is_empty() {
        let root_id = pdf.new_object_id();
        // Build the tree: each level-1 entry belongs to the closest level-0 entry before it.
        let mut tops: Vec<(ObjectId, Vec<ObjectId>)> = Vec::new();
        let mut items: Vec<(ObjectId, Dictionary)> = Vec::new();
        for anchor in &typeset.anchors {
            let id = pdf.new_object_id();
            let page = page_ids
                .get(anchor.page)
                .copied()
                .ok_or_else(|| PdfError::Write("outline entry past the last page".into()))?;
            let top = typeset.geometry.height - anchor.y + 12.0;
            let mut item = Dictionary::new();
            item.set(
                "Title",
                Object::string_literal(utf16_text(&anchor.anchor.title)),
            );
            item.set(
                "Dest",
                Object::Array(vec![
                    Object::Reference(page),
                    Object::Name(b"XYZ".to_vec()),
                    Object::Null,
                    Object::Real(top),
                    Object::Null,
                ]),
            );
            if anchor.anchor.level == 0 || tops.is_empty() {
                tops.push((id, Vec::new()));
            } else {
                tops.last_mut().expect("checked").1.push(id);
            }
            items.push((id, item));
        }
        let mut dicts: BTreeMap<ObjectId, Dictionary> = items.into_iter().collect();
        link_siblings(
            &mut dicts,
            &tops.iter().map(|t| t.0).collect::<Vec<_>>(),
            root_id,
        );
        for (top, children) in &tops {
            if !children.is_empty() {
                link_siblings(&mut dicts, children, *top);
                let entry = dicts.get_mut(top).expect("each top is an item");
                entry.set("First", Object::Reference(children[0]));
                entry.set(
                    "Last",
                    Object::Reference(*children.last().expect("non-empty")),
                );
                // Negative: parts open closed, so the outline reads as a table of contents.
                entry.set("Count", Object::Integer(-(children.len() as i64)));
            }
        }
        let mut root = Dictionary::new();
        root.set("Type", Object::Name(b"Outlines".to_vec()));
        root.set("First", Object::Reference(tops[0].0));
        root.set("Last", Object::Reference(tops.last().expect("non-empty").0));
        root.set("Count", Object::Integer(tops.len() as i64));
        for (id, dict) in dicts {
            pdf.objects.insert(id, Object::Dictionary(dict));
        }
        pdf.objects.insert(root_id, Object::Dictionary(root));
        outline_root = Some(root_id);
    }

    let catalog = pdf
        .get_object_mut(catalog_id)
        .and_then(Object::as_dict_mut)
        .map_err(|e| PdfError::Write(format!("document catalogue: {e}")))?;
    if !info.language.is_empty() {
        catalog.set("Lang", Object::string_literal(info.language.clone()));
    }
    if let Some(root) = outline_root {
        catalog.set("Outlines", Object::Reference(root));
        catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
    } else {
        catalog.remove(b"Outlines");
    }
    Ok(())
}

fn link_siblings(dicts: &mut BTreeMap<ObjectId, Dictionary>, ids: &[ObjectId], parent: ObjectId) {
    for (i, id) in ids.iter().enumerate() {
        let entry = dicts.get_mut(id).expect("each id is an item");
        entry.set("Parent", Object::Reference(parent));
        if i > 0 {
            entry.set("Prev", Object::Reference(ids[i - 1]));
        }
        if let Some(next) = ids.get(i + 1) {
            entry.set("Next", Object::Reference(*next));
        }
    }
}

/// A PDF text string in UTF-16BE with its byte-order mark, so accented titles survive.
fn utf16_text(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        bytes.extend(unit.to_be_bytes());
    }
    bytes
}
