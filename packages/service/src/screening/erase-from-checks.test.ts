import { AgencyId, RecordId, UserId } from '@mosaic/model';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { eraseRecord, eraseStoredRecord, eraseStoredRecords } from '../records.ts';
import { sweepRetention } from '../retention/retention-sweep.ts';
import { listUnderArrestAlert, openTestMosaic, putFixtures, testProvenance, type TestMosaic } from '../testing.ts';
import { followChanges } from '../change-follower.ts';
import { decideHit } from './decide-hit.ts';
import { erasureNotices } from './erase-from-checks.ts';
import { keepNotifications, NOTIFICATION_KIND, type StoredNotification } from './notification-inbox.ts';
import { CHECK_KIND, screenCheck, type CheckRecord, type HitView } from './screen-check.ts';
import { createScreeningProjection } from './screening-projection.ts';
import { SIGNATURE_HEADER, setWebhook, verifyWebhookSignature } from './webhooks.ts';
import type { Notification } from '../notifier.ts';

let world: TestMosaic | undefined;
afterEach(async () => {
  await world?.cleanup();
  world = undefined;
});

/** A checkpoint officer's check with a hit on fedpol's listed person p1 and their alert a1, the hit rejected. */
async function checkWithHit(now?: () => Date) {
  world = await openTestMosaic(now ? { now } : {});
  const { mosaic } = world;
  const projection = await listUnderArrestAlert(mosaic);
  const user = await mosaic.store.findUserByName('zoneCheckpoint');
  const consultation = { user: user! };
  const check = await screenCheck(mosaic, consultation, projection, { query: { name: 'Rachid Bouzid' } });
  await decideHit(mosaic, consultation, projection, { check: check.id, hit: 0, decision: 'reject' });
  return { mosaic, check };
}

/** A new check with a hit, and a rejection of the hit with `meanwhile` run after it loaded the check and before it writes (as it claims the hit). */
async function decideWhile(meanwhile: (mosaic: TestMosaic['mosaic'], check: CheckRecord) => Promise<unknown>) {
  world = await openTestMosaic();
  const { mosaic } = world;
  const projection = await listUnderArrestAlert(mosaic);
  const consultation = { user: (await mosaic.store.findUserByName('zoneCheckpoint'))! };
  const check = await screenCheck(mosaic, consultation, projection, { query: { name: 'Rachid Bouzid' } });
  const claim = mosaic.store.createDocument.bind(mosaic.store);
  mosaic.store.createDocument = async (doc) => {
    await meanwhile(mosaic, check);
    return claim(doc);
  };
  const decision = decideHit(mosaic, consultation, projection, { check: check.id, hit: 0, decision: 'reject' });
  // awaited by the caller; a refusal is not left unhandled meanwhile
  decision.catch(() => undefined);
  return { check, decision };
}

async function kept(check: CheckRecord): Promise<CheckRecord> {
  return (await world!.mosaic.store.getDocument(CHECK_KIND, check.id))?.body as CheckRecord;
}

