// Ctrl+Z / Ctrl+Shift+Z (or Ctrl+Y) for a document, outside text boxes (there the browser's own
// undo works on the text being typed), and before the shell's own Ctrl+Z.
import { isTyping } from "../lib/ui/focus";
import { modals } from "../lib/ui/modal.svelte";

export interface Undoable {
  undo(): void;
  redo(): void;
}

export function undoKeys(target: () => Undoable | null, disabled: () => boolean): () => void {
  function onkeydown(event: KeyboardEvent) {
    const doc = target();
    if (!doc || modals.open || disabled()) return;
    const ctrl = event.ctrlKey || event.metaKey;
    if (!ctrl || event.altKey) return;
    const key = event.key.toLowerCase();
    const undo = key === "z" && !event.shiftKey;
    const redo = (key === "z" && event.shiftKey) || key === "y";
    if ((!undo && !redo) || isTyping(event)) return;
    event.preventDefault();
    if (undo) doc.undo();
    else doc.redo();
  }
  window.addEventListener("keydown", onkeydown, { capture: true });
  return () => window.removeEventListener("keydown", onkeydown, { capture: true });
}
