// The Versions area's state: the draft's revisions, and the two actions that change them
// (naming the current text, initialling a named version). Both go through the backend, which
// refuses bad input with a message; the list is then read afresh, so what is shown is always
// what is stored.
import { BackendError, type Backend, type Revision, type Verification } from "../lib/backend";

export class VersionHistory {
  revisions = $state<Revision[]>([]);
  loadFailure = $state<string | null>(null);
  /** The outcome of the last fingerprint check, by revision number. */
  verifications = $state<Record<number, Verification>>({});

  readonly #backend: Backend;
  readonly negotiationId: string;

  constructor(backend: Backend, negotiationId: string) {
    this.#backend = backend;
    this.negotiationId = negotiationId;
  }

  async load(): Promise<void> {
    try {
      this.revisions = await this.#backend.listRevisions(this.negotiationId);
      this.loadFailure = null;
    } catch (error) {
      this.loadFailure = BackendError.from(error).message;
    }
  }

  /** Newest first, as the history list shows them. */
  get newestFirst(): Revision[] {
    return [...this.revisions].reverse();
  }

  get latest(): Revision | undefined {
    return this.revisions.at(-1);
  }

  /** Names the current text; throws the backend's refusal. */
  async name(name: string): Promise<Revision> {
    const named = await this.#backend.nameVersion(this.negotiationId, name);
    await this.load();
    return named;
  }

  /** Initials a named version; throws the backend's refusal. */
  async initial(number: number, initialledBy: string): Promise<Revision> {
    const initialled = await this.#backend.initialVersion(this.negotiationId, number, initialledBy);
    await this.load();
    return initialled;
  }

  async verify(number: number): Promise<Verification> {
    const result = await this.#backend.verifyInitialled(this.negotiationId, number);
    this.verifications = { ...this.verifications, [number]: result };
    return result;
  }
}
