/**
 * The true demo world, one cluster at a time: one to three families living in one commune
 * (siblings share a surname and an address, cousins share a surname, mothers keep their own),
 * possibly a cell or crew recruited among their young men plus a few friends, and what happened
 * to them: trips to the conflict zone via Turkey and returns, warrants, arrests, checkpoint
 * sightings. Agencies then see this world partially and imperfectly (see cluster-records.ts).
 * A cluster is self-contained, so the generator holds one in memory at a time.
 */
import { DEMO_AGENCY_IDS } from './org.ts';
import type { DemoAgencyId } from './org.ts';
import { CHECKPOINTS, COMMUNES, COMMUNE_SHARES, CONFLICT_ZONES, STREETS, TRANSIT_AIRPORTS, VEHICLE_MODELS } from './places.ts';
import type { Commune } from './places.ts';
import { KUNYA_NAMES, NAME_POOLS, NICKNAMES } from './name-pools.ts';
import type { NameEntry, NamePool, Origin } from './name-pools.ts';
import { ORGANIZATIONS } from './organizations.ts';
import { cumulative } from './rng.ts';
import type { Rng } from './rng.ts';
import { WORLD_END, civil, day, pad2 } from './calendar.ts';
import { foldDiacritics } from './name-variation.ts';

export const CLUSTER_KINDS = ['ordinary', 'criminal', 'radical'] as const;
export type ClusterKind = (typeof CLUSTER_KINDS)[number];

export const CELL_ROLES = ['leader', 'member', 'financier', 'recruiter'] as const;
export type CellRole = (typeof CELL_ROLES)[number];

export const FAMILY_RELATIONSHIPS = ['brother', 'sister', 'father', 'mother', 'son', 'daughter', 'cousin', 'spouse'] as const;
export type FamilyRelationship = (typeof FAMILY_RELATIONSHIPS)[number];

export interface TrueAddress {
  readonly street: readonly [fr: string, nl: string];
  readonly number: number;
  readonly box: number | null;
  readonly commune: Commune;
  readonly lat: number;
  readonly lon: number;
}

export interface TrueVehicle {
  readonly registration: string;
  readonly make: string;
  readonly model: string;
}

/** The identity a returnee travelled under. */
export interface FalseIdentity {
  readonly given: string;
  readonly surname: string;
  readonly birth: number;
  readonly nationality: string;
  readonly passport: string;
}

export interface Trip {
  readonly departure: number;
  readonly transit: string;
  readonly zone: string;
  readonly returned: number | null;
  readonly falseIdentity: FalseIdentity | null;
}

export interface Warrant {
  readonly date: number;
  readonly authority: string;
  readonly status: 'active' | 'executed' | 'withdrawn';
}

export interface TruePerson {
  readonly id: string;
  readonly origin: Origin;
  readonly gender: 'male' | 'female';
  readonly given: NameEntry;
  /** The spelling in the civil register. */
  readonly givenSpelling: string;
  readonly surnames: readonly NameEntry[];
  readonly surnameSpellings: readonly string[];
  readonly birth: number;
  readonly birthPlace: readonly [string, string];
  readonly nationalities: readonly string[];
  readonly nationalNumber: string | null;
  readonly foreignId: string | null;
  readonly passport: { readonly number: string; readonly country: string } | null;
  readonly phones: readonly string[];
  readonly email: string | null;
  readonly nickname: string | null;
  readonly kunya: string | null;
  readonly address: number;
  readonly vehicle: number | null;
  /** Member of the cluster's cell or crew. */
  readonly core: boolean;
  readonly cellRole: CellRole | null;
  readonly trip: Trip | null;
  readonly warrant: Warrant | null;
  readonly arrests: readonly number[];
  readonly sightings: readonly { readonly date: number; readonly checkpoint: number }[];
  /** A parent who told the police their child meant to leave. */
  readonly reportedTravel: boolean;
  /** Agencies (indexes into DEMO_AGENCY_IDS) holding a record on this person; a repeat is a duplicate record. */
  readonly agencies: readonly number[];
}

export interface Tie {
  readonly kind: 'family' | 'associate' | 'communication' | 'cotravel';
  readonly a: number;
  readonly b: number;
  /** Family: what b is to a; associate: the kind of acquaintance. */
  readonly label: string;
  readonly date: number;
  readonly count: number;
}

