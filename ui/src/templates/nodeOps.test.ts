import type { TemplateNode } from "../lib/backend";
import {
  addChild,
  addSiblingAfter,
  canMove,
  childKinds,
  freshId,
  moveNode,
  readableTitle,
  removeSubtree,
  subtreeIds,
  tokensOf,
} from "./nodeOps";

const nodes: TemplateNode[] = [
  { id: "pre", kind: "preamble", text: "The parties…" },
  { id: "p1", kind: "part", heading: "General" },
  { id: "a1", kind: "article", parent: "p1", heading: "Definitions" },
  { id: "a1.1", kind: "paragraph", parent: "a1", text: "one" },
  { id: "a1.1.a", kind: "item", parent: "a1.1", text: "(a)" },
  { id: "a1.2", kind: "paragraph", parent: "a1", text: "two" },
  { id: "a2", kind: "article", parent: "p1", heading: "Scope" },
  { id: "p2", kind: "part", heading: "Final" },
  { id: "a3", kind: "article", parent: "p2", heading: "Entry into force" },
];

const ids = (list: TemplateNode[]) => list.map((n) => n.id);

/** Every parent comes before its children, and each subtree is contiguous. */
function wellOrdered(list: TemplateNode[]): boolean {
  const seen = new Set<string>();
  for (const node of list) {
    if (node.parent != null && !seen.has(node.parent)) return false;
    seen.add(node.id);
  }
  for (const node of list) {
    const sub = subtreeIds(list, node.id);
    const start = list.indexOf(node);
    if (!list.slice(start, start + sub.size).every((n) => sub.has(n.id))) return false;
  }
  return true;
}

describe("node operations", () => {
  it("adds a child as the last child of its parent, after the parent's descendants", () => {
    const result = addChild(nodes, "a1", { id: "a1.3", kind: "paragraph", text: "three" });
    expect(ids(result)).toEqual(["pre", "p1", "a1", "a1.1", "a1.1.a", "a1.2", "a1.3", "a2", "p2", "a3"]);
    expect(result.find((n) => n.id === "a1.3")!.parent).toBe("a1");
    expect(wellOrdered(result)).toBe(true);
    expect(ids(nodes)).toHaveLength(9); // the input is not changed
  });

  it("adds a top-level child at the end", () => {
    const result = addChild(nodes, null, { id: "sig", kind: "signature" });
    expect(ids(result).at(-1)).toBe("sig");
    expect(result.at(-1)!.parent).toBeNull();
  });

  it("adds a sibling right after the node and everything inside it", () => {
    const result = addSiblingAfter(nodes, "a1", { id: "a1b", kind: "article", heading: "New" });
    expect(ids(result)).toEqual(["pre", "p1", "a1", "a1.1", "a1.1.a", "a1.2", "a1b", "a2", "p2", "a3"]);
    expect(result.find((n) => n.id === "a1b")!.parent).toBe("p1");
    expect(wellOrdered(result)).toBe(true);
  });

  it("removes a node with its whole subtree", () => {
    expect(ids(removeSubtree(nodes, "a1"))).toEqual(["pre", "p1", "a2", "p2", "a3"]);
    expect(ids(removeSubtree(nodes, "p1"))).toEqual(["pre", "p2", "a3"]);
    expect(ids(removeSubtree(nodes, "a1.1.a"))).toHaveLength(8);
  });

  it("moves a node down among its siblings, keeping its children with it", () => {
    const result = moveNode(nodes, "a1", 1);
    expect(ids(result)).toEqual(["pre", "p1", "a2", "a1", "a1.1", "a1.1.a", "a1.2", "p2", "a3"]);
    expect(wellOrdered(result)).toBe(true);
  });

  it("moves a part up, taking its whole subtree before the previous part", () => {
    const result = moveNode(nodes, "p2", -1);
    expect(ids(result)).toEqual(["pre", "p2", "a3", "p1", "a1", "a1.1", "a1.1.a", "a1.2", "a2"]);
    expect(wellOrdered(result)).toBe(true);
  });

  it("does not move past the first or last sibling, nor out of its parent", () => {
    expect(ids(moveNode(nodes, "a1", -1))).toEqual(ids(nodes));
    expect(ids(moveNode(nodes, "a3", 1))).toEqual(ids(nodes));
    expect(canMove(nodes, "a1", -1)).toBe(false);
    expect(canMove(nodes, "a1", 1)).toBe(true);
    expect(canMove(nodes, "a1.2", -1)).toBe(true);
    const moved = moveNode(nodes, "a1.2", -1);
    expect(ids(moved)).toEqual(["pre", "p1", "a1", "a1.2", "a1.1", "a1.1.a", "a2", "p2", "a3"]);
    expect(moved.find((n) => n.id === "a1.2")!.parent).toBe("a1");
  });

  it("keeps the order invariants through any sequence of moves", () => {
    let list = nodes;
    const steps: [string, -1 | 1][] = [["p1", 1], ["a1", 1], ["a1.1", 1], ["pre", 1], ["a2", -1], ["p1", -1]];
    for (const [id, dir] of steps) {
      list = moveNode(list, id, dir);
      expect(wellOrdered(list)).toBe(true);
      expect(new Set(ids(list))).toEqual(new Set(ids(nodes)));
    }
  });

  it("makes fresh ids and knows which kinds may sit where", () => {
    expect(freshId(nodes, "a1")).toBe("a1.new1");
    expect(freshId([...nodes, { id: "a1.new1", kind: "paragraph" }], "a1")).toBe("a1.new2");
    expect(childKinds("article")).toEqual(["paragraph", "item"]);
    expect(childKinds(null)).toContain("part");
    expect(childKinds("section")).toEqual(["article"]);
  });

  it("lists the tokens a text uses and writes titles readably", () => {
    expect(tokensOf("Under {{ref:a1}}, {{posting.months}} and {{term:authority|authorities}}; again {{ref:a1}}.")).toEqual([
      { kind: "ref", name: "a1" },
      { kind: "parameter", name: "posting.months" },
      { kind: "term", name: "authority|authorities" },
    ]);
    expect(readableTitle("Agreement between the {{party_a}} and the {{party_b}}")).toBe(
      "Agreement between the [party_a] and the [party_b]",
    );
  });
});
