// The template library's part of the Backend contract: browse, duplicate, edit, import and
// export model agreements. The native file dialogs are here too, so that components never see
// Tauri and tests can answer them with a path (or null: the person cancelled).
import type { Problem, Template, TemplateSummary } from "./types";

export interface TemplateBackend {
  getTemplate(id: string, version: string): Promise<Template>;
  /** Duplicates a template into a new one of the user's own (version 1.0.0). */
  deriveTemplate(id: string, version: string, newId: string, newTitle: string): Promise<TemplateSummary>;
  /** Saves an edited template; returns its warnings. Errors refuse the save (BackendError.problems). */
  saveTemplate(template: Template): Promise<Problem[]>;
  deleteTemplate(id: string, version: string): Promise<void>;
  importTemplateFile(path: string): Promise<TemplateSummary>;
  exportTemplateFile(id: string, version: string, path: string): Promise<void>;
  /** Native "open" dialog for a template file; null when cancelled. */
  chooseTemplateFileToOpen(): Promise<string | null>;
  /** Native "save" dialog for a template file; null when cancelled. */
  chooseTemplateFileToSave(defaultName: string): Promise<string | null>;
}