export interface Cluster {
  readonly kind: ClusterKind;
  readonly commune: Commune;
  readonly persons: readonly TruePerson[];
  readonly addresses: readonly TrueAddress[];
  readonly vehicles: readonly TrueVehicle[];
  readonly ties: readonly Tie[];
  /** Index into ORGANIZATIONS of the group the core belongs to. */
  readonly organization: number | null;
}

const KIND_WEIGHTS = cumulative([55, 27, 18]);
const ORIGIN_WEIGHTS: Readonly<Record<ClusterKind, readonly number[]>> = {
  // maghrebi, levantine, turkish, french, flemish, chechen, bosnian, somali, albanian
  ordinary: cumulative([30, 6, 12, 18, 18, 3, 4, 5, 4]),
  criminal: cumulative([40, 3, 10, 15, 12, 5, 4, 5, 6]),
  radical: cumulative([52, 8, 5, 7, 5, 10, 6, 4, 3]),
};
const ORIGIN_LIST: readonly Origin[] = ['maghrebi', 'levantine', 'turkish', 'french', 'flemish', 'chechen', 'bosnian', 'somali', 'albanian'];
const COMMUNE_WEIGHTS = cumulative(COMMUNE_SHARES);
const CHILD_COUNT_WEIGHTS = cumulative([3, 5, 5, 4, 2, 1]);
const JIHADIST_ORGS = ORGANIZATIONS.flatMap((o, i) => (o.kind === 'jihadist' ? [i] : []));
const CRIMINAL_ORGS = ORGANIZATIONS.flatMap((o, i) => (o.kind === 'criminal' ? [i] : []));
const EMAIL_DOMAINS = ['mailbox.example', 'post.example', 'webmail.example', 'inbox.example'];
const LETTERS = 'ABCDEFGHJKLMNPRSTVWXYZ';
const ASSOCIATIONS = ['friend', 'friend', 'neighbour', 'schoolmate', 'co-offender', 'cellmate', 'colleague'];
const YEAR = 365;

export const AGENCY_INDEX: Readonly<Record<DemoAgencyId, number>> = Object.fromEntries(DEMO_AGENCY_IDS.map((id, i) => [id, i])) as Record<DemoAgencyId, number>;

function digits(rng: Rng, count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += String(rng.int(10));
  return out;
}

function letters(rng: Rng, count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += LETTERS.charAt(rng.int(LETTERS.length));
  return out;
}

/**
 * Belgian national register number: YYMMDD, a serial (odd for men, even for women) and a
 * mod-97 check; for births from 2000 the check is computed over "2" + the first nine digits.
 */
export function nationalNumber(birth: number, male: boolean, rng: Rng): string {
  const c = civil(birth);
  let serial = 1 + rng.int(997);
  if ((serial % 2 === 1) !== male) serial += 1;
  const first9 = `${pad2(c.year % 100)}${pad2(c.month)}${pad2(c.day)}${String(serial).padStart(3, '0')}`;
  const base = c.year >= 2000 ? Number(`2${first9}`) : Number(first9);
  return `${first9}${pad2(97 - (base % 97))}`;
}

function passportNumber(country: string, rng: Rng): string {
  switch (country) {
    case 'be': return `${letters(rng, 2)}${digits(rng, 6)}`;
    case 'fr': return `${digits(rng, 2)}${letters(rng, 2)}${digits(rng, 5)}`;
    case 'tr': return `U${digits(rng, 8)}`;
    case 'ma': case 'dz': case 'tn': return `${letters(rng, 2)}${digits(rng, 7)}`;
    default: return `${letters(rng, 1)}${digits(rng, 7)}`;
  }
}

export function mobileNumber(country: string, rng: Rng): string {
  switch (country) {
    case 'fr': return `+33${rng.pick(['6', '7'])}${digits(rng, 8)}`;
    case 'tr': return `+905${digits(rng, 9)}`;
    case 'sy': return `+9639${digits(rng, 8)}`;
    default: return `+324${rng.pick(['6', '7', '8', '9'])}${digits(rng, 7)}`;
  }
}

