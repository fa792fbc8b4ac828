// What each chip of the provision editor reads as, from the draft as last rendered.
//
// Contract: chips never show a node id, a parameter key or a token. A reference reads as the
// renderer wrote it in this provision ("Article 10, paragraph 2"), or, just inserted and not yet
// rendered, as the picker listed it; a reference to a provision the draft leaves out reads as
// that provision's heading and is flagged. A particular reads as its value as rendered, or as
// the bracketed blank negotiators use ("[posting duration]"). A term reads as written.
import type { AgreementDocument, DocumentNode, Provision, Segment, Template } from "../../lib/backend";

export type ReferenceState = "live" | "left_out" | "unknown";

export interface ReferenceChip {
  text: string;
  state: ReferenceState;
}

export interface ParticularChip {
  text: string;
  filled: boolean;
}

export interface ChipContext {
  reference(target: string): ReferenceChip;
  term(key: string, display: string | null): string;
  particular(name: string): ParticularChip;
}

function words(text: string, count: number): string {
  const all = text.trim().split(/\s+/);
  return all.length <= count ? all.join(" ") : `${all.slice(0, count).join(" ")} …`;
}

function findNode(nodes: DocumentNode[], id: string): DocumentNode | null {
  for (const node of nodes) {
    if (node.id === id) return node;
    const inner = findNode(node.children ?? [], id);
    if (inner) return inner;
  }
  return null;
}

function allSegments(document: AgreementDocument): Segment[] {
  const out: Segment[] = [...document.title];
  const walk = (nodes: DocumentNode[]) => {
    for (const node of nodes) {
      out.push(...(node.heading ?? []), ...(node.text ?? []));
      walk(node.children ?? []);
    }
  };
  walk(document.nodes);
  return out;
}

/**
 * The chips of the provision `from` (a node id), read from the draft as last rendered and its
 * provision list (the backend's citations: "Article 12(3)").
 */
export function chipContext(
  document: AgreementDocument,
  template: Template,
  provisionList: Provision[],
  from: string,
): ChipContext {
  const here = findNode(document.nodes, from);
  const ownSegments = [...(here?.heading ?? []), ...(here?.text ?? [])];
  const everywhere = allSegments(document);
  const provisions = new Map(provisionList.map((p) => [p.id, p]));
  const templateNodes = new Map((template.node ?? []).map((n) => [n.id, n]));
  const terms = new Map<string, string>();
  for (const node of template.node ?? []) for (const [key, text] of Object.entries(node.defines ?? {})) terms.set(key, text);
  const parameters = new Map((template.parameter ?? []).map((p) => [p.name, p]));

  return {
    reference(target) {
      const written = ownSegments.find((s) => s.kind === "reference" && s.target === target);
      if (written && written.kind === "reference") return { text: written.text, state: "live" };
      const listed = provisions.get(target);
      if (listed?.kept && listed.citation) return { text: listed.citation, state: "live" };
      if (listed && !listed.kept) return { text: listed.heading || words(templateNodes.get(target)?.text ?? "", 6), state: "left_out" };
      const model = templateNodes.get(target);
      if (model) return { text: model.heading ?? words(model.text ?? "", 6), state: "left_out" };
      return { text: "", state: "unknown" };
    },
    term(key, display) {
      if (display !== null) return display;
      const used = everywhere.find((s) => s.kind === "term" && s.key === key);
      if (used && used.kind === "term") return used.text;
      return terms.get(key) ?? "";
    },
    particular(name) {
      const own = ownSegments.find((s) => (s.kind === "value" || s.kind === "unfilled") && s.parameter === name);
      const found = own ?? everywhere.find((s) => (s.kind === "value" || s.kind === "unfilled") && s.parameter === name);
      if (found?.kind === "value") return { text: found.text, filled: true };
      if (found?.kind === "unfilled") return { text: `[${found.label}]`, filled: false };
      return { text: `[${parameters.get(name)?.label ?? ""}]`, filled: false };
    },
  };
}
