// Export PDF in the real window. The native save dialog cannot be driven through WebDriver, so
// the spec checks the button the person sees, then calls the same command the button calls
// (with the path the dialog would return) and reads the file it wrote with the poppler tools.
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

/** Calls a command through the window's own IPC, as the UI does; resolves to its answer. */
function invoke(command, args) {
  return browser.executeAsync(
    (command, args, done) =>
      window.__TAURI_INTERNALS__
        .invoke(command, args)
        .then((value) => done({ ok: value }), (error) => done({ error })),
    command,
    args,
  );
}

describe("PDF export", () => {
  it("shows Export PDF in the agreement and writes a searchable PDF of the draft", async () => {
    await openSampleAgreement();
    const label = await browser.execute(() => document.querySelector('[data-testid="export-pdf"]')?.textContent?.trim());
    expect(label).toBe("Export PDF");
    await screenshot("pdf-export-button");
    const id = JSON.parse(ssa("list", "--json")).find((n) => n.title === SAMPLE).id;
    const out = path.join(dataDirectory(), "agreement.pdf");
    const answer = await invoke("export_agreement_pdf", { negotiationId: id, version: null, path: out });
    expect(answer.error).toBeUndefined();
    expect(answer.ok.pages).toBeGreaterThan(5);
    expect(existsSync(out)).toBe(true);
    expect(readFileSync(out).subarray(0, 5).toString()).toBe("%PDF-");
    const text = execFileSync("pdftotext", [out, "-"], { encoding: "utf8" });
    expect(text).toContain("Equality of treatment");
    expect(text).toContain("Page 3 of");
    const refused = await invoke("open_exported_file", { path: "/etc/passwd" });
    expect(refused.error.message).toContain("was not exported in this session");
  });
});
