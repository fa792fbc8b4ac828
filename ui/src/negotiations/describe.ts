// How a negotiation is described in lists and headings.
import type { Party } from "../lib/backend";

/** "Republic of Aurelia (XA)" */
export function partyLabel(party: Party): string {
  return party.isoCode ? `${party.name} (${party.isoCode})` : party.name;
}
