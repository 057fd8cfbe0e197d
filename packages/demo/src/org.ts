/**
 * The demo organisation: agencies with their 24/7 desks, users with roles and clearances, and
 * the sharing agreements between agencies. The mix mirrors the situation the platform answers
 * (see DESIGN.md): local zones share freely with the federal police, the intelligence service
 * shows local police a pointer only, the threat-coordination unit sees nearly everything, the
 * prosecutor's warrants reach every checkpoint, and the foreign partner shares with the
 * intelligence side only. All names are fictional.
 */
import type { Classification, Handling, SubjectCategory, Tlp } from '@mosaic/model';
import { AgencyId, AppError, CLASSIFICATION, DeskId, TLP, UserId } from '@mosaic/model';
import { NAME_POOLS } from './name-pools.ts';
import { createRng } from './rng.ts';
import type { Rng } from './rng.ts';

export const DEMO_AGENCY_IDS = ['fedpol', 'lpz-west', 'lpz-north', 'lpz-south', 'lpz-centre', 'intel', 'tcu', 'border', 'prosecutor', 'partner-fr'] as const;
export type DemoAgencyId = (typeof DEMO_AGENCY_IDS)[number];

export const AGENCY_KINDS = ['federal_police', 'local_police', 'intelligence', 'threat_coordination', 'border_police', 'foreign_partner', 'prosecutor'] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

export const ROLES = ['analyst', 'officer', 'checkpoint_officer', 'agency_admin', 'auditor', 'sysadmin'] as const;
export type Role = (typeof ROLES)[number];

export const SHARING_EFFECTS = ['full', 'pointer', 'none'] as const;
export type SharingEffect = (typeof SHARING_EFFECTS)[number];

/** The password every demo account signs in with. Demo data only. */
export const DEMO_PASSWORD = 'mosaic-demo';

export interface DemoDesk {
  readonly id: DeskId;
  readonly name: string;
  readonly phone: string;
  readonly email: string;
  readonly hours: '24/7';
}

export interface DemoAgency {
  readonly id: AgencyId;
  readonly name: string;
  readonly shortName: string;
  readonly kind: AgencyKind;
  readonly country: string;
  readonly desks: readonly DemoDesk[];
}

export interface DemoUser {
  readonly id: UserId;
  readonly username: string;
  readonly displayName: string;
  readonly agency: AgencyId;
  readonly roles: readonly Role[];
  readonly clearance: Classification;
  readonly desk: DeskId;
}

export interface SharingAgreement {
  readonly id: string;
  readonly owner: AgencyId;
  /** An agency, or every agency on the platform. */
  readonly recipient: AgencyId | 'ALL';
  readonly maxTlp: Tlp;
  readonly maxClassification: Classification;
  readonly handling: readonly Handling[];
  readonly categories: readonly SubjectCategory[];
  /** full: the record itself; pointer: "agency X holds information, contact desk Y"; none: nothing. */
  readonly effect: SharingEffect;
  readonly notifyOwnerOnConsult: boolean;
  readonly notifyOwnerOnEncounter: boolean;
  readonly description: string;
}

export interface DemoOrg {
  readonly seed: number;
  /** Every demo user's password. */
  readonly demoPassword: string;
  readonly agencies: readonly DemoAgency[];
  readonly users: readonly DemoUser[];
  readonly agreements: readonly SharingAgreement[];
}

interface AgencySpec {
  readonly id: DemoAgencyId;
  readonly name: string;
  readonly shortName: string;
  readonly kind: AgencyKind;
  readonly country: string;
  readonly desks: readonly (readonly [slug: string, name: string])[];
  /** Users per role, and the clearance they hold. */
  readonly staff: readonly (readonly [role: Role, count: number, clearance: Classification])[];
}

