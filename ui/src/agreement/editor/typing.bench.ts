// Typing in a long provision: the cost of one keystroke in a 2,000-word article, from the
// key's transaction to the stored wording handed to the draft (serialisation, the braces
// check, the draft's undo step), side by side with the plain text box the editor replaced.
// Run: scripts/bench-editor.sh (vitest bench, jsdom; the figures are JavaScript time, the
// browser's own layout and paint come on top in the app).
import { bench, describe } from "vitest";
import type { ChipContext } from "./chips";
import { ProvisionView } from "./view";

const WORDS = 2_000;

/** A long article: sentences of 20 words with a reference, a term or a particular every 40 words, in paragraphs of 200. */
function longWording(): string {
  const vocabulary = ["the", "competent", "institution", "shall", "pay", "benefits", "under", "legislation", "of", "each", "Party", "à", "l'intéressé", "résidant"];
  const out: string[] = [];
  for (let i = 1; i <= WORDS; i++) {
    out.push(vocabulary[i % vocabulary.length]);
    if (i % 40 === 0) out.push(["{{ref:M2.4}}", "{{term:institution|institutions}}", "{{posting.months}}"][(i / 40) % 3]);
    if (i % 20 === 0) out[out.length - 1] += ".";
    if (i % 200 === 0 && i < WORDS) out.push("\n");
  }
  return out.join(" ").replace(/ \n /g, "\n");
}

const context: ChipContext = {
  reference: () => ({ text: "Article 12(3)", state: "live" }),
  term: (_key, display) => display ?? "competent institution",
  particular: () => ({ text: "24 months", filled: true }),
};

const text = longWording();

describe(`one keystroke in a ${WORDS}-word article`, () => {
  const host = document.createElement("div");
  document.body.append(host);
  let stored = text;
  const editor = new ProvisionView(host, text, {
    context,
    readOnly: false,
    label: "bench",
    testid: "bench",
    onchange: (wording) => (stored = wording),
    onundo: () => {},
    onredo: () => {},
    onparticular: () => {},
  });
  const middle = Math.floor(editor.view.state.doc.content.size / 2);

  bench("provision editor (ProseMirror, chips)", () => {
    const { view } = editor;
    view.dispatch(view.state.tr.insertText("a", middle));
    if (stored.length <= text.length) throw new Error("the keystroke did not reach the draft");
  });

  const area = document.createElement("textarea");
  document.body.append(area);
  area.value = text;
  let typed = text;
  area.addEventListener("input", () => (typed = area.value));
  const at = Math.floor(text.length / 2);

  bench("plain text box with tokens (the replaced textarea)", () => {
    area.setRangeText("a", at, at, "end");
    area.dispatchEvent(new Event("input"));
    if (typed.length <= text.length) throw new Error("the keystroke did not reach the draft");
  });
});
