import { CLASSIFICATION, CREDIBILITY, HANDLING, NATURE, RELIABILITY, SUBJECT_CATEGORY, TLP, isAppError, recordIdOf } from '@mosaic/model';
import type { AgencyId } from '@mosaic/model';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from './generate-demo.ts';
import { DEMO_AGENCY_IDS, sharedInFullWith } from './org.ts';

interface Line {
  readonly id: string;
  readonly schema: string;
  readonly properties: Record<string, string[]>;
  readonly provenance: Record<string, unknown> & { agency: string; sourceRecordId: string; marking: { tlp: string; classification: string; releasability: unknown } };
}

/** Endpoint properties of each schema, and the schemata they may point at. */
const ENDPOINTS: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  Family: { person: ['Person'], relative: ['Person'] },
  Associate: { person: ['Person'], associate: ['Person'] },
  Membership: { member: ['Person'], organization: ['Organization'] },
  Ownership: { owner: ['Person'], asset: ['Vehicle', 'Phone'] },
  Residence: { person: ['Person'], address: ['Address'] },
  Communication: { caller: ['Person'], receiver: ['Person'] },
  CoTravel: { person: ['Person'], companion: ['Person'] },
  Vehicle: { owner: ['Person'] },
  Passport: { holder: ['Person'] },
  Identification: { holder: ['Person'] },
  Travel: { person: ['Person'] },
  Sighting: { person: ['Person'], vehicle: ['Vehicle'] },
  Arrest: { person: ['Person'] },
  Warrant: { person: ['Person'] },
  ConflictDeparture: { person: ['Person'] },
  ConflictReturn: { person: ['Person'] },
  Alert: { subject: ['Person'] },
};
const SCHEMATA = ['Person', 'Organization', 'Address', 'Phone', ...Object.keys(ENDPOINTS)];

const AS_OF = '2026-12-05';

function collect(persons: number, seed: number, asOf = AS_OF): { records: string[]; truth: string[] } {
  const records: string[] = [];
  const truth: string[] = [];
  for (const { file, line } of generateDemo({ persons, seed, asOf })) (file === 'records.jsonl' ? records : truth).push(line);
  return { records, truth };
}

/** Name reduced to its letters, tokens sorted: equal for mere format differences (case, order, comma). */
function spellingKey(name: string): string {
  return name.toLowerCase().replace(/[^\p{L}\s]/gu, ' ').split(/\s+/).filter(Boolean).sort().join(' ');
}

