// The answer to the latest of a series of requests whose inputs change (the comparison of two
// texts, the deviation report of one): an answer that comes after a later request was made is
// dropped, so a slow earlier request never overwrites what was asked for last.
import { BackendError } from "../lib/backend";
import { t, type MessageKey } from "../lib/i18n";

export class LatestAnswer<T> {
  value = $state<T | null>(null);
  failure = $state<string | null>(null);

  /** The message that leads a failure, before the backend's own. */
  readonly #failedKey: MessageKey;
  #asked = 0;

  constructor(failedKey: MessageKey) {
    this.#failedKey = failedKey;
  }

  /** Asks again; run in an effect, `request` reads the inputs it depends on before any await. */
  async ask(request: () => Promise<T>): Promise<void> {
    const mine = ++this.#asked;
    this.failure = null;
    try {
      const result = await request();
      if (mine === this.#asked) this.value = result;
    } catch (error) {
      if (mine === this.#asked) {
        this.value = null;
        this.failure = `${t(this.#failedKey)} ${BackendError.from(error).message}`;
      }
    }
  }
}
