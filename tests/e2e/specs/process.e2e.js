// The Process area in the real window: tick checklist items (one with who, date, note and a
// file reference), record a gate decision that moves the current step on, skip a step with a
// reason; restart the app; everything is there, on the home line and in `ssa process` too.
import { byTestId, click, restartApp, rowWithTitle, SAMPLE, screenshot, showSample, ssa } from "./helpers.js";


async function openSampleProcess() {
  await click("nav-home");
  await byTestId("nav-home").waitForDisplayed();
  await showSample();
  // The home list may re-render (it reloads after every change) just as the row is clicked:
  // click again until the negotiation is open.
  await browser.waitUntil(
    async () => {
      const row = await rowWithTitle(SAMPLE);
      await row.$(".row-main").click();
      return byTestId("overview-title").isDisplayed();
    },
    { timeout: 20000, interval: 1000, timeoutMsg: "the sample negotiation did not open" },
  );
  await click("nav-process");
  await byTestId("process-view").waitForDisplayed({ timeout: 15000 });
}

/** What the process view shows, read in one script call. */
async function readProcess() {
  return browser.execute(() => {
    const text = (el) => el?.textContent?.replace(/\s+/g, " ").trim() ?? "";
    return {
      steps: [...document.querySelectorAll('[data-testid="process-step"]')].map((el) => ({
        id: el.getAttribute("data-step"),
        status: el.getAttribute("data-status"),
        current: el.getAttribute("data-current") === "true",
        text: text(el),
      })),
      detail: document.querySelector('[data-testid="step-detail"]')?.getAttribute("data-step"),
      checked: [...document.querySelectorAll('[data-testid="checklist-item"]')]
        .filter((el) => el.querySelector('[data-testid="item-check"]')?.checked)
        .map((el) => el.getAttribute("data-item")),
      gate: text(document.querySelector('[data-testid="gate-recorded"]')),
      skip: text(document.querySelector('[data-testid="skip-shown"]')),
      percent: text(document.querySelector('[data-testid="process-percent"]')),
    };
  });
}

async function item(id) {
  const element = await $(`[data-testid="checklist-item"][data-item="${id}"]`);
  await element.scrollIntoView({ block: "center" });
  return element;
}

async function selectStep(id) {
  const step = await $(`[data-testid="process-step"][data-step="${id}"]`);
  await step.scrollIntoView({ block: "center" });
  await step.click();
  await browser.waitUntil(async () => (await readProcess()).detail === id);
}

async function saved() {
  await browser.waitUntil(
    async () => (await byTestId("process-save-state").getAttribute("class")).split(" ").includes("saved"),
    { timeoutMsg: "the process was not saved" },
  );
}

async function setValue(element, value) {
  await element.click();
  await element.setValue(value);
}

