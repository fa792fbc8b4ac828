// A damaged database is never modified: the app says what is wrong and where, and "start a
// fresh database" keeps the damaged file aside, byte for byte, before starting anew.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { byTestId, click, rowWithTitle, SAMPLE, screenshot } from "./helpers.js";
import { dataDirectory } from "../wdio.conf.js";

const sha256 = (file) => createHash("sha256").update(fs.readFileSync(file)).digest("hex");

describe("a damaged database", () => {
  it("is reported and left untouched, then set aside when the user starts afresh", async () => {
    const database = path.join(dataDirectory(), "workbench.sqlite3");
    // Quit the app before damaging its database, so no open connection writes to it.
    await browser.deleteSession();
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(database + suffix, { force: true });
    const garbage = Buffer.alloc(64 * 1024);
    for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 7919) % 251;
    fs.writeFileSync(database, garbage);
    const before = sha256(database);

    await browser.reloadSession();
    const problem = await byTestId("startup-problem");
    await problem.waitForDisplayed({ timeout: 30000 });
    const shown = await problem.getProperty("textContent");
    expect(shown).toContain(database);
    await screenshot("startup-problem");
    expect(sha256(database)).toBe(before);

    await click("recover-fresh");
    await click("confirm-ok");
    await rowWithTitle(SAMPLE);

    const recovery = path.join(dataDirectory(), "recovery");
    const setAside = fs
      .readdirSync(recovery)
      .filter((name) => name.startsWith("workbench-set-aside-") && name.endsWith(".sqlite3"));
    expect(setAside.length).toBe(1);
    expect(sha256(path.join(recovery, setAside[0]))).toBe(before);
  });
});
