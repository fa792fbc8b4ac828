// The desktop implementation of ProcessBackend: commands plus the native file dialogs.
import { open, save } from "@tauri-apps/plugin-dialog";
import { commands } from "../bindings";
import { unwrap } from "./answer";
import { BackendError } from "./backend";
import type { ProcessBackend } from "./processBackend";

const FILTERS = [{ name: "Process", extensions: ["toml"] }];

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
    chooseProcessFileToOpen: async () => {
      try {
        const picked = await open({ multiple: false, directory: false, filters: FILTERS });
        return typeof picked === "string" ? picked : null;
      } catch (error) {
        throw BackendError.from(error);
      }
    },
    chooseProcessFileToSave: async (defaultName) => {
      try {
        return (await save({ defaultPath: defaultName, filters: FILTERS })) ?? null;
      } catch (error) {
        throw BackendError.from(error);
      }
    },
  };
}