describe('erasing a record from the checks that show it', () => {
  it('keeps of a hit on an erased listed record only that it was a hit, its score and the decision; the check stays', async () => {
    const { mosaic, check } = await checkWithHit();
    const before = (await kept(check)).hits[0] as HitView & { kind: 'match' };
    expect(before.listed?.name).toBe('Rachid Bouzid');
    expect(before.alerts.map((a) => a.id)).toEqual(['fedpol:a1']);
    expect((await mosaic.store.documentsMentioning(CHECK_KIND, 'fedpol:p1'))).toEqual([check.id]);

    await eraseStoredRecord(mosaic.store, RecordId('fedpol:p1'), { actor: 'test', reason: 'owner erasure' });
    const after = await kept(check);
    // the officer's own query stays: it is the traveller's, not the erased record's
    expect(after.query).toEqual(check.query);
    const hit = after.hits[0] as HitView & { kind: 'match' };
    expect(hit).toEqual({ n: 0, ref: before.ref, kind: 'match', subject: 'fedpol:p1', schema: before.schema, score: before.score, band: before.band, explain: {}, alerts: [], erased: true, decision: before.decision });
    expect(JSON.stringify(after.hits)).not.toContain('Bouzid');
    expect(await mosaic.store.documentsMentioning(CHECK_KIND, 'fedpol:p1')).toEqual([]);
  });

  it('takes an erased alert out of the hits that showed it, and leaves the listed person', async () => {
    const { mosaic, check } = await checkWithHit();
    await eraseStoredRecord(mosaic.store, RecordId('fedpol:a1'), { actor: 'test', reason: 'alert withdrawn and erased' });
    const hit = (await kept(check)).hits[0] as HitView & { kind: 'match' };
    expect(hit.alerts).toEqual([]);
    expect(hit.listed?.name).toBe('Rachid Bouzid');
    expect(hit.erased).toBeUndefined();
    expect(await mosaic.store.documentsMentioning(CHECK_KIND, 'fedpol:a1')).toEqual([]);
  });

  it('takes an erased record from behind another agency\'s pointer, and leaves the pointer hit as the officer\'s record', async () => {
    world = await openTestMosaic();
    const { mosaic } = world;
    await putFixtures(mosaic, [{ id: 'i1', schema: 'Person', properties: { name: ['Rachid Bouzid'], birthDate: ['1980-01-01'] }, provenance: testProvenance('intel') }]);
    const projection = createScreeningProjection();
    await followChanges(mosaic.store, [projection]).catchUp();
    const check = await screenCheck(mosaic, { user: (await mosaic.store.findUserByName('zoneCheckpoint'))! }, projection, { query: { name: 'Rachid Bouzid', birthDate: '1980-01-01' } });
    expect(check.hits.map((h) => h.kind)).toEqual(['pointer']);
    expect((await kept(check)).pointerRecords).toEqual({ intel: ['intel:i1'] });

    await eraseStoredRecord(mosaic.store, RecordId('intel:i1'), { actor: 'test', reason: 'owner erasure' });
    const after = await kept(check);
    expect(after.pointerRecords).toEqual({ intel: [] });
    expect(after.hits).toEqual(check.hits);
    expect(JSON.stringify(after)).not.toContain('intel:i1');
    expect(await mosaic.store.documentsMentioning(CHECK_KIND, 'intel:i1')).toEqual([]);
  });

  it('is not written back over by a decision on the check that was loaded before the erasure', async () => {
    // the alert is erased after the decision loaded the check and before it writes
    const { check, decision } = await decideWhile((mosaic) => eraseStoredRecord(mosaic.store, RecordId('fedpol:a1'), { actor: 'test', reason: 'alert withdrawn and erased' }));
    await decision;
    const hit = (await kept(check)).hits[0] as HitView & { kind: 'match' };
    expect(hit.decision?.decision).toBe('reject');
    expect(hit.alerts).toEqual([]);
  });

  it('does not write back a check erased while a decision on it was being made', async () => {
    const { check, decision } = await decideWhile(async (mosaic, made) => { await mosaic.store.deleteDocuments(CHECK_KIND, [made.id]); });
    await expect(decision).rejects.toMatchObject({ code: 'MOSAIC_NOT_FOUND' });
    expect(await kept(check)).toBeUndefined();
  });

  it('forgets a check\'s mentions of records with it when the sweep erases the check', async () => {
    let today = new Date('2026-03-01T10:00:00Z');
    const { mosaic, check } = await checkWithHit(() => today);
    for (const record of ['fedpol:p1', 'fedpol:a1']) expect(await mosaic.store.documentsMentioning(CHECK_KIND, record)).toEqual([check.id]);
    today = new Date('2036-03-01T10:00:00Z');
    expect((await sweepRetention(mosaic)).checksErased).toBe(1);
    expect(await kept(check)).toBeUndefined();
    for (const record of ['fedpol:p1', 'fedpol:a1']) expect(await mosaic.store.documentsMentioning(CHECK_KIND, record)).toEqual([]);
  });
});

/** The notifications published and kept (with their mentions of records), as the watch projection and checks publish them. */
async function keptNotices(mosaic: TestMosaic['mosaic'], notifications: readonly Notification[]): Promise<void> {
  const keeper = keepNotifications(mosaic);
  for (const notification of notifications) mosaic.notifier.publish(notification);
  await keeper.idle();
  keeper.stop();
}

/** A new world with fedpol's listed person p1 and these notifications kept. */
async function listedWithNotices(notifications: readonly Notification[]): Promise<TestMosaic['mosaic']> {
  world = await openTestMosaic();
  await listUnderArrestAlert(world.mosaic);
  await keptNotices(world.mosaic, notifications);
  return world.mosaic;
}

