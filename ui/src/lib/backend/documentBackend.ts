// The step documents' part of the Backend contract: the feasibility study, the signature and
// ratification record, the monitoring record (each read whole and saved whole) and the
// administrative arrangement (a second draft, edited like the agreement).
import type {
  Arrangement,
  Draft,
  DraftTermsView,
  Feasibility,
  PensionMethod,
  SimulationSetup,
  SimulationView,
  FeasibilityView,
  Monitoring,
  MonitoringView,
  Ratification,
  RatificationView,
  Rendered,
} from "./types";

export interface DocumentBackend {
  getFeasibility(negotiationId: string): Promise<FeasibilityView>;
  /** Saves the study; a changed coverage choice is carried into the draft agreement. */
  saveFeasibility(negotiationId: string, feasibility: Feasibility): Promise<FeasibilityView>;
  /** Sets every chapter the choice decides in the draft agreement. */
  applyCoverageToDraft(negotiationId: string): Promise<FeasibilityView>;
  getRatification(negotiationId: string): Promise<RatificationView>;
  saveRatification(negotiationId: string, ratification: Ratification): Promise<RatificationView>;
  getMonitoring(negotiationId: string): Promise<MonitoringView>;
  saveMonitoring(negotiationId: string, monitoring: Monitoring): Promise<MonitoringView>;
  /** The negotiation's administrative arrangement, or null when none has been started. */
  getArrangement(negotiationId: string): Promise<Arrangement | null>;
  startArrangement(negotiationId: string): Promise<Arrangement>;
  editArrangement(negotiationId: string, base: Draft, draft: Draft): Promise<Rendered>;
  /** The benefit simulator on its saved setup (or example rules), explanations in `language`. */
  getSimulation(negotiationId: string, language: string): Promise<SimulationView>;
  /** Saves the simulator's setup and answers its results; refused with each field's problem. */
  saveSimulation(negotiationId: string, setup: SimulationSetup, language: string): Promise<SimulationView>;
  /** Sets the draft agreement's pension method (an edit of the draft). */
  setDraftMethod(negotiationId: string, method: PensionMethod): Promise<DraftTermsView>;
}