const AGENCY_SPECS: readonly AgencySpec[] = [
  {
    id: 'fedpol', name: 'Federal Judicial Police — Counter-Terrorism Directorate', shortName: 'FedPol CT', kind: 'federal_police', country: 'be',
    desks: [['ct-ops', 'CT Operations Room'], ['intl', 'International Police Cooperation Desk']],
    staff: [['analyst', 4, 'SECRET'], ['officer', 3, 'CONFIDENTIAL'], ['agency_admin', 1, 'SECRET'], ['auditor', 1, 'SECRET'], ['sysadmin', 1, 'RESTRICTED']],
  },
  ...(['west', 'north', 'south', 'centre'] as const).map((zone): AgencySpec => ({
    id: `lpz-${zone}`, name: `Capital Local Police Zone ${zone[0]?.toUpperCase()}${zone.slice(1)}`, shortName: `LPZ ${zone[0]?.toUpperCase()}${zone.slice(1)}`,
    kind: 'local_police', country: 'be',
    desks: [['dispatch', 'Dispatch and Information Desk'], ['cio', 'Local Information Cell']],
    staff: [['analyst', 1, 'CONFIDENTIAL'], ['officer', 4, 'RESTRICTED'], ['checkpoint_officer', 2, 'RESTRICTED'], ['agency_admin', 1, 'CONFIDENTIAL'], ['auditor', 1, 'CONFIDENTIAL']],
  })),
  {
    id: 'intel', name: 'State Security Intelligence Service', shortName: 'Intel', kind: 'intelligence', country: 'be',
    desks: [['duty', 'Duty Officer'], ['liaison', 'Police Liaison Desk']],
    staff: [['analyst', 4, 'TOP_SECRET'], ['agency_admin', 1, 'TOP_SECRET'], ['auditor', 1, 'TOP_SECRET']],
  },
  {
    id: 'tcu', name: 'Threat Coordination Unit', shortName: 'TCU', kind: 'threat_coordination', country: 'be',
    desks: [['watch', 'Threat Watch Desk']],
    staff: [['analyst', 3, 'SECRET'], ['agency_admin', 1, 'SECRET'], ['auditor', 1, 'SECRET']],
  },
  {
    id: 'border', name: 'Federal Border Police', shortName: 'Border Police', kind: 'border_police', country: 'be',
    desks: [['airport', 'Airport Border Control Room'], ['land', 'Land Borders Coordination']],
    staff: [['analyst', 1, 'CONFIDENTIAL'], ['officer', 2, 'RESTRICTED'], ['checkpoint_officer', 4, 'RESTRICTED'], ['agency_admin', 1, 'CONFIDENTIAL'], ['auditor', 1, 'CONFIDENTIAL']],
  },
  {
    id: 'prosecutor', name: "Federal Prosecutor's Office", shortName: 'Prosecutor', kind: 'prosecutor', country: 'be',
    desks: [['duty', 'Duty Magistrate']],
    staff: [['analyst', 2, 'SECRET'], ['agency_admin', 1, 'SECRET'], ['auditor', 1, 'CONFIDENTIAL']],
  },
  {
    id: 'partner-fr', name: 'Partner Internal Security Service (France)', shortName: 'FR Partner', kind: 'foreign_partner', country: 'fr',
    desks: [['liaison', 'Liaison Officer Brussels']],
    staff: [['analyst', 2, 'SECRET'], ['officer', 1, 'CONFIDENTIAL'], ['agency_admin', 1, 'SECRET'], ['auditor', 1, 'SECRET']],
  },
];

const ALL_HANDLING: readonly Handling[] = ['H0', 'H1', 'H2', 'H3'];
const ALL_CATEGORIES: readonly SubjectCategory[] = ['suspect', 'convicted', 'victim', 'witness', 'contact', 'other'];
const LOCAL_ZONES: readonly DemoAgencyId[] = ['lpz-west', 'lpz-north', 'lpz-south', 'lpz-centre'];

