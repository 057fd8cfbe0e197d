import { AgencyId, RecordId, seededRandom, validateRecord } from '@mosaic/model';
import { AgreementId, decide } from '@mosaic/policy';
import { afterEach, describe, expect, it } from 'vitest';
import { followChanges } from '../change-follower.ts';
import { saveOrganisation } from '../organisation.ts';
import { startProjections } from '../projections.ts';
import { listUnderArrestAlert, openTestMosaic, putFixtures, testProvenance, type TestMosaic } from '../testing.ts';
import { keepNotifications, NOTIFICATION_KIND, type StoredNotification } from './notification-inbox.ts';
import { screenCheck } from './screen-check.ts';
import { createScreeningProjection } from './screening-projection.ts';

let world: TestMosaic | undefined;
afterEach(async () => {
  await world?.cleanup();
  world = undefined;
});

describe('screenCheck', () => {
  it('counts one pointer per agency towards the limit: however many of its entries match, a listed match with its alert is still shown', async () => {
    world = await openTestMosaic();
    const { mosaic } = world;
    await putFixtures(mosaic, [
      { id: 'p1', schema: 'Person', properties: { name: ['Rachid Bouzid'], birthDate: ['1980-01-01'] }, provenance: testProvenance('zone-north') },
      { id: 'a1', schema: 'Alert', properties: { subject: ['zone-north:p1'], category: ['arrest'], desk: ['zone-north-desk'], deskContact: ['+3220000001'], status: ['active'] }, provenance: testProvenance('zone-north') },
      // intelligence shares only pointers with the zone: twelve of its entries by the same name and date
      ...Array.from({ length: 12 }, (_, i) => ({ id: `i${i}`, schema: 'Person', properties: { name: ['Rachid Bouzid'], birthDate: ['1980-01-01'] }, provenance: testProvenance('intel') })),
    ]);
    const projection = createScreeningProjection();
    await followChanges(mosaic.store, [projection]).catchUp();
    const checkpoint = { user: (await mosaic.store.findUserByName('zoneCheckpoint'))! };
    const check = await screenCheck(mosaic, checkpoint, projection, { query: { name: 'Rachid Bouzid', birthDate: '1980-01-01' } });
    expect(check.hits.map((h) => (h.kind === 'match' ? `${h.subject} ${h.alerts.map((a) => a.action).join()}` : `pointer ${h.agency}`)).sort()).toEqual(['pointer intel', 'zone-north:p1 ARREST']);
  });

  it('shows a listed match with its alert however many namesakes another agency shares only as pointers, the listed one written last', async () => {
    world = await openTestMosaic();
    const { mosaic } = world;
    await putFixtures(mosaic, [
      // intelligence shares only pointers with the zone: forty of its entries by the name alone
      ...Array.from({ length: 40 }, (_, i) => ({ id: `i${i}`, schema: 'Person', properties: { name: ['Wendelin Ostrowka'] }, provenance: testProvenance('intel') })),
      { id: 'p1', schema: 'Person', properties: { name: ['Wendelin Ostrowka'], birthDate: ['1971-03-09'] }, provenance: testProvenance('zone-north') },
      { id: 'a1', schema: 'Alert', properties: { subject: ['zone-north:p1'], category: ['arrest'], desk: ['zone-north-desk'], deskContact: ['+3220000002'], status: ['active'] }, provenance: testProvenance('zone-north') },
    ]);
    const projection = createScreeningProjection();
    await followChanges(mosaic.store, [projection]).catchUp();
    const checkpoint = { user: (await mosaic.store.findUserByName('zoneCheckpoint'))! };
    const check = await screenCheck(mosaic, checkpoint, projection, { query: { name: 'Wendelin Ostrowka' } });
    expect(check.hits.map((h) => (h.kind === 'match' ? `${h.subject} ${h.alerts.map((a) => a.action).join()}` : `pointer ${h.agency}`))).toEqual(['zone-north:p1 ARREST', 'pointer intel']);
  });

  it('tells the owner of an alert the officer may not see of the encounter, as its agreement asks, without showing the officer the alert', async () => {
    world = await openTestMosaic();
    const { mosaic } = world;
    await putFixtures(mosaic, [
      { id: 'p1', schema: 'Person', properties: { name: ['Wendelin Ostrowka'], birthDate: ['1975-01-02'] }, provenance: testProvenance('fedpol') },
      // above the zone officer's clearance, and intelligence gives the zone pointers only (notifyOwnerOnEncounter)
      {
        id: 'a1', schema: 'Alert', properties: { subject: ['fedpol:p1'], category: ['discreet_check'], desk: ['intel-liaison'], deskContact: ['+3220000003'], status: ['active'] },
        provenance: testProvenance('intel', { marking: { tlp: 'AMBER', classification: 'CONFIDENTIAL', releasability: ['be'] } }),
      },
    ]);
    const projection = createScreeningProjection();
    await followChanges(mosaic.store, [projection]).catchUp();
    const told: { kind: string; to: unknown; body: Record<string, unknown> }[] = [];
    mosaic.notifier.subscribe((n) => told.push({ kind: n.kind, to: n.to, body: n.body as Record<string, unknown> }));
    const checkpoint = { user: (await mosaic.store.findUserByName('zoneCheckpoint'))! };
    const check = await screenCheck(mosaic, checkpoint, projection, { query: { name: 'Wendelin Ostrowka', birthDate: '1975-01-02' }, place: 'Checkpoint E40' });
    expect(check.hits.map((h) => (h.kind === 'match' ? `${h.subject} alerts:${h.alerts.length}` : `pointer ${h.agency}`))).toEqual(['fedpol:p1 alerts:0']);
    expect(told.filter((n) => (n.to as { agency: string }).agency === 'intel')).toMatchObject([
      { kind: 'deconfliction.encounter', body: { check: check.id, records: ['intel:a1'], place: 'Checkpoint E40', requester: 'zone-north' } },
    ]);
    // what the intelligence owner is told names nothing of the officer's view: no subject, no name
    expect(JSON.stringify(told.find((n) => (n.to as { agency: string }).agency === 'intel')?.body)).not.toMatch(/fedpol:p1|Ostrowka/);
  });

  it('decides again when an entry changes or another takes its place in the index', async () => {
    world = await openTestMosaic();
    const { mosaic } = world;
    const put = async (raw: Record<string, unknown>): Promise<void> => {
      const v = validateRecord(mosaic.registry, raw);
      if (!v.ok) throw new Error(JSON.stringify(v.errors));
      await mosaic.store.putRecords([v.record], { actor: 'test' });
    };
    const projection = createScreeningProjection();
    const follower = followChanges(mosaic.store, [projection]);
    const officer = (await mosaic.store.listUsers()).find((u) => u.name === 'zoneCheckpoint')!;
    const check = async (name: string) => (await screenCheck(mosaic, { user: officer }, projection, { query: { name } })).hits.map((h) => (h.kind === 'match' ? `match:${h.subject}` : `pointer:${h.agency}`));

    await put({ id: 'p1', schema: 'Person', properties: { name: ['Ortwin Kaelberer'] }, provenance: testProvenance('fedpol') });
    await put({ id: 'p2', schema: 'Person', properties: { name: ['Lioba Strand'] }, provenance: testProvenance('fedpol') });
    await follower.catchUp();
    expect(await check('Ortwin Kaelberer')).toEqual(['match:fedpol:p1']);
    expect(await check('Lioba Strand')).toEqual(['match:fedpol:p2']);

    // Raised above the officer's clearance: the same name finds nothing now.
    await put({ id: 'p1', schema: 'Person', properties: { name: ['Ortwin Kaelberer'] }, provenance: testProvenance('fedpol', { marking: { tlp: 'AMBER', classification: 'SECRET', releasability: ['be'] } }) });
    await follower.catchUp();
    expect(await check('Ortwin Kaelberer')).toEqual([]);

    // p2 goes; an intelligence record (a pointer for the zone) takes the freed place in the index.
    await mosaic.store.deleteRecord(RecordId('fedpol:p2'), { actor: 'test', reason: 'test' });
    await put({ id: 'x1', schema: 'Person', properties: { name: ['Lioba Strand'] }, provenance: testProvenance('intel') });
    await follower.catchUp();
    expect(await check('Lioba Strand')).toEqual(['pointer:intel']);
  });

  it('puts the most binding action first among equal matches, then pointers, then subjects without an alert', async () => {
    world = await openTestMosaic();
    const { mosaic } = world;
    const alert = (id: string, subject: string, category: string): Record<string, unknown> => ({
      id, schema: 'Alert', properties: { subject: [subject], category: [category], desk: ['fedpol-ops'], deskContact: ['+3220000001'], status: ['active'] }, provenance: testProvenance('fedpol'),
    });
    for (const raw of [
      { id: 'n1', schema: 'Person', properties: { name: ['Wendelin Ostrowka'] }, provenance: testProvenance('fedpol') },
      { id: 'x2', schema: 'Person', properties: { name: ['Wendelin Ostrowka'] }, provenance: testProvenance('intel') },
      { id: 'n3', schema: 'Person', properties: { name: ['Wendelin Ostrowka'] }, provenance: testProvenance('fedpol') },
      { id: 'n4', schema: 'Person', properties: { name: ['Wendelin Ostrowka'] }, provenance: testProvenance('fedpol') },
      alert('a4', 'fedpol:n4', 'discreet_check'),
      alert('a3', 'fedpol:n3', 'arrest'),
    ]) {
      const v = validateRecord(mosaic.registry, raw);
      if (!v.ok) throw new Error(JSON.stringify(v.errors));
      await mosaic.store.putRecords([v.record], { actor: 'test' });
    }
    const projection = createScreeningProjection();
    await followChanges(mosaic.store, [projection]).catchUp();
    const officer = (await mosaic.store.listUsers()).find((u) => u.name === 'zoneCheckpoint')!;
    const { hits } = await screenCheck(mosaic, { user: officer }, projection, { query: { name: 'Wendelin Ostrowka' } });
    expect(hits.map((h) => [h.n, h.kind === 'match' ? `${h.subject} ${h.alerts[0]?.action ?? 'none'}` : `pointer ${h.agency}`])).toEqual([
      [0, 'fedpol:n3 ARREST'], [1, 'fedpol:n4 REPORT_COVERTLY'], [2, 'pointer intel'], [3, 'fedpol:n1 none'],
    ]);
    expect(hits[0]?.kind === 'match' && hits[0].alerts[0]?.owner).toEqual({ agency: 'fedpol', agencyName: 'Federal Police', desk: 'Operations room', contact: '+3220000001' });
  });

  it('puts an alert before another agency\'s pointer whatever their bands: the pointer a hit, the alert a possible match', async () => {
    world = await openTestMosaic();
    const { mosaic } = world;
    for (const raw of [
      // born seven years from the date checked: a possible match, with a discreet check on him
      { id: 'n1', schema: 'Person', properties: { name: ['Wendelin Ostrowka'], birthDate: ['1925-09-20'] }, provenance: testProvenance('fedpol') },
      { id: 'a1', schema: 'Alert', properties: { subject: ['fedpol:n1'], category: ['discreet_check'], desk: ['fedpol-ops'], deskContact: ['+3220000001'], status: ['active'] }, provenance: testProvenance('fedpol') },
      // born that day: a hit, which the zone gets as a pointer
      { id: 'x1', schema: 'Person', properties: { name: ['Wendelin Ostrowka'], birthDate: ['1918-09-20'] }, provenance: testProvenance('intel') },
    ]) {
      const v = validateRecord(mosaic.registry, raw);
      if (!v.ok) throw new Error(JSON.stringify(v.errors));
      await mosaic.store.putRecords([v.record], { actor: 'test' });
    }
    const projection = createScreeningProjection();
    await followChanges(mosaic.store, [projection]).catchUp();
    const officer = (await mosaic.store.listUsers()).find((u) => u.name === 'zoneCheckpoint')!;
    const { hits } = await screenCheck(mosaic, { user: officer }, projection, { query: { name: 'Wendelin Ostrowka', birthDate: '1918-09-20' } });
    expect(hits.map((h) => [h.n, h.band, h.kind === 'match' ? `${h.subject} ${h.alerts[0]?.action ?? 'none'}` : `pointer ${h.agency}`])).toEqual([
      [0, 'possible', 'fedpol:n1 REPORT_COVERTLY'], [1, 'hit', 'pointer intel'],
    ]);
  });

  it('decides the whole list ahead of need after a profile\'s first check; later checks ask only about what they show', async () => {
    const asked: string[] = [];
    world = await openTestMosaic({
      decide: (user, action, resource, context) => {
        if (resource.kind === 'record' && resource.id !== undefined) asked.push(resource.id);
        return decide(user, action, resource, context);
      },
    });
    const { mosaic } = world;
    // fictional names made of syllables, each its own
    const syllables = ['ka', 'lo', 'mer', 'vin', 'tos', 'rud', 'sel', 'bra', 'gun', 'fil', 'wex', 'dro', 'pim', 'zal', 'hut', 'nev'];
    const random = seededRandom(11);
    const word = (n: number): string => Array.from({ length: n }, () => syllables[Math.floor(random() * syllables.length)]).join('');
    const names = Array.from({ length: 400 }, () => `${word(3)} ${word(4)}`);
    const nameOf = (i: number): string => names[i] as string;
    const records = Array.from({ length: 400 }, (_, i) => {
      const agency = i % 4 === 3 ? 'intel' : 'fedpol';
      const v = validateRecord(mosaic.registry, { id: `p${i}`, schema: 'Person', properties: { name: [nameOf(i)] }, provenance: testProvenance(agency) });
      if (!v.ok) throw new Error(JSON.stringify(v.errors));
      return v.record;
    });
    await mosaic.store.putRecords(records, { actor: 'test' });
    const projection = createScreeningProjection();
    const follower = followChanges(mosaic.store, [projection]);
    await follower.catchUp();
    const officer = (await mosaic.store.listUsers()).find((u) => u.name === 'zoneCheckpoint')!;
    const check = async (name: string) => (await screenCheck(mosaic, { user: officer }, projection, { query: { name } })).hits.map((h) => (h.kind === 'match' ? `match:${h.subject}` : `pointer:${h.agency}`));

    await check(nameOf(0));
    for (let turn = 0; turn < 1000 && new Set(asked).size < records.length; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(new Set(asked)).toEqual(new Set(records.map((r) => r.id)));

    const before = asked.length;
    expect(await check(nameOf(5))).toContain('match:fedpol:p5');
    expect(await check(nameOf(7))).toEqual(['pointer:intel']);
    const since = asked.slice(before);
    expect(since.length).toBeGreaterThan(0);
    expect(new Set(since)).toEqual(new Set(['fedpol:p5', 'intel:p7']));
  });

  it('keeps the owner\'s notification with the check, before the check is answered, and tells the listeners it is stored', async () => {
    world = await openTestMosaic();
    const { mosaic } = world;
    const projection = await listUnderArrestAlert(mosaic);
    const heard: { kind: string; stored: boolean }[] = [];
    mosaic.notifier.subscribe((n, { stored }) => heard.push({ kind: n.kind, stored }));
    const keeper = keepNotifications(mosaic);
    try {
      const user = await mosaic.store.findUserByName('zoneCheckpoint');
      const check = await screenCheck(mosaic, { user: user! }, projection, { query: { name: 'Rachid Bouzid' } });
      // no wait for the keeper: the notification was written in the check's own transaction
      const kept = await mosaic.store.listDocuments(NOTIFICATION_KIND, { owner: 'fedpol', limit: 10 });
      expect(kept.map((d) => (d.body as StoredNotification).notification)).toMatchObject([{ kind: 'alert.hit', body: { check: check.id, alert: 'fedpol:a1' } }]);
      // its title is read by a person: what the alert asks in words; the body keeps the codes for machines
      expect((kept[0]?.body as StoredNotification).notification).toMatchObject({ title: 'Hit on your alert: arrest', body: { action: 'ARREST', category: 'arrest' } });
      expect(heard).toEqual([{ kind: 'alert.hit', stored: true }]);
      await keeper.idle();
      expect(await mosaic.store.listDocuments(NOTIFICATION_KIND, { owner: 'fedpol', limit: 10 })).toHaveLength(1);
    } finally {
      keeper.stop();
    }
  });
});

describe('hits on listings of one person', () => {
  it('carry only the alerts on their own record: a machine merge takes no alert, nor its action, to another listing of the person, and each hit waits for the officer (LED Art. 11)', async () => {
    world = await openTestMosaic();
    const { mosaic } = world;
    const projections = await startProjections(mosaic, { follow: false });
    try {
      await putFixtures(mosaic, [
        { id: 'x', schema: 'Person', properties: { name: ['Quentin Lavigne'], passportNumber: ['EK778899'], birthDate: ['1984-02-17'] }, provenance: testProvenance('fedpol') },
        { id: 'y', schema: 'Person', properties: { name: ['Quentin Lavigne'], passportNumber: ['EK778899'], birthDate: ['1984-02-17'], nationality: ['fr'] }, provenance: testProvenance('fedpol') },
        { id: 'ax', schema: 'Alert', properties: { subject: ['fedpol:x'], category: ['arrest'], desk: ['fedpol-ops'], deskContact: ['+3220000001'], status: ['active'] }, provenance: testProvenance('fedpol') },
      ]);
      await projections.follower.catchUp();
      // resolution merged the two listings on its own: no person judged them one
      expect(projections.entities.entityOf(RecordId('fedpol:x'))).toBe(projections.entities.entityOf(RecordId('fedpol:y')));
      const { hits } = await screenCheck(mosaic, { user: (await mosaic.store.findUserByName('zoneCheckpoint'))! }, projections.screening, { query: { name: 'Quentin Lavigne' } }, projections.entities);
      const bySubject = new Map(hits.flatMap((h) => (h.kind === 'match' ? [[h.subject as string, h] as const] : [])));
      expect(bySubject.get('fedpol:x')?.alerts.map((a) => a.action)).toEqual(['ARREST']);
      expect(bySubject.get('fedpol:y')).toMatchObject({ alerts: [], sameSubjectAs: bySubject.get('fedpol:x')?.n });
      expect(hits.every((h) => h.decision === undefined)).toBe(true);
    } finally {
      projections.stop();
      await projections.entities.settle();
      await projections.notifications.idle();
    }
  });

  it('are said to be one person only when they hold together on what the officer sees, not through a record hidden from them', async () => {
    world = await openTestMosaic();
    const { mosaic } = world;
    const projections = await startProjections(mosaic, { follow: false });
    try {
      // the federal police's two listings do not meet on their own; intelligence's record, holding
      // what both hold, joins them, and intelligence gives the zone pointers only
      await putFixtures(mosaic, [
        { id: 'x', schema: 'Person', properties: { name: ['Quentin Lavigne'], passportNumber: ['EK778899'] }, provenance: testProvenance('fedpol') },
        { id: 'y', schema: 'Person', properties: { name: ['Quentin Lavigne'], birthDate: ['1984-02-17'], nationality: ['fr'] }, provenance: testProvenance('fedpol') },
      ]);
      await projections.follower.catchUp();
      await putFixtures(mosaic, [{ id: 'z', schema: 'Person', properties: { name: ['Quentin Lavigne'], passportNumber: ['EK778899'], birthDate: ['1984-02-17'], nationality: ['fr'] }, provenance: testProvenance('intel') }]);
      await projections.follower.catchUp();
      const entities = projections.entities;
      expect(new Set(['fedpol:x', 'fedpol:y', 'intel:z'].map((r) => entities.entityOf(RecordId(r)))).size).toBe(1);
      const cards = async (name: string) => {
        const { hits } = await screenCheck(mosaic, { user: (await mosaic.store.findUserByName(name))! }, projections.screening, { query: { name: 'Quentin Lavigne' } }, entities);
        return hits.map((h) => (h.kind === 'match' ? `${h.subject}${h.sameSubjectAs === undefined ? '' : ` same as ${h.sameSubjectAs}`}` : `pointer ${h.agency}`)).sort();
      };
      expect(await cards('zoneCheckpoint')).toEqual(['fedpol:x', 'fedpol:y', 'pointer intel']);
      // intelligence, let read the federal police's records here, sees the record that joins them
      const { org, agreements } = await mosaic.org();
      const full = agreements.find((a) => a.id === 'fedpol-zone')!;
      await saveOrganisation(mosaic.store, { agencies: org.agencies, desks: org.desks, agreements: [...agreements, { ...full, id: AgreementId('fedpol-intel'), recipient: AgencyId('intel') }] });
      await mosaic.reloadOrg();
      const together = await cards('intelAnalyst');
      expect(together).toHaveLength(3);
      expect(together.filter((c) => / same as \d$/.test(c))).toHaveLength(2);
    } finally {
      projections.stop();
      await projections.entities.settle();
      await projections.notifications.idle();
    }
  });
});
