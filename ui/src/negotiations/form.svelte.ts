// The particulars of a negotiation as a form: used by the create dialog and the overview.
// Cheap rules are checked as the person types (the same rules the backend applies); problems
// the backend reports are shown beside the input their `field` path names.
import type { FieldProblem, Negotiation, NegotiationInput, PartyRole } from "../lib/backend";
import type { MessageKey } from "../lib/i18n";

export const TITLE_MAX_CHARS = 300;
export const NOTES_MAX_CHARS = 20_000;
export const OFFERED_LANGUAGES = ["en", "fr", "es"] as const;

export interface PartyFields {
  name: string;
  isoCode: string;
  role: PartyRole;
}

/** A problem found here, before asking the backend: a message key and its parameters. */
export interface LocalProblem {
  key: MessageKey;
  params?: Record<string, string | number>;
}

/** What a field shows: a localized local problem, or the backend's message. */
export type Problem = { local: LocalProblem } | { server: string };

const ISO_COUNTRY = /^[A-Z]{2,3}$/;
const ISO_LANGUAGE = /^[a-z]{2}$/;

export const partyField = (index: number, part: "name" | "iso_code" | "role") =>
  `parties[${index}].${part}`;

export class NegotiationForm {
  title = $state("");
  parties = $state<PartyFields[]>([
    { name: "", isoCode: "", role: "own" },
    { name: "", isoCode: "", role: "counterpart" },
  ]);
  languages = $state<string[]>(["en"]);
  otherLanguage = $state("");
  notes = $state("");

  /** Fields the person has left (or typed in): their local problems are shown. */
  touched = $state<Record<string, boolean>>({});
  /** After a submit attempt every local problem is shown. */
  showAll = $state(false);
  server = $state<FieldProblem[]>([]);
  otherLanguageProblem = $state<LocalProblem | null>(null);

  static from(negotiation: Negotiation): NegotiationForm {
    const form = new NegotiationForm();
    form.title = negotiation.title;
    form.parties = negotiation.parties.map((p) => ({ name: p.name, isoCode: p.isoCode, role: p.role }));
    form.languages = [...negotiation.workingLanguages];
    form.notes = negotiation.notes;
    return form;
  }

  /** Every problem the form can see by itself, by field path. */
  localProblems = $derived.by(() => {
    const problems = new Map<string, LocalProblem>();
    const title = this.title.trim();
    if (title === "") problems.set("title", { key: "validation.titleRequired" });
    else if ([...title].length > TITLE_MAX_CHARS)
      problems.set("title", { key: "validation.titleTooLong", params: { max: TITLE_MAX_CHARS } });
    if (this.parties.length < 2) problems.set("parties", { key: "validation.twoParties" });
    else if (this.parties.filter((p) => p.role === "own").length !== 1)
      problems.set("parties", { key: "validation.oneOwn" });
    const seen = new Set<string>();
    this.parties.forEach((party, index) => {
      if (party.name.trim() === "") problems.set(partyField(index, "name"), { key: "validation.nameRequired" });
      const code = party.isoCode.trim().toUpperCase();
      if (!ISO_COUNTRY.test(code)) problems.set(partyField(index, "iso_code"), { key: "validation.codeInvalid" });
      else if (seen.has(code)) problems.set(partyField(index, "iso_code"), { key: "validation.codeDuplicate" });
      seen.add(code);
    });
    if (this.languages.length === 0) problems.set("working_languages", { key: "validation.languagesRequired" });
    if ([...this.notes].length > NOTES_MAX_CHARS)
      problems.set("notes", { key: "validation.notesTooLong", params: { max: NOTES_MAX_CHARS } });
    return problems;
  });

  /** Something was typed: closing the form would lose it. */
  get typed(): boolean {
    return (
      this.title.trim() !== "" ||
      this.notes.trim() !== "" ||
      this.otherLanguage.trim() !== "" ||
      this.parties.some((p) => p.name.trim() !== "" || p.isoCode.trim() !== "")
    );
  }

