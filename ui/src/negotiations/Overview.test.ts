import { fireEvent, screen, waitFor } from "@testing-library/svelte";
import { BackendError } from "../lib/backend";
import { FakeBackend, negotiation } from "../test/fakeBackend";
import { renderApp } from "../test/render";

async function openOverview(backend: FakeBackend) {
  await renderApp(backend);
  const row = await screen.findByTestId("negotiation-row");
  await fireEvent.click(row.querySelector(".row-main")!);
  await screen.findByTestId("overview-title");
}

describe("overview", () => {
  it("shows the particulars, the current step and the dates", async () => {
    const backend = new FakeBackend([negotiation({ notes: "Some notes" })]);
    await openOverview(backend);
    expect((screen.getByTestId("field-notes") as HTMLTextAreaElement).value).toBe("Some notes");
    expect((screen.getByTestId("party-code-1") as HTMLInputElement).value).toBe("XB");
    expect(document.body.textContent).toContain("Step 1 of 8");
    expect(document.body.textContent).toContain("Preparation");
    expect(document.body.textContent).toContain("5 January 2026");
    expect(screen.getByTestId("nav-overview").getAttribute("aria-current")).toBe("page");
  });

  it("autosaves notes after a pause, once, and says so", async () => {
    const backend = new FakeBackend([negotiation()]);
    await openOverview(backend);
    const notes = screen.getByTestId("field-notes");
    await fireEvent.input(notes, { target: { value: "F" } });
    await fireEvent.input(notes, { target: { value: "First round" } });
    expect(screen.getByTestId("save-state").textContent).not.toContain("Saved");
    expect(backend.spy("updateNegotiation")).not.toHaveBeenCalled();
    await waitFor(() => expect(screen.getByTestId("save-state").textContent).toContain("Saved"), { timeout: 2000 });
    expect(backend.spy("updateNegotiation")).toHaveBeenCalledTimes(1);
    expect(backend.spy("updateNegotiation").mock.calls[0][1].notes).toBe("First round");
  });

  it("saves at once when the field is left", async () => {
    const backend = new FakeBackend([negotiation()]);
    await openOverview(backend);
    const notes = screen.getByTestId("field-notes");
    await fireEvent.input(notes, { target: { value: "Quick" } });
    await fireEvent.blur(notes);
    await waitFor(() => expect(backend.spy("updateNegotiation")).toHaveBeenCalledTimes(1), { timeout: 200 });
  });

  it("does not save a title left empty, and shows why", async () => {
    const backend = new FakeBackend([negotiation()]);
    await openOverview(backend);
    const title = screen.getByTestId("field-title");
    await fireEvent.input(title, { target: { value: "" } });
    await fireEvent.blur(title);
    await waitFor(() => expect(screen.getByTestId("save-state").textContent).toContain("Not saved"));
    expect(backend.spy("updateNegotiation")).not.toHaveBeenCalled();
    expect(screen.getAllByTestId("problem")[0].textContent).toContain("Give the negotiation a title.");
  });

  it("shows a failed save inline", async () => {
    const backend = new FakeBackend([negotiation()]);
    backend.failNext("updateNegotiation", new BackendError("storage", "The disk is full."));
    await openOverview(backend);
    const notes = screen.getByTestId("field-notes");
    await fireEvent.input(notes, { target: { value: "x" } });
    await fireEvent.blur(notes);
    await waitFor(() => expect(screen.getByRole("alert").textContent).toContain("The disk is full."));
    expect(screen.getByTestId("save-state").textContent).toContain("Not saved");
  });

  it("updates the heading after the title is saved", async () => {
    const backend = new FakeBackend([negotiation()]);
    await openOverview(backend);
    const title = screen.getByTestId("field-title");
    await fireEvent.input(title, { target: { value: "New title" } });
    await fireEvent.blur(title);
    await waitFor(() => expect(screen.getByTestId("overview-title").textContent).toBe("New title"));
  });
});
