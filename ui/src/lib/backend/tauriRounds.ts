// The desktop implementation of RoundsBackend: commands; the native file dialogs are shown from Rust, which
// accepts only the paths they returned.
import { commands } from "../bindings";
import { unwrap } from "./answer";
import type { RoundsBackend } from "./roundsBackend";

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
    chooseExchangeFileToOpen: () => unwrap(() => commands.chooseFileToOpen("exchange")),
    chooseExchangeFileToSave: (defaultName) => unwrap(() => commands.chooseFileToSave("exchange", defaultName)),
  };
}
