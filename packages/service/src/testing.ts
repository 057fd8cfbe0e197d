/**
 * A small fictional world for tests that need a running Mosaic on a real store: three agencies
 * (federal police, a local police zone, an intelligence service), their desks, agreements
 * (federal police and the zone share fully both ways; intelligence gives the zone pointers only), users
 * of every role, and a handful of records. Opened on sqlite in a fresh temporary folder.
 */
import { AgencyId, DeskId, UserId, validateRecord, type Classification } from '@mosaic/model';
import { AgreementId, type Agency, type Decide, type Desk, type SharingAgreement } from '@mosaic/policy';
import { SQLITE_FILE_NAME, type User } from '@mosaic/store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { parseConfig, type RawConfig } from './config.ts';
import { GROUP_KIND, saveOrganisation } from './organisation.ts';
import { hashPassword } from './password.ts';
import { openMosaic, type Mosaic } from './runtime.ts';
import { followChanges } from './change-follower.ts';
import type { Projections } from './projections.ts';
import type { EntityProjection } from './resolution/entity-projection.ts';
import { createScreeningProjection, type ScreeningProjection } from './screening/screening-projection.ts';

export const TEST_PASSWORD = 'correct horse battery staple';

const agencies: Agency[] = [
  { id: AgencyId('fedpol'), name: 'Federal Police', country: 'BE', contactDesk: DeskId('fedpol-ops') },
  { id: AgencyId('zone-north'), name: 'Police Zone North', country: 'BE', contactDesk: DeskId('zone-north-desk') },
  { id: AgencyId('intel'), name: 'State Security', country: 'BE', contactDesk: DeskId('intel-liaison') },
];
const desks: Desk[] = [
  { id: DeskId('fedpol-ops'), agency: AgencyId('fedpol'), name: 'Operations room', contact: '+32 2 000 00 01' },
  { id: DeskId('zone-north-desk'), agency: AgencyId('zone-north'), name: 'Duty desk', contact: '+32 2 000 00 02' },
  { id: DeskId('intel-liaison'), agency: AgencyId('intel'), name: 'Liaison desk', contact: '+32 2 000 00 03' },
];
const everything = { tlp: ['CLEAR', 'GREEN', 'AMBER'] as const, maxClassification: 'CONFIDENTIAL' as Classification, handling: ['H0', 'H1', 'H2', 'H3'] as const, categories: ['suspect', 'convicted', 'victim', 'witness', 'contact', 'other'] as const };
const agreements: SharingAgreement[] = [
  { id: AgreementId('fedpol-zone'), owner: AgencyId('fedpol'), recipient: AgencyId('zone-north'), conditions: { ...everything, tlp: [...everything.tlp], handling: [...everything.handling], categories: [...everything.categories] }, effect: 'full', notifyOwnerOnConsult: true, notifyOwnerOnEncounter: true },
  { id: AgreementId('zone-fedpol'), owner: AgencyId('zone-north'), recipient: AgencyId('fedpol'), conditions: { ...everything, tlp: [...everything.tlp], handling: [...everything.handling], categories: [...everything.categories] }, effect: 'full', notifyOwnerOnConsult: false, notifyOwnerOnEncounter: true },
  { id: AgreementId('intel-zone'), owner: AgencyId('intel'), recipient: AgencyId('zone-north'), conditions: { ...everything, tlp: [...everything.tlp], handling: [...everything.handling], categories: [...everything.categories] }, effect: 'pointer', notifyOwnerOnConsult: false, notifyOwnerOnEncounter: true },
];

