// Helpers of the Simulator tab: money and period numbers in the person's language, decimals as
// typed (a comma is a decimal point in French and Spanish), and the formula shapes the form
// builds. The arithmetic itself is the engine's (ssa-core::simulation), never redone here.
import type { Formula, PeriodUnit, SimulationSetup } from "../../lib/backend";

export const UNITS: PeriodUnit[] = ["days", "weeks", "months", "quarters", "years"];
export const FORMULA_KINDS = ["per_period", "bands", "accrual", "fixed", "sum"] as const;
export type FormulaKind = (typeof FORMULA_KINDS)[number];

/** Money in `lang`, with the currency when the setup names one ("1 234,56 €"). */
export function formatMoney(amount: string, lang: string, currency: string): string {
  const value = Number(amount);
  if (!Number.isFinite(value)) return amount;
  const code = /^[A-Z]{3}$/.test(currency) ? currency : null;
  return new Intl.NumberFormat(lang, {
    style: code ? "currency" : "decimal",
    currency: code ?? undefined,
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(value);
}

/** A count (periods, people) in `lang`, up to two decimals. */
export function formatCount(amount: string | number, lang: string): string {
  const value = Number(amount);
  if (!Number.isFinite(value)) return String(amount);
  return new Intl.NumberFormat(lang, { maximumFractionDigits: 2 }).format(value);
}

/** A decimal as typed, in the backend's form: "1,5" → "1.5"; spaces dropped. */
export function decimalOf(text: string): string {
  return text.trim().replace(/[\s\u202f\u00a0]/g, "").replace(",", ".");
}

/** A stored decimal shown for editing in `lang` ("1.5" → "1,5" in French). */
export function decimalText(value: string | null | undefined, lang: string): string {
  if (value === null || value === undefined) return "";
  return lang === "en" ? value : value.replace(".", ",");
}

/** A fresh formula of `kind`, keeping the amount of `from` where it has one. */
export function formulaOf(kind: FormulaKind, from: Formula): Formula {
  const amount = "amount" in from ? from.amount : "100";
  switch (kind) {
    case "per_period":
      return { kind, amount, per: "1", full: null, full_amount: null };
    case "bands":
      return {
        kind,
        rounding: "half_up",
        bands: [
          { from: "40", amount: "300" },
          { from: "20", amount: "210" },
          { from: "10", amount: "120" },
        ],
      };
    case "accrual":
      return { kind, rate: "0.015", earnings: "1000", per: "1" };
    case "fixed":
      return { kind, amount };
    case "sum":
      return {
        kind,
        parts: [
          { kind: "fixed", amount },
          { kind: "per_period", amount: "10", per: "1", full: "40", full_amount: null },
        ],
      };
  }
}

/** Whether a sum is the shape the form edits: a fixed part and an amount per period. */
export function isFlatPlusPerPeriod(formula: Formula): boolean {
  return (
    formula.kind === "sum" &&
    formula.parts.length === 2 &&
    formula.parts[0].kind === "fixed" &&
    formula.parts[1].kind === "per_period"
  );
}

/** Whether the setup uses a band formula (which needs the career's years). */
export function usesBands(setup: SimulationSetup): boolean {
  return (setup.parties ?? []).some((p) => p.formula.kind === "bands");
}
