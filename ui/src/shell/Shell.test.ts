import { fireEvent, screen, waitFor } from "@testing-library/svelte";
import { FakeBackend, negotiation } from "../test/fakeBackend";
import { renderApp } from "../test/render";

describe("app shell", () => {
  it("switches the language from the header and remembers it", async () => {
    await renderApp(new FakeBackend([negotiation()]));
    expect((await screen.findByTestId("nav-bin")).textContent).toContain("Bin");
    await fireEvent.change(screen.getByTestId("language-select"), { target: { value: "fr" } });
    expect(screen.getByTestId("nav-bin").textContent).toContain("Corbeille");
    expect(screen.getByTestId("new-negotiation").textContent).toContain("Nouvelle négociation");
    expect(localStorage.getItem("ssa.language")).toBe("fr");
    expect(document.documentElement.lang).toBe("fr");
    await fireEvent.change(screen.getByTestId("language-select"), { target: { value: "es" } });
    expect(screen.getByTestId("nav-bin").textContent).toContain("Papelera");
  });

  it("shows the About box with the installation details, and closes it", async () => {
    const backend = new FakeBackend([]);
    await renderApp(backend);
    const about = await screen.findByTestId("nav-about");
    about.focus();
    await fireEvent.click(about);
    expect((await screen.findByTestId("about-data-dir")).textContent).toBe("/data");
    const dialog = screen.getByTestId("about-dialog");
    expect(dialog.textContent).toContain("/data/ssa.db");
    expect(dialog.textContent).toContain("/data/logs");
    expect(dialog.textContent).toContain("0.1.0");
    expect(dialog.textContent).toContain("Keyboard shortcuts");
    await fireEvent.click(screen.getByTestId("about-close"));
    expect(screen.queryByTestId("about-dialog")).toBeNull();
    expect(document.activeElement).toBe(about);
  });

  it("shows the areas of an open negotiation, only those that exist", async () => {
    await renderApp(new FakeBackend([negotiation({ title: "Cordova–Deltania" })]));
    expect(screen.queryByTestId("nav-overview")).toBeNull();
    const row = await screen.findByTestId("negotiation-row");
    await fireEvent.click(row.querySelector(".row-main")!);
    await screen.findByTestId("overview-title");
    const nav = screen.getByRole("navigation");
    expect(screen.getByTestId("nav-overview").getAttribute("aria-current")).toBe("page");
    expect(nav.textContent).toContain("Cordova–Deltania");
    await fireEvent.click(screen.getByTestId("nav-home"));
    await waitFor(() => expect(screen.queryByTestId("nav-overview")).toBeNull());
  });

  it("opens the keyboard shortcuts with ?", async () => {
    await renderApp(new FakeBackend([]));
    await screen.findByTestId("empty-state");
    await fireEvent.keyDown(document.body, { key: "?" });
    expect(await screen.findByTestId("shortcuts-dialog")).toBeTruthy();
    await fireEvent.keyDown(screen.getByTestId("shortcuts-dialog"), { key: "Escape" });
    expect(screen.queryByTestId("shortcuts-dialog")).toBeNull();
  });

  it("lists the draft's undo and redo and the area keys in the shortcuts help", async () => {
    await renderApp(new FakeBackend([]));
    await screen.findByTestId("empty-state");
    await fireEvent.keyDown(document.body, { key: "?" });
    const help = (await screen.findByTestId("shortcuts-dialog")).textContent ?? "";
    expect(help).toContain("In a draft (the agreement, a document): undo the last change");
    expect(help).toContain("Ctrl+Y");
    expect(help).toContain("Alt+1 … 6");
  });

  it("switches areas of the open negotiation with Alt+1…6", async () => {
    await renderApp(new FakeBackend([negotiation()]));
    const row = await screen.findByTestId("negotiation-row");
    await fireEvent.click(row.querySelector(".row-main")!);
    await screen.findByTestId("overview-title");
    await fireEvent.keyDown(document.body, { key: "4", code: "Digit4", altKey: true });
    await waitFor(() => expect(screen.getByTestId("nav-agreement").getAttribute("aria-current")).toBe("page"));
    // AZERTY: Alt and the key marked 1 gives "&", still the first area.
    await fireEvent.keyDown(document.body, { key: "&", code: "Digit1", altKey: true });
    await waitFor(() => expect(screen.getByTestId("nav-overview").getAttribute("aria-current")).toBe("page"));
    await fireEvent.keyDown(document.body, { key: "6", code: "Digit6", altKey: true });
    await waitFor(() => expect(screen.getByTestId("nav-versions").getAttribute("aria-current")).toBe("page"));
  });
});
