// Ctrl+Z / Ctrl+Y in text fields go to the field's own undo (the webview binds no key to it).
import { fireEvent, screen } from "@testing-library/svelte";
import { FakeBackend, negotiation } from "../../test/fakeBackend";
import { renderApp } from "../../test/render";
import { undoInTextField } from "./textUndo";

describe("undo in text fields", () => {
  const exec = vi.fn(() => true);
  beforeEach(() => {
    exec.mockClear();
    Object.defineProperty(document, "execCommand", { value: exec, configurable: true });
  });

  it("undoes and redoes typing in the notes of a negotiation, and in a dialog's fields", async () => {
    await renderApp(new FakeBackend([negotiation()]));
    const row = await screen.findByTestId("negotiation-row");
    await fireEvent.click(row.querySelector(".row-main")!);
    const notes = await screen.findByTestId("field-notes");
    await fireEvent.keyDown(notes, { key: "z", ctrlKey: true });
    expect(exec).toHaveBeenLastCalledWith("undo");
    await fireEvent.keyDown(notes, { key: "y", ctrlKey: true });
    expect(exec).toHaveBeenLastCalledWith("redo");
    await fireEvent.keyDown(notes, { key: "Z", ctrlKey: true, shiftKey: true });
    expect(exec).toHaveBeenLastCalledWith("redo");

    await fireEvent.click(screen.getByTestId("nav-home"));
    await fireEvent.click(await screen.findByTestId("new-negotiation"));
    const title = await screen.findByTestId("field-title");
    exec.mockClear();
    await fireEvent.keyDown(title, { key: "z", ctrlKey: true });
    expect(exec).toHaveBeenCalledWith("undo");
  });

  it("leaves other keys, read-only fields and non-text inputs alone", () => {
    const checkbox = document.createElement("input");
    checkbox.type = "checkbox";
    const readOnly = document.createElement("input");
    readOnly.readOnly = true;
    const text = document.createElement("input");
    document.body.append(checkbox, readOnly, text);
    const key = (target: HTMLElement, init: KeyboardEventInit) => {
      const event = new KeyboardEvent("keydown", { ...init, cancelable: true, bubbles: true });
      Object.defineProperty(event, "target", { value: target });
      return undoInTextField(event);
    };
    expect(key(checkbox, { key: "z", ctrlKey: true })).toBe(false);
    expect(key(readOnly, { key: "z", ctrlKey: true })).toBe(false);
    expect(key(text, { key: "x", ctrlKey: true })).toBe(false);
    expect(key(text, { key: "z" })).toBe(false);
    expect(key(text, { key: "z", ctrlKey: true })).toBe(true);
    expect(exec).toHaveBeenCalledTimes(1);
  });
});
