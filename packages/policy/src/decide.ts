/**
 * The single decision point: may this user do this to this resource, in this context?
 * Every read path (API, screening, graph, exports, notifications) asks here or through
 * filterVisible(); nothing else decides visibility.
 *
 * For a record the checks run in this order:
 * 1. role (the action matrix below), 2. purpose and case reference (LED Art. 8),
 * 3. need-to-know: a record restricted to groups (marking.needToKnow) is for their members only,
 *    the owner agency's own users included, and a non-member gets nothing, not even a pointer
 *    (a pointer would tell them a case team holds something). Only a group of the owner agency
 *    counts: a name on the record that is another agency's group, or no group at all, restricts
 *    the record but admits no one (else any agency could open a record by creating a group
 *    under a name it carries),
 * 4. the owner's own users see everything they are cleared for,
 * 5. TLP:RED: only the owner and members of the owner's need-to-know groups named on the record,
 * 6. the sharing agreements from owner to recipient (sharing-agreement.ts), or when none
 *    matches, TLP's default: CLEAR to anyone, GREEN to the owner's community, others to no one,
 * 7. for content ('full'): AMBER+STRICT needs an agreement naming the recipient agency,
 *    the releasability marking must cover the recipient agency or its country, and the user's
 *    clearance must reach the classification,
 * 8. export by a non-owner is onward sharing: never for AMBER+STRICT or RED (TLP 2.0), nor for
 *    handling codes H2/H3 (Europol: action/dissemination needs the owner's consent).
 * A pointer is given only where an agreement says 'pointer'. It carries no content, so the
 * owner's agreement (whose conditions include the maximum classification) is the only gate.
 * Of a record it reads its owner and markings alone (decisionKey, decision-key.ts), never its
 * id, so that a reader of many records may decide once per key.
 *
 * A judgement on a pair (decideJudgement) joins or splits a subject for every user of every
 * agency: it is for an analyst of an agency owning one of the two records, or of the country of
 * both owners. Reading both records is asked of each record, as any read is.
 */
import { CLASSIFICATION, rankOf, type AgencyId, type Classification, type Provenance } from '@mosaic/model';
import type { Action, Decision, DecisionReason, OwnerNotice, Pointer, PolicyContext, RecordResource, Resource } from './decision.ts';
import type { Organisation, PolicyUser, Role } from './organisation.ts';
import { agreementVerdict, type AgreementVerdict, type SharingAgreement } from './sharing-agreement.ts';

/** Which roles may attempt which action on records. */
export const RECORD_ROLES: Readonly<Record<Action, readonly Role[]>> = {
  read: ['analyst', 'officer'],
  search: ['analyst', 'officer'],
  screen: ['analyst', 'officer', 'checkpoint_officer'],
  export: ['analyst'],
  write: ['analyst', 'officer'],
  delete: ['agency_admin'],
  audit: [],
  admin: [],
  // decided on a pair of records (decideJudgement), never on one
  judge: [],
};

/**
 * Whether the user's roles read records at all. A role outside RECORD_ROLES.read is refused first
 * whatever the record (decideRecord), content and pointer alike: such a user can be shown no
 * record, and so told of none (a watch, a notice naming a record).
 */
export function readsRecords(user: Pick<PolicyUser, 'roles'>): boolean {
  return user.roles.some((role) => RECORD_ROLES.read.includes(role));
}

export function decide(user: PolicyUser, action: Action, resource: Resource, context: PolicyContext): Decision {
  switch (resource.kind) {
    case 'record':
      return decideRecord(user, action, resource, context);
    case 'audit':
      if (action !== 'audit') return deny('not applicable');
      if (!user.roles.includes('auditor')) return deny('role not permitted');
      if (resource.agency === user.agency || (context.org.oversight ?? []).includes(user.agency)) return allow('own agency');
      return deny('out of scope');
    case 'agency':
      if (action !== 'admin') return deny('not applicable');
      if (!user.roles.includes('agency_admin')) return deny('role not permitted');
      return resource.agency === user.agency ? allow('own agency') : deny('out of scope');
    case 'platform':
      if (action !== 'admin') return deny('not applicable');
      return user.roles.includes('sysadmin') ? allow('own agency') : deny('role not permitted');
    case 'pair':
      if (action !== 'judge') return deny('not applicable');
      return decideJudgement(user, resource.owners, context.org);
  }
}

/**
 * Who may judge two records of one person or not. The judgement stands for every user of every
 * agency (every later run follows it, DESIGN.md principle 4), so it is not for whoever may read
 * the two: an agency answers for its own records, and a country's analysts for its agencies'
 * records among themselves. A partner abroad that reads two Belgian agencies' records may not
 * join or split them; a pair across two countries is for its owners alone.
 */
