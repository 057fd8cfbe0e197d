import { validateRecord } from '@mosaic/model';
import { startProjections, type Projections } from '@mosaic/service';
import { createStoreAuditStorage } from '@mosaic/store';
import { openTestMosaic, testProvenance, type TestMosaic } from '@mosaic/service/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.ts';
import { signInTokens } from './test-sign-in.ts';

let world: TestMosaic;
let app: FastifyInstance;
let projections: Projections;
let tokens: Record<string, string> = {};

async function putRecord(raw: Record<string, unknown>): Promise<void> {
  const v = validateRecord(world.mosaic.registry, raw);
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  await world.mosaic.store.putRecords([v.record], { actor: 'test' });
}

const as = (name: string) => ({ authorization: `Bearer ${tokens[name] ?? ''}` });

beforeAll(async () => {
  world = await openTestMosaic();
  await putRecord({ id: 'p1', schema: 'Person', properties: { name: ['Rachid Bouzid'], birthDate: ['1990-03-02'] }, provenance: testProvenance('fedpol') });
  await putRecord({ id: 'p-conf', schema: 'Person', properties: { name: ['Ilse Vandamme'] }, provenance: testProvenance('fedpol', { marking: { tlp: 'AMBER', classification: 'CONFIDENTIAL', releasability: ['be'] } }) });
  await putRecord({ id: 'i1', schema: 'Person', properties: { name: ['Odile Renard'] }, provenance: testProvenance('intel') });
  projections = await startProjections(world.mosaic, { follow: false });
  app = await buildApp({ mosaic: world.mosaic, projections, webRoot: null });
  tokens = await signInTokens(app, ['zoneOfficer', 'fedAnalyst', 'zoneCheckpoint', 'auditor', 'fedAdmin', 'sysadmin']);
});

afterAll(async () => {
  await app.close();
  projections.stop();
  await projections.entities.settle();
  await projections.notifications.idle();
  await world.cleanup();
});

