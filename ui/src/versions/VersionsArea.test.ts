import { fireEvent, screen, waitFor, within } from "@testing-library/svelte";
import type { Comparison, UnitComparison } from "../lib/backend";
import { BackendError } from "../lib/backend";
import { FakeBackend, negotiation } from "../test/fakeBackend";
import { FINGERPRINT, revision } from "../test/fakeVersions";
import { renderApp } from "../test/render";
import { parseRefKey, refKey } from "./refs";

function unit(overrides: Partial<UnitComparison>): UnitComparison {
  return {
    id: "A1",
    kind: "article",
    before: { label: "Article 1", heading: "Scope" },
    after: { label: "Article 1", heading: "Scope" },
    change: "unchanged",
    moved: false,
    renumbered: false,
    redline: [{ op: "equal", text: "Scope\nThis Agreement applies." }],
    ...overrides,
  };
}

const COMPARISON: Comparison = {
  summary: { added: 0, removed: 1, changed: 1, unchanged: 2, moved: 0, renumbered: 1 },
  units: [
    unit({ id: "#title", kind: null, before: { label: null, heading: "" }, after: { label: null, heading: "" } }),
    unit({
      id: "A2",
      before: { label: "Article 2", heading: "" },
      after: { label: "Article 2", heading: "" },
      change: "changed",
      redline: [
        { op: "equal", text: "Each Party " },
        { op: "deleted", text: "may" },
        { op: "inserted", text: "shall" },
        { op: "equal", text: " pay." },
      ],
    }),
    unit({ id: "A3", after: null, before: { label: "Article 3", heading: "" }, change: "removed", redline: [{ op: "deleted", text: "Gone." }] }),
    unit({
      id: "A4",
      before: { label: "Article 4", heading: "" },
      after: { label: "Article 3", heading: "" },
      renumbered: true,
      redline: [{ op: "equal", text: "Final." }],
    }),
  ],
};

async function openVersions(backend: FakeBackend) {
  await renderApp(backend);
  const row = await screen.findByTestId("negotiation-row");
  await fireEvent.click(row.querySelector(".row-main")!);
  await screen.findByTestId("overview-title");
  await fireEvent.click(screen.getByTestId("nav-versions"));
  await screen.findByTestId("versions-area");
}

function withHistory(): FakeBackend {
  const backend = new FakeBackend([negotiation()]);
  backend.history.revisions.set("n1", [revision(1, { name: "Round 1" }), revision(2)]);
  backend.history.comparison = COMPARISON;
  return backend;
}

describe("version keys", () => {
  it("round-trips every side of a comparison and refuses anything else", () => {
    for (const ref of [{ kind: "model" }, { kind: "current" }, { kind: "revision", number: 12 }] as const) {
      expect(parseRefKey(refKey(ref))).toEqual(ref);
    }
    expect(() => parseRefKey("r:0")).toThrow();
    expect(() => parseRefKey("latest")).toThrow();
  });
});

