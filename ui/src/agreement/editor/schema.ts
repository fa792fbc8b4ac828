// The ProseMirror schema of one provision's wording, and the exact mapping between a document
// of that schema and the stored wording with its `{{…}}` tokens.
//
// ProseMirror (prosemirror-model/-state/-view/-keymap/-commands) rather than TipTap or a
// hand-made contenteditable: it is the well-kept toolkit TipTap itself is built on, gives
// atomic inline nodes (our chips) with exact positions, a clipboard parser we can restrict to
// paragraphs, and a transaction model we can route into the draft's one undo history; TipTap
// would add a layer and its own history extension we must not use.
//
// Contract: a provision is `paragraph+`; a paragraph holds text and three atomic chips:
// `reference` (target node id), `term` (key, optional display wording) and `particular`
// (parameter name). Paragraph breaks are "\n" in the stored wording (the renderer and the PDF
// break lines there). `wordingToDoc` and `docToPieces` are inverse: for every wording that
// splits, `joinWording(docToPieces(wordingToDoc(text))) === text`.
import { Schema, type Node as PMNode } from "prosemirror-model";
import { mergeText, splitWording, type Piece } from "./tokens";

/**
 * A chip's attributes are kept on its DOM node (data-*), so that a chip copied and pasted, or
 * read back from the page by ProseMirror, is the same chip again. What it reads as is drawn by
 * the editor's node views; here it is only the stored token's shape.
 */
const ATTRIBUTE_OF: Record<string, string> = { target: "data-target", key: "data-key", display: "data-display", name: "data-name", raw: "data-raw" };

const chip = (kind: string, attrs: Record<string, { default?: unknown }>) => ({
  group: "inline",
  inline: true,
  atom: true,
  selectable: true,
  attrs: { ...attrs, raw: { default: null } },
  toDOM: (node: PMNode) => ["span", chipDomAttributes(kind, node.attrs)] as const,
  parseDOM: [
    {
      tag: `span[data-chip="${kind}"]`,
      getAttrs: (dom: HTMLElement) => {
        const out: Record<string, string | null> = {};
        for (const name of [...Object.keys(attrs), "raw"]) out[name] = dom.getAttribute(ATTRIBUTE_OF[name]);
        return out;
      },
    },
  ],
});

/** The data-* attributes that carry a chip's attributes in the page and on the clipboard. */
export function chipDomAttributes(kind: string, attrs: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = { "data-chip": kind, class: `chip chip-${kind}`, contenteditable: "false" };
  for (const [name, value] of Object.entries(attrs)) {
    if (value !== null && value !== undefined && ATTRIBUTE_OF[name]) out[ATTRIBUTE_OF[name]] = String(value);
  }
  return out;
}

export const provisionSchema = new Schema({
  nodes: {
    doc: { content: "paragraph+" },
    paragraph: {
      content: "inline*",
      parseDOM: [{ tag: "p" }, { tag: "li" }, { tag: "h1" }, { tag: "h2" }, { tag: "h3" }, { tag: "h4" }, { tag: "div" }],
      toDOM: () => ["p", 0] as const,
    },
    text: { group: "inline" },
    reference: chip("reference", { target: {} }),
    term: chip("term", { key: {}, display: { default: null } }),
    particular: chip("particular", { name: {} }),
  },
  // No marks: wording is plain text; pasted bold, colours and fonts are dropped.
  marks: {},
});

function pieceToNodes(piece: Piece, schema: Schema): PMNode[] {
  const raw = "raw" in piece && piece.raw !== undefined ? piece.raw : null;
  switch (piece.kind) {
    case "text":
      return piece.text === "" ? [] : [schema.text(piece.text)];
    case "reference":
      return [schema.nodes.reference.create({ target: piece.target, raw })];
    case "term":
      return [schema.nodes.term.create({ key: piece.key, display: piece.display, raw })];
    case "parameter":
      return [schema.nodes.particular.create({ name: piece.name, raw })];
  }
}

/** The editor document of stored wording, or null when the wording has a malformed token. */
export function wordingToDoc(text: string, schema: Schema = provisionSchema): PMNode | null {
  const split = splitWording(text);
  if (!split.ok) return null;
  const paragraphs: PMNode[][] = [[]];
  for (const piece of split.pieces) {
    if (piece.kind !== "text") {
      paragraphs[paragraphs.length - 1].push(...pieceToNodes(piece, schema));
      continue;
    }
    piece.text.split("\n").forEach((line, i) => {
      if (i > 0) paragraphs.push([]);
      paragraphs[paragraphs.length - 1].push(...pieceToNodes({ kind: "text", text: line }, schema));
    });
  }
  return schema.node(
    "doc",
    null,
    paragraphs.map((content) => schema.node("paragraph", null, content)),
  );
}

/** The pieces a document stores: paragraphs joined by "\n". */
export function docToPieces(doc: PMNode): Piece[] {
  const pieces: Piece[] = [];
  doc.forEach((paragraph, _offset, index) => {
    if (index > 0) pieces.push({ kind: "text", text: "\n" });
    paragraph.forEach((node) => {
      const raw = (node.attrs.raw as string | null) ?? undefined;
      if (node.isText) pieces.push({ kind: "text", text: node.text ?? "" });
      else if (node.type.name === "reference") pieces.push({ kind: "reference", target: node.attrs.target as string, raw });
      else if (node.type.name === "term")
        pieces.push({ kind: "term", key: node.attrs.key as string, display: (node.attrs.display as string | null) ?? null, raw });
      else if (node.type.name === "particular") pieces.push({ kind: "parameter", name: node.attrs.name as string, raw });
    });
  });
  return mergeText(pieces);
}
