// The desktop implementation of VersionBackend: one generated command per method.
import { commands } from "../bindings";
import { unwrap } from "./answer";
import type { VersionBackend } from "./versionBackend";

export function tauriVersionBackend(): VersionBackend {
  return {
    listRevisions: (negotiationId) => unwrap(() => commands.listRevisions(negotiationId)),
    nameVersion: (negotiationId, name) => unwrap(() => commands.nameVersion(negotiationId, name)),
    compareVersions: (negotiationId, before, after) =>
      unwrap(() => commands.compareVersions(negotiationId, before, after)),
    deviationReport: (negotiationId, version) => unwrap(() => commands.deviationReport(negotiationId, version)),
    initialVersion: (negotiationId, number, initialledBy) =>
      unwrap(() => commands.initialVersion(negotiationId, number, initialledBy)),
    verifyInitialled: (negotiationId, number) => unwrap(() => commands.verifyInitialled(negotiationId, number)),
  };
}
