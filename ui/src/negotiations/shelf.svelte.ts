// One shelf's list (active, archived or bin): loading, the selection, and reloading when the
// stored negotiations change.
import type { Backend, Negotiation, Shelf } from "../lib/backend";
import { BackendError } from "../lib/backend";

export class ShelfList {
  readonly shelf: Shelf;
  readonly #backend: Backend;

  items = $state<Negotiation[]>([]);
  loaded = $state(false);
  loading = $state(false);
  failure = $state<string | null>(null);
  selectedId = $state<string | null>(null);
  #request = 0;

  constructor(backend: Backend, shelf: Shelf) {
    this.#backend = backend;
    this.shelf = shelf;
  }

  async load(): Promise<void> {
    const request = ++this.#request;
    this.loading = true;
    try {
      const items = await this.#backend.listNegotiations(this.shelf);
      if (request !== this.#request) return; // A newer load has started; its answer wins.
      this.items = items;
      this.failure = null;
      if (this.selectedId && !items.some((n) => n.id === this.selectedId)) this.selectedId = null;
    } catch (error) {
      if (request !== this.#request) return;
      this.failure = BackendError.from(error).message;
    } finally {
      if (request === this.#request) {
        this.loading = false;
        this.loaded = true;
      }
    }
  }

  get selected(): Negotiation | undefined {
    return this.items.find((n) => n.id === this.selectedId);
  }

  /** The index of the row that takes Tab focus: the selected one, or the first. */
  get focusIndex(): number {
    const index = this.items.findIndex((n) => n.id === this.selectedId);
    return index < 0 ? 0 : index;
  }

  /** Moves the selection by `delta` rows (clamped), or to the first/last; returns the new id. */
  step(delta: number | "first" | "last"): string | null {
    if (this.items.length === 0) return null;
    let index: number;
    if (delta === "first") index = 0;
    else if (delta === "last") index = this.items.length - 1;
    else index = Math.min(this.items.length - 1, Math.max(0, this.focusIndex + delta));
    this.selectedId = this.items[index].id;
    return this.selectedId;
  }
}
