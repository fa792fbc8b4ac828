// The process of the test fake: a three-step process per negotiation, answers, statuses and
// gate decisions applied like the real backend does (ticking starts a step, a go on the current
// step moves it on, skipping needs a reason), and process files to import and export.
import {
  BackendError,
  type ItemAnswer,
  type NegotiationProcess,
  type ProcessStep,
  type ProcessSummary,
  type ProcessSwitch,
  type StepStatus,
  type GateDecision,
} from "../lib/backend";

const inferred = { status: "inferred" as const, sources: [], note: "Reconstructed by the project." };
const sourced = { status: "sourced" as const, sources: ["P7", "P8"], note: "Named in the sources." };

function blank(): ItemAnswer {
  return { done: false, who: "", when: null, note: "", attachments: [] };
}

function step(id: string, number: number, title: [string, string, string], items: [string, string, string][]): ProcessStep {
  return {
    id,
    number,
    title: { en: title[0], fr: title[1], es: title[2] },
    block: number < 3 ? "preparation" : "negotiation",
    purpose: { en: `Purpose of ${title[0]}.`, fr: null, es: null },
    actors: [{ en: "Ministry of labour", fr: "Ministère du travail", es: null }],
    inputs: [{ en: "Migration data", fr: null, es: null }],
    outputs: [{ id: id === "need" ? "corridor-profile" : id, title: { en: `${title[0]} report`, fr: `Rapport ${title[1]}`, es: null }, provenance: inferred }],
    checklist: items.map(([itemId, en, fr]) => ({
      id: itemId,
      label: { en, fr, es: `${en} (es)` },
      explanation: { en: `Why ${en.toLowerCase()} matters.`, fr: null, es: null },
      provenance: itemId.endsWith("gaps") ? sourced : inferred,
      answer: blank(),
    })),
    gate: {
      question: { en: `Go on from ${title[0]}?`, fr: `Poursuivre après ${title[1]} ?`, es: null },
      go: { en: "Move on.", fr: null, es: null },
      noGo: { en: "Stop here.", fr: null, es: null },
      revisit: { en: "Look again.", fr: null, es: null },
      provenance: inferred,
      decision: null,
    },
    pitfalls: [{ text: { en: "Underestimating cost.", fr: null, es: null }, provenance: sourced }],
    provenance: inferred,
    status: "not_started",
    skipReason: "",
    ticked: 0,
    total: items.length,
    percent: 0,
  };
}

export function fakeProcessView(negotiationId: string, version = "2026.2"): NegotiationProcess {
  return {
    negotiationId,
    processId: "ssa-eight-step",
    processVersion: version,
    processTitle: { en: "Eight-step process", fr: "Processus en huit étapes", es: "Proceso en ocho pasos" },
    processProvenance: inferred,
    steps: [
      step("need", 1, ["Identify the need", "Identifier le besoin", "Identificar la necesidad"], [
        ["need-data", "Corridor data assembled", "Données du corridor rassemblées"],
        ["need-gaps", "Protection gaps identified", "Lacunes de protection identifiées"],
      ]),
      step("feasibility", 2, ["Feasibility", "Faisabilité", "Viabilidad"], [
        ["feas-legislation", "Legislation compared", "Législations comparées"],
      ]),
      step("contact", 3, ["Contact", "Prise de contact", "Contacto"], [["contact-scope", "Scope agreed", "Champ convenu"]]),
    ],
    percent: 0,
    currentStep: "need",
    nextActions: [],
    newerVersion: null,
  };
}

/** Recomputes what the backend computes: counts, percentages, next actions. */
function summarize(view: NegotiationProcess): NegotiationProcess {
  for (const s of view.steps) {
    s.ticked = s.checklist.filter((i) => i.answer.done).length;
    s.percent = s.status === "done" ? 100 : Math.floor((s.ticked * 100) / s.total);
  }
  const counted = view.steps.filter((s) => s.status !== "skipped");
  view.percent = counted.length === 0 ? 100 : Math.floor(counted.reduce((sum, s) => sum + s.percent, 0) / counted.length);
  view.nextActions = view.steps
    .filter((s) => s.status === "in_progress" || s.id === view.currentStep)
    .flatMap((s) =>
      s.checklist
        .filter((i) => !i.answer.done)
        .map((i) => ({ stepId: s.id, stepNumber: s.number, itemId: i.id, label: i.label })),
    );
  return view;
}

