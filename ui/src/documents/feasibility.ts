// Edits of a feasibility study, as pure functions on its value (the component calls them
// through SavedDocument.edit), and what the view shows about the chapters.
import type { Branch, ChapterChoice, Coverage, Feasibility, SchemeRow } from "../lib/backend";

export const BRANCHES: Branch[] = [
  "medical_care",
  "sickness",
  "unemployment",
  "old_age",
  "employment_injury",
  "family",
  "maternity",
  "invalidity",
  "survivors",
];

export type TextField = "persons_covered" | "qualifying_period" | "export_rules" | "conditions" | "notes";
export const TEXT_FIELDS: TextField[] = ["persons_covered", "qualifying_period", "export_rules", "conditions", "notes"];

export function emptyRow(branch: Branch, party: string): SchemeRow {
  return {
    branch,
    party,
    exists: null,
    scheme_type: null,
    persons_covered: "",
    qualifying_period: "",
    export_rules: "",
    conditions: "",
    notes: "",
  };
}

/** The party's row for the branch, or an empty one (not stored until something is typed). */
export function rowOf(study: Feasibility, branch: Branch, party: string): SchemeRow {
  return study.schemes?.find((r) => r.branch === branch && r.party === party) ?? emptyRow(branch, party);
}

/** Changes one party's row for one branch, creating it on the first edit. */
export function editRow(study: Feasibility, branch: Branch, party: string, change: (row: SchemeRow) => void): void {
  study.schemes ??= [];
  let row = study.schemes.find((r) => r.branch === branch && r.party === party);
  if (!row) {
    row = emptyRow(branch, party);
    study.schemes.push(row);
  }
  change(row);
  // A row that "has no scheme" cannot have a type (the backend refuses both at once).
  if (row.exists === false) row.scheme_type = null;
}

/** Sets (or clears, with null) the team's choice for a branch. */
export function setCoverage(study: Feasibility, branch: Branch, coverage: Coverage | null): void {
  const next = { ...(study.coverage ?? {}) } as Partial<Record<Branch, Coverage>>;
  if (coverage === null) delete next[branch];
  else next[branch] = coverage;
  study.coverage = next;
}

export function coverageOf(study: Feasibility, branch: Branch): Coverage | null {
  return (study.coverage as Partial<Record<Branch, Coverage>> | undefined)?.[branch] ?? null;
}

/** Chapters where the draft agreement is not what the choice says. */
export function diverging(chapters: ChapterChoice[]): ChapterChoice[] {
  return chapters.filter((c) => c.chosen !== null && c.inDraft !== null && c.chosen !== c.inDraft);
}