function registration(country: string, rng: Rng): string {
  return country === 'fr' ? `${letters(rng, 2)}-${digits(rng, 3)}-${letters(rng, 2)}` : `${1 + rng.int(2)}-${letters(rng, 3)}-${digits(rng, 3)}`;
}

function spellingOf(entry: NameEntry, rng: Rng): string {
  // Registers mostly hold the commonest spelling; a third of the time another one.
  return rng.chance(0.7) ? entry.forms[0] ?? '' : rng.pick(entry.forms);
}

interface PersonDraft {
  origin: Origin;
  gender: 'male' | 'female';
  given: NameEntry;
  givenSpelling: string;
  surnames: readonly NameEntry[];
  surnameSpellings: readonly string[];
  birth: number;
  birthPlace: readonly [string, string];
  nationalities: readonly string[];
  address: number;
  family: number;
  core: boolean;
  cellRole: CellRole | null;
  kunya: string | null;
  trip: Trip | null;
  warrant: Warrant | null;
  arrests: number[];
  sightings: { date: number; checkpoint: number }[];
  vehicle: number | null;
  reportedTravel: boolean;
}

interface Builder {
  readonly rng: Rng;
  readonly commune: Commune;
  readonly persons: PersonDraft[];
  readonly addresses: TrueAddress[];
  readonly vehicles: TrueVehicle[];
  readonly ties: Tie[];
}

function newAddress(b: Builder): number {
  const { rng, commune } = b;
  b.addresses.push({
    street: rng.pick(STREETS),
    number: 1 + rng.int(180),
    box: rng.chance(0.4) ? 1 + rng.int(12) : null,
    commune,
    lat: Math.round((commune.lat + (rng.next() - 0.5) * 0.02) * 1e5) / 1e5,
    lon: Math.round((commune.lon + (rng.next() - 0.5) * 0.03) * 1e5) / 1e5,
  });
  return b.addresses.length - 1;
}

function pickGiven(pool: NamePool, gender: 'male' | 'female', rng: Rng): NameEntry {
  const list = gender === 'male' ? pool.male : pool.female;
  return list[rng.weighted(gender === 'male' ? pool.maleWeights : pool.femaleWeights)] ?? list[0] ?? { forms: ['X'] };
}

function pickSurname(pool: NamePool, rng: Rng): NameEntry {
  return pool.surnames[rng.weighted(pool.surnameWeights)] ?? { forms: ['X'] };
}

function pickNationalities(pool: NamePool, rng: Rng): readonly string[] {
  return pool.nationalities[rng.weighted(pool.nationalityWeights)] ?? ['be'];
}

function addPerson(b: Builder, draft: Omit<PersonDraft, 'core' | 'cellRole' | 'kunya' | 'trip' | 'warrant' | 'arrests' | 'sightings' | 'vehicle' | 'reportedTravel'>): number {
  b.persons.push({ ...draft, core: false, cellRole: null, kunya: null, trip: null, warrant: null, arrests: [], sightings: [], vehicle: null, reportedTravel: false });
  return b.persons.length - 1;
}

function tie(b: Builder, kind: Tie['kind'], a: number, c: number, label: string): void {
  b.ties.push({ kind, a, b: c, label, date: 0, count: 0 });
}

