import type { AuditEntry } from '@mosaic/audit';
import { AgencyId, DeskId, RecordId, UserId } from '@mosaic/model';
import { decide, type Decide } from '@mosaic/policy';
import { createStoreAuditStorage, type User } from '@mosaic/store';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig } from './config.ts';
import { consult } from './consult.ts';
import type { Notification } from './notifier.ts';
import { openMosaic, type Mosaic } from './runtime.ts';
import { keepNotifications, listNotifications } from './screening/notification-inbox.ts';
import { setWebhook } from './screening/webhooks.ts';
import { openTestMosaic, putFixtures, testProvenance, type TestMosaic } from './testing.ts';

let world: TestMosaic;

beforeEach(async () => {
  world = await openTestMosaic();
});

afterEach(async () => {
  await world.cleanup();
});

async function disclosures(): Promise<AuditEntry[]> {
  const found: AuditEntry[] = [];
  for await (const entry of createStoreAuditStorage(world.mosaic.store).entries()) if (entry.action === 'disclosure') found.push(entry);
  return found;
}

describe('consult', () => {
  it("logs each disclosure under the policy decision's reason, so that a flow no agreement authorised says so", async () => {
    await putFixtures(world.mosaic, [
      { id: 'z1', schema: 'Person', properties: { name: ['Odalric Vennemann'] }, provenance: testProvenance('zone-north') },
      // intelligence has no agreement with the federal police: this record is shown because it is TLP:CLEAR
      { id: 'x1', schema: 'Person', properties: { name: ['Odalric Venneman'] }, provenance: testProvenance('intel', { marking: { tlp: 'CLEAR', classification: 'UNCLASSIFIED', releasability: ['be'] } }) },
    ]);
    const records = (await world.mosaic.store.getRecords([RecordId('zone-north:z1'), RecordId('intel:x1')])).map((s) => s.record);
    const user = (await world.mosaic.store.listUsers()).find((u) => u.name === 'fedAnalyst')!;
    const { visible } = await consult(world.mosaic, { user, purpose: 'investigation', caseRef: 'FP-1' }, records, { action: 'read', query: { q: 'Vennemann' } });

    expect(visible.map((r) => r.id)).toEqual(['zone-north:z1', 'intel:x1']);
    expect((await disclosures()).map((e) => [e.records, e.recipients, e.reason])).toEqual([
      [['zone-north:z1'], ['fedpol'], 'agreement: full'],
      [['intel:x1'], ['fedpol'], 'tlp:clear'],
    ]);
  });

  it('logs the records behind each pointer shown (`pointed`), by the agency pointed to', async () => {
    await putFixtures(world.mosaic, [
      { id: 'z1', schema: 'Person', properties: { name: ['Agron Morina'] }, provenance: testProvenance('zone-north') },
      // intelligence gives the zone pointers only
      { id: 'i2', schema: 'Person', properties: { name: ['Agron Morina'] }, provenance: testProvenance('intel') },
      { id: 'i1', schema: 'Person', properties: { name: ['Agron Morinah'] }, provenance: testProvenance('intel') },
    ]);
    const records = (await world.mosaic.store.getRecords([RecordId('zone-north:z1'), RecordId('intel:i2'), RecordId('intel:i1')])).map((s) => s.record);
    const user = (await world.mosaic.store.listUsers()).find((u) => u.name === 'zoneOfficer')!;
    const { visible, pointers } = await consult(world.mosaic, { user, purpose: 'investigation', caseRef: 'ZN-1' }, records, { action: 'search', query: { q: 'Morina' } });
    expect([visible.map((r) => r.id), pointers.map((p) => p.agency)]).toEqual([['zone-north:z1'], ['intel']]);
    const entries: AuditEntry[] = [];
    for await (const entry of createStoreAuditStorage(world.mosaic.store).entries()) if (entry.action === 'consultation') entries.push(entry);
    expect(entries.map((e) => [e.records, e.pointers, e.pointed])).toEqual([[['zone-north:z1'], ['intel'], [{ agency: 'intel', records: ['intel:i1', 'intel:i2'] }]]]);
  });

  it('logs no `pointed` when no pointer was shown', async () => {
    await putFixtures(world.mosaic, [{ id: 'z1', schema: 'Person', properties: { name: ['Agron Morina'] }, provenance: testProvenance('zone-north') }]);
    const records = (await world.mosaic.store.getRecords([RecordId('zone-north:z1')])).map((s) => s.record);
    const user = (await world.mosaic.store.listUsers()).find((u) => u.name === 'zoneOfficer')!;
    await consult(world.mosaic, { user, purpose: 'investigation', caseRef: 'ZN-1' }, records, { action: 'search', query: { q: 'Morina' } });
    const entries: AuditEntry[] = [];
    for await (const entry of createStoreAuditStorage(world.mosaic.store).entries()) if (entry.action === 'consultation') entries.push(entry);
    expect(entries).toHaveLength(1);
    expect(entries[0]).not.toHaveProperty('pointed');
  });

  it('asks the decision point once per record, for what is shown, the pointers, the owners\' notices and the audit entry alike', async () => {
    const asked: string[] = [];
    const counting: Decide = (user, action, resource, context) => {
      if (resource.kind === 'record') asked.push(resource.id ?? 'no id');
      return decide(user, action, resource, context);
    };
    const counted = await openTestMosaic({ decide: counting });
    try {
      // the officer's own record, one the federal police share in full (disclosed, its owner told), and one intelligence points to
      await putFixtures(counted.mosaic, [
        { id: 'z1', schema: 'Person', properties: { name: ['Agron Morina'] }, provenance: testProvenance('zone-north') },
        { id: 'f1', schema: 'Person', properties: { name: ['Agron Morina'] }, provenance: testProvenance('fedpol') },
        { id: 'i1', schema: 'Person', properties: { name: ['Agron Morina'] }, provenance: testProvenance('intel') },
      ]);
      const records = (await counted.mosaic.store.getRecords([RecordId('zone-north:z1'), RecordId('fedpol:f1'), RecordId('intel:i1')])).map((s) => s.record);
      const user = (await counted.mosaic.store.listUsers()).find((u) => u.name === 'zoneOfficer')!;
      asked.length = 0;
      const { visible, pointers } = await consult(counted.mosaic, { user, purpose: 'investigation', caseRef: 'ZN-1' }, records, { action: 'search', query: { q: 'Morina' } });
      expect([visible.map((r) => r.id), pointers.map((p) => p.agency)]).toEqual([['zone-north:z1', 'fedpol:f1'], ['intel']]);
      expect(asked.sort()).toEqual(['fedpol:f1', 'intel:i1', 'zone-north:z1']);
    } finally {
      await counted.cleanup();
    }
  });
});

