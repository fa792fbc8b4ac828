// Structure editing from the outline and the provision: add an article after this one (later
// ones renumber, references follow), move it by button and by Alt+↓, delete a model provision
// only after the departs-from-model warning, edit the heading and the title; each edit is one
// step of the draft's one history (undo gives the draft back as it was).
import { fireEvent, screen, waitFor, within } from "@testing-library/svelte";
import type { Draft } from "../lib/backend";
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

const labels = () => screen.getAllByTestId("outline-item").map((el) => el.textContent?.replace(/\s+/g, " ").trim());
const outlineItem = (id: string) => screen.getAllByTestId("outline-item").find((el) => el.getAttribute("data-id") === id)!;
const stored = (backend: FakeBackend): Draft => backend.drafts.get("n1")!;

describe("structure editing", () => {
  it("adds an article after the selected one, asks its heading, renumbers the rest and keeps references right", async () => {
    const backend = new FakeBackend([negotiation()]);
    await openAgreement(backend);
    await fireEvent.click(outlineItem("art.scope")); // Article 3, the target of art.post's reference
    await fireEvent.click(outlineItem("art.defs")); // Article 1
    await fireEvent.click(screen.getByTestId("add-article"));
    const heading = (await screen.findByTestId("heading-input")) as HTMLInputElement;
    await waitFor(() => expect(document.activeElement).toBe(heading));
    await fireEvent.input(heading, { target: { value: "Accompanying family members" } });
    await fireEvent.keyDown(heading, { key: "Enter" });
    await waitFor(() => expect(stored(backend).headings?.["new-1"]).toBe("Accompanying family members"));
    expect(labels()).toEqual([
      "Part I General provisions",
      "Article 1 Definitions",
      "Article 2 Accompanying family members",
      "Article 3 Equality of treatment",
      "Article 4 Persons covered",
      "Article 5 Posting",
      "Part II Final provisions",
      "Article 6 Entry into force",
    ]);
    expect(screen.getByTestId("added-badge").textContent).toBe("Added in this draft");
    // The posting article's reference to "Persons covered" now reads Article 4.
    await fireEvent.click(outlineItem("art.post"));
    const chip = (await screen.findByTestId("wording-art.post")).querySelector('[data-chip="reference"]')!;
    expect(chip.textContent).toBe("Article 4");
    // Undo takes the whole addition back in one step (the heading first, then the article).
    await fireEvent.click(screen.getByTestId("undo"));
    await fireEvent.click(screen.getByTestId("undo"));
    await waitFor(() => expect(screen.getAllByTestId("outline-item").some((el) => el.getAttribute("data-id") === "new-1")).toBe(false));
    await waitFor(() => expect(stored(backend).added ?? {}).toEqual({}));
    expect(screen.getByTestId("wording-art.post").querySelector('[data-chip="reference"]')!.textContent).toBe("Article 3");
  });

  it("types the wording of an added article and references it through the picker", async () => {
    const backend = new FakeBackend([negotiation()]);
    await openAgreement(backend);
    await fireEvent.click(outlineItem("art.post"));
    await fireEvent.click(screen.getByTestId("add-article"));
    const heading = await screen.findByTestId("heading-input");
    await fireEvent.input(heading, { target: { value: "Family members" } });
    await fireEvent.keyDown(heading, { key: "Enter" });
    await waitFor(() => expect(stored(backend).headings?.["new-1"]).toBe("Family members"));
    await fireEvent.click(outlineItem("art.entry"));
    await fireEvent.click(screen.getByTestId("wording-art.entry-insert-reference"));
    const picker = await screen.findByTestId("reference-picker");
    await fireEvent.click(within(picker).getAllByTestId("reference-option").find((o) => o.textContent === "Article 5 Family members")!);
    await waitFor(() => expect(stored(backend).custom_wording?.["art.entry"]).toContain("{{ref:new-1}}"));
    expect(screen.getByTestId("wording-art.entry").querySelector('[data-chip="reference"]')!.textContent).toBe("Article 5");
  });

  it("moves an article down with the button and up with Alt+↑, one undo step each", async () => {
    const backend = new FakeBackend([negotiation()]);
    await openAgreement(backend);
    await fireEvent.click(outlineItem("art.defs"));
    await fireEvent.click(screen.getByTestId("move-down"));
    await waitFor(() => expect(labels()[1]).toBe("Article 1 Equality of treatment"));
    expect(labels()[2]).toBe("Article 2 Definitions");
    await fireEvent.keyDown(outlineItem("art.defs"), { key: "ArrowUp", altKey: true });
    await waitFor(() => expect(labels()[1]).toBe("Article 1 Definitions"));
    await fireEvent.click(screen.getByTestId("undo"));
    await waitFor(() => expect(labels()[1]).toBe("Article 1 Equality of treatment"));
  });

  it("moves an article by drag and drop", async () => {
    const backend = new FakeBackend([negotiation()]);
    await openAgreement(backend);
    await fireEvent.click(outlineItem("art.defs"));
    await fireEvent.dragStart(outlineItem("art.defs"));
    await fireEvent.dragOver(outlineItem("art.post"));
    await fireEvent.drop(outlineItem("art.post"));
    await waitFor(() => expect(labels()[4]).toBe("Article 4 Definitions"));
    expect(labels()[3]).toBe("Article 3 Posting");
  });

  it("deletes a model provision only after saying it departs from the model; it stays listed to bring back", async () => {
    const backend = new FakeBackend([negotiation()]);
    await openAgreement(backend);
    await fireEvent.click(outlineItem("art.defs"));
    await fireEvent.keyDown(outlineItem("art.defs"), { key: "Delete" });
    const ask = await screen.findByRole("alertdialog");
    expect(ask.textContent).toContain("Delete Article 1 Definitions?");
    expect(ask.textContent).toContain("departs from the model");
    await fireEvent.click(screen.getByTestId("confirm-ok"));
    await waitFor(() => expect(stored(backend).inclusion).toEqual({ "art.defs": false }));
    expect(outlineItem("art.defs").textContent).toContain("left out");
    expect(labels()[2]).toBe("Article 1 Equality of treatment");
    expect(screen.getByTestId("left-out-notice").textContent).toContain("departs from it");
    await fireEvent.click(screen.getByTestId("restore-provision"));
    await waitFor(() => expect(stored(backend).inclusion ?? {}).toEqual({}));
    await waitFor(() => expect(labels()[1]).toBe("Article 1 Definitions"));
  });

  it("edits a heading (the model's again is no change) and the title", async () => {
    const backend = new FakeBackend([negotiation()]);
    await openAgreement(backend);
    await fireEvent.click(outlineItem("art.post"));
    await fireEvent.click(screen.getByTestId("edit-heading"));
    const heading = await screen.findByTestId("heading-input");
    await fireEvent.input(heading, { target: { value: "Posted workers" } });
    await fireEvent.keyDown(heading, { key: "Enter" });
    await waitFor(() => expect(stored(backend).headings).toEqual({ "art.post": "Posted workers" }));
    expect(screen.getByTestId("editor-title").textContent).toContain("Posted workers");
    await fireEvent.click(screen.getByTestId("edit-heading"));
    await fireEvent.input(await screen.findByTestId("heading-input"), { target: { value: "Posting" } });
    await fireEvent.keyDown(screen.getByTestId("heading-input"), { key: "Enter" });
    await waitFor(() => expect(stored(backend).headings ?? {}).toEqual({}));

    await fireEvent.click(screen.getByTestId("edit-title"));
    const title = (await screen.findByTestId("title-input")) as HTMLInputElement;
    expect(title.value).toBe("Agreement between Aurelia and Boreland");
    await fireEvent.input(title, { target: { value: "Agreement on Social Security between Aurelia and Boreland" } });
    await fireEvent.keyDown(title, { key: "Enter" });
    await waitFor(() => expect(stored(backend).title).toBe("Agreement on Social Security between Aurelia and Boreland"));
    expect(screen.getByTestId("agreement-title").textContent).toBe("Agreement on Social Security between Aurelia and Boreland");
  });

  it("adds a paragraph to an article, with its own structure tools", async () => {
    const backend = new FakeBackend([negotiation()]);
    await openAgreement(backend);
    await fireEvent.click(outlineItem("art.post"));
    await fireEvent.click(screen.getByTestId("add-paragraph"));
    const editor = await screen.findByTestId("wording-new-1");
    await waitFor(() => expect(stored(backend).added).toEqual({ "new-1": { kind: "paragraph" } }));
    expect(stored(backend).order?.["art.post"]).toEqual(["new-1"]);
    expect(editor).toBeTruthy();
    expect(screen.getByTestId("add-after-new-1")).toBeTruthy();
  });
});