/** A family: parents (each possibly absent from the records' world) and one to six children. */
function addFamily(b: Builder, pool: NamePool, surname: readonly NameEntry[] | null, familyNo: number): number[] {
  const { rng } = b;
  const home = newAddress(b);
  const fatherBirth = day(1948 + rng.int(34), 1 + rng.int(12), 1 + rng.int(28));
  const familySurname = surname ?? Array.from({ length: pool.familyNameParts }, () => pickSurname(pool, rng));
  const familyNationalities = pickNationalities(pool, rng);
  const foreignPlaces = pool.birthPlaces.filter(([, country]) => country !== 'be' && country !== 'fr');
  const parentPlace = (): readonly [string, string] => (foreignPlaces.length > 0 && rng.chance(0.75) ? rng.pick(foreignPlaces) : rng.pick(pool.birthPlaces));
  const members: number[] = [];
  let father = -1;
  let mother = -1;
  const fatherGiven = pickGiven(pool, 'male', rng);
  if (rng.chance(0.85)) {
    father = addPerson(b, {
      origin: pool.origin, gender: 'male', given: fatherGiven, givenSpelling: spellingOf(fatherGiven, rng),
      surnames: familySurname, surnameSpellings: familySurname.map((s) => spellingOf(s, rng)),
      birth: fatherBirth, birthPlace: parentPlace(), nationalities: familyNationalities.filter((c) => c !== 'be' || rng.chance(0.6)).concat(), address: home, family: familyNo,
    });
    members.push(father);
  }
  if (rng.chance(0.8)) {
    const motherGiven = pickGiven(pool, 'female', rng);
    const motherSurname = Array.from({ length: pool.familyNameParts }, () => pickSurname(pool, rng));
    mother = addPerson(b, {
      origin: pool.origin, gender: 'female', given: motherGiven, givenSpelling: spellingOf(motherGiven, rng),
      surnames: motherSurname, surnameSpellings: motherSurname.map((s) => spellingOf(s, rng)),
      birth: fatherBirth + rng.between(0, 8 * YEAR), birthPlace: parentPlace(), nationalities: familyNationalities, address: home, family: familyNo,
    });
    members.push(mother);
  }
  // Somali children carry the father's given name and his first family name.
  const childSurname = pool.familyNameParts === 2 ? [fatherGiven, familySurname[0] ?? fatherGiven] : familySurname;
  const childSpellings = father >= 0 && pool.familyNameParts === 1
    ? (b.persons[father]?.surnameSpellings ?? childSurname.map((s) => spellingOf(s, rng)))
    : childSurname.map((s) => spellingOf(s, rng));
  const children = 1 + rng.weighted(CHILD_COUNT_WEIGHTS);
  let birth = fatherBirth + rng.between(20 * YEAR, 34 * YEAR);
  const lastBirth = day(2011, 12, 31);
  const childPlace: readonly [string, string] = [b.commune.fr, b.commune.country];
  const childIds: number[] = [];
  for (let i = 0; i < children && birth <= lastBirth; i++) {
    const gender = rng.chance(0.5) ? 'male' : 'female';
    const given = pickGiven(pool, gender, rng);
    const nationalities = b.commune.country === 'be' || b.commune.country === 'fr'
      ? [b.commune.country, ...familyNationalities.filter((c) => c !== b.commune.country)].slice(0, rng.chance(0.7) ? 2 : 1)
      : familyNationalities;
    const id = addPerson(b, {
      origin: pool.origin, gender, given, givenSpelling: spellingOf(given, rng), surnames: childSurname, surnameSpellings: childSpellings,
      birth, birthPlace: rng.chance(0.65) ? childPlace : parentPlace(), nationalities,
      // Young adults often live elsewhere.
      address: birth < day(1993, 1, 1) && rng.chance(0.3) ? newAddress(b) : home, family: familyNo,
    });
    childIds.push(id);
    members.push(id);
    // Twins happen: same surname, same birth date, same address.
    birth += rng.chance(0.03) ? 0 : rng.between(YEAR, 4 * YEAR);
  }
  const genderOf = (i: number): 'male' | 'female' => b.persons[i]?.gender ?? 'male';
  if (father >= 0 && mother >= 0) tie(b, 'family', father, mother, 'spouse');
  // One tie per pair, labelled with what the second person is to the first; agencies vary the direction.
  childIds.forEach((child, k) => {
    if (father >= 0) {
      if (rng.chance(0.5)) tie(b, 'family', child, father, 'father');
      else tie(b, 'family', father, child, genderOf(child) === 'male' ? 'son' : 'daughter');
    }
    if (mother >= 0) {
      if (rng.chance(0.5)) tie(b, 'family', child, mother, 'mother');
      else tie(b, 'family', mother, child, genderOf(child) === 'male' ? 'son' : 'daughter');
    }
    for (const sibling of childIds.slice(k + 1)) tie(b, 'family', child, sibling, genderOf(sibling) === 'male' ? 'brother' : 'sister');
  });
  return members;
}

