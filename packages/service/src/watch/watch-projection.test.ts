import { validateRecord } from '@mosaic/model';
import { describe, expect, it } from 'vitest';
import type { Notification } from '../notifier.ts';
import type { Consultation } from '../organisation.ts';
import { startProjections, type Projections } from '../projections.ts';
import { openTestMosaic, testProvenance, type TestMosaic, type TestUserName } from '../testing.ts';
import { testWorldEndedAfterEach } from '../test-world.fixture.ts';
import { followChanges } from '../change-follower.ts';
import { createSubscription, deleteSubscription, listSubscriptions } from './subscriptions.ts';
import { createWatcher } from './watch-projection.ts';
import { ERASED_LABEL } from './erase-from-watch-labels.ts';
import { eraseStoredRecord } from '../records.ts';

const current = testWorldEndedAfterEach();
let clock = new Date('2026-03-01T08:00:00Z');

async function open(): Promise<{ world: TestMosaic; projections: Projections; told: Notification[] }> {
  clock = new Date('2026-03-01T08:00:00Z');
  current.world = await openTestMosaic({ now: () => clock });
  await put({ id: 'p1', schema: 'Person', properties: { name: ['Ortwin Kaelberer'], birthDate: ['1991-02-11'], passportNumber: ['BE1234567'] }, provenance: testProvenance('fedpol') });
  await put({ id: 'p2', schema: 'Person', properties: { name: ['Lioba Strand'], birthDate: ['1993-07-01'] }, provenance: testProvenance('fedpol') });
  current.projections = await startProjections(current.world.mosaic, { follow: false });
  const told: Notification[] = [];
  current.world.mosaic.notifier.subscribe((n) => told.push(n));
  return { world: current.world, projections: current.projections, told };
}

async function put(raw: Record<string, unknown>): Promise<void> {
  const v = validateRecord(current.world!.mosaic.registry, raw);
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  await current.world!.mosaic.store.putRecords([v.record], { actor: 'test' });
}

async function as(name: TestUserName, purpose = 'returnee monitoring', caseRef = 'CASE-W1'): Promise<Consultation> {
  const user = (await current.world!.mosaic.store.listUsers()).find((u) => u.name === name);
  if (!user) throw new Error(`no test user ${name}`);
  return { user, purpose, caseRef };
}

const kinds = (told: readonly Notification[]): string[] => told.map((n) => n.kind);