export const TEST_USERS = {
  fedAnalyst: { agency: 'fedpol', desk: 'fedpol-ops', roles: ['analyst'], clearance: 'SECRET' },
  zoneOfficer: { agency: 'zone-north', desk: 'zone-north-desk', roles: ['officer'], clearance: 'RESTRICTED' },
  zoneCheckpoint: { agency: 'zone-north', desk: 'zone-north-desk', roles: ['checkpoint_officer'], clearance: 'RESTRICTED' },
  intelAnalyst: { agency: 'intel', desk: 'intel-liaison', roles: ['analyst'], clearance: 'TOP_SECRET' },
  intelAdmin: { agency: 'intel', desk: 'intel-liaison', roles: ['agency_admin'], clearance: 'SECRET' },
  auditor: { agency: 'fedpol', desk: 'fedpol-ops', roles: ['auditor'], clearance: 'RESTRICTED' },
  fedAdmin: { agency: 'fedpol', desk: 'fedpol-ops', roles: ['agency_admin'], clearance: 'SECRET' },
  sysadmin: { agency: 'fedpol', desk: 'fedpol-ops', roles: ['sysadmin'], clearance: 'RESTRICTED' },
} as const;
export type TestUserName = keyof typeof TEST_USERS;

export function testProvenance(agency: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    agency, source: 'test', reliability: 'B', credibility: 2, marking: { tlp: 'AMBER', classification: 'RESTRICTED', releasability: ['be'] },
    handling: 'H1', category: 'suspect', nature: 'fact', legalBasis: 'Test basis', reviewDate: '2031-01-01', ...overrides,
  };
}

export interface TestMosaic {
  readonly mosaic: Mosaic;
  readonly dir: string;
  cleanup(): Promise<void>;
}

/** Validates and stores fixture records, as a test's own; a fixture that does not validate stops the test, naming it and why. */
export async function putFixtures(mosaic: Mosaic, raws: readonly Record<string, unknown>[]): Promise<void> {
  for (const raw of raws) {
    const v = validateRecord(mosaic.registry, raw);
    if (!v.ok) throw new Error(`test fixture ${String(raw['id'])} did not validate: ${JSON.stringify(v.errors)}`);
    await mosaic.store.putRecords([v.record], { actor: 'test' });
  }
}

/** Stores a need-to-know group of `agency`, as its administrator would create it, and has the policy know it. */
export async function putTestGroup(mosaic: Mosaic, id: string, agency: string): Promise<void> {
  await mosaic.store.putDocument({ kind: GROUP_KIND, id, owner: agency, body: { id, agency, name: id, description: '' } });
  await mosaic.reloadOrg();
}

/**
 * Adds a partner abroad, France's liaison ("dgsi", country FR, agreements with no one), and its
 * analyst, `dgsi.analyst1`: it reads what Belgian agencies mark CLEAR and release to all
 * (clearAndReleasedToAll). Returns the analyst.
 */
export async function addFrenchPartner(mosaic: Mosaic): Promise<User> {
  const { org, agreements } = await mosaic.org();
  const dgsi = { id: AgencyId('dgsi'), name: 'French liaison', country: 'FR', contactDesk: DeskId('dgsi-duty') };
  const desk = { id: DeskId('dgsi-duty'), agency: dgsi.id, name: 'Permanence', contact: '+33 1 000 00 05' };
  await saveOrganisation(mosaic.store, { agencies: [...org.agencies, dgsi], desks: [...org.desks, desk], agreements });
  await mosaic.reloadOrg();
  const analyst = { id: UserId('dgsi.analyst1'), name: 'analyst1', agency: dgsi.id, desk: desk.id, roles: ['analyst'], clearance: 'SECRET' as const, groups: [], passwordHash: await hashPassword(TEST_PASSWORD) };
  await mosaic.store.upsertUser(analyst);
  return (await mosaic.store.listUsers()).find((u) => u.id === analyst.id)!;
}

/** testProvenance of `agency` for a record any agency's user may read: TLP:CLEAR, released to all. */
export const clearAndReleasedToAll = (agency: string): Record<string, unknown> => testProvenance(agency, { marking: { tlp: 'CLEAR', classification: 'RESTRICTED', releasability: ['ALL'] } });

/**
 * Lists the federal police's "Rachid Bouzid" (fedpol:p1) under an arrest alert (fedpol:a1) and
 * returns a screening projection caught up with them.
 */