function addSingleton(b: Builder, pool: NamePool): number {
  const { rng } = b;
  const gender = rng.chance(0.85) ? 'male' : 'female';
  const given = pickGiven(pool, gender, rng);
  const surnames = Array.from({ length: pool.familyNameParts }, () => pickSurname(pool, rng));
  return addPerson(b, {
    origin: pool.origin, gender, given, givenSpelling: spellingOf(given, rng), surnames, surnameSpellings: surnames.map((s) => spellingOf(s, rng)),
    birth: day(1980 + rng.int(18), 1 + rng.int(12), 1 + rng.int(28)), birthPlace: rng.pick(pool.birthPlaces),
    nationalities: pickNationalities(pool, rng), address: newAddress(b), family: -1,
  });
}

function kunyaFor(p: PersonDraft, rng: Rng): string {
  const pool = NAME_POOLS[p.origin];
  const nisba = rng.pick(pool.nisba);
  return p.gender === 'male' ? `Abu ${rng.pick(KUNYA_NAMES)} ${nisba}` : `Umm ${rng.pick(KUNYA_NAMES)} ${nisba}yya`;
}

function falseIdentity(p: PersonDraft, rng: Rng): FalseIdentity {
  const pool = NAME_POOLS.levantine;
  const given = pickGiven(pool, p.gender, rng);
  return {
    given: given.forms[0] ?? '',
    surname: pickSurname(pool, rng).forms[0] ?? '',
    birth: p.birth + rng.between(-3 * YEAR, 3 * YEAR),
    nationality: 'sy',
    passport: passportNumber('sy', rng),
  };
}

/** Cell or crew: young adults of the families plus friends; a leader; trips, warrants, arrests. */
function addCore(b: Builder, kind: 'criminal' | 'radical', pool: NamePool): void {
  const { rng } = b;
  const youngFrom = day(1978, 1, 1);
  const youngTo = day(1998, 12, 31);
  const candidates = b.persons.flatMap((p, i) => (p.birth >= youngFrom && p.birth <= youngTo && (p.gender === 'male' || rng.chance(0.15)) ? [i] : []));
  const core = candidates.filter(() => rng.chance(0.7)).slice(0, 6);
  const friends = rng.int(kind === 'radical' ? 4 : 3);
  for (let i = 0; i < friends; i++) {
    // Friends are mostly of the same background; converts and mixed crews happen.
    const friendPool = rng.chance(0.75) ? pool : NAME_POOLS[rng.pick(ORIGIN_LIST)];
    core.push(addSingleton(b, friendPool));
  }
  if (core.length < 2) core.push(addSingleton(b, pool));
  core.sort((x, y) => (b.persons[x]?.birth ?? 0) - (b.persons[y]?.birth ?? 0));
  core.forEach((index, rank) => {
    const p = b.persons[index];
    if (!p) return;
    p.core = true;
    p.cellRole = rank === 0 ? 'leader' : rng.chance(0.12) ? 'financier' : rng.chance(0.12) ? 'recruiter' : 'member';
    if (kind === 'radical' && (p.gender === 'male' ? rng.chance(0.7) : rng.chance(0.25))) p.kunya = kunyaFor(p, rng);
    if (rng.chance(kind === 'radical' ? 0.45 : 0.35)) {
      if (b.vehicles.length === 0 || rng.chance(0.6)) {
        const [make, model] = rng.pick(VEHICLE_MODELS);
        b.vehicles.push({ registration: registration(b.commune.country, rng), make, model });
      }
      p.vehicle = b.vehicles.length - 1;
    }
  });
  // Associates: everyone knows the leader, and some know each other.
  const leader = core[0] ?? 0;
  for (let i = 1; i < core.length; i++) {
    const member = core[i] ?? 0;
    const label = rng.pick(ASSOCIATIONS);
    tie(b, 'associate', member, leader, label);
    const other = core[rng.int(core.length)] ?? member;
    if (other !== member && other !== leader) tie(b, 'associate', member, other, rng.pick(ASSOCIATIONS));
    if (rng.chance(0.7)) {
      b.ties.push({ kind: 'communication', a: member, b: leader, label: 'phone', date: day(2013, 1, 1) + rng.int(3 * YEAR), count: 1 + rng.int(rng.chance(0.3) ? 400 : 40) });
    }
  }
  // A safe house shared by part of the core.
  if (kind === 'radical' && core.length >= 3 && rng.chance(0.3)) {
    const safeHouse = newAddress(b);
    for (const i of core) if (rng.chance(0.5) && b.persons[i]) (b.persons[i] as PersonDraft).address = safeHouse;
  }
  let groupDeparture: number | null = null;
  for (const i of core) {
    const p = b.persons[i];
    if (!p) continue;
    if (kind === 'radical' && rng.chance(0.4)) {
      // Siblings and friends often left together.
      const departure: number = groupDeparture !== null && rng.chance(0.45) ? groupDeparture : day(2013, 1, 1) + rng.int(3 * YEAR);
      if (groupDeparture === departure) {
        const companion = core.find((j) => j !== i && b.persons[j]?.trip?.departure === departure);
        if (companion !== undefined) b.ties.push({ kind: 'cotravel', a: i, b: companion, label: 'travel', date: departure, count: 1 });
      }
      groupDeparture = departure;
      const returned = rng.chance(0.3) ? Math.min(WORLD_END - 5, departure + rng.between(60, 700)) : null;
      p.trip = { departure, transit: rng.pick(TRANSIT_AIRPORTS), zone: rng.pick(CONFLICT_ZONES), returned, falseIdentity: returned !== null && rng.chance(0.5) ? falseIdentity(p, rng) : null };
      if (rng.chance(0.7)) {
        const arrestedOnReturn = returned !== null && rng.chance(0.5);
        p.warrant = { date: Math.min(WORLD_END, departure + rng.between(30, 250)), authority: warrantAuthority(b.commune, rng), status: arrestedOnReturn ? 'executed' : rng.chance(0.05) ? 'withdrawn' : 'active' };
        if (arrestedOnReturn && returned !== null) p.arrests.push(Math.min(WORLD_END, returned + rng.int(60)));
      }
      p.sightings.push({ date: departure, checkpoint: rng.pick([4, 5, 6]) });
      for (const parent of b.persons) {
        if (parent.family === p.family && p.family >= 0 && parent.birth < p.birth - 15 * YEAR && rng.chance(0.3)) parent.reportedTravel = true;
      }
    } else if (rng.chance(kind === 'criminal' ? 0.2 : 0.1)) {
      p.warrant = { date: day(2012, 6, 1) + rng.int(4 * YEAR), authority: warrantAuthority(b.commune, rng), status: rng.pick(['active', 'active', 'executed', 'withdrawn'] as const) };
    }
    const arrests = kind === 'criminal' ? rng.int(4) : rng.int(3) === 0 ? 1 : 0;
    for (let k = 0; k < arrests; k++) p.arrests.push(day(2012, 1, 1) + rng.int(4 * YEAR));
    const sightings = rng.int(p.vehicle !== null ? 4 : 2);
    for (let k = 0; k < sightings; k++) p.sightings.push({ date: day(2013, 1, 1) + rng.int(3 * YEAR + 180), checkpoint: rng.int(CHECKPOINTS.length) });
  }
}

