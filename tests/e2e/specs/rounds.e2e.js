// Negotiation rounds in the real window: positions on two articles in round 1, one agreed and
// shared, kept across a restart; an exchange file exported with the CLI, imported by the
// counterpart into its own data directory, and the app opened on that directory shows the
// proposal received in the four-column view, across a restart too.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { byTestId, click, restartApp, rowWithTitle, SAMPLE, screenshot, showSample, ssa } from "./helpers.js";
import { cliBinary, dataDirectory } from "../wdio.conf.js";

const COUNTERPART = "Boreland–Aurelia social security agreement";
const FIRST = "M1.1"; // the first article of the model
const POSTING = "M2-AL.2"; // posted workers

const work = fs.mkdtempSync(path.join(os.tmpdir(), "ssa-e2e-rounds-"));
const exchangeFile = path.join(work, "aurelia-round-1.json");
const borelandDir = path.join(work, "boreland");
const database = path.join(dataDirectory(), "workbench.sqlite3");
const ourDatabase = path.join(work, "aurelia.sqlite3");

/** The `ssa` CLI against another data directory. */
const ssaAt = (dir, ...args) =>
  execFileSync(cliBinary, args, { env: { ...process.env, SSA_DATA_DIR: dir }, encoding: "utf8" });

async function openRounds(title) {
  await click("nav-home");
  if (title === SAMPLE) await showSample();
  const row = await rowWithTitle(title);
  await row.$(".row-main").click();
  await byTestId("overview-title").waitForDisplayed();
  await click("nav-rounds");
  await byTestId("rounds-view").waitForDisplayed({ timeout: 15000 });
}

/** The four-column view as data: per article id, the text of each cell. */
async function table() {
  return browser.execute(() => {
    const cells = {};
    for (const row of document.querySelectorAll('[data-testid="position-row"]')) {
      const text = (id) => row.querySelector(`[data-testid="${id}"]`)?.textContent?.replace(/\s+/g, " ").trim() ?? "";
      cells[row.getAttribute("data-id")] = {
        label: text("row-label"),
        ours: text("cell-ours"),
        theirs: text("cell-theirs"),
        table: text("cell-table"),
        status: text("cell-status"),
      };
    }
    return cells;
  });
}

async function selectRow(nodeId) {
  const row = await $(`[data-testid="position-row"][data-id="${nodeId}"]`);
  await row.scrollIntoView();
  await row.click();
  await browser.waitUntil(async () => (await row.getAttribute("aria-selected")) === "true");
  await byTestId("article-panel").waitForDisplayed();
}

async function positionSaved() {
  await browser.waitUntil(
    async () => ((await byTestId("position-save-state").getProperty("textContent")) ?? "").includes("✓"),
    { timeoutMsg: "the position was not saved" },
  );
}

