// The sides a comparison can take, as the string values of a <select>: "model", "current" or
// "r:<number>" for a revision. Kept here so the pickers and their tests agree on one encoding.
import type { Revision, VersionRef } from "../lib/backend";

export function refKey(ref: VersionRef): string {
  return ref.kind === "revision" ? `r:${ref.number}` : ref.kind;
}

export function parseRefKey(key: string): VersionRef {
  if (key === "model" || key === "current") return { kind: key };
  const number = Number(key.slice(2));
  if (!key.startsWith("r:") || !Number.isInteger(number) || number < 1) {
    throw new Error(`not a version key: ${key}`);
  }
  return { kind: "revision", number };
}

/** The latest named version, the natural "before" of a comparison with the current draft. */
export function latestVersion(revisions: Revision[]): Revision | undefined {
  return [...revisions].reverse().find((r) => r.name !== null);
}
