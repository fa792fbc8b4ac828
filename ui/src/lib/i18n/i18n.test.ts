import { en } from "./en";
import { dictionaries, formatWhen, I18n, initialLanguage, interpolate, LANGUAGES } from "./i18n.svelte";

describe("dictionaries", () => {
  const keys = Object.keys(en);

  for (const lang of LANGUAGES) {
    it(`${lang} has every key, each with a non-empty value`, () => {
      const dictionary = dictionaries[lang] as Record<string, string>;
      const missing = keys.filter((key) => !(key in dictionary));
      const empty = keys.filter((key) => (dictionary[key] ?? "").trim() === "");
      const extra = Object.keys(dictionary).filter((key) => !(key in en));
      expect({ missing, empty, extra }).toEqual({ missing: [], empty: [], extra: [] });
    });

    it(`${lang} keeps every {placeholder} of the English message`, () => {
      const dictionary = dictionaries[lang] as Record<string, string>;
      const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      const wrong = keys.filter(
        (key) => JSON.stringify(names(dictionary[key])) !== JSON.stringify(names(en[key as keyof typeof en])),
      );
      expect(wrong).toEqual([]);
    });
  }

  it("French and Spanish are translations, not copies of English", () => {
    // Names (product, languages, keys) may be the same; sentences must not be.
    const sentences = Object.entries(en).filter(([, text]) => text.split(" ").length > 3);
    for (const lang of ["fr", "es"] as const) {
      const same = sentences.filter(([key, text]) => dictionaries[lang][key as keyof typeof en] === text);
      expect(same.map(([key]) => key)).toEqual([]);
    }
  });
});

describe("I18n", () => {
  it("interpolates parameters and leaves unknown ones visible", () => {
    expect(interpolate("Step {number} of {count}", { number: 1, count: 8 })).toBe("Step 1 of 8");
    expect(interpolate("{missing}", {})).toBe("{missing}");
  });

  it("follows the chosen language", () => {
    const i18n = new I18n("en");
    expect(i18n.t("nav.bin")).toBe("Bin");
    i18n.set("fr");
    expect(i18n.t("nav.bin")).toBe("Corbeille");
    expect(localStorage.getItem("ssa.language")).toBe("fr");
    i18n.set("es");
    expect(i18n.t("nav.bin")).toBe("Papelera");
  });

  it("chooses plural forms", () => {
    const i18n = new I18n("en");
    expect(i18n.tn("toast.binEmptied", 1)).toContain("one negotiation");
    expect(i18n.tn("toast.binEmptied", 3)).toContain("3 negotiations");
  });

  it("picks localized backend text with an English fallback", () => {
    const i18n = new I18n("fr");
    expect(i18n.pick({ en: "Preparation", fr: "Préparation", es: null })).toBe("Préparation");
    i18n.set("es");
    expect(i18n.pick({ en: "Preparation", fr: "Préparation", es: null })).toBe("Preparation");
  });

  it("starts in the stored language, else the system's, else English", () => {
    const store = (value: string | null) => ({ getItem: () => value });
    expect(initialLanguage(store("es"), ["fr-FR"])).toBe("es");
    expect(initialLanguage(store(null), ["de-DE", "fr-CA"])).toBe("fr");
    expect(initialLanguage(store("xx"), ["de"])).toBe("en");
  });

  it("formats recent dates relatively and older ones as dates", () => {
    const now = new Date("2026-03-10T12:00:00Z");
    const en = new I18n("en");
    expect(formatWhen("2026-03-10T11:59:30Z", "en", now, en.t)).toBe("just now");
    expect(formatWhen("2026-03-10T11:55:00Z", "en", now, en.t)).toBe("5 minutes ago");
    expect(formatWhen("2026-03-09T12:00:00Z", "en", now, en.t)).toBe("yesterday");
    expect(formatWhen("2026-03-10T11:55:00Z", "fr", now, en.t)).toBe("il y a 5 minutes");
    expect(formatWhen("2026-01-02T12:00:00Z", "en", now, en.t)).toBe("2 January 2026");
  });

  it("writes every date in one format per language: day, month in words, year", () => {
    const day = { en: "1 March 2027", fr: "1 mars 2027", es: "1 de marzo de 2027" } as const;
    for (const lang of ["en", "fr", "es"] as const) {
      const i18n = new I18n(lang);
      expect(i18n.date("2027-03-01")).toBe(day[lang]);
      // A timestamp reads with the same date, then the time.
      expect(i18n.dateTime("2027-03-01T10:00:00")).toContain(day[lang]);
      expect(formatWhen("2027-03-01T10:00:00", lang, new Date("2027-06-01T00:00:00"), i18n.t)).toBe(day[lang]);
    }
    expect(new I18n("en").date("not a date")).toBe("not a date");
  });
});
