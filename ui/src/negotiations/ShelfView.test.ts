import { fireEvent, screen, waitFor, within } from "@testing-library/svelte";
import { BackendError } from "../lib/backend";
import { FakeBackend, negotiation } from "../test/fakeBackend";
import { renderApp } from "../test/render";

const SAMPLE_TITLE = "Social Security Agreement between the Republic of Aurelia and the Kingdom of Boreland";

async function rows() {
  return screen.findAllByTestId("negotiation-row");
}

function titles() {
  return screen.queryAllByTestId("negotiation-title").map((el) => el.textContent);
}

async function rowAction(title: string, action: string) {
  const row = (await rows()).find((r) => within(r).getByTestId("negotiation-title").textContent === title)!;
  await fireEvent.click(within(row).getByTestId("row-menu"));
  await fireEvent.click(await screen.findByTestId(action));
}

describe("home list", () => {
  it("shows each active negotiation with parties, kind, step and last edit", async () => {
    const backend = new FakeBackend([
      negotiation(),
      negotiation({
        id: "n2",
        title: "Multilateral convention",
        parties: [
          { name: "Aurelia", isoCode: "XA", role: "counterpart" },
          { name: "Boreland", isoCode: "XB", role: "own" },
          { name: "Cordova", isoCode: "XC", role: "counterpart" },
        ],
        multilateral: true,
      }),
      negotiation({ id: "n3", title: "Archived one", shelf: "archived" }),
    ]);
    await renderApp(backend);
    const [first, second] = await rows();
    expect(screen.getAllByTestId("negotiation-row")).toHaveLength(2);
    expect(first.getAttribute("data-id")).toBe("n1");
    expect(within(first).getByTestId("negotiation-title").textContent).toBe(SAMPLE_TITLE);
    expect(first.textContent).toContain("Republic of Aurelia (XA)");
    expect(first.textContent).toContain("Kingdom of Boreland (XB)");
    expect(first.textContent).toContain("bilateral");
    expect(first.textContent).toContain("Step 1 of 8 · Preparation");
    expect(first.textContent).toContain("Edited 5 minutes ago");
    // The own side is marked on the right party.
    const own = first.querySelector(".own")!;
    expect(own.textContent).toContain("Republic of Aurelia (XA)");
    expect(own.textContent).toContain("your side");
    expect(second.textContent).toContain("multilateral");
    expect(second.querySelector(".own")!.textContent).toContain("Boreland");
    expect(backend.spy("listNegotiations")).toHaveBeenCalledWith("active");
  });

  it("shows step titles and dates in the chosen language", async () => {
    await renderApp(new FakeBackend([negotiation()]), "fr");
    const [row] = await rows();
    expect(row.textContent).toContain("Étape 1 sur 8 · Préparation");
    expect(row.textContent).toContain("il y a 5 minutes");
    expect(row.textContent).toContain("bilatérale");
  });

  it("shows the empty state, and adds the sample from it", async () => {
    const backend = new FakeBackend([]);
    await renderApp(backend);
    const empty = await screen.findByTestId("empty-state");
    expect(empty.textContent).toContain("No active negotiations yet");
    await fireEvent.click(screen.getByTestId("add-sample"));
    expect(backend.spy("createSampleNegotiation")).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(titles()).toEqual([SAMPLE_TITLE]));
    expect(screen.queryByTestId("empty-state")).toBeNull();
  });

  it("explains the sample on the first start, until dismissed", async () => {
    const backend = new FakeBackend([negotiation()]);
    backend.startup = { state: "ready", readOnly: false, encrypted: false, databasePath: "/d/ssa.db", created: true, backupPath: null };
    await renderApp(backend);
    await rows();
    expect(screen.getByText(/sample negotiation between two fictional countries/)).toBeTruthy();
    await fireEvent.click(screen.getByTestId("dismiss-sample-hint"));
    expect(screen.queryByText(/sample negotiation between two fictional countries/)).toBeNull();
  });

  it("archives from the row menu, and Undo in the toast brings it back", async () => {
    const backend = new FakeBackend([negotiation(), negotiation({ id: "n2", title: "Second" })]);
    await renderApp(backend);
    await rowAction("Second", "action-archive");
    expect(backend.spy("moveNegotiation")).toHaveBeenCalledWith("n2", "archived");
    await waitFor(() => expect(titles()).toEqual([SAMPLE_TITLE]));
    expect(screen.getByText("“Second” was archived.")).toBeTruthy();
    await fireEvent.click(screen.getByTestId("toast-undo"));
    expect(backend.spy("moveNegotiation")).toHaveBeenLastCalledWith("n2", "active");
    await waitFor(() => expect(titles()).toContain("Second"));
  });

  it("moves to the bin only after confirmation, and Ctrl+Z undoes it", async () => {
    const backend = new FakeBackend([negotiation(), negotiation({ id: "n2", title: "Second" })]);
    await renderApp(backend);
    await rowAction("Second", "action-delete");
    const dialog = await screen.findByRole("alertdialog");
    expect(dialog.textContent).toContain("“Second” will be moved to the bin");
    await fireEvent.click(screen.getByTestId("confirm-cancel"));
    expect(backend.spy("moveNegotiation")).not.toHaveBeenCalled();

    await rowAction("Second", "action-delete");
    await fireEvent.click(await screen.findByTestId("confirm-ok"));
    await waitFor(() => expect(titles()).toEqual([SAMPLE_TITLE]));
    expect(backend.spy("moveNegotiation")).toHaveBeenCalledWith("n2", "bin");

    await fireEvent.keyDown(document.body, { key: "z", ctrlKey: true });
    await waitFor(() => expect(titles()).toContain("Second"));
    expect(backend.spy("moveNegotiation")).toHaveBeenLastCalledWith("n2", "active");
  });

  it("renames through the dialog", async () => {
    const backend = new FakeBackend([negotiation()]);
    await renderApp(backend);
    await rowAction(SAMPLE_TITLE, "action-rename");
    const input = (await screen.findByTestId("rename-input")) as HTMLInputElement;
    expect(input.value).toBe(SAMPLE_TITLE);
    await fireEvent.input(input, { target: { value: "  " } });
    await fireEvent.click(screen.getByTestId("rename-confirm"));
    expect(screen.getByTestId("problem").textContent).toContain("Give the negotiation a title.");
    expect(backend.spy("renameNegotiation")).not.toHaveBeenCalled();
    await fireEvent.input(input, { target: { value: "Renamed" } });
    await fireEvent.click(screen.getByTestId("rename-confirm"));
    await waitFor(() => expect(titles()).toEqual(["Renamed"]));
    expect(backend.spy("renameNegotiation")).toHaveBeenCalledWith("n1", "Renamed");
    expect(screen.queryByTestId("rename-input")).toBeNull();
  });

  it("duplicates", async () => {
    const backend = new FakeBackend([negotiation()]);
    await renderApp(backend);
    await rowAction(SAMPLE_TITLE, "action-duplicate");
    await waitFor(() => expect(titles()).toHaveLength(2));
    expect(backend.spy("duplicateNegotiation")).toHaveBeenCalledWith("n1");
  });

  it("shows a backend failure to the person", async () => {
    const backend = new FakeBackend([negotiation()]);
    backend.failNext("moveNegotiation", new BackendError("storage", "The disk is full."));
    await renderApp(backend);
    await rowAction(SAMPLE_TITLE, "action-archive");
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("The disk is full.");
    expect(titles()).toEqual([SAMPLE_TITLE]);
  });
});

