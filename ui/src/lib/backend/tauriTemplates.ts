// The desktop implementation of TemplateBackend: commands plus the native file dialogs.
import { open, save } from "@tauri-apps/plugin-dialog";
import { commands } from "../bindings";
import { unwrap } from "./answer";
import { BackendError } from "./backend";
import type { TemplateBackend } from "./templateBackend";


const FILTERS = [{ name: "Template", extensions: ["toml"] }];

export function tauriTemplateBackend(): TemplateBackend {
  return {
    getTemplate: (id, version) => unwrap(() => commands.getTemplate(id, version)),
    deriveTemplate: (id, version, newId, newTitle) =>
      unwrap(() => commands.deriveTemplate(id, version, newId, newTitle)),
    saveTemplate: (template) => unwrap(() => commands.saveTemplate(template)),
    deleteTemplate: async (id, version) => {
      await unwrap(() => commands.deleteTemplate(id, version));
    },
    importTemplateFile: (path) => unwrap(() => commands.importTemplateFile(path)),
    exportTemplateFile: async (id, version, path) => {
      await unwrap(() => commands.exportTemplateFile(id, version, path));
    },
    chooseTemplateFileToOpen: async () => {
      try {
        const picked = await open({ multiple: false, directory: false, filters: FILTERS });
        return typeof picked === "string" ? picked : null;
      } catch (error) {
        throw BackendError.from(error);
      }
    },
    chooseTemplateFileToSave: async (defaultName) => {
      try {
        return (await save({ defaultPath: defaultName, filters: FILTERS })) ?? null;
      } catch (error) {
        throw BackendError.from(error);
      }
    },
  };
}
