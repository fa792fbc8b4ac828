// One step document being edited: the value the person edits, the backend's last answer (with
// what it computes: suggestions, the entry-into-force date), saving on every edit (typing waits
// ~400 ms), undo/redo over snapshots, and refusals kept beside the typed value.
//
// Nothing typed is lost: a refused save keeps the value on screen with the problems of each
// field, and the next edit tries again. The agreement's DraftState works the same way; this is
// the same loop for documents that are saved whole.
import { BackendError, type FieldProblem } from "../lib/backend";

export type SaveState = "saved" | "pending" | "saving" | "failed";

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export class SavedDocument<T, V> {
  value = $state<T>() as T;
  view = $state<V>() as V;
  saveState = $state<SaveState>("saved");
  /** The whole refusal or failure, for a person; null once a save went through. */
  failure = $state<string | null>(null);
  /** A refusal's problems, each naming its field ("corridor[0].year"). */
  problems = $state<FieldProblem[]>([]);
  /** Bumped when undo/redo replaces the value, so inputs holding typed text reload. */
  generation = $state(0);
  past = $state<T[]>([]);
  future = $state<T[]>([]);

  readonly #pick: (view: V) => T;
  readonly #save: (value: T) => Promise<V>;
  readonly #delayMs: number;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #running: Promise<void> | null = null;
  #dirty = false;
  #typing: string | null = null;

  constructor(view: V, pick: (view: V) => T, save: (value: T) => Promise<V>, delayMs = 400) {
    this.view = view;
    this.value = clone(pick(view));
    this.#pick = pick;
    this.#save = save;
    this.#delayMs = delayMs;
  }

  /** The problem of one field, if the last save was refused because of it. */
  problem(field: string): string | null {
    return this.problems.find((p) => p.field === field)?.message ?? null;
  }

  /** Changes the value; `typingKey` groups keystrokes into one undo step and waits for a pause. */
  edit(change: (value: T) => void, typingKey: string | null = null): void {
    const next = clone(this.value);
    change(next);
    if (same(next, this.value)) return;
    if (typingKey === null || typingKey !== this.#typing) this.past = [...this.past, clone(this.value)];
    this.#typing = typingKey;
    this.future = [];
    this.value = next;
    this.#changed(typingKey !== null);
  }

  endTyping(): void {
    this.#typing = null;
  }

  get canUndo(): boolean {
    return this.past.length > 0;
  }
  get canRedo(): boolean {
    return this.future.length > 0;
  }

  undo(): void {
    const previous = this.past.at(-1);
    if (previous === undefined) return;
    this.past = this.past.slice(0, -1);
    this.future = [...this.future, clone(this.value)];
    this.#replace(previous);
  }

  redo(): void {
    const next = this.future.at(-1);
    if (next === undefined) return;
    this.future = this.future.slice(0, -1);
    this.past = [...this.past, clone(this.value)];
    this.#replace(next);
  }

  #replace(value: T): void {
    this.#typing = null;
    this.value = value;
    this.generation += 1;
    this.#changed(false);
  }

  /** Takes a fresh answer from the backend (e.g. after an action other than a save). */
  reload(view: V): void {
    this.view = view;
    this.value = clone(this.#pick(view));
    this.generation += 1;
  }

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
    const value = clone(this.value);
    this.#running = (async () => {
      try {
        this.view = await this.#save(value);
        this.failure = null;
        this.problems = [];
        if (!this.#dirty) this.saveState = "saved";
      } catch (error) {
        const failure = BackendError.from(error);
        this.failure = failure.code === "read_only" ? "read_only" : failure.message;
        this.problems = failure.problems;
        this.saveState = "failed";
      }
    })();
    await this.#running;
    this.#running = null;
    if (this.#dirty) await this.flush();
  }

  get busy(): boolean {
    return this.#dirty || this.#running !== null;
  }
}

/** A fresh id for a new row (the backend checks ids are given and unique). */
export function newRowId(): string {
  return globalThis.crypto?.randomUUID?.() ?? `row-${Date.now()}-${Math.random().toString(36).slice(2)}`;
}