describe("archive and bin", () => {
  it("restores from the archive", async () => {
    const backend = new FakeBackend([negotiation({ shelf: "archived" })]);
    await renderApp(backend);
    await screen.findByTestId("empty-state");
    await fireEvent.click(screen.getByTestId("nav-archive"));
    await rowAction(SAMPLE_TITLE, "action-restore");
    expect(backend.spy("moveNegotiation")).toHaveBeenCalledWith("n1", "active");
    await fireEvent.click(screen.getByTestId("nav-home"));
    await waitFor(() => expect(titles()).toEqual([SAMPLE_TITLE]));
  });

  it("deletes permanently after a confirmation that names the negotiation", async () => {
    const backend = new FakeBackend([negotiation({ shelf: "bin" }), negotiation({ id: "n2", title: "Other", shelf: "bin" })]);
    await renderApp(backend);
    await fireEvent.click(await screen.findByTestId("nav-bin"));
    await rowAction("Other", "action-delete-forever");
    expect((await screen.findByRole("alertdialog")).textContent).toContain("“Other” will be deleted permanently");
    await fireEvent.click(screen.getByTestId("confirm-ok"));
    await waitFor(() => expect(titles()).toEqual([SAMPLE_TITLE]));
    expect(backend.spy("deleteNegotiationPermanently")).toHaveBeenCalledWith("n2");
  });

  it("empties the bin after confirmation", async () => {
    const backend = new FakeBackend([negotiation({ shelf: "bin" }), negotiation({ id: "n2", title: "Other", shelf: "bin" })]);
    await renderApp(backend);
    await fireEvent.click(await screen.findByTestId("nav-bin"));
    await rows();
    await fireEvent.click(screen.getByTestId("empty-bin"));
    expect((await screen.findByRole("alertdialog")).textContent).toContain("The 2 negotiations in the bin");
    await fireEvent.click(screen.getByTestId("confirm-ok"));
    await screen.findByTestId("empty-state");
    expect(backend.spy("emptyBin")).toHaveBeenCalledTimes(1);
    expect((screen.getByTestId("empty-bin") as HTMLButtonElement).disabled).toBe(true);
  });
});

