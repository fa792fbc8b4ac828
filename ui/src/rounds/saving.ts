// What the rounds forms (round particulars, position, mandate) share about saving as one types.
import { BackendError } from "../lib/backend";
import { t } from "../lib/i18n";
import type { Autosave } from "../negotiations/autosave.svelte";

/**
 * A failed save as the backend's refusal of the input, whose problems name the fields to mark.
 * Any other failure is thrown on, for the autosave to show as "failed".
 */
export function refusedInput(error: unknown): BackendError {
  const problem = BackendError.from(error);
  if (problem.code !== "invalid_input") throw problem;
  return problem;
}

/** The save state as the round and mandate editors word it. */
export function saveStateText(autosave: Autosave): string {
  switch (autosave.state) {
    case "saved":
      return `✓ ${t("save.saved")}`;
    case "invalid":
      return t("save.invalid");
    case "failed":
      return `${t("save.failed")} ${autosave.failure ?? ""}`;
    default:
      return t("save.saving");
  }
}
