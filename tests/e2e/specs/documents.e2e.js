// The step documents in the real window: two rows of the feasibility comparison are filled,
// the long-term branches are marked not covered and the pensions chapter leaves the draft
// agreement; notifications give an entry-into-force date; the administrative arrangement is
// started; a monitoring figure is added. After a restart everything is there. Each tab is
// photographed.
import { byTestId, click, restartApp, rowWithTitle, SAMPLE, screenshot, showSample } from "./helpers.js";

const PENSIONS_ARTICLE = "M3.2.calc"; // "Calculation of benefits", in the pensions chapter

async function openSample() {
  await click("nav-home");
  await showSample();
  const row = await rowWithTitle(SAMPLE);
  await row.$(".row-main").click();
  await byTestId("overview-title").waitForDisplayed();
}

async function openDocuments(tab) {
  await click("nav-documents");
  await byTestId("documents-area").waitForDisplayed();
  await click(`doc-tab-${tab}`);
  await byTestId(`doc-panel-${tab}`).waitForDisplayed();
}

/** Sets an input, textarea or select the way a person's edit ends: value, then input/change. */
async function setField(testid, value) {
  const element = await byTestId(testid);
  await element.waitForExist();
  await element.scrollIntoView({ block: "center" });
  await browser.execute(
    (id, text) => {
      const el = document.querySelector(`[data-testid="${id}"]`);
      el.focus();
      el.value = text;
      el.dispatchEvent(new Event("input", { bubbles: true }));
      el.dispatchEvent(new Event("change", { bubbles: true }));
      el.blur();
    },
    testid,
    value,
  );
}

const text = (testid) =>
  browser.execute((id) => document.querySelector(`[data-testid="${id}"]`)?.textContent?.replace(/\s+/g, " ").trim() ?? null, testid);
const value = (testid) => browser.execute((id) => document.querySelector(`[data-testid="${id}"]`)?.value ?? null, testid);

async function saved(prefix) {
  await browser.waitUntil(
    async () => ((await byTestId(`${prefix}-save-state`).getAttribute("class")) ?? "").split(" ").includes("saved"),
    { timeoutMsg: `${prefix}: not saved`, timeout: 15000 },
  );
}

/** Article node ids in the Agreement area's whole-agreement preview. */
async function agreementArticles() {
  await click("nav-agreement");
  await byTestId("agreement-view").waitForDisplayed({ timeout: 15000 });
  // The page may still be scrolled from the Documents area: bring the toolbar back into view.
  await byTestId("preview-agreement").scrollIntoView({ block: "center" });
  await click("preview-agreement");
  await byTestId("agreement-preview").waitForDisplayed();
  const ids = await browser.execute(() =>
    [...document.querySelectorAll('[data-testid="preview-article"]')].map((el) => el.getAttribute("data-node-id")),
  );
  await click("preview-agreement");
  return ids;
}

describe("step documents", () => {
  it("fills the comparison, takes the pensions chapter out of the draft, and keeps everything over a restart", async function () {
    // One long story with two app starts: more than the default two minutes on a loaded machine.
    this.timeout(360000);
    await byTestId("nav-home").waitForDisplayed({ timeout: 30000 });
    await openSample();
    expect(await agreementArticles()).toContain(PENSIONS_ARTICLE);

    // Feasibility: two rows of the comparison (old age, both parties).
    await openDocuments("feasibility");
    await click("branch-tab-old_age");
    await byTestId("comparison-old_age").waitForDisplayed();
    await setField("scheme-old_age-XA-exists", "yes");
    await setField("scheme-old_age-XA-type", "contributory");
    await setField("scheme-old_age-XA-qualifying_period", "15 years of contributions");
    await setField("scheme-old_age-XB-exists", "yes");
    await setField("scheme-old_age-XB-type", "provident_fund");
    await setField("scheme-old_age-XB-export_rules", "Balance paid abroad as a lump sum");
    await saved("feasibility");
    await browser.waitUntil(async () => (await text("suggestion-old_age"))?.includes("provident fund"), {
      timeoutMsg: "the suggestion did not follow the comparison",
    });
    await screenshot("documents-feasibility");

    // The long-term branches are not covered: the pensions chapter leaves the draft.
    for (const branch of ["old_age", "invalidity", "survivors"]) {
      await setField(`coverage-${branch}`, "not_covered");
      await saved("feasibility");
    }
    await browser.waitUntil(async () => (await text("chapter-branch.pensions-draft")) === "out", {
      timeoutMsg: "the draft still has the pensions chapter",
    });
    await byTestId("chapters").scrollIntoView({ block: "center" });
    await screenshot("documents-feasibility-coverage");
    expect(await agreementArticles()).not.toContain(PENSIONS_ARTICLE);

    // Signature and ratification: both notifications give the entry-into-force date.
    await openDocuments("ratification");
    await setField("ratification-XA-signature_place", "Aurelia City");
    await setField("ratification-XA-notification_date", "2026-09-14");
    await saved("ratification");
    expect(await byTestId("entry-not-computable").isExisting()).toBe(true);
    await setField("ratification-XB-notification_date", "2026-10-31");
    await saved("ratification");
    await browser.waitUntil(async () => (await text("entry-date")) === "Enters into force on 1 January 2027", {
      timeoutMsg: `entry into force: ${await text("entry-into-force")}`,
    });
    await screenshot("documents-ratification");

    // The administrative arrangement.
    await openDocuments("arrangement");
    await click("arrangement-start");
    await byTestId("arrangement-view").waitForDisplayed({ timeout: 15000 });
    const item = await $('[data-testid="outline-item"][data-id="AA.8"]');
    await item.click();
    await browser.waitUntil(async () => /Article \d+ of the agreement/.test((await text("arrangement-links")) ?? ""));
    await screenshot("documents-arrangement");

    // Monitoring.
    await openDocuments("monitoring");
    await click("indicator-add");
    await byTestId("indicator-0-value").waitForDisplayed();
    await setField("indicator-0-value", "1250");
    await setField("indicator-0-source", "Liaison body statistics");
    await click("review-add");
    await setField("review-0-what", "Joint committee: first review");
    await saved("monitoring");
    await screenshot("documents-monitoring");

    await restartApp();
    await openSample();
    await openDocuments("feasibility");
    await click("branch-tab-old_age");
    await byTestId("comparison-old_age").waitForDisplayed();
    expect(await value("scheme-old_age-XA-qualifying_period")).toBe("15 years of contributions");
    expect(await value("scheme-old_age-XB-type")).toBe("provident_fund");
    expect(await value("coverage-survivors")).toBe("not_covered");
    expect(await text("chapter-branch.pensions-draft")).toBe("out");
    await openDocuments("ratification");
    await browser.waitUntil(async () => (await text("entry-date")) === "Enters into force on 1 January 2027");
    expect(await value("ratification-XA-signature_place")).toBe("Aurelia City");
    await openDocuments("arrangement");
    await byTestId("arrangement-view").waitForDisplayed({ timeout: 15000 });
    await openDocuments("monitoring");
    await byTestId("indicator-0-value").waitForDisplayed();
    expect(await value("indicator-0-value")).toBe("1250");
    expect(await value("review-0-what")).toBe("Joint committee: first review");
    expect(await agreementArticles()).not.toContain(PENSIONS_ARTICLE);
  });
});
