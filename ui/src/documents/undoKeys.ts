// Ctrl+Z / Ctrl+Shift+Z (or Ctrl+Y) for a document, outside text boxes (there the browser's own
// undo works on the text being typed), and before the shell's own Ctrl+Z.
import { onMount } from "svelte";
import { isTyping } from "../lib/ui/focus";
import { modals } from "../lib/ui/modal.svelte";

export interface Undoable {
  undo(): void;
  redo(): void;
}

/** A document a tab keeps open: a SavedDocument or the arrangement's DraftState. */
export interface OpenDocument extends Undoable {
  readonly busy: boolean;
  flush(): Promise<void>;
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

/**
 * For a tab's whole life (call it while the component initialises): the undo keys work on its
 * document, and when the tab closes whatever is still unsaved is saved.
 */
export function keepOpen(target: () => OpenDocument | null, disabled: () => boolean): void {
  onMount(() => {
    const unbind = undoKeys(target, disabled);
    return () => {
      unbind();
      const leaving = target();
      if (leaving?.busy) void leaving.flush();
    };
  });
}
