// The step documents for the test backend: stored whole per negotiation, with views the tests
// can shape (suggestions, chapters, the entry-into-force outcome) as the real backend computes
// them. Refusals are raised with `failNext` on the FakeBackend like any other method.
import type {
  ChapterChoice,
  Feasibility,
  FeasibilityView,
  Monitoring,
  MonitoringView,
  Party,
  Ratification,
  RatificationView,
} from "../lib/backend";

const FLAGS: ChapterChoice[] = [
  { flag: "branch.sickness", branches: ["medical_care", "sickness", "maternity"], chosen: null, inDraft: null },
  { flag: "branch.pensions", branches: ["old_age", "invalidity", "survivors"], chosen: null, inDraft: true },
  { flag: "branch.employment_injury", branches: ["employment_injury"], chosen: null, inDraft: false },
  { flag: "branch.unemployment", branches: ["unemployment"], chosen: null, inDraft: false },
  { flag: "branch.family", branches: ["family"], chosen: null, inDraft: false },
];

export class FakeDocuments {
  readonly feasibility = new Map<string, Feasibility>();
  readonly ratification = new Map<string, Ratification>();
  readonly monitoring = new Map<string, Monitoring>();
  /** What the next feasibility views say the draft has, per flag (null: no draft). */
  draftFlags: Record<string, boolean> | null = { "branch.pensions": true };
  /** The entry-into-force part of ratification views. */
  entry: Pick<RatificationView, "entryIntoForce" | "entryMonths" | "monthsSource" | "ruleArticle" | "ruleText"> = {
    entryIntoForce: { state: "not_computable", reason: { kind: "missing_notification", party: "XB" } },
    entryMonths: 2,
    monthsSource: "template_default",
    ruleArticle: "Article 31",
    ruleText: [{ kind: "text", text: "This Agreement shall enter into force on the first day of the month…" }],
  };

  feasibilityView(id: string, parties: Party[]): FeasibilityView {
    const feasibility = structuredClone(this.feasibility.get(id) ?? { schemes: [], corridor: [], coverage: {}, notes: "" });
    const coverage = (feasibility.coverage ?? {}) as Record<string, string>;
    const chapters = FLAGS.map((chapter) => {
      const decided = chapter.branches.map((b) => coverage[b]).filter((c) => c !== undefined);
      const chosen = decided.length === 0 ? null : decided.includes("covered");
      const inDraft = this.draftFlags ? (this.draftFlags[chapter.flag] ?? false) : null;
      return { ...chapter, chosen, inDraft };
    });
    const suggestions = chapters
      .flatMap((c) => c.branches)
      .map((branch) => ({
        branch,
        suggestion: "incomplete" as const,
        reason: { kind: "not_compared" as const, party: parties[0]?.isoCode ?? "XA" },
      }));
    return { negotiationId: id, parties, feasibility, suggestions, chapters, hasDraft: this.draftFlags !== null };
  }

  /** Stores the study and, like the backend, carries a changed choice into the draft's flags. */
  saveFeasibility(id: string, feasibility: Feasibility, parties: Party[]): FeasibilityView {
    const before = this.feasibilityView(id, parties).chapters;
    this.feasibility.set(id, structuredClone(feasibility));
    const after = this.feasibilityView(id, parties).chapters;
    if (this.draftFlags) {
      for (const chapter of after) {
        const old = before.find((c) => c.flag === chapter.flag)?.chosen ?? null;
        if (chapter.chosen !== null && chapter.chosen !== old) this.draftFlags[chapter.flag] = chapter.chosen;
      }
    }
    return this.feasibilityView(id, parties);
  }

  ratificationView(id: string, parties: Party[]): RatificationView {
    return {
      negotiationId: id,
      parties,
      ratification: structuredClone(this.ratification.get(id) ?? { parties: [] }),
      hasDraft: this.draftFlags !== null,
      warnings: [],
      ...this.entry,
    };
  }

  monitoringView(id: string, parties: Party[]): MonitoringView {
    return {
      negotiationId: id,
      parties,
      monitoring: structuredClone(this.monitoring.get(id) ?? { indicators: [], reviews: [] }),
    };
  }
}
