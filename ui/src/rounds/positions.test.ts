import type { ArticleRow } from "../lib/backend";
import { articleLabel, countOf, filterRows, inputOf } from "./positions";

export function row(overrides: Partial<ArticleRow> = {}): ArticleRow {
  return {
    nodeId: "art.1",
    label: "Article 1",
    heading: "Scope",
    draftText: "Draft text.",
    inDraft: true,
    position: null,
    carriedFromRound: null,
    ours: "Draft text.",
    oursFromDraft: true,
    theirs: null,
    table: { side: "ours", text: "Draft text." },
    status: "open",
    mandate: null,
    redLineWarnings: [],
    openComments: 0,
    ...overrides,
  };
}

describe("four-column helpers", () => {
  it("filters by status, or shows every row", () => {
    const rows = [row(), row({ nodeId: "art.2", status: "agreed" })];
    expect(filterRows(rows, "all")).toHaveLength(2);
    expect(filterRows(rows, "agreed").map((r) => r.nodeId)).toEqual(["art.2"]);
    expect(filterRows(rows, "deferred")).toEqual([]);
  });

  it("counts a status absent from the summary as zero", () => {
    expect(countOf([{ status: "agreed", count: 3 }], "agreed")).toBe(3);
    expect(countOf([{ status: "agreed", count: 3 }], "open")).toBe(0);
  });

  it("starts the editor from the recorded position, keeping 'our proposal' unset when it is the draft", () => {
    expect(inputOf(row())).toEqual({
      status: "open",
      ours: null,
      theirs: null,
      agreed: null,
      justification: "",
      shared: false,
    });
    const recorded = row({
      status: "agreed",
      position: {
        roundId: "r1",
        nodeId: "art.1",
        status: "agreed",
        ours: "Ours",
        theirs: { text: "Theirs", values: {}, omits: false, importId: null, label: null, heading: "", order: null, status: null, agreed: null },
        agreed: "Agreed",
        justification: "Why",
        shared: true,
        updatedAt: "",
      },
    });
    expect(inputOf(recorded)).toMatchObject({ ours: "Ours", theirs: "Theirs", agreed: "Agreed", shared: true });
  });

  it("labels an article only their text has by its id", () => {
    expect(articleLabel(row({ label: null, nodeId: "X.9" }))).toBe("X.9");
  });
});