describe("process", () => {
  before(async () => {
    await browser.setWindowSize(1280, 820);
  });

  it("keeps ticks, details, a gate decision and a skipped step across a restart", async () => {
    await byTestId("nav-home").waitForDisplayed({ timeout: 30000 });
    await openSampleProcess();
    let view = await readProcess();
    const need = view.steps.find((s) => s.id === "need");
    if (need.status === "done") throw new Error("run this spec on a fresh data directory");
    expect(view.steps.length).toBe(8);
    expect(view.detail).toBe("need");
    await screenshot("process-start");

    // Tick two items; give the first who, when, note and a file reference.
    const first = await item("need-corridor-data");
    await first.$('[data-testid="item-check"]').click();
    await saved();
    await first.$('[data-testid="item-details-toggle"]').click();
    await setValue(await first.$('[data-testid="item-who"]'), "M. Actuary");
    await browser.execute(() => {
      const input = document.querySelector('[data-item="need-corridor-data"] [data-testid="item-when"]');
      input.value = "2026-03-02";
      input.dispatchEvent(new Event("change", { bubbles: true }));
    });
    await setValue(await first.$('[data-testid="item-note"]'), "Census 2025 and consular registers");
    await setValue(await first.$('[data-testid="attachment-path"]'), "/shared/corridor-figures.xlsx");
    await setValue(await first.$('[data-testid="attachment-label"]'), "Figures");
    await first.$('[data-testid="attachment-add"]').click();
    await saved();
    const second = await item("need-gaps");
    await second.$('[data-testid="item-check"]').click();
    await saved();
    await screenshot("process-ticked");

    // Record a go on step 1: it is done and step 2 becomes current.
    const gate = await byTestId("gate");
    await gate.scrollIntoView({ block: "center" });
    await gate.$('[data-testid="gate-go"]').click();
    await browser.execute(() => {
      const input = document.querySelector('[data-testid="gate-date"]');
      input.value = "2026-03-10";
      input.dispatchEvent(new Event("input", { bubbles: true }));
    });
    await setValue(await gate.$('[data-testid="gate-rationale"]'), "Some 200,000 workers in the corridor");
    await gate.$('[data-testid="gate-record"]').click();
    // Four checklist items are still open: the Go is recorded once that warning is accepted.
    const caution = await gate.$('[data-testid="gate-caution"]');
    await caution.waitForDisplayed();
    expect(await caution.getText()).toContain("4 checklist items of this step are still open.");
    await gate.$('[data-testid="gate-record-anyway"]').click();
    await browser.waitUntil(async () => (await readProcess()).steps.find((s) => s.id === "feasibility").current, {
      timeoutMsg: "the go did not move the current step",
    });
    await screenshot("process-gate");

    // Skip step 4 with a reason.
    await selectStep("contact");
    await $('[data-testid="step-status"]').selectByAttribute("value", "skipped");
    await setValue(await byTestId("skip-reason"), "The ministers agreed the scope at their meeting");
    await click("skip-confirm");
    await byTestId("skip-shown").waitForDisplayed();

    view = await readProcess();
    expect(view.steps.find((s) => s.id === "need").status).toBe("done");
    const percentBefore = view.percent;

    await restartApp();
    await openSampleProcess();
    view = await readProcess();
    expect(view.percent).toBe(percentBefore);
    expect(view.detail).toBe("feasibility");
    const steps = Object.fromEntries(view.steps.map((s) => [s.id, s]));
    expect(steps.need.status).toBe("done");
    expect(steps.feasibility.current).toBe(true);
    expect(steps.contact.status).toBe("skipped");
    expect(steps.need.text).toContain("2/6");

    await selectStep("need");
    view = await readProcess();
    expect(view.checked).toEqual(["need-corridor-data", "need-gaps"]);
    expect(view.gate).toContain("10 March 2026"); // the one date format of the interface
    expect(view.gate).toContain("Some 200,000 workers in the corridor");
    const details = await browser.execute(() => {
      const row = document.querySelector('[data-item="need-corridor-data"]');
      return row.querySelector('[data-testid="item-summary"]')?.textContent ?? "";
    });
    expect(details).toContain("M. Actuary");
    expect(details).toContain("2 March 2026");
    const reopened = await item("need-corridor-data");
    await reopened.$('[data-testid="item-details-toggle"]').click();
    expect(await reopened.$('[data-testid="item-note"]').getValue()).toBe("Census 2025 and consular registers");
    const attachment = await browser.execute(
      () => document.querySelector('[data-item="need-corridor-data"] [data-testid="item-attachment"]')?.textContent ?? "",
    );
    expect(attachment).toContain("/shared/corridor-figures.xlsx");
    await screenshot("process-after-restart");

    await selectStep("contact");
    expect((await readProcess()).skip).toBe("Skipped: The ministers agreed the scope at their meeting");

    // The home line shows the current step and the percent done.
    await click("nav-home");
    const row = await rowWithTitle(SAMPLE);
    const line = await browser.execute((el) => el.textContent.replace(/\s+/g, " "), row);
    expect(line).toContain("Step 2 of 8");
    expect(line).toContain("Feasibility and technical assessment");
    expect(line).toContain(percentBefore);
    await screenshot("process-home");

    // The command line reads the same.
    const id = await row.getAttribute("data-id");
    const printed = ssa("process", id);
    expect(printed).toContain("1. Identify the need and choose the partner country  [done]  2/6");
    expect(printed).toContain("> 2. Feasibility and technical assessment");
    expect(printed).toContain("[skipped: The ministers agreed the scope at their meeting]");
  });

  it("shows the process in French and at a narrow window size", async () => {
    await openSampleProcess();
    await byTestId("language-select").selectByAttribute("value", "fr");
    await browser.waitUntil(async () => (await byTestId("nav-process").getText()).includes("Processus"));
    await screenshot("process-fr");
    await browser.setWindowSize(960, 600);
    await screenshot("process-narrow");
    const overflow = await browser.execute(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(overflow).toBe(false);
    await byTestId("language-select").selectByAttribute("value", "en");
    await browser.setWindowSize(1280, 820);
  });
});
