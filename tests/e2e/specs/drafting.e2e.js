// Drafting as a lawyer does, in the real window (issue 11, "Done means"): add "Accompanying
// family members" after the posting article, later articles renumber and a reference to the old
// Article 9 reads Article 10; the new article is referenced from another provision through the
// picker, and that chip follows when an earlier article is deleted; Ctrl+Z inside the editor
// undoes typing; the page never shows a token, a node id or a parameter key; a restart keeps it
// all. Screenshots of the editor, the problems panel and the deviation view in en/fr/es.
import { Key } from "webdriverio";
import {
  byTestId,
  click,
  editorText,
  restartApp,
  rowWithTitle,
  screenshot,
  ssa,
  typeAtEnd,
  typeKeys,
} from "./helpers.js";

const TITLE = "Drafting the agreement";
const POSTING = "M2-AL.2"; // Article 8 Posted workers
const TRANSPORT = "M2-AL.3"; // Article 9 Transport personnel, the "old Article 9"
const SEAFARERS = "M2-AL.4"; // refers to Transport personnel
const CIVIL = "M2-AL.5"; // refers to the new article
const EQUALITY = "M1.4"; // an earlier article, deleted at the end
const FAMILY_HEADING = "Accompanying family members";
const FAMILY_TEXT = "Family members who accompany a posted worker shall remain insured with the worker.";

async function openDraft() {
  const row = await rowWithTitle(TITLE);
  await row.$(".row-main").click();
  await byTestId("overview-title").waitForDisplayed();
  await click("nav-agreement");
  await browser.waitUntil(
    async () => (await byTestId("agreement-view").isExisting()) || (await byTestId("start-draft").isExisting()),
    { timeout: 15000 },
  );
}

async function select(nodeId) {
  const item = await $(`[data-testid="outline-item"][data-id="${nodeId}"]`);
  await item.scrollIntoView({ block: "center" });
  await item.click();
  await browser.waitUntil(async () => (await byTestId("article-editor").getAttribute("data-node-id")) === nodeId);
}

async function saved() {
  await browser.waitUntil(
    async () => (await byTestId("agreement-save-state").getAttribute("class")).split(" ").includes("saved"),
    { timeoutMsg: "the draft was not saved" },
  );
}

/** The outline as read: "Article 9 Accompanying family members" by node id. */
async function outline() {
  return browser.execute(() =>
    Object.fromEntries(
      [...document.querySelectorAll('[data-testid="outline-item"]')].map((el) => [
        el.getAttribute("data-id"),
        el.textContent.replace(/\s+/g, " ").trim(),
      ]),
    ),
  );
}

/** The first wording box of the selected article. */
async function firstEditor() {
  const editor = await $('[data-testid="article-editor"] .provision-text[data-testid^="wording-"]');
  await editor.waitForDisplayed();
  return editor;
}

/** The reference chips of the selected article, as they read. */
async function referenceChips() {
  return browser.execute(() =>
    [...document.querySelectorAll('[data-testid="article-editor"] [data-chip="reference"]')].map((c) => c.textContent.trim()),
  );
}

/** Puts the cursor at the end of `editor` and inserts a reference to the provision found by `search`. */
async function referTo(editor, search, optionText) {
  await typeAtEnd(editor, " See ");
  const testid = await editor.getAttribute("data-testid");
  await click(`${testid}-insert-reference`);
  await byTestId("reference-picker").waitForDisplayed();
  await byTestId("reference-search").setValue(search);
  const option = await $(`//button[@data-testid="reference-option"][normalize-space(.)="${optionText}"]`);
  await option.waitForClickable();
  await option.click();
  await byTestId("reference-picker").waitForExist({ reverse: true });
  await saved();
}

/** The draft as `ssa render` prints it. */
function rendered() {
  return ssa("render", JSON.parse(ssa("list", "--json")).find((n) => n.title === TITLE).id);
}

async function pageText() {
  return browser.execute(() => document.body.innerText);
}

function expectNoMachinery(text) {
  expect(text).not.toContain("{{");
  expect(text).not.toContain("}}");
  for (const id of [POSTING, TRANSPORT, SEAFARERS, CIVIL, EQUALITY, "new-1", "part.II"]) expect(text).not.toContain(id);
  for (const key of ["posting.months", "party_a", "party_b", "territory_a", "term:", "ref:"]) expect(text).not.toContain(key);
}

