// Whole numbers typed in a cell (a count, a year).

/** The number typed, cut to a whole number; null for nothing or for what is not a number. */
export function wholeNumberOrNull(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? Math.trunc(value) : null;
}
