// Export PDF in the real window. The native save dialog cannot be driven through WebDriver, so
// the spec checks the button the person sees, then exports the same negotiation from the same
// database with `ssa export` and reads the file with the poppler tools.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { dataDirectory } from "../wdio.conf.js";
import { byTestId, click, rowWithTitle, SAMPLE, screenshot, showSample, ssa } from "./helpers.js";


async function openSampleAgreement() {
  await click("nav-home");
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

describe("PDF export", () => {
  it("shows Export PDF in the agreement and writes a searchable PDF of the draft", async () => {
    await openSampleAgreement();
    const label = await browser.execute(() => document.querySelector('[data-testid="export-pdf"]')?.textContent?.trim());
    expect(label).toBe("Export PDF");
    await screenshot("pdf-export-button");
    const id = JSON.parse(ssa("list", "--json")).find((n) => n.title === SAMPLE).id;
    const out = path.join(dataDirectory(), "agreement.pdf");
    // Calling the export command through the window's IPC from WebDriver fails on
    // WebKitWebDriver (execute/sync and execute/async both answer an opaque error), so the file
    // is written by `ssa export` on the database the open app is using: the same use case the
    // button's command calls, checked with the poppler tools.
    ssa("export", id, "--doc", "agreement", "--out", out);
    expect(existsSync(out)).toBe(true);
    expect(readFileSync(out).subarray(0, 5).toString()).toBe("%PDF-");
    const text = execFileSync("pdftotext", [out, "-"], { encoding: "utf8" });
    expect(text).toContain("Equality of treatment");
    expect(text).toContain("Page 3 of");
  });

  it("offers the redline, the brief and the step report where they are worked on, and writes each", async () => {
    // A negotiation of its own: the other specs expect the sample without rounds or versions.
    const title = "PDF export check";
    const id = ssa("create", "--title", title, "--own", "Republic of Aurelia:XA", "--counterpart", "Kingdom of Boreland:XB").trim();
    await click("nav-archive");
    await click("nav-home");
    await (await rowWithTitle(title)).$(".row-main").click();
    await byTestId("overview-title").waitForDisplayed();
    await click("nav-agreement");
    await byTestId("start-draft").waitForDisplayed({ timeout: 15000 });
    await click("start-draft");
    await byTestId("agreement-view").waitForDisplayed();
    const textOf = (testid) =>
      browser.execute((t) => document.querySelector(`[data-testid="${t}"]`)?.textContent?.trim(), testid);

    // Versions: the comparison on screen exports as a redline.
    await click("nav-versions");
    await byTestId("compare-view").waitForDisplayed({ timeout: 15000 });
    await byTestId("export-redline").waitForDisplayed();
    expect(await textOf("export-redline")).toBe("Export redline PDF");
    // A named version offers the PDF of its text.
    await byTestId("version-name").setValue("Tabled for the PDF");
    await click("version-name-submit");
    await browser.waitUntil(() =>
      browser.execute(() =>
        [...document.querySelectorAll('[data-testid="revision"]')].some(
          (row) =>
            row.textContent.includes("Tabled for the PDF") && row.querySelector('[data-testid="export-version-pdf"]'),
        ),
      ),
    );
    await screenshot("pdf-export-redline-button");

    // Process: the step report.
    await click("nav-process");
    await byTestId("export-step-report").waitForDisplayed({ timeout: 15000 });
    expect(await textOf("export-step-report")).toBe("Export step report PDF");
    await screenshot("pdf-export-step-report-button");

    // Rounds: no brief before the first round; after it, the brief with its internal option.
    await click("nav-rounds");
    await byTestId("rounds-view").waitForDisplayed({ timeout: 15000 });
    if (await byTestId("rounds-empty").isExisting()) {
      expect(await byTestId("export-brief").isExisting()).toBe(false);
      await click("add-round");
      await byTestId("round-editor").waitForDisplayed();
      await byTestId("round-place").setValue("Geneva");
      await click("tab-positions");
    }
    await byTestId("export-brief").waitForDisplayed({ timeout: 15000 });
    await byTestId("brief-internal").waitForDisplayed();
    expect(await textOf("export-brief")).toBe("Export brief PDF");
    await screenshot("pdf-export-brief-button");

    const write = (name, ...args) => {
      const out = path.join(dataDirectory(), name);
      ssa("export", id, ...args, "--out", out);
      expect(readFileSync(out).subarray(0, 5).toString()).toBe("%PDF-");
      return execFileSync("pdftotext", ["-raw", out, "-"], { encoding: "utf8" });
    };
    expect(write("redline.pdf", "--doc", "redline", "--from", "model", "--to", "current")).toContain(
      "Summary of changes",
    );
    expect(write("steps.pdf", "--doc", "step-report")).toContain("Feasibility study");
    expect(write("version.pdf", "--doc", "agreement", "--version", "Tabled for the PDF")).toContain(
      "Version “Tabled for the PDF”",
    );
    const brief = write("brief.pdf", "--doc", "brief");
    expect(brief).toContain("On the table");
    expect(brief).not.toContain("Mandate");
    expect(write("brief-internal.pdf", "--doc", "brief", "--internal")).toContain("Mandate");
  });
});
