// The desktop implementation of DocumentBackend: one generated command per method.
import { commands } from "../bindings";
import { unwrap } from "./answer";
import type { DocumentBackend } from "./documentBackend";

export function tauriDocumentBackend(): DocumentBackend {
  return {
    getFeasibility: (id) => unwrap(() => commands.getFeasibility(id)),
    saveFeasibility: (id, feasibility) => unwrap(() => commands.saveFeasibility(id, feasibility)),
    applyCoverageToDraft: (id) => unwrap(() => commands.applyCoverageToDraft(id)),
    getRatification: (id) => unwrap(() => commands.getRatification(id)),
    saveRatification: (id, ratification) => unwrap(() => commands.saveRatification(id, ratification)),
    getMonitoring: (id) => unwrap(() => commands.getMonitoring(id)),
    saveMonitoring: (id, monitoring) => unwrap(() => commands.saveMonitoring(id, monitoring)),
    getArrangement: (id) => unwrap(() => commands.getArrangement(id)),
    startArrangement: (id) => unwrap(() => commands.startArrangement(id)),
    editArrangement: (id, base, draft) => unwrap(() => commands.editArrangement(id, base, draft)),
    getSimulation: (id, language) => unwrap(() => commands.getSimulation(id, language)),
    saveSimulation: (id, setup, language) => unwrap(() => commands.saveSimulation(id, setup, language)),
    setDraftMethod: (id, method) => unwrap(() => commands.setDraftMethod(id, method)),
  };
}
