/**
 * Administration of agencies, desks and sharing agreements: read the organisation documents,
 * change one entry, write them back with the change's audit entry in one transaction, and reload
 * the runtime's cached snapshot so the very next decision uses the change. Each change's audit
 * entry names the agencies it concerns (auditAdmin's `concerning`), so that their auditors find it: the agency
 * created or changed, the desk's agency, and both parties to an agreement.
 */
import { AgencyId, toCountryCode, type DeskId } from '@mosaic/model';
import type { Agency, Desk, SharingAgreement } from '@mosaic/policy';
import type { Mosaic } from '../runtime.ts';
import type { JsonValue } from '@mosaic/audit';
import { adminRefusal, auditAdminIn, authoriseAdmin, exists, invalid, notFound, plainText, type AdminAuditOptions, type AdminRequest, type AdminScope } from './admin-gate.ts';
import type { Consultation } from '../organisation.ts';

export type AgencyEntry = Agency & { readonly oversight?: boolean };

export interface OrgDocuments {
  readonly agencies: readonly AgencyEntry[];
  readonly desks: readonly Desk[];
  readonly agreements: readonly SharingAgreement[];
}

/**
 * An agreement as its reader sees it: `withdrawable` says whether they may withdraw it, judged by
 * the rule deleteAgreement applies (a party's data administrator of the owner, or a system
 * administrator), so that a screen offers only what will be done.
 */
export type ListedAgreement = SharingAgreement & { readonly withdrawable: boolean };

export interface OrganisationListing extends Omit<OrgDocuments, 'agreements'> {
  readonly agreements: readonly ListedAgreement[];
}

const ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/** Everyone signed in may list agencies and desks (pointers name them); agreements: sysadmins and the agencies party to them. */
export async function listOrganisation(mosaic: Mosaic, request: Consultation): Promise<OrganisationListing> {
  const org = await readOrg(mosaic);
  const all = request.user.roles.includes('sysadmin');
  const seen = all ? org.agreements : org.agreements.filter((a) => a.owner === request.user.agency || a.recipient === request.user.agency);
  const agreements: ListedAgreement[] = [];
  for (const agreement of seen) agreements.push({ ...agreement, withdrawable: (await adminRefusal(mosaic, request, withdrawalScope(request, agreement))) === undefined });
  return { ...org, agreements };
}

export interface NewAgency {
  readonly id: string;
  readonly name: string;
  readonly country: string;
  readonly oversight?: boolean | undefined;
  /** Every agency has a 24/7 contact desk from the start: pointers name it. */
  readonly contactDesk: { readonly id: string; readonly name: string; readonly contact: string };
}

/**
 * The agency and contact desk `input` describes, or the refusal of what is wrong with it, naming
 * the field: every check of createAgency that needs no store (the command line makes them before
 * it creates a store for the agency, so that a mistake leaves none behind).
 */
export function validateNewAgency(input: NewAgency): { readonly agency: AgencyEntry; readonly desk: Desk } {
  checkId('id', input.id);
  checkDeskId('contactDesk.id', input.contactDesk.id, input.id);
  const agency: AgencyEntry = { id: AgencyId(input.id), name: plainText('name', input.name), country: country(input.country), contactDesk: input.contactDesk.id as DeskId, ...(input.oversight ? { oversight: true } : {}) };
  const desk: Desk = { id: input.contactDesk.id as DeskId, agency: agency.id, name: plainText('contactDesk.name', input.contactDesk.name), contact: plainText('contactDesk.contact', input.contactDesk.contact) };
  return { agency, desk };
}

export async function createAgency(mosaic: Mosaic, request: AdminRequest, input: NewAgency): Promise<AgencyEntry> {
  await authoriseAdmin(mosaic, request, { kind: 'platform' });
  const { agency, desk } = validateNewAgency(input);
  await changeOrg(mosaic, request, (org) => {
    if (org.agencies.some((a) => a.id === agency.id)) throw exists('id', `agency ${agency.id} already exists`);
    if (org.desks.some((d) => d.id === desk.id)) throw exists('contactDesk.id', `desk ${desk.id} already exists`);
    return {
      org: { ...org, agencies: [...org.agencies, agency], desks: [...org.desks, desk] },
      change: { createAgency: { id: agency.id, name: agency.name, country: agency.country, contactDesk: desk.id } }, audit: { reason: 'agency created', concerning: [agency.id] },
    };
  });
  return agency;
}

export interface AgencyChange {
  readonly name?: string;
  readonly country?: string;
  readonly oversight?: boolean;
  readonly contactDesk?: string;
}

