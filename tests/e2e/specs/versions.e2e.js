// Versions in the real window: name a version, reword an article in the Agreement area,
// compare the version with the current draft and see the inserted and deleted words; initial
// the version and see its fingerprint (the same as the CLI reports); all kept across a restart.
import {
  byTestId,
  click,
  provisionEditor,
  replaceWord,
  restartApp,
  rowWithTitle,
  SAMPLE,
  screenshot,
  showSample,
  ssa,
  typeAtEnd,
} from "./helpers.js";

const REWORDED = "M1.4"; // an article whose wording the test changes

let negotiationId;

async function openSample(area) {
  await click("nav-home");
  await showSample();
  const row = await rowWithTitle(SAMPLE);
  negotiationId = await row.getAttribute("data-id");
  await row.$(".row-main").click();
  await byTestId("overview-title").waitForDisplayed();
  await click(`nav-${area}`);
}

async function openVersions() {
  await click("nav-versions");
  await byTestId("revision-list").waitForDisplayed({ timeout: 15000 });
}

const textOf = (selector) => browser.execute((s) => document.querySelector(s)?.textContent ?? "", selector);

const revisionNames = () =>
  browser.execute(() =>
    [...document.querySelectorAll('[data-testid="revision-name"]')].map((e) => e.textContent.trim()),
  );

async function nameVersion(name) {
  const field = await byTestId("version-name");
  await field.setValue(name);
  await click("version-name-submit");
  await browser.waitUntil(async () => (await revisionNames())[0] === name, {
    timeoutMsg: `version "${name}" not listed`,
  });
}

/** Inserted and deleted words of one provision in the comparison shown. */
async function redlineOf(unitId) {
  let found;
  await browser.waitUntil(
    async () => {
      found = await browser.execute((id) => {
        const unit = document.querySelector(`[data-testid="compare-unit"][data-unit="${id}"]`);
        if (!unit) return null;
        return {
          inserted: [...unit.querySelectorAll("ins")].map((e) => e.textContent).join("|"),
          deleted: [...unit.querySelectorAll("del")].map((e) => e.textContent).join("|"),
          text: unit.textContent,
        };
      }, unitId);
      return found !== null;
    },
    { timeout: 15000, timeoutMsg: `no compared provision ${unitId}` },
  );
  return found;
}

describe("versions", () => {
  it("names a version of the draft", async () => {
    await byTestId("nav-home").waitForDisplayed({ timeout: 30000 });
    await openSample("versions");
    await byTestId("revision-list").waitForDisplayed({ timeout: 15000 });
    await nameVersion("Round 1");
  });

  it("compares the version with the draft after an article was reworded, word by word", async () => {
    await click("nav-agreement");
    const item = await $(`[data-testid="outline-item"][data-id="${REWORDED}"]`);
    await item.waitForDisplayed({ timeout: 15000 });
    await item.scrollIntoView();
    await item.click();
    const editor = await provisionEditor();
    await replaceWord(editor, "shall", "must");
    await typeAtEnd(editor, " without undue delay");
    await item.click(); // leaving the field saves at once
    await browser.waitUntil(
      async () => (await byTestId("agreement-save-state").getAttribute("class")).split(" ").includes("saved"),
      { timeoutMsg: "the draft was not saved" },
    );

    await openVersions();
    expect(await byTestId("compare-before").getValue()).toBe("r:1");
    expect(await byTestId("compare-after").getValue()).toBe("current");
    const redline = await redlineOf(REWORDED);
    expect(redline.inserted).toContain("without undue delay");
    expect(redline.inserted).toContain("must");
    expect(redline.deleted).toContain("shall");
    expect(await textOf('[data-testid="summary-changed"]')).toBe("1 changed");
    await screenshot("versions-compare");

    // The CLI prints the same redline.
    const diff = ssa("diff", negotiationId, "Round 1", "current");
    expect(diff.split("\n")[0]).toMatch(/^0 added, 0 removed, 1 changed/);
    expect(diff).toContain("{+must+}");
    expect(diff).toContain("without undue delay");
  });

  it("initials a version after confirming, and shows its fingerprint", async () => {
    await nameVersion("Round 2");
    const round1 = await $('[data-testid="revision"][data-number="1"]');
    await round1.$('[data-testid="initial-open"]').click();
    const dialog = await byTestId("initial-dialog");
    await dialog.waitForDisplayed();
    expect(await textOf('[data-testid="initial-dialog"]')).toContain("can never be changed");
    await byTestId("initialled-by").setValue("A. Aurelian, B. Borelander");
    await screenshot("versions-initial-dialog");
    await click("confirm-ok");
    await dialog.waitForExist({ reverse: true });

    const shown = await browser.execute(() => ({
      short: document.querySelector('[data-testid="revision"][data-number="1"] [data-testid="fingerprint-short"]')
        ?.textContent,
      full: document.querySelector('[data-testid="revision"][data-number="1"] [data-testid="fingerprint-full"]')
        ?.textContent,
    }));
    expect(shown.full).toMatch(/^[0-9a-f]{64}$/);
    expect(shown.short).toContain(shown.full.slice(0, 12));
    await round1.$("summary").click();
    await screenshot("versions-initialled");

    const listing = ssa("versions", negotiationId);
    expect(listing).toContain(`initialled by A. Aurelian, B. Borelander`);
    expect(listing).toContain(`fingerprint ${shown.full.slice(0, 12)}`);
    expect(ssa("verify-initialled", negotiationId, "Round 1").trim()).toBe(`${shown.full}  matches`);

    await click("tab-deviation");
    await byTestId("deviation").waitForDisplayed({ timeout: 15000 });
    await screenshot("versions-deviation");
  });

  it("keeps the versions and the initialling across a restart", async () => {
    const before = await browser.execute(
      () => document.querySelector('[data-testid="revision"][data-number="1"] [data-testid="fingerprint-full"]')?.textContent,
    );
    await restartApp();
    await openSample("versions");
    await byTestId("revision-list").waitForDisplayed({ timeout: 15000 });
    expect((await revisionNames()).slice(0, 2)).toEqual(["Round 2", "Round 1"]);
    const after = await browser.execute(
      () => document.querySelector('[data-testid="revision"][data-number="1"] [data-testid="fingerprint-full"]')?.textContent,
    );
    expect(after).toBe(before);
    expect(await $('[data-testid="revision"][data-number="1"] [data-testid="initial-open"]').isExisting()).toBe(false);
  });
});
