// The ProseMirror view of one provision's wording, without Svelte: what the component mounts and
// what the typing bench measures.
//
// Contract: `ProvisionView` shows stored wording as paragraphs and chips (schema.ts), and on
// every change of the document hands the stored wording back through `onchange` — unless it
// cannot be stored (typed double braces), which `onstate` reports instead. `show(text)` replaces
// what is shown (undo, redo, another window) keeping the cursor near where it was; it returns
// false for wording with a malformed token, which the view cannot show. Ctrl+Z / Ctrl+Y /
// Ctrl+Shift+Z call `onundo`/`onredo`: the editor keeps no history of its own.
import { baseKeymap } from "prosemirror-commands";
import { keymap } from "prosemirror-keymap";
import type { Node as PMNode } from "prosemirror-model";
import { EditorState, TextSelection } from "prosemirror-state";
import { EditorView, type NodeView } from "prosemirror-view";
import { t } from "../../lib/i18n";
import type { ChipContext } from "./chips";
import { cleanPastedHtml } from "./paste";
import { chipDomAttributes, docToPieces, provisionSchema, wordingToDoc } from "./schema";
import { joinWording, unstorable } from "./tokens";

export interface ProvisionViewOptions {
  context: ChipContext;
  readOnly: boolean;
  /** The editor's accessible name. */
  label: string;
  testid: string;
  onchange: (wording: string) => void;
  onundo: () => void;
  onredo: () => void;
  onparticular: (name: string) => void;
  onblur?: () => void;
  /** After every change: whether the wording can be stored, and the references it holds. */
  onstate?: (state: { braces: boolean; targets: string[] }) => void;
}

/** What a chip reads as, for the chip and for a copy to the clipboard. */
function chipText(node: PMNode, context: ChipContext): string {
  if (node.type.name === "reference") {
    const chip = context.reference(node.attrs.target as string);
    if (chip.state === "left_out") return t("editor.chip.leftOut", { name: chip.text });
    if (chip.state === "unknown") return `[${t("editor.chip.missing")}]`;
    return chip.text;
  }
  if (node.type.name === "term") return context.term(node.attrs.key as string, (node.attrs.display as string | null) ?? null);
  return context.particular(node.attrs.name as string).text;
}

export class ProvisionView {
  readonly view: EditorView;
  #options: ProvisionViewOptions;
  /** The wording shown now: the last given to `show` or handed out by `onchange`. */
  #shown: string;
  /** What the chips read as when last drawn, to redraw them only when that changes. */
  #drawn = "";

  constructor(host: HTMLElement, text: string, options: ProvisionViewOptions) {
    this.#options = options;
    this.#shown = text;
    const doc = wordingToDoc(text) ?? wordingToDoc("")!;
    this.view = new EditorView(host, {
      state: this.#stateFor(doc),
      editable: () => !this.#options.readOnly,
      nodeViews: this.#nodeViews(),
      attributes: {
        class: "provision-text",
        role: "textbox",
        "aria-multiline": "true",
        "aria-label": options.label,
        "data-testid": options.testid,
      },
      transformPastedHTML: cleanPastedHtml,
      clipboardTextSerializer: (slice) => {
        let out = "";
        slice.content.forEach((paragraph, _offset, index) => {
          if (index > 0) out += "\n";
          paragraph.forEach((node) => (out += node.isText ? (node.text ?? "") : chipText(node, this.#options.context)));
        });
        return out;
      },
      dispatchTransaction: (tr) => {
        this.view.updateState(this.view.state.apply(tr));
        if (tr.docChanged) this.#changed();
      },
      handleDOMEvents: {
        blur: () => {
          // Not at once: a blur can happen inside a Svelte teardown (a dialog closing gives the
          // focus back), where reading state answers the value from before the change, and
          // the save would send the draft as it was before the last edit.
          queueMicrotask(() => this.#options.onblur?.());
          return false;
        },
      },
    });
    this.#drawn = this.#chipSignature();
    this.#report(doc);
  }

  get shown(): string {
    return this.#shown;
  }

  /** Shows `text` unless it is what is shown already; false if it has a malformed token. */
  show(text: string): boolean {
    if (text === this.#shown) return true;
    const doc = wordingToDoc(text);
    if (!doc) return false;
    this.#shown = text;
    const at = Math.min(this.view.state.selection.from, doc.content.size - 1);
    const state = this.#stateFor(doc);
    const selection = TextSelection.near(state.doc.resolve(Math.max(1, at)));
    this.view.updateState(state.apply(state.tr.setSelection(selection)));
    this.#report(doc);
    return true;
  }

  /** New labels (renumbering, a value filled in): chips are redrawn if what they read changed. */
  setContext(context: ChipContext): void {
    this.#options = { ...this.#options, context };
    const signature = this.#chipSignature();
    if (signature === this.#drawn) return;
    this.#drawn = signature;
    this.view.setProps({ nodeViews: this.#nodeViews() });
    this.#report(this.view.state.doc);
  }

  setReadOnly(readOnly: boolean): void {
    this.#options = { ...this.#options, readOnly };
    this.view.setProps({ editable: () => !readOnly });
  }

  /** A reference chip where the cursor is (replacing the selection). */
  insertReference(target: string): void {
    const chip = provisionSchema.nodes.reference.create({ target });
    this.view.dispatch(this.view.state.tr.replaceSelectionWith(chip, false).scrollIntoView());
    this.view.focus();
  }

  destroy(): void {
    this.view.destroy();
  }

  #changed(): void {
    const doc = this.view.state.doc;
    const pieces = docToPieces(doc);
    const braces = unstorable(pieces) !== null;
    this.#report(doc, braces);
    if (braces) return;
    this.#shown = joinWording(pieces);
    this.#options.onchange(this.#shown);
  }

  #report(doc: PMNode, braces = false): void {
    if (!this.#options.onstate) return;
    const targets: string[] = [];
    doc.descendants((node) => {
      if (node.type.name === "reference") targets.push(node.attrs.target as string);
    });
    this.#options.onstate({ braces, targets });
  }

  #chipSignature(): string {
    const parts: string[] = [];
    this.view.state.doc.descendants((node) => {
      if (node.isAtom && !node.isText) parts.push(chipText(node, this.#options.context));
    });
    return parts.join("\u0000");
  }

  #stateFor(doc: PMNode): EditorState {
    return EditorState.create({
      doc,
      plugins: [
        keymap({
          "Mod-z": () => (this.#options.onundo(), true),
          "Mod-y": () => (this.#options.onredo(), true),
          "Shift-Mod-z": () => (this.#options.onredo(), true),
        }),
        keymap(baseKeymap),
      ],
    });
  }

  #nodeViews() {
    const chipView = (node: PMNode): NodeView => {
      const dom = document.createElement("span");
      for (const [name, value] of Object.entries(chipDomAttributes(node.type.name, node.attrs))) dom.setAttribute(name, value);
      dom.textContent = chipText(node, this.#options.context);
      if (node.type.name === "reference") {
        dom.dataset.state = this.#options.context.reference(node.attrs.target as string).state;
      } else if (node.type.name === "particular") {
        dom.dataset.filled = String(this.#options.context.particular(node.attrs.name as string).filled);
        dom.title = t("editor.chip.openParticular");
        dom.setAttribute("role", "button");
        dom.addEventListener("mousedown", (event) => {
          event.preventDefault();
          this.#options.onparticular(node.attrs.name as string);
        });
      }
      return { dom, ignoreMutation: () => true };
    };
    return { reference: chipView, term: chipView, particular: chipView };
  }
}
