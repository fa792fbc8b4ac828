// How an arrangement provision's links to the agreement read ("implements Article 27 of the
// agreement"), for the selected provision and everything inside it.
import type { ArrangementLink } from "../lib/backend";
import type { MessageKey, Params } from "../lib/i18n";

type Translate = (key: MessageKey, params?: Params) => string;

export function linkText(link: ArrangementLink, t: Translate): string {
  const at = link.at;
  switch (at.state) {
    case "in_agreement":
      return at.within
        ? t("arrangement.implementsWithin", { article: at.article, within: at.within })
        : t("arrangement.implementsArticle", { article: at.article });
    case "division":
      return t("arrangement.implementsDivision", { label: at.label });
    case "left_out":
      return t("arrangement.leftOut", { target: link.target });
  }
}

/** The links of the given arrangement nodes, each agreement target once, in node order. */
export function linksOf(links: ArrangementLink[], nodeIds: string[]): ArrangementLink[] {
  const wanted = new Set(nodeIds);
  const seen = new Set<string>();
  return links.filter((link) => {
    if (!wanted.has(link.node) || seen.has(link.target)) return false;
    seen.add(link.target);
    return true;
  });
}