function decideJudgement(user: PolicyUser, owners: readonly [AgencyId, AgencyId], org: Organisation): Decision {
  if (!user.roles.includes('analyst')) return deny('role not permitted');
  if (owners.includes(user.agency)) return allow('own agency');
  const country = countryOf(org, user.agency);
  return country !== undefined && owners.every((owner) => countryOf(org, owner) === country) ? allow('same country') : deny('other country');
}

function decideRecord(user: PolicyUser, action: Action, record: RecordResource, context: PolicyContext): Decision {
  const permitted = RECORD_ROLES[action];
  if (permitted.length === 0) return deny('not applicable');
  if (!user.roles.some((role) => permitted.includes(role))) return deny('role not permitted');
  const { provenance } = record;
  const owner = provenance.agency;
  const cleared = atLeast(user.clearance, provenance.marking.classification);

  const groups = provenance.marking.needToKnow ?? NO_GROUPS;
  // Group ids are plain strings in the model's marking and branded in the user's list; ids are
  // compared as stored (case and all), and the group must be the owner's own.
  const inGroup = groups.length > 0 && groups.some((group) => (user.groups as readonly string[]).includes(group) && groupOwner(context.org, group) === owner);

  if (action === 'write' || action === 'delete') {
    if (owner !== user.agency) return deny('not owner');
    // Erasure stays with the agency's data administrator whatever the groups (retention, Art. 16),
    // but not above their clearance: erasing a record is acting on what it says, which they may
    // not read (the retention sweep, or an administrator cleared for it, erases it).
    if (action === 'delete') return cleared ? allow('own agency') : deny('clearance');
    if (groups.length > 0 && !inGroup) return deny('need-to-know');
    return cleared ? allow('own agency') : deny('clearance');
  }

  if (!present(context.purpose) || !present(context.caseRef)) return deny('purpose required');
  if (groups.length > 0 && !inGroup) return deny('need-to-know');
  if (owner === user.agency) return cleared ? allow('own agency') : deny('clearance');

  const tlp = provenance.marking.tlp;
  if (tlp === 'RED' && inGroup) {
    if (!cleared) return deny('clearance');
    if (action === 'export') return deny('no onward sharing');
    return allow('need-to-know group');
  }

  const index = agreementIndex(context.agreements);
  const verdict = agreementVerdict(index.byOwner.get(owner) ?? [], user.agency, provenance);
  if (verdict === null) {
    if (tlp === 'CLEAR') return content(user, action, record, context, null, 'tlp:clear');
    // GREEN goes to the owner's community only where the owner has set no terms for this
    // recipient: an agreement of the owner's naming it or ALL, whose conditions this record does
    // not meet (a victim, a SECRET record, H2), says it is not to go there, whatever its marking
    if (tlp === 'GREEN' && !index.hasTerms.has(`${owner}\u0000${user.agency}`) && !index.hasTerms.has(`${owner}\u0000ALL`) && communityOf(index, owner, user.agency)) {
      return content(user, action, record, context, null, 'tlp:green community');
    }
    return deny(tlp === 'RED' ? 'tlp:red' : 'no agreement');
  }
  switch (verdict.effect) {
    case 'none':
      return deny('agreement: none');
    case 'pointer':
      if (action === 'export') return deny('agreement: pointer');
      return withNotice({ effect: 'pointer', reason: 'agreement: pointer', pointer: pointerTo(context.org, owner, verdict) }, verdict.notifyOwnerOnEncounter ? { agency: owner, kind: 'encounter' } : undefined);
    case 'full':
      if (tlp === 'RED') return deny('tlp:red');
      if (tlp === 'AMBER+STRICT' && !verdict.named) return deny('tlp:amber+strict needs a named recipient');
      return content(user, action, record, context, verdict, 'agreement: full');
  }
}

/** The checks on a grant of content, and the owner notice it triggers. */
function content(user: PolicyUser, action: Action, record: RecordResource, context: PolicyContext, verdict: AgreementVerdict | null, reason: 'agreement: full' | 'tlp:clear' | 'tlp:green community'): Decision {
  const { provenance } = record;
  const tlp = provenance.marking.tlp;
  if (!releasableTo(provenance, user.agency, context.org)) return deny('releasability');
  if (!atLeast(user.clearance, provenance.marking.classification)) return deny('clearance');
  if (action === 'export') {
    if (tlp === 'AMBER+STRICT') return deny('no onward sharing');
    if (provenance.handling === 'H2' || provenance.handling === 'H3') return deny('handling: owner consent required');
  }
  const notify = action === 'screen' ? verdict?.notifyOwnerOnEncounter === true : verdict?.notifyOwnerOnConsult === true;
  return withNotice({ effect: 'allow', reason }, notify ? { agency: provenance.agency, kind: action === 'screen' ? 'encounter' : 'consult' } : undefined);
}

