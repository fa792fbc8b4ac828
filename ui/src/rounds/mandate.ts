// Pure helpers of the mandate editor: find and replace one limit in an entry's list.
import type { Limit } from "../lib/backend";

function parameterOf(limit: Limit): string | null {
  return limit.kind === "must_stay" ? null : limit.parameter;
}

/** The limit of `kind` on `parameter` (null for "must stay"), if the list has one. */
export function limitOf(limits: Limit[], kind: Limit["kind"], parameter: string | null): Limit | null {
  return limits.find((l) => l.kind === kind && parameterOf(l) === parameter) ?? null;
}

/** The list with the limit of `kind` on `parameter` replaced by `limit` (or removed: null). */
export function withLimit(limits: Limit[], kind: Limit["kind"], parameter: string | null, limit: Limit | null): Limit[] {
  const rest = limits.filter((l) => !(l.kind === kind && parameterOf(l) === parameter));
  return limit ? [...rest, limit] : rest;
}
