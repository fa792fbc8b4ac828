import { fireEvent, screen, waitFor, within } from "@testing-library/svelte";
import { BackendError } from "../lib/backend";
import { sampleTemplate } from "../test/fakeAgreement";
import { FakeBackend } from "../test/fakeBackend";
import { renderApp } from "../test/render";

async function openLibrary(backend: FakeBackend, lang: "en" | "fr" = "en") {
  await renderApp(backend, lang);
  await fireEvent.click(await screen.findByTestId("nav-templates"));
  return screen.findAllByTestId("template-row");
}

const row = (key: string) => screen.getAllByTestId("template-row").find((el) => el.dataset.id === key)!;

describe("template library", () => {
  it("lists templates with a readable title, id, version and origin", async () => {
    const backend = new FakeBackend();
    backend.library.origins.set("test-template@1.0.0", "shipped");
    const rows = await openLibrary(backend);
    expect(rows).toHaveLength(1);
    expect(rows[0].dataset.id).toBe("test-template@1.0.0");
    const text = rows[0].textContent!;
    expect(text).toContain("Agreement between [party_a] and [party_b]");
    expect(text).not.toContain("{{");
    expect(text).toContain("test-template");
    expect(text).toContain("version 1.0.0");
    expect(text).toContain("ILO R167 model (project's drafting)");
    // A shipped template cannot be deleted.
    expect(within(rows[0]).queryByTestId("template-delete")).toBeNull();
  });

  it("shows the empty state and a load failure", async () => {
    const backend = new FakeBackend();
    backend.templates.splice(0);
    await renderApp(backend);
    await fireEvent.click(await screen.findByTestId("nav-templates"));
    await screen.findByTestId("templates-empty");
  });

  it("shows a load failure with a retry", async () => {
    const failing = new FakeBackend();
    await renderApp(failing);
    const nav = await screen.findByTestId("nav-templates");
    failing.failNext("listTemplates", new BackendError("unexpected", "disk unreadable"));
    await fireEvent.click(nav);
    await waitFor(() => expect(document.body.textContent).toContain("disk unreadable"));
    await fireEvent.click(screen.getByRole("button", { name: "Try again" }));
    await screen.findAllByTestId("template-row");
  });

  it("duplicates into my own: the id is validated as it is typed", async () => {
    const backend = new FakeBackend();
    await openLibrary(backend);
    await fireEvent.click(within(row("test-template@1.0.0")).getByTestId("template-derive"));
    const dialog = await screen.findByTestId("derive-dialog");
    const id = within(dialog).getByTestId("derive-id") as HTMLInputElement;
    const submit = within(dialog).getByTestId("derive-submit") as HTMLButtonElement;
    expect(id.value).toBe("my-test-template");
    expect(submit.disabled).toBe(false);

    await fireEvent.input(id, { target: { value: "Aurelia Model" } });
    expect(within(dialog).getByTestId("derive-id-problem").textContent).toContain("lower-case");
    expect(submit.disabled).toBe(true);
    await fireEvent.input(id, { target: { value: "test-template" } });
    expect(within(dialog).getByTestId("derive-id-problem").textContent).toContain("already exists");
    expect(submit.disabled).toBe(true);
    await fireEvent.input(id, { target: { value: "" } });
    expect(within(dialog).getByTestId("derive-id-problem").textContent).toContain("Enter an identifier");

    await fireEvent.input(id, { target: { value: "aurelia-model" } });
    expect(within(dialog).queryByTestId("derive-id-problem")).toBeNull();
    await fireEvent.input(within(dialog).getByTestId("derive-title"), { target: { value: "Aurelia model" } });
    await fireEvent.click(submit);

    await waitFor(() => expect(screen.queryByTestId("derive-dialog")).toBeNull());
    expect(backend.spy("deriveTemplate")).toHaveBeenCalledWith("test-template", "1.0.0", "aurelia-model", "Aurelia model");
    await waitFor(() => expect(screen.getAllByTestId("template-row")).toHaveLength(2));
    expect(row("aurelia-model@1.0.0").textContent).toContain("Your own");
    expect(within(row("aurelia-model@1.0.0")).getByTestId("template-delete")).toBeTruthy();
  });

  it("imports a file, and a failed import shows the whole report and stores nothing", async () => {
    const backend = new FakeBackend();
    await openLibrary(backend);
    backend.library.openAnswer = "/home/me/broken.toml";
    await fireEvent.click(screen.getByTestId("template-import"));
    const report = await screen.findByTestId("import-report");
    const problems = within(report).getAllByTestId("import-problem");
    expect(problems.map((p) => p.textContent)).toEqual([
      expect.stringContaining("line 3: unknown field `titel`"),
      expect.stringContaining("line 41: {{ref:art.9}} refers to no node"),
    ]);
    expect(report.textContent).toContain("nothing was imported");
    expect(backend.spy("importTemplateFile")).toHaveBeenCalledWith("/home/me/broken.toml");
    expect(screen.getAllByTestId("template-row")).toHaveLength(1);

    await fireEvent.click(within(report).getAllByRole("button").at(-1)!);
    await waitFor(() => expect(screen.queryByTestId("import-report")).toBeNull());

    backend.library.files.set("/home/me/good.toml", { ...sampleTemplate(), id: "good-one" });
    backend.library.openAnswer = "/home/me/good.toml";
    await fireEvent.click(screen.getByTestId("template-import"));
    await waitFor(() => expect(screen.getAllByTestId("template-row")).toHaveLength(2));
    expect(row("good-one@1.0.0").textContent).toContain("Imported");
  });

  it("does nothing when the open dialog is cancelled", async () => {
    const backend = new FakeBackend();
    await openLibrary(backend);
    backend.library.openAnswer = null;
    await fireEvent.click(screen.getByTestId("template-import"));
    await waitFor(() => expect(backend.spy("chooseTemplateFileToOpen")).toHaveBeenCalled());
    expect(backend.spy("importTemplateFile")).not.toHaveBeenCalled();
  });

  it("exports to the chosen file, offering <id>-<version>.toml", async () => {
    const backend = new FakeBackend();
    await openLibrary(backend);
    backend.library.saveAnswer = "/home/me/out.toml";
    await fireEvent.click(screen.getByTestId("template-export"));
    await waitFor(() => expect(backend.library.exported.get("/home/me/out.toml")).toBe("test-template@1.0.0"));
    expect(backend.spy("chooseTemplateFileToSave")).toHaveBeenCalledWith("test-template-1.0.0.toml");
  });

  it("deletes a template of one's own after confirmation", async () => {
    const backend = new FakeBackend();
    backend.library.derive("test-template", "1.0.0", "mine", "Mine");
    await openLibrary(backend);
    await fireEvent.click(within(row("mine@1.0.0")).getByTestId("template-delete"));
    await fireEvent.click(await screen.findByTestId("confirm-ok"));
    await waitFor(() => expect(screen.getAllByTestId("template-row")).toHaveLength(1));
    expect(backend.spy("deleteTemplate")).toHaveBeenCalledWith("mine", "1.0.0");
  });

  it("is translated", async () => {
    const backend = new FakeBackend();
    await openLibrary(backend, "fr");
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Accords types");
    expect(screen.getByTestId("template-import").textContent).toBe("Importer un fichier…");
  });
});
