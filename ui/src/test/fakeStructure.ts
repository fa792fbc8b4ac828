// Structure edits of a draft for the fake backend, stored the way ssa-core's `template::edit`
// stores them (added provisions `new-N`, a parent's full child list in `order`, deletions of
// model provisions through `inclusion`), for the cases the UI tests use.
import { BackendError, type Draft, type StructureEdit, type Template } from "../lib/backend";
import { childIds, draftNode } from "./fakeAgreement";

function parentOf(template: Template, draft: Draft, id: string): string | null | undefined {
  const walk = (parent: string | null): string | null | undefined => {
    for (const child of childIds(template, draft, parent)) {
      if (child === id) return parent;
      const inner = walk(child);
      if (inner !== undefined) return inner;
    }
    return undefined;
  };
  return walk(null);
}

function refuse(message: string): never {
  throw new BackendError("invalid_input", message);
}

/** The draft after `edit`, and the provision it made or moved. */
export function applyStructureEdit(template: Template, current: Draft, edit: StructureEdit): { draft: Draft; node: string | null } {
  const draft = structuredClone(current);
  const setChildren = (parent: string | null, ids: string[]) => {
    draft.order = { ...(draft.order ?? {}), [parent ?? ""]: ids };
  };
  const known = (id: string) => {
    const node = draftNode(template, draft, id);
    if (!node) refuse("There is no such provision in this draft.");
    return node;
  };
  switch (edit.op) {
    case "add": {
      const next = Object.keys(draft.added ?? {}).length + 1;
      const id = `new-${next}`;
      let parent: string | null;
      let index: number;
      if (edit.place.at === "end") {
        parent = null;
        index = childIds(template, draft, null).length;
      } else if (edit.place.at === "after" || edit.place.at === "before") {
        known(edit.place.id);
        parent = parentOf(template, draft, edit.place.id) ?? null;
        index = childIds(template, draft, parent).indexOf(edit.place.id) + (edit.place.at === "after" ? 1 : 0);
      } else {
        known(edit.place.id);
        parent = edit.place.id;
        index = edit.place.at === "first_in" ? 0 : childIds(template, draft, parent).length;
      }
      const children = childIds(template, draft, parent);
      children.splice(index, 0, id);
      setChildren(parent, children);
      draft.added = { ...(draft.added ?? {}), [id]: { kind: edit.kind } };
      if (edit.heading) draft.headings = { ...(draft.headings ?? {}), [id]: edit.heading };
      draft.custom_wording = { ...(draft.custom_wording ?? {}), [id]: edit.text };
      return { draft, node: id };
    }
    case "move_up":
    case "move_down": {
      known(edit.id);
      const parent = parentOf(template, draft, edit.id) ?? null;
      const children = childIds(template, draft, parent);
      const at = children.indexOf(edit.id);
      const to = edit.op === "move_up" ? at - 1 : at + 1;
      if (to < 0 || to >= children.length) refuse("This provision cannot move further.");
      [children[at], children[to]] = [children[to], children[at]];
      setChildren(parent, children);
      return { draft, node: edit.id };
    }
    case "move": {
      known(edit.id);
      if (edit.place.at !== "after") refuse("The fake moves after a provision only.");
      const from = parentOf(template, draft, edit.id) ?? null;
      setChildren(from, childIds(template, draft, from).filter((id) => id !== edit.id));
      const parent = parentOf(template, draft, edit.place.id) ?? null;
      const children = childIds(template, draft, parent);
      children.splice(children.indexOf(edit.place.id) + 1, 0, edit.id);
      setChildren(parent, children);
      return { draft, node: edit.id };
    }
    case "delete": {
      known(edit.id);
      if (draft.added?.[edit.id]) {
        const parent = parentOf(template, draft, edit.id) ?? null;
        setChildren(parent, childIds(template, draft, parent).filter((id) => id !== edit.id));
        const { [edit.id]: _gone, ...added } = draft.added;
        draft.added = added;
      } else {
        draft.inclusion = { ...(draft.inclusion ?? {}), [edit.id]: false };
      }
      return { draft, node: null };
    }
    case "restore": {
      known(edit.id);
      const { [edit.id]: _gone, ...inclusion } = draft.inclusion ?? {};
      draft.inclusion = inclusion;
      return { draft, node: edit.id };
    }
    case "heading": {
      known(edit.id);
      const { [edit.id]: _old, ...headings } = draft.headings ?? {};
      draft.headings = edit.heading === null ? headings : { ...headings, [edit.id]: edit.heading };
      return { draft, node: edit.id };
    }
    case "title":
      draft.title = edit.title;
      return { draft, node: null };
    default:
      refuse("The fake backend does not make this edit.");
  }
}
