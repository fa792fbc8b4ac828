// The desktop implementation of TemplateBackend: commands; the native file dialogs are shown from Rust, which
// accepts only the paths they returned.
import { commands } from "../bindings";
import { unwrap } from "./answer";
import type { TemplateBackend } from "./templateBackend";

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
    chooseTemplateFileToOpen: () => unwrap(() => commands.chooseFileToOpen("template")),
    chooseTemplateFileToSave: (defaultName) => unwrap(() => commands.chooseFileToSave("template", defaultName)),
  };
}
