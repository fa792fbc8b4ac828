// The benefit simulator in the real window: the Simulator tab opens on the sample with its
// example careers and draws their pensions; the pension method is changed in the draft
// agreement (its parameter, in the Agreement area) and the chart follows; the method changed
// back from the Simulator itself; the simulation PDF is written with `ssa export` and its
// first page made into an image. Screenshots in en and fr.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { artifacts, dataDirectory } from "../wdio.conf.js";
import { byTestId, click, rowWithTitle, SAMPLE, screenshot, showSample, ssa } from "./helpers.js";

// Career 2 of the examples: 20 years in Aurelia (XA), 10 in Boreland. XA's example rule is a
// flat 200 after 15 years plus 10 a year: 400.00 on its own periods; the theoretical amount on
// 30 years is 500.00, so pro rata pays 500.00 × 20 ÷ 30 = 333.33 and "the higher of" 400.00.
const BAR = "sim-bar-1-XA-with";

async function openSample() {
  await click("nav-home");
  await showSample();
  const row = await rowWithTitle(SAMPLE);
  await row.$(".row-main").click();
  await byTestId("overview-title").waitForDisplayed();
}

async function openSimulator() {
  await click("nav-documents");
  await byTestId("documents-area").waitForDisplayed();
  await click("doc-tab-simulator");
  await byTestId(BAR).waitForExist({ timeout: 15000 });
}

const barValue = () =>
  browser.execute((id) => document.querySelector(`[data-testid="${id}"]`)?.getAttribute("data-value") ?? null, BAR);

/** Sets a select the way a person's choice ends: value, then change. */
async function choose(testid, value) {
  await byTestId(testid).waitForExist();
  await browser.execute(
    (id, v) => {
      const el = document.querySelector(`[data-testid="${id}"]`);
      el.scrollIntoView({ block: "center" });
      el.value = v;
      el.dispatchEvent(new Event("change", { bubbles: true }));
    },
    testid,
    value,
  );
}

describe("benefit simulator", () => {
  it("draws the sample's careers under the draft's method", async () => {
    await openSample();
    await openSimulator();
    expect(await barValue()).toBe("333.33");
    expect(await byTestId("sim-method").getValue()).toBe("pro_rata");
    expect(await byTestId("sim-example").isDisplayed()).toBe(true);
    await byTestId("sim-draft").scrollIntoView({ block: "center" });
    await screenshot("simulator");
    await byTestId("sim-chart").scrollIntoView({ block: "center" });
    await screenshot("simulator-chart");
  });

  it("follows a change of the pension method in the draft agreement", async () => {
    await click("nav-agreement");
    await byTestId("agreement-view").waitForDisplayed({ timeout: 15000 });
    await choose("param-pension.method", "independent_or_higher");
    await browser.waitUntil(
      async () => (await byTestId("agreement-save-state").getAttribute("class")).split(" ").includes("saved"),
      { timeoutMsg: "the draft was not saved", timeout: 15000 },
    );
    await openSimulator();
    await browser.waitUntil(async () => (await barValue()) === "400.00", {
      timeoutMsg: `the chart did not follow the draft: ${await barValue()}`,
    });
    expect(await byTestId("sim-method").getValue()).toBe("higher_of");
    expect(await browser.execute(() => document.querySelector('[data-testid="sim-with-1-XA"]').textContent)).toContain("400.00");
    await byTestId("sim-chart").scrollIntoView({ block: "center" });
    await screenshot("simulator-higher-of");
  });

  it("changes the draft's method from the Simulator, and reads in French", async () => {
    await choose("sim-method", "pro_rata");
    await browser.waitUntil(async () => (await barValue()) === "333.33", { timeoutMsg: "the chart did not go back" });
    await choose("language-select", "fr");
    await browser.waitUntil(async () =>
      (await browser.execute(() => document.querySelector('[data-testid="sim-with-1-XA"]').textContent)).includes("333,33"),
    );
    // The explanation lines come worded in French too.
    const line = await browser.execute(() => document.querySelector('[data-testid="sim-explain-1-XA"] li:last-child').textContent);
    expect(line).toContain("Méthode du prorata");
    await byTestId("sim-results").scrollIntoView({ block: "start" });
    await screenshot("simulator-fr");
    await choose("language-select", "en");
  });

  it("writes the simulation PDF and makes an image of its first page", async () => {
    const id = JSON.parse(ssa("list", "--json")).find((n) => n.title === SAMPLE).id;
    const out = path.join(dataDirectory(), "simulation.pdf");
    ssa("export", id, "--doc", "simulation", "--out", out);
    expect(existsSync(out)).toBe(true);
    const text = execFileSync("pdftotext", [out, "-"], { encoding: "utf8" });
    expect(text).toContain("Benefit simulation");
    expect(text).toContain("500.00 × 20 ÷ 30 = 333.33");
    expect(text).toContain("Corridor cost estimate");
    execFileSync("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "1", out, path.join(artifacts, "pdf-simulation-page")]);
    expect(existsSync(path.join(artifacts, "pdf-simulation-page-1.png"))).toBe(true);
  });
});