describe("drafting the agreement as a document", () => {
  it("starts the draft from the bilateral model, which is offered first and chosen", async () => {
    await byTestId("nav-home").waitForDisplayed({ timeout: 30000 });
    ssa("create", "--title", TITLE, "--own", "Republic of Aurelia:XA", "--counterpart", "Kingdom of Boreland:XB");
    await click("nav-archive");
    await click("nav-home");
    await openDraft();
    const first = await $('[data-testid^="template-r167"]');
    expect(await first.getAttribute("data-testid")).toBe("template-r167-annex1-bilateral");
    expect(await first.isSelected()).toBe(true);
    expect(await pageText()).not.toContain("[party a]");
    await click("start-draft");
    await byTestId("agreement-view").waitForDisplayed();
  });

  it("refers to Article 9 from the seafarers' article through the picker", async () => {
    await select(SEAFARERS);
    await referTo(await firstEditor(), "Transport", "Article 9 Transport personnel");
    expect(await referenceChips()).toContain("Article 9");
    await select(POSTING); // leaving the provision saves it at once
    await saved();
    expect(rendered()).toContain("of that Party. See Article 9");
  });

  it("adds Article 9 Accompanying family members after the posting article; the later ones renumber", async () => {
    await select(POSTING);
    await click("add-article");
    const heading = await byTestId("heading-input");
    await heading.waitForDisplayed();
    await heading.setValue(FAMILY_HEADING);
    await browser.keys(["Enter"]);
    await saved();
    const rows = await outline();
    const added = Object.keys(rows).find((id) => rows[id].includes(FAMILY_HEADING));
    expect(rows[added]).toBe(`Article 9 ${FAMILY_HEADING}`);
    expect(rows[POSTING]).toBe("Article 8 Posted workers");
    expect(rows[TRANSPORT]).toBe("Article 10 Transport personnel");
    expect(rows[SEAFARERS]).toBe("Article 11 Seafarers");

    const editor = await firstEditor();
    await typeAtEnd(editor, FAMILY_TEXT);
    await saved();
    expect(await editorText(editor)).toBe(FAMILY_TEXT);
    await screenshot("drafting-editor");

    // Ctrl+Z inside the editor undoes the typing, Ctrl+Y brings it back.
    await editor.click();
    await browser.keys([Key.Ctrl, "z"]); // the modifier is released at the end of the call
    await browser.waitUntil(async () => (await editorText(await firstEditor())) === "", {
      timeoutMsg: "Ctrl+Z did not undo the typing",
    });
    await (await firstEditor()).click();
    await browser.keys([Key.Ctrl, "y"]);
    await browser.waitUntil(async () => (await editorText(await firstEditor())) === FAMILY_TEXT, {
      timeoutMsg: "Ctrl+Y did not redo the typing",
    });
    await saved();
  });

  it("the reference to the old Article 9 now reads Article 10", async () => {
    await select(SEAFARERS);
    expect(await referenceChips()).toContain("Article 10");
    expect(await referenceChips()).not.toContain("Article 9");
  });

  it("refers to the new article from another provision through the picker", async () => {
    await select(CIVIL);
    await referTo(await firstEditor(), "family", `Article 9 ${FAMILY_HEADING}`);
    expect(await referenceChips()).toContain("Article 9");
  });

  it("the chip follows when an earlier article is deleted (after the departs-from-model warning)", async () => {
    await select(EQUALITY);
    await click("delete-provision");
    const ask = await $('[role="alertdialog"]');
    await ask.waitForDisplayed();
    expect(await ask.getText()).toContain("departs from the model");
    await click("confirm-ok");
    await ask.waitForExist({ reverse: true });
    await saved();
    await select(CIVIL);
    await browser.waitUntil(async () => (await referenceChips()).includes("Article 8"), {
      timeoutMsg: `the chip did not follow: ${(await referenceChips()).join(", ")}`,
    });
    await select(SEAFARERS);
    expect(await referenceChips()).toContain("Article 9");
    expectNoMachinery(await pageText());
  });

  it("shows the problems and the deviation from the model by label and heading, in en, fr and es", async () => {
    for (const language of ["en", "fr", "es"]) {
      await byTestId("language-select").selectByAttribute("value", language);
      await click("tab-problems");
      await byTestId("problems-panel").waitForDisplayed();
      expectNoMachinery(await pageText());
      await screenshot(`drafting-problems-${language}`);
      await select(CIVIL);
      await screenshot(`drafting-editor-${language}`);
    }
    await byTestId("language-select").selectByAttribute("value", "en");
    await click("nav-versions");
    await click("tab-deviation");
    await byTestId("deviation-view").waitForDisplayed({ timeout: 15000 });
    const deviation = await byTestId("deviation-view").getText();
    expect(deviation).toContain(FAMILY_HEADING);
    expect(deviation).toContain("Equality of treatment");
    for (const language of ["en", "fr", "es"]) {
      await byTestId("language-select").selectByAttribute("value", language);
      await browser.pause(200);
      expectNoMachinery(await pageText());
      await screenshot(`drafting-deviation-${language}`);
    }
    await byTestId("language-select").selectByAttribute("value", "en");
  });

  it("Ctrl+Z and Ctrl+Y undo and redo typing in a text field too (the heading)", async () => {
    await click("nav-agreement");
    await byTestId("agreement-view").waitForDisplayed();
    await select(CIVIL);
    await click("edit-heading");
    const heading = await byTestId("heading-input");
    await heading.waitForDisplayed();
    await browser.keys(["End"]);
    await typeKeys(" abroad");
    expect(await heading.getValue()).toBe("Civil servants abroad");
    await browser.keys([Key.Ctrl, "z"]);
    await browser.waitUntil(async () => (await heading.getValue()) === "Civil servants", { timeoutMsg: "Ctrl+Z did nothing in the field" });
    await browser.keys([Key.Ctrl, "y"]);
    await browser.waitUntil(async () => (await heading.getValue()) === "Civil servants abroad", { timeoutMsg: "Ctrl+Y did nothing" });
    await browser.keys([Key.Ctrl, "z"]);
    await browser.keys(["Escape"]);
  });

  it("keeps it all across a restart", async () => {
    await restartApp();
    await openDraft();
    await byTestId("agreement-view").waitForDisplayed();
    const rows = await outline();
    const added = Object.keys(rows).find((id) => rows[id].includes(FAMILY_HEADING));
    expect(rows[added]).toBe(`Article 8 ${FAMILY_HEADING}`);
    expect(rows[EQUALITY]).toContain("left out");
    await select(added);
    expect(await editorText(await firstEditor())).toBe(FAMILY_TEXT);
    await select(CIVIL);
    expect(await referenceChips()).toContain("Article 8");
    const text = rendered();
    expect(text).toContain(`Article 8\n${FAMILY_HEADING}`);
    expect(text).toContain(FAMILY_TEXT);
  });
});