describe("versions", () => {
  it("shows an empty state when there is no draft yet", async () => {
    const backend = new FakeBackend([negotiation()]);
    await openVersions(backend);
    await screen.findByTestId("versions-empty");
    expect(screen.queryByTestId("compare-view")).toBeNull();
  });

  it("lists revisions newest first and compares the latest version with the current draft", async () => {
    const backend = withHistory();
    await openVersions(backend);
    const names = (await screen.findAllByTestId("revision-name")).map((el) => el.textContent);
    expect(names).toEqual(["Revision 2", "Round 1"]);
    await waitFor(() => expect(backend.history.compared.at(-1)).toEqual([{ kind: "revision", number: 1 }, { kind: "current" }]));
    expect((screen.getByTestId("compare-before") as HTMLSelectElement).value).toBe("r:1");
    expect(screen.getByTestId("summary-removed").textContent).toBe("1 removed");
    expect(screen.getByTestId("summary-renumbered").textContent).toBe("1 renumbered");
  });

  it("shows the redline with insertions and deletions, and renumbered articles as such", async () => {
    const backend = withHistory();
    await openVersions(backend);
    const units = await screen.findAllByTestId("compare-unit");
    // Changed provisions only: the unchanged title is hidden, the renumbered article is not.
    expect(units.map((u) => u.getAttribute("data-unit"))).toEqual(["A2", "A3", "A4"]);
    const changed = units[0];
    expect(changed.querySelector("ins")!.textContent).toBe("shall");
    expect(changed.querySelector("del")!.textContent).toBe("may");
    expect(within(changed).getByTestId("unit-change").textContent).toBe("Changed");
    expect(units[2].textContent).toContain("Article 3");
    expect(units[2].textContent).toContain("was Article 4");
    expect(units[2].textContent).toContain("Renumbered");
    expect(units[2].querySelector("[data-testid=redline]")).toBeNull();

    await fireEvent.click(screen.getByTestId("compare-changed-only"));
    const all = screen.getAllByTestId("compare-unit");
    expect(all.map((u) => u.getAttribute("data-unit"))).toEqual(["#title", "A2", "A3", "A4"]);
    expect(all[0].textContent).toContain("Title");
  });

  it("compares any two texts picked, including the model agreement, and swaps them", async () => {
    const backend = withHistory();
    await openVersions(backend);
    await screen.findAllByTestId("compare-unit");
    await fireEvent.change(screen.getByTestId("compare-before"), { target: { value: "model" } });
    await waitFor(() => expect(backend.history.compared.at(-1)).toEqual([{ kind: "model" }, { kind: "current" }]));
    expect(screen.getByText(/default choices and the particulars/)).toBeTruthy();
    await fireEvent.click(screen.getByTestId("compare-swap"));
    await waitFor(() => expect(backend.history.compared.at(-1)).toEqual([{ kind: "current" }, { kind: "model" }]));
  });

  it("says so when the two texts are the same", async () => {
    const backend = withHistory();
    backend.history.comparison = {
      summary: { added: 0, removed: 0, changed: 0, unchanged: 3, moved: 0, renumbered: 0 },
      units: [],
    };
    await openVersions(backend);
    await screen.findByTestId("compare-same");
  });

  it("shows a comparison the backend refuses as an error", async () => {
    const backend = withHistory();
    backend.failNext("compareVersions", new BackendError("not_found", "Negotiation n1 has no revision 9."));
    await openVersions(backend);
    await waitFor(() => expect(screen.getByRole("alert").textContent).toContain("has no revision 9"));
  });

  it("names the current text, and shows a refusal beside the field", async () => {
    const backend = withHistory();
    await openVersions(backend);
    await fireEvent.input(screen.getByTestId("version-name"), { target: { value: "Round 1" } });
    await fireEvent.click(screen.getByTestId("version-name-submit"));
    await waitFor(() =>
      expect(screen.getByTestId("version-name-error").textContent).toContain('already has a version named "Round 1"'),
    );
    await fireEvent.input(screen.getByTestId("version-name"), { target: { value: "Round 2" } });
    await fireEvent.click(screen.getByTestId("version-name-submit"));
    await waitFor(() =>
      expect(screen.getAllByTestId("revision-name").map((el) => el.textContent)).toEqual(["Round 2", "Round 1"]),
    );
    expect((screen.getByTestId("version-name") as HTMLInputElement).value).toBe("");
  });

  it("initials a version after a confirmation that says it cannot be undone, then shows its fingerprint", async () => {
    const backend = withHistory();
    await openVersions(backend);
    await fireEvent.click(await screen.findByTestId("initial-open"));
    const dialog = await screen.findByTestId("initial-dialog");
    expect(dialog.textContent).toContain("can never be changed or un-initialled");
    const ok = within(dialog).getByTestId("confirm-ok") as HTMLButtonElement;
    expect(ok.disabled).toBe(true);
    await fireEvent.input(within(dialog).getByTestId("initialled-by"), { target: { value: "A. Aurelian" } });
    await fireEvent.click(ok);
    await waitFor(() => expect(screen.queryByTestId("initial-dialog")).toBeNull());
    expect(backend.spy("initialVersion")).toHaveBeenCalledWith("n1", 1, "A. Aurelian");
    expect(screen.getByTestId("fingerprint-short").textContent).toContain(FINGERPRINT.slice(0, 12));
    expect(screen.getByTestId("fingerprint-full").textContent).toBe(FINGERPRINT);
    expect(screen.queryByTestId("initial-open")).toBeNull();

    backend.history.fingerprintMatches = false;
    await fireEvent.click(screen.getByTestId("verify"));
    await waitFor(() => expect(screen.getByTestId("verify-result").textContent).toContain("no longer has"));
  });

  it("lists how each provision departs from the model", async () => {
    const backend = withHistory();
    backend.history.deviation = {
      units_compared: 10,
      deviations: [
        {
          id: "A2",
          kind: "article",
          place: { label: "Article 2", heading: "" },
          how: [
            { kind: "reworded", node: "A2", place: "Article 2 Posting" },
            { kind: "left_out", node: "A2.3", place: "Article 2(3) Posting" },
          ],
          comparison: COMPARISON.units[1],
        },
      ],
    };
    await openVersions(backend);
    await fireEvent.click(screen.getByTestId("tab-deviation"));
    const item = await screen.findByTestId("deviation");
    expect(screen.getByTestId("deviation-count").textContent).toBe("1 provision departs from the model");
    expect(item.textContent).toContain("Article 2 Posting: reworded");
    expect(item.textContent).toContain("Article 2(3) Posting: left out");
    expect(item.textContent).not.toContain("A2.3");
    expect(item.querySelector("ins")!.textContent).toBe("shall");
  });
});

