// The provision editor inside the agreement screen: the provision reads as it will be printed
// (chips, never tokens), a particular chip opens the particular, a reference is inserted from the
// picker and stored as a token, a reference to a left-out provision warns, and Ctrl+Z in the
// editor goes to the draft's history.
import { fireEvent, screen, waitFor, within } from "@testing-library/svelte";
import type { Draft } from "../lib/backend";
import { FakeBackend, negotiation } from "../test/fakeBackend";
import { renderApp } from "../test/render";

async function openArticle(backend: FakeBackend, id: string) {
  await renderApp(backend);
  const row = await screen.findByTestId("negotiation-row");
  await fireEvent.click(row.querySelector(".row-main")!);
  await screen.findByTestId("overview-title");
  await fireEvent.click(screen.getByTestId("nav-agreement"));
  await screen.findByTestId("agreement-view");
  const item = screen.getAllByTestId("outline-item").find((el) => el.getAttribute("data-id") === id)!;
  await fireEvent.click(item);
  return screen.findByTestId(`wording-${id}`);
}

const lastDraft = (backend: FakeBackend): Draft => backend.spy("editDraft").mock.calls.at(-1)![2] as Draft;

describe("the provision editor", () => {
  it("shows references and particulars as chips with their current wording, never tokens", async () => {
    const backend = new FakeBackend([negotiation()]);
    backend.drafts.set("n1", { template_id: "test-template", template_version: "1.0.0" });
    const editor = await openArticle(backend, "art.post");
    expect(editor.textContent).toBe("A posted worker stays insured for 24 months, subject to Article 3.");
    const chips = [...editor.querySelectorAll("[data-chip]")].map((c) => [c.getAttribute("data-chip"), c.textContent]);
    expect(chips).toEqual([
      ["particular", "24 months"],
      ["reference", "Article 3"],
    ]);
    expect(screen.getByTestId("article-editor").textContent).not.toContain("{{");
  });

  it("shows an empty particular as a bracketed blank that opens the particular", async () => {
    const backend = new FakeBackend([negotiation()]);
    backend.drafts.set("n1", { template_id: "test-template", template_version: "1.0.0" });
    const editor = await openArticle(backend, "art.entry");
    const chip = editor.querySelector('[data-chip="particular"]')!;
    expect(chip.textContent).toBe("[date of entry into force]");
    expect(chip.getAttribute("data-filled")).toBe("false");
    await fireEvent.mouseDown(chip);
    await waitFor(() => expect(document.activeElement?.id).toBe("param-input-entry.date"));
  });

  it("inserts a reference from the picker, by number and heading, and stores it as a token", async () => {
    const backend = new FakeBackend([negotiation()]);
    backend.drafts.set("n1", { template_id: "test-template", template_version: "1.0.0" });
    const editor = await openArticle(backend, "art.entry");
    await fireEvent.click(screen.getByTestId("wording-art.entry-insert-reference"));
    const picker = await screen.findByTestId("reference-picker");
    const options = within(picker).getAllByTestId("reference-option").map((o) => o.textContent);
    expect(options).toContain("Article 4 Posting");
    expect(options).toContain("Part I General provisions");
    await fireEvent.input(within(picker).getByTestId("reference-search"), { target: { value: "posting" } });
    expect(within(picker).getAllByTestId("reference-option").map((o) => o.textContent)).toEqual(["Article 4 Posting"]);
    await fireEvent.click(within(picker).getByTestId("reference-option"));
    await waitFor(() => expect(screen.queryByTestId("reference-picker")).toBeNull());
    await waitFor(() => expect(lastDraft(backend).custom_wording?.["art.entry"]).toContain("{{ref:art.post}}"));
    // The rest of the wording is kept exactly, its particular as a token.
    expect(lastDraft(backend).custom_wording?.["art.entry"]?.replace("{{ref:art.post}}", "")).toBe(
      "This Agreement enters into force on {{entry.date}}.",
    );
    await waitFor(() => expect(editor.querySelector('[data-chip="reference"]')?.textContent).toBe("Article 4"));
    expect(editor.textContent).not.toContain("{{");
  });

  it("warns before referring to a provision the draft leaves out, and under the wording after", async () => {
    const backend = new FakeBackend([negotiation()]);
    backend.drafts.set("n1", { template_id: "test-template", template_version: "1.0.0", inclusion: { "art.equal": false } });
    const editor = await openArticle(backend, "art.entry");
    await fireEvent.click(screen.getByTestId("wording-art.entry-insert-reference"));
    const picker = await screen.findByTestId("reference-picker");
    expect(within(picker).getAllByTestId("reference-option").map((o) => o.textContent)).not.toContain("Equality of treatment");
    await fireEvent.click(within(picker).getByTestId("reference-option-left-out"));
    expect(within(picker).getByTestId("reference-left-out-warning").textContent).toContain("Equality of treatment is left out");
    await fireEvent.click(within(picker).getByTestId("reference-insert-anyway"));
    await waitFor(() => expect(lastDraft(backend).custom_wording?.["art.entry"]).toContain("{{ref:art.equal}}"));
    const chip = editor.querySelector('[data-chip="reference"]')!;
    expect(chip.textContent).toBe("Equality of treatment (left out)");
    expect(screen.getByTestId("wording-art.entry-reference-warning").textContent).toContain(
      "refers to “Equality of treatment”, which this draft leaves out",
    );
  });

  it("warns when a provision a reference points to is left out afterwards", async () => {
    const backend = new FakeBackend([negotiation()]);
    backend.drafts.set("n1", {
      template_id: "test-template",
      template_version: "1.0.0",
      custom_wording: { "art.entry": "Subject to {{ref:art.equal}}, on {{entry.date}}." },
    });
    await openArticle(backend, "art.entry");
    expect(screen.queryByTestId("wording-art.entry-reference-warning")).toBeNull();
    const item = screen.getAllByTestId("outline-item").find((el) => el.getAttribute("data-id") === "art.equal")!;
    await fireEvent.click(item);
    await fireEvent.click(screen.getByTestId("toggle-include-art.equal"));
    await waitFor(() => expect(lastDraft(backend).inclusion).toEqual({ "art.equal": false }));
    await fireEvent.click(screen.getAllByTestId("outline-item").find((el) => el.getAttribute("data-id") === "art.entry")!);
    await screen.findByTestId("wording-art.entry-reference-warning");
  });

  it("undoes in the draft's one history with Ctrl+Z inside the editor, and redoes with Ctrl+Y", async () => {
    const backend = new FakeBackend([negotiation()]);
    backend.drafts.set("n1", { template_id: "test-template", template_version: "1.0.0" });
    const editor = await openArticle(backend, "art.entry");
    await fireEvent.click(screen.getByTestId("wording-art.entry-insert-reference"));
    await fireEvent.click(within(await screen.findByTestId("reference-picker")).getAllByTestId("reference-option")[1]);
    await waitFor(() => expect(editor.querySelectorAll('[data-chip="reference"]').length).toBe(1));
    await fireEvent.keyDown(editor, { key: "z", ctrlKey: true });
    await waitFor(() => expect(editor.querySelectorAll('[data-chip="reference"]').length).toBe(0));
    expect(editor.textContent).toBe("This Agreement enters into force on [date of entry into force].");
    await fireEvent.keyDown(editor, { key: "y", ctrlKey: true });
    await waitFor(() => expect(editor.querySelectorAll('[data-chip="reference"]').length).toBe(1));
  });
});
