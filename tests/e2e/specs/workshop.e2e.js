// Workshop mode in the real window. The facilitator creates a 2-group workshop (with `ssa`, the
// same use case as the desk's button, whose native folder dialog WebDriver cannot drive); the
// desk shows every group with its round and timer; team A's pack is joined on this laptop (the
// "one laptop per group" case) and team B's on a second data folder; team A sees its brief in
// the overview and beside the article in Rounds; the facilitator collects both teams' exchange
// files and reads the debrief. Screenshots of the desk and the debrief, page images of a team's
// handout and of the debrief PDF.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { artifacts, cliBinary } from "../wdio.conf.js";
import { byTestId, click, screenshot, ssa } from "./helpers.js";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "ssa-e2e-workshop-"));
const handouts = path.join(work, "handouts");
const secondLaptop = path.join(work, "team-b-laptop");
const POSTING = "M2-AL.2";

function ssaAt(dir, ...args) {
  return execFileSync(cliBinary, ["--data-dir", dir, ...args], { env: process.env, encoding: "utf8" });
}

function pageImage(pdf, name) {
  const prefix = path.join(artifacts, name);
  execFileSync("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", pdf, prefix]);
  expect(fs.existsSync(`${prefix}.png`)).toBe(true);
}

describe("workshop mode", () => {
  it("shows the facilitator's desk of a new workshop, in every language", async () => {
    const out = ssa("workshop", "create", "marisol-eldmark-bilateral", "--groups", "2", "--out", handouts, "--title", "Turin, May 2026");
    expect(out).toContain("2 groups, 5 files");
    if (await byTestId("encryption-offer-later").isExisting()) await click("encryption-offer-later");
    await click("nav-workshops");
    await byTestId("desk-group").waitForDisplayed({ timeout: 15000 });
    await byTestId("workshop-desk").scrollIntoView();
    expect(await browser.execute(() => document.querySelectorAll('[data-testid="desk-group"]').length)).toBe(2);
    await click("desk-start-all");
    await browser.waitUntil(async () =>
      (await browser.execute(() => [...document.querySelectorAll('[data-testid="group-state"]')].map((s) => s.textContent.trim()))).every(
        (s) => s === "running",
      ),
    );
    expect(await byTestId("desk-group").getProperty("textContent")).toContain("Round 1 of 3: Opening positions");
    await screenshot("workshop-desk");
    for (const lang of ["fr", "es"]) {
      await byTestId("language-select").selectByAttribute("value", lang);
      await screenshot(`workshop-desk-${lang}`);
      const overflow = await browser.execute(() => {
        const main = document.querySelector("#main");
        return main.scrollWidth - main.clientWidth;
      });
      expect(overflow).toBe(0);
    }
    await byTestId("language-select").selectByAttribute("value", "en");
    await click("desk-pause-all");
  });

  it("lets a team join its pack and see its brief beside each article", async () => {
    const joined = ssa("workshop", "join", path.join(handouts, "group-01-team-a.ssa-team.json"));
    const id = joined.split(/\s+/)[1];
    await click("nav-home");
    await click("nav-workshops");
    const open = await byTestId("team-open");
    await open.waitForClickable({ timeout: 15000 });
    await open.click();
    await byTestId("team-brief").waitForDisplayed({ timeout: 15000 });
    const brief = await byTestId("team-brief").getProperty("textContent");
    expect(brief).toContain("group 1, team A (Delegation of Marisol)");
    expect(brief).toContain("building contracts in Eldmark");
    // Team B's brief is not on team A's laptop.
    expect(brief).not.toContain("building unions fear");
    await screenshot("workshop-team-brief");
    await click("nav-rounds");
    await byTestId("rounds-view").waitForDisplayed({ timeout: 15000 });
    const row = await $(`[data-testid="position-row"][data-id="${POSTING}"]`);
    await row.scrollIntoView();
    await row.click();
    await byTestId("panel-mandate").waitForDisplayed();
    expect(await byTestId("panel-mandate").getProperty("textContent")).toContain("Never less than 18 months.");
    await screenshot("workshop-team-article-brief");

    // Team B on its own laptop; each team sends its text; the facilitator collects both.
    const other = ssaAt(secondLaptop, "workshop", "join", path.join(handouts, "group-01-team-b.ssa-team.json"));
    const otherId = other.split(/\s+/)[1];
    const fromA = path.join(work, "a.ssa-exchange.json");
    const fromB = path.join(work, "b.ssa-exchange.json");
    ssa("exchange", "export", id, "--out", fromA);
    ssaAt(secondLaptop, "exchange", "export", otherId, "--out", fromB);
    ssa("workshop", "collect", path.join(handouts, "workshop.ssa-workshop.json"), fromA, fromB);
  });

  it("shows the debrief and prints a handout and the debrief as PDF", async () => {
    await click("nav-home");
    await click("nav-workshops");
    await byTestId("debrief-tab").waitForClickable({ timeout: 15000 });
    await browser.waitUntil(async () => (await byTestId("group-files").getProperty("textContent")).includes("2 files"));
    await byTestId("workshop-desk").scrollIntoView();
    await screenshot("workshop-desk-collected");
    await click("debrief-tab");
    await byTestId("debrief").waitForDisplayed();
    await byTestId("workshop-desk").scrollIntoView();
    const posting = await $(`[data-testid="debrief-article"][data-article="${POSTING}"]`);
    const text = await posting.getProperty("textContent");
    expect(text).toContain("Posted workers");
    expect(text).toContain("24 months");
    expect(text).toContain("red line held");
    await screenshot("workshop-debrief");

    const workshop = path.join(handouts, "workshop.ssa-workshop.json");
    const teamBrief = path.join(work, "team-a-brief.pdf");
    const debrief = path.join(work, "debrief.pdf");
    ssa("export", workshop, "--doc", "handout", "--team", "A", "--out", teamBrief);
    ssa("workshop", "debrief", workshop, "--out", debrief);
    const briefText = execFileSync("pdftotext", [teamBrief, "-"], { encoding: "utf8" });
    expect(briefText).toContain("CONFIDENTIAL — TEAM A");
    expect(briefText).not.toContain("building unions fear");
    const debriefText = execFileSync("pdftotext", [debrief, "-"], { encoding: "utf8" });
    expect(debriefText).toContain("24 months");
    pageImage(teamBrief, "pdf-workshop-team-brief-page");
    pageImage(debrief, "pdf-workshop-debrief-page");
    // The French handouts of the same workshop.
    const french = path.join(work, "debrief-fr.pdf");
    ssa("workshop", "debrief", workshop, "--lang", "fr", "--out", french);
    expect(execFileSync("pdftotext", [french, "-"], { encoding: "utf8" })).toContain("24 mois");
  });
});
