// A small template and a tiny renderer that numbers, includes, picks alternatives and fills
// placeholders the way the real one does, so agreement tests run against honest renderings.
import type {
  AgreementDocument,
  DocumentNode,
  Draft,
  ProblemDto,
  Rendered,
  Segment,
  Template,
  TemplateNode,
} from "../lib/backend";

const PROVENANCE = { status: "inferred" as const, confidence: "low" as const };

export function sampleTemplate(): Template {
  const nodes: TemplateNode[] = [
    { id: "part.I", kind: "part", heading: "General provisions" },
    { id: "art.defs", kind: "article", parent: "part.I", heading: "Definitions", text: "Terms have their usual meaning.", guidance: "Keep definitions short." },
    { id: "art.equal", kind: "article", parent: "part.I", heading: "Equality of treatment", text: "Equal treatment applies.", optional: true },
    {
      id: "art.scope",
      kind: "article",
      parent: "part.I",
      heading: "Persons covered",
      alternatives: [
        { id: "all", label: "All persons", text: "This Agreement applies to all persons.", default: true },
        { id: "nationals", label: "Nationals only", text: "This Agreement applies to nationals." },
      ],
    },
    { id: "art.post", kind: "article", parent: "part.I", heading: "Posting", text: "A posted worker stays insured for {{posting.months}}, subject to {{ref:art.scope}}." },
    { id: "part.II", kind: "part", heading: "Final provisions" },
    { id: "art.entry", kind: "article", parent: "part.II", heading: "Entry into force", text: "This Agreement enters into force on {{entry.date}}." },
  ];
  return {
    format: "ssa-template/1",
    id: "test-template",
    version: "1.0.0",
    title: "Agreement between {{party_a}} and {{party_b}}",
    kind: "bilateral",
    provenance: PROVENANCE,
    parameter: [
      { name: "posting.months", label: "posting duration", type: "months", min: 1, max: 60, default: 24 },
      { name: "entry.date", label: "date of entry into force", type: "date" },
    ],
    node: nodes,
  };
}

const ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"];

export function renderDraft(template: Template, draft: Draft): Rendered {
  const nodes = template.node ?? [];
  const problems: ProblemDto[] = [];
  const omittedIds = new Set<string>();
  const omitted: AgreementDocument["omitted"] = [];
  for (const node of nodes) {
    if (node.parent && omittedIds.has(node.parent)) {
      omittedIds.add(node.id);
      continue;
    }
    const keep = draft.inclusion?.[node.id] ?? node.included_by_default ?? true;
    if (node.optional && !keep) {
      omittedIds.add(node.id);
      omitted.push({ id: node.id, reason: { kind: "excluded" } });
    }
  }
  const labels = new Map<string, string>();
  let parts = 0;
  let articles = 0;
  for (const node of nodes) {
    if (omittedIds.has(node.id)) continue;
    if (node.kind === "part") labels.set(node.id, `Part ${ROMAN[parts++]}`);
    if (node.kind === "article") labels.set(node.id, `Article ${++articles}`);
  }
  const parameter = (name: string) => template.parameter?.find((p) => p.name === name);
  const segments = (node: TemplateNode, text: string): Segment[] =>
    text.split(/(\{\{[^}]+\}\})/).filter(Boolean).map((piece): Segment => {
      const token = /^\{\{(.+)\}\}$/.exec(piece)?.[1];
      if (!token) return { kind: "text", text: piece };
      if (token.startsWith("ref:")) {
        const target = token.slice(4);
        const label = labels.get(target);
        return label ? { kind: "reference", target, text: label } : { kind: "broken_reference", target, reason: "omitted" };
      }
      const declared = parameter(token);
      const value = draft.values?.[token] ?? declared?.default;
      if (value === undefined || value === null) {
        const message = `${declared?.label ?? token} is not filled.`;
        problems.push({
          severity: "warning",
          kind: "unfilled_placeholder",
          node: node.id,
          related_node: null,
          parameter: token,
          place: null,
          params: {},
          message,
          text: { en: message, fr: message, es: message },
        });
        return { kind: "unfilled", parameter: token, label: declared?.label ?? token };
      }
      const text = declared?.type === "months" ? `${String(value)} months` : String(value);
      return { kind: "value", parameter: token, text };
    });
  const build = (parent: string | null): DocumentNode[] =>
    nodes
      .filter((node) => (node.parent ?? null) === parent && !omittedIds.has(node.id))
      .map((node) => {
        const alternative = node.alternatives?.find((a) => a.id === (draft.alternatives?.[node.id] ?? "")) ??
          node.alternatives?.find((a) => a.default);
        const custom = draft.custom_wording?.[node.id];
        const text = custom ?? alternative?.text ?? node.text ?? "";
        return {
          id: node.id,
          kind: node.kind,
          number: labels.get(node.id)?.split(" ")[1] ?? null,
          label: labels.get(node.id) ?? null,
          citation: labels.get(node.id) ?? null,
          added: false,
          heading: node.heading ? [{ kind: "text", text: node.heading }] : [],
          text: text ? segments(node, text) : [],
          wording: custom !== undefined ? { source: "custom" } : alternative ? { source: "alternative", id: alternative.id, label: alternative.label, is_default: alternative.default === true } : { source: "model" },
          differs_from_model: custom !== undefined || (alternative !== undefined && alternative.default !== true),
          provenance: node.provenance ?? template.provenance,
          guidance: node.guidance ?? null,
          children: build(node.id),
        };
      });
  const document: AgreementDocument = {
    template_id: template.id,
    template_version: template.version,
    title: [{ kind: "text", text: "Agreement between Aurelia and Boreland" }],
    nodes: build(null),
    omitted,
  };
  return { document, problems, draft: structuredClone(draft), provisions: [] };
}

/**
 * The backend's merge of two edits of one draft (ssa-core `template::merge`), for the fake: an
 * object field per key, anything else whole; `null` when both changed the same choice.
 */
export function mergeDrafts(base: Draft, current: Draft, edit: Draft): { merged: Draft } | { conflict: string[] } {
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const pick = (b: unknown, c: unknown, e: unknown): { value: unknown } | null => {
    if (same(e, b)) return { value: c };
    if (same(c, b) || same(c, e)) return { value: e };
    return null;
  };
  const record = (d: Draft) => d as unknown as Record<string, unknown>;
  const merged: Record<string, unknown> = {};
  const conflict: string[] = [];
  const fields = new Set([...Object.keys(base), ...Object.keys(current), ...Object.keys(edit)]);
  for (const field of fields) {
    const [b, c, e] = [record(base)[field], record(current)[field], record(edit)[field]];
    const isMap = [b, c, e].every((v) => v === undefined || (typeof v === "object" && v !== null && !Array.isArray(v)));
    if (isMap) {
      const [bm, cm, em] = [b, c, e].map((v) => (v ?? {}) as Record<string, unknown>);
      const inner: Record<string, unknown> = {};
      for (const key of new Set([...Object.keys(bm), ...Object.keys(cm), ...Object.keys(em)])) {
        const chosen = pick(bm[key], cm[key], em[key]);
        if (!chosen) conflict.push(key);
        else if (chosen.value !== undefined) inner[key] = chosen.value;
      }
      if (Object.keys(inner).length > 0) merged[field] = inner;
    } else {
      const chosen = pick(b, c, e);
      if (!chosen) conflict.push(field);
      else if (chosen.value !== undefined) merged[field] = chosen.value;
    }
  }
  return conflict.length > 0 ? { conflict } : { merged: merged as unknown as Draft };
}
