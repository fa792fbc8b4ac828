// Text of the process file in the person's language. The file may leave longer texts in
// English only; then the English text is shown, marked with lang="en" so that it is not passed
// off as a translation (and screen readers pronounce it as English).
import type { LocalizedText } from "../lib/backend";
import type { Language } from "../lib/i18n";

export function localized(text: LocalizedText, lang: Language): { text: string; lang: Language } {
  const translated = lang === "en" ? text.en : text[lang];
  if (translated && translated.trim() !== "") return { text: translated, lang };
  return { text: text.en, lang: "en" };
}
