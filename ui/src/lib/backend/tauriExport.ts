// The desktop implementation of ExportBackend: commands; the native save dialog is shown from Rust, which
// accepts only the paths it returned.
import { commands } from "../bindings";
import { unwrap } from "./answer";
import type { ExportBackend } from "./exportBackend";

export function tauriExportBackend(): ExportBackend {
  return {
    choosePdfFileToSave: (defaultName) => unwrap(() => commands.chooseFileToSave("pdf", defaultName)),
    exportPdf: (negotiationId, document, language, path) =>
      unwrap(() => commands.exportPdf(negotiationId, document, language, path)),
    openExportedFile: async (path) => {
      await unwrap(() => commands.openExportedFile(path));
    },
  };
}
