// The chosen language and the lookup of messages in it. One instance for the app: the choice is
// a person's, not a component's. Reading `i18n.lang` (directly or through t) inside a template
// makes that template follow a change of language.
import { en, type Dictionary, type MessageKey } from "./en";
import { es } from "./es";
import { fr } from "./fr";

export const LANGUAGES = ["en", "fr", "es"] as const;
export type Language = (typeof LANGUAGES)[number];

export const dictionaries: Record<Language, Dictionary> = { en, fr, es };

const STORAGE_KEY = "ssa.language";

export type Params = Record<string, string | number>;

function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

/** The stored choice, else the first of the system's languages we have, else English. */
export function initialLanguage(
  storage: Pick<Storage, "getItem"> | undefined = globalThis.localStorage,
  preferred: readonly string[] = globalThis.navigator?.languages ?? [],
): Language {
  try {
    const stored = storage?.getItem(STORAGE_KEY);
    if (isLanguage(stored)) return stored;
  } catch {
    // Storage may be unavailable; fall through to the system language.
  }
  for (const tag of preferred) {
    const base = tag.toLowerCase().split("-")[0];
    if (isLanguage(base)) return base;
  }
  return "en";
}

export function interpolate(template: string, params: Params = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export class I18n {
  lang = $state<Language>("en");

  constructor(lang: Language = initialLanguage()) {
    this.lang = lang;
  }

  /** Changes the language for the whole app and remembers it for the next start. */
  set(lang: Language): void {
    this.lang = lang;
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, lang);
    } catch {
      // Not remembered; the choice still holds for this session.
    }
    if (typeof document !== "undefined") document.documentElement.lang = lang;
  }

  t = (key: MessageKey, params?: Params): string => {
    const text = dictionaries[this.lang][key] ?? en[key] ?? key;
    return interpolate(text, params);
  };

  /** A plural message: looks up `${base}.one` or `${base}.other` by the language's rules. */
  tn = (base: string, count: number, params: Params = {}): string => {
    const category = new Intl.PluralRules(this.lang).select(count) === "one" ? "one" : "other";
    return this.t(`${base}.${category}` as MessageKey, { count, ...params });
  };

  /** Text the backend sends in several languages: ours, else English. */
  pick = (text: { en: string; fr?: string | null; es?: string | null }): string => {
    if (this.lang === "en") return text.en;
    const translated = text[this.lang];
    return translated && translated.trim() !== "" ? translated : text.en;
  };

  /** "5 minutes ago", "yesterday" within a week; a date otherwise. */
  when = (iso: string, now: Date = new Date()): string => formatWhen(iso, this.lang, now, this.t);

  /** A full date and time, for "created" and "last edited" details: the one date format, and the time. */
  dateTime = (iso: string): string => {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return iso;
    return new Intl.DateTimeFormat(dateLocale(this.lang), { ...DATE_PARTS, hour: "2-digit", minute: "2-digit" }).format(date);
  };

  /** A calendar day (ISO "2027-01-01") in the one date format: "1 January 2027", "1 janvier 2027". */
  date = (iso: string): string => formatDate(iso, this.lang);
}

/**
 * The one date format of the interface, whatever the screen: day, month in words, year — the
 * order treaties write dates in, in each language (English in the British order, never US).
 */
const DATE_PARTS: Intl.DateTimeFormatOptions = { day: "numeric", month: "long", year: "numeric" };

function dateLocale(lang: string): string {
  return lang === "en" ? "en-GB" : lang;
}

/** A calendar day: formatted in UTC so that it never shifts by a time zone; anything else as given. */
export function formatDate(iso: string, lang: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return iso;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat(dateLocale(lang), { ...DATE_PARTS, timeZone: "UTC" }).format(date);
}

export function formatWhen(
  iso: string,
  lang: Language,
  now: Date,
  t: (key: MessageKey) => string,
): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const seconds = (date.getTime() - now.getTime()) / 1000;
  const abs = Math.abs(seconds);
  if (abs < 60) return t("date.justNow");
  const relative = new Intl.RelativeTimeFormat(lang, { numeric: "auto" });
  if (abs < 3600) return relative.format(Math.round(seconds / 60), "minute");
  if (abs < 86400) return relative.format(Math.round(seconds / 3600), "hour");
  if (abs < 7 * 86400) return relative.format(Math.round(seconds / 86400), "day");
  return new Intl.DateTimeFormat(dateLocale(lang), DATE_PARTS).format(date);
}

export const i18n = new I18n();
export const t = i18n.t;