type AgreementSpec = Omit<SharingAgreement, 'id' | 'owner' | 'recipient' | 'notifyOwnerOnConsult' | 'notifyOwnerOnEncounter'> & {
  readonly owner: DemoAgencyId;
  readonly recipient: DemoAgencyId | 'ALL';
  readonly notifyOwnerOnConsult?: boolean;
  readonly notifyOwnerOnEncounter?: boolean;
};

const AGREEMENT_SPECS: readonly AgreementSpec[] = [
  { owner: 'fedpol', recipient: 'ALL', effect: 'full', maxTlp: 'AMBER', maxClassification: 'RESTRICTED', handling: ['H0', 'H1'], categories: ['suspect', 'convicted'], notifyOwnerOnEncounter: true,
    description: 'Suspects and convicts known to the federal police are visible to every agency; the owner hears of every encounter.' },
  { owner: 'fedpol', recipient: 'tcu', effect: 'full', maxTlp: 'RED', maxClassification: 'SECRET', handling: ALL_HANDLING, categories: ALL_CATEGORIES,
    description: 'The threat-coordination unit sees the whole federal police file.' },
  { owner: 'fedpol', recipient: 'intel', effect: 'full', maxTlp: 'AMBER+STRICT', maxClassification: 'CONFIDENTIAL', handling: ['H0', 'H1', 'H2'], categories: ['suspect', 'convicted', 'contact'],
    description: 'Federal police shares its terrorism file with the intelligence service.' },
  { owner: 'fedpol', recipient: 'prosecutor', effect: 'full', maxTlp: 'AMBER+STRICT', maxClassification: 'CONFIDENTIAL', handling: ALL_HANDLING, categories: ALL_CATEGORIES,
    description: 'The prosecutor directs the investigations and sees their file.' },
  ...LOCAL_ZONES.flatMap((zone): AgreementSpec[] => [
    { owner: zone, recipient: 'fedpol', effect: 'full', maxTlp: 'AMBER+STRICT', maxClassification: 'CONFIDENTIAL', handling: ALL_HANDLING, categories: ALL_CATEGORIES,
      description: 'Local zones feed the federal police in full.' },
    { owner: zone, recipient: 'ALL', effect: 'full', maxTlp: 'AMBER', maxClassification: 'RESTRICTED', handling: ['H0', 'H1'], categories: ['suspect', 'convicted', 'contact', 'other'],
      description: 'Local police information on suspects and their contacts is shared with every agency; victims and witnesses stay with the zone.' },
  ]),
  { owner: 'intel', recipient: 'tcu', effect: 'full', maxTlp: 'RED', maxClassification: 'SECRET', handling: ALL_HANDLING, categories: ALL_CATEGORIES, notifyOwnerOnConsult: true,
    description: 'The threat-coordination unit sees intelligence up to SECRET; every consultation is reported to the service.' },
  { owner: 'intel', recipient: 'fedpol', effect: 'full', maxTlp: 'AMBER', maxClassification: 'CONFIDENTIAL', handling: ['H0', 'H1', 'H2'], categories: ['suspect'], notifyOwnerOnConsult: true, notifyOwnerOnEncounter: true,
    description: 'Intelligence on suspects, up to CONFIDENTIAL, is released to the federal police.' },
  { owner: 'intel', recipient: 'ALL', effect: 'pointer', maxTlp: 'RED', maxClassification: 'SECRET', handling: ALL_HANDLING, categories: ['suspect', 'contact'], notifyOwnerOnConsult: true, notifyOwnerOnEncounter: true,
    description: 'Everyone else, local police included, sees a pointer only: the service holds information, call its liaison desk.' },
  { owner: 'tcu', recipient: 'ALL', effect: 'pointer', maxTlp: 'AMBER+STRICT', maxClassification: 'CONFIDENTIAL', handling: ['H0', 'H1', 'H2'], categories: ['suspect'], notifyOwnerOnEncounter: true,
    description: 'Persons on the threat list show as a pointer to the watch desk.' },
  { owner: 'tcu', recipient: 'fedpol', effect: 'full', maxTlp: 'AMBER+STRICT', maxClassification: 'CONFIDENTIAL', handling: ['H0', 'H1', 'H2'], categories: ['suspect', 'contact'],
    description: 'Threat assessments are shared with the federal police.' },
  { owner: 'tcu', recipient: 'intel', effect: 'full', maxTlp: 'RED', maxClassification: 'SECRET', handling: ALL_HANDLING, categories: ALL_CATEGORIES,
    description: 'The threat-coordination unit shares everything with the intelligence service.' },
  { owner: 'border', recipient: 'ALL', effect: 'full', maxTlp: 'AMBER', maxClassification: 'RESTRICTED', handling: ['H0', 'H1'], categories: ['suspect', 'convicted', 'contact', 'other'],
    description: 'Border crossings and checkpoint sightings are shared with every agency.' },
  { owner: 'prosecutor', recipient: 'ALL', effect: 'full', maxTlp: 'AMBER', maxClassification: 'RESTRICTED', handling: ['H0'], categories: ['suspect', 'convicted'], notifyOwnerOnEncounter: true,
    description: 'Warrants and convictions reach every checkpoint; the duty magistrate hears of every encounter.' },
  { owner: 'prosecutor', recipient: 'ALL', effect: 'none', maxTlp: 'RED', maxClassification: 'TOP_SECRET', handling: ALL_HANDLING, categories: ['victim', 'witness'],
    description: 'Victims and witnesses in judicial files are never shared.' },
  { owner: 'partner-fr', recipient: 'intel', effect: 'full', maxTlp: 'AMBER+STRICT', maxClassification: 'CONFIDENTIAL', handling: ['H0', 'H1', 'H2'], categories: ['suspect', 'contact'], notifyOwnerOnConsult: true,
    description: 'The foreign partner shares its subjects with its counterpart service.' },
  { owner: 'partner-fr', recipient: 'tcu', effect: 'pointer', maxTlp: 'AMBER+STRICT', maxClassification: 'CONFIDENTIAL', handling: ALL_HANDLING, categories: ['suspect'], notifyOwnerOnConsult: true, notifyOwnerOnEncounter: true,
    description: 'The threat-coordination unit learns only that the partner holds something.' },
  { owner: 'partner-fr', recipient: 'ALL', effect: 'none', maxTlp: 'RED', maxClassification: 'TOP_SECRET', handling: ALL_HANDLING, categories: ALL_CATEGORIES,
    description: 'Nothing else leaves the partner service without a request (third-party rule).' },
];

