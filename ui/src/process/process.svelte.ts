// One negotiation's process as the Process area shows it: the whole view from the backend (the
// backend computes statuses, percentages and next actions; the UI never recomputes them), the
// step being looked at, saving, and undo/redo over answers and step statuses.
//
// Saving: a tick, a date, an attachment or a status goes to the backend at once; typed text
// (who, note) waits `delayMs` for the next keystroke and is saved when the field is left. Saves
// never overlap. Gate decisions are recorded by an explicit action and are not undone (a "go"
// moves the current step; recording another decision is how one is changed).
import {
  BackendError,
  type Backend,
  type ItemAnswer,
  type NegotiationProcess,
  type ProcessStep,
  type StepStatus,
} from "../lib/backend";

export type ProcessSaveState = "saved" | "pending" | "saving" | "failed";

type Change =
  | { kind: "answer"; itemId: string; before: ItemAnswer; after: ItemAnswer }
  | {
      kind: "status";
      stepId: string;
      before: { status: StepStatus; reason: string };
      after: { status: StepStatus; reason: string };
    };

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function blankAnswer(): ItemAnswer {
  return { done: false, who: "", when: null, note: "", attachments: [] };
}

export class ProcessState {
  readonly negotiationId: string;
  view = $state<NegotiationProcess>() as NegotiationProcess;
  selected = $state("");
  saveState = $state<ProcessSaveState>("saved");
  failure = $state<string | null>(null);
  /** Bumped when undo/redo changes answers, so inputs holding typed text reload. */
  generation = $state(0);
  past = $state<Change[]>([]);
  future = $state<Change[]>([]);

  readonly #backend: Backend;
  readonly #delayMs: number;
  /** Answers typed but not yet saved, by item id. */
  #pending = new Map<string, ItemAnswer>();
  #timer: ReturnType<typeof setTimeout> | null = null;
  #running: Promise<void> | null = null;
  /** The item whose text is being typed: further keystrokes extend the same undo step. */
  #typing: string | null = null;

  constructor(backend: Backend, view: NegotiationProcess, delayMs = 500) {
    this.#backend = backend;
    this.negotiationId = view.negotiationId;
    this.view = view;
    this.selected = view.currentStep;
    this.#delayMs = delayMs;
  }

  get step(): ProcessStep {
    return this.view.steps.find((s) => s.id === this.selected) ?? this.view.steps[0];
  }

  stepOfItem(itemId: string): ProcessStep | undefined {
    return this.view.steps.find((s) => s.checklist.some((i) => i.id === itemId));
  }

  /** The answer as last typed (pending) or saved. */
  answer(itemId: string): ItemAnswer {
    const pending = this.#pending.get(itemId);
    if (pending) return pending;
    const item = this.stepOfItem(itemId)?.checklist.find((i) => i.id === itemId);
    return item ? structuredClone($state.snapshot(item.answer)) : blankAnswer();
  }

  get busy(): boolean {
    return this.#pending.size > 0 || this.#running !== null;
  }

  /**
   * Changes an item's answer. `typing`: text being typed (saved after a pause, one undo step
   * per stretch of typing); otherwise saved at once as its own undo step.
   */
  editAnswer(itemId: string, next: ItemAnswer, typing = false): void {
    const before = this.answer(itemId);
    if (same(before, next)) return;
    const last = this.past[this.past.length - 1];
    if (typing && this.#typing === itemId && last?.kind === "answer" && last.itemId === itemId) {
      last.after = structuredClone(next);
    } else {
      this.past.push({ kind: "answer", itemId, before, after: structuredClone(next) });
    }
    this.future = [];
    this.#typing = typing ? itemId : null;
    this.#queue(itemId, next, typing);
  }

  /** The person left a text field: save what they typed now, and start a new undo step. */
  async endTyping(): Promise<void> {
    this.#typing = null;
    await this.flush();
  }

  #queue(itemId: string, answer: ItemAnswer, typing: boolean): void {
    this.#pending.set(itemId, structuredClone(answer));
    this.saveState = "pending";
    if (this.#timer) clearTimeout(this.#timer);
    if (typing) this.#timer = setTimeout(() => void this.flush(), this.#delayMs);
    else void this.flush();
  }

  /** Saves every pending answer; resolves when all is saved (or failed). */
  async flush(): Promise<void> {
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = null;
    }
    if (this.#running) await this.#running;
    if (this.#pending.size === 0) return;
    const batch = [...this.#pending.entries()];
    this.#pending.clear();
    this.saveState = "saving";
    let failed = false;
    this.#running = (async () => {
      try {
        for (const [itemId, answer] of batch) {
          this.view = await this.#backend.setItemAnswer(this.negotiationId, itemId, answer);
        }
        this.failure = null;
        if (this.#pending.size === 0) this.saveState = "saved";
      } catch (error) {
        // Keep what was typed so that it is retried with the next edit (or "Try again").
        for (const [itemId, answer] of batch) if (!this.#pending.has(itemId)) this.#pending.set(itemId, answer);
        failed = true;
        this.saveState = "failed";
        this.failure = BackendError.from(error).message;
      }
    })();
    await this.#running;
    this.#running = null;
    if (this.#pending.size > 0 && !failed) await this.flush();
  }

  async retry(): Promise<void> {
    await this.flush();
  }

  /** Sets a step's status (refusals, e.g. a skip without reason, are thrown to the caller). */
  async setStatus(stepId: string, status: StepStatus, reason = "", record = true): Promise<void> {
    await this.flush();
    const step = this.view.steps.find((s) => s.id === stepId);
    if (!step) return;
    const before = { status: step.status, reason: step.skipReason };
    this.view = await this.#backend.setStepStatus(this.negotiationId, stepId, status, reason);
    if (record) {
      this.past.push({ kind: "status", stepId, before, after: { status, reason } });
      this.future = [];
    }
  }

  async recordGate(stepId: string, choice: "go" | "no_go" | "revisit", date: string, rationale: string) {
    await this.flush();
    this.view = await this.#backend.recordGateDecision(this.negotiationId, stepId, { choice, date, rationale });
  }

  async makeCurrent(stepId: string): Promise<void> {
    await this.flush();
    this.view = await this.#backend.setCurrentStep(this.negotiationId, stepId);
  }

  get canUndo(): boolean {
    return this.past.length > 0;
  }

  get canRedo(): boolean {
    return this.future.length > 0;
  }

  async undo(): Promise<void> {
    const change = this.past.pop();
    if (!change) return;
    this.future.push(change);
    await this.#apply(change, "before");
  }

  async redo(): Promise<void> {
    const change = this.future.pop();
    if (!change) return;
    this.past.push(change);
    await this.#apply(change, "after");
  }

  async #apply(change: Change, side: "before" | "after"): Promise<void> {
    this.#typing = null;
    try {
      if (change.kind === "answer") {
        // The undo stack is deep reactive state: take a plain copy before cloning.
        this.#pending.set(change.itemId, $state.snapshot(change[side]) as ItemAnswer);
        this.selected = this.stepOfItem(change.itemId)?.id ?? this.selected;
        await this.flush();
      } else {
        const target = $state.snapshot(change[side]);
        this.selected = change.stepId;
        await this.setStatus(change.stepId, target.status, target.reason, false);
      }
    } catch (error) {
      this.saveState = "failed";
      this.failure = BackendError.from(error).message;
    }
    this.generation += 1;
  }
}
