import { render } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import { i18n } from "../lib/i18n";
import WordingChange from "./WordingChange.svelte";

function rendered(model: string, wording: string) {
  i18n.set("en");
  const { container } = render(WordingChange, { props: { model, wording } });
  const text = (selector: string) =>
    [...container.querySelectorAll(selector)].map((e) => e.textContent);
  return { inserted: text("ins"), deleted: text("del"), container };
}

describe("the change from the model wording", () => {
  it("marks inserted words and struck-out words, and keeps the rest as it is", () => {
    const { inserted, deleted, container } = rendered(
      "The competent authorities shall inform each other of changes.",
      "The competent authorities shall promptly inform each other of all changes.",
    );
    expect(inserted.join("|")).toContain("promptly");
    expect(inserted.join("|")).toContain("all");
    expect(deleted).toEqual([]);
    expect(container.querySelector(".text")?.textContent).toBe(
      "The competent authorities shall promptly inform each other of all changes.",
    );
  });

  it("shows a replaced word as removed and added", () => {
    const { inserted, deleted } = rendered("within 24 months", "within 36 months");
    expect(deleted.join("")).toContain("24");
    expect(inserted.join("")).toContain("36");
  });
});
