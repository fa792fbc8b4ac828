// The same draft edited in the window and in another process at once (another window on a
// shared folder, or a script): an edit of the same provision is refused in the window with
// "This draft was changed elsewhere" and a Reload button that shows the other edit; an edit of
// another provision is merged, and the window says so. The other process is the fault tests'
// child (`ssa-fault-child reword`), which saves one edit through the same use case the window
// calls. Works on a negotiation of its own, so the sample stays as the other specs expect it.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { appBinary, dataDirectory } from "../wdio.conf.js";
import {
  byTestId,
  click,
  editedNode,
  editorText,
  provisionEditor,
  rowWithTitle,
  screenshot,
  ssa,
  typeAtEnd,
} from "./helpers.js";

const TITLE = "Edited in two places";
const PROVISION = "M1.4";
const OTHER = "M1.5";
const faultChild = path.join(path.dirname(appBinary), "ssa-fault-child");


/** Another process rewords one provision of the draft. */
function rewordElsewhere(id, node, text) {
  execFileSync(faultChild, ["reword", dataDirectory(), id, node, text], { encoding: "utf8" });
}

async function select(nodeId) {
  const item = await $(`[data-testid="outline-item"][data-id="${nodeId}"]`);
  await item.scrollIntoView();
  await item.click();
  await browser.waitUntil(async () => (await byTestId("article-editor").getAttribute("data-node-id")) === nodeId);
}

const wording = provisionEditor;
const nodeOf = editedNode;

describe("a draft edited in two places", () => {
  let id;

  it("refuses an edit of a provision changed elsewhere, and reloads to show the other edit", async () => {
    ssa("create", "--title", TITLE, "--own", "Republic of Aurelia:XA", "--counterpart", "Kingdom of Boreland:XB");
    id = JSON.parse(ssa("list", "--json")).find((n) => n.title === TITLE).id;
    await click("nav-home");
    await browser.refresh();
    const row = await rowWithTitle(TITLE);
    await row.$(".row-main").click();
    await byTestId("overview-title").waitForDisplayed();
    await click("nav-agreement");
    await click("template-r167-annex1-bilateral");
    await click("start-draft");
    await byTestId("agreement-view").waitForDisplayed();

    await select(PROVISION);
    const textarea = await wording();
    rewordElsewhere(id, await nodeOf(textarea), "Wording typed elsewhere.");
    await typeAtEnd(textarea, " and typed here");
    await select("M1.3"); // leaving the field saves at once
    const notice = await byTestId("agreement-changed-elsewhere");
    await notice.waitForDisplayed({ timeoutMsg: "the refusal is not shown" });
    expect(await notice.getText()).toContain("This draft was changed elsewhere.");
    await screenshot("agreement-changed-elsewhere");
    // The refusal reads in French and Spanish too.
    for (const [language, title] of [
      ["fr", "Ce projet a été modifié ailleurs."],
      ["es", "Este proyecto se modificó en otro lugar."],
    ]) {
      await byTestId("language-select").selectByAttribute("value", language);
      await browser.waitUntil(async () => (await notice.getText()).includes(title));
      await screenshot(`agreement-changed-elsewhere-${language}`);
    }
    await byTestId("language-select").selectByAttribute("value", "en");

    await click("agreement-reload");
    await notice.waitForExist({ reverse: true });
    await select(PROVISION);
    expect(await editorText(await wording())).toBe("Wording typed elsewhere.");
  });

  it("merges an edit of another provision and says so", async () => {
    await select(OTHER);
    rewordElsewhere(id, await nodeOf(await wording()), "Another provision, typed elsewhere.");
    await select(PROVISION);
    await typeAtEnd(await wording(), " Kept.");
    await select("M1.3");
    const merged = await byTestId("agreement-merged-elsewhere");
    await merged.waitForDisplayed({ timeoutMsg: "the merge is not said" });
    const text = ssa("render", id);
    expect(text).toContain("Wording typed elsewhere. Kept.");
    expect(text).toContain("Another provision, typed elsewhere.");
  });
});
