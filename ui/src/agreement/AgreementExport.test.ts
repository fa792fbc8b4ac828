import { fireEvent, screen, waitFor } from "@testing-library/svelte";
import { BackendError } from "../lib/backend";
import { FakeBackend, negotiation } from "../test/fakeBackend";
import { renderApp } from "../test/render";

async function openAgreement(backend: FakeBackend) {
  backend.drafts.set("n1", { template_id: "test-template", template_version: "1.0.0" });
  await renderApp(backend);
  const row = await screen.findByTestId("negotiation-row");
  await fireEvent.click(row.querySelector(".row-main")!);
  await screen.findByTestId("overview-title");
  await fireEvent.click(screen.getByTestId("nav-agreement"));
  await screen.findByTestId("agreement-view");
}

describe("export the agreement as PDF", () => {
  it("asks where to save, suggests the negotiation's title, exports and offers to open the file", async () => {
    const backend = new FakeBackend([negotiation({ title: "Aurelia / Boreland: agreement" })]);
    await openAgreement(backend);
    await fireEvent.click(screen.getByTestId("export-pdf"));
    await waitFor(() => expect(backend.spy("exportPdf")).toHaveBeenCalled());
    expect(backend.spy("choosePdfFileToSave")).toHaveBeenCalledWith("Aurelia Boreland agreement.pdf");
    expect(backend.spy("exportPdf")).toHaveBeenCalledWith(
      "n1",
      { doc: "agreement", version: { kind: "current" } },
      "en",
      "/home/user/Agreement.pdf",
    );
    const open = await screen.findByTestId("open-exported-pdf");
    expect(document.body.textContent).toContain("PDF saved: Agreement.pdf (13 pages)");
    await fireEvent.click(open);
    expect(backend.spy("openExportedFile")).toHaveBeenCalledWith("/home/user/Agreement.pdf");
  });

  it("says 1 page, not 1 pages, in each language", async () => {
    for (const [lang, said] of [
      ["en", "PDF saved: Agreement.pdf (1 page)"],
      ["fr", "PDF enregistré : Agreement.pdf (1 page)"],
      ["es", "PDF guardado: Agreement.pdf (1 página)"],
    ] as const) {
      const backend = new FakeBackend([negotiation()]);
      const original = backend.exportPdf.bind(backend);
      backend.spy("exportPdf").mockImplementationOnce(async (...args: Parameters<FakeBackend["exportPdf"]>) => ({
        ...(await original(...args)),
        pages: 1,
      }));
      backend.drafts.set("n1", { template_id: "test-template", template_version: "1.0.0" });
      const { unmount } = await renderApp(backend, lang);
      const row = await screen.findByTestId("negotiation-row");
      await fireEvent.click(row.querySelector(".row-main")!);
      await screen.findByTestId("overview-title");
      await fireEvent.click(screen.getByTestId("nav-agreement"));
      await screen.findByTestId("agreement-view");
      await fireEvent.click(screen.getByTestId("export-pdf"));
      await screen.findByTestId("open-exported-pdf");
      expect(document.body.textContent).toContain(said);
      unmount();
    }
  });

  it("saves a pending edit before exporting, so the PDF has it", async () => {
    const backend = new FakeBackend([negotiation()]);
    await openAgreement(backend);
    const item = screen.getAllByTestId("outline-item").find((el) => el.getAttribute("data-id") === "art.equal")!;
    await fireEvent.click(item);
    await fireEvent.click(screen.getByTestId("toggle-include-art.equal"));
    await fireEvent.click(screen.getByTestId("export-pdf"));
    await waitFor(() => expect(backend.exportedPdfs.size).toBe(1));
    expect(backend.exportedPdfs.get("/home/user/Agreement.pdf")!.draft!.inclusion).toEqual({ "art.equal": false });
  });

  it("does nothing when the dialog is cancelled", async () => {
    const backend = new FakeBackend([negotiation()]);
    backend.pdfSaveAnswer = null;
    await openAgreement(backend);
    await fireEvent.click(screen.getByTestId("export-pdf"));
    await waitFor(() => expect(backend.spy("choosePdfFileToSave")).toHaveBeenCalled());
    expect(backend.spy("exportPdf")).not.toHaveBeenCalled();
  });

  it("shows progress while the PDF is made", async () => {
    const backend = new FakeBackend([negotiation()]);
    let finish: () => void = () => {};
    const original = backend.exportPdf.bind(backend);
    backend.spy("exportPdf").mockImplementationOnce(
      (...args: Parameters<FakeBackend["exportPdf"]>) =>
        new Promise((resolve) => (finish = () => resolve(original(...args)))),
    );
    await openAgreement(backend);
    await fireEvent.click(screen.getByTestId("export-pdf"));
    await screen.findByTestId("export-pdf-progress");
    expect((screen.getByTestId("export-pdf") as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId("export-pdf").textContent).toContain("Making the PDF…");
    finish();
    await waitFor(() => expect(screen.queryByTestId("export-pdf-progress")).toBeNull());
    expect((screen.getByTestId("export-pdf") as HTMLButtonElement).disabled).toBe(false);
  });

  it("names the file when the export fails", async () => {
    const backend = new FakeBackend([negotiation()]);
    backend.failNext("exportPdf", new BackendError("storage", "Could not write /home/user/Agreement.pdf: Permission denied"));
    await openAgreement(backend);
    await fireEvent.click(screen.getByTestId("export-pdf"));
    await waitFor(() => expect(document.body.textContent).toContain("Could not export Agreement.pdf: Could not write"));
    expect(screen.queryByTestId("open-exported-pdf")).toBeNull();
  });

  it("is in French and Spanish too", async () => {
    const backend = new FakeBackend([negotiation()]);
    backend.drafts.set("n1", { template_id: "test-template", template_version: "1.0.0" });
    await renderApp(backend, "fr");
    const row = await screen.findByTestId("negotiation-row");
    await fireEvent.click(row.querySelector(".row-main")!);
    await screen.findByTestId("overview-title");
    await fireEvent.click(screen.getByTestId("nav-agreement"));
    expect((await screen.findByTestId("export-pdf")).textContent).toContain("Exporter en PDF");
  });
});
