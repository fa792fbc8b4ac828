// The mapping between the editor's chips and the stored `{{…}}` tokens: exact round trips, and
// what the editor refuses to store.
import { EditorState } from "prosemirror-state";
import { docToPieces, provisionSchema, wordingToDoc } from "./schema";
import { joinWording, splitWording, unstorable, type Piece } from "./tokens";

const roundTrip = (text: string) => joinWording(docToPieces(wordingToDoc(text)!));

const chipsOf = (text: string) => {
  const out: string[] = [];
  wordingToDoc(text)!.descendants((node) => {
    if (node.type.name !== "text" && node.type.name !== "paragraph") out.push(`${node.type.name}:${JSON.stringify(node.attrs)}`);
  });
  return out;
};

describe("chips and stored tokens", () => {
  const cases = [
    "",
    "Plain wording without any token.",
    "The {{term:competent_authority}} of {{party_a}} shall, under {{ref:M1.3}}, inform the other.",
    "{{ref:M1.3}}",
    "{{party_a}}{{party_b}}",
    "{{ref:M1.3}}{{ref:M2-AL.1}}{{term:institution|institutions}}",
    "Adjacent:{{posting.months}}months",
    "L'institution compétente de l'État où réside l'intéressé — « {{term:institution|institutions}} » — paie {{amount}} €.",
    "Las prestaciones de vejez según el {{ref:M3.2#b}}, año niño {{posting.months}} meses.",
    "Ñandú, ça, æøå, 日本語 and emoji 🙂 around {{party_a}} 🙂.",
    "Single braces {like this} and { alone } stay text.",
    "A brace after a token {{party_a}}} is text.",
    "}{{party_a}}{ brace on each side",
    "Tokens with spaces: {{ party_a }}, {{ ref: M1.3 }}, {{term: national | nationals }}.",
    "Line one {{party_a}}\nLine two {{ref:M1.1}}\n\nafter an empty line",
    "\nstarts with a break",
    "ends with a break\n",
    "   leading and trailing spaces   ",
    "tabs\tand  double  spaces",
    "{{term:national|the nationals' (plural)}}",
  ];

  for (const text of cases) {
    it(`round-trips exactly: ${JSON.stringify(text).slice(0, 60)}`, () => {
      expect(splitWording(text).ok).toBe(true);
      expect(roundTrip(text)).toBe(text);
    });
  }

  it("makes a chip of every token and none of literal text", () => {
    expect(chipsOf("Under {{ref:M1.1}}, the {{term:institution|institutions}} pay {{amount}}.")).toEqual([
      'reference:{"target":"M1.1","raw":"{{ref:M1.1}}"}',
      'term:{"key":"institution","display":"institutions","raw":"{{term:institution|institutions}}"}',
      'particular:{"name":"amount","raw":"{{amount}}"}',
    ]);
    expect(chipsOf("Single {braces} only")).toEqual([]);
  });

  it("writes paragraphs as lines", () => {
    const doc = wordingToDoc("a\nb {{x}}\n")!;
    expect(doc.childCount).toBe(3);
    expect(doc.child(1).textContent).toBe("b ");
  });

  it("writes a chip inserted in the editor as a canonical token", () => {
    const doc = wordingToDoc("See .")!;
    const state = EditorState.create({ doc });
    const tr = state.tr.insert(5, provisionSchema.nodes.reference.create({ target: "M2.4#a" }));
    expect(joinWording(docToPieces(tr.doc))).toBe("See {{ref:M2.4#a}}.");
    const term = state.tr.insert(4, provisionSchema.nodes.term.create({ key: "institution", display: "institutions" }));
    expect(joinWording(docToPieces(term.doc))).toBe("See{{term:institution|institutions}} .");
  });

  it("keeps the other tokens as written when text around them is typed", () => {
    const doc = wordingToDoc("{{ party_a }} and {{ref: M1.1 }}")!;
    const state = EditorState.create({ doc });
    const tr = state.tr.insertText("both ", 1);
    expect(joinWording(docToPieces(tr.doc))).toBe("both {{ party_a }} and {{ref: M1.1 }}");
  });

  it("does not open wording with a malformed token (the core would refuse it too)", () => {
    for (const bad of ["abc {{ref:X", "a }} b", "{{}}", "{{Bad Name}}", "{{foo:bar}}", "{{term:x|}}", "{{{x}}}", "{{ref:M 1}}"]) {
      expect(splitWording(bad).ok, bad).toBe(false);
      expect(wordingToDoc(bad), bad).toBeNull();
    }
    expect(splitWording("abc {{ref:X").ok ? -1 : (splitWording("abc {{ref:X") as { offset: number }).offset).toBe(4);
  });

  it("refuses to store typed double braces, or a brace that would join a token", () => {
    const text = (s: string): Piece => ({ kind: "text", text: s });
    const param: Piece = { kind: "parameter", name: "party_a" };
    expect(unstorable([text("typed {{ here")])).toBe("braces");
    expect(unstorable([text("typed }} here")])).toBe("braces");
    expect(unstorable([text("a {"), param])).toBe("braces");
    expect(unstorable([text("a { "), param, text("} b")])).toBeNull();
    expect(unstorable([text("{"), text("{")])).toBe("braces");
    expect(unstorable([param, text("}")])).toBeNull();
  });

  it("round-trips generated wordings", () => {
    // A seeded generator: text runs with accents, single braces and line breaks between tokens.
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const runs = ["a", "é", " ", "{", "}", "\n", "ß", "x y", "«»", "'"];
    const tokens = ["{{party_a}}", "{{ref:M1.3}}", "{{term:national|nationals}}", "{{term:institution}}", "{{ ref:M2-AL.1#b }}"];
    let tried = 0;
    for (let i = 0; i < 400; i++) {
      let s = "";
      for (let j = 0; j < 8; j++) s += next(3) === 0 ? tokens[next(tokens.length)] : runs[next(runs.length)];
      if (!splitWording(s).ok) continue;
      tried += 1;
      expect(roundTrip(s), JSON.stringify(s)).toBe(s);
      expect(unstorable(docToPieces(wordingToDoc(s)!)), JSON.stringify(s)).toBeNull();
    }
    expect(tried).toBeGreaterThan(100);
  });
});

describe("chips in the page", () => {
  it("are read back from the page as the same chips (copy and paste inside the editor)", async () => {
    const { DOMParser, DOMSerializer } = await import("prosemirror-model");
    const text = "Under {{ ref: M1.1 }}, the {{term:institution|institutions}} pay {{amount}}.";
    const doc = wordingToDoc(text)!;
    const html = document.createElement("div");
    html.append(DOMSerializer.fromSchema(provisionSchema).serializeFragment(doc.content));
    const again = DOMParser.fromSchema(provisionSchema).parse(html);
    expect(joinWording(docToPieces(again))).toBe(text);
  });
});
