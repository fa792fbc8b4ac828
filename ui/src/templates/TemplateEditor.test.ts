import { fireEvent, screen, waitFor, within } from "@testing-library/svelte";
import type { Template } from "../lib/backend";
import { FakeBackend } from "../test/fakeBackend";
import { renderApp } from "../test/render";

async function openEditor(backend: FakeBackend, key: string) {
  await renderApp(backend);
  await fireEvent.click(await screen.findByTestId("nav-templates"));
  const rows = await screen.findAllByTestId("template-row");
  await fireEvent.click(within(rows.find((r) => r.dataset.id === key)!).getByTestId("template-open"));
  await screen.findByTestId("node-form");
}

function ownBackend() {
  const backend = new FakeBackend();
  backend.library.derive("test-template", "1.0.0", "mine", "Mine between {{party_a}} and {{party_b}}");
  return backend;
}

const outline = () => screen.getAllByTestId("outline-node").map((el) => el.dataset.node);
const select = (id: string) => fireEvent.click(screen.getAllByTestId("outline-node").find((el) => el.dataset.node === id)!);
const saved = (backend: FakeBackend) => backend.spy("saveTemplate").mock.calls.at(-1)![0] as Template;

describe("template editor", () => {
  it("shows the shipped model read-only with a notice and Duplicate to edit", async () => {
    const backend = new FakeBackend();
    await openEditor(backend, "test-template@1.0.0");
    expect(screen.getByTestId("read-only-notice").textContent).toContain("cannot be changed");
    expect(screen.queryByTestId("template-save")).toBeNull();
    expect(screen.queryByTestId("node-add-child")).toBeNull();
    await select("art.defs");
    expect((screen.getByTestId("node-guidance") as HTMLTextAreaElement).readOnly).toBe(true);
    expect((screen.getByTestId("node-guidance") as HTMLTextAreaElement).value).toBe("Keep definitions short.");
    await fireEvent.keyDown(window, { key: "s", ctrlKey: true });
    expect(backend.spy("saveTemplate")).not.toHaveBeenCalled();

    await fireEvent.click(screen.getByTestId("duplicate-to-edit"));
    await fireEvent.input(await screen.findByTestId("derive-id"), { target: { value: "aurelia-model" } });
    await fireEvent.click(screen.getByTestId("derive-submit"));
    await waitFor(() => expect(screen.getByTestId("template-save")).toBeTruthy());
    expect(screen.getByTestId("editor-title").textContent).toContain("[party_a]");
    expect(backend.spy("getTemplate")).toHaveBeenLastCalledWith("aurelia-model", "1.0.0");
  });

  it("edits an article's guidance and heading; Save sends the edited template", async () => {
    const backend = ownBackend();
    await openEditor(backend, "mine@1.0.0");
    expect(screen.getByTestId("editor-status").textContent).toBe("All changes saved");
    await select("art.post");
    expect(screen.getByTestId("node-tokens").textContent).toContain("posting.months");
    await fireEvent.input(screen.getByTestId("node-guidance"), { target: { value: "Ask for 24 months." } });
    await fireEvent.input(screen.getByTestId("node-heading"), { target: { value: "Posted workers" } });
    expect(screen.getByTestId("editor-status").textContent).toBe("Unsaved changes");
    await fireEvent.click(screen.getByTestId("template-save"));
    await waitFor(() => expect(backend.spy("saveTemplate")).toHaveBeenCalledTimes(1));
    const node = saved(backend).node!.find((n) => n.id === "art.post")!;
    expect(node.guidance).toBe("Ask for 24 months.");
    expect(node.heading).toBe("Posted workers");
    expect(saved(backend).id).toBe("mine");
    await waitFor(() => expect(screen.getByTestId("editor-status").textContent).toBe("All changes saved"));
    expect(backend.templates.find((t) => t.id === "mine")!.node!.find((n) => n.id === "art.post")!.guidance).toBe(
      "Ask for 24 months.",
    );
  });

  it("saves with Ctrl+S and shows warnings after the save", async () => {
    const backend = ownBackend();
    backend.library.saveWarnings = [{ severity: "warning", kind: "empty_node", node: "art.defs", message: "node art.defs is empty" }];
    await openEditor(backend, "mine@1.0.0");
    await fireEvent.input(screen.getByTestId("node-heading"), { target: { value: "General" } });
    await fireEvent.keyDown(window, { key: "s", ctrlKey: true });
    expect((await screen.findByTestId("template-warnings")).textContent).toContain("node art.defs is empty");
  });

  it("shows a refusal's problems; choosing one selects the node", async () => {
    const backend = ownBackend();
    await openEditor(backend, "mine@1.0.0");
    await select("art.entry");
    await fireEvent.input(screen.getByTestId("node-text"), { target: { value: "See {{ref:art.gone}}." } });
    await select("part.I");
    await fireEvent.click(screen.getByTestId("template-save"));
    const problems = await screen.findAllByTestId("template-problem");
    expect(problems).toHaveLength(1);
    expect(problems[0].textContent).toContain("art.entry");
    expect(problems[0].textContent).toContain("refers to no node");
    expect(screen.getByTestId("editor-status").textContent).toBe("Unsaved changes");
    await fireEvent.click(within(problems[0]).getByRole("button"));
    expect(screen.getByTestId("node-form").dataset.node).toBe("art.entry");
  });

  it("adds, moves and removes nodes, with undo and redo", async () => {
    const backend = ownBackend();
    await openEditor(backend, "mine@1.0.0");
    const before = outline();
    await select("art.defs");
    await fireEvent.click(screen.getByTestId("node-move-down"));
    expect(outline().slice(1, 3)).toEqual(["art.equal", "art.defs"]);

    await fireEvent.keyDown(window, { key: "z", ctrlKey: true });
    expect(outline()).toEqual(before);
    await fireEvent.keyDown(window, { key: "z", ctrlKey: true, shiftKey: true });
    expect(outline().slice(1, 3)).toEqual(["art.equal", "art.defs"]);
    await fireEvent.click(screen.getByTestId("editor-undo"));
    expect(outline()).toEqual(before);

    // A paragraph inside Article "Definitions", after its text.
    await select("art.defs");
    await fireEvent.change(screen.getByTestId("new-kind"), { target: { value: "paragraph" } });
    await fireEvent.click(screen.getByTestId("node-add-child"));
    expect(outline()[2]).toBe("art.defs.new1");
    expect(screen.getByTestId("node-form").dataset.node).toBe("art.defs.new1");

    // Removing Part I takes its articles (and the new paragraph) with it, after confirmation.
    await select("part.I");
    await fireEvent.click(screen.getByTestId("node-remove"));
    await fireEvent.click(await screen.findByTestId("confirm-ok"));
    await waitFor(() => expect(outline()).toEqual(["part.II", "art.entry"]));
    await fireEvent.click(screen.getByTestId("editor-undo"));
    expect(outline()).toContain("art.defs.new1");
  });

  it("edits alternatives and the default", async () => {
    const backend = ownBackend();
    await openEditor(backend, "mine@1.0.0");
    await select("art.scope");
    expect(screen.getAllByTestId("node-alternative")).toHaveLength(2);
    const radios = screen.getAllByRole("radio") as HTMLInputElement[];
    await fireEvent.click(radios[1]);
    await fireEvent.click(screen.getByTestId("alt-add"));
    await fireEvent.keyDown(window, { key: "s", ctrlKey: true });
    await waitFor(() => expect(backend.spy("saveTemplate")).toHaveBeenCalled());
    const alternatives = saved(backend).node!.find((n) => n.id === "art.scope")!.alternatives!;
    expect(alternatives.map((a) => a.default === true)).toEqual([false, true, false]);
  });

  it("edits parameters", async () => {
    const backend = ownBackend();
    await openEditor(backend, "mine@1.0.0");
    await fireEvent.click(screen.getByTestId("tab-parameters"));
    const count = screen.queryAllByTestId("parameter").length;
    await fireEvent.click(screen.getByTestId("parameter-add"));
    const added = screen.getAllByTestId("parameter").at(-1)!;
    await fireEvent.input(within(added).getByTestId("parameter-name"), { target: { value: "signature.place" } });
    await fireEvent.input(within(added).getByTestId("parameter-label"), { target: { value: "place of signature" } });
    await fireEvent.click(screen.getByTestId("template-save"));
    await waitFor(() => expect(backend.spy("saveTemplate")).toHaveBeenCalled());
    const parameters = saved(backend).parameter!;
    expect(parameters).toHaveLength(count + 1);
    expect(parameters.at(-1)).toMatchObject({ name: "signature.place", label: "place of signature", type: "text" });
  });

  it("asks before leaving with unsaved edits", async () => {
    const backend = ownBackend();
    await openEditor(backend, "mine@1.0.0");
    await fireEvent.input(screen.getByTestId("node-heading"), { target: { value: "Changed" } });
    await fireEvent.click(screen.getByTestId("nav-home"));
    expect(screen.getByTestId("template-editor")).toBeTruthy();
    await fireEvent.click(await screen.findByTestId("confirm-cancel"));
    expect(screen.getByTestId("template-editor")).toBeTruthy();
    await fireEvent.click(screen.getByTestId("editor-back"));
    await fireEvent.click(await screen.findByTestId("confirm-ok"));
    await screen.findAllByTestId("template-row");
    expect(backend.spy("saveTemplate")).not.toHaveBeenCalled();
  });
});