describe("negotiation rounds", () => {
  before(async () => {
    await browser.setWindowSize(1280, 820);
  });

  after(async () => {
    if (!fs.existsSync(ourDatabase)) return;
    await browser.deleteSession();
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(database + suffix, { force: true });
    for (const suffix of ["", "-wal"]) {
      if (fs.existsSync(ourDatabase + suffix)) fs.copyFileSync(ourDatabase + suffix, database + suffix);
    }
    await browser.reloadSession();
  });

  it("records positions on two articles in round 1, one of them agreed", async () => {
    await byTestId("nav-home").waitForDisplayed({ timeout: 30000 });
    await openRounds(SAMPLE);
    await byTestId("rounds-empty").waitForDisplayed();
    await screenshot("rounds-empty");
    await click("add-round");
    await byTestId("round-editor").waitForDisplayed();
    // A date picker: set as its calendar would, then left.
    await browser.execute(() => {
      const el = document.querySelector('[data-testid="round-held-on"]');
      el.focus();
      el.value = "2026-03-02";
      el.dispatchEvent(new Event("input", { bubbles: true }));
      el.dispatchEvent(new Event("change", { bubbles: true }));
      el.blur();
    });
    expect(await byTestId("round-held-on").getAttribute("type")).toBe("date");
    await byTestId("round-place").setValue("Geneva");
    await click("tab-positions");
    await byTestId("four-column-view").waitForDisplayed();

    await selectRow(POSTING);
    await byTestId("position-ours").setValue("A posted worker remains insured at home for up to 24 months.");
    await byTestId("position-status").selectByAttribute("value", "proposed");
    await positionSaved();

    await selectRow(FIRST);
    await click("position-agree-table");
    await positionSaved();
    await byTestId("position-status").selectByAttribute("value", "agreed");
    await click("position-shared");
    await positionSaved();

    await browser.waitUntil(async () => (await table())[FIRST]?.status === "Agreed");
    const cells = await table();
    expect(cells[POSTING].status).toBe("Proposed");
    expect(cells[POSTING].ours).toContain("up to 24 months");
    expect(cells[FIRST].table).toMatch(/^Agreed /);
    await screenshot("rounds-positions");
  });

  it("keeps the round and the positions when the app is started again", async () => {
    await restartApp();
    await openRounds(SAMPLE);
    await byTestId("four-column-view").waitForDisplayed();
    const cells = await table();
    expect(cells[FIRST].status).toBe("Agreed");
    expect(cells[POSTING].status).toBe("Proposed");
    expect(cells[POSTING].ours).toContain("up to 24 months");
    await click("tab-round");
    expect(await byTestId("round-place").getValue()).toBe("Geneva");
  });

  it("records the mandate on an article, confidential to the team", async () => {
    await click("tab-mandate");
    const article = await $(`[data-testid="mandate-article"][data-id="${POSTING}"]`);
    await article.scrollIntoView();
    await article.click();
    await byTestId("mandate-redLine").setValue("CONFIDENTIAL: never more than 12 months.");
    await byTestId("mandate-at-most-posting.months").setValue("12");
    await byTestId("mandate-preferred").click(); // leaving the limit field saves it
    await browser.waitUntil(
      async () => ((await byTestId("mandate-save-state").getProperty("textContent")) ?? "").includes("✓"),
      { timeoutMsg: "the mandate was not saved" },
    );
    await screenshot("rounds-mandate");
    await click("tab-positions");
    await byTestId("four-column-view").waitForDisplayed();
    await selectRow(POSTING);
    expect(await byTestId("panel-mandate").getProperty("textContent")).toContain("never more than 12 months");
    await screenshot("rounds-article-mandate");
  });

  it("exports an exchange file that carries the shared position and nothing confidential", async () => {
    const id = JSON.parse(ssa("list", "--json")).find((n) => n.title === SAMPLE).id;
    const out = ssa("exchange", "export", id, "--out", exchangeFile);
    expect(out).toContain("1 shared positions");
    const text = fs.readFileSync(exchangeFile, "utf8");
    expect(text).toContain('"format": "ssa-exchange/1"');
    expect(text).not.toContain("up to 24 months"); // the unshared position
    expect(text).not.toContain("CONFIDENTIAL"); // the mandate
  });

  it("shows the proposal received in the counterpart's own data directory", async () => {
    // The counterpart's side: its own database, its own record of the negotiation (own side XB).
    ssaAt(borelandDir, "create", "--title", COUNTERPART, "--own", "Kingdom of Boreland:XB", "--counterpart", "Republic of Aurelia:XA");
    const imported = ssaAt(borelandDir, "exchange", "import", exchangeFile);
    expect(imported).toContain("round 1");

    // Open the app on the counterpart's database; ours is put back after this spec (`after`),
    // since the specs that follow share the data directory.
    await browser.deleteSession();
    // The main file and its write-ahead log: the app may not have checkpointed before it quit.
    for (const suffix of ["", "-wal"]) {
      if (fs.existsSync(database + suffix)) fs.copyFileSync(database + suffix, ourDatabase + suffix);
    }
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(database + suffix, { force: true });
    fs.copyFileSync(path.join(borelandDir, "workbench.sqlite3"), database);
    await browser.reloadSession();
    await byTestId("nav-home").waitForDisplayed({ timeout: 30000 });

    await openRounds(COUNTERPART);
    await byTestId("four-column-view").waitForDisplayed();
    const cells = await table();
    expect(cells[FIRST].label).toBe("Article 1");
    expect(cells[FIRST].theirs.length).toBeGreaterThan(20);
    expect(cells[FIRST].table).toMatch(/^Theirs /);
    expect(cells[FIRST].theirs).toContain("their status: Agreed"); // the position they shared
    expect(cells[POSTING].theirs).toContain("24 months");
    await selectRow(POSTING);
    await screenshot("rounds-counterpart");
    await click("tab-round");
    await byTestId("import-records").waitForDisplayed();
    expect(await byTestId("import-records").getProperty("textContent")).toContain("aurelia-round-1.json");
  });

  it("keeps the proposal received across a restart", async () => {
    await restartApp();
    await openRounds(COUNTERPART);
    await byTestId("four-column-view").waitForDisplayed();
    const cells = await table();
    expect(cells[POSTING].theirs).toContain("24 months");
    await click("tab-round");
    await byTestId("round-editor").waitForDisplayed();
    await screenshot("rounds-round-details");
    // French and Spanish fit the same window.
    await click("tab-positions");
    await byTestId("four-column-view").waitForDisplayed();
    for (const lang of ["fr", "es"]) {
      await byTestId("language-select").selectByAttribute("value", lang);
      await screenshot(`rounds-${lang}`);
      const overflow = await browser.execute(() => {
        const main = document.querySelector("#main");
        return main.scrollWidth - main.clientWidth;
      });
      expect(overflow).toBe(0);
    }
    await byTestId("language-select").selectByAttribute("value", "en");
  });
});
