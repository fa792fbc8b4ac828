// The exports' part of the Backend contract: the native save dialog for a PDF, the export itself
// (typeset off the UI thread on the Rust side) and opening the written file in the system viewer.
import type { ExportResult } from "./types";

export interface ExportBackend {
  /** Native "save" dialog for a PDF; null when cancelled. */
  choosePdfFileToSave(defaultName: string): Promise<string | null>;
  /** Writes the agreement of a negotiation (the draft, or a named version) to `path`. */
  exportAgreementPdf(negotiationId: string, version: string | null, path: string): Promise<ExportResult>;
  /** Opens a file this session exported with the system's viewer. */
  openExportedFile(path: string): Promise<void>;
}
