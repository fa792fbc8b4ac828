import { fireEvent, screen, waitFor, within } from "@testing-library/svelte";
import type { Draft } from "../lib/backend";
import { FakeBackend, negotiation } from "../test/fakeBackend";
import { renderApp } from "../test/render";

async function openAgreement(backend: FakeBackend, started = true) {
  if (started) backend.drafts.set("n1", { template_id: "test-template", template_version: "1.0.0" });
  await renderApp(backend);
  const row = await screen.findByTestId("negotiation-row");
  await fireEvent.click(row.querySelector(".row-main")!);
  await screen.findByTestId("overview-title");
  await fireEvent.click(screen.getByTestId("nav-agreement"));
  if (started) await screen.findByTestId("agreement-view");
}

const labels = () => screen.getAllByTestId("outline-label").map((el) => el.textContent);
const lastDraft = (backend: FakeBackend): Draft => backend.spy("editDraft").mock.calls.at(-1)![2] as Draft;
const outlineItem = (id: string) =>
  screen.getAllByTestId("outline-item").find((el) => el.getAttribute("data-id") === id)!;

describe("agreement", () => {
  it("offers the templates and starts a draft", async () => {
    const backend = new FakeBackend([negotiation()]);
    await openAgreement(backend, false);
    await screen.findByTestId("agreement-empty");
    const start = await screen.findByTestId("start-draft");
    // Listed by what each model is for, the one that fits a bilateral negotiation first and chosen.
    expect(screen.getAllByTestId("template-label")[0].textContent).toBe("Test model — bilateral agreement");
    expect((screen.getByTestId("template-test-template") as HTMLInputElement).checked).toBe(true);
    expect(screen.getByTestId("agreement-empty").textContent).toContain("Fits this negotiation");
    expect(document.body.textContent).not.toContain("[party a]");
    expect(document.body.textContent).not.toContain("{{");
    await fireEvent.click(start);
    await screen.findByTestId("agreement-view");
    expect(backend.spy("startAgreement")).toHaveBeenCalledWith("n1", "test-template");
  });

  it("shows the outline with the document's numbers", async () => {
    const backend = new FakeBackend([negotiation()]);
    await openAgreement(backend);
    expect(labels()).toEqual(["Part I", "Article 1", "Article 2", "Article 3", "Article 4", "Part II", "Article 5"]);
  });

  it("leaves out an optional article: editDraft gets inclusion=false and the numbers follow", async () => {
    const backend = new FakeBackend([negotiation()]);
    await openAgreement(backend);
    await fireEvent.click(outlineItem("art.equal"));
    await fireEvent.click(screen.getByTestId("toggle-include-art.equal"));
    await waitFor(() => expect(backend.spy("editDraft")).toHaveBeenCalled());
    expect(lastDraft(backend).inclusion).toEqual({ "art.equal": false });
    await waitFor(() => expect(labels()).toEqual(["Part I", "Article 1", "Article 2", "Article 3", "Part II", "Article 4"]));
    expect(outlineItem("art.equal").textContent).toContain("left out");
  });

  it("picks an alternative wording", async () => {
    const backend = new FakeBackend([negotiation()]);
    await openAgreement(backend);
    await fireEvent.click(outlineItem("art.scope"));
    await fireEvent.click(screen.getByTestId("alternative-art.scope-nationals"));
    await waitFor(() => expect(lastDraft(backend).alternatives).toEqual({ "art.scope": "nationals" }));
    await waitFor(() =>
      expect(screen.getByTestId("article-preview").textContent).toContain("This Agreement applies to nationals."),
    );
  });

  it("refuses a number of months out of range without saving it", async () => {
    const backend = new FakeBackend([negotiation()]);
    await openAgreement(backend);
    const input = screen.getByTestId("param-posting.months");
    await fireEvent.input(input, { target: { value: "99" } });
    expect(screen.getByTestId("param-problem-posting.months").textContent).toContain("from 1 to 60");
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(backend.spy("editDraft")).not.toHaveBeenCalled();
    await fireEvent.input(input, { target: { value: "36" } });
    expect(screen.queryByTestId("param-problem-posting.months")).toBeNull();
    await fireEvent.blur(input);
    await waitFor(() => expect(lastDraft(backend).values).toEqual({ "posting.months": 36 }));
  });

  it("says why letters in the months field are not saved, and keeps the last good value", async () => {
    const backend = new FakeBackend([negotiation()]);
    backend.drafts.set("n1", { template_id: "test-template", template_version: "1.0.0", values: { "posting.months": 36 } });
    await openAgreement(backend, false);
    await screen.findByTestId("agreement-view");
    const input = screen.getByTestId("param-posting.months");
    await fireEvent.input(input, { target: { value: "abc" } });
    expect(screen.getByTestId("param-problem-posting.months").textContent).toBe(
      "“abc” is not a whole number: enter digits only. It was not saved; the draft keeps 36.",
    );
    await fireEvent.blur(input);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(backend.spy("editDraft")).not.toHaveBeenCalled();
    await fireEvent.click(outlineItem("art.post"));
    expect(screen.getByTestId("article-preview").textContent).toContain("36 months");
  });

  it("undo restores the previous draft and saves it", async () => {
    const backend = new FakeBackend([negotiation()]);
    await openAgreement(backend);
    await fireEvent.click(outlineItem("art.equal"));
    await fireEvent.click(screen.getByTestId("toggle-include-art.equal"));
    await waitFor(() => expect(lastDraft(backend).inclusion).toEqual({ "art.equal": false }));
    await fireEvent.click(screen.getByTestId("undo"));
    await waitFor(() => expect(backend.spy("editDraft")).toHaveBeenCalledTimes(2));
    expect(lastDraft(backend).inclusion).toBeUndefined();
    expect(backend.drafts.get("n1")!.inclusion).toBeUndefined();
    await waitFor(() => expect(labels()).toContain("Article 5"));
    // Ctrl+Shift+Z redoes it.
    await fireEvent.keyDown(window, { key: "Z", ctrlKey: true, shiftKey: true });
    await waitFor(() => expect(lastDraft(backend).inclusion).toEqual({ "art.equal": false }));
  });

  it("clicking a problem selects its provision", async () => {
    const backend = new FakeBackend([negotiation()]);
    await openAgreement(backend);
    await fireEvent.click(screen.getByTestId("tab-problems"));
    const items = screen.getAllByTestId("problem-item");
    expect(items).toHaveLength(1);
    expect(items[0].textContent).toContain("date of entry into force is not filled");
    await fireEvent.click(items[0]);
    expect(outlineItem("art.entry").getAttribute("aria-current")).toBe("true");
    expect(screen.getByTestId("article-editor").getAttribute("data-node-id")).toBe("art.entry");
    expect(within(screen.getByTestId("article-preview")).getByTestId("unfilled").textContent).toBe(
      "[date of entry into force]",
    );
  });

  it("renders the whole agreement with numbered articles", async () => {
    const backend = new FakeBackend([negotiation()]);
    await openAgreement(backend);
    await fireEvent.click(screen.getByTestId("preview-agreement"));
    const articles = screen.getAllByTestId("preview-article");
    expect(articles.map((a) => a.getAttribute("data-node-id"))).toEqual([
      "art.defs", "art.equal", "art.scope", "art.post", "art.entry",
    ]);
    expect(screen.getByTestId("agreement-preview").textContent).toContain("for 24 months, subject to Article 3.");
  });

  it("disables editing in read-only mode", async () => {
    const backend = new FakeBackend([negotiation()]);
    backend.startup = { state: "ready", readOnly: true, encrypted: false, databasePath: "/tmp/c.db", created: false, backupPath: null };
    await openAgreement(backend);
    await fireEvent.click(outlineItem("art.equal"));
    expect((screen.getByTestId("toggle-include-art.equal") as HTMLInputElement).disabled).toBe(true);
    expect((screen.getByTestId("param-posting.months") as HTMLInputElement).disabled).toBe(true);
    expect(screen.queryByTestId("undo")).toBeNull();
  });

  it("words each problem in the interface language, names its provision, never an id, and goes there", async () => {
    const backend = new FakeBackend([negotiation()]);
    await openAgreement(backend);
    await fireEvent.change(screen.getByTestId("language-select"), { target: { value: "fr" } });
    await fireEvent.click(screen.getByTestId("tab-problems"));
    const item = (await screen.findAllByTestId("problem-item"))[0];
    expect(item.textContent).toContain("Article 5");
    expect(item.textContent).toContain("date of entry into force is not filled. (fr)");
    expect(item.textContent).not.toContain("art.entry");
    await fireEvent.click(item);
    await waitFor(() => expect(screen.getByTestId("article-editor").getAttribute("data-node-id")).toBe("art.entry"));
    await fireEvent.change(screen.getByTestId("language-select"), { target: { value: "en" } });
  });

  it("does not take a draft stored as sent for a merge when the backend writes its keys in another order", async () => {
    const backend = new FakeBackend([negotiation()]);
    backend.spy("editDraft").mockImplementation(async (...args: Parameters<FakeBackend["editDraft"]>) => {
      const rendered = await FakeBackend.prototype.editDraft.apply(backend, args);
      // The backend's maps are sorted by key and its fields in declaration order.
      const reordered = Object.fromEntries(Object.entries(rendered.draft).reverse()) as Draft;
      return { ...rendered, draft: reordered };
    });
    await openAgreement(backend);
    await fireEvent.click(outlineItem("art.equal"));
    await fireEvent.click(screen.getByTestId("toggle-include-art.equal"));
    await fireEvent.click(outlineItem("art.scope"));
    await fireEvent.click(screen.getByTestId("alternative-art.scope-nationals"));
    await waitFor(() => expect(backend.spy("editDraft")).toHaveBeenCalledTimes(2));
    await waitFor(() => expect(screen.getByTestId("agreement-save-state").textContent).toContain("Saved"));
    expect(screen.queryByTestId("agreement-merged-elsewhere")).toBeNull();
    // Both steps are still there to undo.
    await fireEvent.click(screen.getByTestId("undo"));
    await fireEvent.click(screen.getByTestId("undo"));
    await waitFor(() => expect(lastDraft(backend).inclusion ?? {}).toEqual({}));
  });
});
