// Ctrl+Z / Ctrl+Y (and Ctrl+Shift+Z) in a text box or text area undo and redo the typing.
//
// The webview the desktop app runs in (WebKitGTK) keeps an undo stack for each field but binds no
// key to it, so without this Ctrl+Z did nothing in text fields. The browser's own editing
// commands are used, so what is undone is exactly what the field recorded; the field then fires
// its usual input event and the screen saves as for any typing. The provision editor
// (ProseMirror) is not a text box: its keys go to the draft's history.
import { isTyping } from "./focus";

function isTextField(target: EventTarget | null): target is HTMLInputElement | HTMLTextAreaElement {
  if (!(target instanceof HTMLElement) || target.isContentEditable) return false;
  return (target.tagName === "TEXTAREA" || target.tagName === "INPUT") && isTyping({ target } as unknown as Event);
}

/** Handles the key when it is an undo/redo key in a text field; true when it did. */
export function undoInTextField(event: KeyboardEvent): boolean {
  if (event.defaultPrevented || !(event.ctrlKey || event.metaKey) || event.altKey) return false;
  const key = event.key.toLowerCase();
  const undo = key === "z" && !event.shiftKey;
  const redo = (key === "z" && event.shiftKey) || key === "y";
  if ((!undo && !redo) || !isTextField(event.target)) return false;
  if ((event.target as HTMLInputElement).readOnly || (event.target as HTMLInputElement).disabled) return false;
  event.preventDefault();
  document.execCommand(undo ? "undo" : "redo");
  return true;
}
