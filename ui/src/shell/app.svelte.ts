// What the whole app shares: where the person is, whether the database may be changed, the
// open dialogs that belong to the shell, notifications, and the one move that Undo reverses.
import { getContext, setContext } from "svelte";
import {
  BackendError,
  type Backend,
  type LockReason,
  type Negotiation,
  type Shelf,
  type Startup,
} from "../lib/backend";
import { i18n, type MessageKey } from "../lib/i18n";
import { Toasts } from "../lib/ui/toasts.svelte";

export type View =
  | { kind: "shelf"; shelf: Shelf }
  | { kind: "negotiation"; id: string; area: NegotiationArea; document?: DocumentTab }
  | { kind: "templates" }
  | { kind: "template"; id: string; version: string }
  | { kind: "workshops" };

export type NegotiationArea = "overview" | "agreement" | "process" | "versions" | "documents" | "rounds";

/** The step documents of the Documents area; `app.go({kind:"negotiation", id, area:"documents",
 * document:"feasibility"})` opens one directly. */
export type DocumentTab = "feasibility" | "simulator" | "mandate" | "ratification" | "arrangement" | "monitoring";

export interface Move {
  id: string;
  title: string;
  from: Shelf;
  to: Shelf;
}

/** Longer than the autosaves' wait (500 ms), so that the last edit is saved before a lock. */
const SAVE_GRACE_MS = 700;

export class AppState {
  readonly backend: Backend;
  readonly toasts = new Toasts();

  startup = $state<Startup | null>(null);
  view = $state<View>({ kind: "shelf", shelf: "active" });
  /** The title of the open negotiation, for the navigation (set by the negotiation view). */
  openTitle = $state("");
  creating = $state(false);
  aboutOpen = $state(false);
  securityOpen = $state(false);
  /** The first-start offer to set a passphrase was answered "not now". */
  encryptionOfferDismissed = $state(false);
  /** A lock is under way (the edit in hand is being saved). */
  locking = $state(false);
  /** Minutes without use before an encrypted workbench locks (0: never); read after unlocking. */
  lockAfterMinutes = $state(0);
  shortcutsOpen = $state(false);
  sampleHintDismissed = $state(false);
  lastMove = $state<Move | null>(null);
  /** Bumped after every change to the stored negotiations; views reload when it changes. */
  revision = $state(0);
  /** The open data folder is a training folder (workshops only): the shell says so. */
  training = $state(false);

  constructor(backend: Backend) {
    this.backend = backend;
  }

  get readOnly(): boolean {
    return this.startup?.state === "ready" && this.startup.readOnly;
  }

  get ready(): boolean {
    return this.startup?.state === "ready";
  }

  get encrypted(): boolean {
    return this.startup?.state === "ready" && this.startup.encrypted;
  }

  get showEncryptionOffer(): boolean {
    return (
      this.startup?.state === "ready" &&
      this.startup.created &&
      !this.startup.encrypted &&
      !this.startup.readOnly &&
      !this.encryptionOfferDismissed
    );
  }

  /**
   * Locks an encrypted workbench: the field being typed in is left (which saves it at once), the
   * pending autosaves get the moment they wait for, then the backend closes the database and the
   * window shows only the passphrase prompt.
   */
  async lock(reason: LockReason): Promise<void> {
    if (!this.encrypted || this.locking) return;
    this.locking = true;
    try {
      if (typeof document !== "undefined" && document.activeElement instanceof HTMLElement) {
        document.activeElement.blur();
      }
      await new Promise((resolve) => setTimeout(resolve, SAVE_GRACE_MS));
      this.startup = await this.backend.lockWorkbench(reason);
      this.reset();
    } catch (error) {
      this.fail("error.action", error);
    } finally {
      this.locking = false;
    }
  }

  /** Back to the list with nothing open: what a locked or unlocked window starts from. */
  reset(): void {
    this.view = { kind: "shelf", shelf: "active" };
    this.openTitle = "";
    this.creating = false;
    this.aboutOpen = false;
    this.securityOpen = false;
    this.shortcutsOpen = false;
    this.lastMove = null;
    this.beforeLeave = null;
    this.toasts.clear();
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