describe('watching a subject', () => {
  it('tells the watcher of new records, links, sightings and alerts on the subject, and nothing else', async () => {
    const { projections: p, told } = await open();
    const zone = await as('zoneOfficer');
    const watch = await createSubscription(current.world!.mosaic, zone, { target: { kind: 'entity', record: 'fedpol:p1' as never } });
    p.watcher.add(watch);

    await put({ id: 's1', schema: 'Sighting', properties: { person: ['p1'], date: ['2026-03-01'], checkpoint: ['E40 Jabbeke'] }, provenance: testProvenance('fedpol') });
    await put({ id: 'l1', schema: 'Associate', properties: { person: ['p1'], associate: ['p2'], relationship: ['cousin'] }, provenance: testProvenance('fedpol') });
    await put({ id: 'a1', schema: 'Alert', properties: { subject: ['fedpol:p1'], category: ['discreet_check'], desk: ['ops'], deskContact: ['+3220000001'], validFrom: ['2026-01-01'], status: ['active'] }, provenance: testProvenance('fedpol') });
    await put({ id: 'p1', schema: 'Person', properties: { name: ['Ortwin Kaelberer'], birthDate: ['1991-02-11'], passportNumber: ['BE1234567'], nationality: ['be'] }, provenance: testProvenance('fedpol') });
    // Not the subject: no notification.
    await put({ id: 's2', schema: 'Sighting', properties: { person: ['p2'], date: ['2026-03-01'] }, provenance: testProvenance('fedpol') });
    await p.follower.catchUp();

    expect(kinds(told).filter((k) => k.startsWith('watch.'))).toEqual(['watch.sighting', 'watch.link', 'watch.alert', 'watch.record']);
    const sighting = told.find((n) => n.kind === 'watch.sighting');
    expect(sighting?.to).toEqual({ user: zone.user.id });
    expect(sighting?.body).toMatchObject({ subscription: watch.id, record: 'fedpol:s1', schema: 'Sighting', agency: 'fedpol' });
    // Each notification was consulted under the subscription's purpose and case, and audited.
    const audited = await current.world!.mosaic.store.readAudit({ fromSeq: 1, limit: 1000 });
    const consultations = audited.map((e) => JSON.parse(e.body) as { action: string; purpose?: string; caseRef?: string; records?: string[] })
      .filter((e) => e.action === 'consultation' && e.caseRef === 'CASE-W1');
    // the first: watching the subject is a consultation of it; the link's other end, named in its notice, is one too
    expect(consultations.map((e) => e.records)).toEqual([['fedpol:p1'], ['fedpol:s1'], ['fedpol:l1'], ['fedpol:p2'], ['fedpol:a1'], ['fedpol:p1']]);
  });

  it('names the subject a notice is about, and a link\'s other end only where the watcher may read it', async () => {
    const { projections: p, told } = await open();
    const zone = await as('zoneOfficer');
    // above the officer's clearance: its name is theirs to read neither in a search nor in a notice
    await put({ id: 'p3', schema: 'Person', properties: { name: ['Hubertus Vexler'] }, provenance: testProvenance('fedpol', { marking: { tlp: 'AMBER', classification: 'CONFIDENTIAL', releasability: ['be'] } }) });
    p.watcher.add(await createSubscription(current.world!.mosaic, zone, { target: { kind: 'entity', record: 'fedpol:p1' as never }, label: 'Roadblock list' }));
    await put({ id: 'a1', schema: 'Alert', properties: { subject: ['fedpol:p1'], category: ['discreet_check'], desk: ['ops'], deskContact: ['+3220000001'], validFrom: ['2026-01-01'], status: ['active'] }, provenance: testProvenance('fedpol') });
    await put({ id: 'l1', schema: 'Associate', properties: { person: ['p1'], associate: ['p2'], relationship: ['cousin'] }, provenance: testProvenance('fedpol') });
    await put({ id: 'l2', schema: 'Associate', properties: { person: ['p1'], associate: ['p3'] }, provenance: testProvenance('fedpol') });
    await p.follower.catchUp();
    const of = (record: string) => told.find((n) => n.kind.startsWith('watch.') && n.body['record'] === record)?.body;
    expect(of('fedpol:a1')).toMatchObject({ label: 'Roadblock list', subject: 'fedpol:p1', subjectName: 'Ortwin Kaelberer', category: 'discreet_check' });
    expect(of('fedpol:l1')).toMatchObject({ subject: 'fedpol:p1', subjectName: 'Ortwin Kaelberer', other: 'fedpol:p2', otherName: 'Lioba Strand' });
    expect(of('fedpol:l2')).toMatchObject({ subject: 'fedpol:p1', subjectName: 'Ortwin Kaelberer' });
    expect(of('fedpol:l2')).not.toHaveProperty('other');
    expect(JSON.stringify(told)).not.toContain('Vexler');
    // the other end named was consulted, in the watch's purpose and case, as a search shows it;
    // the one not named was not, nor pointed to: its owner is told of no read that showed nothing
    const audited = (await current.world!.mosaic.store.readAudit({ fromSeq: 1, limit: 1000 })).map((e) => JSON.parse(e.body) as { action: string; caseRef?: string; records?: string[]; pointed?: unknown[] });
    const consulted = audited.filter((e) => e.action === 'consultation' && e.caseRef === 'CASE-W1');
    expect(consulted.map((e) => e.records)).toEqual([['fedpol:p1'], ['fedpol:a1'], ['fedpol:l1'], ['fedpol:p2'], ['fedpol:l2']]);
    expect(JSON.stringify(consulted)).not.toContain('fedpol:p3');
  });

  it('tells a disabled watcher nothing, and consults nothing in their name, until they are enabled again', async () => {
    const { projections: p, told } = await open();
    const zone = await as('zoneOfficer');
    p.watcher.add(await createSubscription(current.world!.mosaic, zone, { target: { kind: 'entity', record: 'fedpol:p1' as never } }));
    await current.world!.mosaic.store.upsertUser({ ...zone.user, disabledAt: clock.toISOString() });
    await put({ id: 's1', schema: 'Sighting', properties: { person: ['p1'], date: ['2026-03-01'], checkpoint: ['E40 Jabbeke'] }, provenance: testProvenance('fedpol') });
    await p.follower.catchUp();
    expect(kinds(told).filter((k) => k.startsWith('watch.'))).toEqual([]);
    const consulted = (await current.world!.mosaic.store.readAudit({ fromSeq: 1, limit: 1000 })).map((e) => JSON.parse(e.body) as { action: string; records?: string[] });
    expect(consulted.filter((e) => e.action === 'consultation' && e.records?.includes('fedpol:s1'))).toEqual([]);
    const { disabledAt: _d, ...enabled } = zone.user;
    await current.world!.mosaic.store.upsertUser(enabled);
    await put({ id: 's2', schema: 'Sighting', properties: { person: ['p1'], date: ['2026-03-02'], checkpoint: ['E40 Jabbeke'] }, provenance: testProvenance('fedpol') });
    await p.follower.catchUp();
    expect(kinds(told).filter((k) => k.startsWith('watch.'))).toEqual(['watch.sighting']);
  });

  it('tells a watcher whose role reads no records nothing, and consults nothing in their name, until a role that reads is given back', async () => {
    const { projections: p, told } = await open();
    const zone = await as('zoneOfficer');
    p.watcher.add(await createSubscription(current.world!.mosaic, zone, { target: { kind: 'entity', record: 'fedpol:p1' as never }, lostTrackDays: 30 }));
    // moved to the checkpoint: the watch made as an officer stays, and waits
    await current.world!.mosaic.store.upsertUser({ ...zone.user, roles: ['checkpoint_officer'] });
    await put({ id: 's1', schema: 'Sighting', properties: { person: ['p1'], date: ['2026-03-01'], checkpoint: ['E40 Jabbeke'] }, provenance: testProvenance('fedpol') });
    await p.follower.catchUp();
    clock = new Date('2026-04-01T08:00:00Z');
    expect(await p.watcher.sweep()).toBe(0);
    expect(kinds(told).filter((k) => k.startsWith('watch.'))).toEqual([]);
    // (the watch's own consultation of the subject, when it was made, asked { watch })
    const consulted = (await current.world!.mosaic.store.readAudit({ fromSeq: 1, limit: 1000 })).map((e) => JSON.parse(e.body) as { action: string; actor: { user: string }; query?: Record<string, unknown> });
    expect(consulted.filter((e) => e.action === 'consultation' && e.actor.user === zone.user.id && e.query?.['subscriptions'] !== undefined)).toEqual([]);
    await current.world!.mosaic.store.upsertUser(zone.user);
    await put({ id: 's2', schema: 'Sighting', properties: { person: ['p1'], date: ['2026-04-01'], checkpoint: ['E40 Jabbeke'] }, provenance: testProvenance('fedpol') });
    await p.follower.catchUp();
    expect(kinds(told).filter((k) => k.startsWith('watch.'))).toEqual(['watch.sighting']);
  });

  it('is told once however many nodes follow the change: one consultation in the log, one notice to the owner', async () => {
    const { projections: p, told } = await open();
    // A second node: its own watcher following the same store (both publish to one notifier here, as nodes do over the bus).
    const other = createWatcher(current.world!.mosaic, p.entities);
    const otherFollower = followChanges(current.world!.mosaic.store, [other]);
    await otherFollower.catchUp();
    const zone = await as('zoneOfficer');
    const watch = await createSubscription(current.world!.mosaic, zone, { target: { kind: 'entity', record: 'fedpol:p1' as never } });
    p.watcher.add(watch);
    other.add(watch);
    const from = (await current.world!.mosaic.store.readAudit({ fromSeq: 1, limit: 1000 })).length;
    // (watching it was a consultation the federal police were told of)
    told.splice(0);

    await put({ id: 's1', schema: 'Sighting', properties: { person: ['p1'], date: ['2026-03-01'], checkpoint: ['E40 Jabbeke'] }, provenance: testProvenance('fedpol') });
    await p.follower.catchUp();
    await otherFollower.catchUp();

    expect(kinds(told).filter((k) => k === 'watch.sighting')).toHaveLength(1);
    // the federal police's agreement with the zone asks to be told of each consultation: once
    expect(told.filter((n) => n.kind === 'deconfliction.consult')).toHaveLength(1);
    const logged = (await current.world!.mosaic.store.readAudit({ fromSeq: 1, limit: 1000 })).slice(from).map((e) => JSON.parse(e.body) as { action: string; caseRef?: string });
    expect(logged.filter((e) => e.action === 'consultation' && e.caseRef === 'CASE-W1')).toHaveLength(1);
  });

  it('is told once, naming the new watch too, when a node has not yet read the watch its user just made on another', async () => {
    const { projections: p, told } = await open();
    const other = createWatcher(current.world!.mosaic, p.entities);
    const otherFollower = followChanges(current.world!.mosaic.store, [other]);
    await otherFollower.catchUp();
    const fed = await as('fedAnalyst');
    const subject = await createSubscription(current.world!.mosaic, fed, { target: { kind: 'entity', record: 'fedpol:p1' as never } });
    p.watcher.add(subject);
    other.add(subject);
    // made on this node a moment ago; the other re-reads the watches once a minute
    const search = await createSubscription(current.world!.mosaic, fed, { target: { kind: 'search', query: 'Kaelberer' }, label: 'Kaelberer family' });
    p.watcher.add(search);
    const from = (await current.world!.mosaic.store.readAudit({ fromSeq: 1, limit: 1000 })).length;

    await put({ id: 'p1', schema: 'Person', properties: { name: ['Ortwin Kaelberer'], birthDate: ['1991-02-11'], passportNumber: ['BE1234567'], alias: ['Orti'] }, provenance: testProvenance('fedpol') });
    // the node that has not read the new watch meets the change first
    await otherFollower.catchUp();
    await p.follower.catchUp();

    expect(told.filter((n) => n.kind.startsWith('watch.')).map((n) => [n.kind, n.body['subscriptions']])).toEqual([['watch.record', [subject.id, search.id]]]);
    const logged = (await current.world!.mosaic.store.readAudit({ fromSeq: 1, limit: 1000 })).slice(from).map((e) => JSON.parse(e.body) as { action: string; caseRef?: string });
    expect(logged.filter((e) => e.action === 'consultation' && e.caseRef === 'CASE-W1')).toHaveLength(1);
  });

  it('tells nothing, and consults nothing, for a watch its user ended on another node', async () => {
    const { projections: p, told } = await open();
    const other = createWatcher(current.world!.mosaic, p.entities);
    const otherFollower = followChanges(current.world!.mosaic.store, [other]);
    await otherFollower.catchUp();
    const zone = await as('zoneOfficer');
    const watch = await createSubscription(current.world!.mosaic, zone, { target: { kind: 'entity', record: 'fedpol:p1' as never } });
    p.watcher.add(watch);
    other.add(watch);
    // ended on this node; the other has not re-read the watches yet
    await deleteSubscription(current.world!.mosaic, zone.user.id, watch.id);
    p.watcher.remove(watch.id);
    const from = (await current.world!.mosaic.store.readAudit({ fromSeq: 1, limit: 1000 })).length;

    await put({ id: 's1', schema: 'Sighting', properties: { person: ['p1'], date: ['2026-03-01'], checkpoint: ['E40 Jabbeke'] }, provenance: testProvenance('fedpol') });
    await otherFollower.catchUp();
    await p.follower.catchUp();

    expect(kinds(told).filter((k) => k.startsWith('watch.'))).toEqual([]);
    const logged = (await current.world!.mosaic.store.readAudit({ fromSeq: 1, limit: 1000 })).slice(from).map((e) => JSON.parse(e.body) as { action: string; caseRef?: string });
    expect(logged.filter((e) => e.caseRef === 'CASE-W1')).toEqual([]);
  });

  it('follows the subject when the watched record is erased and others of the subject remain', async () => {
    const { projections: p, told } = await open();
    await put({ id: 'p1b', schema: 'Person', properties: { name: ['Ortwin Kaelberer'], birthDate: ['1991-02-11'], passportNumber: ['BE1234567'] }, provenance: testProvenance('zone-north') });
    await p.follower.catchUp();
    expect(p.entities.entityOf('zone-north:p1b' as never)).toBe(p.entities.entityOf('fedpol:p1' as never));
    const fed = await as('fedAnalyst');
    p.watcher.add(await createSubscription(current.world!.mosaic, fed, { target: { kind: 'entity', record: 'fedpol:p1' as never } }));
    await eraseStoredRecord(current.world!.mosaic.store, 'fedpol:p1' as never, { actor: 'test', reason: 'review date passed' });
    await p.follower.catchUp();
    await put({ id: 's1', schema: 'Sighting', properties: { person: ['zone-north:p1b'], date: ['2026-03-01'], checkpoint: ['E40 Jabbeke'] }, provenance: testProvenance('zone-north') });
    await p.follower.catchUp();
    expect(kinds(told).filter((k) => k.startsWith('watch.'))).toEqual(['watch.sighting']);
    // the watch names another record of the subject now, one its user may read
    expect((await listSubscriptions(current.world!.mosaic, fed.user.id)).map((s) => s.target)).toEqual([{ kind: 'entity', record: 'zone-north:p1b' }]);
  });

  it('hands on a watch whose label named the erased record, and tells of the subject, by the label the erasure left', async () => {
    const { projections: p, told } = await open();
    await put({ id: 'p1b', schema: 'Person', properties: { name: ['Ortwin Kaelberer'], birthDate: ['1991-02-11'], passportNumber: ['BE1234567'] }, provenance: testProvenance('zone-north') });
    await p.follower.catchUp();
    const fed = await as('fedAnalyst');
    p.watcher.add(await createSubscription(current.world!.mosaic, fed, { target: { kind: 'entity', record: 'fedpol:p1' as never }, label: 'Kaelberer', lostTrackDays: 5 }));
    await eraseStoredRecord(current.world!.mosaic.store, 'fedpol:p1' as never, { actor: 'test', reason: 'review date passed' });
    await p.follower.catchUp();
    await put({ id: 's1', schema: 'Sighting', properties: { person: ['zone-north:p1b'], date: ['2026-03-01'], checkpoint: ['E40 Jabbeke'] }, provenance: testProvenance('zone-north') });
    await p.follower.catchUp();
    clock = new Date('2026-03-09T08:00:00Z');
    expect(await p.watcher.sweep()).toBe(1);
    // the watcher held the label as it was made: neither the hand-off nor a notice brings it back
    expect((await listSubscriptions(current.world!.mosaic, fed.user.id)).map((s) => [s.target, s.label])).toEqual([[{ kind: 'entity', record: 'zone-north:p1b' }, ERASED_LABEL]]);
    expect(told.filter((n) => n.kind.startsWith('watch.')).map((n) => [n.kind, n.body['label']])).toEqual([['watch.sighting', ERASED_LABEL], ['watch.lost-track', ERASED_LABEL]]);
  });

  it('tells of every change of a watched record, one back to an earlier content too, once each', async () => {
    const { projections: p, told } = await open();
    const zone = await as('zoneOfficer');
    p.watcher.add(await createSubscription(current.world!.mosaic, zone, { target: { kind: 'entity', record: 'fedpol:p1' as never } }));
    const withAlias = { name: ['Ortwin Kaelberer'], birthDate: ['1991-02-11'], passportNumber: ['BE1234567'], alias: ['Orti'] };
    const without = { name: ['Ortwin Kaelberer'], birthDate: ['1991-02-11'], passportNumber: ['BE1234567'] };
    // versions 2, 3 and 4: the alias added, taken away, added again
    for (const properties of [withAlias, without, withAlias]) {
      await put({ id: 'p1', schema: 'Person', properties, provenance: testProvenance('fedpol') });
      await p.follower.catchUp();
    }
    const records = told.filter((n) => n.kind === 'watch.record');
    expect(records.map((n) => n.body['version'])).toEqual([2, 3, 4]);
    expect(new Set(records.map((n) => n.id)).size).toBe(3);
  });

  it('tells of every version written between two reads of the feed, each with its own content', async () => {
    const { projections: p, told } = await open();
    const zone = await as('zoneOfficer');
    p.watcher.add(await createSubscription(current.world!.mosaic, zone, { target: { kind: 'entity', record: 'fedpol:p1' as never } }));
    const base = { name: ['Ortwin Kaelberer'], birthDate: ['1991-02-11'], passportNumber: ['BE1234567'] };
    // versions 2, 3 and 4 written before the node reads the feed once
    for (const alias of ['Orti', 'Ortel', 'Winni']) await put({ id: 'p1', schema: 'Person', properties: { ...base, alias: [alias] }, provenance: testProvenance('fedpol') });
    // a record written twice, then erased, is told of neither (nothing of an erased record is told)
    await put({ id: 's9', schema: 'Sighting', properties: { person: ['p1'], date: ['2026-03-01'] }, provenance: testProvenance('fedpol') });
    await put({ id: 's9', schema: 'Sighting', properties: { person: ['p1'], date: ['2026-03-02'] }, provenance: testProvenance('fedpol') });
    await current.world!.mosaic.store.deleteRecord('fedpol:s9' as never, { actor: 'test', reason: 'erased' });
    await p.follower.catchUp();
    const records = told.filter((n) => n.kind === 'watch.record');
    expect(records.map((n) => n.body['version'])).toEqual([2, 3, 4]);
    expect(told.filter((n) => n.kind === 'watch.sighting')).toEqual([]);
    // each notice was consulted on its own version: the audit names the record once a version
    const audited = await current.world!.mosaic.store.readAudit({ fromSeq: 1, limit: 1000 });
    const consulted = audited.map((e) => JSON.parse(e.body) as { action: string; caseRef?: string; records?: string[] }).filter((e) => e.action === 'consultation' && e.caseRef === 'CASE-W1');
    expect(consulted.filter((e) => e.records?.includes('fedpol:p1'))).toHaveLength(4);
  });

  it('tells an alert on the subject placed, changed and withdrawn, each as what it is', async () => {
    const { projections: p, told } = await open();
    const zone = await as('zoneOfficer');
    p.watcher.add(await createSubscription(current.world!.mosaic, zone, { target: { kind: 'entity', record: 'fedpol:p1' as never } }));
    const alert = { subject: ['fedpol:p1'], category: ['inquiry_check'], desk: ['fedpol-ops'], deskContact: ['+3220000001'], validFrom: ['2026-01-01'] };
    for (const properties of [{ ...alert, status: ['active'] }, { ...alert, deskContact: ['+3220000002'], status: ['active'] }, { ...alert, deskContact: ['+3220000002'], status: ['withdrawn'] }]) {
      await put({ id: 'a1', schema: 'Alert', properties, provenance: testProvenance('fedpol') });
      await p.follower.catchUp();
    }
    expect(told.filter((n) => n.kind.startsWith('watch.')).map((n) => [n.kind, n.title, n.body['status']])).toEqual([
      ['watch.alert', 'Alert placed on a watched subject', 'active'],
      ['watch.alert', 'Alert on a watched subject changed', 'active'],
      ['watch.alert-withdrawn', 'Alert on a watched subject withdrawn', 'withdrawn'],
    ]);
  });

  it('gives only a pointer where the policy allows only that, and nothing where it allows nothing', async () => {
    const { projections: p, told } = await open();
    const zone = await as('zoneOfficer');
    const intel = await as('intelAnalyst');
    p.watcher.add(await createSubscription(current.world!.mosaic, zone, { target: { kind: 'entity', record: 'fedpol:p1' as never } }));
    // The federal police share nothing with intelligence: its analyst cannot watch their record
    // (not found, as for a record that does not exist), and is told nothing of it.
    await expect(createSubscription(current.world!.mosaic, intel, { target: { kind: 'entity', record: 'fedpol:p1' as never } })).rejects.toMatchObject({ code: 'MOSAIC_NOT_FOUND' });
    // Intelligence shares only pointers with the zone.
    await put({ id: 'x1', schema: 'Sighting', properties: { person: ['fedpol:p1'], date: ['2026-03-02'], checkpoint: ['Secret place'] }, provenance: testProvenance('intel') });
    await put({ id: 's3', schema: 'Sighting', properties: { person: ['p1'], date: ['2026-03-02'] }, provenance: testProvenance('fedpol') });
    await p.follower.catchUp();

    const forZone = told.filter((n) => 'user' in n.to && n.to.user === zone.user.id);
    expect(forZone.map((n) => n.kind)).toEqual(['watch.pointer', 'watch.sighting']);
    expect(JSON.stringify(forZone[0])).not.toContain('x1');
    expect(JSON.stringify(forZone[0])).not.toContain('Secret place');
    expect(forZone[0]?.body).toMatchObject({ pointer: { agency: 'intel' } });
    expect(told.filter((n) => 'user' in n.to && n.to.user === intel.user.id)).toEqual([]);
  });

  it('counts a link or an event only through the records the watcher may see with the watched one, as the subject\'s view shows them', async () => {
    const { projections: p, told } = await open();
    // the zone's own record of the same person, resolved with a record of the federal police the
    // zone may not read (secret)
    const secret = testProvenance('fedpol', { marking: { tlp: 'AMBER', classification: 'SECRET', releasability: ['be'] } });
    await put({ id: 'h1', schema: 'Person', properties: { name: ['Wendelin Aue'], birthDate: ['1988-05-04'], passportNumber: ['BE7654321'] }, provenance: secret });
    await put({ id: 'z1', schema: 'Person', properties: { name: ['Wendelin Aue'], birthDate: ['1988-05-04'], passportNumber: ['BE7654321'] }, provenance: testProvenance('zone-north') });
    await p.follower.catchUp();
    await p.entities.rebuild();
    expect(p.entities.entityOf('fedpol:h1' as never)).toBe(p.entities.entityOf('zone-north:z1' as never));
    const zone = await as('zoneOfficer');
    await expect(createSubscription(current.world!.mosaic, zone, { target: { kind: 'entity', record: 'fedpol:h1' as never } })).rejects.toMatchObject({ code: 'MOSAIC_NOT_FOUND' });
    p.watcher.add(await createSubscription(current.world!.mosaic, zone, { target: { kind: 'entity', record: 'zone-north:z1' as never } }));
    told.splice(0);
    // a sighting of the hidden record, by the zone itself: nothing may say it is the watched subject
    await put({ id: 's9', schema: 'Sighting', properties: { person: ['fedpol:h1'], date: ['2026-03-03'] }, provenance: testProvenance('zone-north') });
    // a sighting of the watched record: told
    await put({ id: 's10', schema: 'Sighting', properties: { person: ['z1'], date: ['2026-03-04'] }, provenance: testProvenance('zone-north') });
    await p.follower.catchUp();
    const forZone = told.filter((n) => 'user' in n.to && n.to.user === zone.user.id);
    expect(forZone.map((n) => [n.kind, n.body['record']])).toEqual([['watch.sighting', 'zone-north:s10']]);
  });

  it('warns once of silence after N days without a sighting, and again after a sighting ends it', async () => {
    const { projections: p, told } = await open();
    const zone = await as('zoneOfficer');
    p.watcher.add(await createSubscription(current.world!.mosaic, zone, { target: { kind: 'entity', record: 'fedpol:p1' as never }, lostTrackDays: 30 }));
    const lost = (): number => told.filter((n) => n.kind === 'watch.lost-track').length;

    clock = new Date('2026-03-20T08:00:00Z');
    expect(await p.watcher.sweep()).toBe(0);
    clock = new Date('2026-04-01T08:00:00Z');
    expect(await p.watcher.sweep()).toBe(1);
    expect(told.find((n) => n.kind === 'watch.lost-track')?.body).toMatchObject({ record: 'fedpol:p1', silentDays: 31, lostTrackDays: 30 });
    expect(await p.watcher.sweep()).toBe(0);

    clock = new Date('2026-04-10T08:00:00Z');
    await put({ id: 's4', schema: 'Sighting', properties: { person: ['p1'], date: ['2026-04-10'] }, provenance: testProvenance('fedpol') });
    await p.follower.catchUp();
    clock = new Date('2026-05-05T08:00:00Z');
    expect(await p.watcher.sweep()).toBe(0);
    clock = new Date('2026-05-11T08:00:00Z');
    expect(await p.watcher.sweep()).toBe(1);
    expect(lost()).toBe(2);
    // The silence and the warning are kept: a restart (reload) does not warn again.
    await p.watcher.reload();
    expect(await p.watcher.sweep()).toBe(0);
  });
});