const NO_GROUPS: readonly string[] = [];

/** Marking.releasability: agency ids, ISO country codes or 'ALL'; empty means the owner only. */
function releasableTo(provenance: Provenance, agency: AgencyId, org: Organisation): boolean {
  const country = countryOf(org, agency);
  return provenance.marking.releasability.some((to) => to === 'ALL' || to === agency || (country !== undefined && to.toUpperCase() === country));
}

function pointerTo(org: Organisation, owner: AgencyId, verdict: AgreementVerdict): Pointer {
  const agency = org.agencies.find((a) => a.id === owner);
  const deskId = verdict.contactDesk ?? agency?.contactDesk;
  const desk = org.desks.find((d) => d.id === deskId && d.agency === owner);
  return {
    agency: owner,
    agencyName: agency?.name ?? owner,
    desk: desk === undefined ? null : { id: desk.id, name: desk.name, contact: desk.contact },
    message: 'holds information',
  };
}

/**
 * Lookups computed once per agreements array and once per organisation (callers pass the same
 * arrays for a whole request, so filterVisible over many records pays for them once). The length
 * is checked too, so an array that grew is re-indexed.
 */
interface AgreementIndex {
  readonly length: number;
  readonly byOwner: ReadonlyMap<AgencyId, readonly SharingAgreement[]>;
  /** `owner\0other` for every pair inCommunity() would accept, plus owners sharing with ALL. */
  readonly community: ReadonlySet<string>;
  /** Owners with an agreement sharing something with ALL. */
  readonly sharesWithAll: ReadonlySet<AgencyId>;
  /** `owner\0recipient` (or `owner\0ALL`) for every agreement of an owner, whatever its effect. */
  readonly hasTerms: ReadonlySet<string>;
}
const agreementIndexCache = new WeakMap<readonly SharingAgreement[], AgreementIndex>();
function agreementIndex(agreements: readonly SharingAgreement[]): AgreementIndex {
  let cached = agreementIndexCache.get(agreements);
  if (cached?.length !== agreements.length) {
    const byOwner = new Map<AgencyId, SharingAgreement[]>();
    const community = new Set<string>();
    const sharesWithAll = new Set<AgencyId>();
    const hasTerms = new Set<string>();
    for (const a of agreements) {
      byOwner.set(a.owner, [...(byOwner.get(a.owner) ?? []), a]);
      hasTerms.add(`${a.owner}\u0000${a.recipient}`);
      // an agreement sharing nothing makes no community (an agency that shares nothing with ALL
      // is not thereby every agency's partner)
      if (a.effect === 'none') continue;
      if (a.recipient === 'ALL') sharesWithAll.add(a.owner);
      else community.add(`${a.owner}\u0000${a.recipient}`).add(`${a.recipient}\u0000${a.owner}`);
    }
    cached = { length: agreements.length, byOwner, community, sharesWithAll, hasTerms };
    agreementIndexCache.set(agreements, cached);
  }
  return cached;
}

/** Same answer as inCommunity(), from the index. */
function communityOf(index: AgreementIndex, owner: AgencyId, other: AgencyId): boolean {
  return index.sharesWithAll.has(owner) || index.sharesWithAll.has(other) || index.community.has(`${owner}\u0000${other}`);
}

const groupCache = new WeakMap<Organisation, ReadonlyMap<string, AgencyId>>();
function groupOwner(org: Organisation, group: string): AgencyId | undefined {
  let index = groupCache.get(org);
  if (index === undefined) {
    index = new Map(org.groups.map((g) => [g.id as string, g.agency]));
    groupCache.set(org, index);
  }
  return index.get(group);
}

const countryCache = new WeakMap<Organisation, ReadonlyMap<AgencyId, string>>();
function countryOf(org: Organisation, agency: AgencyId): string | undefined {
  let index = countryCache.get(org);
  if (index === undefined) {
    index = new Map(org.agencies.map((a) => [a.id, a.country.toUpperCase()]));
    countryCache.set(org, index);
  }
  return index.get(agency);
}

function atLeast(clearance: Classification, classification: Classification): boolean {
  return rankOf(CLASSIFICATION, clearance) >= rankOf(CLASSIFICATION, classification);
}

function present(value: string | undefined): boolean {
  return value !== undefined && value.trim().length > 0;
}

function allow(reason: DecisionReason): Decision {
  return { effect: 'allow', reason };
}

function deny(reason: DecisionReason): Decision {
  return { effect: 'deny', reason };
}

function withNotice<D extends Decision & { effect: 'allow' | 'pointer' }>(decision: D, notice: OwnerNotice | undefined): D {
  return notice === undefined ? decision : { ...decision, notifyOwner: notice };
}
