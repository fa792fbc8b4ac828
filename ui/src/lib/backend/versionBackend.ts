// The draft history's part of the Backend contract: revisions and named versions, comparison
// of any two texts (a version, the current draft, the model template), the deviation report,
// and initialling a version with the fingerprint of its text.
import type { Comparison, DeviationReport, Revision, Verification, VersionRef } from "./types";

export interface VersionBackend {
  /** The draft's revisions, oldest first; named ones are versions, some initialled. */
  listRevisions(negotiationId: string): Promise<Revision[]>;
  /** Names the draft as it now is. Refused (BackendError) when the name is empty or taken. */
  nameVersion(negotiationId: string, name: string): Promise<Revision>;
  compareVersions(negotiationId: string, before: VersionRef, after: VersionRef): Promise<Comparison>;
  deviationReport(negotiationId: string, version: VersionRef): Promise<DeviationReport>;
  /** Locks a named version with the fingerprint of its text. Cannot be undone. */
  initialVersion(negotiationId: string, number: number, initialledBy: string): Promise<Revision>;
  verifyInitialled(negotiationId: string, number: number): Promise<Verification>;
}