describe('watching a saved search and an area', () => {
  it('tells of a new person whose name matches the search, and of what is located inside the area', async () => {
    const { projections: p, told } = await open();
    const fed = await as('fedAnalyst');
    p.watcher.add(await createSubscription(current.world!.mosaic, fed, { target: { kind: 'search', query: 'Kälberer' } }));
    // A rough box around central Brussels.
    p.watcher.add(await createSubscription(current.world!.mosaic, fed, { target: { kind: 'area', polygon: [[50.80, 4.30], [50.80, 4.42], [50.88, 4.42], [50.88, 4.30]] } }));

    await put({ id: 'p7', schema: 'Person', properties: { name: ['Lothar Kaelberer'] }, provenance: testProvenance('zone-north') });
    await put({ id: 'p8', schema: 'Person', properties: { name: ['Oskar Brandt'] }, provenance: testProvenance('zone-north') });
    await put({ id: 'ad1', schema: 'Address', properties: { full: ['Rue Haute 12, Brussels'], latitude: ['50.835'], longitude: ['4.348'] }, provenance: testProvenance('zone-north') });
    await put({ id: 'ad2', schema: 'Address', properties: { full: ['Markt 1, Bruges'], latitude: ['51.208'], longitude: ['3.224'] }, provenance: testProvenance('zone-north') });
    await p.follower.catchUp();

    const watch = told.filter((n) => n.kind.startsWith('watch.'));
    expect(watch.map((n) => [n.kind, n.body['record']])).toEqual([['watch.search', 'zone-north:p7'], ['watch.area', 'zone-north:ad1']]);
  });
});