describe('subscriptions over HTTP', () => {
  it('watches a subject and puts what concerns it in the inbox; lists and ends the watch', async () => {
    const created = await app.inject({
      method: 'POST', url: '/api/v1/subscriptions', headers: as('zoneOfficer'),
      payload: { target: { kind: 'entity', record: 'fedpol:p1' }, lostTrackDays: 14, purpose: 'returnee monitoring', caseRef: 'CASE-S1' },
    });
    expect(created.statusCode).toBe(201);
    const { subscription } = created.json() as { subscription: { id: string; lostTrackDays: number; label: string } };
    expect(subscription).toMatchObject({ lostTrackDays: 14, label: 'Subject fedpol:p1' });
    expect(JSON.stringify(created.json())).not.toContain('"user"');

    await putRecord({ id: 's1', schema: 'Sighting', properties: { person: ['p1'], date: ['2026-03-01'], checkpoint: ['E40 Jabbeke'] }, provenance: testProvenance('fedpol') });
    await projections.follower.catchUp();
    await projections.notifications.idle();
    const inbox = await app.inject({ method: 'GET', url: '/api/v1/notifications', headers: as('zoneOfficer') });
    const watch = (inbox.json() as { notifications: { kind: string; body: Record<string, unknown> }[] }).notifications.filter((n) => n.kind.startsWith('watch.'));
    expect(watch.map((n) => [n.kind, n.body['record'], n.body['subscription']])).toEqual([['watch.sighting', 'fedpol:s1', subscription.id]]);

    const listed = await app.inject({ method: 'GET', url: '/api/v1/subscriptions', headers: as('zoneOfficer') });
    expect((listed.json() as { subscriptions: { id: string }[] }).subscriptions.map((s) => s.id)).toEqual([subscription.id]);
    expect((await app.inject({ method: 'GET', url: '/api/v1/subscriptions', headers: as('fedAnalyst') })).json()).toEqual({ subscriptions: [], mayWatch: true });
    expect((await app.inject({ method: 'DELETE', url: `/api/v1/subscriptions/${subscription.id}`, headers: as('fedAnalyst') })).statusCode).toBe(404);
    expect((await app.inject({ method: 'DELETE', url: `/api/v1/subscriptions/${subscription.id}`, headers: as('zoneOfficer') })).statusCode).toBe(204);

    // Ended: a later sighting tells nobody.
    await putRecord({ id: 's2', schema: 'Sighting', properties: { person: ['p1'], date: ['2026-03-02'] }, provenance: testProvenance('fedpol') });
    await projections.follower.catchUp();
    await projections.notifications.idle();
    const after = await app.inject({ method: 'GET', url: '/api/v1/notifications', headers: as('zoneOfficer') });
    expect((after.json() as { notifications: { kind: string }[] }).notifications.filter((n) => n.kind.startsWith('watch.')).length).toBe(1);
  });

  it('answers bad input with a 400 naming the field, and refuses a watch without purpose', async () => {
    const post = (payload: Record<string, unknown>) => app.inject({ method: 'POST', url: '/api/v1/subscriptions', headers: as('fedAnalyst'), payload });
    const area = await post({ target: { kind: 'area', polygon: [[50, 4], [51, 4], [51, 200]] }, purpose: 'p', caseRef: 'c' });
    expect(area.statusCode).toBe(400);
    expect(JSON.stringify(area.json())).toContain('target.polygon[2]');
    for (const polygon of [[[50, 4], [50, 4], [50, 4]], [[50, 4], [50.5, 4.5], [51, 5]]]) {
      const flat = await post({ target: { kind: 'area', polygon }, purpose: 'p', caseRef: 'c' });
      expect(flat.statusCode, JSON.stringify(polygon)).toBe(400);
      expect(flat.json()).toMatchObject({ error: { details: [{ field: 'target.polygon', reason: expect.stringContaining('encloses no area') }] } });
    }
    // a ring whose sides cross (two corners given in the wrong order): refused, naming where
    const crossed = await post({ target: { kind: 'area', polygon: [[50.80, 4.30], [50.88, 4.42], [50.80, 4.42], [50.90, 4.30]] }, purpose: 'p', caseRef: 'c' });
    expect(crossed.statusCode).toBe(400);
    expect(crossed.json()).toMatchObject({ error: { details: [{ field: 'target.polygon', reason: 'its sides cross at 50.84444, 4.36667 (give the points in order around the area)' }] } });
    // the same corners in order around the area, and a concave area (an L), are taken
    for (const polygon of [[[50.80, 4.30], [50.80, 4.42], [50.88, 4.42], [50.90, 4.30]], [[50, 4], [50, 6], [51, 6], [51, 5], [52, 5], [52, 4]]]) {
      const fine = await post({ target: { kind: 'area', polygon }, purpose: 'p', caseRef: 'c' });
      expect(fine.statusCode, JSON.stringify(fine.json())).toBe(201);
    }
    const label = await post({ target: { kind: 'search', query: 'Bouzid' }, label: 'night\u001b[2J', purpose: 'p', caseRef: 'c' });
    expect(label.json()).toMatchObject({ error: { details: [{ field: 'label' }] } });
    expect((await post({ target: { kind: 'search', query: 'Bouzid' } })).statusCode).toBe(400);
    expect((await post({ target: { kind: 'planet' }, purpose: 'p', caseRef: 'c' })).statusCode).toBe(400);
    expect((await app.inject({ method: 'POST', url: '/api/v1/subscriptions', payload: { target: { kind: 'search', query: 'Bouzid' }, purpose: 'p', caseRef: 'c' } })).statusCode).toBe(401);
  });

  it('refuses any watch to a user who may read no record, naming the target and why, before anything is logged', async () => {
    const entries = async (): Promise<number> => {
      let n = 0;
      for await (const _ of createStoreAuditStorage(world.mosaic.store).entries()) n++;
      return n;
    };
    const targets = [{ kind: 'entity', record: 'fedpol:p1' }, { kind: 'search', query: 'Bouzid' }, { kind: 'area', polygon: [[50, 4], [50, 5], [51, 5]] }];
    // a checkpoint officer screens but reads no record, nor do an auditor or an administrator:
    // every notice a watch makes is about a record, and none could ever reach them
    for (const name of ['zoneCheckpoint', 'auditor', 'fedAdmin', 'sysadmin']) {
      for (const target of targets) {
        const before = await entries();
        const refused = await app.inject({ method: 'POST', url: '/api/v1/subscriptions', headers: as(name), payload: { target, purpose: 'border watch', caseRef: 'CASE-S2' } });
        expect(refused.statusCode, `${name} ${target.kind}`).toBe(403);
        expect(refused.json()).toMatchObject({ error: { code: 'MOSAIC_FORBIDDEN', details: [{ field: 'target', reason: expect.stringContaining('your role reads no records') }] } });
        expect(await entries(), `${name} ${target.kind}`).toBe(before);
      }
      expect((await app.inject({ method: 'GET', url: '/api/v1/subscriptions', headers: as(name) })).json()).toEqual({ subscriptions: [], mayWatch: false });
    }
    expect((await app.inject({ method: 'GET', url: '/api/v1/subscriptions', headers: as('zoneOfficer') })).json()).toMatchObject({ mayWatch: true });
  });

  it('refuses a subject watch on a record the user may not read, above their clearance or given by no agreement, as a missing one', async () => {
    const watch = (name: string, record: string) => app.inject({
      method: 'POST', url: '/api/v1/subscriptions', headers: as(name), payload: { target: { kind: 'entity', record }, purpose: 'p', caseRef: 'c' },
    });
    // CONFIDENTIAL, above the zone officer's RESTRICTED clearance; the intelligence service's
    // records go to the zone as pointers only, and to the federal police not at all
    for (const [name, record] of [['zoneOfficer', 'fedpol:p-conf'], ['zoneOfficer', 'intel:i1'], ['fedAnalyst', 'intel:i1'], ['fedAnalyst', 'fedpol:nobody']] as const) {
      const refused = await watch(name, record);
      expect(refused.statusCode, `${name} ${record}`).toBe(404);
      expect(refused.json()).toEqual({ error: { code: 'MOSAIC_NOT_FOUND', message: `record ${record} not found` } });
    }
  });

  it('names a watched subject by what the user may read of it now, and nobody once they may no longer read it', async () => {
    await putRecord({ id: 'p-named', schema: 'Person', properties: { name: ['Lotte Verhaegen'] }, provenance: testProvenance('fedpol') });
    const created = await app.inject({
      method: 'POST', url: '/api/v1/subscriptions', headers: as('zoneOfficer'),
      payload: { target: { kind: 'entity', record: 'fedpol:p-named' }, label: 'Case 17 main suspect', purpose: 'returnee monitoring', caseRef: 'CASE-S2' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const { subscription } = created.json() as { subscription: { id: string } };
    const listed = async (): Promise<Record<string, unknown> | undefined> =>
      ((await app.inject({ method: 'GET', url: '/api/v1/subscriptions', headers: as('zoneOfficer') })).json() as { subscriptions: Record<string, unknown>[] }).subscriptions.find((s) => s['id'] === subscription.id);
    expect(await listed()).toMatchObject({ label: 'Case 17 main suspect', target: { kind: 'entity', record: 'fedpol:p-named' }, subjectName: 'Lotte Verhaegen' });
    // marked CONFIDENTIAL since, above the zone officer's RESTRICTED clearance: the watch stays, naming nobody
    await putRecord({ id: 'p-named', schema: 'Person', properties: { name: ['Lotte Verhaegen'] }, provenance: testProvenance('fedpol', { marking: { tlp: 'AMBER', classification: 'CONFIDENTIAL', releasability: ['be'] } }) });
    const after = await listed();
    expect(after).toMatchObject({ label: 'Case 17 main suspect', target: { kind: 'entity', record: 'fedpol:p-named' } });
    expect(after).not.toHaveProperty('subjectName');
    expect(JSON.stringify(after)).not.toContain('Verhaegen');
  });

  it('declares in the API description the 204 with which a watch is ended', async () => {
    const spec = (await app.inject({ url: '/api/v1/openapi.json' })).json() as { paths: Record<string, { delete?: { responses: Record<string, unknown> } }> };
    expect(Object.keys(spec.paths['/api/v1/subscriptions/{id}']?.delete?.responses ?? {})).toEqual(['204']);
  });
});