describe("export the comparison as a redline PDF", { timeout: 20000 }, () => {
  it("exports the two texts compared, changed provisions only unless the whole text is asked for", async () => {
    const backend = withHistory();
    backend.drafts.set("n1", { template_id: "test-template", template_version: "1.0.0" });
    await openVersions(backend);
    await screen.findAllByTestId("compare-unit");
    await fireEvent.click(screen.getByTestId("export-redline"));
    await waitFor(() => expect(backend.spy("exportPdf")).toHaveBeenCalledTimes(1));
    expect(backend.spy("choosePdfFileToSave")).toHaveBeenCalledWith(`${negotiation().title} – redline.pdf`);
    expect(backend.spy("exportPdf").mock.calls[0]).toEqual([
      "n1",
      { doc: "redline", before: { kind: "revision", number: 1 }, after: { kind: "current" }, changedOnly: true },
      "en",
      "/home/user/Agreement.pdf",
    ]);
    await screen.findByTestId("open-exported-pdf");

    await fireEvent.click(screen.getByTestId("compare-changed-only"));
    await fireEvent.change(screen.getByTestId("compare-before"), { target: { value: "model" } });
    await fireEvent.click(screen.getByTestId("export-redline"));
    await waitFor(() => expect(backend.spy("exportPdf")).toHaveBeenCalledTimes(2));
    expect(backend.spy("exportPdf").mock.calls[1][1]).toEqual({
      doc: "redline",
      before: { kind: "model" },
      after: { kind: "current" },
      changedOnly: false,
    });
  });
});

describe("a named version as PDF", { timeout: 20000 }, () => {
  it("exports the agreement as it was named; unnamed revisions offer no PDF", async () => {
    const backend = withHistory();
    backend.drafts.set("n1", { template_id: "test-template", template_version: "1.0.0" });
    await openVersions(backend);
    const rows = await screen.findAllByTestId("revision");
    const named = rows.find((r) => r.getAttribute("data-number") === "1")!;
    const unnamed = rows.find((r) => r.getAttribute("data-number") === "2")!;
    expect(within(unnamed).queryByTestId("export-version-pdf")).toBeNull();
    await fireEvent.click(within(named).getByTestId("export-version-pdf"));
    await waitFor(() => expect(backend.spy("exportPdf")).toHaveBeenCalledTimes(1));
    expect(backend.spy("exportPdf").mock.calls[0][1]).toEqual({
      doc: "agreement",
      version: { kind: "revision", number: 1 },
    });
    expect(backend.spy("choosePdfFileToSave")).toHaveBeenLastCalledWith(`${negotiation().title} – Round 1.pdf`);
  });
});
