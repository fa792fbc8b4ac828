// The draft history of the test fake: revisions per negotiation, naming (with the backend's
// refusals), initialling with a fixed fingerprint, and comparisons answered from what a test
// sets (the word diff itself is the Rust side's, tested there).
import {
  BackendError,
  type Comparison,
  type DeviationReport,
  type Revision,
  type Verification,
  type VersionRef,
} from "../lib/backend";

export const FINGERPRINT = "3f6c2a1d9e8b7c6a5f4e3d2c1b0a99887766554433221100ffeeddccbbaa9988";

export function revision(number: number, overrides: Partial<Revision> = {}): Revision {
  return {
    number,
    name: null,
    startedAt: `2026-01-0${number}T10:00:00.000Z`,
    updatedAt: `2026-01-0${number}T10:30:00.000Z`,
    initialled: null,
    ...overrides,
  };
}

export function emptyComparison(): Comparison {
  return {
    summary: { added: 0, removed: 0, changed: 0, unchanged: 1, moved: 0, renumbered: 0 },
    units: [],
  };
}

export class FakeVersionHistory {
  readonly revisions = new Map<string, Revision[]>();
  /** What compareVersions answers, and the sides it was last asked for. */
  comparison: Comparison = emptyComparison();
  compared: [VersionRef, VersionRef][] = [];
  deviation: DeviationReport = { deviations: [], units_compared: 1 };
  /** What verifyInitialled answers about matching. */
  fingerprintMatches = true;

  list(negotiationId: string): Revision[] {
    return structuredClone(this.revisions.get(negotiationId) ?? []);
  }

  name(negotiationId: string, name: string): Revision {
    const list = this.revisions.get(negotiationId) ?? [];
    const latest = list.at(-1);
    const trimmed = name.trim();
    if (trimmed === "") throw new BackendError("invalid_input", 'Give the version a name, such as "Text tabled at round 2".');
    if (!latest) throw new BackendError("invalid_input", "There is no draft agreement to name yet.");
    if (latest.name) throw new BackendError("invalid_input", `The current text is already the version "${latest.name}".`);
    if (list.some((r) => r.name === trimmed))
      throw new BackendError("invalid_input", `This negotiation already has a version named "${trimmed}".`);
    latest.name = trimmed;
    return structuredClone(latest);
  }

  initial(negotiationId: string, number: number, by: string): Revision {
    const found = (this.revisions.get(negotiationId) ?? []).find((r) => r.number === number);
    if (!found) throw new BackendError("not_found", `No revision ${number}.`);
    if (!found.name) throw new BackendError("invalid_input", `Revision ${number} is not a named version.`);
    if (found.initialled) throw new BackendError("invalid_input", "already initialled");
    if (by.trim() === "") throw new BackendError("invalid_input", "Say who initials this version (the negotiators' names).");
    found.initialled = {
      fingerprint: FINGERPRINT,
      shortFingerprint: FINGERPRINT.slice(0, 12),
      initialledBy: by.trim(),
      initialledAt: "2026-01-09T12:00:00.000Z",
    };
    return structuredClone(found);
  }

  verify(negotiationId: string, number: number): Verification {
    const found = (this.revisions.get(negotiationId) ?? []).find((r) => r.number === number);
    if (!found?.initialled || !found.name) throw new BackendError("invalid_input", `Revision ${number} was not initialled.`);
    return {
      number,
      name: found.name,
      recorded: found.initialled.fingerprint,
      recomputed: this.fingerprintMatches ? found.initialled.fingerprint : "0".repeat(64),
      matches: this.fingerprintMatches,
    };
  }
}