function warrantAuthority(commune: Commune, rng: Rng): string {
  if (commune.country === 'fr') return 'Parquet national antiterroriste (FR)';
  return rng.pick(["Federal Prosecutor's Office", 'Investigating judge, Brussels', 'Investigating judge, Antwerp', 'Investigating judge, Liège']);
}

const RECORD_COUNTS: Readonly<Record<'core' | 'coreCriminal' | 'family' | 'ordinary', readonly number[]>> = {
  core: cumulative([15, 30, 30, 25]),
  coreCriminal: cumulative([35, 35, 20, 10]),
  family: cumulative([55, 30, 10, 5]),
  ordinary: cumulative([80, 15, 4, 1]),
};

/** Which agencies hold a record on the person: 1-4 draws, weighted by who would know them. */
function chooseAgencies(p: PersonDraft, kind: ClusterKind, commune: Commune, rng: Rng): number[] {
  const w = new Array<number>(DEMO_AGENCY_IDS.length).fill(0);
  const I = AGENCY_INDEX;
  const inFrance = commune.country === 'fr';
  const local = (x: number): void => {
    if (commune.zone) w[I[commune.zone]] = (w[I[commune.zone]] ?? 0) + x;
    else if (inFrance) w[I['partner-fr']] = (w[I['partner-fr']] ?? 0) + x;
    else w[I.fedpol] = (w[I.fedpol] ?? 0) + x * 0.6;
  };
  const add = (agency: DemoAgencyId, x: number): void => {
    w[I[agency]] = (w[I[agency]] ?? 0) + x;
  };
  let counts = RECORD_COUNTS.ordinary;
  if (p.core && kind === 'radical') {
    counts = RECORD_COUNTS.core;
    add('fedpol', 5); add('intel', 5); add('tcu', 4); local(3); add('border', 2); add('prosecutor', 1.5); add('partner-fr', inFrance ? 6 : 1.5);
  } else if (kind === 'radical') {
    counts = RECORD_COUNTS.family;
    local(4); add('intel', 3); add('fedpol', 2); add('tcu', 1); add('border', 1); add('partner-fr', inFrance ? 2 : 0.2);
  } else if (p.core) {
    counts = RECORD_COUNTS.coreCriminal;
    local(6); add('fedpol', 4); add('prosecutor', 3); add('border', 2); add('intel', 0.3); add('partner-fr', inFrance ? 2 : 0);
  } else {
    local(6); add('border', 3); add('prosecutor', 1); add('fedpol', 1); add('partner-fr', inFrance ? 2 : 0.1);
  }
  if (p.trip) { add('border', 4); add('intel', 2); add('tcu', 2); }
  if (p.warrant) add('prosecutor', 5);
  if (p.arrests.length > 0 || p.reportedTravel) local(3);
  const count = 1 + rng.weighted(counts);
  const chosen: number[] = [];
  for (let k = 0; k < count; k++) {
    const total = w.reduce((s, x) => s + x, 0);
    if (total <= 0) break;
    const index = rng.weighted(cumulative(w));
    chosen.push(index);
    w[index] = 0;
  }
  // Now and then an agency holds the same person twice (entered again under another spelling).
  if (chosen.length >= 1 && chosen.length < 4 && rng.chance(0.04)) chosen.push(chosen[0] ?? 0);
  return chosen;
}