function displayName(rng: Rng): string {
  const pool = NAME_POOLS[rng.pick(['french', 'flemish', 'flemish', 'french', 'maghrebi', 'turkish'] as const)];
  const given = pool[rng.chance(0.5) ? 'male' : 'female'];
  return `${rng.pick(given).forms[0] ?? ''} ${rng.pick(pool.surnames).forms[0] ?? ''}`;
}

function deskPhone(spec: AgencySpec, agencyIndex: number, deskIndex: number): string {
  return `${spec.country === 'fr' ? '+3314555' : '+322555'}${String(agencyIndex).padStart(2, '0')}${deskIndex}0`;
}

/** An agency's first desk (its operations room or duty desk), which answers for its alerts around the clock. */
export function alertDesk(agency: DemoAgencyId): { readonly id: string; readonly phone: string } {
  const agencyIndex = AGENCY_SPECS.findIndex((spec) => spec.id === agency);
  const spec = AGENCY_SPECS[agencyIndex];
  const slug = spec?.desks[0]?.[0];
  if (!spec || slug === undefined) throw new AppError('MOSAIC_INTERNAL', `demo: no desk for agency ${agency}`);
  return { id: `${agency}:${slug}`, phone: deskPhone(spec, agencyIndex, 0) };
}

/**
 * Whether a record of `owner`'s so marked is shown in full to `recipient` by an agreement the
 * owner made with every agency (as the policy reads one: TLP, classification, handling and the
 * data subject's category within its bounds) and released to the recipient by its marking (to
 * all, to the recipient or to its country). The demo issues its discreet and specific checks on
 * such records, so that the checkpoint agencies see them and file the report they ask for.
 */