describe('generateDemo', () => {
  const PERSONS = 1500;
  let raw: { records: string[]; truth: string[] };
  let records: Line[];
  let byId: Map<string, { line: Line; index: number }>;
  let truth: { id: string; person: string }[];
  let recordsOf: Map<string, Line[]>;

  beforeAll(() => {
    raw = collect(PERSONS, 42);
    records = raw.records.map((l) => JSON.parse(l) as Line);
    byId = new Map(records.map((line, index) => [line.id, { line, index }]));
    truth = raw.truth.map((l) => JSON.parse(l) as { id: string; person: string });
    recordsOf = new Map();
    for (const t of truth) {
      const line = byId.get(t.id)?.line;
      if (line) recordsOf.set(t.person, [...(recordsOf.get(t.person) ?? []), line]);
    }
    // Generous: the suite also runs on shared, busy CI machines.
  }, 180_000);

  it('is deterministic for a seed and differs between seeds', () => {
    const again = collect(PERSONS, 42);
    expect(again.records).toEqual(raw.records);
    expect(again.truth).toEqual(raw.truth);
    const other = collect(300, 43);
    expect(other.records.slice(0, 50)).not.toEqual(raw.records.slice(0, 50));
  });

  it('gives every record a review date after the as-of day, and only review dates depend on that day', () => {
    const reviewDates = (lines: readonly string[]): string[] => lines.map((l) => (JSON.parse(l) as Line).provenance['reviewDate'] as string);
    expect(reviewDates(raw.records).filter((d) => d <= AS_OF)).toEqual([]);
    const earlier = collect(PERSONS, 42, '2017-03-01');
    const earlierDates = reviewDates(earlier.records);
    expect(earlierDates.filter((d) => d <= '2017-03-01')).toEqual([]);
    // kept from 2016 to 2026 through a review: the later demo's date is a whole number of periods on
    expect(earlierDates.filter((d) => d <= AS_OF).length).toBeGreaterThan(records.length / 2);
    const withoutReview = (l: string): unknown => { const o = JSON.parse(l) as Line; return { ...o, provenance: { ...o.provenance, reviewDate: undefined } }; };
    expect(earlier.records.map(withoutReview)).toEqual(raw.records.map(withoutReview));
    expect(earlier.truth).toEqual(raw.truth);
    // a review date after both days is the same whichever of the two the demo was made for
    // each demo's dates read once (read per record, this took 20–32 s against the 30 s a test may take)
    const rawDates = reviewDates(raw.records);
    const later = earlierDates.map((d, i) => (d > AS_OF ? [d, rawDates[i]] : undefined)).filter((x) => x !== undefined);
    expect(later.length).toBeGreaterThan(0);
    for (const [a, b] of later) expect(a).toBe(b);
  });

  it('rejects an as-of day that is not a date', () => {
    for (const asOf of ['2026-02-30', '5 December 2026', '2026-12-5']) expect(() => generateDemo({ persons: 1, seed: 1, asOf }).next()).toThrow(/as-of day/);
  });

  it('writes valid records with complete provenance and unique ids', () => {
    expect(byId.size).toBe(records.length);
    const agencies = new Set<string>(DEMO_AGENCY_IDS);
    const problems: string[] = [];
    const check = (ok: boolean, what: string, r: Line): void => {
      if (!ok) problems.push(`${r.id}: ${what}`);
    };
    for (const r of records) {
      check(SCHEMATA.includes(r.schema), 'schema', r);
      for (const values of Object.values(r.properties)) {
        check(Array.isArray(values) && values.length > 0 && values.every((v) => typeof v === 'string' && v.length > 0), 'property values', r);
      }
      const p = r.provenance;
      check(agencies.has(p.agency), 'agency', r);
      check(recordIdOf(p.agency as AgencyId, p.sourceRecordId) === r.id, 'id is agency:sourceRecordId', r);
      check(typeof p['source'] === 'string', 'source', r);
      check((RELIABILITY as readonly unknown[]).includes(p['reliability']), 'reliability', r);
      check((CREDIBILITY as readonly unknown[]).includes(p['credibility']), 'credibility', r);
      check((TLP as readonly unknown[]).includes(p.marking.tlp), 'tlp', r);
      check((CLASSIFICATION as readonly unknown[]).includes(p.marking.classification), 'classification', r);
      check(Array.isArray(p.marking.releasability), 'releasability', r);
      check((HANDLING as readonly unknown[]).includes(p['handling']), 'handling', r);
      check((SUBJECT_CATEGORY as readonly unknown[]).includes(p['category']), 'category', r);
      check((NATURE as readonly unknown[]).includes(p['nature']), 'nature', r);
      check(String(p['legalBasis']).length > 0, 'legalBasis', r);
      check(/^\d{4}-\d{2}-\d{2}$/.test(String(p['reviewDate'])), 'reviewDate', r);
    }
    expect(problems).toEqual([]);
  });

  it('has truth for exactly the person records, every requested person 1-4 times', () => {
    const personIds = records.filter((r) => r.schema === 'Person').map((r) => r.id);
    expect(truth.map((t) => t.id).sort()).toEqual(personIds.sort());
    expect(new Set(truth.map((t) => t.id)).size).toBe(truth.length);
    expect(recordsOf.size).toBe(PERSONS);
    const counts = [...recordsOf.values()].map((l) => l.length);
    expect(Math.min(...counts)).toBe(1);
    expect(Math.max(...counts)).toBe(4);
    // Skewed: most people are known once.
    expect(counts.filter((c) => c === 1).length).toBeGreaterThan(counts.filter((c) => c >= 2).length);
  });

  it('points relationship and event endpoints at earlier records of the same agency', () => {
    let checked = 0;
    const problems: string[] = [];
    for (const [index, r] of records.entries()) {
      for (const [property, targets] of Object.entries(ENDPOINTS[r.schema] ?? {})) {
        for (const value of r.properties[property] ?? []) {
          const target = byId.get(value);
          if (!target) problems.push(`${r.id}.${property}: missing ${value}`);
          else if (target.line.provenance.agency !== r.provenance.agency) problems.push(`${r.id}.${property}: other agency`);
          else if (!targets.includes(target.line.schema)) problems.push(`${r.id}.${property}: points at ${target.line.schema}`);
          else if (target.index >= index) problems.push(`${r.id}.${property}: emitted later`);
          checked++;
        }
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(1000);
  });

  it('covers every schema, family relationship and cell role', () => {
    const schemata = new Set(records.map((r) => r.schema));
    for (const schema of SCHEMATA) expect(schemata, schema).toContain(schema);
    const relationships = new Set(records.filter((r) => r.schema === 'Family').flatMap((r) => r.properties['relationship'] ?? []));
    for (const label of ['brother', 'sister', 'father', 'mother', 'son', 'daughter', 'cousin', 'spouse']) expect(relationships).toContain(label);
    const roles = new Set(records.filter((r) => r.schema === 'Membership').flatMap((r) => r.properties['role'] ?? []));
    expect(roles).toContain('leader');
    expect(roles).toContain('member');
    const zones = new Set(records.filter((r) => r.schema === 'ConflictDeparture').flatMap((r) => r.properties['country'] ?? []));
    expect(zones).toContain('sy');
  });

  it('puts agencies\' alerts on their subjects: arrest on an active warrant, discreet checks on returnees', () => {
    const alerts = records.filter((r) => r.schema === 'Alert');
    const categories = (agency: string): Set<string> => new Set(alerts.filter((a) => a.provenance.agency === agency).flatMap((a) => a.properties['category'] ?? []));
    expect(categories('prosecutor')).toEqual(new Set(['arrest']));
    expect(categories('intel')).toEqual(new Set(['discreet_check']));
    // the federal police's discreet and specific checks, on records they share in full with the checkpoints (org.ts)
    expect(categories('fedpol')).toEqual(new Set(['arrest', 'discreet_check', 'specific_check']));
    for (const a of alerts.filter((l) => l.provenance.agency === 'fedpol' && l.properties['category']?.[0] !== 'arrest')) {
      for (const checkpoint of ['border', 'lpz-west'] as const) expect(sharedInFullWith('fedpol', checkpoint, a.provenance as unknown as Parameters<typeof sharedInFullWith>[2]), a.id).toBe(true);
    }
    expect(categories('tcu')).toEqual(new Set(['inform_owner_only']));
    const activeWarrant = new Set(records.filter((r) => r.schema === 'Warrant' && r.properties['status']?.[0] === 'active').map((r) => `${r.provenance.agency} ${r.properties['person']?.[0] ?? ''}`));
    for (const a of alerts) {
      expect(a.properties['status']).toEqual(['active']);
      expect(a.properties['deskContact']?.[0]).toMatch(/^\+\d{8,}$/);
      expect(a.properties['desk']?.[0]).toMatch(new RegExp(`^${a.provenance.agency}:`));
      if (a.properties['category']?.[0] === 'arrest') expect(activeWarrant, a.id).toContain(`${a.provenance.agency} ${a.properties['subject']?.[0] ?? ''}`);
    }
    // every active warrant the prosecutor holds is an arrest alert of its own
    const arrests = new Set(alerts.filter((a) => a.properties['category']?.[0] === 'arrest').map((a) => `${a.provenance.agency} ${a.properties['subject']?.[0] ?? ''}`));
    expect([...activeWarrant].filter((w) => w.startsWith('prosecutor ') && !arrests.has(w))).toEqual([]);
    expect(alerts.length).toBeGreaterThan(20);
  });

  it('formats values as specified', () => {
    const people = records.filter((r) => r.schema === 'Person');
    const values = (property: string): string[] => people.flatMap((r) => r.properties[property] ?? []);
    expect(values('birthDate').filter((v) => !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(v))).toEqual([]);
    expect(values('nationality').filter((v) => !/^[a-z]{2}$/.test(v))).toEqual([]);
    expect(values('phone').filter((v) => !/^\+[1-9]\d{7,14}$/.test(v))).toEqual([]);
    expect(values('gender').filter((v) => v !== 'male' && v !== 'female')).toEqual([]);
    for (const r of records.filter((x) => x.schema === 'Phone')) expect(r.properties['number']?.[0]).toMatch(/^\+[1-9]\d{7,14}$/);
    for (const r of records.filter((x) => x.schema === 'Address' && x.properties['latitude'])) {
      expect(Math.abs(Number(r.properties['latitude']?.[0]))).toBeLessThanOrEqual(90);
      expect(Math.abs(Number(r.properties['longitude']?.[0]))).toBeLessThanOrEqual(180);
    }
    // Belgian national numbers carry a valid mod-97 check (born from 2000: "2" prefixed).
    const ids = records.filter((r) => r.schema === 'Identification' && r.properties['country']?.[0] === 'be').map((r) => r.properties['number']?.[0] ?? '');
    expect(ids.length).toBeGreaterThan(10);
    for (const id of ids) {
      const first9 = id.slice(0, 9);
      const check = Number(id.slice(9));
      expect([97 - (Number(first9) % 97), 97 - (Number(`2${first9}`) % 97)]).toContain(check);
    }
  });

  it('varies how one person is written across records', () => {
    const multi = [...recordsOf.values()].filter((l) => l.length >= 2);
    const spelled = multi.filter((l) => new Set(l.map((r) => spellingKey(r.properties['name']?.[0] ?? ''))).size >= 2);
    expect(multi.length).toBeGreaterThan(100);
    expect(spelled.length / multi.length).toBeGreaterThan(0.2);
    const names = records.filter((r) => r.schema === 'Person').flatMap((r) => r.properties['name'] ?? []);
    expect(names.some((n) => /^[A-Z' -]+, \S/.test(n))).toBe(true);
    expect(names.some((n) => /[\u0600-\u06ff]/.test(n))).toBe(true);
    const weakAliases = records.flatMap((r) => r.properties['weakAlias'] ?? []);
    expect(weakAliases.some((k) => /^Abu \S+ al-/.test(k))).toBe(true);
    const dates = records.flatMap((r) => (r.schema === 'Person' ? r.properties['birthDate'] ?? [] : []));
    expect(dates.some((d) => /^\d{4}$/.test(d))).toBe(true);
    expect(dates.some((d) => /^\d{4}-\d{2}$/.test(d))).toBe(true);
  });

  it('makes common names collide between distinct people', () => {
    const peopleByFirst = new Map<string, Set<string>>();
    for (const t of truth) {
      const first = byId.get(t.id)?.line.properties['firstName']?.[0]?.toLowerCase();
      if (first) peopleByFirst.set(first, (peopleByFirst.get(first) ?? new Set()).add(t.person));
    }
    const biggest = Math.max(...[...peopleByFirst.values()].map((s) => s.size));
    expect(biggest).toBeGreaterThan(PERSONS / 100);
    const peopleBySurname = new Map<string, Set<string>>();
    for (const t of truth) {
      const last = byId.get(t.id)?.line.properties['lastName']?.[0]?.toLowerCase();
      if (last) peopleBySurname.set(last, (peopleBySurname.get(last) ?? new Set()).add(t.person));
    }
    expect([...peopleBySurname.values()].filter((s) => s.size >= 5).length).toBeGreaterThan(10);
  });

  it('yields exactly the requested number of persons, and nothing for zero', () => {
    for (const n of [1, 7, 250]) {
      const people = new Set(collect(n, 5).truth.map((l) => (JSON.parse(l) as { person: string }).person));
      expect(people.size).toBe(n);
    }
    expect(collect(0, 5).records).toEqual([]);
  });

  it('is lazy: the first lines of a billion persons come at once', () => {
    const started = Date.now();
    let n = 0;
    for (const line of generateDemo({ persons: 1_000_000_000, seed: 1 })) {
      expect(line.line.startsWith('{')).toBe(true);
      if (++n >= 200) break;
    }
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('rejects a negative or fractional size', () => {
    expect(() => generateDemo({ persons: -1, seed: 1 }).next()).toThrow();
    try {
      generateDemo({ persons: 1.5, seed: 1 }).next();
    } catch (error) {
      expect(isAppError(error) && error.code).toBe('MOSAIC_INVALID_INPUT');
    }
    expect.assertions(2);
  });
});