export async function listUnderArrestAlert(mosaic: Mosaic): Promise<ScreeningProjection> {
  await putFixtures(mosaic, [
    { id: 'p1', schema: 'Person', properties: { name: ['Rachid Bouzid'] }, provenance: testProvenance('fedpol') },
    { id: 'a1', schema: 'Alert', properties: { subject: ['fedpol:p1'], category: ['arrest'], desk: ['fedpol-ops'], deskContact: ['+3220000001'], status: ['active'] }, provenance: testProvenance('fedpol') },
  ]);
  const projection = createScreeningProjection();
  await followChanges(mosaic.store, [projection]).catchUp();
  return projection;
}

export async function openTestMosaic(options: { readonly now?: () => Date; readonly decide?: Decide; readonly config?: Omit<RawConfig, 'dataDir'> } = {}): Promise<TestMosaic> {
  const dir = mkdtempSync(join(tmpdir(), 'mosaic-test-'));
  const mosaic = await openMosaic(parseConfig({ ...options.config, dataDir: dir }, dir), {
    checkpointEvery: 5, ...(options.now ? { now: options.now } : {}), ...(options.decide ? { decide: options.decide } : {}),
  });
  await saveOrganisation(mosaic.store, { agencies, desks, agreements });
  await mosaic.reloadOrg();
  const hash = await hashPassword(TEST_PASSWORD);
  for (const [name, u] of Object.entries(TEST_USERS)) {
    await mosaic.store.upsertUser({ id: UserId(`${u.agency}.${name}`), name, agency: AgencyId(u.agency), desk: DeskId(u.desk), roles: [...u.roles], clearance: u.clearance, groups: [], passwordHash: hash });
  }
  return {
    mosaic,
    dir,
    async cleanup() {
      await mosaic.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Has the test store's audit log refuse every entry (as a database would fail the insert) until
 * the returned function lifts it: stands for a node stopped between a write and its entry.
 */
export function refuseAuditEntries(test: TestMosaic): () => void {
  const db = new DatabaseSync(join(test.dir, SQLITE_FILE_NAME));
  db.exec(`create trigger refuse_audit_entries before insert on audit_entries begin select raise(abort, 'the audit log refuses the entry'); end`);
  return () => {
    db.exec('drop trigger refuse_audit_entries');
    db.close();
  };
}

/**
 * Has `mosaic`'s store fail every read of records once `entities`' `change` (a judgement, a
 * take-out, an undone merge) is written: stands for a store lost between a who-is-whom change and
 * the reads that name its subjects in the audit entry.
 */
export function failReadsOnceWritten(mosaic: Mosaic, entities: EntityProjection, change: 'judge' | 'takeOut' | 'undo'): void {
  let written = false;
  const original = (entities[change] as (...args: unknown[]) => Promise<unknown>).bind(entities);
  Object.assign(entities, {
    [change]: async (...args: unknown[]) => {
      const done = await original(...args);
      written = true;
      return done;
    },
  });
  const getRecords = mosaic.store.getRecords.bind(mosaic.store);
  mosaic.store.getRecords = async (ids, options) => {
    if (written) throw new Error('store unavailable');
    return getRecords(ids, options);
  };
}

/**
 * `mosaic` with its store counting in `passes` each full pass of the resolved entities: a read of
 * the store's records in id order, of every schema (entity-projection.ts reads them so for a full
 * pass, and nothing else does). Counts from when the returned Mosaic's projections are started.
 */
export function countingFullPasses(mosaic: Mosaic, passes: { count: number }): Mosaic {
  const store = new Proxy(mosaic.store, {
    get: (target, key) => {
      const value = Reflect.get(target, key) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (key === 'scanRecords' && (args[0] as { schema?: unknown } | undefined)?.schema === undefined) passes.count++;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { ...mosaic, store };
}

/** Ends a test's world: its projections stopped once their work has settled, then its store closed and removed. */
export async function closeTestWorld(world: TestMosaic | undefined, projections: Projections | undefined): Promise<void> {
  projections?.stop();
  await projections?.entities.settle();
  await projections?.notifications.idle();
  await world?.cleanup();
}
