/**
 * What the agencies hold about one cluster of the true world: for every (person, agency) pair
 * the agency's Person record, rendered with its habits, plus the addresses, documents, phones,
 * vehicles and events it knows, then the relationships it recorded between people it holds.
 * Endpoints always name records of the same agency, emitted earlier in the stream.
 */
import type { Classification, Credibility, Handling, Provenance, Reliability, SubjectCategory, Tlp } from '@mosaic/model';
import { AgencyId, CLASSIFICATION, CREDIBILITY, HANDLING, RELIABILITY, TLP } from '@mosaic/model';
import { AGENCY_PROFILE_LIST } from './agency-profiles.ts';
import type { AgencyProfile } from './agency-profiles.ts';
import { MONTH_NAMES, WORLD_END, WORLD_START, isoDay, nextReview } from './calendar.ts';
import { agencyName, alertDesk, DEMO_AGENCY_IDS, sharedInFullWith } from './org.ts';
import type { DemoAgencyId } from './org.ts';
import { ORGANIZATIONS } from './organizations.ts';
import { CHECKPOINTS, BALKAN_ROUTE, COUNTRY_NAMES } from './places.ts';
import { ocrDocumentNumber } from './name-variation.ts';
import { renderAddress, renderBirthDate, renderName, renderNationalNumber } from './render-person.ts';
import { createRng } from './rng.ts';
import type { Rng } from './rng.ts';
import type { Cluster, Tie, TruePerson } from './world.ts';

/**
 * Record counters of one chunk, carried from cluster to cluster. Ids carry the chunk number so
 * that chunks can be generated independently (in parallel) and still never collide.
 */
export interface RecordState {
  readonly chunk: string;
  readonly counters: number[];
  /** Alert records per agency, numbered apart so that adding them renumbers no other record. */
  readonly alertCounters: number[];
  /** The day the demo is made for: review dates fall after it (calendar.ts nextReview). */
  readonly asOf: number;
}

export function createRecordState(chunk: number, asOf: number): RecordState {
  return { chunk: String(chunk).padStart(5, '0'), counters: DEMO_AGENCY_IDS.map(() => 0), alertCounters: DEMO_AGENCY_IDS.map(() => 0), asOf };
}

/** Agencies that keep files on groups; each holds one Organization record per demo group. */
const MEMBERSHIP_AGENCIES = new Set<DemoAgencyId>(['fedpol', 'intel', 'tcu', 'partner-fr', 'prosecutor', 'lpz-west', 'lpz-north', 'lpz-south', 'lpz-centre']);

/** Whether an agency keeps a file on a group. Local police keep files on crews, not on foreign armed groups. */
function holdsOrganization(agency: DemoAgencyId, org: number): boolean {
  const organization = ORGANIZATIONS[org];
  if (!organization || !MEMBERSHIP_AGENCIES.has(agency)) return false;
  return !(POLICE_KINDS.has(agency) && organization.kind === 'jihadist' && organization.country !== 'be');
}

function organizationSourceId(a: number, org: number): string {
  return `${AGENCY_PROFILE_LIST[a]?.prefix ?? 'X'}-ORG-${String(org + 1).padStart(3, '0')}`;
}

function organizationRecordId(a: number, org: number): string {
  return `${AGENCY_IDS[a] ?? ''}:${organizationSourceId(a, org)}`;
}

export interface ClusterOutput {
  readonly records: string[];
  readonly truth: string[];
}

type Props = Record<string, string[]>;

const AGENCY_IDS = DEMO_AGENCY_IDS.map((id) => AgencyId(id));
const YEAR = 365;
type DemoAlertCategory = 'arrest' | 'discreet_check' | 'specific_check' | 'inform_owner_only';
/** The legal basis of each alert category the demo issues, as the service's alerts give it. */
const ALERT_LEGAL_BASIS: Readonly<Record<DemoAlertCategory, string>> = {
  arrest: 'Reg. (EU) 2018/1862 Art. 26',
  discreet_check: 'Reg. (EU) 2018/1862 Art. 36',
  specific_check: 'Reg. (EU) 2018/1862 Art. 36',
  inform_owner_only: 'Mosaic sharing agreement',
};

