/**
 * Street addresses in the continental ("rue Paul Bert 14", "14 rue Paul Bert", "Via Padova"),
 * Germanic compound ("Hermannstraße 44", "Sonnenallee 112") and English ("12 Coventry Road")
 * forms. A following postcode and town are recorded as properties; the town itself is also
 * found as a place by the name finder. A number after the street followed by a capitalised word
 * is that postcode and town ("Rue Haute, 1000 Bruxelles"), not a house number.
 */
import { Occupancy, span, type Span } from './span.ts';

const CAP = String.raw`\p{Lu}[\p{L}'’.-]*`;
const ROMANCE = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:(\d{1,4}[a-z]?),?\s)?(?:rue|avenue|av\.|boulevard|bd|chaussée|place|quai|impasse|allée|chemin|route|viale|corso|piazza|piazzale|calle|avenida|plaza|carrer|paseo|rua|Rue|Avenue|Boulevard|Chaussée|Place|Quai|Impasse|Allée|Chemin|Route|Via|Viale|Corso|Piazza|Calle|Avenida|Plaza|Carrer|Paseo|Rua)\s(?:(?:de la|de l'|des|du|de|d'|del|della|di|dei|do|da)\s?)?${CAP}(?:\s${CAP}){0,3}(?:,?\s(\d{1,4}[a-z]?)(?![\p{N}])(?!\s\p{Lu}))?`,
  'gu',
);
const GERMANIC = new RegExp(
  String.raw`(?<![\p{L}\p{N}])\p{Lu}[\p{L}-]*(?:straße|strasse|str\.|gasse|weg|platz|allee|damm|ring|ufer|straat|laan|steenweg|plein|dijk|gracht|kade|lei|vej|gade|gatan|vägen|väg)\s(\d{1,4}[a-z]?)(?![\p{N}])`,
  'gu',
);
const ENGLISH = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:(\d{1,4}[a-z]?)\s)?(?:${CAP}\s){1,3}(?:Street|Road|Avenue|Lane|Drive|Close|Way|Square|Crescent|Terrace|Gardens|Grove|Place|Row|Walk|Hill)(?![\p{L}])`,
  'gu',
);
/** GERMANIC needs one of its street suffixes before a number; the plain text test is far cheaper. */
const GERMANIC_GATE = /(?:straße|strasse|str\.|gasse|weg|platz|allee|damm|ring|ufer|straat|laan|steenweg|plein|dijk|gracht|kade|lei|vej|gade|gatan|vägen|väg)\s\d/u;
const ROMANCE_GATE = /\b(?:rue|avenue|av|boulevard|bd|chaussée|place|quai|impasse|allée|chemin|route|via|viale|corso|piazza|piazzale|calle|avenida|plaza|carrer|paseo|rua)\s\p{Lu}/iu;
const ENGLISH_GATE = /\s(?:Street|Road|Avenue|Lane|Drive|Close|Way|Square|Crescent|Terrace|Gardens|Grove|Place|Row|Walk|Hill)\b/;
const POSTCODE_TOWN = /^,?\s(\d{4,5})\s(\p{Lu}[\p{L}-]+)/u;

export function findAddresses(text: string, isFree: (start: number, end: number) => boolean): Span[] {
  const out: Span[] = [];
  const taken = new Occupancy(text.length);
  for (const [re, gate] of [[ROMANCE, ROMANCE_GATE], [GERMANIC, GERMANIC_GATE], [ENGLISH, ENGLISH_GATE]] as const) {
    if (!gate.test(text)) continue;
    for (const m of text.matchAll(re)) {
      const start = m.index;
      const end = m.index + m[0].length;
      if (!isFree(start, end) || !taken.isFree(start, end)) continue;
      taken.take(start, end);
      const street = m[0];
      const props: Record<string, string[]> = { street: [street], full: [street] };
      const tail = POSTCODE_TOWN.exec(text.slice(end, end + 40));
      if (tail?.[1] !== undefined && tail[2] !== undefined) {
        props['postalCode'] = [tail[1]];
        props['city'] = [tail[2]];
        props['full'] = [`${street}, ${tail[1]} ${tail[2]}`];
      }
      out.push(span('address', start, end, street, street.toLowerCase(), props));
    }
  }
  return out;
}