export async function updateAgency(mosaic: Mosaic, request: AdminRequest, id: AgencyId, change: AgencyChange): Promise<AgencyEntry> {
  await authoriseAdmin(mosaic, request, { kind: 'platform' });
  let updated: AgencyEntry | undefined;
  await changeOrg(mosaic, request, (org) => {
    const current = org.agencies.find((a) => a.id === id);
    if (!current) throw notFound('id', `no agency ${id}`);
    if (change.contactDesk !== undefined && !org.desks.some((d) => d.id === change.contactDesk && d.agency === id)) throw invalid('contactDesk', `no desk ${change.contactDesk} in agency ${id}`);
    const { oversight: _o, ...rest } = current;
    const oversight = change.oversight ?? current.oversight === true;
    updated = {
      ...rest,
      ...(change.name !== undefined ? { name: plainText('name', change.name) } : {}),
      ...(change.country !== undefined ? { country: country(change.country) } : {}),
      ...(change.contactDesk !== undefined ? { contactDesk: change.contactDesk as DeskId } : {}),
      ...(oversight ? { oversight: true } : {}),
    };
    const next = updated;
    return { org: { ...org, agencies: org.agencies.map((a) => (a.id === id ? next : a)) }, change: { updateAgency: { id, ...change } }, audit: { reason: 'agency updated', concerning: [id] } };
  });
  return updated as AgencyEntry;
}

export interface DeskInput {
  readonly id: string;
  readonly agency: string;
  readonly name: string;
  /** A 24/7 phone number or functional mailbox, never a person's own details. */
  readonly contact: string;
}

export async function createDesk(mosaic: Mosaic, request: AdminRequest, input: DeskInput): Promise<Desk> {
  await authoriseAdmin(mosaic, request, { kind: 'agency', agency: AgencyId(input.agency), sysadminToo: true });
  checkDeskId('id', input.id, input.agency);
  const desk: Desk = { id: input.id as DeskId, agency: AgencyId(input.agency), name: plainText('name', input.name), contact: plainText('contact', input.contact) };
  await changeOrg(mosaic, request, (org) => {
    if (!org.agencies.some((a) => a.id === desk.agency)) throw invalid('agency', `no agency ${desk.agency}`);
    if (org.desks.some((d) => d.id === desk.id)) throw exists('id', `desk ${desk.id} already exists`);
    return { org: { ...org, desks: [...org.desks, desk] }, change: { createDesk: { ...desk } }, audit: { reason: 'desk created', concerning: [desk.agency] } };
  });
  return desk;
}

export async function updateDesk(mosaic: Mosaic, request: AdminRequest, id: DeskId, change: { readonly name?: string; readonly contact?: string }): Promise<Desk> {
  const existing = (await readOrg(mosaic)).desks.find((d) => d.id === id);
  if (!existing) throw notFound('id', `no desk ${id}`);
  await authoriseAdmin(mosaic, request, { kind: 'agency', agency: existing.agency, sysadminToo: true });
  const desk: Desk = { ...existing, ...(change.name !== undefined ? { name: plainText('name', change.name) } : {}), ...(change.contact !== undefined ? { contact: plainText('contact', change.contact) } : {}) };
  await changeOrg(mosaic, request, (org) => ({
    org: { ...org, desks: org.desks.map((d) => (d.id === id ? desk : d)) }, change: { updateDesk: { id, ...change } }, audit: { reason: 'desk updated', concerning: [desk.agency] },
  }));
  return desk;
}

/**
 * Create or replace an agreement. The system administrator may set any; an agency's data
 * administrator only those its agency owns (the owner decides what flows from its records).
 */
export async function putAgreement(mosaic: Mosaic, request: AdminRequest, agreement: SharingAgreement): Promise<SharingAgreement> {
  const platform = request.user.roles.includes('sysadmin');
  await authoriseAdmin(mosaic, request, platform ? { kind: 'platform' } : { kind: 'agency', agency: agreement.owner });
  checkId('id', agreement.id);
  for (const [field, list] of [['conditions.tlp', agreement.conditions.tlp], ['conditions.handling', agreement.conditions.handling], ['conditions.categories', agreement.conditions.categories]] as const) {
    if (list.length === 0) throw invalid(field, 'must name at least one value (an agreement that matches nothing is a mistake)');
    // refused, not folded into one: a value given twice is most often another one mistyped (GREEN
    // twice where AMBER was meant), and an agreement decides what another agency is given
    const values: readonly string[] = list;
    const repeated = values.find((value, i) => values.indexOf(value) !== i);
    if (repeated !== undefined) throw invalid(field, `names ${repeated} more than once: name each value once`);
  }
  await changeOrg(mosaic, request, (org) => {
    if (!org.agencies.some((a) => a.id === agreement.owner)) throw invalid('owner', `no agency ${agreement.owner}`);
    if (agreement.recipient !== 'ALL' && !org.agencies.some((a) => a.id === agreement.recipient)) throw invalid('recipient', `no agency ${agreement.recipient}`);
    if (agreement.recipient === agreement.owner) throw invalid('recipient', 'an agency does not need an agreement with itself');
    if (agreement.contactDesk !== undefined && !org.desks.some((d) => d.id === agreement.contactDesk && d.agency === agreement.owner)) throw invalid('contactDesk', `no desk ${agreement.contactDesk} in agency ${agreement.owner}`);
    const existing = org.agreements.find((a) => a.id === agreement.id);
    if (existing && !platform && existing.owner !== request.user.agency) throw invalid('id', `agreement ${agreement.id} belongs to another agency`);
    return {
      org: { ...org, agreements: existing === undefined ? [...org.agreements, agreement] : org.agreements.map((a) => (a.id === agreement.id ? agreement : a)) },
      change: { putAgreement: JSON.parse(JSON.stringify(agreement)) as JsonValue },
      // the parties of the agreement replaced too: a recipient it no longer names loses what it gave
      audit: { reason: existing ? 'agreement updated' : 'agreement created', concerning: [...partiesTo(agreement), ...(existing ? partiesTo(existing) : [])] },
    };
  });
  return agreement;
}