  get valid(): boolean {
    return this.localProblems.size === 0;
  }

  /** The problem to show beside `field`, if any. */
  problem(field: string): Problem | null {
    const local = this.localProblems.get(field);
    if (local && (this.showAll || this.touched[field])) return { local };
    const server = this.server.find((p) => p.field === field);
    if (server) return { server: server.message };
    return null;
  }

  /** Problems from the backend whose field no input here shows (shown at the top of the form). */
  get unplacedServerProblems(): FieldProblem[] {
    return this.server.filter((p) => !this.knownField(p.field));
  }

  private knownField(field: string): boolean {
    if (["title", "parties", "working_languages", "notes"].includes(field)) return true;
    const match = /^parties\[(\d+)\]\.(name|iso_code|role)$/.exec(field);
    return match !== null && Number(match[1]) < this.parties.length;
  }

  /** The person changed `field`: its local problem may now show, the backend's is stale. */
  edited(field: string): void {
    this.touched[field] = true;
    if (this.server.some((p) => p.field === field))
      this.server = this.server.filter((p) => p.field !== field);
  }

  setRole(index: number, role: PartyRole): void {
    // Only one party can be one's own side: choosing it for one makes the others counterparts.
    this.parties[index].role = role;
    if (role === "own") {
      this.parties.forEach((party, other) => {
        if (other !== index) party.role = "counterpart";
      });
    }
    this.edited("parties");
  }

  addParty(): void {
    this.parties.push({ name: "", isoCode: "", role: "counterpart" });
    this.edited("parties");
  }

  removeParty(index: number): void {
    if (this.parties.length <= 2) return;
    this.parties.splice(index, 1);
    // Indexes after the removed row have shifted: the backend's problems no longer match.
    this.server = this.server.filter((p) => !p.field.startsWith("parties"));
    const touched: Record<string, boolean> = {};
    for (const [field, value] of Object.entries(this.touched))
      if (!field.startsWith("parties[")) touched[field] = value;
    this.touched = touched;
    this.edited("parties");
  }

  toggleLanguage(code: string, on: boolean): void {
    if (on && !this.languages.includes(code)) this.languages.push(code);
    if (!on) this.languages = this.languages.filter((l) => l !== code);
    this.edited("working_languages");
  }

  /** Adds the code typed in "another language"; false (with a problem) when it is not valid. */
  addOtherLanguage(): boolean {
    const code = this.otherLanguage.trim().toLowerCase();
    if (!ISO_LANGUAGE.test(code)) {
      this.otherLanguageProblem = { key: "validation.languageInvalid" };
      return false;
    }
    if (this.languages.includes(code)) {
      this.otherLanguageProblem = { key: "validation.languageDuplicate" };
      return false;
    }
    this.otherLanguageProblem = null;
    this.languages.push(code);
    this.otherLanguage = "";
    this.edited("working_languages");
    return true;
  }

  /** The languages shown as check boxes: the offered three, then any other chosen ones. */
  get languageChoices(): string[] {
    return [...OFFERED_LANGUAGES, ...this.languages.filter((l) => !(OFFERED_LANGUAGES as readonly string[]).includes(l))];
  }

  toInput(): NegotiationInput {
    return {
      title: this.title.trim(),
      parties: this.parties.map((p) => ({
        name: p.name.trim(),
        isoCode: p.isoCode.trim().toUpperCase(),
        role: p.role,
      })),
      workingLanguages: [...this.languages],
      notes: this.notes,
    };
  }

  /** The field path of the first problem shown, to move the focus there. */
  firstProblemField(): string | null {
    const order = ["title", ...this.parties.flatMap((_, i) => [partyField(i, "name"), partyField(i, "iso_code")]), "parties", "working_languages", "notes"];
    return order.find((field) => this.problem(field) !== null) ?? null;
  }
}
