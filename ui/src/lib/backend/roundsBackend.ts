// The negotiation rounds area's part of the Backend contract: rounds, positions per article,
// comments, the mandate and exchange files with the other party. The native file dialogs for
// exchange files are here too, so components never see Tauri and tests answer with a path.
import type {
  Comment,
  CommentInput,
  ExchangeExport,
  ExchangeImport,
  MandateEntry,
  MandateView,
  Position,
  PositionInput,
  PositionsView,
  Round,
} from "./types";

export interface RoundsBackend {
  /** The four-column view of a round (null: the latest). */
  positionsView(negotiationId: string, roundId: string | null): Promise<PositionsView>;
  addRound(negotiationId: string): Promise<Round>;
  /** Saves a round's particulars; refused with BackendError.problems naming each field. */
  saveRound(negotiationId: string, round: Round): Promise<Round>;
  savePosition(negotiationId: string, roundId: string, nodeId: string, input: PositionInput): Promise<Position>;
  listComments(negotiationId: string, nodeId: string): Promise<Comment[]>;
  addComment(negotiationId: string, input: CommentInput): Promise<Comment[]>;
  setCommentResolved(negotiationId: string, commentId: string, resolved: boolean): Promise<Comment[]>;
  mandateView(negotiationId: string): Promise<MandateView>;
  saveMandateEntry(negotiationId: string, entry: MandateEntry): Promise<MandateEntry>;
  /** Writes an exchange file of the draft (version null) or of a named version to `path`. */
  exportExchangeFile(negotiationId: string, version: string | null, path: string): Promise<ExchangeExport>;
  /** Imports the counterpart's file into this negotiation (round null: the latest). */
  importExchangeFile(negotiationId: string, path: string, round: number | null): Promise<ExchangeImport>;
  /** Native "open" dialog for an exchange file; null when cancelled. */
  chooseExchangeFileToOpen(): Promise<string | null>;
  /** Native "save" dialog for an exchange file; null when cancelled. */
  chooseExchangeFileToSave(defaultName: string): Promise<string | null>;
}
