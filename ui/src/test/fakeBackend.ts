// An in-memory Backend for tests: behaves like the real one for the negotiations use cases,
// records every call, and can be told to fail a method once.
import { vi } from "vitest";
import { mergeDrafts, renderDraft, sampleTemplate } from "./fakeAgreement";
import { applyStructureEdit } from "./fakeStructure";
import { FakeProcess } from "./fakeProcess";
import { FakeDocuments } from "./fakeDocuments";
import { FakeRounds } from "./fakeRounds";
import { FakeWorkshop, scenario as workshopScenario } from "./fakeWorkshop";
import { FakeSecurity } from "./fakeSecurity";
import { FakeTemplateLibrary } from "./fakeTemplates";
import { FakeVersionHistory } from "./fakeVersions";
import {
  BackendError,
  type About,
  type Agreement,
  type Arrangement,
  type Feasibility,
  type FeasibilityView,
  type DraftTermsView,
  type PensionMethod,
  type SimulationSetup,
  type SimulationView,
  type Monitoring,
  type MonitoringView,
  type Ratification,
  type RatificationView,
  type Draft,
  type ExportResult,
  type PdfDocument,
  type Problem,
  type Rendered,
  type StructureEdit,
  type StructureEditDto,
  type TemplateChoice,
  type Template,
  type TemplateSummary,
  type Backend,
  type Comparison,
  type DeviationReport,
  type Revision,
  type Verification,
  type VersionRef,
  type Negotiation,
  type NegotiationInput,
  type Shelf,
  type Startup,
  type GateDecision,
  type ItemAnswer,
  type NegotiationProcess,
  type ProcessSummary,
  type ProcessSwitch,
  type StepStatus,
  type Comment,
  type CommentInput,
  type ExchangeExport,
  type ExchangeImport,
  type MandateEntry,
  type MandateView,
  type Position,
  type PositionInput,
  type PositionsView,
  type Round,
  type Encryption,
  type Keys,
  type LockReason,
  type Signer,
  type CollectedFile,
  type Debrief,
  type DeskAction,
  type ScenarioSummary,
  type TeamBrief,
  type Training,
  type WorkshopCreated,
  type WorkshopDesk,
  type WorkshopInput,
  type WorkshopPdf,
  type WorkshopSummary,
} from "../lib/backend";

const STEP = {
  id: "preparation",
  number: 1,
  stepCount: 8,
  title: { en: "Preparation", fr: "Préparation", es: "Preparación" },
  percentDone: 0,
};

export function negotiation(overrides: Partial<Negotiation> = {}): Negotiation {
  return {
    id: "n1",
    title: "Social Security Agreement between the Republic of Aurelia and the Kingdom of Boreland",
    parties: [
      { name: "Republic of Aurelia", isoCode: "XA", role: "own" },
      { name: "Kingdom of Boreland", isoCode: "XB", role: "counterpart" },
    ],
    multilateral: false,
    workingLanguages: ["en", "fr"],
    notes: "",
    currentStep: STEP,
    shelf: "active",
    createdAt: "2026-01-05T10:00:00.000Z",
    updatedAt: new Date(Date.now() - 5 * 60_000).toISOString(),
    ...overrides,
  };
}

type Method = keyof Backend;

