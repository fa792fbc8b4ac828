// The open draft agreement: the template, the draft's choices, the rendering and its problems,
// with saving (every edit goes to the backend at once; typing waits ~400 ms) and undo/redo over
// snapshots of the draft.
import {
  BackendError,
  type Agreement,
  type AgreementDocument,
  type Backend,
  type DocumentNode,
  type Draft,
  type Problem,
  type ProblemDto,
  type Provision,
  type Rendered,
  type NodeKind,
  type StructureEdit,
  type StructureEditDto,
  type StructurePlace,
  type Template,
  type TemplateNode,
  type Value,
} from "../lib/backend";

export type AgreementSaveState = "saved" | "pending" | "saving" | "failed";

/** Saves one edit made from `base` (the draft as last had from the backend); answers the draft as stored. */
export type SaveDraft = (negotiationId: string, base: Draft, draft: Draft) => Promise<Rendered>;

/** The draft as stored now, rendered, to start again from after a refusal. */
export type LoadDraft = (
  negotiationId: string,
) => Promise<{ draft: Draft; document: AgreementDocument; problems: ProblemDto[]; provisions?: Provision[] } | null>;

/** Saves one structure edit made from `base`; answers the draft as stored, rendered. */
export type EditStructure = (negotiationId: string, base: Draft, edit: StructureEdit) => Promise<StructureEditDto>;

/** Structural kinds listed in the outline (paragraphs and items belong to their article). */
export const OUTLINE_KINDS = new Set(["preamble", "part", "chapter", "section", "article", "signature", "annex"]);

/** A row of the outline: a kept provision (rendered) or the highest of a left-out one. */
export interface OutlineRow {
  node: TemplateNode;
  depth: number;
  rendered: DocumentNode | null;
}

function clone(draft: Draft): Draft {
  return JSON.parse(JSON.stringify(draft)) as Draft;
}

/** JSON with object keys sorted: the backend writes maps in key order, the UI in edit order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/**
 * The same draft, whatever the order of its keys: otherwise a draft stored as sent would read
 * as merged with an edit made elsewhere, and the undo history would start afresh.
 */
