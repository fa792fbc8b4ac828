// Short messages at the bottom of the window: confirmations (with Undo where it applies) and
// errors. Errors stay until dismissed; a person must be able to read them.
export type ToastKind = "info" | "success" | "error";

export interface Toast {
  id: number;
  kind: ToastKind;
  message: string;
  action?: { label: string; testid?: string; run: () => void };
}

const DEFAULT_TIMEOUT_MS = 8000;

export class Toasts {
  items = $state<Toast[]>([]);
  #next = 1;
  #timers = new Map<number, ReturnType<typeof setTimeout>>();

  show(toast: Omit<Toast, "id">, timeoutMs: number | null = DEFAULT_TIMEOUT_MS): number {
    const id = this.#next++;
    // A new confirmation replaces older ones; errors are kept until dismissed.
    for (const old of this.items.filter((item) => item.kind !== "error")) this.dismiss(old.id);
    this.items.push({ ...toast, id });
    const lasting = toast.kind === "error" ? null : timeoutMs;
    if (lasting !== null) {
      this.#timers.set(
        id,
        setTimeout(() => this.dismiss(id), lasting),
      );
    }
    return id;
  }

  error(message: string): number {
    return this.show({ kind: "error", message }, null);
  }

  dismiss(id: number): void {
    const timer = this.#timers.get(id);
    if (timer) clearTimeout(timer);
    this.#timers.delete(id);
    this.items = this.items.filter((item) => item.id !== id);
  }

  /** Removes every notification (they may name a negotiation: a lock leaves none on screen). */
  clear(): void {
    for (const item of [...this.items]) this.dismiss(item.id);
  }
}
