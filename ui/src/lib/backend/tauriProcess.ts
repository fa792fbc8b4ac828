// The desktop implementation of ProcessBackend: commands; the native file dialogs are shown from Rust, which
// accepts only the paths they returned.
import { commands } from "../bindings";
import { unwrap } from "./answer";
import type { ProcessBackend } from "./processBackend";

export function tauriProcessBackend(): ProcessBackend {
  return {
    negotiationProcess: (negotiationId) => unwrap(() => commands.negotiationProcess(negotiationId)),
    setItemAnswer: (negotiationId, itemId, answer) =>
      unwrap(() => commands.setItemAnswer(negotiationId, itemId, answer)),
    setStepStatus: (negotiationId, stepId, status, skipReason) =>
      unwrap(() => commands.setStepStatus(negotiationId, stepId, status, skipReason)),
    recordGateDecision: (negotiationId, stepId, decision) =>
      unwrap(() => commands.recordGateDecision(negotiationId, stepId, decision)),
    setCurrentStep: (negotiationId, stepId) => unwrap(() => commands.setCurrentStep(negotiationId, stepId)),
    switchProcessVersion: (negotiationId, processId, version) =>
      unwrap(() => commands.switchProcessVersion(negotiationId, processId, version)),
    listProcesses: () => unwrap(() => commands.listProcesses()),
    importProcessFile: (path) => unwrap(() => commands.importProcessFile(path)),
    exportProcessFile: async (id, version, path) => {
      await unwrap(() => commands.exportProcessFile(id, version, path));
    },
    chooseProcessFileToOpen: () => unwrap(() => commands.chooseFileToOpen("process")),
    chooseProcessFileToSave: (defaultName) => unwrap(() => commands.chooseFileToSave("process", defaultName)),
  };
}