function finish(b: Builder, kind: ClusterKind, draft: PersonDraft, id: string): TruePerson {
  const { rng, commune } = b;
  const adult = draft.birth < day(1998, 1, 1);
  const male = draft.gender === 'male';
  const living = commune.country;
  const registered = living === 'be' && (draft.nationalities.includes('be') || rng.chance(0.85));
  const passportCountry = draft.nationalities.length > 1 && rng.chance(0.5) ? draft.nationalities[1] ?? 'be' : draft.nationalities[0] ?? 'be';
  const phones: string[] = [];
  if (adult && rng.chance(0.85)) {
    phones.push(mobileNumber(living, rng));
    if (rng.chance(0.3)) phones.push(mobileNumber(living, rng));
  }
  if (draft.trip && rng.chance(0.5)) phones.push(mobileNumber(rng.chance(0.6) ? 'tr' : 'sy', rng));
  if (draft.vehicle === null && adult && !draft.core && rng.chance(0.15)) {
    const [make, model] = rng.pick(VEHICLE_MODELS);
    b.vehicles.push({ registration: registration(living, rng), make, model });
    draft.vehicle = b.vehicles.length - 1;
  }
  if (!draft.core && rng.chance(kind === 'ordinary' ? 0.03 : 0.06)) draft.arrests.push(day(2012, 1, 1) + rng.int(4 * YEAR));
  if (!draft.core && draft.vehicle !== null && rng.chance(0.08)) draft.sightings.push({ date: day(2013, 1, 1) + rng.int(3 * YEAR), checkpoint: rng.int(CHECKPOINTS.length) });
  const nicknames = NICKNAMES[draft.given.forms[0] ?? ''];
  const ascii = (s: string): string => foldDiacritics(s).toLowerCase().replace(/[^a-z]/g, '');
  return {
    id,
    origin: draft.origin,
    gender: draft.gender,
    given: draft.given,
    givenSpelling: draft.givenSpelling,
    surnames: draft.surnames,
    surnameSpellings: draft.surnameSpellings,
    birth: draft.birth,
    birthPlace: draft.birthPlace,
    nationalities: draft.nationalities.length > 0 ? draft.nationalities : ['be'],
    nationalNumber: registered ? nationalNumber(draft.birth, male, rng) : null,
    foreignId: living === 'fr' ? `${pad2(civil(draft.birth).year % 100)}${pad2(1 + rng.int(12))}${digits(rng, 8)}` : null,
    passport: adult && rng.chance(0.7) ? { number: passportNumber(passportCountry, rng), country: passportCountry } : null,
    phones,
    email: adult && rng.chance(0.4) ? `${ascii(draft.givenSpelling)}.${ascii(draft.surnameSpellings[0] ?? '')}${rng.chance(0.5) ? rng.int(100) : ''}@${rng.pick(EMAIL_DOMAINS)}` : null,
    nickname: nicknames && rng.chance(0.3) ? rng.pick(nicknames) : null,
    kunya: draft.kunya,
    address: draft.address,
    vehicle: draft.vehicle,
    core: draft.core,
    cellRole: draft.cellRole,
    trip: draft.trip,
    warrant: draft.warrant,
    arrests: draft.arrests,
    sightings: draft.sightings,
    reportedTravel: draft.reportedTravel,
    agencies: chooseAgencies(draft, kind, commune, rng),
  };
}

