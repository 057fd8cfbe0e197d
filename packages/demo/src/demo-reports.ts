/**
 * Text reports for the demo: observation notes an agency writes about the suspects it has
 * seen, in prose, from the demo's own records (its sightings and travels of a person, the name
 * and date of birth it holds). Loaded through the ordinary report upload, they show extraction
 * and the proposed links back to the records. Fictional, like everything in the demo.
 */
import { MONTH_NAMES } from './calendar.ts';
import type { DemoAgencyId } from './org.ts';
import { agencyName } from './org.ts';
import { COUNTRY_NAMES } from './places.ts';

export interface DemoReport {
  readonly agency: DemoAgencyId;
  readonly title: string;
  readonly collection: string;
  readonly text: string;
  /** The person record the report is about (the agency's own). */
  readonly about: string;
  readonly marking: unknown;
}

interface Line {
  readonly id: string;
  readonly schema: string;
  readonly properties: Readonly<Record<string, readonly string[] | undefined>>;
  readonly provenance: { readonly agency: string; readonly category: string; readonly marking: unknown };
}

/** The agencies whose officers write observation notes on the suspects they see. */
const AUTHORS: ReadonlySet<string> = new Set<DemoAgencyId>(['fedpol', 'border']);
const country = (code: string | undefined): string => (code === undefined ? 'an unknown country' : COUNTRY_NAMES[code] ?? code.toUpperCase());

/** "2015-03-14" as "14 March 2015"; a year or a month alone as given. */
function spelled(date: string | undefined): string | undefined {
  const m = date === undefined ? null : /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? `${Number(m[3])} ${MONTH_NAMES[Number(m[2]) - 1] ?? ''} ${m[1]}` : date;
}

function nameOf(person: Line): string | undefined {
  const first = person.properties['firstName']?.[0];
  const last = person.properties['lastName']?.[0];
  if (first && last) return `${first} ${last}`;
  const name = person.properties['name']?.[0];
  // "SURNAME, Given" reads as "Given SURNAME" in prose
  const comma = name === undefined ? null : /^([^,]+),\s*(.+)$/.exec(name);
  return comma ? `${comma[2]} ${comma[1]}` : name;
}

function pronoun(person: Line): string {
  const gender = person.properties['gender']?.[0];
  return gender === 'female' ? 'She' : gender === 'male' ? 'He' : 'The subject';
}

/**
 * Up to `max` observation notes, one per suspect an author agency has seen at least twice
 * (sightings and travels), in the order the records come.
 */
export function demoReports(recordLines: Iterable<string>, { max = 12 }: { readonly max?: number } = {}): DemoReport[] {
  const persons = new Map<string, Line>();
  const events = new Map<string, Line[]>();
  for (const text of recordLines) {
    if (!text.includes('"schema":"Person"') && !text.includes('"schema":"Sighting"') && !text.includes('"schema":"Travel"')) continue;
    const line = JSON.parse(text) as Line;
    if (!AUTHORS.has(line.provenance.agency)) continue;
    if (line.schema === 'Person') {
      if (line.provenance.category === 'suspect') persons.set(line.id, line);
      continue;
    }
    const person = line.properties['person']?.[0];
    if (person === undefined || !persons.has(person)) continue;
    const known = events.get(person);
    if (known) known.push(line);
    else events.set(person, [line]);
  }
  const reports: DemoReport[] = [];
  for (const [id, seen] of events) {
    if (reports.length >= max) break;
    const person = persons.get(id);
    const name = person ? nameOf(person) : undefined;
    if (!person || !name || seen.length < 2) continue;
    const agency = person.provenance.agency as DemoAgencyId;
    const born = spelled(person.properties['birthDate']?.[0]);
    const he = pronoun(person);
    const him = he === 'The subject' ? 'the subject' : he.toLowerCase();
    const sentences = [`${name}${born ? `, born ${born},` : ''} is followed by the ${agencyName(agency)} as a suspect.`];
    const when = (event: Line): string => event.properties['date']?.[0] ?? event.properties['departureDate']?.[0] ?? '';
    for (const event of [...seen].sort((x, y) => when(x).localeCompare(when(y)))) {
      const p = event.properties;
      if (event.schema === 'Sighting') sentences.push(`On ${spelled(p['date']?.[0]) ?? 'an unknown day'} ${him} was seen at ${p['checkpoint']?.[0] ?? 'a checkpoint'} in ${p['place']?.[0] ?? 'an unknown place'}.`);
      else sentences.push(`On ${spelled(p['departureDate']?.[0]) ?? 'an unknown day'} ${him} travelled by ${p['transport']?.[0] ?? 'an unknown means'} from ${country(p['fromCountry']?.[0])} to ${country(p['toCountry']?.[0])}.`);
    }
    sentences.push(`${he} should be reported to the desk when encountered again.`);
    reports.push({
      agency, title: `Observation note: ${name}`, collection: 'Observation notes', text: sentences.join(' '), about: id, marking: person.provenance.marking,
    });
  }
  return reports;
}
