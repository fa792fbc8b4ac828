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


/**
 * The children of `parent` (null: the top level) in reading order, as ssa-core's structure
 * module arranges them: the draft's `order` list where it has one, else the model's children
 * that no `order` list has moved elsewhere. Left-out children are listed too.
 */
export function childIds(template: Template, draft: Draft, parent: string | null): string[] {
  const listed = draft.order?.[parent ?? ""];
  const exists = (id: string) => (template.node ?? []).some((n) => n.id === id) || draft.added?.[id] !== undefined;
  if (listed) return listed.filter(exists);
  const moved = new Set(Object.values(draft.order ?? {}).flat());
  return (template.node ?? []).filter((n) => (n.parent ?? null) === parent && !moved.has(n.id)).map((n) => n.id);
}

/** The node as the draft has it: the model's, or an added one (kind, heading, no model text). */
export function draftNode(template: Template, draft: Draft, id: string): TemplateNode | null {
  const model = (template.node ?? []).find((n) => n.id === id);
  if (model) return model;
  const added = draft.added?.[id];
  return added ? { id, kind: added.kind, text: "" } : null;
}

export function renderDraft(template: Template, draft: Draft): Rendered {
  const problems: ProblemDto[] = [];
  const omitted: AgreementDocument["omitted"] = [];
  const parameter = (name: string) => template.parameter?.find((p) => p.name === name);
  const kept = (node: TemplateNode) => draft.inclusion?.[node.id] ?? node.included_by_default ?? true;

  // Numbers, in reading order: parts in Roman numerals, articles throughout, paragraphs and
  // items within their parent.
  const labels = new Map<string, string>();
  const numbers = new Map<string, string>();
  const citations = new Map<string, string>();
  let parts = 0;
  let articles = 0;
  const number = (parent: string | null, article: string | null) => {
    let paragraphs = 0;
    let items = 0;
    for (const id of childIds(template, draft, parent)) {
      const node = draftNode(template, draft, id)!;
      if (!kept(node)) continue;
      let nextArticle = article;
      if (node.kind === "part") {
        numbers.set(id, ROMAN[parts++]);
        labels.set(id, `Part ${numbers.get(id)}`);
        citations.set(id, labels.get(id)!);
      } else if (node.kind === "article") {
        numbers.set(id, String(++articles));
        labels.set(id, `Article ${articles}`);
        citations.set(id, labels.get(id)!);
        nextArticle = labels.get(id)!;
      } else if (node.kind === "paragraph") {
        numbers.set(id, String(++paragraphs));
        labels.set(id, `${paragraphs}.`);
        if (article) citations.set(id, `${citations.get(parent!) ?? article}(${paragraphs})`);
      } else if (node.kind === "item") {
        const letter = String.fromCharCode(96 + ++items);
        numbers.set(id, letter);
        labels.set(id, `(${letter})`);
        if (article) citations.set(id, `${citations.get(parent!) ?? article}(${letter})`);
      }
      number(id, nextArticle);
    }
  };
  number(null, null);

  const segments = (node: TemplateNode, text: string): Segment[] =>
    text.split(/(\{\{[^}]+\}\})/).filter(Boolean).map((piece): Segment => {
      const token = /^\{\{(.+)\}\}$/.exec(piece)?.[1];
      if (!token) return { kind: "text", text: piece };
      if (token.startsWith("ref:")) {
        const target = token.slice(4);
        const citation = citations.get(target);
        return citation ? { kind: "reference", target, text: citation } : { kind: "broken_reference", target, reason: "omitted" };
      }
      if (token.startsWith("term:")) {
        const [key, display] = token.slice(5).split("|");
        return { kind: "term", key, text: display ?? key.replace(/_/g, " "), display: display ?? null, defined_in: null };
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
          place: labels.get(node.id) ?? null,
          params: {},
          message,
          text: { en: message, fr: `${message} (fr)`, es: `${message} (es)` },
        });
        return { kind: "unfilled", parameter: token, label: declared?.label ?? token };
      }
      const text = declared?.type === "months" ? `${String(value)} months` : String(value);
      return { kind: "value", parameter: token, text };
    });

  const provisions: Rendered["provisions"] = [];
  const build = (parent: string | null, depth: number): DocumentNode[] =>
    childIds(template, draft, parent).flatMap((id): DocumentNode[] => {
      const node = draftNode(template, draft, id)!;
      const heading = draft.headings?.[id] ?? node.heading ?? "";
      if (!kept(node)) {
        omitted.push({ id, reason: { kind: "excluded" } });
        provisions.push({ id, kind: node.kind, citation: null, heading, kept: false, added: draft.added?.[id] !== undefined, depth });
        return [];
      }
      const alternative =
        node.alternatives?.find((a) => a.id === (draft.alternatives?.[id] ?? "")) ?? node.alternatives?.find((a) => a.default);
      const custom = draft.custom_wording?.[id];
      const text = custom ?? alternative?.text ?? node.text ?? "";
      const citation = citations.get(id) ?? null;
      if (citation) provisions.push({ id, kind: node.kind, citation, heading, kept: true, added: draft.added?.[id] !== undefined, depth });
      return [
        {
          id,
          kind: node.kind,
          number: numbers.get(id) ?? null,
          label: labels.get(id) ?? null,
          citation,
          added: draft.added?.[id] !== undefined,
          heading: heading ? [{ kind: "text", text: heading }] : [],
          text: text ? segments(node, text) : [],
          wording:
            custom !== undefined
              ? { source: "custom" }
              : alternative
                ? { source: "alternative", id: alternative.id, label: alternative.label, is_default: alternative.default === true }
                : { source: "model" },
          differs_from_model: custom !== undefined || (alternative !== undefined && alternative.default !== true),
          provenance: node.provenance ?? template.provenance,
          guidance: node.guidance ?? null,
          children: build(id, depth + 1),
        },
      ];
    });
  const nodes = build(null, 0);
  const document: AgreementDocument = {
    template_id: template.id,
    template_version: template.version,
    title: [{ kind: "text", text: draft.title ?? "Agreement between Aurelia and Boreland" }],
    nodes,
    omitted,
  };
  return { document, problems, draft: structuredClone(draft), provisions };
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