describe('several watches of one user', () => {
  it('tell them of one change once, naming every watch of theirs it concerns, under one consultation', async () => {
    const { projections: p, told } = await open();
    const fed = await as('fedAnalyst');
    const zone = await as('zoneOfficer');
    const search = await createSubscription(current.world!.mosaic, fed, { target: { kind: 'search', query: 'Kaelberer' }, label: 'Kaelberer family' });
    const subject = await createSubscription(current.world!.mosaic, fed, { target: { kind: 'entity', record: 'fedpol:p1' as never } });
    const zoneWatch = await createSubscription(current.world!.mosaic, zone, { target: { kind: 'entity', record: 'fedpol:p1' as never } });
    for (const watch of [search, subject, zoneWatch]) p.watcher.add(watch);
    const from = (await current.world!.mosaic.store.readAudit({ fromSeq: 1, limit: 1000 })).length;

    await put({ id: 'p1', schema: 'Person', properties: { name: ['Ortwin Kaelberer'], birthDate: ['1991-02-11'], passportNumber: ['BE1234567'], alias: ['Orti'] }, provenance: testProvenance('fedpol') });
    await p.follower.catchUp();

    const forUser = (c: Consultation) => told.filter((n) => n.kind.startsWith('watch.') && 'user' in n.to && n.to.user === c.user.id);
    // told as what the subject watch tells (a change of the subject), the search named beside it
    expect(forUser(fed).map((n) => [n.kind, n.body['subscription'], n.body['subscriptions'], n.body['labels']]))
      .toEqual([['watch.record', subject.id, [subject.id, search.id], ['Subject fedpol:p1', 'Kaelberer family']]]);
    expect(forUser(zone).map((n) => [n.kind, n.body['subscriptions']])).toEqual([['watch.record', [zoneWatch.id]]]);
    const consulted = (await current.world!.mosaic.store.readAudit({ fromSeq: 1, limit: 1000 })).slice(from)
      .map((e) => JSON.parse(e.body) as { action: string; actor: { user: string }; query: unknown })
      .filter((e) => e.action === 'consultation' && e.actor.user === fed.user.id);
    expect(consulted.map((e) => e.query)).toEqual([{ subscriptions: [subject.id, search.id], reasons: ['record', 'search'] }]);
  });
});

