// Pure helpers of the four-column view: the statuses in their order, filtering rows, and the
// text shown for "our proposal" and "on the table". No state, no backend: tested on their own.
import type { ArticleRow, PositionInput, PositionStatus, Side, StatusCount } from "../lib/backend";
import type { MessageKey } from "../lib/i18n";

export const STATUSES: PositionStatus[] = [
  "open",
  "proposed",
  "counter_proposed",
  "agreed_ad_referendum",
  "agreed",
  "deferred",
  "withdrawn",
];

export type StatusFilter = PositionStatus | "all";

export function statusKey(status: PositionStatus): MessageKey {
  return `rounds.status.${status}` as MessageKey;
}

export function sideKey(side: Side): MessageKey {
  return `rounds.side.${side}` as MessageKey;
}

/** The rows shown under a status filter. */
export function filterRows(rows: ArticleRow[], filter: StatusFilter): ArticleRow[] {
  return filter === "all" ? rows : rows.filter((row) => row.status === filter);
}

/** How many rows stand at `status` in the summary (0 when absent). */
export function countOf(summary: StatusCount[], status: PositionStatus): number {
  return summary.find((c) => c.status === status)?.count ?? 0;
}

/** The position editor's starting values for a row (the carried position, or an open one). */
export function inputOf(row: ArticleRow): PositionInput {
  const p = row.position;
  return {
    status: row.status,
    ours: p?.ours ?? null,
    theirs: p?.theirs?.text ?? null,
    agreed: p?.agreed ?? null,
    justification: p?.justification ?? "",
    shared: p?.shared ?? false,
  };
}

/** A row's article label: its live number, else its id (an article only their text has). */
export function articleLabel(row: ArticleRow): string {
  return row.label ?? row.nodeId;
}
