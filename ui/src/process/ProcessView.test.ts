import { fireEvent, screen, waitFor, within } from "@testing-library/svelte";
import type { ItemAnswer } from "../lib/backend";
import { BackendError } from "../lib/backend";
import { FakeBackend, negotiation } from "../test/fakeBackend";
import { renderApp } from "../test/render";
import type { Language } from "../lib/i18n";

async function openProcess(backend: FakeBackend, lang: Language = "en") {
  await renderApp(backend, lang);
  const row = await screen.findByTestId("negotiation-row");
  await fireEvent.click(row.querySelector(".row-main")!);
  await screen.findByTestId("overview-title");
  await fireEvent.click(screen.getByTestId("nav-process"));
  await screen.findByTestId("process-view");
}

const stepButton = (id: string) => screen.getAllByTestId("process-step").find((el) => el.dataset.step === id)!;
const item = (id: string) => screen.getAllByTestId("checklist-item").find((el) => el.dataset.item === id)!;
const lastAnswer = (backend: FakeBackend): [string, string, ItemAnswer] =>
  backend.spy("setItemAnswer").mock.calls.at(-1) as [string, string, ItemAnswer];

describe("process view", { timeout: 20000 }, () => {
  it("lists the steps with status and progress, the current one marked, and its detail", async () => {
    const backend = new FakeBackend([negotiation()]);
    await openProcess(backend);
    const steps = screen.getAllByTestId("process-step");
    expect(steps.map((s) => s.dataset.step)).toEqual(["need", "feasibility", "contact"]);
    expect(stepButton("need").dataset.current).toBe("true");
    expect(stepButton("need").textContent).toContain("Not started");
    expect(stepButton("need").textContent).toContain("0/2");
    const detail = screen.getByTestId("step-detail");
    expect(detail.dataset.step).toBe("need");
    expect(detail.textContent).toContain("Purpose of Identify the need.");
    expect(detail.textContent).toContain("Ministry of labour");
    expect(screen.getAllByTestId("step-output")[0].textContent).toContain("Document of this step");
    expect(screen.getByTestId("process-percent").textContent).toBe("0% done");
    // Next actions: the current step's open items.
    const next = within(screen.getByTestId("next-actions")).getAllByTestId("next-action");
    expect(next.map((n) => n.dataset.item)).toEqual(["need-data", "need-gaps"]);
  });

  it("links a step's document to where it is worked on; a record kept outside the app has no link", async () => {
    const backend = new FakeBackend([negotiation()]);
    await openProcess(backend);
    // The first step's output (a corridor profile) has no place in the app.
    expect(screen.queryByTestId("open-output")).toBeNull();
    await fireEvent.click(stepButton("feasibility"));
    await waitFor(() => expect(screen.getByTestId("step-detail").dataset.step).toBe("feasibility"));
    await fireEvent.click(screen.getByTestId("open-output"));
    expect(await screen.findByTestId("doc-panel-feasibility")).toBeTruthy();
    expect(screen.getByTestId("doc-tab-feasibility").getAttribute("aria-selected")).toBe("true");
  });

  it("shows inferred content as the project's own drafting and sourced content with its ids", async () => {
    const backend = new FakeBackend([negotiation()]);
    await openProcess(backend);
    const badges = within(item("need-data")).getByTestId("provenance");
    expect(badges.textContent).toBe("Project's own drafting — not official ILO text");
    expect(within(item("need-gaps")).getByTestId("provenance").textContent).toBe("Sourced: P7, P8");
  });

  it("ticks an item at once: the step starts, the counts follow, the next actions shrink", async () => {
    const backend = new FakeBackend([negotiation()]);
    await openProcess(backend);
    await fireEvent.click(within(item("need-data")).getByTestId("item-check"));
    await waitFor(() => expect(backend.spy("setItemAnswer")).toHaveBeenCalled());
    expect(lastAnswer(backend).slice(0, 2)).toEqual(["n1", "need-data"]);
    expect(lastAnswer(backend)[2].done).toBe(true);
    await waitFor(() => expect(stepButton("need").textContent).toContain("1/2"));
    expect(stepButton("need").dataset.status).toBe("in_progress");
    expect(screen.getByTestId("step-progress").textContent).toBe("1 of 2 checklist items ticked");
    expect(screen.getAllByTestId("next-action").map((n) => n.dataset.item)).toEqual(["need-gaps"]);
  });

  it("saves who, when, note and a file reference with the item", async () => {
    const backend = new FakeBackend([negotiation()]);
    await openProcess(backend);
    const row = item("need-data");
    await fireEvent.click(within(row).getByTestId("item-details-toggle"));
    await fireEvent.input(within(row).getByTestId("item-who"), { target: { value: "M. Actuary" } });
    await fireEvent.blur(within(row).getByTestId("item-who"));
    await fireEvent.change(within(row).getByTestId("item-when"), { target: { value: "2026-03-02" } });
    await fireEvent.input(within(row).getByTestId("item-note"), { target: { value: "Census 2025" } });
    await fireEvent.blur(within(row).getByTestId("item-note"));
    await fireEvent.input(within(row).getByTestId("attachment-path"), { target: { value: "/shared/figures.xlsx" } });
    await fireEvent.input(within(row).getByTestId("attachment-label"), { target: { value: "Figures" } });
    await fireEvent.click(within(row).getByTestId("attachment-add"));
    await waitFor(() =>
      expect(backend.process.view("n1").steps[0].checklist[0].answer).toEqual({
        done: false,
        who: "M. Actuary",
        when: "2026-03-02",
        note: "Census 2025",
        attachments: [{ path: "/shared/figures.xlsx", label: "Figures" }],
      }),
    );
    expect(within(row).getAllByTestId("item-attachment")[0].textContent).toContain("/shared/figures.xlsx");
    await waitFor(() => expect(screen.getByTestId("process-save-state").textContent).toContain("Saved"));
    // Closed, the item sums up its details, the date in the interface's one format.
    await fireEvent.click(within(row).getByTestId("item-details-toggle"));
    expect(within(row).getByTestId("item-summary").textContent).toContain("2 March 2026");
  });

  it("undoes and redoes a tick with the keyboard", async () => {
    const backend = new FakeBackend([negotiation()]);
    await openProcess(backend);
    await fireEvent.click(within(item("need-data")).getByTestId("item-check"));
    await waitFor(() => expect(stepButton("need").textContent).toContain("1/2"));
    await fireEvent.keyDown(window, { key: "z", ctrlKey: true });
    await waitFor(() => expect(stepButton("need").textContent).toContain("0/2"));
    expect((within(item("need-data")).getByTestId("item-check") as HTMLInputElement).checked).toBe(false);
    await fireEvent.click(screen.getByTestId("process-redo"));
    await waitFor(() => expect(stepButton("need").textContent).toContain("1/2"));
    expect((within(item("need-data")).getByTestId("item-check") as HTMLInputElement).checked).toBe(true);
  });

  it("records a go on the current step: the step is done and the next one becomes current", async () => {
    const backend = new FakeBackend([negotiation()]);
    await openProcess(backend);
    const gate = screen.getByTestId("gate");
    await fireEvent.click(within(gate).getByTestId("gate-record"));
    expect(within(gate).getByTestId("gate-problem").textContent).toBe("Choose go, no-go or revisit.");
    expect(backend.spy("recordGateDecision")).not.toHaveBeenCalled();
    await fireEvent.click(within(gate).getByTestId("gate-go"));
    await fireEvent.input(within(gate).getByTestId("gate-date"), { target: { value: "2026-03-10" } });
    await fireEvent.input(within(gate).getByTestId("gate-rationale"), { target: { value: "Large corridor" } });
    await fireEvent.click(within(gate).getByTestId("gate-record"));
    // The checklist is not done: Go is recorded only once the warning is read and accepted.
    expect(within(gate).getByTestId("gate-caution").textContent).toContain("2 checklist items of this step are still open.");
    expect(within(gate).getByTestId("gate-caution").textContent).not.toContain("No rationale");
    expect(backend.spy("recordGateDecision")).not.toHaveBeenCalled();
    await fireEvent.click(within(gate).getByTestId("gate-record-anyway"));
    await waitFor(() =>
      expect(backend.spy("recordGateDecision")).toHaveBeenCalledWith("n1", "need", {
        choice: "go",
        date: "2026-03-10",
        rationale: "Large corridor",
      }),
    );
    await waitFor(() => expect(stepButton("feasibility").dataset.current).toBe("true"));
    expect(stepButton("need").dataset.status).toBe("done");
    expect(stepButton("feasibility").dataset.status).toBe("in_progress");
    expect(screen.getByTestId("gate-recorded").textContent?.replace(/\s+/g, " ")).toContain("Go on 10 March 2026 — Large corridor");
  });

  it("warns before a Go with open checklist items and no rationale, in French too", async () => {
    const backend = new FakeBackend([negotiation()]);
    await openProcess(backend);
    await fireEvent.click(within(item("need-data")).getByTestId("item-check"));
    await waitFor(() => expect(stepButton("need").textContent).toContain("1/2"));
    const gate = screen.getByTestId("gate");
    await fireEvent.click(within(gate).getByTestId("gate-go"));
    await fireEvent.click(within(gate).getByTestId("gate-record"));
    const caution = within(gate).getByTestId("gate-caution").textContent ?? "";
    expect(caution).toContain("1 checklist item of this step is still open.");
    expect(caution).toContain("No rationale is given");
    expect(backend.spy("recordGateDecision")).not.toHaveBeenCalled();
    await fireEvent.change(screen.getByTestId("language-select"), { target: { value: "fr" } });
    await waitFor(() => expect(within(gate).getByTestId("gate-record-anyway").textContent).toBe("Enregistrer quand même"));
    await fireEvent.change(screen.getByTestId("language-select"), { target: { value: "en" } });
    // A no-go needs no such warning.
    await fireEvent.click(within(gate).getByTestId("gate-no_go"));
    await fireEvent.click(within(gate).getByTestId("gate-record"));
    await waitFor(() => expect(backend.spy("recordGateDecision")).toHaveBeenCalled());
  });

  it("asks for a reason before skipping a step and shows it", async () => {
    const backend = new FakeBackend([negotiation()]);
    await openProcess(backend);
    await fireEvent.click(stepButton("contact"));
    await fireEvent.change(screen.getByTestId("step-status"), { target: { value: "skipped" } });
    await fireEvent.click(screen.getByTestId("skip-confirm"));
    await waitFor(() => expect(screen.getByTestId("status-problem").textContent).toContain("say why the step is skipped"));
    await fireEvent.input(screen.getByTestId("skip-reason"), { target: { value: "Ministers met already" } });
    await fireEvent.click(screen.getByTestId("skip-confirm"));
    await waitFor(() => expect(screen.getByTestId("skip-shown").textContent).toBe("Skipped: Ministers met already"));
    expect(stepButton("contact").dataset.status).toBe("skipped");
  });

  it("moves between steps with the arrow keys", async () => {
    const backend = new FakeBackend([negotiation()]);
    await openProcess(backend);
    stepButton("need").focus();
    await fireEvent.keyDown(stepButton("need"), { key: "ArrowDown" });
    await waitFor(() => expect(screen.getByTestId("step-detail").dataset.step).toBe("feasibility"));
    expect(document.activeElement).toBe(stepButton("feasibility"));
  });

  it("shows French labels and marks untranslated text as English", async () => {
    const backend = new FakeBackend([negotiation()]);
    await openProcess(backend, "fr");
    expect(within(item("need-data")).getByTestId("item-check")).toBeTruthy();
    expect(item("need-data").textContent).toContain("Données du corridor rassemblées");
    const purpose = screen.getByText("Purpose of Identify the need.");
    expect(purpose.getAttribute("lang")).toBe("en");
    expect(screen.getByTestId("nav-process").textContent).toContain("Processus");
  });

  it("shows the whole report when an imported process file is refused", async () => {
    const backend = new FakeBackend([negotiation()]);
    backend.process.openAnswer = "/files/edited.toml";
    backend.process.files.set("/files/edited.toml", {
      problems: [{ field: 'item "need-data" of step 1 "need"', message: "line 61: this checklist item id is used twice" }],
    });
    await openProcess(backend);
    await fireEvent.click(screen.getByTestId("process-import"));
    const report = await screen.findByTestId("process-import-report");
    expect(report.textContent).toContain("Nothing was stored");
    expect(within(report).getAllByTestId("process-import-problem")[0].textContent).toContain("line 61");
  });

  it("imports a newer version and moves the negotiation to it, listing dropped answers", async () => {
    const backend = new FakeBackend([negotiation()]);
    backend.process.openAnswer = "/files/newer.toml";
    backend.process.files.set("/files/newer.toml", {
      id: "ssa-eight-step",
      version: "2026.3",
      title: { en: "Eight-step process", fr: null, es: null },
      origin: "imported",
      stepCount: 3,
      negotiations: 0,
    });
    await openProcess(backend);
    await fireEvent.click(within(item("need-gaps")).getByTestId("item-check"));
    await waitFor(() => expect(stepButton("need").textContent).toContain("1/2"));
    await fireEvent.click(screen.getByTestId("process-import"));
    const upgrade = await screen.findByTestId("process-upgrade");
    expect(screen.getByTestId("process-newer").textContent).toContain("2026.3");
    await fireEvent.click(upgrade);
    await fireEvent.click(await screen.findByTestId("confirm-ok"));
    await waitFor(() => expect(screen.getByTestId("process-version").textContent).toBe("version 2026.3"));
    expect(backend.spy("switchProcessVersion")).toHaveBeenCalledWith("n1", "ssa-eight-step", "2026.3");
    expect(document.body.textContent).toContain("Dropped answers: need-gaps");
    expect(screen.queryByTestId("process-newer")).toBeNull();
  });

  it("exports the process file to the path chosen", async () => {
    const backend = new FakeBackend([negotiation()]);
    backend.process.saveAnswer = "/files/process.toml";
    await openProcess(backend);
    await fireEvent.click(screen.getByTestId("process-export"));
    await waitFor(() => expect(backend.process.exported.get("/files/process.toml")).toBe("ssa-eight-step@2026.2"));
  });

  it("keeps what was typed when a save fails and says so", async () => {
    const backend = new FakeBackend([negotiation()]);
    await openProcess(backend);
    backend.failNext("setItemAnswer", new BackendError("storage", "The disk is full."));
    await fireEvent.click(within(item("need-data")).getByTestId("item-check"));
    const failure = await screen.findByTestId("process-save-error");
    expect(failure.textContent).toContain("The disk is full.");
    await fireEvent.click(within(failure).getByRole("button"));
    await waitFor(() => expect(backend.process.view("n1").steps[0].checklist[0].answer.done).toBe(true));
  });
});

describe("the step report as PDF", { timeout: 20000 }, () => {
  it("exports the step report with its words in the interface's language", async () => {
    const backend = new FakeBackend([negotiation()]);
    await openProcess(backend, "fr");
    await fireEvent.click(screen.getByTestId("export-step-report"));
    await waitFor(() => expect(backend.spy("exportPdf")).toHaveBeenCalledTimes(1));
    const [id, document, language] = backend.spy("exportPdf").mock.calls[0];
    expect([id, document, language]).toEqual(["n1", { doc: "step_report" }, "fr"]);
    expect(backend.spy("choosePdfFileToSave")).toHaveBeenLastCalledWith(`${negotiation().title} – rapport d’étapes.pdf`);
    await screen.findByTestId("open-exported-pdf");
  });
});
