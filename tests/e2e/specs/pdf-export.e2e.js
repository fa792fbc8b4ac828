// Export PDF in the real window. The native save dialog cannot be driven through WebDriver, so
// the spec checks the button the person sees, then exports the same negotiation from the same
// database with `ssa export` and reads the file with the poppler tools.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { dataDirectory } from "../wdio.conf.js";
import { byTestId, click, rowTitles, rowWithTitle, screenshot, ssa } from "./helpers.js";

const SAMPLE = "Social Security Agreement between the Republic of Aurelia and the Kingdom of Boreland";

async function openSampleAgreement() {
  await click("nav-home");
  await browser.waitUntil(async () => (await rowTitles()).length > 0 || (await byTestId("add-sample").isExisting()));
  if (!(await rowTitles()).includes(SAMPLE)) await click("add-sample");
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
});
