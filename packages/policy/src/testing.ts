/**
 * fast-check arbitraries for policy scenarios, for this package's property tests and for other
 * packages' leak tests (graph, screening, server): "whatever the scenario, nothing the user may
 * not see comes out". Everything generated is fictional. Each record's single name is a unique
 * marker (`NAME-<n>-<salt>`), so a test can search any output for a denied record's marker.
 */
import fc from 'fast-check';
import {
  AgencyId,
  CLASSIFICATION,
  CREDIBILITY,
  DeskId,
  HANDLING,
  NATURE,
  RecordId,
  RELIABILITY,
  SUBJECT_CATEGORY,
  TLP,
  UserId,
  type EntityRecord,
  type Provenance,
} from '@mosaic/model';
import { GroupId, ROLES, type Role, type Agency, type Desk, type NeedToKnowGroup, type Organisation, type PolicyUser } from './organisation.ts';
import { AgreementId, SHARING_EFFECTS, type SharingAgreement } from './sharing-agreement.ts';
import type { PolicyContext } from './decision.ts';

const COUNTRIES = ['BE', 'FR', 'NL', 'DE', 'LU'] as const;
export const TEST_GROUPS: readonly GroupId[] = ['g0', 'g1', 'g2'].map(GroupId);

/** 2 to `maxAgencies` agencies `ag0..`, each with one or two desks, the first its contact desk. */
export function arbOrganisation({ maxAgencies = 4 }: { readonly maxAgencies?: number } = {}): fc.Arbitrary<Organisation> {
  return fc
    .array(fc.record({ country: fc.constantFrom(...COUNTRIES), desks: fc.integer({ min: 1, max: 2 }) }), { minLength: 2, maxLength: maxAgencies })
    .chain((specs) =>
      fc.record({
        oversight: fc.subarray(specs.map((_, i) => AgencyId(`ag${i}`)), { maxLength: 1 }),
        // Each test group belongs to one agency (its members may be of any): a group admits only to its agency's records.
        owners: fc.tuple(...TEST_GROUPS.map(() => fc.integer({ min: 0, max: specs.length - 1 }))),
      }).map(({ oversight, owners }): Organisation => {
        const agencies: Agency[] = specs.map((s, i) => ({ id: AgencyId(`ag${i}`), name: `Agency ${i}`, country: s.country, contactDesk: DeskId(`ag${i}-desk0`) }));
        const desks: Desk[] = specs.flatMap((s, i) => Array.from({ length: s.desks }, (_, j) => ({ id: DeskId(`ag${i}-desk${j}`), agency: AgencyId(`ag${i}`), name: `Desk ${j}`, contact: `+00 ${i}${j} 24/7` })));
        const groups: NeedToKnowGroup[] = TEST_GROUPS.map((id, i) => ({ id, agency: AgencyId(`ag${owners[i] ?? 0}`) }));
        return { agencies, desks, groups, oversight };
      }),
    );
}

function someOrAll<T>(values: readonly T[]): fc.Arbitrary<readonly T[]> {
  return fc.oneof({ weight: 1, arbitrary: fc.constant(values) }, { weight: 1, arbitrary: fc.subarray([...values], { minLength: 1 }) });
}

function agencyIds(org: Organisation): AgencyId[] {
  return org.agencies.map((a) => a.id);
}

export function arbAgreement(org: Organisation, id: string = 'a'): fc.Arbitrary<SharingAgreement> {
  return fc.constantFrom(...agencyIds(org)).chain((owner) =>
    fc.record(
      {
        id: fc.constant(AgreementId(id)),
        owner: fc.constant(owner),
        recipient: fc.constantFrom<AgencyId | 'ALL'>('ALL', ...agencyIds(org).filter((a) => a !== owner)),
        // Broad conditions are common in practice and make the interesting (allowing) paths frequent.
        conditions: fc.record({
          tlp: someOrAll(TLP),
          maxClassification: fc.oneof({ weight: 2, arbitrary: fc.constant('TOP_SECRET' as const) }, { weight: 3, arbitrary: fc.constantFrom(...CLASSIFICATION) }),
          handling: someOrAll(HANDLING),
          categories: someOrAll(SUBJECT_CATEGORY),
        }),
        effect: fc.constantFrom(...SHARING_EFFECTS),
        notifyOwnerOnConsult: fc.boolean(),
        notifyOwnerOnEncounter: fc.boolean(),
        contactDesk: fc.constantFrom(...org.desks.filter((d) => d.agency === owner).map((d) => d.id)),
      },
      { requiredKeys: ['id', 'owner', 'recipient', 'conditions', 'effect', 'notifyOwnerOnConsult', 'notifyOwnerOnEncounter'] },
    ),
  );
}

export function arbAgreements(org: Organisation, { maxLength = 6 }: { readonly maxLength?: number } = {}): fc.Arbitrary<readonly SharingAgreement[]> {
  return fc.integer({ min: 0, max: maxLength }).chain((n): fc.Arbitrary<readonly SharingAgreement[]> => fc.tuple(...Array.from({ length: n }, (_, i) => arbAgreement(org, `agr${i}`))));
}

