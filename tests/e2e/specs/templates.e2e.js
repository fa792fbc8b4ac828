// The Templates area in the real window: duplicate the shipped R167 Annex I model into a
// template of one's own, change an article's guidance, save, restart, find it kept; the real
// CLI exports the stored file with the new guidance in it.
import { readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { byTestId, click, restartApp, screenshot, ssa } from "./helpers.js";

const SHIPPED = "r167-annex1-bilateral@1.1.0";
const MINE = "aurelia-model@1.0.0";
const ARTICLE = "M1.2";
const GUIDANCE = "Aurelia asks for a 36-month posting period; Boreland offered 24.";

async function templateRows() {
  return browser.execute(() =>
    [...document.querySelectorAll('[data-testid="template-row"]')].map((row) => row.getAttribute("data-id")),
  );
}

async function openLibrary() {
  await click("nav-templates");
  await browser.waitUntil(async () => (await templateRows()).length > 0, { timeoutMsg: "no template rows" });
}

async function rowButton(key, testid) {
  const button = await $(`[data-testid="template-row"][data-id="${key}"] [data-testid="${testid}"]`);
  await button.waitForClickable();
  return button;
}

async function openTemplate(key) {
  await (await rowButton(key, "template-open")).click();
  await byTestId("template-editor").waitForDisplayed();
  await byTestId("node-form").waitForDisplayed();
}

async function select(nodeId) {
  const item = await $(`[data-testid="outline-node"][data-node="${nodeId}"]`);
  await item.scrollIntoView({ block: "center" });
  await item.click();
  await browser.waitUntil(async () => (await byTestId("node-form").getAttribute("data-node")) === nodeId);
}

async function setLanguage(lang) {
  await byTestId("language-select").selectByAttribute("value", lang);
}

describe("templates", () => {
  before(async () => {
    await browser.setWindowSize(1280, 820);
  });

  it("lists the shipped models, titles readable", async () => {
    await openLibrary();
    expect(await templateRows()).toContain(SHIPPED);
    const text = await browser.execute(
      (key) => document.querySelector(`[data-testid="template-row"][data-id="${key}"]`).textContent,
      SHIPPED,
    );
    expect(text).toContain("[party_a]");
    expect(text).not.toContain("{{");
    await screenshot("templates");
  });

  it("duplicates the R167 Annex I model into a template of one's own", async () => {
    if ((await templateRows()).includes(MINE)) return; // a rerun against the same data dir
    await (await rowButton(SHIPPED, "template-derive")).click();
    const id = await byTestId("derive-id");
    await id.waitForDisplayed();
    await id.setValue("aurelia-model");
    await byTestId("derive-title").setValue("Aurelia model agreement between the {{party_a}} and the {{party_b}}");
    await click("derive-submit");
    await browser.waitUntil(async () => (await templateRows()).includes(MINE), { timeoutMsg: "no aurelia-model row" });
  });

  it("changes an article's guidance and saves it", async () => {
    await openTemplate(MINE);
    await select(ARTICLE);
    const guidance = await byTestId("node-guidance");
    await guidance.setValue(GUIDANCE);
    await browser.waitUntil(async () => (await byTestId("editor-status").getText()) === "Unsaved changes");
    await click("template-save");
    await browser.waitUntil(async () => (await byTestId("editor-status").getText()) === "All changes saved", {
      timeoutMsg: "the template was not saved",
    });
    await screenshot("template-editor");
  });

  it("keeps the guidance after a restart, and the CLI exports it", async () => {
    await restartApp();
    await browser.setWindowSize(1280, 820);
    await openLibrary();
    await openTemplate(MINE);
    await select(ARTICLE);
    const value = await browser.execute(() => document.querySelector('[data-testid="node-guidance"]').value);
    expect(value).toBe(GUIDANCE);

    const out = path.join(os.tmpdir(), `aurelia-model-${process.pid}.toml`);
    try {
      ssa("template", "export", "aurelia-model", "1.0.0", "--out", out);
      const file = readFileSync(out, "utf8");
      expect(file).toContain(GUIDANCE);
      expect(file).toContain('id = "aurelia-model"');
    } finally {
      rmSync(out, { force: true });
    }
  });

  it("reads in French, and fits the minimum window", async () => {
    await setLanguage("fr");
    await screenshot("template-editor-fr");
    await click("nav-templates");
    await browser.waitUntil(async () => (await templateRows()).length > 0);
    await screenshot("templates-fr");
    await setLanguage("en");
    await browser.setWindowSize(960, 600);
    await screenshot("templates-small");
    await openTemplate(SHIPPED);
    await byTestId("read-only-notice").waitForDisplayed();
    await screenshot("template-editor-small");
    await browser.setWindowSize(1280, 820);
  });
});
