// What the whole app shares: where the person is, whether the database may be changed, the
// open dialogs that belong to the shell, notifications, and the one move that Undo reverses.
import { getContext, setContext } from "svelte";
import { BackendError, type Backend, type Negotiation, type Shelf, type Startup } from "../lib/backend";
import { i18n, type MessageKey } from "../lib/i18n";
import { Toasts } from "../lib/ui/toasts.svelte";

export type View =
  | { kind: "shelf"; shelf: Shelf }
  | { kind: "negotiation"; id: string; area: NegotiationArea; document?: DocumentTab }
  | { kind: "templates" }
  | { kind: "template"; id: string; version: string };

export type NegotiationArea = "overview" | "agreement" | "process" | "versions" | "documents" | "rounds";

/** The step documents of the Documents area; `app.go({kind:"negotiation", id, area:"documents",
 * document:"feasibility"})` opens one directly. */
export type DocumentTab = "feasibility" | "mandate" | "ratification" | "arrangement" | "monitoring";

export interface Move {
  id: string;
  title: string;
  from: Shelf;
  to: Shelf;
}

export class AppState {
  readonly backend: Backend;
  readonly toasts = new Toasts();

  startup = $state<Startup | null>(null);
  view = $state<View>({ kind: "shelf", shelf: "active" });
  /** The title of the open negotiation, for the navigation (set by the negotiation view). */
  openTitle = $state("");
  creating = $state(false);
  aboutOpen = $state(false);
  shortcutsOpen = $state(false);
  sampleHintDismissed = $state(false);
  lastMove = $state<Move | null>(null);
  /** Bumped after every change to the stored negotiations; views reload when it changes. */
  revision = $state(0);

  constructor(backend: Backend) {
    this.backend = backend;
  }

  get readOnly(): boolean {
    return this.startup?.state === "ready" && this.startup.readOnly;
  }

  get ready(): boolean {
    return this.startup?.state === "ready";
  }

  get showSampleHint(): boolean {
    return this.startup?.state === "ready" && this.startup.created && !this.sampleHintDismissed;
  }

  /**
   * Asked before leaving the current screen (the template editor sets it while it holds unsaved
   * edits). Returns false to stay; it then asks the person and calls `go` again if they agree.
   */
  beforeLeave: ((next: View) => boolean) | null = null;

  go(view: View): void {
    if (this.beforeLeave && !this.beforeLeave(view)) return;
    this.view = view;
  }

  openNegotiation(id: string): void {
    this.view = { kind: "negotiation", id, area: "overview" };
  }

  changed(): void {
    this.revision += 1;
  }

  /** Shows a backend failure to the person: what we tried, then what the backend said. */
  fail(context: MessageKey, error: unknown): void {
    const problem = BackendError.from(error);
    const message =
      problem.code === "read_only" ? i18n.t("error.readOnly") : `${i18n.t(context)} ${problem.message}`;
    this.toasts.error(message);
  }

  /** Moves a negotiation to another shelf and offers Undo for archive and bin moves. */
  async move(negotiation: Negotiation, to: Shelf): Promise<void> {
    const from = negotiation.shelf;
    await this.backend.moveNegotiation(negotiation.id, to);
    this.changed();
    const title = negotiation.title;
    if (to === "active") {
      this.toasts.show({ kind: "success", message: i18n.t("toast.restored", { title }) });
      return;
    }
    this.lastMove = { id: negotiation.id, title, from, to };
    this.toasts.show({
      kind: "success",
      message: i18n.t(to === "archived" ? "toast.archived" : "toast.movedToBin", { title }),
      action: { label: i18n.t("toast.undo"), testid: "toast-undo", run: () => void this.undo() },
    });
  }

  /** Puts the last archived or binned negotiation back where it was. */
  async undo(): Promise<void> {
    const move = this.lastMove;
    if (!move || this.readOnly) return;
    this.lastMove = null;
    try {
      await this.backend.moveNegotiation(move.id, move.from);
      this.changed();
      this.toasts.show({ kind: "success", message: i18n.t("toast.undone", { title: move.title }) });
    } catch (error) {
      this.fail("error.action", error);
    }
  }
}

const KEY = Symbol("app");

export function provideApp(app: AppState): void {
  setContext(KEY, app);
}

export function useApp(): AppState {
  const app = getContext<AppState | undefined>(KEY);
  if (!app) throw new Error("No AppState provided.");
  return app;
}