export function arbPolicyUser(org: Organisation, id: string = 'u'): fc.Arbitrary<PolicyUser> {
  return fc.constantFrom(...agencyIds(org)).chain((agency) =>
    fc.record({
      id: fc.constant(UserId(id)),
      agency: fc.constant(agency),
      desk: fc.constantFrom<DeskId | null>(null, ...org.desks.filter((d) => d.agency === agency).map((d) => d.id)),
      roles: fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom<Role[]>(['analyst'], ['officer'], ['checkpoint_officer']) },
        { weight: 1, arbitrary: fc.subarray([...ROLES], { minLength: 1, maxLength: 3 }) },
      ),
      clearance: fc.constantFrom(...CLASSIFICATION),
      groups: fc.subarray([...TEST_GROUPS]),
    }),
  );
}

export function arbProvenance(agency: AgencyId, sourceRecordId: string): fc.Arbitrary<Provenance> {
  return fc.record({
    agency: fc.constant(agency),
    source: fc.constant(`${agency}/case-mgmt`),
    sourceRecordId: fc.constant(sourceRecordId),
    reliability: fc.constantFrom(...RELIABILITY),
    credibility: fc.constantFrom(...CREDIBILITY),
    marking: fc.record({
      tlp: fc.constantFrom(...TLP),
      classification: fc.constantFrom(...CLASSIFICATION),
      releasability: fc.subarray<string>(['ALL', ...COUNTRIES, 'ag0', 'ag1', 'ag2', 'ag3']),
    }),
    handling: fc.constantFrom(...HANDLING),
    category: fc.constantFrom(...SUBJECT_CATEGORY),
    nature: fc.constantFrom(...NATURE),
    legalBasis: fc.constant('national police act, art. 44'),
    reviewDate: fc.integer({ min: 0, max: 16 * 365 }).map((days) => new Date(Date.UTC(2020, 0, 1 + days)).toISOString().slice(0, 10)),
  });
}

export type TestRecord = EntityRecord;

/**
 * The n-th record: owned by one of the org's agencies, its one name the marker `NAME-<n>-<salt>`;
 * about one in three is restricted to need-to-know groups (marking.needToKnow).
 */
export function arbRecord(org: Organisation, n: number = 0): fc.Arbitrary<TestRecord> {
  return fc.record({ agency: fc.constantFrom(...agencyIds(org)), salt: fc.integer({ min: 0, max: 36 ** 6 - 1 }).map((n) => n.toString(36).padStart(6, '0')), groups: fc.option(fc.subarray([...TEST_GROUPS], { minLength: 1 }), { nil: undefined, freq: 2 }) }).chain(({ agency, salt, groups }) =>
    arbProvenance(agency, `r${n}`).map((provenance): TestRecord => {
      const marked = groups === undefined ? provenance : { ...provenance, marking: { ...provenance.marking, needToKnow: groups } };
      return { id: RecordId(`${agency}:r${n}`), schema: 'Person', properties: { name: [`NAME-${n}-${salt}`], birthDate: [`19${String(50 + (n % 50))}-01-01`] }, provenance: marked };
    }),
  );
}

export function arbRecords(org: Organisation, { maxLength = 12 }: { readonly maxLength?: number } = {}): fc.Arbitrary<readonly TestRecord[]> {
  return fc.integer({ min: 0, max: maxLength }).chain((n): fc.Arbitrary<readonly TestRecord[]> => fc.tuple(...Array.from({ length: n }, (_, i) => arbRecord(org, i))));
}

export interface PolicyScenario {
  readonly org: Organisation;
  readonly agreements: readonly SharingAgreement[];
  readonly user: PolicyUser;
  readonly records: readonly TestRecord[];
  readonly context: PolicyContext;
}

/** A whole scenario; the context mostly carries a purpose and case reference, sometimes not. */
export function arbPolicyScenario(options: { readonly maxAgencies?: number; readonly maxAgreements?: number; readonly maxRecords?: number } = {}): fc.Arbitrary<PolicyScenario> {
  return arbOrganisation({ maxAgencies: options.maxAgencies ?? 4 }).chain((org) =>
    fc
      .record({
        agreements: arbAgreements(org, { maxLength: options.maxAgreements ?? 6 }),
        user: arbPolicyUser(org),
        records: arbRecords(org, { maxLength: options.maxRecords ?? 12 }),
        purpose: fc.oneof({ weight: 9, arbitrary: fc.constant('investigation') }, { weight: 1, arbitrary: fc.constantFrom(undefined, '', ' ') }),
      })
      .map(({ agreements, user, records, purpose }): PolicyScenario => ({
        org,
        agreements,
        user,
        records,
        context: purpose === undefined ? { org, agreements, caseRef: 'CASE-1' } : { org, agreements, purpose, caseRef: 'CASE-1' },
      })),
  );
}