export class FakeProcess {
  readonly views = new Map<string, NegotiationProcess>();
  /** Process files the open dialog can "read": path to the summary it imports, or problems. */
  readonly files = new Map<string, ProcessSummary | { problems: { field: string; message: string }[] }>();
  readonly exported = new Map<string, string>();
  openAnswer: string | null = null;
  saveAnswer: string | null = null;
  readOnly = false;
  summaries: ProcessSummary[] = [
    {
      id: "ssa-eight-step",
      version: "2026.2",
      title: { en: "Eight-step process", fr: null, es: null },
      origin: "shipped",
      stepCount: 3,
      negotiations: 1,
    },
  ];

  view(negotiationId: string): NegotiationProcess {
    let view = this.views.get(negotiationId);
    if (!view) {
      view = summarize(fakeProcessView(negotiationId));
      this.views.set(negotiationId, view);
    }
    return view;
  }

  #answer(view: NegotiationProcess) {
    const newest = this.summaries
      .filter((s) => s.id === view.processId)
      .map((s) => s.version)
      .sort()
      .pop();
    view.newerVersion = newest && newest > view.processVersion ? newest : null;
    return structuredClone(summarize(view));
  }

  #writable() {
    if (this.readOnly) throw new BackendError("read_only", "The database is a read-only copy.");
  }

  get(negotiationId: string): NegotiationProcess {
    return this.#answer(this.view(negotiationId));
  }

  setAnswer(negotiationId: string, itemId: string, answer: ItemAnswer): NegotiationProcess {
    this.#writable();
    const view = this.view(negotiationId);
    const owner = view.steps.find((s) => s.checklist.some((i) => i.id === itemId));
    if (!owner) throw new BackendError("not_found", `The process has no checklist item "${itemId}".`);
    if (answer.when && !/^\d{4}-\d{2}-\d{2}$/.test(answer.when))
      throw new BackendError("invalid_input", `${itemId} when: "${answer.when}" is not a date; write it as YYYY-MM-DD.`);
    owner.checklist.find((i) => i.id === itemId)!.answer = { ...structuredClone(answer), who: answer.who.trim() };
    if (answer.done && owner.status === "not_started") owner.status = "in_progress";
    return this.#answer(view);
  }

  setStatus(negotiationId: string, stepId: string, status: StepStatus, reason: string): NegotiationProcess {
    this.#writable();
    const view = this.view(negotiationId);
    const found = view.steps.find((s) => s.id === stepId);
    if (!found) throw new BackendError("not_found", `The process has no step "${stepId}".`);
    if (status === "skipped" && reason.trim() === "")
      throw new BackendError("invalid_input", `Step "${stepId}": say why the step is skipped.`);
    found.status = status;
    found.skipReason = status === "skipped" ? reason.trim() : "";
    return this.#answer(view);
  }

  recordGate(negotiationId: string, stepId: string, decision: GateDecision): NegotiationProcess {
    this.#writable();
    const view = this.view(negotiationId);
    const index = view.steps.findIndex((s) => s.id === stepId);
    const found = view.steps[index];
    found.gate.decision = structuredClone(decision);
    found.status = decision.choice === "go" ? "done" : "in_progress";
    if (decision.choice === "go" && view.currentStep === stepId) {
      const next = view.steps.slice(index + 1).find((s) => s.status !== "done" && s.status !== "skipped");
      if (next) {
        view.currentStep = next.id;
        if (next.status === "not_started") next.status = "in_progress";
      }
    }
    return this.#answer(view);
  }

  makeCurrent(negotiationId: string, stepId: string): NegotiationProcess {
    this.#writable();
    const view = this.view(negotiationId);
    view.currentStep = stepId;
    return this.#answer(view);
  }

  switchVersion(negotiationId: string, version: string): ProcessSwitch {
    const view = this.view(negotiationId);
    view.processVersion = version;
    const dropped = view.steps[0].checklist.filter((i) => i.id === "need-gaps" && i.answer.done).map((i) => i.id);
    for (const item of view.steps[0].checklist) if (dropped.includes(item.id)) item.answer = blank();
    return { process: this.#answer(view), droppedItems: dropped, droppedSteps: [] };
  }

  import(path: string): ProcessSummary {
    const file = this.files.get(path);
    if (!file) throw new BackendError("invalid_input", `Could not read ${path}.`);
    if ("problems" in file)
      throw new BackendError("invalid_input", `${path} has ${file.problems.length} problem(s); nothing was stored.`, file.problems);
    this.summaries.push(file);
    return file;
  }

  export(id: string, version: string, path: string) {
    this.exported.set(path, `${id}@${version}`);
  }
}
