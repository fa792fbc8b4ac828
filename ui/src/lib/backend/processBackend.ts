// The process's part of the Backend contract: a negotiation's progress through the eight
// steps (answers, statuses, gate decisions, current step, moving to a newer version) and the
// process files (list, import, export) with their native dialogs, so components never see
// Tauri and tests can answer the dialogs with a path (or null: the person cancelled).
import type {
  GateDecision,
  ItemAnswer,
  NegotiationProcess,
  ProcessSummary,
  ProcessSwitch,
  StepStatus,
} from "./types";

export interface ProcessBackend {
  negotiationProcess(negotiationId: string): Promise<NegotiationProcess>;
  /** Ticks or unticks an item with who, when, note and file references; answers the whole view. */
  setItemAnswer(negotiationId: string, itemId: string, answer: ItemAnswer): Promise<NegotiationProcess>;
  /** Skipping needs a reason (refused with a BackendError otherwise). */
  setStepStatus(
    negotiationId: string,
    stepId: string,
    status: StepStatus,
    skipReason: string,
  ): Promise<NegotiationProcess>;
  /** A "go" on the current step moves the current step on. */
  recordGateDecision(negotiationId: string, stepId: string, decision: GateDecision): Promise<NegotiationProcess>;
  setCurrentStep(negotiationId: string, stepId: string): Promise<NegotiationProcess>;
  /** Moves the negotiation to another stored version, keeping answers whose item ids match. */
  switchProcessVersion(negotiationId: string, processId: string, version: string): Promise<ProcessSwitch>;
  listProcesses(): Promise<ProcessSummary[]>;
  importProcessFile(path: string): Promise<ProcessSummary>;
  exportProcessFile(id: string, version: string, path: string): Promise<void>;
  /** Native "open" dialog for a process file; null when cancelled. */
  chooseProcessFileToOpen(): Promise<string | null>;
  /** Native "save" dialog for a process file; null when cancelled. */
  chooseProcessFileToSave(defaultName: string): Promise<string | null>;
}
