// Pure operations on a template's flat node list. The list is in reading order and each node
// names its parent, which must come before it; every operation here returns a new list that
// keeps that order (depth-first: a node, then everything inside it, then its next sibling).
import type { NodeKind, TemplateNode } from "../lib/backend";

export const KINDS: NodeKind[] = ["preamble", "part", "chapter", "section", "article", "paragraph", "item", "signature", "annex"];

/** The kinds that may sit directly under `parent` (null: top level), as the format allows. */
export function childKinds(parent: NodeKind | null): NodeKind[] {
  switch (parent) {
    case null:
      return ["preamble", "part", "chapter", "section", "article", "signature", "annex"];
    case "part":
      return ["chapter", "section", "article"];
    case "chapter":
      return ["section", "article"];
    case "section":
      return ["article"];
    case "article":
      return ["paragraph", "item"];
    case "paragraph":
    case "item":
      return ["item"];
    case "preamble":
    case "signature":
    case "annex":
      return ["paragraph"];
  }
}

export function parentOf(node: TemplateNode): string | null {
  return node.parent ?? null;
}

export function childrenOf(nodes: readonly TemplateNode[], parent: string | null): TemplateNode[] {
  return nodes.filter((n) => parentOf(n) === parent);
}

/** The node and every node inside it, at any depth. */
export function subtreeIds(nodes: readonly TemplateNode[], id: string): Set<string> {
  const ids = new Set([id]);
  // Parents come before children, so one pass in order finds every descendant.
  for (const node of nodes) if (node.parent != null && ids.has(node.parent)) ids.add(node.id);
  return ids;
}

/** Depth-first reading order, given each parent's children in `order` (default: list order). */
function emit(nodes: readonly TemplateNode[], order: Map<string | null, TemplateNode[]>): TemplateNode[] {
  const out: TemplateNode[] = [];
  const ids = new Set(nodes.map((n) => n.id));
  const walk = (parent: string | null) => {
    for (const child of order.get(parent) ?? []) {
      out.push(child);
      walk(child.id);
    }
  };
  walk(null);
  // Nodes whose parent does not exist (a broken file) are kept at the end, as they were.
  for (const node of nodes) if (node.parent != null && !ids.has(node.parent)) out.push(node);
  return out;
}

function childOrder(nodes: readonly TemplateNode[]): Map<string | null, TemplateNode[]> {
  const order = new Map<string | null, TemplateNode[]>();
  for (const node of nodes) {
    const key = parentOf(node);
    if (!order.has(key)) order.set(key, []);
    order.get(key)!.push(node);
  }
  return order;
}

/** An id no node has yet, derived from `base`. */
export function freshId(nodes: readonly TemplateNode[], base: string): string {
  const taken = new Set(nodes.map((n) => n.id));
  for (let n = 1; ; n++) {
    const id = `${base}.new${n}`;
    if (!taken.has(id)) return id;
  }
}

/** Adds `node` as the last child of `parentId` (null: at the end of the top level). */
export function addChild(nodes: readonly TemplateNode[], parentId: string | null, node: TemplateNode): TemplateNode[] {
  const child = { ...node, parent: parentId };
  if (parentId === null) return emit([...nodes, child], childOrder([...nodes, child]));
  const order = childOrder(nodes);
  order.set(parentId, [...(order.get(parentId) ?? []), child]);
  return emit([...nodes, child], order);
}

/** Adds `node` right after `siblingId` (and everything inside it), under the same parent. */
export function addSiblingAfter(nodes: readonly TemplateNode[], siblingId: string, node: TemplateNode): TemplateNode[] {
  const sibling = nodes.find((n) => n.id === siblingId);
  if (!sibling) return [...nodes];
  const parent = parentOf(sibling);
  const added = { ...node, parent };
  const order = childOrder(nodes);
  const siblings = [...(order.get(parent) ?? [])];
  siblings.splice(siblings.indexOf(sibling) + 1, 0, added);
  order.set(parent, siblings);
  return emit([...nodes, added], order);
}

/** Removes the node and everything inside it. */
export function removeSubtree(nodes: readonly TemplateNode[], id: string): TemplateNode[] {
  const gone = subtreeIds(nodes, id);
  return nodes.filter((n) => !gone.has(n.id));
}

/** Moves the node (with everything inside it) one place up (-1) or down (+1) among its siblings. */
export function moveNode(nodes: readonly TemplateNode[], id: string, direction: -1 | 1): TemplateNode[] {
  const node = nodes.find((n) => n.id === id);
  if (!node) return [...nodes];
  const order = childOrder(nodes);
  const siblings = [...(order.get(parentOf(node)) ?? [])];
  const from = siblings.indexOf(node);
  const to = from + direction;
  if (to < 0 || to >= siblings.length) return [...nodes];
  [siblings[from], siblings[to]] = [siblings[to], siblings[from]];
  order.set(parentOf(node), siblings);
  return emit(nodes, order);
}

export function canMove(nodes: readonly TemplateNode[], id: string, direction: -1 | 1): boolean {
  const node = nodes.find((n) => n.id === id);
  if (!node) return false;
  const siblings = childrenOf(nodes, parentOf(node));
  const to = siblings.indexOf(node) + direction;
  return to >= 0 && to < siblings.length;
}

/** Depth of each node (0 at top level), for indenting an outline. */
export function depths(nodes: readonly TemplateNode[]): Map<string, number> {
  const depth = new Map<string, number>();
  for (const node of nodes) depth.set(node.id, node.parent != null ? (depth.get(node.parent) ?? -1) + 1 : 0);
  return depth;
}

export type Token = { kind: "parameter" | "ref" | "term"; name: string };

/** The `{{…}}` tokens a text uses, each once, in order of first use. */
export function tokensOf(text: string): Token[] {
  const seen = new Set<string>();
  const tokens: Token[] = [];
  for (const match of text.matchAll(/\{\{\s*([^{}]*?)\s*\}\}/g)) {
    const body = match[1];
    if (seen.has(body)) continue;
    seen.add(body);
    if (body.startsWith("ref:")) tokens.push({ kind: "ref", name: body.slice(4) });
    else if (body.startsWith("term:")) tokens.push({ kind: "term", name: body.slice(5) });
    else tokens.push({ kind: "parameter", name: body });
  }
  return tokens;
}

/** Placeholders written readably: "Agreement between [party_a] and [party_b]". */
export function readableTitle(title: string): string {
  return title.replace(/\{\{\s*([^{}]*?)\s*\}\}/g, (_, name: string) => `[${name}]`);
}
