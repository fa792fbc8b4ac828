import { fireEvent, screen, waitFor } from "@testing-library/svelte";
import { BackendError } from "../lib/backend";
import { FakeBackend, negotiation } from "../test/fakeBackend";
import { renderApp } from "../test/render";

function broken(): FakeBackend {
  const backend = new FakeBackend([negotiation()]);
  backend.startup = {
    state: "problem",
    code: "database_corrupt",
    message: "The file /data/ssa.db is not a database.",
    databasePath: "/data/ssa.db",
  };
  return backend;
}

describe("start-up problem screen", () => {
  it("shows the message, the database path and the two ways out", async () => {
    await renderApp(broken());
    const screenRoot = await screen.findByTestId("startup-problem");
    expect(screenRoot.textContent).toContain("The file /data/ssa.db is not a database.");
    expect(screenRoot.textContent).toContain("The database file is damaged");
    expect(screen.getByTestId("startup-path").textContent).toBe("/data/ssa.db");
    expect(screen.getByTestId("recover-read-only").textContent).toBe("Open a read-only copy");
    expect(screen.getByTestId("recover-fresh").textContent).toBe("Start a fresh database — the old file is kept");
    expect(screen.queryByTestId("nav-home")).toBeNull();
  });

  it("opens a read-only copy: banner shown, every edit control disabled", async () => {
    const backend = broken();
    await renderApp(backend);
    await fireEvent.click(await screen.findByTestId("recover-read-only"));
    expect(backend.spy("recoverOpenCopyReadOnly")).toHaveBeenCalledTimes(1);
    expect((await screen.findByTestId("read-only-banner")).textContent).toContain("Read-only");
    await screen.findAllByTestId("negotiation-row");
    expect((screen.getByTestId("new-negotiation") as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.click(screen.getByTestId("row-menu"));
    expect((screen.getByTestId("action-open") as HTMLButtonElement).disabled).toBe(false);
    for (const action of ["action-rename", "action-duplicate", "action-archive", "action-delete"])
      expect((screen.getByTestId(action) as HTMLButtonElement).disabled).toBe(true);
    // Keyboard shortcuts for edits do nothing either.
    await fireEvent.keyDown(document.body, { key: "Escape" });
    await fireEvent.keyDown(document.body, { key: "n", ctrlKey: true });
    expect(screen.queryByTestId("field-title")).toBeNull();
    // The overview's fields are disabled.
    await fireEvent.click(screen.getByTestId("action-open"));
    await screen.findByTestId("overview-title");
    expect((screen.getByTestId("field-notes") as HTMLTextAreaElement).disabled).toBe(true);
    expect((screen.getByTestId("field-title") as HTMLInputElement).disabled).toBe(true);
    expect((screen.getByTestId("add-party") as HTMLButtonElement).disabled).toBe(true);
  });

  it("explains the problem in the chosen language", async () => {
    await renderApp(broken(), "es");
    const screenRoot = await screen.findByTestId("startup-problem");
    expect(screenRoot.textContent).toContain("No se pudo abrir la base de datos");
    expect(screenRoot.textContent).toContain("está dañado");
    expect(screen.getByTestId("language-select")).toBeTruthy();
  });

  it("starts a fresh database only after confirmation", async () => {
    const backend = broken();
    await renderApp(backend);
    await fireEvent.click(await screen.findByTestId("recover-fresh"));
    expect(backend.spy("recoverStartFresh")).not.toHaveBeenCalled();
    await fireEvent.click(await screen.findByTestId("confirm-ok"));
    expect(backend.spy("recoverStartFresh")).toHaveBeenCalledTimes(1);
    await screen.findByTestId("nav-home");
    expect(screen.queryByTestId("read-only-banner")).toBeNull();
    expect(screen.queryByTestId("startup-problem")).toBeNull();
  });

  it("shows a failed recovery on the screen", async () => {
    const backend = broken();
    backend.failNext("recoverOpenCopyReadOnly", new BackendError("storage", "Could not copy the file."));
    await renderApp(backend);
    await fireEvent.click(await screen.findByTestId("recover-read-only"));
    await waitFor(() => expect(screen.getByRole("alert").textContent).toContain("Could not copy the file."));
    expect(screen.getByTestId("startup-problem")).toBeTruthy();
  });
});
