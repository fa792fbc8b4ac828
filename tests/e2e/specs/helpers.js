// Small helpers shared by the specs. Selectors are the data-testid hooks the UI provides.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { artifacts, cliBinary } from "../wdio.conf.js";

export const byTestId = (id) => $(`[data-testid="${id}"]`);
export const allByTestId = (id) => $$(`[data-testid="${id}"]`);

export async function click(id) {
  const element = await byTestId(id);
  await element.waitForClickable();
  await element.click();
}

/** The titles of the rows currently listed. */
export async function rowTitles() {
  const titles = await allByTestId("negotiation-title");
  return Promise.all(titles.map((t) => t.getText()));
}

export async function rowWithTitle(title) {
  await browser.waitUntil(async () => (await rowTitles()).includes(title), {
    timeoutMsg: `no row titled "${title}"; rows: ${(await rowTitles()).join(" | ")}`,
  });
  const rows = await allByTestId("negotiation-row");
  for (const row of rows) {
    const text = await row.$('[data-testid="negotiation-title"]').getText();
    if (text === title) return row;
  }
  throw new Error(`no row titled ${title}`);
}

export async function rowAction(title, action) {
  const row = await rowWithTitle(title);
  await row.$('[data-testid="row-menu"]').click();
  await click(action);
}

/** Quits the app and starts it again (a new WebDriver session launches a new process). */
export async function restartApp() {
  await browser.reloadSession();
  await byTestId("nav-home").waitForDisplayed({ timeout: 30000 });
}

export async function screenshot(name) {
  await browser.saveScreenshot(path.join(artifacts, `${name}.png`));
}

/** Runs the real `ssa` CLI against the app's data directory. */
export function ssa(...args) {
  return execFileSync(cliBinary, args, { env: process.env, encoding: "utf8" });
}
