// The stored wording of a provision and what the editor shows, piece by piece.
//
// Contract: `splitWording(text)` splits stored wording into literal text and `{{…}}` tokens by
// the same rules as ssa-core's `template::text::pieces` (`{{` always opens a token, no escape,
// a stray `}}` is an error); `joinWording(pieces)` writes pieces back. For every text that
// splits, `joinWording(splitWording(text).pieces) === text` exactly: each token keeps the text
// it was written with (`raw`), so spacing inside a token survives an edit elsewhere.
//
// Hand-rolled rather than a library because the token grammar is this project's own (four
// token kinds, ~40 lines); the core's parser stays the authority and re-checks on save.

export type Piece =
  | { kind: "text"; text: string }
  | { kind: "parameter"; name: string; raw?: string }
  | { kind: "reference"; target: string; raw?: string }
  | { kind: "term"; key: string; display: string | null; raw?: string };

export type SplitResult = { ok: true; pieces: Piece[] } | { ok: false; offset: number };

const NAME = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/;
const NODE_ID = /^[A-Za-z0-9.\-_#]+$/;

export function isName(name: string): boolean {
  return NAME.test(name);
}

export function isNodeId(id: string): boolean {
  return NODE_ID.test(id);
}

type TokenPiece = Exclude<Piece, { kind: "text" }>;

function token(inner: string): TokenPiece | null {
  if (inner.includes("{{")) return null;
  const trimmed = inner.trim();
  if (trimmed.startsWith("ref:")) {
    const target = trimmed.slice(4).trim();
    return isNodeId(target) ? { kind: "reference", target } : null;
  }
  if (trimmed.startsWith("term:")) {
    const body = trimmed.slice(5);
    const bar = body.indexOf("|");
    const key = (bar < 0 ? body : body.slice(0, bar)).trim();
    const display = bar < 0 ? null : body.slice(bar + 1).trim();
    if (!isName(key) || display === "") return null;
    return { kind: "term", key, display };
  }
  if (trimmed === "" || trimmed.includes(":") || !isName(trimmed)) return null;
  return { kind: "parameter", name: trimmed };
}

/** Splits stored wording; `ok: false` with the offset (in UTF-16 units) of the first fault. */
export function splitWording(text: string): SplitResult {
  const pieces: Piece[] = [];
  let at = 0;
  for (;;) {
    const open = text.indexOf("{{", at);
    const literalEnd = open < 0 ? text.length : open;
    const literal = text.slice(at, literalEnd);
    const stray = literal.indexOf("}}");
    if (stray >= 0) return { ok: false, offset: at + stray };
    if (literal !== "") pieces.push({ kind: "text", text: literal });
    if (open < 0) return { ok: true, pieces };
    const close = text.indexOf("}}", open + 2);
    if (close < 0) return { ok: false, offset: open };
    const raw = text.slice(open, close + 2);
    const piece = token(text.slice(open + 2, close));
    if (!piece) return { ok: false, offset: open };
    pieces.push({ ...piece, raw });
    at = close + 2;
  }
}

/** The token as written when the piece has no original text (a chip inserted in the editor). */
export function tokenText(piece: TokenPiece): string {
  if (piece.raw !== undefined) return piece.raw;
  switch (piece.kind) {
    case "parameter":
      return `{{${piece.name}}}`;
    case "reference":
      return `{{ref:${piece.target}}}`;
    case "term":
      return piece.display === null ? `{{term:${piece.key}}}` : `{{term:${piece.key}|${piece.display}}}`;
  }
}

export function joinWording(pieces: Piece[]): string {
  return pieces.map((piece) => (piece.kind === "text" ? piece.text : tokenText(piece))).join("");
}

/**
 * Why pieces cannot be stored as they are, or null. Wording has no escape for braces: a literal
 * `{{` or `}}` would read as a token, and a `{` just before a token would join its braces.
 */
export function unstorable(pieces: Piece[]): "braces" | null {
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i];
    if (piece.kind !== "text") continue;
    if (piece.text.includes("{{") || piece.text.includes("}}")) return "braces";
    const next = pieces[i + 1];
    if (next && next.kind !== "text" && piece.text.endsWith("{")) return "braces";
  }
  const joined = joinWording(pieces);
  const again = splitWording(joined);
  return again.ok && again.pieces.length === mergeText(pieces).length ? null : "braces";
}

/** Adjacent text pieces joined, empty ones dropped (what splitting the joined text gives). */
export function mergeText(pieces: Piece[]): Piece[] {
  const out: Piece[] = [];
  for (const piece of pieces) {
    const last = out.at(-1);
    if (piece.kind === "text") {
      if (piece.text === "") continue;
      if (last?.kind === "text") out[out.length - 1] = { kind: "text", text: last.text + piece.text };
      else out.push(piece);
    } else out.push(piece);
  }
  return out;
}