const METHODS: Method[] = [
  "listScenarios",
  "listWorkshops",
  "createWorkshop",
  "workshopDesk",
  "workshopAction",
  "collectExchangeFile",
  "workshopDebrief",
  "exportWorkshopPdf",
  "joinTeamPack",
  "teamBrief",
  "listTeamNegotiations",
  "trainingStatus",
  "switchDataFolder",
  "startupStatus",
  "recoverOpenCopyReadOnly",
  "recoverStartFresh",
  "about",
  "listNegotiations",
  "getNegotiation",
  "createNegotiation",
  "updateNegotiation",
  "renameNegotiation",
  "duplicateNegotiation",
  "moveNegotiation",
  "deleteNegotiationPermanently",
  "emptyBin",
  "createSampleNegotiation",
  "listTemplates",
  "getAgreement",
  "startAgreement",
  "editDraft",
  "editDraftStructure",
  "listTemplateChoices",
  "getTemplate",
  "deriveTemplate",
  "saveTemplate",
  "deleteTemplate",
  "importTemplateFile",
  "exportTemplateFile",
  "chooseTemplateFileToOpen",
  "chooseTemplateFileToSave",
  "negotiationProcess",
  "setItemAnswer",
  "setStepStatus",
  "recordGateDecision",
  "setCurrentStep",
  "switchProcessVersion",
  "listProcesses",
  "importProcessFile",
  "exportProcessFile",
  "chooseProcessFileToOpen",
  "chooseProcessFileToSave",
  "listRevisions",
  "nameVersion",
  "compareVersions",
  "deviationReport",
  "initialVersion",
  "verifyInitialled",
  "getFeasibility",
  "saveFeasibility",
  "applyCoverageToDraft",
  "getRatification",
  "saveRatification",
  "getMonitoring",
  "saveMonitoring",
  "getArrangement",
  "startArrangement",
  "editArrangement",
  "getSimulation",
  "saveSimulation",
  "setDraftMethod",
  "positionsView",
  "addRound",
  "saveRound",
  "savePosition",
  "listComments",
  "addComment",
  "setCommentResolved",
  "mandateView",
  "saveMandateEntry",
  "exportExchangeFile",
  "importExchangeFile",
  "chooseExchangeFileToOpen",
  "chooseExchangeFileToSave",
  "choosePdfFileToSave",
  "exportPdf",
  "openExportedFile",
  "unlock",
  "lockWorkbench",
  "encryptDatabase",
  "changePassphrase",
  "setLockAfter",
  "trustKey",
  "untrustKey",
  "verifySignedFile",
];

export class FakeBackend implements Backend {
  negotiations: Negotiation[];
  startup: Startup = {
    state: "ready",
    readOnly: false,
    encrypted: false,
    databasePath: "/data/ssa.db",
    created: false,
    backupPath: null,
  };
  readonly failures = new Map<Method, BackendError>();
  readonly templates: Template[] = [sampleTemplate()];
  /** The template library (derive, save, import, export); shares `templates`. */
  readonly library = new FakeTemplateLibrary(this.templates);
  /** Each negotiation's process, process files and dialogs. */
  readonly process = new FakeProcess();
  /** The drafts' revisions and versions; comparisons answer what a test sets here. */
  readonly history = new FakeVersionHistory();
  /** Stored drafts by negotiation id. */
  readonly drafts = new Map<string, Draft>();
  /** The step documents (feasibility, ratification, monitoring) by negotiation id. */
  readonly documents = new FakeDocuments();
  /** Stored administrative arrangements by negotiation id (drafts on `templates[0]`). */
  readonly arrangements = new Map<string, Draft>();
  /** Rounds, positions, comments and the mandate of the negotiation under test. */
  readonly roundsModel = new FakeRounds();
  /** The passphrase, the locks and the signing keys. */
  readonly security = new FakeSecurity();
  /** Workshops, their desks and debriefs, team briefs, the training folder. */
  readonly workshop = new FakeWorkshop();
  #next = 100;

  constructor(negotiations: Negotiation[] = []) {
    this.negotiations = negotiations;
    // Every method is a spy, so tests can assert on calls.
    for (const name of METHODS) {
      const original = (this[name] as (...args: unknown[]) => Promise<unknown>).bind(this);
      (this as Record<string, unknown>)[name] = vi.fn(async (...args: unknown[]) => {
        const failure = this.failures.get(name);
        if (failure) {
          this.failures.delete(name);
          throw failure;
        }
        return original(...args);
      });
    }
  }

  /** The next call of `method` throws `error`. */
  failNext(method: Method, error: BackendError): void {
    this.failures.set(method, error);
  }

  spy(method: Method) {
    return this[method] as unknown as ReturnType<typeof vi.fn>;
  }

