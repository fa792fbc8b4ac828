// The desktop implementation of ExportBackend: commands plus the native save dialog.
import { save } from "@tauri-apps/plugin-dialog";
import { commands } from "../bindings";
import { unwrap } from "./answer";
import { BackendError } from "./backend";
import type { ExportBackend } from "./exportBackend";

const PDF = [{ name: "PDF", extensions: ["pdf"] }];

export function tauriExportBackend(): ExportBackend {
  return {
    choosePdfFileToSave: async (defaultName) => {
      try {
        return (await save({ defaultPath: defaultName, filters: PDF })) ?? null;
      } catch (error) {
        throw BackendError.from(error);
      }
    },
    exportPdf: (negotiationId, document, language, path) =>
      unwrap(() => commands.exportPdf(negotiationId, document, language, path)),
    openExportedFile: async (path) => {
      await unwrap(() => commands.openExportedFile(path));
    },
  };
}