describe('subscriptions', () => {
  it('refuse bad input naming the field, need a purpose, and can be ended only by their owner', async () => {
    await open();
    const mosaic = current.world!.mosaic;
    const fed = await as('fedAnalyst');
    await expect(createSubscription(mosaic, fed, { target: { kind: 'area', polygon: [[50, 4], [51, 4]] } })).rejects.toMatchObject({ code: 'MOSAIC_INVALID_INPUT', details: { field: 'target.polygon' } });
    await expect(createSubscription(mosaic, fed, { target: { kind: 'area', polygon: [[50, 4], [51, 4], [95, 4]] } })).rejects.toMatchObject({ details: { field: 'target.polygon[2]' } });
    await expect(createSubscription(mosaic, fed, { target: { kind: 'search', query: 'k' } })).rejects.toMatchObject({ details: { field: 'target.query' } });
    await expect(createSubscription(mosaic, fed, { target: { kind: 'search', query: 'Kaelberer' }, lostTrackDays: 10 })).rejects.toMatchObject({ details: { field: 'lostTrackDays' } });
    await expect(createSubscription(mosaic, fed, { target: { kind: 'entity', record: 'fedpol:p1' as never }, lostTrackDays: 0 })).rejects.toMatchObject({ details: { field: 'lostTrackDays' } });
    await expect(createSubscription(mosaic, { user: fed.user }, { target: { kind: 'search', query: 'Kaelberer' } })).rejects.toMatchObject({ code: 'MOSAIC_PURPOSE_REQUIRED' });

    const mine = await createSubscription(mosaic, fed, { target: { kind: 'search', query: 'Kaelberer' }, label: 'Kaelberer family' });
    expect((await listSubscriptions(mosaic, fed.user.id)).map((s) => s.label)).toEqual(['Kaelberer family']);
    const zone = await as('zoneOfficer');
    expect(await listSubscriptions(mosaic, zone.user.id)).toEqual([]);
    await expect(deleteSubscription(mosaic, zone.user.id, mine.id)).rejects.toMatchObject({ code: 'MOSAIC_NOT_FOUND' });
    await deleteSubscription(mosaic, fed.user.id, mine.id);
    expect(await listSubscriptions(mosaic, fed.user.id)).toEqual([]);
  });
});
