// Workshop mode's part of the Backend contract: scenarios, the facilitator's desk, team packs,
// the debrief and its PDFs, and the training data folder. The native dialogs are shown from
// Rust; the UI gets back a path to show and to hand to the command that uses it.
import type {
  CollectedFile,
  Debrief,
  DeskAction,
  ExportResult,
  Negotiation,
  ScenarioSummary,
  TeamBrief,
  Training,
  WorkshopCreated,
  WorkshopDesk,
  WorkshopInput,
  WorkshopPdf,
  WorkshopSummary,
} from "./types";

export interface WorkshopBackend {
  listScenarios(language: string): Promise<ScenarioSummary[]>;
  listWorkshops(): Promise<WorkshopSummary[]>;
  /** Writes the team packs and the facilitator's file into `folder` (from chooseWorkshopFolder). */
  createWorkshop(input: WorkshopInput, folder: string): Promise<WorkshopCreated>;
  workshopDesk(id: string): Promise<WorkshopDesk>;
  workshopAction(id: string, action: DeskAction): Promise<WorkshopDesk>;
  collectExchangeFile(id: string, path: string): Promise<CollectedFile>;
  workshopDebrief(id: string, language: string | null): Promise<Debrief>;
  exportWorkshopPdf(id: string, document: WorkshopPdf, path: string): Promise<ExportResult>;
  joinTeamPack(path: string): Promise<Negotiation>;
  teamBrief(negotiationId: string): Promise<TeamBrief | null>;
  listTeamNegotiations(): Promise<TeamBrief[]>;
  trainingStatus(): Promise<Training>;
  /** Starts the app again on the chosen training folder (null: the default folder). */
  switchDataFolder(folder: string | null): Promise<void>;
  chooseWorkshopFolder(): Promise<string | null>;
  chooseTrainingFolder(): Promise<string | null>;
  chooseTeamPackToOpen(): Promise<string | null>;
}
