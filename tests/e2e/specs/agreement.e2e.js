// The draft agreement in the real window: leaving out an optional article renumbers the ones
// after it and the references to them; an alternative and a parameter are saved; all three
// choices survive a restart.
import {
  byTestId,
  click,
  provisionEditor,
  restartApp,
  rowWithTitle,
  SAMPLE,
  screenshot,
  showSample,
  typeAtEnd,
} from "./helpers.js";

const OPTIONAL = "M3.2.assessment"; // Assessment of invalidity: optional, left out by default
const TARGET = "M4.2"; // an article further on (non-contributory benefits)…
const REFERRING = "M1.5.3"; // …that this earlier paragraph refers to

/** Opens the sample negotiation's Agreement area, adding the sample or starting its draft if needed. */
async function openSampleAgreement() {
  await click("nav-home");
  await byTestId("nav-home").waitForDisplayed();
  await showSample();
  const row = await rowWithTitle(SAMPLE);
  await row.$(".row-main").click();
  await byTestId("overview-title").waitForDisplayed();
  await click("nav-agreement");
  await browser.waitUntil(
    async () => (await byTestId("agreement-view").isExisting()) || (await byTestId("start-draft").isExisting()),
    { timeout: 15000 },
  );
  if (!(await byTestId("agreement-view").isExisting())) await click("start-draft");
  await byTestId("agreement-view").waitForDisplayed();
}

async function select(nodeId) {
  const item = await $(`[data-testid="outline-item"][data-id="${nodeId}"]`);
  await item.scrollIntoView();
  await item.click();
  await browser.waitUntil(
    async () => (await byTestId("article-editor").getAttribute("data-node-id")) === nodeId,
  );
}

async function saved() {
  await browser.waitUntil(
    async () => (await byTestId("agreement-save-state").getAttribute("class")).split(" ").includes("saved"),
    { timeoutMsg: "the draft was not saved" },
  );
}

/** What the whole-agreement preview shows: article labels by id, and one paragraph's text. */
async function readPreview() {
  await click("preview-agreement");
  await byTestId("agreement-preview").waitForDisplayed();
  const result = await browser.execute((referring) => {
    const order = [];
    const labels = {};
    for (const heading of document.querySelectorAll('[data-testid="preview-article"]')) {
      const id = heading.getAttribute("data-node-id");
      order.push(id);
      labels[id] = heading.querySelector('[data-testid="preview-article-label"]')?.textContent?.trim() ?? "";
    }
    const paragraph = document.querySelector(`[data-testid="agreement-preview"] [data-node="${referring}"]`);
    return { order, labels, referring: paragraph?.textContent?.replace(/\s+/g, " ").trim() ?? "" };
  }, REFERRING);
  await click("preview-agreement");
  await byTestId("article-editor").waitForDisplayed();
  return result;
}

const number = (label) => Number(/(\d+)/.exec(label)?.[1]);

describe("agreement", () => {
  it("renumbers the articles after an optional article that is left out", async () => {
    await byTestId("nav-home").waitForDisplayed({ timeout: 30000 });
    await openSampleAgreement();

    // Start with the optional article kept (the model leaves it out).
    await select(OPTIONAL);
    const toggle = await byTestId(`toggle-include-${OPTIONAL}`);
    if (!(await toggle.isSelected())) {
      await toggle.click();
      await saved();
    }

    const before = await readPreview();
    expect(before.labels[OPTIONAL]).toMatch(/^Article \d+$/);
    const after = before.order[before.order.indexOf(OPTIONAL) + 1];
    const afterNumber = number(before.labels[after]);
    expect(afterNumber).toBe(number(before.labels[OPTIONAL]) + 1);
    const targetNumber = number(before.labels[TARGET]);
    expect(targetNumber).toBeGreaterThan(afterNumber);
    expect(before.referring).toContain(`Article ${targetNumber}`);

    await select(OPTIONAL);
    await byTestId(`toggle-include-${OPTIONAL}`).click();
    await saved();

    const now = await readPreview();
    expect(now.labels[OPTIONAL]).toBeUndefined();
    expect(number(now.labels[after])).toBe(afterNumber - 1);
    expect(number(now.labels[TARGET])).toBe(targetNumber - 1);
    expect(now.referring).toContain(`Article ${targetNumber - 1}`);
    expect(now.referring).not.toContain(`Article ${targetNumber}`);
    const item = await $(`[data-testid="outline-item"][data-id="${OPTIONAL}"]`);
    expect((await item.getAttribute("class")).split(" ")).toContain("omitted"); // listed greyed, "left out"
  });

  it("saves an alternative wording and a parameter", async () => {
    await select("M1.3");
    await click("alternative-M1.3-nationals_refugees_stateless");
    await saved();

    const months = await byTestId("param-posting.months");
    await months.scrollIntoView();
    await months.setValue("36");
    await select("M1.3"); // leaving the field saves at once
    await saved();
    expect(await months.getValue()).toBe("36");
    await screenshot("agreement");
  });

  it("shows, word by word, how a freely reworded provision departs from the model", async () => {
    await select("M1.4");
    await typeAtEnd(await provisionEditor(), " without undue delay");
    await select("M1.4"); // leaving the field saves at once
    await saved();
    const inserted = await browser.execute(() =>
      [...document.querySelectorAll('[data-testid="wording-change"] ins')].map((e) => e.textContent.trim()).join(" "),
    );
    expect(inserted).toContain("without undue delay");
    await screenshot("agreement-rewording");
  });

  it("keeps all three choices when the app is quit and started again", async () => {
    await restartApp();
    await openSampleAgreement();
    const item = await $(`[data-testid="outline-item"][data-id="${OPTIONAL}"]`);
    expect((await item.getAttribute("class")).split(" ")).toContain("omitted"); // listed greyed, "left out"
    await select("M1.3");
    expect(await byTestId("alternative-M1.3-nationals_refugees_stateless").isSelected()).toBe(true);
    expect(await byTestId("param-posting.months").getValue()).toBe("36");
    await select(OPTIONAL);
    expect(await byTestId(`toggle-include-${OPTIONAL}`).isSelected()).toBe(false);
    await select("M1.4");
    expect(await byTestId("wording-change").isExisting()).toBe(true);
  });

  it("fits the minimum window, editing and previewing", async () => {
    await browser.setWindowSize(960, 600);
    await select("M1.3");
    await screenshot("agreement-small");
    await click("preview-agreement");
    await byTestId("agreement-preview").waitForDisplayed();
    await screenshot("agreement-preview");
    await click("preview-agreement");
  });
});
