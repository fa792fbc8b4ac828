// The exports' part of the Backend contract: the native save dialog for a PDF, the export itself
// (typeset off the UI thread on the Rust side) and opening the written file in the system viewer.
import type { ExportResult, PdfDocument } from "./types";

export interface ExportBackend {
  /** Native "save" dialog for a PDF; null when cancelled. */
  choosePdfFileToSave(defaultName: string): Promise<string | null>;
  /**
   * Writes a document of a negotiation (agreement, redline, brief, step report) to `path`.
   * `language` is the interface's: the brief's and the step report's words follow it.
   */
  exportPdf(negotiationId: string, document: PdfDocument, language: string, path: string): Promise<ExportResult>;
  /** Opens a file this session exported with the system's viewer. */
  openExportedFile(path: string): Promise<void>;
}
