// The template library of the test fake: derive, save (with a little validation), delete,
// import (which fails with a full report unless told a file's template) and export.
import { BackendError, type Problem, type Template, type TemplateSummary } from "../lib/backend";

export type Origin = "shipped" | "imported" | "derived";

export class FakeTemplateLibrary {
  readonly templates: Template[];
  readonly origins = new Map<string, Origin>();
  /** Template files the open dialog can "read", by path. A path not here fails to import. */
  readonly files = new Map<string, Template>();
  /** Written by exportTemplateFile: path to the template's id@version. */
  readonly exported = new Map<string, string>();
  /** What the native dialogs answer (null: cancelled). */
  openAnswer: string | null = null;
  saveAnswer: string | null = null;
  /** Warnings the next saves return. */
  saveWarnings: Problem[] = [];

  constructor(templates: Template[]) {
    this.templates = templates;
  }

  #key(id: string, version: string) {
    return `${id}@${version}`;
  }

  origin(t: Template): Origin {
    return this.origins.get(this.#key(t.id, t.version)) ?? "shipped";
  }

  #find(id: string, version: string): Template {
    const found = this.templates.find((t) => t.id === id && t.version === version);
    if (!found) throw new BackendError("not_found", `There is no template ${id} ${version}.`);
    return found;
  }

  summaries(): TemplateSummary[] {
    return this.templates.map((t) => ({ id: t.id, version: t.version, title: t.title, origin: this.origin(t), implements: null }));
  }

  get(id: string, version: string): Template {
    return structuredClone(this.#find(id, version));
  }

  derive(id: string, version: string, newId: string, newTitle: string): TemplateSummary {
    if (!/^[a-z][a-z0-9-]*$/.test(newId))
      throw new BackendError("invalid_input", `"${newId}" cannot be a template id.`);
    if (this.templates.some((t) => t.id === newId))
      throw new BackendError("invalid_input", `A template with the id "${newId}" already exists; choose another id.`);
    const copy: Template = {
      ...structuredClone(this.#find(id, version)),
      id: newId,
      version: "1.0.0",
      title: newTitle,
      derived_from: { id, version },
    };
    this.templates.push(copy);
    this.origins.set(this.#key(newId, "1.0.0"), "derived");
    return { id: newId, version: "1.0.0", title: newTitle, origin: "derived", implements: null };
  }

  save(template: Template): Problem[] {
    const index = this.templates.findIndex((t) => t.id === template.id && t.version === template.version);
    if (index < 0) throw new BackendError("not_found", `There is no template ${template.id}.`);
    if (this.origin(this.templates[index]) === "shipped")
      throw new BackendError("invalid_input", `"${template.id}" is shipped with SSA Workbench and cannot be changed.`);
    const ids = new Set((template.node ?? []).map((n) => n.id));
    const problems = (template.node ?? []).flatMap((n) =>
      [...(n.text ?? "").matchAll(/\{\{ref:([^}]+)\}\}/g)]
        .filter((m) => !ids.has(m[1]))
        .map((m) => ({ field: n.id, message: `node ${n.id}: {{ref:${m[1]}}} refers to no node` })),
    );
    if (problems.length > 0)
      throw new BackendError(
        "invalid_input",
        `Template "${template.id}" has ${problems.length} error(s); nothing was saved.`,
        problems,
      );
    this.templates[index] = structuredClone(template);
    return this.saveWarnings;
  }

  delete(id: string, version: string): void {
    const found = this.#find(id, version);
    if (this.origin(found) === "shipped") throw new BackendError("invalid_input", "A shipped template cannot be deleted.");
    this.templates.splice(this.templates.indexOf(found), 1);
  }

  import(path: string): TemplateSummary {
    const template = this.files.get(path);
    if (!template)
      throw new BackendError(
        "invalid_input",
        `${path}: 2 errors; nothing was imported`,
        [
          { field: "", message: "line 3: unknown field `titel`" },
          { field: "art.2", message: "line 41: {{ref:art.9}} refers to no node" },
        ],
      );
    this.templates.push(structuredClone(template));
    this.origins.set(this.#key(template.id, template.version), "imported");
    return { id: template.id, version: template.version, title: template.title, origin: "imported", implements: null };
  }

  export(id: string, version: string, path: string): void {
    this.#find(id, version);
    this.exported.set(path, this.#key(id, version));
  }
}
