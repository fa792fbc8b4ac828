// Small helpers shared by the specs. Selectors are the data-testid hooks the UI provides.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { artifacts, cliBinary } from "../wdio.conf.js";

export const byTestId = (id) => $(`[data-testid="${id}"]`);

export async function click(id) {
  const element = await byTestId(id);
  try {
    // A loaded 2-core CI machine can take more than the default 10 s to settle a re-render.
    await element.waitForClickable({ timeout: 20000 });
  } catch (error) {
    // Say what covers the element (or that it is missing), and keep a picture of the window,
    // so that a failure on CI can be understood without reproducing it.
    const cover = await browser.execute((testid) => {
      const el = document.querySelector(`[data-testid="${testid}"]`);
      if (!el) return "the element is not in the page";
      const box = el.getBoundingClientRect();
      const top = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
      const name = (node) =>
        node ? `${node.tagName.toLowerCase()}${node.className ? "." + String(node.className).split(" ").join(".") : ""}` : "nothing";
      return `box ${Math.round(box.x)},${Math.round(box.y)} ${Math.round(box.width)}x${Math.round(box.height)} in a ${innerWidth}x${innerHeight} window; disabled=${el.disabled}; on top at its centre: ${name(top)}`;
    }, id);
    await browser.saveScreenshot(path.join(artifacts, `not-clickable-${id}.png`)).catch(() => {});
    throw new Error(`${id} is not clickable: ${cover}`, { cause: error });
  }
  await element.click();
}

/**
 * The rows currently listed, as { id, title }, read in one script call so that a list being
 * re-rendered cannot leave a stale element reference behind.
 */
export async function rows() {
  return browser.execute(() =>
    [...document.querySelectorAll('[data-testid="negotiation-row"]')].map((row) => ({
      id: row.getAttribute("data-id"),
      title: row.querySelector('[data-testid="negotiation-title"]')?.textContent?.trim() ?? "",
    })),
  );
}

export async function rowTitles() {
  return (await rows()).map((row) => row.title);
}

/** The row titled `title`, waiting for it to appear. */
export async function rowWithTitle(title) {
  let found;
  await browser.waitUntil(
    async () => {
      found = (await rows()).find((row) => row.title === title);
      return Boolean(found);
    },
    { timeoutMsg: `no row titled "${title}"; rows: ${(await rowTitles()).join(" | ")}` },
  );
  return $(`[data-testid="negotiation-row"][data-id="${found.id}"]`);
}

/** The sample negotiation's title (`ssa sample` and "Add the sample negotiation" create it). */
export const SAMPLE = "Social Security Agreement between the Republic of Aurelia and the Kingdom of Boreland";

/**
 * Goes to the home list and makes sure the sample negotiation is on it: through the empty
 * state's button when the list is empty, with `ssa sample` when other negotiations are there.
 */
export async function showSample() {
  await click("nav-home");
  await browser.waitUntil(async () => (await rowTitles()).length > 0 || (await byTestId("add-sample").isExisting()));
  if ((await rowTitles()).includes(SAMPLE)) return;
  if (await byTestId("add-sample").isExisting()) {
    await click("add-sample");
  } else {
    ssa("sample");
    // The list reloads when it is shown again.
    await click("nav-archive");
    await click("nav-home");
  }
  await rowWithTitle(SAMPLE);
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
  // Let the webview paint what the DOM already holds before capturing it.
  await browser.executeAsync((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  await browser.saveScreenshot(path.join(artifacts, `${name}.png`));
}

/** Runs the real `ssa` CLI against the app's data directory. */
export function ssa(...args) {
  return execFileSync(cliBinary, args, { env: process.env, encoding: "utf8" });
}