describe("an owner's notice of consultations", () => {
  it('tells the owner once a day per requesting user and set of records, in its inbox, its stream and at its webhook alike, every consultation audited', async () => {
    let clock = new Date('2026-03-02T08:00:00.000Z');
    const now = (): Date => clock;
    const test = await openTestMosaic({ now, config: { webhookPrivateTargets: true } });
    // A second node of the same store that has not heard the first's notices (restarted since, or their message lost).
    const other = await openMosaic(parseConfig({ dataDir: test.dir, webhookPrivateTargets: true }, test.dir), { now });
    const hooked: string[] = [];
    const receiver = createServer((request, response) => {
      hooked.push(String(request.headers['x-mosaic-notification']));
      response.end();
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const nodes = [test.mosaic, other];
    const keepers = nodes.map((node) => keepNotifications(node));
    const streamed: Notification[] = [];
    const unsubscribe = nodes.map((node) => node.notifier.subscribe((n) => streamed.push(n)));
    try {
      const { mosaic } = test;
      await putFixtures(mosaic, [
        { id: 'f1', schema: 'Person', properties: { name: ['Agron Morina'] }, provenance: testProvenance('fedpol') },
        { id: 'f2', schema: 'Person', properties: { name: ['Agron Morinah'] }, provenance: testProvenance('fedpol') },
      ]);
      await setWebhook(mosaic, AgencyId('fedpol'), { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`, secret: 'fedpol-secret-0123456789' });
      const officer = (await mosaic.store.findUserByName('zoneOfficer'))!;
      const colleague: User = { ...officer, id: UserId('zone-north.colleague'), name: 'colleague', desk: DeskId('zone-north-desk') };
      await mosaic.store.upsertUser(colleague);
      // fedpol's agreement with the zone asks for a notice on each consultation
      const read = async (user: User, ids: readonly string[], node: Mosaic = mosaic): Promise<void> => {
        const records = (await node.store.getRecords(ids.map(RecordId))).map((s) => s.record);
        const { visible } = await consult(node, { user, purpose: 'investigation', caseRef: 'ZN-7' }, records, { action: 'read', query: { ids } });
        expect(visible).toHaveLength(ids.length);
      };

      await read(officer, ['fedpol:f1']);
      clock = new Date('2026-03-02T17:30:00.000Z');
      await read(officer, ['fedpol:f1']);
      await read(officer, ['fedpol:f1'], other);
      await read(officer, ['fedpol:f1', 'fedpol:f2']);
      await read(colleague, ['fedpol:f1']);
      clock = new Date('2026-03-03T00:00:01.000Z');
      await read(officer, ['fedpol:f1']);
      for (const keeper of keepers) await keeper.idle();

      const told = [
        ['2026-03-02T08:00:00.000Z', 'zone-north.zoneOfficer', ['fedpol:f1']],
        ['2026-03-02T17:30:00.000Z', 'zone-north.zoneOfficer', ['fedpol:f1', 'fedpol:f2']],
        ['2026-03-02T17:30:00.000Z', 'zone-north.colleague', ['fedpol:f1']],
        ['2026-03-03T00:00:01.000Z', 'zone-north.zoneOfficer', ['fedpol:f1']],
      ];
      const analyst = (await mosaic.store.findUserByName('fedAnalyst'))!;
      const inbox = (await listNotifications(mosaic, analyst)).filter((n) => n.kind === 'deconfliction.consult');
      const described = (ns: readonly Notification[]): unknown[] => ns.map((n) => [n.at, (n.body['requester'] as { user: string }).user, n.body['records']]);
      expect(described([...inbox].reverse())).toEqual(told);
      const live = streamed.filter((n) => n.kind === 'deconfliction.consult');
      expect(described(live)).toEqual(told);
      expect([...hooked].sort()).toEqual(inbox.map((n) => n.id).sort());
      const consultations = (await mosaic.store.readAudit({ fromSeq: 0, limit: 100_000 })).map((e) => JSON.parse(e.body) as AuditEntry)
        .filter((e) => e.action === 'consultation' && e.caseRef === 'ZN-7');
      expect(consultations.map((e) => [e.time, e.actor.user, e.records])).toEqual([
        ['2026-03-02T08:00:00.000Z', 'zone-north.zoneOfficer', ['fedpol:f1']],
        ['2026-03-02T17:30:00.000Z', 'zone-north.zoneOfficer', ['fedpol:f1']],
        ['2026-03-02T17:30:00.000Z', 'zone-north.zoneOfficer', ['fedpol:f1']],
        ['2026-03-02T17:30:00.000Z', 'zone-north.zoneOfficer', ['fedpol:f1', 'fedpol:f2']],
        ['2026-03-02T17:30:00.000Z', 'zone-north.colleague', ['fedpol:f1']],
        ['2026-03-03T00:00:01.000Z', 'zone-north.zoneOfficer', ['fedpol:f1']],
      ]);
    } finally {
      for (const stop of unsubscribe) stop();
      for (const keeper of keepers) keeper.stop();
      await new Promise((resolve) => receiver.close(resolve));
      await other.close();
      await test.cleanup();
    }
  });

  it('tells the owner still when the store cannot take the notice before it is told, the keeper storing it', async () => {
    await putFixtures(world.mosaic, [{ id: 'f1', schema: 'Person', properties: { name: ['Agron Morina'] }, provenance: testProvenance('fedpol') }]);
    const records = (await world.mosaic.store.getRecords([RecordId('fedpol:f1')])).map((s) => s.record);
    const officer = (await world.mosaic.store.findUserByName('zoneOfficer'))!;
    const keeper = keepNotifications(world.mosaic);
    const streamed: string[] = [];
    const unsubscribe = world.mosaic.notifier.subscribe((n) => streamed.push(n.kind));
    const createDocument = world.mosaic.store.createDocument;
    try {
      world.mosaic.store.createDocument = () => Promise.reject(new Error('store unavailable'));
      await consult(world.mosaic, { user: officer, purpose: 'investigation', caseRef: 'ZN-8' }, records, { action: 'read', query: { ids: ['fedpol:f1'] } });
      world.mosaic.store.createDocument = createDocument;
      await keeper.idle();
      expect(streamed).toEqual(['deconfliction.consult']);
      const analyst = (await world.mosaic.store.findUserByName('fedAnalyst'))!;
      expect((await listNotifications(world.mosaic, analyst)).map((n) => [n.kind, n.body['records']])).toEqual([['deconfliction.consult', ['fedpol:f1']]]);
    } finally {
      world.mosaic.store.createDocument = createDocument;
      unsubscribe();
      keeper.stop();
    }
  });
});
