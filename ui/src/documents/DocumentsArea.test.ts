import { fireEvent, screen, waitFor } from "@testing-library/svelte";
import { BackendError, type Feasibility, type Monitoring, type Ratification } from "../lib/backend";
import { FakeBackend, negotiation } from "../test/fakeBackend";
import { renderApp } from "../test/render";

async function openDocuments(backend: FakeBackend) {
  await renderApp(backend);
  const row = await screen.findByTestId("negotiation-row");
  await fireEvent.click(row.querySelector(".row-main")!);
  await screen.findByTestId("overview-title");
  await fireEvent.click(screen.getByTestId("nav-documents"));
  await screen.findByTestId("documents-area");
}

const lastSaved = <T>(backend: FakeBackend, method: "saveFeasibility" | "saveRatification" | "saveMonitoring") =>
  backend.spy(method).mock.calls.at(-1)![1] as T;

describe("documents area", () => {
  it("opens on the feasibility study and switches tabs with the arrow keys", async () => {
    const backend = new FakeBackend([negotiation()]);
    await openDocuments(backend);
    await screen.findByTestId("comparison-old_age");
    const tab = screen.getByTestId("doc-tab-feasibility");
    expect(tab.getAttribute("aria-selected")).toBe("true");
    await fireEvent.keyDown(tab, { key: "ArrowRight" });
    // The benefit simulator sits beside the feasibility study, then comes the mandate (the
    // editor the Rounds area also shows).
    await screen.findByTestId("doc-panel-simulator");
    await fireEvent.keyDown(screen.getByTestId("doc-tab-simulator"), { key: "ArrowRight" });
    await screen.findByTestId("doc-panel-mandate");
    expect(screen.getByTestId("doc-tab-mandate").getAttribute("aria-selected")).toBe("true");
    await fireEvent.keyDown(screen.getByTestId("doc-tab-mandate"), { key: "ArrowRight" });
    await screen.findByTestId("doc-panel-ratification");
    expect(screen.getByTestId("doc-tab-ratification").getAttribute("aria-selected")).toBe("true");
    await fireEvent.keyDown(screen.getByTestId("doc-tab-ratification"), { key: "End" });
    await screen.findByTestId("doc-panel-monitoring");
  });

  it("saves a typed comparison cell as a row of the study, after a pause", async () => {
    const backend = new FakeBackend([negotiation()]);
    await openDocuments(backend);
    const cell = await screen.findByTestId("scheme-old_age-XA-qualifying_period");
    await fireEvent.input(cell, { target: { value: "15 years of contributions" } });
    await waitFor(() => expect(backend.spy("saveFeasibility")).toHaveBeenCalled(), { timeout: 5000 });
    const saved = lastSaved<Feasibility>(backend, "saveFeasibility");
    expect(saved.schemes).toEqual([
      expect.objectContaining({ branch: "old_age", party: "XA", qualifying_period: "15 years of contributions" }),
    ]);
    await waitFor(() => expect(screen.getByTestId("feasibility-save-state").textContent).toContain("Saved"));
  });

  it("marking the long-term branches not covered shows the pensions chapter out of the draft", async () => {
    const backend = new FakeBackend([negotiation()]);
    await openDocuments(backend);
    await screen.findByTestId("chapters");
    expect(screen.getByTestId("chapter-branch.pensions-draft").textContent).toBe("in");
    for (const branch of ["old_age", "invalidity", "survivors"]) {
      await fireEvent.change(screen.getByTestId(`coverage-${branch}`), { target: { value: "not_covered" } });
    }
    await waitFor(() => expect(screen.getByTestId("chapter-branch.pensions-draft").textContent).toBe("out"));
    expect(screen.getByTestId("chapter-branch.pensions-chosen").textContent).toBe("out");
    expect(lastSaved<Feasibility>(backend, "saveFeasibility").coverage).toEqual({
      old_age: "not_covered",
      invalidity: "not_covered",
      survivors: "not_covered",
    });
  });

  it("says the choice waits for the draft when there is none", async () => {
    const backend = new FakeBackend([negotiation()]);
    backend.documents.draftFlags = null;
    await openDocuments(backend);
    expect((await screen.findByTestId("feasibility-no-draft")).textContent).toContain("when the draft is started");
  });

  it("keeps a refused value on screen with the problem under its field, and undo brings back the last one", async () => {
    const backend = new FakeBackend([negotiation()]);
    await openDocuments(backend);
    await fireEvent.click(screen.getByTestId("doc-tab-monitoring"));
    await fireEvent.click(await screen.findByTestId("indicator-add"));
    await waitFor(() => expect(backend.spy("saveMonitoring")).toHaveBeenCalledTimes(1));
    backend.failNext(
      "saveMonitoring",
      new BackendError("invalid_input", "The monitoring record was not saved.", [
        { field: "indicators[0].value", message: "Indicator row 1 has the value \"1 250\"." },
      ]),
    );
    const value = screen.getByTestId("indicator-0-value") as HTMLInputElement;
    await fireEvent.input(value, { target: { value: "1 250" } });
    await screen.findByTestId("indicator-0-value-problem", {}, { timeout: 5000 });
    expect(value.value).toBe("1 250");
    expect(screen.getByTestId("monitoring-save-error").textContent).toContain("not saved");
    await fireEvent.input(value, { target: { value: "1250" } });
    await waitFor(() => expect(lastSaved<Monitoring>(backend, "saveMonitoring").indicators?.[0].value).toBe("1250"), {
      timeout: 5000,
    });
    await waitFor(() => expect(screen.queryByTestId("indicator-0-value-problem")).toBeNull());
    // The keystrokes in one field are one undo step: undo goes back to before the typing.
    await fireEvent.click(screen.getByTestId("monitoring-undo"));
    await waitFor(() => expect(lastSaved<Monitoring>(backend, "saveMonitoring").indicators?.[0].value).toBe(""));
    expect((screen.getByTestId("indicator-0-value") as HTMLInputElement).value).toBe("");
  });

  it("shows the computed entry into force with the rule and its article", async () => {
    const backend = new FakeBackend([negotiation()]);
    backend.documents.entry = {
      ...backend.documents.entry,
      entryIntoForce: {
        state: "computed",
        date: "2027-01-01",
        later_notification: "2026-10-31",
        party: "XB",
        period_expires: "2026-12-31",
        months: 2,
      },
    };
    await openDocuments(backend);
    await fireEvent.click(screen.getByTestId("doc-tab-ratification"));
    expect((await screen.findByTestId("entry-date")).textContent).toBe("Enters into force on 1 January 2027");
    const box = screen.getByTestId("entry-into-force").textContent!;
    expect(box).toContain("Kingdom of Boreland");
    expect(box).toContain("31 December 2026");
    expect(screen.getByTestId("entry-rule-article").textContent).toContain("Article 31 of the agreement");
    await fireEvent.change(screen.getByTestId("ratification-XA-notification_date"), { target: { value: "2026-10-31" } });
    await waitFor(() =>
      expect(lastSaved<Ratification>(backend, "saveRatification").parties).toEqual([
        expect.objectContaining({ party: "XA", notification_date: "2026-10-31" }),
      ]),
    );
  });

  it("starts the administrative arrangement and shows what the selected provision implements", async () => {
    const backend = new FakeBackend([negotiation()]);
    await openDocuments(backend);
    await fireEvent.click(screen.getByTestId("doc-tab-arrangement"));
    await fireEvent.click(await screen.findByTestId("arrangement-start"));
    await screen.findByTestId("arrangement-view");
    expect(backend.spy("startArrangement")).toHaveBeenCalledWith("n1");
    const item = screen.getAllByTestId("outline-item").find((el) => el.getAttribute("data-id") === "art.scope")!;
    await fireEvent.click(item);
    await waitFor(() => expect(screen.getByTestId("arrangement-links").textContent).toMatch(/Article \d+ of the agreement/));
  });

  it("opens the tab named in the view, so other screens can link to a document", async () => {
    const backend = new FakeBackend([negotiation()]);
    await openDocuments(backend);
    await fireEvent.click(screen.getByTestId("doc-tab-monitoring"));
    await screen.findByTestId("doc-panel-monitoring");
    await fireEvent.click(screen.getByTestId("nav-agreement"));
    await fireEvent.click(screen.getByTestId("nav-documents"));
    // The sidebar opens the area on its first tab; the tab itself is in the view.
    await screen.findByTestId("doc-panel-feasibility");
  });

  it("shows a refused corridor source under its field", async () => {
    const backend = new FakeBackend([negotiation()]);
    await openDocuments(backend);
    await fireEvent.click(await screen.findByTestId("corridor-add"));
    await waitFor(() => expect(backend.spy("saveFeasibility")).toHaveBeenCalledTimes(1));
    backend.failNext(
      "saveFeasibility",
      new BackendError("invalid_input", "The feasibility study was not saved.", [
        { field: "corridor[0].source", message: "Corridor figure 1: the source has at most 300 characters." },
      ]),
    );
    await fireEvent.input(screen.getByTestId("corridor-0-source"), { target: { value: "x".repeat(301) } });
    const problem = await screen.findByTestId("corridor-0-source-problem", {}, { timeout: 5000 });
    expect(problem.textContent).toContain("at most 300 characters");
  });
});