function same(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

/** Sets `key` in a draft map, or removes it when the value is the template's own. */
function setOrClear<T>(map: Record<string, T> | undefined, key: string, value: T, isDefault: boolean) {
  const next = { ...(map ?? {}) };
  if (isDefault) delete next[key];
  else next[key] = value;
  return Object.keys(next).length > 0 ? next : undefined;
}

export class DraftState {
  readonly negotiationId: string;
  readonly template: Template;
  draft = $state<Draft>() as Draft;
  document = $state<AgreementDocument>() as AgreementDocument;
  problems = $state<ProblemDto[]>([]);
  selected = $state<string | null>(null);
  saveState = $state<AgreementSaveState>("saved");
  failure = $state<string | null>(null);
  /** Bumped when undo/redo replaces the draft, so inputs holding typed text reload. */
  generation = $state(0);
  past = $state<Draft[]>([]);
  future = $state<Draft[]>([]);
  /**
   * Set when an edit was refused because another window (or the command line) changed the same
   * provisions: their names. The edit is not saved; `reload()` starts again from the stored draft.
   */
  conflict = $state<string[] | null>(null);
  /** Set when an edit made elsewhere was merged into this draft (the undo history starts afresh). */
  mergedElsewhere = $state(false);

  /** Every provision with its citation, for the reference picker (from the backend). */
  provisions = $state<Provision[]>([]);
  /** A structure edit the backend refused, in its words; cleared by the next edit. */
  structureFailure = $state<string | null>(null);
  /** The provision just added: the editor opens its heading for typing. */
  justAdded = $state<string | null>(null);

  readonly #save: SaveDraft;
  readonly #load: LoadDraft;
  readonly #structure: EditStructure | null;
  /** The draft the local one was made from: what the backend last had, as far as this editor knows. */
  #base: Draft;
  readonly #delayMs: number;
  readonly nodes: Map<string, TemplateNode>;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #running: Promise<void> | null = null;
  #dirty = false;
  /** The key of the text being typed: further keystrokes extend the same undo step. */
  #typing: string | null = null;

  /**
   * `save` stores one edit and renders it afresh: the agreement's own by default; the
   * administrative arrangement (a second draft, same shape) passes its own.
   */
  constructor(
    backend: Backend,
    agreement: Agreement,
    delayMs = 400,
    save: SaveDraft = (id, base, draft) => backend.editDraft(id, base, draft),
    load: LoadDraft = (id) => backend.getAgreement(id),
    structure: EditStructure | null = (id, base, edit) => backend.editDraftStructure(id, base, edit),
  ) {
    this.#save = save;
    this.#load = load;
    this.#structure = structure;
    this.#delayMs = delayMs;
    this.negotiationId = agreement.negotiationId;
    this.template = agreement.template;
    this.draft = agreement.draft;
    this.#base = clone(agreement.draft);
    this.document = agreement.document;
    this.problems = agreement.problems;
    this.provisions = agreement.provisions ?? [];
    this.nodes = new Map((agreement.template.node ?? []).map((node) => [node.id, node]));
    this.selected = this.outlineIds[0] ?? null;
  }

  // ----- Reading -----

  /** Rendered nodes by id. */
  get rendered(): Map<string, DocumentNode> {
    const map = new Map<string, DocumentNode>();
    const walk = (nodes: DocumentNode[]) => {
      for (const node of nodes) {
        map.set(node.id, node);
        walk(node.children ?? []);
      }
    };
    walk(this.document.nodes);
    return map;
  }

  /**
   * The node `id` as the template declares it, or, for a provision the draft added, as the
   * draft makes it (its kind, its heading, no model wording).
   */
  node(id: string): TemplateNode | undefined {
    const model = this.nodes.get(id);
    const heading = this.draft.headings?.[id];
    if (model) return heading === undefined ? model : { ...model, heading };
    const added = this.draft.added?.[id];
    if (!added) return undefined;
    return { id, kind: added.kind, heading: heading ?? null, text: "" };
  }

  /** True for a provision the draft added (it has no model wording to go back to). */
  isAdded(id: string): boolean {
    return this.draft.added?.[id] !== undefined;
  }

  /** Parents by id: the rendered document's, else the template's. */
  get #parents(): Map<string, string | null> {
    const parents = new Map<string, string | null>();
    for (const node of this.template.node ?? []) parents.set(node.id, node.parent ?? null);
    const walk = (nodes: DocumentNode[], parent: string | null) => {
      for (const node of nodes) {
        parents.set(node.id, parent);
        walk(node.children ?? [], node.id);
      }
    };
    walk(this.document.nodes, null);
    return parents;
  }

  /**
   * The outline in reading order: every kept outline provision as the draft arranges it, and
   * each left-out one (the highest) where the model puts it, listed greyed so it can be kept.
   */
  get outline(): OutlineRow[] {
    const rows: OutlineRow[] = [];
    const walk = (nodes: DocumentNode[], depth: number) => {
      for (const rendered of nodes) {
        if (!OUTLINE_KINDS.has(rendered.kind)) continue;
        const node = this.node(rendered.id) ?? { id: rendered.id, kind: rendered.kind, text: "" };
        rows.push({ node, depth, rendered });
        walk(rendered.children ?? [], depth + 1);
      }
    };
    walk(this.document.nodes, 0);
    const model = this.template.node ?? [];
    for (const omitted of this.document.omitted) {
      const node = this.node(omitted.id);
      if (!node || !OUTLINE_KINDS.has(node.kind)) continue;
      const parent = node.parent ?? null;
      const parentRow = parent === null ? -1 : rows.findIndex((r) => r.node.id === parent);
      if (parent !== null && parentRow < 0) continue; // inside something not listed
      const depth = parentRow < 0 ? 0 : rows[parentRow].depth + 1;
      // After the nearest earlier model sibling that is listed (and what it holds), else first
      // under its parent.
      const siblings = model.filter((n) => (n.parent ?? null) === parent);
      const earlier = siblings.slice(0, siblings.findIndex((n) => n.id === node.id)).reverse();
      let insertAt = parentRow + 1;
      for (const sibling of earlier) {
        const at = rows.findIndex((r) => r.node.id === sibling.id);
        if (at < 0) continue;
        insertAt = at + 1;
        while (insertAt < rows.length && rows[insertAt].depth > rows[at].depth) insertAt += 1;
        break;
      }
      rows.splice(insertAt, 0, { node, depth, rendered: null });
    }
    return rows;
  }

  get outlineIds(): string[] {
    return this.outline.map((row) => row.node.id);
  }

  /**
   * The node itself and every paragraph and item inside it, in reading order: as the draft
   * renders them when it is kept, as the model has them when it is left out.
   */
  subtree(id: string): TemplateNode[] {
    const rendered = this.rendered.get(id);
    if (rendered) {
      const result: TemplateNode[] = [];
      const walk = (node: DocumentNode, top: boolean) => {
        if (!top && OUTLINE_KINDS.has(node.kind)) return;
        const declared = this.node(node.id);
        if (declared) result.push(declared);
        for (const child of node.children ?? []) walk(child, false);
      };
      walk(rendered, true);
      return result;
    }
    const inside = new Set([id]);
    const result: TemplateNode[] = [];
    for (const node of this.template.node ?? []) {
      if (node.id === id || (node.parent && inside.has(node.parent) && !OUTLINE_KINDS.has(node.kind))) {
        inside.add(node.id);
        result.push(this.node(node.id) ?? node);
      }
    }
    return result;
  }

  /** The outline node that shows `id` (itself, or its closest outline ancestor). */
  outlineNodeOf(id: string): string | null {
    const parents = this.#parents;
    let current: string | null = id;
    while (current) {
      const node = this.node(current) ?? this.rendered.get(current);
      if (node && OUTLINE_KINDS.has(node.kind)) return current;
      current = parents.get(current) ?? null;
    }
    return null;
  }

  omission(id: string) {
    return this.document.omitted.find((o) => o.id === id) ?? null;
  }

  included(node: TemplateNode): boolean {
    return this.draft.inclusion?.[node.id] ?? node.included_by_default ?? true;
  }

  chosenAlternative(node: TemplateNode): string | null {
    const alternatives = node.alternatives ?? [];
    if (alternatives.length === 0) return null;
    return this.draft.alternatives?.[node.id] ?? alternatives.find((a) => a.default)?.id ?? alternatives[0].id;
  }

  /** The wording the model gives the node (its text or the chosen alternative's); "" for an added one. */
  modelWording(node: TemplateNode): string {
    if (this.isAdded(node.id)) return "";
    const chosen = this.chosenAlternative(node);
    if (chosen) return node.alternatives?.find((a) => a.id === chosen)?.text ?? "";
    return node.text ?? "";
  }

  wording(node: TemplateNode): string {
    return this.draft.custom_wording?.[node.id] ?? this.modelWording(node);
  }

  value(name: string): Value | null {
    const parameter = this.template.parameter?.find((p) => p.name === name);
    return this.draft.values?.[name] ?? parameter?.default ?? null;
  }

  problemsFor(filter: (problem: Problem) => boolean): Problem[] {
    return this.problems.filter(filter);
  }

  // ----- Editing -----

  setIncluded(node: TemplateNode, included: boolean): void {
    this.#edit((draft) => {
      draft.inclusion = setOrClear(draft.inclusion, node.id, included, included === (node.included_by_default ?? true));
    });
  }

  setAlternative(node: TemplateNode, alternativeId: string): void {
    const isDefault = node.alternatives?.find((a) => a.id === alternativeId)?.default === true;
    this.#edit((draft) => {
      draft.alternatives = setOrClear(draft.alternatives, node.id, alternativeId, isDefault);
    });
  }

  /** Typed wording: saved after a pause; the model wording itself clears the custom text. */
  setWording(node: TemplateNode, text: string): void {
    const model = this.modelWording(node);
    const added = this.isAdded(node.id);
    this.#edit(
      (draft) => {
        draft.custom_wording = setOrClear(draft.custom_wording, node.id, text, !added && text === model);
      },
      `wording:${node.id}`,
    );
  }

  restoreWording(node: TemplateNode): void {
    this.#edit((draft) => {
      draft.custom_wording = setOrClear(draft.custom_wording, node.id, "", true);
    });
    this.generation += 1;
  }

  /** A parameter value (null: no value, the default applies). `typed` values wait for a pause. */
  setValue(name: string, value: Value | null, typed = false): void {
    const parameter = this.template.parameter?.find((p) => p.name === name);
    const isDefault = value === null || (parameter?.default != null && same(parameter.default, value));
    this.#edit(
      (draft) => {
        draft.values = setOrClear(draft.values, name, value as Value, isDefault);
      },
      typed ? `value:${name}` : null,
    );
  }

  /** Whether this draft takes structure edits (the agreement does; an arrangement does not yet). */
  get canRestructure(): boolean {
    return this.#structure !== null;
  }

  /**
   * One structure edit (add, move, delete, heading, title…), saved at once and made one step of
   * the draft's history like any other edit: undo gives back the draft as it was before it.
   * Answers the provision the edit made or moved, or null when the backend refused it (its
   * reason is in `structureFailure`).
   */
  async restructure(edit: StructureEdit): Promise<string | null> {
    if (!this.#structure) return null;
    await this.flush();
    if (this.saveState === "failed") return null;
    const before = clone(this.draft);
    this.saveState = "saving";
    this.structureFailure = null;
    try {
      const result = await this.#structure(this.negotiationId, this.#base, edit);
      const stored = result.rendered.draft;
      this.past = [...this.past, before];
      this.future = [];
      this.#typing = null;
      this.draft = clone(stored);
      this.#base = clone(stored);
      this.document = result.rendered.document;
      this.problems = result.rendered.problems;
      this.provisions = result.rendered.provisions;
      this.failure = null;
      this.saveState = "saved";
      this.generation += 1;
      return result.node;
    } catch (error) {
      const failure = BackendError.from(error);
      if (failure.code === "changed_elsewhere") {
        this.conflict = failure.problems.map((p) => p.message);
        this.failure = "changed_elsewhere";
        this.saveState = "failed";
      } else if (failure.code === "read_only") {
        this.failure = "read_only";
        this.saveState = "failed";
      } else {
        // A refused edit (a provision where its kind may not sit): nothing changed.
        this.structureFailure = failure.message;
        this.saveState = "saved";
      }
      return null;
    }
  }

  /**
   * Adds an empty provision of `kind` at `place` and selects it (its article, for a paragraph);
   * the editor then asks for its heading and wording.
   */
  async add(kind: NodeKind, place: StructurePlace): Promise<string | null> {
    const id = await this.restructure({ op: "add", kind, place, heading: null, text: "" });
    if (id) {
      this.selected = this.outlineNodeOf(id) ?? id;
      this.justAdded = id;
    }
    return id;
  }

  #edit(change: (draft: Draft) => void, typingKey: string | null = null): void {
    const next = clone(this.draft);
    change(next);
    if (same(next, this.draft)) return;
    // Keystrokes in the same field make one undo step.
    if (typingKey === null || typingKey !== this.#typing) this.past = [...this.past, clone(this.draft)];
    this.#typing = typingKey;
    this.future = [];
    this.draft = next;
    this.#changed(typingKey !== null);
  }

  get canUndo(): boolean {
    return this.past.length > 0;
  }
  get canRedo(): boolean {
    return this.future.length > 0;
  }

  undo(): void {
    const previous = this.past.at(-1);
    if (!previous) return;
    this.past = this.past.slice(0, -1);
    this.future = [...this.future, clone(this.draft)];
    this.#replace(previous);
  }

  redo(): void {
    const next = this.future.at(-1);
    if (!next) return;
    this.future = this.future.slice(0, -1);
    this.past = [...this.past, clone(this.draft)];
    this.#replace(next);
  }

  #replace(draft: Draft): void {
    this.#typing = null;
    this.draft = draft;
    this.generation += 1;
    this.#changed(false);
  }

  /** Ends the current typing step (leaving a field): the next keystroke starts a new undo step. */
  endTyping(): void {
    this.#typing = null;
  }

  // ----- Saving -----

  #changed(wait: boolean): void {
    this.#dirty = true;
    this.saveState = "pending";
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    if (wait) this.#timer = setTimeout(() => void this.flush(), this.#delayMs);
    else void this.flush();
  }

  /** Saves now if anything is unsaved; resolves when everything changed so far is saved. */
  async flush(): Promise<void> {
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = null;
    }
    while (this.#running) await this.#running;
    if (!this.#dirty) return;
    this.#dirty = false;
    this.saveState = "saving";
    const draft = clone(this.draft);
    const base = this.#base;
    this.#running = (async () => {
      try {
        const rendered = await this.#save(this.negotiationId, base, draft);
        this.document = rendered.document;
        this.problems = rendered.problems;
        if (rendered.provisions) this.provisions = rendered.provisions;
        this.failure = null;
        this.conflict = null;
        const stored = rendered.draft ?? draft;
        if (this.#dirty) {
          // Edited again meanwhile: the next save goes from what this edit was made from, and
          // the backend merges it with the stored draft.
          this.#base = draft;
        } else {
          this.#base = clone(stored);
          if (!same(stored, draft)) this.#adoptMerged(stored);
          this.saveState = "saved";
        }
      } catch (error) {
        const failure = BackendError.from(error);
        if (failure.code === "changed_elsewhere") {
          this.conflict = failure.problems.map((p) => p.message);
          this.failure = "changed_elsewhere";
          // The refused edit is not retried: it waits for the person to reload.
          this.#dirty = false;
        } else {
          // "read_only" is shown as the app's own sentence; anything else as the backend said it.
          this.failure = failure.code === "read_only" ? "read_only" : failure.message;
        }
        this.saveState = "failed";
      }
    })();
    await this.#running;
    this.#running = null;
    if (this.#dirty) await this.flush();
  }

  /** Takes the stored draft, which holds an edit made elsewhere: undoing past it would undo that edit too. */
  #adoptMerged(stored: Draft): void {
    this.draft = clone(stored);
    this.past = [];
    this.future = [];
    this.#typing = null;
    this.mergedElsewhere = true;
    this.generation += 1;
  }

  /** After a refusal: starts again from the draft as stored now (the refused edit is dropped). */
  async reload(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    while (this.#running) await this.#running;
    const fresh = await this.#load(this.negotiationId);
    if (!fresh) return;
    this.draft = fresh.draft;
    this.document = fresh.document;
    this.problems = fresh.problems;
    if (fresh.provisions) this.provisions = fresh.provisions;
    this.#base = clone(fresh.draft);
    this.#dirty = false;
    this.#typing = null;
    this.past = [];
    this.future = [];
    this.conflict = null;
    this.failure = null;
    this.saveState = "saved";
    this.generation += 1;
  }

  /** The draft could not be rendered (an internal error): the view offers undo and the wording to fix. */
  get unrenderable(): Problem | null {
    return this.problems.find((p) => p.kind === "unrenderable") ?? null;
  }

  get busy(): boolean {
    return this.#dirty || this.#running !== null;
  }
}