/**
 * One cluster of at most `maxPersons` people, their person ids numbered from `firstPerson`.
 * Truncation (for the last cluster) drops people and the ties that reach them.
 */
export function generateCluster(rng: Rng, firstPerson: number, maxPersons: number): Cluster {
  const kind = CLUSTER_KINDS[rng.weighted(KIND_WEIGHTS)] ?? 'ordinary';
  const origin = ORIGIN_LIST[rng.weighted(ORIGIN_WEIGHTS[kind])] ?? 'maghrebi';
  const pool = NAME_POOLS[origin];
  const commune = COMMUNES[rng.weighted(COMMUNE_WEIGHTS)] ?? (COMMUNES[0] as Commune);
  const b: Builder = { rng, commune, persons: [], addresses: [], vehicles: [], ties: [] };
  const first = addFamily(b, pool, null, 0);
  const families = 1 + (rng.chance(0.45) ? 1 : 0) + (rng.chance(0.2) ? 1 : 0);
  for (let f = 1; f < families; f++) {
    // A cousins' family shares the surname (fathers are brothers); otherwise a neighbouring family.
    const cousins = rng.chance(0.5) && b.persons[first[0] ?? 0]?.gender === 'male';
    const otherPool = rng.chance(0.8) ? pool : NAME_POOLS[rng.pick(ORIGIN_LIST)];
    const before = b.persons.length;
    addFamily(b, cousins ? pool : otherPool, cousins ? (b.persons[first[0] ?? 0]?.surnames ?? null) : null, f);
    if (cousins) {
      const firstChildren = b.persons.slice(0, before).map((p, i) => [p, i] as const).filter(([p]) => p.family === 0 && p.birth > day(1975, 1, 1));
      const newChildren = b.persons.slice(before).map((p, i) => [p, before + i] as const).filter(([p]) => p.birth > day(1975, 1, 1));
      for (const [, a] of firstChildren) {
        for (const [, c] of newChildren) {
          if (rng.chance(0.5)) tie(b, 'family', a, c, 'cousin');
        }
      }
    }
  }
  let organization: number | null = null;
  if (kind !== 'ordinary') {
    addCore(b, kind, pool);
    organization = kind === 'radical' ? rng.pick(JIHADIST_ORGS) : rng.chance(0.5) ? rng.pick(CRIMINAL_ORGS) : null;
  }
  // Neighbours and schoolmates across families.
  if (families > 1 && rng.chance(0.5)) {
    const a = rng.int(b.persons.length);
    const c = rng.int(b.persons.length);
    if (a !== c && b.persons[a]?.family !== b.persons[c]?.family) tie(b, 'associate', a, c, rng.pick(['neighbour', 'schoolmate', 'friend']));
  }
  const keep = Math.min(maxPersons, b.persons.length);
  const persons = b.persons.slice(0, keep).map((draft, i) => finish(b, kind, draft, `P${String(firstPerson + i + 1).padStart(8, '0')}`));
  const ties = keep === b.persons.length ? b.ties : b.ties.filter((t) => t.a < keep && t.b < keep);
  return { kind, commune, persons, addresses: b.addresses, vehicles: b.vehicles, ties, organization };
}
