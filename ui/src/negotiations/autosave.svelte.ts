// Saves as the person types: a change waits `delayMs` for the next one, leaving a field saves at
// once, and saves never overlap (a change made during a save is saved right after it).
export type SaveState = "saved" | "pending" | "saving" | "failed" | "invalid";

export class Autosave {
  state = $state<SaveState>("saved");
  failure = $state<string | null>(null);

  readonly #save: () => Promise<SaveState>;
  readonly #delayMs: number;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #running: Promise<void> | null = null;
  #dirty = false;

  /** `save` stores the current content and says how it went ("saved", "invalid", "failed"). */
  constructor(save: () => Promise<SaveState>, delayMs = 500) {
    this.#save = save;
    this.#delayMs = delayMs;
  }

  /** Something changed: save it soon. */
  changed(): void {
    this.#dirty = true;
    this.state = "pending";
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.flush(), this.#delayMs);
  }

  /** Save now if anything is unsaved; resolves when everything changed so far is saved. */
  async flush(): Promise<void> {
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = null;
    }
    if (this.#running) {
      await this.#running;
    }
    if (!this.#dirty) return;
    this.#dirty = false;
    this.state = "saving";
    this.#running = (async () => {
      try {
        this.state = await this.#save();
      } catch (error) {
        this.state = "failed";
        this.failure = error instanceof Error ? error.message : String(error);
      }
    })();
    await this.#running;
    this.#running = null;
    if (this.#dirty) await this.flush();
    else if (this.state === "saving") this.state = "saved";
  }

  get busy(): boolean {
    return this.#dirty || this.#running !== null;
  }
}