export async function deleteAgreement(mosaic: Mosaic, request: AdminRequest, id: string): Promise<void> {
  const existing = (await readOrg(mosaic)).agreements.find((a) => a.id === id);
  // Another agencies' agreement is answered as a missing one, as the listing leaves it out: the
  // refusal naming its owner told anyone who tried an id which agency shared with which.
  const party = existing !== undefined && (request.user.roles.includes('sysadmin') || partiesTo(existing).includes(request.user.agency));
  if (!existing || !party) throw notFound('id', `no agreement ${id}`);
  await authoriseAdmin(mosaic, request, withdrawalScope(request, existing));
  await changeOrg(mosaic, request, (org) => ({
    org: { ...org, agreements: org.agreements.filter((a) => a.id !== id) }, change: { deleteAgreement: { id } }, audit: { reason: 'agreement withdrawn', concerning: partiesTo(existing) },
  }));
}

/** Who withdraws an agreement: a system administrator, or a data administrator of its owner (never its recipient's). */
function withdrawalScope(request: Consultation, agreement: SharingAgreement): AdminScope {
  return request.user.roles.includes('sysadmin') ? { kind: 'platform' } : { kind: 'agency', agency: agreement.owner };
}

/**
 * The agencies party to an agreement, whose auditors find its changes: the owner, and the
 * recipient it names. One to ALL names no agency of its own; it is its owner's, as the listing
 * shows it to its owner only (listOrganisation).
 */
function partiesTo(agreement: SharingAgreement): AgencyId[] {
  return agreement.recipient === 'ALL' ? [agreement.owner] : [agreement.owner, agreement.recipient];
}

async function readOrg(mosaic: Mosaic): Promise<OrgDocuments> {
  const { agencies, desks, agreements } = await mosaic.store.getOrg();
  return { agencies: agencies as unknown as AgencyEntry[], desks: desks as unknown as Desk[], agreements: agreements as unknown as SharingAgreement[] };
}

/** An organisation changed, and the audit entry that says how and why. */
interface OrgChange {
  readonly org: OrgDocuments;
  readonly change: JsonValue;
  readonly audit: AdminAuditOptions;
}

/**
 * Writes the change `change` makes to the organisation as stored now and its audit entry in one
 * transaction under the audit log's lock (LED Art. 25: an alteration is logged), then reloads the
 * organisation. Written apart, a failure between the two left an agreement changed or withdrawn,
 * in force on every node, with no entry saying who did it or why.
 */
async function changeOrg(mosaic: Mosaic, request: AdminRequest, change: (org: OrgDocuments) => OrgChange): Promise<void> {
  await mosaic.store.transaction(async (tx) => {
    await tx.lockAudit();
    const { agencies, desks, agreements } = await tx.getOrg();
    const next = change({ agencies: agencies as unknown as AgencyEntry[], desks: desks as unknown as Desk[], agreements: agreements as unknown as SharingAgreement[] });
    await tx.putOrg(next.org);
    await auditAdminIn(mosaic, tx, request, next.change, next.audit);
  });
  await mosaic.reloadOrg();
}

function checkId(field: string, id: string): void {
  if (!ID.test(id)) throw invalid(field, `${JSON.stringify(id)} is not an id (lowercase letters, digits, - and _, up to 64)`);
}

/**
 * A desk id is unique across the deployment (users, agreements and pointers name a desk by its id
 * alone). Written `agency:slug`, as the demo's are, it is the agency's own: another agency's desk
 * `duty` is then no conflict; before the colon, only the desk's own agency (agency ids hold none).
 */
function checkDeskId(field: string, id: string, agency: string): void {
  const colon = id.indexOf(':');
  if (colon < 0) return checkId(field, id);
  if (id.slice(0, colon) !== agency) throw invalid(field, `${JSON.stringify(id)} names agency ${id.slice(0, colon)}: a desk id agency:slug begins with its own agency, ${agency}`);
  if (!ID.test(id.slice(colon + 1))) throw invalid(field, `${JSON.stringify(id)} is not a desk id (agency:slug, the slug lowercase letters, digits, - and _, up to 64)`);
}

/**
 * An ISO 3166-1 alpha-2 code, checked against the model's list of countries as a report's country
 * is (report-routes.ts): two letters alone let `ZZ` through. Kept uppercase.
 */
function country(value: string): string {
  const code = value.trim();
  if (!/^[A-Za-z]{2}$/.test(code) || toCountryCode(code) === undefined) throw invalid('country', `${JSON.stringify(value)} is not an ISO 3166-1 alpha-2 country code (such as BE)`);
  return code.toUpperCase();
}
