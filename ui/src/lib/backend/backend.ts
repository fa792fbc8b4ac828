// The contract between the UI and whatever answers it. The desktop app answers through Tauri
// (tauri.ts); tests answer with a fake. Components never see the transport: they call these
// methods, get data back, or catch a BackendError.
import type {
  About,
  Agreement,
  Draft,
  Rendered,
  StructureEdit,
  StructureEditDto,
  TemplateChoice,
  TemplateSummary,
  ErrorCode,
  FieldProblem,
  Negotiation,
  NegotiationInput,
  Shelf,
  Startup,
} from "./types";
import type { ProcessBackend } from "./processBackend";
import type { DocumentBackend } from "./documentBackend";
import type { RoundsBackend } from "./roundsBackend";
import type { ExportBackend } from "./exportBackend";
import type { TemplateBackend } from "./templateBackend";
import type { VersionBackend } from "./versionBackend";
import type { SecurityBackend } from "./securityBackend";
import type { WorkshopBackend } from "./workshopBackend";

export interface Backend
  extends TemplateBackend,
    ProcessBackend,
    VersionBackend,
    DocumentBackend,
    RoundsBackend,
    ExportBackend,
    SecurityBackend,
    WorkshopBackend {
  startupStatus(): Promise<Startup>;
  recoverOpenCopyReadOnly(): Promise<Startup>;
  recoverStartFresh(): Promise<Startup>;
  about(): Promise<About>;
  listNegotiations(shelf: Shelf): Promise<Negotiation[]>;
  getNegotiation(id: string): Promise<Negotiation>;
  createNegotiation(input: NegotiationInput): Promise<Negotiation>;
  updateNegotiation(id: string, input: NegotiationInput): Promise<Negotiation>;
  renameNegotiation(id: string, title: string): Promise<Negotiation>;
  duplicateNegotiation(id: string): Promise<Negotiation>;
  moveNegotiation(id: string, shelf: Shelf): Promise<Negotiation>;
  deleteNegotiationPermanently(id: string): Promise<void>;
  emptyBin(): Promise<number>;
  createSampleNegotiation(): Promise<Negotiation>;
  listTemplates(): Promise<TemplateSummary[]>;
  /** The negotiation's draft agreement, or null when none has been started. */
  getAgreement(negotiationId: string): Promise<Agreement | null>;
  /** Starts the draft from a template (null: the default template). */
  startAgreement(negotiationId: string, templateId: string | null): Promise<Agreement>;
  /** Saves the whole draft (its differences from the template) and renders it afresh. */
  /** Saves an edit made from `base`; another writer's edit since is merged in, or the edit is refused (`changed_elsewhere`). */
  editDraft(negotiationId: string, base: Draft, draft: Draft): Promise<Rendered>;
  /** One structure edit (add, move, delete, heading, title…) made from `base`, saved like an edit. */
  editDraftStructure(negotiationId: string, base: Draft, edit: StructureEdit): Promise<StructureEditDto>;
  /** The models a draft may start from, the one that fits the negotiation first (recommended). */
  listTemplateChoices(negotiationId: string): Promise<TemplateChoice[]>;
}

/** `unexpected`: the call itself failed (not an answer from the use case). */
export type BackendErrorCode = ErrorCode | "unexpected";

/** A refusal or failure from the backend, with the code to switch on and a message for a person. */
export class BackendError extends Error {
  readonly code: BackendErrorCode;
  readonly problems: FieldProblem[];

  constructor(code: BackendErrorCode, message: string, problems: FieldProblem[] = []) {
    super(message);
    this.name = "BackendError";
    this.code = code;
    this.problems = problems;
  }

  /** Whatever was thrown, as a BackendError (so callers have one shape to show). */
  static from(error: unknown): BackendError {
    if (error instanceof BackendError) return error;
    if (error instanceof Error) return new BackendError("unexpected", error.message);
    if (typeof error === "string") return new BackendError("unexpected", error);
    return new BackendError("unexpected", String(error));
  }
}
