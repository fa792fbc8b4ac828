// Foundation: negotiations survive a restart; rename, bin, restore and delete work in the real
// window; the CLI reads the same database as the app.
import {
  byTestId,
  click,
  restartApp,
  rowAction,
  rowTitles,
  rowWithTitle,
  rows,
  SAMPLE,
  screenshot,
  ssa,
} from "./helpers.js";

const TITLE = "Agreement between Cordova and Deltania";
const RENAMED = "Social Security Agreement Cordova–Deltania";

describe("negotiations", () => {
  it("opens on the home screen with the sample negotiation on first start", async () => {
    await byTestId("nav-home").waitForDisplayed({ timeout: 30000 });
    expect(await browser.getTitle()).toBe("SSA Workbench");
    await rowWithTitle(SAMPLE);
    await screenshot("home-first-start");
  });

  it("creates a negotiation in the real window", async () => {
    await click("new-negotiation");
    await byTestId("field-title").setValue(TITLE);
    await byTestId("party-name-0").setValue("Republic of Cordova");
    await byTestId("party-code-0").setValue("XC");
    await byTestId("party-role-0").selectByAttribute("value", "own");
    await byTestId("party-name-1").setValue("Deltania");
    await byTestId("party-code-1").setValue("XD");
    await byTestId("party-role-1").selectByAttribute("value", "counterpart");
    await screenshot("create-dialog");
    await click("create-submit");
    const heading = await byTestId("overview-title");
    await heading.waitForDisplayed();
    expect(await heading.getText()).toContain(TITLE);
    await click("nav-home");
    await rowWithTitle(TITLE);
  });

  it("keeps the negotiation when the app is quit and started again", async () => {
    await restartApp();
    await rowWithTitle(TITLE);
    await screenshot("home");
  });

  it("renames a negotiation", async () => {
    await rowAction(TITLE, "action-rename");
    const input = await byTestId("rename-input");
    await input.waitForDisplayed();
    await input.clearValue();
    await input.setValue(RENAMED);
    await click("rename-confirm");
    await rowWithTitle(RENAMED);
    expect(await rowTitles()).not.toContain(TITLE);
  });

  it("shares its database with the ssa command line", async () => {
    const listed = JSON.parse(ssa("list", "--json"));
    expect(listed.map((n) => n.title)).toContain(RENAMED);
    const id = ssa("create", "--title", "Made on the command line", "--own", "Cordova:XC", "--counterpart", "Eastmark:XE").trim();
    await click("nav-archive");
    await click("nav-home");
    const row = await rowWithTitle("Made on the command line");
    expect(await row.getAttribute("data-id")).toBe(id);
  });

  it("moves a negotiation to the bin after confirmation, restores it, and deletes it for good", async () => {
    await rowAction(RENAMED, "action-delete");
    await click("confirm-ok");
    await browser.waitUntil(async () => !(await rowTitles()).includes(RENAMED));
    await click("nav-bin");
    await rowWithTitle(RENAMED);
    await screenshot("bin");
    await rowAction(RENAMED, "action-restore");
    await click("nav-home");
    await rowWithTitle(RENAMED);

    await rowAction(RENAMED, "action-delete");
    await click("confirm-ok");
    await click("nav-bin");
    await rowAction(RENAMED, "action-delete-forever");
    await click("confirm-ok");
    await browser.waitUntil(async () => !(await rowTitles()).includes(RENAMED));
    await restartApp();
    await click("nav-bin");
    expect(await rowTitles()).not.toContain(RENAMED);
    const listed = JSON.parse(ssa("list", "--bin", "--json"));
    expect(listed.map((n) => n.title)).not.toContain(RENAMED);
  });

  it("shows the empty state when nothing is left, and offers the sample", async () => {
    await click("nav-home");
    // By id, not title: two negotiations may share a title (the sample added twice).
    for (const { id } of await rows()) {
      const row = await $(`[data-testid="negotiation-row"][data-id="${id}"]`);
      await row.$('[data-testid="row-menu"]').click();
      await click("action-archive");
      await browser.waitUntil(async () => !(await rows()).some((r) => r.id === id), {
        timeoutMsg: `negotiation ${id} is still listed after archiving it`,
      });
    }
    await byTestId("empty-state").waitForDisplayed();
    await screenshot("empty-state");
    await click("add-sample");
    await rowWithTitle(SAMPLE);
  });

  it("shows the data folder in the About box", async () => {
    await click("nav-about");
    const dataDir = await byTestId("about-data-dir");
    await dataDir.waitForDisplayed();
    expect(await dataDir.getText()).toContain(process.env.SSA_DATA_DIR);
    await screenshot("about");
    await click("about-close");
  });
});