describe('erasing a record from the notifications that name it', () => {
  const at = '2026-12-05T10:00:00.000Z';

  it('takes a watch notice\'s caption and an encounter notice\'s name of the erased record, and leaves the rest', async () => {
    const mosaic = await listedWithNotices([
      { id: 'n-watch', at, to: { agency: AgencyId('zone-north') }, kind: 'watch.changed', title: 'changed', body: { subscription: 's1', record: 'fedpol:p1', schema: 'Person', caption: 'Rachid Bouzid', agency: 'fedpol' } },
      { id: 'n-met', at, to: { agency: AgencyId('fedpol') }, kind: 'deconfliction.encounter', title: 'met', body: { check: 'c1', record: 'fedpol:p1', records: ['fedpol:p1', 'fedpol:p9'], names: ['Rachid Bouzid', 'Idris Valemont'], requester: 'zone-north' } },
    ]);
    expect(await mosaic.store.documentsMentioning(NOTIFICATION_KIND, 'fedpol:p1')).toHaveLength(2);

    await eraseStoredRecord(mosaic.store, RecordId('fedpol:p1'), { actor: 'test', reason: 'owner erasure' });
    const body = async (id: string) => ((await mosaic.store.getDocument(NOTIFICATION_KIND, id))?.body as StoredNotification).notification.body;
    expect(await body('n-watch')).toEqual({ subscription: 's1', record: 'fedpol:p1', schema: 'Person', agency: 'fedpol', erased: ['fedpol:p1'] });
    expect(await body('n-met')).toMatchObject({ records: ['fedpol:p1', 'fedpol:p9'], names: ['', 'Idris Valemont'], erased: ['fedpol:p1'] });
    expect(await mosaic.store.documentsMentioning(NOTIFICATION_KIND, 'fedpol:p1')).toEqual([]);
    // the other record's mention stays, and goes with its notice when the sweep erases it
    expect(await mosaic.store.documentsMentioning(NOTIFICATION_KIND, 'fedpol:p9')).toHaveLength(1);
  });

  it('returns the notices it changed, of which those sent to an agency are the ones to tell it of', async () => {
    const mosaic = await listedWithNotices([
      { id: 'n-met', at, to: { agency: AgencyId('fedpol') }, kind: 'deconfliction.encounter', title: 'met', body: { check: 'c1', record: 'fedpol:p1', records: ['fedpol:p1'], names: ['Rachid Bouzid'], requester: 'zone-north' } },
      { id: 'n-mine', at, to: { user: UserId('zone-north.zoneOfficer') }, kind: 'watch.record', title: 'changed', body: { subscription: 's1', record: 'fedpol:p1', schema: 'Person', caption: 'Rachid Bouzid', agency: 'fedpol' } },
    ]);

    const { notifications } = await eraseStoredRecord(mosaic.store, RecordId('fedpol:p1'), { actor: 'test', reason: 'owner erasure' });
    expect(notifications.map((n) => n.id).sort()).toEqual(['n-met', 'n-mine']);
    expect(JSON.stringify(notifications)).not.toContain('Rachid');
    const notices = erasureNotices(RecordId('fedpol:p1'), notifications, at);
    expect(notices).toEqual([{ id: expect.any(String), at, to: { agency: 'fedpol' }, kind: 'notification.erased', title: expect.any(String), body: { notification: 'n-met', record: 'fedpol:p1' } }]);
    expect(erasureNotices(RecordId('fedpol:p1'), notifications, at)[0]?.id).toBe(notices[0]?.id);
  });

  it('erases each record of one erasure from a notice showing several, in turn, and returns the notice to each as its erasure left it', async () => {
    const mosaic = await listedWithNotices([
      { id: 'n-met', at, to: { agency: AgencyId('fedpol') }, kind: 'deconfliction.encounter', title: 'met', body: { check: 'c1', record: 'fedpol:p1', records: ['fedpol:p1', 'fedpol:p2', 'fedpol:p9'], names: ['Rachid Bouzid', 'Idris Valemont', 'Ana Lind'], requester: 'zone-north' } },
    ]);
    await putFixtures(mosaic, [{ id: 'p2', schema: 'Person', properties: { name: ['Idris Valemont'] }, provenance: testProvenance('fedpol') }]);

    const [first, second] = await eraseStoredRecords(mosaic.store, [RecordId('fedpol:p1'), RecordId('fedpol:p2')], { actor: 'test', reason: 'retention: review date passed' });
    const body = ((await mosaic.store.getDocument(NOTIFICATION_KIND, 'n-met'))?.body as StoredNotification).notification.body;
    expect(body).toMatchObject({ records: ['fedpol:p1', 'fedpol:p2', 'fedpol:p9'], names: ['', '', 'Ana Lind'], erased: ['fedpol:p1', 'fedpol:p2'] });
    expect(first?.notifications.map((n) => n.body)).toEqual([expect.objectContaining({ names: ['', 'Idris Valemont', 'Ana Lind'], erased: ['fedpol:p1'] })]);
    expect(second?.notifications.map((n) => n.body)).toEqual([expect.objectContaining({ names: ['', '', 'Ana Lind'], erased: ['fedpol:p1', 'fedpol:p2'] })]);
    for (const record of ['fedpol:p1', 'fedpol:p2']) expect(await mosaic.store.documentsMentioning(NOTIFICATION_KIND, record)).toEqual([]);
    expect(await mosaic.store.documentsMentioning(NOTIFICATION_KIND, 'fedpol:p9')).toEqual(['n-met']);
  });

  it('tells the agency at its webhook, signed, to erase the record from the notices it was sent (LED Art. 16(6)): the sweep\'s erasure and the owner\'s', async () => {
    let today = new Date('2026-03-01T10:00:00Z');
    // the receiver is at the loopback address, which the operator allows
    world = await openTestMosaic({ now: () => today, config: { webhookPrivateTargets: true } });
    const { mosaic } = world;
    await listUnderArrestAlert(mosaic);
    await putFixtures(mosaic, [{ id: 'p2', schema: 'Person', properties: { name: ['Idris Valemont'] }, provenance: testProvenance('fedpol') }]);
    const heard: { body: string; signature: string | undefined }[] = [];
    const receiver = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => { body += chunk.toString(); });
      request.on('end', () => {
        heard.push({ body, signature: request.headers[SIGNATURE_HEADER] as string | undefined });
        response.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const secret = 'fedpol-secret-0123456789';
    try {
      await setWebhook(mosaic, AgencyId('fedpol'), { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`, secret });
      await keptNotices(mosaic, [
        { id: 'n-met', at: today.toISOString(), to: { agency: AgencyId('fedpol') }, kind: 'deconfliction.encounter', title: 'met', body: { check: 'c1', record: 'fedpol:p1', records: ['fedpol:p1', 'fedpol:p2'], names: ['Rachid Bouzid', 'Idris Valemont'], requester: 'zone-north' } },
      ]);
      expect(heard.map((h) => (JSON.parse(h.body) as { kind: string }).kind)).toEqual(['deconfliction.encounter']);

      // the owner erases p2: told beside the answer
      const fedAdmin = (await mosaic.store.listUsers()).find((u) => u.name === 'fedAdmin');
      await eraseRecord(mosaic, { user: fedAdmin!, purpose: 'erasure', caseRef: 'CASE-E1' }, RecordId('fedpol:p2'), 'entered in error');
      for (const deadline = Date.now() + 5000; heard.length < 2 && Date.now() < deadline;) await new Promise((resolve) => setTimeout(resolve, 20));
      // p1's review date passes: the sweep erases it, and tells before it ends
      today = new Date('2036-03-01T10:00:00Z');
      expect((await sweepRetention(mosaic)).erased).toBeGreaterThan(0);

      const told = heard.slice(1);
      expect(told.map((h) => JSON.parse(h.body) as { kind: string; to: unknown; body: unknown })).toEqual([
        expect.objectContaining({ kind: 'notification.erased', to: { agency: 'fedpol' }, body: { notification: 'n-met', record: 'fedpol:p2' } }),
        expect.objectContaining({ kind: 'notification.erased', to: { agency: 'fedpol' }, body: { notification: 'n-met', record: 'fedpol:p1' } }),
      ]);
      for (const h of told) {
        expect(verifyWebhookSignature(secret, h.body, h.signature)).toBe(true);
        expect(h.body).not.toMatch(/Rachid|Idris/);
      }
    } finally {
      await new Promise((resolve) => receiver.close(resolve));
    }
  });

  it('erases a notice\'s mentions of records with it when the sweep erases the notice', async () => {
    let today = new Date('2026-03-01T10:00:00Z');
    world = await openTestMosaic({ now: () => today });
    const { mosaic } = world;
    await keptNotices(mosaic, [
      { id: 'n-met', at: today.toISOString(), to: { agency: AgencyId('fedpol') }, kind: 'deconfliction.encounter', title: 'met', body: { check: 'c1', record: 'fedpol:p1', records: ['fedpol:p1'], names: ['Rachid Bouzid'], requester: 'zone-north' } },
    ]);
    expect(await mosaic.store.documentsMentioning(NOTIFICATION_KIND, 'fedpol:p1')).toEqual(['n-met']);
    today = new Date('2036-03-01T10:00:00Z');
    expect((await sweepRetention(mosaic)).notificationsErased).toBe(1);
    expect(await mosaic.store.documentsMentioning(NOTIFICATION_KIND, 'fedpol:p1')).toEqual([]);
  });
});
