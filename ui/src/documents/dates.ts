// Dates as a person reads them, in the interface language ("1 January 2027", "1 janvier 2027").
// ISO dates are calendar days, so they are formatted in UTC to never shift by a time zone.
export function formatDate(iso: string, lang: string): string {
  // English in treaty style, day before month, as the agreement itself writes dates.
  const locale = lang === "en" ? "en-GB" : lang;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return iso;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat(locale, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(date);
}