export function sharedInFullWith(owner: DemoAgencyId, recipient: DemoAgencyId, provenance: { readonly marking: { readonly tlp: Tlp; readonly classification: Classification; readonly releasability: readonly string[] }; readonly handling: Handling; readonly category: SubjectCategory }): boolean {
  const country = AGENCY_SPECS.find((spec) => spec.id === recipient)?.country;
  const { marking } = provenance;
  const released = marking.releasability.some((to) => to === 'ALL' || to === recipient || (country !== undefined && to.toLowerCase() === country));
  return released && AGREEMENT_SPECS.some((spec) => spec.owner === owner && (spec.recipient === 'ALL' || spec.recipient === recipient) && spec.effect === 'full'
    && TLP.indexOf(marking.tlp) <= TLP.indexOf(spec.maxTlp) && CLASSIFICATION.indexOf(marking.classification) <= CLASSIFICATION.indexOf(spec.maxClassification)
    && spec.handling.includes(provenance.handling) && spec.categories.includes(provenance.category));
}

/** Builds the organisation for a seed; only user display names depend on it. */
export function demoOrg(seed: number): DemoOrg {
  const rng = createRng(seed ^ 0x5eed0a6);
  const agencies: DemoAgency[] = AGENCY_SPECS.map((spec, agencyIndex) => ({
    id: AgencyId(spec.id),
    name: spec.name,
    shortName: spec.shortName,
    kind: spec.kind,
    country: spec.country,
    desks: spec.desks.map(([slug, name], deskIndex): DemoDesk => ({
      id: DeskId(`${spec.id}:${slug}`),
      name,
      phone: deskPhone(spec, agencyIndex, deskIndex),
      email: `${slug}@${spec.id}.mosaic.example`,
      hours: '24/7',
    })),
  }));
  const users: DemoUser[] = [];
  for (const spec of AGENCY_SPECS) {
    for (const [role, count, clearance] of spec.staff) {
      for (let i = 1; i <= count; i++) {
        const username = `${spec.id}.${role.replace('_officer', '').replace('agency_', '')}${count > 1 ? i : ''}`;
        const deskIndex = role === 'checkpoint_officer' || role === 'officer' ? 0 : Math.min(1, spec.desks.length - 1);
        users.push({
          id: UserId(username),
          username,
          displayName: displayName(rng),
          agency: AgencyId(spec.id),
          roles: [role],
          clearance,
          desk: DeskId(`${spec.id}:${spec.desks[deskIndex]?.[0] ?? 'desk'}`),
        });
      }
    }
  }
  const agreements: SharingAgreement[] = AGREEMENT_SPECS.map((spec, i) => ({
    id: `agr-${String(i + 1).padStart(2, '0')}`,
    owner: AgencyId(spec.owner),
    recipient: spec.recipient === 'ALL' ? 'ALL' : AgencyId(spec.recipient),
    maxTlp: spec.maxTlp,
    maxClassification: spec.maxClassification,
    handling: spec.handling,
    categories: spec.categories,
    effect: spec.effect,
    notifyOwnerOnConsult: spec.notifyOwnerOnConsult ?? false,
    notifyOwnerOnEncounter: spec.notifyOwnerOnEncounter ?? false,
    description: spec.description,
  }));
  return { seed, demoPassword: DEMO_PASSWORD, agencies, users, agreements };
}

/** The display name of a demo agency. */
export function agencyName(id: DemoAgencyId): string {
  return AGENCY_SPECS.find((spec) => spec.id === id)?.name ?? id;
}