/** FNV-1a of a record id: a choice that is part of the record, not of the random stream. */
function idHash(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

const POLICE_KINDS = new Set<DemoAgencyId>(['lpz-west', 'lpz-north', 'lpz-south', 'lpz-centre']);
const CT_AGENCIES = new Set<DemoAgencyId>(['fedpol', 'intel', 'tcu', 'partner-fr']);

function at<T>(scale: readonly T[], cumulativeWeights: readonly number[], rng: Rng): T {
  return scale[rng.weighted(cumulativeWeights)] ?? (scale[0] as T);
}

function category(kind: Cluster['kind'], p: TruePerson, agency: DemoAgencyId, rng: Rng): SubjectCategory {
  if (p.core) return agency === 'prosecutor' && p.arrests.length > 0 && rng.chance(0.5) ? 'convicted' : kind === 'criminal' && rng.chance(0.3) ? 'convicted' : 'suspect';
  if (p.reportedTravel && POLICE_KINDS.has(agency)) return 'witness';
  if (kind === 'radical') return rng.chance(0.75) ? 'contact' : 'other';
  if (kind === 'criminal') return rng.chance(0.6) ? 'contact' : rng.pick(['other', 'victim', 'witness'] as const);
  if (p.arrests.length > 0) return 'suspect';
  return rng.pick(['victim', 'victim', 'witness', 'witness', 'other', 'other', 'suspect'] as const);
}

function note(p: TruePerson, kind: Cluster['kind'], rng: Rng): string {
  if (p.trip) {
    const when = new Date(p.trip.departure * 86_400_000);
    const left = `Believed to have travelled to ${COUNTRY_NAMES[p.trip.zone] ?? 'the conflict zone'} via ${p.trip.transit} in ${MONTH_NAMES[when.getUTCMonth()] ?? ''} ${when.getUTCFullYear()}.`;
    return p.trip.returned !== null ? `${left} Assessed as a returnee.` : left;
  }
  if (p.reportedTravel) return "Came forward about a relative's intention to travel to Syria.";
  if (p.core && kind === 'radical') return rng.pick(['Attends a radical preaching circle.', 'Contact of a foreign terrorist fighter.', 'Shares jihadist propaganda online.', 'Suspected of recruiting for travel to Syria.']);
  if (p.core) return rng.pick(['Known for drug trafficking in the zone.', 'Suspected of armed robberies.', 'Involved in document fraud.', 'Known for vehicle thefts.']);
  if (kind === 'radical') return rng.pick(['Family member of a subject of interest.', 'Lives at the address of a subject of interest.']);
  return rng.pick(['Victim of a burglary.', 'Witness to a traffic accident.', 'Party to a neighbourhood dispute.', 'Reported a lost identity card.', 'Victim of a street robbery.']);
}

/** Emits every record the agencies hold on one cluster. */
export function clusterRecords(cluster: Cluster, rng: Rng, state: RecordState, out: ClusterOutput): void {
  const agencyCount = AGENCY_IDS.length;
  const personRecord: (string | undefined)[][] = Array.from({ length: agencyCount }, () => []);
  const personBasis: (Provenance | undefined)[][] = Array.from({ length: agencyCount }, () => []);
  const addressRecord = new Map<number, string>();
  const vehicleRecord = new Map<number, string>();

  const nextId = (a: number): { id: string; sourceRecordId: string } => {
    const n = (state.counters[a] ?? 0) + 1;
    state.counters[a] = n;
    const sourceRecordId = `${AGENCY_PROFILE_LIST[a]?.prefix ?? 'X'}-${state.chunk}-${String(n).padStart(7, '0')}`;
    return { id: `${AGENCY_IDS[a] ?? ''}:${sourceRecordId}`, sourceRecordId };
  };
  // Serialising a provenance once per person and splicing each record's sourceRecordId into it
  // halves the cost of writing a record; ids are plain ASCII and need no escaping.
  const serialised = new WeakMap<Provenance, readonly [string, string]>();
  const line = (id: string, sourceRecordId: string, schema: string, properties: Props, basis: Provenance): string => {
    let parts = serialised.get(basis);
    if (parts === undefined) {
      const json = JSON.stringify({ ...basis, sourceRecordId: '\u0000' });
      const cut = json.indexOf('\\u0000');
      parts = [json.slice(0, cut), json.slice(cut + 6)];
      serialised.set(basis, parts);
    }
    return `{"id":"${id}","schema":"${schema}","properties":${JSON.stringify(properties)},"provenance":${parts[0]}${sourceRecordId}${parts[1]}}`;
  };
  const emit = (a: number, schema: string, properties: Props, basis: Provenance): string => {
    const { id, sourceRecordId } = nextId(a);
    out.records.push(line(id, sourceRecordId, schema, properties, basis));
    return id;
  };
  const provenance = (profile: AgencyProfile, a: number, subject: SubjectCategory, recorded: number): Provenance => ({
    agency: AGENCY_IDS[a] ?? AgencyId(profile.agency),
    source: rng.pick(profile.sources),
    sourceRecordId: '',
    reliability: at<Reliability>(RELIABILITY, profile.reliability, rng),
    credibility: at<Credibility>(CREDIBILITY, profile.credibility, rng),
    marking: { tlp: at<Tlp>(TLP, profile.tlp, rng), classification: at<Classification>(CLASSIFICATION, profile.classification, rng), releasability: rng.pick(profile.releasability) },
    handling: at<Handling>(HANDLING, profile.handling, rng),
    category: subject,
    nature: rng.chance(profile.assessmentShare) ? 'assessment' : 'fact',
    legalBasis: profile.legalBasis,
    reviewDate: isoDay(nextReview(recorded, rng.between(profile.retentionYears[0] * YEAR, profile.retentionYears[1] * YEAR), state.asOf)),
  });
  /**
   * An alert of agency `a` on its own person record, after the SIS categories (alerts.ts in the
   * service): decided from the story and the record, never from the random stream, so that the
   * rest of the demo is the same with or without alerts.
   */
  const alertOn = (a: number, agency: DemoAgencyId, person: string, category: DemoAlertCategory, validFrom: number, basis: Provenance): void => {
    const n = (state.alertCounters[a] ?? 0) + 1;
    state.alertCounters[a] = n;
    const sourceRecordId = `${AGENCY_PROFILE_LIST[a]?.prefix ?? 'X'}-${state.chunk}-A${String(n).padStart(6, '0')}`;
    const desk = alertDesk(agency);
    const properties: Props = { subject: [person], category: [category], desk: [desk.id], deskContact: [desk.phone], validFrom: [isoDay(validFrom)], status: ['active'] };
    out.records.push(line(`${AGENCY_IDS[a] ?? ''}:${sourceRecordId}`, sourceRecordId, 'Alert', properties, { ...basis, source: 'alerts', nature: 'fact', legalBasis: ALERT_LEGAL_BASIS[category] }));
  };
  const vehicleOf = (a: number, vehicle: number, owner: string, basis: Provenance): string => {
    const key = a * 4096 + vehicle;
    const known = vehicleRecord.get(key);
    if (known !== undefined) return known;
    const v = cluster.vehicles[vehicle];
    const props: Props = { registrationNumber: [v?.registration ?? ''], make: [v?.make ?? ''], model: [v?.model ?? ''], owner: [owner] };
    const id = emit(a, 'Vehicle', props, basis);
    vehicleRecord.set(key, id);
    if (rng.chance(0.4)) emit(a, 'Ownership', { owner: [owner], asset: [id] }, basis);
    return id;
  };

  cluster.persons.forEach((p, i) => {
    for (const a of p.agencies) {
      const profile = AGENCY_PROFILE_LIST[a];
      const agency = DEMO_AGENCY_IDS[a];
      if (!profile || !agency) continue;
      const fields = profile.fields;
      const first = personRecord[a]?.[i] === undefined;
      const falseIdentity = agency === 'border' ? p.trip?.falseIdentity ?? null : null;
      const recorded = p.trip ? Math.min(WORLD_END, p.trip.departure + rng.int(200)) : WORLD_START + rng.int(WORLD_END - WORLD_START);
      const basis = provenance(profile, a, category(cluster.kind, p, agency, rng), recorded);
      const props: Props = {};
      if (falseIdentity) {
        // The returnee crossed the border under a false Syrian identity: this is the only record the border police hold.
        props['name'] = [`${falseIdentity.surname.toUpperCase()} ${falseIdentity.given.toUpperCase()}`];
        props['firstName'] = [falseIdentity.given.toUpperCase()];
        props['lastName'] = [falseIdentity.surname.toUpperCase()];
        props['birthDate'] = [isoDay(falseIdentity.birth)];
        props['nationality'] = [falseIdentity.nationality];
        props['gender'] = [p.gender];
        props['passportNumber'] = [falseIdentity.passport];
      } else {
        const name = renderName(p, profile.names, rng);
        props['name'] = [...name.names];
        if (rng.chance(fields.structuredName)) {
          props['firstName'] = [name.firstName];
          props['lastName'] = [name.lastName];
        }
        const aliases: string[] = [];
        if (p.nickname !== null && rng.chance(fields.alias)) aliases.push(p.nickname);
        if (p.trip?.falseIdentity && CT_AGENCIES.has(agency) && rng.chance(0.5)) aliases.push(`${p.trip.falseIdentity.given} ${p.trip.falseIdentity.surname}`);
        if (aliases.length > 0) props['alias'] = aliases;
        if (p.kunya !== null && rng.chance(fields.kunya)) props['weakAlias'] = [p.kunya];
        const birthDate = renderBirthDate(p.birth, fields, rng);
        if (birthDate !== null) props['birthDate'] = [birthDate];
        if (rng.chance(fields.birthPlace)) props['birthPlace'] = [p.birthPlace[0]];
        if (rng.chance(fields.nationality)) props['nationality'] = p.nationalities.length > 1 && rng.chance(0.4) ? [rng.pick(p.nationalities)] : [...p.nationalities];
        if (rng.chance(fields.gender)) props['gender'] = [p.gender];
        if (p.nationalNumber !== null && rng.chance(fields.idNumber)) props['idNumber'] = [renderNationalNumber(p.nationalNumber, rng)];
        else if (p.foreignId !== null && rng.chance(fields.idNumber)) props['idNumber'] = [p.foreignId];
        if (p.passport !== null && rng.chance(fields.passportNumber)) props['passportNumber'] = [rng.chance(profile.names.ocr * 2) ? ocrDocumentNumber(p.passport.number, rng) : p.passport.number];
        if (p.phones.length > 0 && rng.chance(fields.phone)) props['phone'] = rng.chance(0.5) ? [...p.phones] : [rng.pick(p.phones)];
        if (p.email !== null && rng.chance(fields.email)) props['email'] = [p.email];
        const home = cluster.addresses[p.address];
        if (home && rng.chance(fields.address * 0.5)) props['address'] = [renderAddress(home, rng).full];
        if (rng.chance(fields.notes)) props['notes'] = [note(p, cluster.kind, rng)];
      }
      const id = emit(a, 'Person', props, basis);
      out.truth.push(`{"id":${JSON.stringify(id)},"person":"${p.id}"}`);
      if (!first) continue;
      const perAgency = personRecord[a];
      const bases = personBasis[a];
      if (perAgency) perAgency[i] = id;
      if (bases) bases[i] = basis;
      personEntities(p, a, agency, profile, id, basis, falseIdentity !== null);
    }
  });

  function personEntities(p: TruePerson, a: number, agency: DemoAgencyId, profile: AgencyProfile, person: string, basis: Provenance, underFalseIdentity: boolean): void {
    const fields = profile.fields;
    const home = cluster.addresses[p.address];
    if (home && !underFalseIdentity && rng.chance(profile.ties.residence * fields.address)) {
      const key = a * 4096 + p.address;
      let address = addressRecord.get(key);
      if (address === undefined) {
        const rendered = renderAddress(home, rng);
        const props: Props = { full: [rendered.full], city: [rendered.city], country: [home.commune.country] };
        if (rng.chance(0.7)) {
          props['latitude'] = [String(home.lat)];
          props['longitude'] = [String(home.lon)];
        }
        address = emit(a, 'Address', props, { ...basis, category: 'other' });
        addressRecord.set(key, address);
      }
      emit(a, 'Residence', { person: [person], address: [address] }, basis);
    }
    if (rng.chance(fields.documentRecord)) {
      const ocr = (n: string): string => (rng.chance(profile.names.ocr * 3) ? ocrDocumentNumber(n, rng) : n);
      const fi = underFalseIdentity ? p.trip?.falseIdentity : null;
      if (fi) emit(a, 'Passport', { number: [ocr(fi.passport)], holder: [person], country: [fi.nationality], type: ['passport'] }, basis);
      else if (p.passport) emit(a, 'Passport', { number: [ocr(p.passport.number)], holder: [person], country: [p.passport.country], type: ['passport'] }, basis);
      else if (p.nationalNumber !== null) emit(a, 'Identification', { number: [p.nationalNumber], holder: [person], country: ['be'], type: ['national_id'] }, basis);
      else if (p.foreignId !== null) emit(a, 'Identification', { number: [p.foreignId], holder: [person], country: ['fr'], type: ['national_id'] }, basis);
    }
    if (p.phones.length > 0 && !underFalseIdentity && rng.chance(fields.phoneRecord)) {
      const phone = emit(a, 'Phone', { number: [rng.pick(p.phones)] }, basis);
      emit(a, 'Ownership', { owner: [person], asset: [phone] }, basis);
    }
    if (p.vehicle !== null && !underFalseIdentity && rng.chance(fields.vehicle)) vehicleOf(a, p.vehicle, person, basis);
    events(p, a, agency, person, basis, underFalseIdentity);
  }

  function events(p: TruePerson, a: number, agency: DemoAgencyId, person: string, basis: Provenance, underFalseIdentity: boolean): void {
    const ct = CT_AGENCIES.has(agency);
    const local = POLICE_KINDS.has(agency);
    const from = cluster.commune.country;
    const trip = p.trip;
    if (trip) {
      if (!underFalseIdentity && (agency === 'border' ? rng.chance(0.95) : ct && rng.chance(0.4))) {
        emit(a, 'Travel', { person: [person], departureDate: [isoDay(trip.departure)], arrivalDate: [isoDay(trip.departure)], fromCountry: [from], toCountry: ['tr'], transport: ['air'] }, basis);
      }
      if (!underFalseIdentity && (ct ? rng.chance(0.8) : local && rng.chance(0.4))) {
        emit(a, 'ConflictDeparture', { person: [person], date: [isoDay(trip.departure + rng.between(2, 10))], country: [trip.zone] }, basis);
      }
      if (trip.returned !== null) {
        if (ct && rng.chance(0.7)) emit(a, 'ConflictReturn', { person: [person], date: [isoDay(trip.returned)], country: [trip.zone] }, basis);
        if (agency === 'border' ? rng.chance(0.9) : ct && rng.chance(0.3)) {
          const overland = trip.falseIdentity !== null || rng.chance(0.3);
          emit(a, 'Travel', {
            person: [person],
            departureDate: [isoDay(trip.returned - (overland ? rng.between(7, 30) : 0))],
            arrivalDate: [isoDay(trip.returned)],
            fromCountry: [overland ? BALKAN_ROUTE[1] ?? 'gr' : 'tr'],
            toCountry: [from],
            transport: [overland ? 'road' : 'air'],
          }, basis);
        }
      }
    }
    const warrant = p.warrant;
    if (warrant && (agency === 'prosecutor' ? rng.chance(0.95) : agency === 'fedpol' ? rng.chance(0.6) : agency === 'border' ? rng.chance(0.3) : agency === 'partner-fr' && rng.chance(0.4))) {
      emit(a, 'Warrant', { person: [person], date: [isoDay(warrant.date)], authority: [warrant.authority], status: [warrant.status] }, basis);
      // the magistrate who issued it and the federal police who execute it each ask for the arrest
      if (warrant.status === 'active' && (agency === 'prosecutor' || agency === 'fedpol')) alertOn(a, agency, person, 'arrest', warrant.date, basis);
    }
    // Intelligence watches returnees it suspects without their knowing; the threat unit asks to be
    // told when one of every other foreign fighter it follows is encountered.
    if (trip && trip.returned !== null && agency === 'intel' && basis.category === 'suspect') alertOn(a, agency, person, 'discreet_check', trip.returned, basis);
    // The federal police ask where the returnees and the radical cells' members they hold as
    // suspects go (a discreet check), one in three to be searched (a specific check; Reg. (EU)
    // 2018/1862 Art. 36), on records their agreement with every agency shows the checkpoints
    // (border police, local zones) in full, so that an officer there files the report the alert
    // asks for (Art. 37); intelligence's discreet checks reach them as pointers only. One it asks
    // to arrest on a warrant is not also watched.
    const returnee = trip !== null && trip.returned !== null;
    if (agency === 'fedpol' && basis.category === 'suspect' && (returnee || (p.core && cluster.kind === 'radical')) && !(warrant?.status === 'active')
      && sharedInFullWith('fedpol', 'border', basis) && sharedInFullWith('fedpol', 'lpz-west', basis)) {
      alertOn(a, agency, person, idHash(person) % 3 === 0 ? 'specific_check' : 'discreet_check', trip?.returned ?? p.arrests[0] ?? WORLD_START, basis);
    }
    if (trip && agency === 'tcu' && basis.category === 'suspect' && idHash(person) % 2 === 0) alertOn(a, agency, person, 'inform_owner_only', trip.departure, basis);
    for (const arrest of p.arrests) {
      if (local ? rng.chance(0.8) : agency === 'fedpol' ? rng.chance(0.4) : (agency === 'partner-fr' || agency === 'prosecutor') && rng.chance(0.3)) {
        emit(a, 'Arrest', { person: [person], date: [isoDay(arrest)], authority: [agencyName(agency)], place: [cluster.commune.fr] }, basis);
      }
    }
    if (underFalseIdentity) return;
    for (const sighting of p.sightings) {
      const checkpoint = CHECKPOINTS[sighting.checkpoint];
      if (!checkpoint) continue;
      const atBorder = checkpoint.kind !== 'roadblock';
      if (atBorder ? agency === 'border' && rng.chance(0.9) : (local && rng.chance(0.7)) || (agency === 'fedpol' && rng.chance(0.3))) {
        const props: Props = {
          person: [person], date: [isoDay(sighting.date)], place: [checkpoint.place],
          latitude: [String(checkpoint.lat)], longitude: [String(checkpoint.lon)], checkpoint: [checkpoint.name],
        };
        if (p.vehicle !== null && !atBorder) props['vehicle'] = [vehicleOf(a, p.vehicle, person, basis)];
        emit(a, 'Sighting', props, basis);
      }
    }
  }

  const emitTie = (t: Tie): void => {
    for (let a = 0; a < agencyCount; a++) {
      const ra = personRecord[a]?.[t.a];
      const rb = personRecord[a]?.[t.b];
      const basis = personBasis[a]?.[t.a];
      const profile = AGENCY_PROFILE_LIST[a];
      if (ra === undefined || rb === undefined || !basis || !profile || !rng.chance(profile.ties[t.kind])) continue;
      switch (t.kind) {
        case 'family': emit(a, 'Family', { person: [ra], relative: [rb], relationship: [t.label] }, basis); break;
        case 'associate': emit(a, 'Associate', { person: [ra], associate: [rb], relationship: [t.label] }, basis); break;
        case 'communication': emit(a, 'Communication', { caller: [ra], receiver: [rb], date: [isoDay(t.date)], count: [String(t.count)] }, basis); break;
        case 'cotravel': emit(a, 'CoTravel', { person: [ra], companion: [rb], date: [isoDay(t.date)] }, basis); break;
      }
    }
  };
  for (const t of cluster.ties) emitTie(t);

  const org = cluster.organization;
  if (org === null) return;
  cluster.persons.forEach((p, i) => {
    if (p.cellRole === null) return;
    for (let a = 0; a < agencyCount; a++) {
      const member = personRecord[a]?.[i];
      const basis = personBasis[a]?.[i];
      const agency = DEMO_AGENCY_IDS[a];
      const profile = AGENCY_PROFILE_LIST[a];
      if (member === undefined || !basis || !agency || !profile || !holdsOrganization(agency, org) || !rng.chance(profile.ties.membership)) continue;
      emit(a, 'Membership', { member: [member], organization: [organizationRecordId(a, org)], role: [p.cellRole] }, basis);
    }
  });
}

/**
 * The Organization records every group-keeping agency holds, written once before any chunk so
 * that Membership records of any chunk can name them.
 */
export function organizationRecords(seed: number, asOf: number): string[] {
  const rng = createRng(seed, 0x7fffffff);
  const lines: string[] = [];
  DEMO_AGENCY_IDS.forEach((agency, a) => {
    const profile = AGENCY_PROFILE_LIST[a];
    if (!profile) return;
    ORGANIZATIONS.forEach((organization, org) => {
      if (!holdsOrganization(agency, org)) return;
      const properties: Props = { name: [rng.pick(organization.names)], country: [organization.country] };
      if (rng.chance(0.6)) properties['alias'] = [...organization.aliases];
      const provenance: Provenance = {
        agency: AGENCY_IDS[a] ?? AgencyId(agency),
        source: rng.pick(profile.sources),
        sourceRecordId: organizationSourceId(a, org),
        reliability: at<Reliability>(RELIABILITY, profile.reliability, rng),
        credibility: at<Credibility>(CREDIBILITY, profile.credibility, rng),
        marking: { tlp: at<Tlp>(TLP, profile.tlp, rng), classification: at<Classification>(CLASSIFICATION, profile.classification, rng), releasability: rng.pick(profile.releasability) },
        handling: at<Handling>(HANDLING, profile.handling, rng),
        category: 'other',
        nature: 'assessment',
        legalBasis: profile.legalBasis,
        reviewDate: isoDay(nextReview(WORLD_END, rng.between(profile.retentionYears[0] * YEAR, profile.retentionYears[1] * YEAR), asOf)),
      };
      lines.push(JSON.stringify({ id: organizationRecordId(a, org), schema: 'Organization', properties, provenance }));
    });
  });
  return lines;
}
