// The state of the template editor: the template being edited, a stack of snapshots for undo
// and redo, the selected node, and what the last save said. Every change goes through `change`,
// which records the previous snapshot; consecutive keystrokes in one field make one undo step.
import { BackendError, type Backend, type FieldProblem, type Problem, type Template, type TemplateNode } from "../lib/backend";
import { addChild, addSiblingAfter, freshId, moveNode, removeSubtree } from "./nodeOps";
import type { NodeKind } from "../lib/backend";

const LIMIT = 200;

export class TemplateEditor {
  template = $state<Template>() as Template;
  readonly editable: boolean;
  selected = $state<string | null>(null);
  /** The refusal of the last save: every problem, each naming a node or parameter. */
  problems = $state<FieldProblem[]>([]);
  refusal = $state<string | null>(null);
  warnings = $state<Problem[]>([]);
  saving = $state(false);
  #saved = $state("");
  #past = $state<Template[]>([]);
  #future = $state<Template[]>([]);
  #lastKey: string | null = null;

  constructor(template: Template, editable: boolean) {
    this.template = template;
    this.editable = editable;
    this.#saved = JSON.stringify(template);
    this.selected = template.node?.[0]?.id ?? null;
  }

  get dirty(): boolean {
    return JSON.stringify(this.template) !== this.#saved;
  }
  get canUndo(): boolean {
    return this.#past.length > 0;
  }
  get canRedo(): boolean {
    return this.#future.length > 0;
  }
  get nodes(): TemplateNode[] {
    return this.template.node ?? [];
  }
  get selectedNode(): TemplateNode | null {
    return this.nodes.find((n) => n.id === this.selected) ?? null;
  }

  /** Applies `edit` to a copy of the template, recording the old one for undo. */
  change(edit: (template: Template) => Template, key: string | null = null): void {
    if (!this.editable) return;
    const before = $state.snapshot(this.template) as Template;
    if (key === null || key !== this.#lastKey || this.#past.length === 0) {
      this.#past = [...this.#past.slice(-LIMIT + 1), before];
    }
    this.#lastKey = key;
    this.#future = [];
    this.template = edit(structuredClone(before));
  }

  undo(): void {
    const previous = this.#past.at(-1);
    if (!previous) return;
    this.#future = [...this.#future, $state.snapshot(this.template) as Template];
    this.#past = this.#past.slice(0, -1);
    this.template = previous;
    this.#lastKey = null;
    this.#keepSelection();
  }

  redo(): void {
    const next = this.#future.at(-1);
    if (!next) return;
    this.#past = [...this.#past, $state.snapshot(this.template) as Template];
    this.#future = this.#future.slice(0, -1);
    this.template = next;
    this.#lastKey = null;
    this.#keepSelection();
  }

  #keepSelection(): void {
    if (!this.nodes.some((n) => n.id === this.selected)) this.selected = this.nodes[0]?.id ?? null;
  }

  /** Changes fields of one node; `field` groups keystrokes into one undo step. */
  setNode(id: string, patch: Partial<TemplateNode>, field: string | null = null): void {
    this.change(
      (t) => ({ ...t, node: (t.node ?? []).map((n) => (n.id === id ? { ...n, ...patch } : n)) }),
      field ? `${id}:${field}` : null,
    );
  }

  addChild(parentId: string | null, kind: NodeKind): void {
    const id = freshId(this.nodes, parentId ?? kind);
    this.change((t) => ({ ...t, node: addChild(t.node ?? [], parentId, { id, kind, heading: "", text: "" }) }));
    this.selected = id;
  }

  addSibling(afterId: string, kind: NodeKind): void {
    const sibling = this.nodes.find((n) => n.id === afterId);
    const id = freshId(this.nodes, sibling?.parent ?? kind);
    this.change((t) => ({ ...t, node: addSiblingAfter(t.node ?? [], afterId, { id, kind, heading: "", text: "" }) }));
    this.selected = id;
  }

  remove(id: string): void {
    const index = this.nodes.findIndex((n) => n.id === id);
    const parent = this.nodes[index]?.parent ?? null;
    this.change((t) => ({ ...t, node: removeSubtree(t.node ?? [], id) }));
    this.selected = parent ?? this.nodes[Math.max(0, index - 1)]?.id ?? null;
  }

  move(id: string, direction: -1 | 1): void {
    this.change((t) => ({ ...t, node: moveNode(t.node ?? [], id, direction) }));
  }

  /** Saves through the backend. Returns true when saved; a refusal fills `problems`. */
  async save(backend: Backend): Promise<boolean> {
    if (!this.editable || this.saving) return false;
    this.saving = true;
    const sent = $state.snapshot(this.template) as Template;
    try {
      this.warnings = await backend.saveTemplate(sent);
      this.problems = [];
      this.refusal = null;
      this.#saved = JSON.stringify(sent);
      this.#lastKey = null;
      return true;
    } catch (error) {
      const problem = BackendError.from(error);
      this.problems = problem.problems;
      this.refusal = problem.message;
      this.warnings = [];
      return false;
    } finally {
      this.saving = false;
    }
  }
}