describe("keyboard", () => {
  const three = () =>
    new FakeBackend([
      negotiation({ id: "a", title: "Alpha" }),
      negotiation({ id: "b", title: "Bravo" }),
      negotiation({ id: "c", title: "Charlie" }),
    ]);

  function mainButton(id: string) {
    return document.querySelector<HTMLElement>(`[data-id="${id}"] .row-main`)!;
  }

  it("moves the selection with the arrow keys, with one row in the Tab order", async () => {
    await renderApp(three());
    await rows();
    const tabbable = () => [...document.querySelectorAll(".row-main")].filter((el) => el.getAttribute("tabindex") === "0");
    expect(tabbable()).toEqual([mainButton("a")]);
    mainButton("a").focus();
    await fireEvent.keyDown(mainButton("a"), { key: "ArrowDown" });
    expect(document.activeElement).toBe(mainButton("b"));
    await fireEvent.keyDown(mainButton("b"), { key: "ArrowDown" });
    await fireEvent.keyDown(mainButton("c"), { key: "ArrowDown" });
    expect(document.activeElement).toBe(mainButton("c"));
    await fireEvent.keyDown(mainButton("c"), { key: "ArrowUp" });
    expect(document.activeElement).toBe(mainButton("b"));
    expect(tabbable()).toEqual([mainButton("b")]);
    expect(mainButton("b").closest("li")!.classList.contains("selected")).toBe(true);
    await fireEvent.keyDown(mainButton("b"), { key: "Home" });
    expect(document.activeElement).toBe(mainButton("a"));
    await fireEvent.keyDown(mainButton("a"), { key: "End" });
    expect(document.activeElement).toBe(mainButton("c"));
  });

  it("opens with Enter (a click on the row button)", async () => {
    await renderApp(three());
    await rows();
    await fireEvent.click(mainButton("b"));
    expect((await screen.findByTestId("overview-title")).textContent).toBe("Bravo");
  });

  it("renames with F2, and Escape closes the dialog and gives the focus back", async () => {
    const backend = three();
    await renderApp(backend);
    await rows();
    mainButton("b").focus();
    await fireEvent.keyDown(mainButton("b"), { key: "F2" });
    const input = await screen.findByTestId("rename-input");
    expect(document.activeElement).toBe(input);
    await fireEvent.keyDown(input, { key: "Escape" });
    expect(screen.queryByTestId("rename-input")).toBeNull();
    expect(document.activeElement).toBe(mainButton("b"));
  });

  it("moves to the bin with Delete after confirmation, then selects the next row", async () => {
    const backend = three();
    await renderApp(backend);
    await rows();
    mainButton("b").focus();
    await fireEvent.keyDown(mainButton("b"), { key: "Delete" });
    await fireEvent.click(await screen.findByTestId("confirm-ok"));
    await waitFor(() => expect(titles()).toEqual(["Alpha", "Charlie"]));
    expect(backend.spy("moveNegotiation")).toHaveBeenCalledWith("b", "bin");
    await waitFor(() => expect(document.activeElement).toBe(mainButton("c")));
  });

  it("traps Tab inside a dialog", async () => {
    await renderApp(three());
    await rows();
    mainButton("a").focus();
    await fireEvent.keyDown(mainButton("a"), { key: "Delete" });
    const dialog = await screen.findByRole("alertdialog");
    const ok = screen.getByTestId("confirm-ok");
    ok.focus();
    await fireEvent.keyDown(ok, { key: "Tab" });
    expect(dialog.contains(document.activeElement)).toBe(true);
    expect(document.activeElement).not.toBe(ok);
  });

  it("opens the create dialog with Ctrl+N", async () => {
    await renderApp(three());
    await rows();
    await fireEvent.keyDown(document.body, { key: "n", ctrlKey: true });
    expect(await screen.findByTestId("field-title")).toBeTruthy();
  });

  it("opens the row menu with Shift+F10 and moves in it with the arrows", async () => {
    await renderApp(three());
    await rows();
    mainButton("a").focus();
    await fireEvent.keyDown(mainButton("a"), { key: "F10", shiftKey: true });
    const open = await screen.findByTestId("action-open");
    expect(document.activeElement).toBe(open);
    await fireEvent.keyDown(open, { key: "ArrowDown" });
    expect(document.activeElement).toBe(screen.getByTestId("action-rename"));
    await fireEvent.keyDown(document.activeElement!, { key: "Escape" });
    expect(screen.queryByTestId("action-open")).toBeNull();
  });
});