  #find(id: string): Negotiation {
    const found = this.negotiations.find((n) => n.id === id);
    if (!found) throw new BackendError("not_found", `There is no negotiation with id ${id}.`);
    return found;
  }

  #fromInput(input: NegotiationInput, base: Partial<Negotiation> = {}): Negotiation {
    return negotiation({
      id: `n${this.#next++}`,
      ...base,
      title: input.title,
      parties: input.parties,
      multilateral: input.parties.length > 2,
      workingLanguages: input.workingLanguages,
      notes: input.notes,
      updatedAt: new Date().toISOString(),
    });
  }

  async startupStatus(): Promise<Startup> {
    if (this.startup.state === "locked")
      this.startup = this.security.locked(this.startup.reason, this.startup.databasePath);
    return this.startup;
  }
  async recoverOpenCopyReadOnly(): Promise<Startup> {
    this.startup = { state: "ready", readOnly: true, encrypted: false, databasePath: "/tmp/copy.db", created: false, backupPath: null };
    return this.startup;
  }
  async recoverStartFresh(): Promise<Startup> {
    this.startup = { state: "ready", readOnly: false, encrypted: false, databasePath: "/data/ssa.db", created: true, backupPath: null };
    this.negotiations = [];
    return this.startup;
  }
  async about(): Promise<About> {
    return {
      version: "0.1.0",
      dataDir: "/data",
      databasePath: "/data/ssa.db",
      logDir: "/data/logs",
      schemaVersion: 1,
      readOnly: this.startup.state === "ready" && this.startup.readOnly,
      encrypted: this.startup.state === "ready" && this.startup.encrypted,
    };
  }
  async listNegotiations(shelf: Shelf): Promise<Negotiation[]> {
    return this.negotiations.filter((n) => n.shelf === shelf).map((n) => ({ ...n }));
  }
  async getNegotiation(id: string): Promise<Negotiation> {
    return { ...this.#find(id) };
  }
  async createNegotiation(input: NegotiationInput): Promise<Negotiation> {
    const created = this.#fromInput(input);
    this.negotiations.unshift(created);
    return { ...created };
  }
  async updateNegotiation(id: string, input: NegotiationInput): Promise<Negotiation> {
    const found = this.#find(id);
    Object.assign(found, this.#fromInput(input, { id, shelf: found.shelf, createdAt: found.createdAt }));
    return { ...found };
  }
  async renameNegotiation(id: string, title: string): Promise<Negotiation> {
    const found = this.#find(id);
    found.title = title;
    return { ...found };
  }
  async duplicateNegotiation(id: string): Promise<Negotiation> {
    const found = this.#find(id);
    const copy = { ...found, id: `n${this.#next++}`, title: `${found.title} (copy)` };
    this.negotiations.unshift(copy);
    return { ...copy };
  }
  async moveNegotiation(id: string, shelf: Shelf): Promise<Negotiation> {
    const found = this.#find(id);
    found.shelf = shelf;
    return { ...found };
  }
  async deleteNegotiationPermanently(id: string): Promise<void> {
    this.#find(id);
    this.negotiations = this.negotiations.filter((n) => n.id !== id);
  }
  async emptyBin(): Promise<number> {
    const count = this.negotiations.filter((n) => n.shelf === "bin").length;
    this.negotiations = this.negotiations.filter((n) => n.shelf !== "bin");
    return count;
  }
  async createSampleNegotiation(): Promise<Negotiation> {
    const sample = negotiation({ id: `n${this.#next++}`, notes: "A sample negotiation." });
    this.negotiations.unshift(sample);
    return { ...sample };
  }

  async listTemplates(): Promise<TemplateSummary[]> {
    return this.library.summaries();
  }
  async getTemplate(id: string, version: string): Promise<Template> {
    return this.library.get(id, version);
  }
  async deriveTemplate(id: string, version: string, newId: string, newTitle: string): Promise<TemplateSummary> {
    return this.library.derive(id, version, newId, newTitle);
  }
  async saveTemplate(template: Template): Promise<Problem[]> {
    return this.library.save(template);
  }
  async deleteTemplate(id: string, version: string): Promise<void> {
    this.library.delete(id, version);
  }
  async importTemplateFile(path: string): Promise<TemplateSummary> {
    return this.library.import(path);
  }
  async exportTemplateFile(id: string, version: string, path: string): Promise<void> {
    this.library.export(id, version, path);
  }
  async chooseTemplateFileToOpen(): Promise<string | null> {
    return this.library.openAnswer;
  }
  async chooseTemplateFileToSave(): Promise<string | null> {
    return this.library.saveAnswer;
  }
  /** What the save dialog answers (null: the person cancelled). */
  pdfSaveAnswer: string | null = "/home/user/Agreement.pdf";
  /** Files written by exportPdf, by path: what was asked for, and the draft at the time. */
  readonly exportedPdfs = new Map<string, { document: PdfDocument; language: string; draft: Draft | null }>();
  async choosePdfFileToSave(): Promise<string | null> {
    return this.pdfSaveAnswer;
  }
  async exportPdf(negotiationId: string, document: PdfDocument, language: string, path: string): Promise<ExportResult> {
    this.#find(negotiationId);
    const draft = this.drafts.get(negotiationId) ?? null;
    if (!draft && (document.doc === "agreement" || document.doc === "redline"))
      throw new BackendError("not_found", `Negotiation ${negotiationId} has no draft agreement yet.`);
    if (!path.toLowerCase().endsWith(".pdf"))
      throw new BackendError("invalid_input", `${path} does not end in .pdf; choose a file name ending in .pdf.`);
    this.exportedPdfs.set(path, { document: structuredClone(document), language, draft: draft && structuredClone(draft) });
    return { path, pages: 13, bytes: 98_000, signaturePath: null, openParticulars: 0 };
  }
  async openExportedFile(path: string): Promise<void> {
    if (!this.exportedPdfs.has(path))
      throw new BackendError("invalid_input", `${path} was not exported in this session.`);
  }
  #agreement(negotiationId: string): Agreement | null {
    const draft = this.drafts.get(negotiationId);
    if (!draft) return null;
    const template = this.templates.find((t) => t.id === draft.template_id)!;
    return { negotiationId, template, ...renderDraft(template, draft) };
  }
  async getAgreement(negotiationId: string): Promise<Agreement | null> {
    this.#find(negotiationId);
    return this.#agreement(negotiationId);
  }
  async startAgreement(negotiationId: string, templateId: string | null): Promise<Agreement> {
    this.#find(negotiationId);
    const template = this.templates.find((t) => t.id === (templateId ?? this.templates[0].id));
    if (!template) throw new BackendError("not_found", `There is no template ${templateId}.`);
    this.drafts.set(negotiationId, { template_id: template.id, template_version: template.version });
    return this.#agreement(negotiationId)!;
  }
  async editDraft(negotiationId: string, base: Draft, draft: Draft): Promise<Rendered> {
    this.#find(negotiationId);
    if (this.startup.state === "ready" && this.startup.readOnly)
      throw new BackendError("read_only", "The database is a read-only copy.");
    const stored = this.#merged(this.drafts.get(negotiationId) ?? base, base, draft);
    this.drafts.set(negotiationId, stored);
    const template = this.templates.find((t) => t.id === stored.template_id)!;
    return renderDraft(template, stored);
  }
  async editDraftStructure(negotiationId: string, base: Draft, edit: StructureEdit): Promise<StructureEditDto> {
    this.#find(negotiationId);
    if (this.startup.state === "ready" && this.startup.readOnly)
      throw new BackendError("read_only", "The database is a read-only copy.");
    const current = this.drafts.get(negotiationId) ?? base;
    const template = this.templates.find((t) => t.id === current.template_id)!;
    const { draft, node } = applyStructureEdit(template, current, edit);
    this.drafts.set(negotiationId, draft);
    const rendered = renderDraft(template, draft);
    const citation = node ? (rendered.provisions.find((p) => p.id === node)?.citation ?? null) : null;
    return { rendered, node, citation };
  }
  /** Bilateral: the bilateral model first and recommended, each by what it is for. */
  async listTemplateChoices(negotiationId: string): Promise<TemplateChoice[]> {
    const negotiation = this.#find(negotiationId);
    const wanted = negotiation.parties.length > 2 ? "multilateral" : "bilateral";
    const choices = this.templates
      .filter((t) => !t.implements)
      .map((t) => ({
        id: t.id,
        version: t.version,
        label: t.kind === "bilateral" ? "Test model — bilateral agreement" : "Test model — multilateral agreement",
        purpose: t.description ?? "",
        recommended: false,
      }));
    choices.sort((a, b) => Number(b.label.includes(wanted)) - Number(a.label.includes(wanted)));
    if (choices[0]) choices[0].recommended = true;
    return choices;
  }
  /** The edit merged with the stored draft as the backend does, or its refusal. */
  #merged(current: Draft, base: Draft, edit: Draft): Draft {
    const outcome = mergeDrafts(base, current, edit);
    if ("merged" in outcome) return structuredClone(outcome.merged);
    throw new BackendError(
      "changed_elsewhere",
      `This draft was changed elsewhere in the same place: ${outcome.conflict.join("; ")}.`,
      outcome.conflict.map((key) => ({ field: key, message: key })),
    );
  }
  async negotiationProcess(negotiationId: string): Promise<NegotiationProcess> {
    this.#find(negotiationId);
    return this.process.get(negotiationId);
  }
  #processWritable() {
    this.process.readOnly = this.startup.state === "ready" && this.startup.readOnly;
  }
  async setItemAnswer(negotiationId: string, itemId: string, answer: ItemAnswer): Promise<NegotiationProcess> {
    this.#find(negotiationId);
    this.#processWritable();
    return this.process.setAnswer(negotiationId, itemId, answer);
  }
  async setStepStatus(negotiationId: string, stepId: string, status: StepStatus, skipReason: string): Promise<NegotiationProcess> {
    this.#find(negotiationId);
    this.#processWritable();
    return this.process.setStatus(negotiationId, stepId, status, skipReason);
  }
  async recordGateDecision(negotiationId: string, stepId: string, decision: GateDecision): Promise<NegotiationProcess> {
    this.#find(negotiationId);
    this.#processWritable();
    return this.process.recordGate(negotiationId, stepId, decision);
  }
  async setCurrentStep(negotiationId: string, stepId: string): Promise<NegotiationProcess> {
    this.#find(negotiationId);
    this.#processWritable();
    return this.process.makeCurrent(negotiationId, stepId);
  }
  async switchProcessVersion(negotiationId: string, _processId: string, version: string): Promise<ProcessSwitch> {
    this.#find(negotiationId);
    return this.process.switchVersion(negotiationId, version);
  }
  async listProcesses(): Promise<ProcessSummary[]> {
    return structuredClone(this.process.summaries);
  }
  async importProcessFile(path: string): Promise<ProcessSummary> {
    return this.process.import(path);
  }
  async exportProcessFile(id: string, version: string, path: string): Promise<void> {
    this.process.export(id, version, path);
  }
  async chooseProcessFileToOpen(): Promise<string | null> {
    return this.process.openAnswer;
  }
  async chooseProcessFileToSave(): Promise<string | null> {
    return this.process.saveAnswer;
  }

  async listRevisions(negotiationId: string): Promise<Revision[]> {
    this.#find(negotiationId);
    return this.history.list(negotiationId);
  }

  async nameVersion(negotiationId: string, name: string): Promise<Revision> {
    return this.history.name(negotiationId, name);
  }

  async compareVersions(_negotiationId: string, before: VersionRef, after: VersionRef): Promise<Comparison> {
    this.history.compared.push([before, after]);
    return structuredClone(this.history.comparison);
  }

  async deviationReport(_negotiationId: string, _version: VersionRef): Promise<DeviationReport> {
    return structuredClone(this.history.deviation);
  }

  async initialVersion(negotiationId: string, number: number, initialledBy: string): Promise<Revision> {
    return this.history.initial(negotiationId, number, initialledBy);
  }

  async verifyInitialled(negotiationId: string, number: number): Promise<Verification> {
    return this.history.verify(negotiationId, number);
  }

  #readOnlyGuard(): void {
    if (this.startup.state === "ready" && this.startup.readOnly)
      throw new BackendError("read_only", "The database is a read-only copy.");
  }
  async getFeasibility(id: string): Promise<FeasibilityView> {
    return this.documents.feasibilityView(id, this.#find(id).parties);
  }
  async saveFeasibility(id: string, feasibility: Feasibility): Promise<FeasibilityView> {
    const parties = this.#find(id).parties;
    this.#readOnlyGuard();
    return this.documents.saveFeasibility(id, feasibility, parties);
  }
  async applyCoverageToDraft(id: string): Promise<FeasibilityView> {
    const parties = this.#find(id).parties;
    const view = this.documents.feasibilityView(id, parties);
    for (const chapter of view.chapters) {
      if (chapter.chosen !== null && this.documents.draftFlags) this.documents.draftFlags[chapter.flag] = chapter.chosen;
    }
    return this.documents.feasibilityView(id, parties);
  }
  /** What the simulator answers: a test sets a negotiation's view here (the arithmetic is the
   *  engine's, tested in Rust); a save keeps the setup and answers `simulationAfterSave`. */
  readonly simulations = new Map<string, SimulationView>();
  simulationAfterSave: ((setup: SimulationSetup, method: PensionMethod) => SimulationView) | null = null;
  async getSimulation(id: string): Promise<SimulationView> {
    this.#find(id);
    const view = this.simulations.get(id);
    if (!view) throw new BackendError("not_found", "No simulation set for this negotiation.");
    return structuredClone(view);
  }
  async saveSimulation(id: string, setup: SimulationSetup): Promise<SimulationView> {
    this.#readOnlyGuard();
    const view = await this.getSimulation(id);
    const next = this.simulationAfterSave ? this.simulationAfterSave(setup, view.draft.terms.method) : { ...view, setup };
    next.isExample = false;
    this.simulations.set(id, structuredClone(next));
    return next;
  }
  async setDraftMethod(id: string, method: PensionMethod): Promise<DraftTermsView> {
    this.#readOnlyGuard();
    const view = await this.getSimulation(id);
    const next = this.simulationAfterSave ? this.simulationAfterSave(view.setup, method) : view;
    next.draft = { ...view.draft, terms: { ...view.draft.terms, method } };
    this.simulations.set(id, structuredClone(next));
    return next.draft;
  }
  async getRatification(id: string): Promise<RatificationView> {
    return this.documents.ratificationView(id, this.#find(id).parties);
  }
  async saveRatification(id: string, ratification: Ratification): Promise<RatificationView> {
    const parties = this.#find(id).parties;
    this.#readOnlyGuard();
    this.documents.ratification.set(id, structuredClone(ratification));
    return this.documents.ratificationView(id, parties);
  }
  async getMonitoring(id: string): Promise<MonitoringView> {
    return this.documents.monitoringView(id, this.#find(id).parties);
  }
  async saveMonitoring(id: string, monitoring: Monitoring): Promise<MonitoringView> {
    const parties = this.#find(id).parties;
    this.#readOnlyGuard();
    this.documents.monitoring.set(id, structuredClone(monitoring));
    return this.documents.monitoringView(id, parties);
  }
  #arrangement(id: string): Arrangement | null {
    const draft = this.arrangements.get(id);
    if (!draft) return null;
    const template = this.templates.find((t) => t.id === draft.template_id)!;
    const links = (template.node ?? [])
      .filter((n) => n.kind === "article")
      .map((n, i) => ({ node: n.id, target: `M${i + 1}`, at: { state: "in_agreement" as const, article: `Article ${i + 7}` } }));
    return {
      negotiationId: id,
      template,
      ...renderDraft(template, draft),
      links,
      agreementNumbering: this.drafts.has(id) ? "draft" : "model",
    };
  }
  async getArrangement(id: string): Promise<Arrangement | null> {
    this.#find(id);
    return this.#arrangement(id);
  }
  async startArrangement(id: string): Promise<Arrangement> {
    this.#find(id);
    this.#readOnlyGuard();
    const template = this.templates[0];
    this.arrangements.set(id, { template_id: template.id, template_version: template.version });
    return this.#arrangement(id)!;
  }
  async editArrangement(id: string, base: Draft, draft: Draft): Promise<Rendered> {
    this.#find(id);
    this.#readOnlyGuard();
    const stored = this.#merged(this.arrangements.get(id) ?? base, base, draft);
    this.arrangements.set(id, stored);
    const template = this.templates.find((t) => t.id === stored.template_id)!;
    return renderDraft(template, stored);
  }

  async positionsView(negotiationId: string, roundId: string | null): Promise<PositionsView> {
    this.#find(negotiationId);
    return this.roundsModel.view(roundId);
  }
  async addRound(negotiationId: string): Promise<Round> {
    this.#find(negotiationId);
    return this.roundsModel.addRound();
  }
  async saveRound(negotiationId: string, round: Round): Promise<Round> {
    this.#find(negotiationId);
    return this.roundsModel.saveRound(round);
  }
  async savePosition(negotiationId: string, roundId: string, nodeId: string, input: PositionInput): Promise<Position> {
    this.#find(negotiationId);
    return this.roundsModel.savePosition(roundId, nodeId, input);
  }
  async listComments(negotiationId: string, nodeId: string): Promise<Comment[]> {
    this.#find(negotiationId);
    return this.roundsModel.listComments(nodeId);
  }
  async addComment(negotiationId: string, input: CommentInput): Promise<Comment[]> {
    this.#find(negotiationId);
    return this.roundsModel.addComment(input);
  }
  async setCommentResolved(negotiationId: string, commentId: string, resolved: boolean): Promise<Comment[]> {
    this.#find(negotiationId);
    return this.roundsModel.setCommentResolved(commentId, resolved);
  }
  async mandateView(negotiationId: string): Promise<MandateView> {
    this.#find(negotiationId);
    return this.roundsModel.mandateView();
  }
  async saveMandateEntry(negotiationId: string, entry: MandateEntry): Promise<MandateEntry> {
    this.#find(negotiationId);
    return this.roundsModel.saveMandateEntry(entry);
  }
  async exportExchangeFile(negotiationId: string, version: string | null, path: string): Promise<ExchangeExport> {
    this.#find(negotiationId);
    return this.roundsModel.exportFile(version, path);
  }
  async importExchangeFile(negotiationId: string): Promise<ExchangeImport> {
    this.#find(negotiationId);
    return this.roundsModel.importFile();
  }
  async chooseExchangeFileToOpen(): Promise<string | null> {
    return this.roundsModel.openAnswer;
  }
  async chooseExchangeFileToSave(): Promise<string | null> {
    return this.roundsModel.saveAnswer;
  }

  get #databasePath(): string {
    return this.startup.databasePath;
  }
  async unlock(passphrase: string): Promise<Startup> {
    if (this.startup.state !== "locked") return this.startup;
    this.security.tryPassphrase(passphrase);
    this.startup = { state: "ready", readOnly: false, encrypted: true, databasePath: this.#databasePath, created: false, backupPath: null };
    return this.startup;
  }
  async lockWorkbench(reason: LockReason): Promise<Startup> {
    if (this.startup.state !== "ready" || !this.startup.encrypted)
      throw new BackendError("invalid_input", "This database has no passphrase, so it cannot be locked.");
    this.startup = this.security.locked(reason, this.#databasePath);
    return this.startup;
  }
  /** Puts the fake in the state the app starts in on an encrypted database. */
  lockedAtStart(passphrase: string): void {
    this.security.passphrase = passphrase;
    this.startup = this.security.locked("start", this.#databasePath);
  }
  async encryptionStatus(): Promise<Encryption> {
    return this.security.status(this.startup.state === "ready" && this.startup.encrypted);
  }
  async encryptDatabase(passphrase: string): Promise<Encryption> {
    this.security.check(passphrase);
    this.security.passphrase = passphrase;
    if (this.startup.state === "ready") this.startup = { ...this.startup, encrypted: true };
    return this.security.status(true);
  }
  async changePassphrase(current: string, next: string): Promise<Encryption> {
    this.security.tryPassphrase(current);
    this.security.check(next);
    this.security.passphrase = next;
    return this.security.status(true);
  }
  async setLockAfter(minutes: number): Promise<Encryption> {
    this.security.lockAfterMinutes = minutes;
    return this.security.status(true);
  }
  async signingKeys(): Promise<Keys> {
    return this.security.keys;
  }
  async trustKey(delegation: string, fingerprint: string): Promise<Keys> {
    return this.security.trust(delegation, fingerprint);
  }
  async untrustKey(delegation: string, fingerprint: string): Promise<Keys> {
    this.security.keys = {
      ...this.security.keys,
      trusted: this.security.keys.trusted.filter((k) => !(k.delegation === delegation && k.fingerprint.hex === fingerprint)),
    };
    return this.security.keys;
  }
  async chooseSignedFileToOpen(): Promise<string | null> {
    return "/exports/agreement.pdf";
  }
  async verifySignedFile(): Promise<Signer> {
    return this.security.verify();
  }
  async onLockRequested(handler: (reason: LockReason) => void): Promise<() => void> {
    this.security.lockHandlers.push(handler);
    return () => {};
  }
  async onLocked(handler: (reason: LockReason) => void): Promise<() => void> {
    this.security.lockedHandlers.push(handler);
    return () => {};
  }

  async listScenarios(): Promise<ScenarioSummary[]> {
    return [workshopScenario()];
  }
  async listWorkshops(): Promise<WorkshopSummary[]> {
    return [...this.workshop.workshops];
  }
  async createWorkshop(input: WorkshopInput, folder: string): Promise<WorkshopCreated> {
    return this.workshop.create(input, folder);
  }
  async workshopDesk(id: string): Promise<WorkshopDesk> {
    return this.workshop.desk(id);
  }
  async workshopAction(id: string, action: DeskAction): Promise<WorkshopDesk> {
    return this.workshop.act(id, action);
  }
  async collectExchangeFile(id: string, path: string): Promise<CollectedFile> {
    return this.workshop.collect(id, path);
  }
  async workshopDebrief(id: string): Promise<Debrief> {
    const found = this.workshop.debriefs.get(id);
    if (!found) throw new BackendError("not_found", `There is no workshop with id ${id}.`);
    return found;
  }
  async exportWorkshopPdf(_id: string, _document: WorkshopPdf, path: string): Promise<ExportResult> {
    return { path, pages: 2, bytes: 1000, signaturePath: null, openParticulars: 0 };
  }
  async joinTeamPack(): Promise<Negotiation> {
    const joined = negotiation({ id: `n${this.#next++}`, title: "Marisol and Eldmark — group 1, team A (Marisol)" });
    this.negotiations.push(joined);
    return { ...joined };
  }
  async teamBrief(negotiationId: string): Promise<TeamBrief | null> {
    return this.workshop.briefs.get(negotiationId) ?? null;
  }
  async listTeamNegotiations(): Promise<TeamBrief[]> {
    return [...this.workshop.briefs.values()];
  }
  async trainingStatus(): Promise<Training> {
    return this.workshop.training;
  }
  async switchDataFolder(): Promise<void> {}
  async chooseWorkshopFolder(): Promise<string | null> {
    return this.workshop.folder;
  }
  async chooseTrainingFolder(): Promise<string | null> {
    return "/training";
  }
  async chooseTeamPackToOpen(): Promise<string | null> {
    return this.workshop.teamPack;
  }
}
