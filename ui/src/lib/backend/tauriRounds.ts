// The desktop implementation of RoundsBackend: commands plus the native file dialogs.
import { open, save } from "@tauri-apps/plugin-dialog";
import { commands } from "../bindings";
import { unwrap } from "./answer";
import { BackendError } from "./backend";
import type { RoundsBackend } from "./roundsBackend";

const FILTERS = [{ name: "SSA exchange file", extensions: ["json"] }];

export function tauriRoundsBackend(): RoundsBackend {
  return {
    positionsView: (negotiationId, roundId) => unwrap(() => commands.positionsView(negotiationId, roundId)),
    addRound: (negotiationId) => unwrap(() => commands.addRound(negotiationId)),
    saveRound: (negotiationId, round) => unwrap(() => commands.saveRound(negotiationId, round)),
    savePosition: (negotiationId, roundId, nodeId, input) =>
      unwrap(() => commands.savePosition(negotiationId, roundId, nodeId, input)),
    listComments: (negotiationId, nodeId) => unwrap(() => commands.listComments(negotiationId, nodeId)),
    addComment: (negotiationId, input) => unwrap(() => commands.addComment(negotiationId, input)),
    setCommentResolved: (negotiationId, commentId, resolved) =>
      unwrap(() => commands.setCommentResolved(negotiationId, commentId, resolved)),
    mandateView: (negotiationId) => unwrap(() => commands.mandateView(negotiationId)),
    saveMandateEntry: (negotiationId, entry) => unwrap(() => commands.saveMandateEntry(negotiationId, entry)),
    exportExchangeFile: (negotiationId, version, path) =>
      unwrap(() => commands.exportExchangeFile(negotiationId, version, path)),
    importExchangeFile: (negotiationId, path, round) =>
      unwrap(() => commands.importExchangeFile(negotiationId, path, round)),
    chooseExchangeFileToOpen: async () => {
      try {
        const picked = await open({ multiple: false, directory: false, filters: FILTERS });
        return typeof picked === "string" ? picked : null;
      } catch (error) {
        throw BackendError.from(error);
      }
    },
    chooseExchangeFileToSave: async (defaultName) => {
      try {
        return (await save({ defaultPath: defaultName, filters: FILTERS })) ?? null;
      } catch (error) {
        throw BackendError.from(error);
      }
    },
  };
}
