/**
 * The organisation the policy decides over — agencies, desks, sharing agreements — read from the
 * store and held in memory between administrative changes; and the policy's view of a user.
 */
import { AgencyId } from '@mosaic/model';
import type { Agency, Desk, NeedToKnowGroup, Organisation, PolicyContext, PolicyUser, Role, SharingAgreement } from '@mosaic/policy';
import { GroupId, ROLES } from '@mosaic/policy';
import type { Store, User } from '@mosaic/store';

/** The document kind of a need-to-know group; the document's owner is the group's agency. */
export const GROUP_KIND = 'need-to-know-group';

export interface OrgSnapshot {
  readonly org: Organisation;
  readonly agreements: readonly SharingAgreement[];
}

/** Store rows are JSON documents in the policy's own shapes (written by loadOrganisation's inverse, saveOrganisation). */
export async function loadOrganisation(store: Store): Promise<OrgSnapshot> {
  const { agencies, desks, agreements } = await store.getOrg();
  const oversight = agencies.filter((a) => a['oversight'] === true).map((a) => a.id);
  const groups = await loadGroups(store);
  return Object.freeze({
    org: Object.freeze({ agencies: agencies as unknown as Agency[], desks: desks as unknown as Desk[], groups, oversight: oversight as Agency['id'][] }),
    agreements: agreements as unknown as SharingAgreement[],
  });
}

/**
 * Every need-to-know group with its agency, taken from the document's owner: every group document
 * has one (its body's `agency` repeats it), so stores written before the policy knew a group's
 * agency need nothing done to them.
 */
export async function loadGroups(store: Store): Promise<readonly NeedToKnowGroup[]> {
  const groups: NeedToKnowGroup[] = [];
  for (let afterId = ''; ;) {
    const page = await store.listDocuments(GROUP_KIND, { limit: 1000, afterId });
    groups.push(...page.map((d) => Object.freeze({ id: GroupId(d.id), agency: AgencyId(d.owner) })));
    const last = page.at(-1);
    if (last === undefined || page.length < 1000) return Object.freeze(groups);
    afterId = last.id;
  }
}

export async function saveOrganisation(store: Store, snapshot: { readonly agencies: readonly (Agency & { readonly oversight?: boolean })[]; readonly desks: readonly Desk[]; readonly agreements: readonly SharingAgreement[] }): Promise<void> {
  await store.putOrg({ agencies: snapshot.agencies, desks: snapshot.desks, agreements: snapshot.agreements });
}

const isRole = (role: string): role is Role => (ROLES as readonly string[]).includes(role);

export function policyUser(user: User): PolicyUser {
  return {
    id: user.id,
    agency: user.agency,
    desk: user.desk,
    roles: user.roles.filter(isRole),
    clearance: user.clearance,
    groups: user.groups as PolicyUser['groups'],
  };
}

/** Who asks and why: every consultation carries a purpose and a case reference. */
export interface Consultation {
  readonly user: User;
  readonly purpose?: string;
  readonly caseRef?: string;
}

export function policyContext(snapshot: OrgSnapshot, consultation: Consultation): PolicyContext {
  return {
    org: snapshot.org,
    agreements: snapshot.agreements,
    ...(consultation.purpose ? { purpose: consultation.purpose } : {}),
    ...(consultation.caseRef ? { caseRef: consultation.caseRef } : {}),
  };
}
