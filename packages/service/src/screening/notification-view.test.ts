import { AgencyId, DeskId, RecordId, UserId } from '@mosaic/model';
import type { User } from '@mosaic/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Notification } from '../notifier.ts';
import { policyUser } from '../organisation.ts';
import { eraseStoredRecord } from '../records.ts';
import { openTestMosaic, putFixtures, testProvenance, type TestMosaic } from '../testing.ts';
import { agencySystemReader, notificationsAsSeen } from './notification-view.ts';
import type { WebhookPost } from './webhook-post.ts';
import { attemptWebhook, setWebhook } from './webhooks.ts';

let world: TestMosaic;
const users: Record<string, User> = {};

const fedpol = AgencyId('fedpol');
const marking = (more: Record<string, unknown>) => ({ marking: { tlp: 'AMBER', classification: 'RESTRICTED', releasability: ['be'], ...more } });

beforeAll(async () => {
  world = await openTestMosaic();
  const { mosaic } = world;
  // the case team op-x, the federal police's own
  await mosaic.store.putDocument({ kind: 'need-to-know-group', id: 'op-x', owner: 'fedpol', body: { id: 'op-x', agency: 'fedpol', name: 'Operation X', description: '' } });
  await mosaic.reloadOrg();
  await putFixtures(mosaic, [
    { id: 'ntk-p2', schema: 'Person', properties: { name: ['Xanthippe Wolkenstein'] }, provenance: testProvenance('fedpol', marking({ needToKnow: ['op-x'] })) },
    { id: 'ntk-al', schema: 'Alert', properties: { subject: ['fedpol:ntk-p2'], category: ['discreet_check'], desk: ['fedpol-ops'], deskContact: ['+3220000001'], status: ['active'] }, provenance: testProvenance('fedpol') },
    { id: 'c1', schema: 'Person', properties: { name: ['Casimir Undercover'] }, provenance: testProvenance('fedpol', marking({ classification: 'CONFIDENTIAL' })) },
    { id: 'p1', schema: 'Person', properties: { name: ['Rachid Bouzid'] }, provenance: testProvenance('fedpol') },
    { id: 'al1', schema: 'Alert', properties: { subject: ['fedpol:p1'], category: ['discreet_check'], desk: ['fedpol-ops'], deskContact: ['+3220000001'], status: ['active'] }, provenance: testProvenance('fedpol') },
  ]);
  const person = (name: string, roles: User['roles'], clearance: User['clearance'], groups: string[]): User => ({
    id: UserId(`fedpol.${name}`), name, agency: fedpol, desk: DeskId('fedpol-ops'), roles, clearance, groups: groups as User['groups'], passwordHash: '',
  });
  for (const user of [
    person('member', ['analyst'], 'SECRET', ['op-x']), person('analyst2', ['analyst'], 'SECRET', []), person('officer1', ['officer'], 'SECRET', []),
    person('lowOfficer', ['officer'], 'RESTRICTED', []), person('admin', ['agency_admin'], 'SECRET', []),
  ]) users[user.name] = user;
});
afterAll(async () => world.cleanup());

const notice = (id: string, kind: string, body: Record<string, unknown>, to: Notification['to'] = { agency: fedpol }): Notification => ({ id, at: '2026-03-01T10:00:00.000Z', to, kind, title: kind, body });
const seenBy = async (name: string, n: Notification) => (await notificationsAsSeen(world.mosaic, policyUser(users[name]!), [n]))[0];

const hitOnTeamAlert = notice('n-hit', 'alert.hit', { check: 'c-9', hit: 0, alert: 'fedpol:ntk-al', subject: 'fedpol:ntk-p2', band: 'hit', action: 'REPORT_COVERTLY', agency: 'fedpol', desk: 'fedpol-ops' });
const encounter = notice('n-enc', 'deconfliction.encounter', {
  check: 'c-1', record: 'fedpol:ntk-p2', records: ['fedpol:ntk-p2', 'fedpol:c1', 'fedpol:p1'], names: ['Xanthippe Wolkenstein', 'Casimir Undercover', 'Rachid Bouzid'], requester: 'zone-north', desk: 'zone-north-desk',
});

describe('a notification as its reader may see it', () => {
  it('tells nothing of the content of a record erased since the notice was made: as kept notices are left by an erasure, live or at a webhook', async () => {
    const { mosaic } = world;
    await putFixtures(mosaic, [{ id: 'er1', schema: 'Person', properties: { name: ['Ottokar Brennweiler'] }, provenance: testProvenance('fedpol') }]);
    await eraseStoredRecord(mosaic.store, RecordId('fedpol:er1'), { actor: 'test', reason: 'owner erasure' });
    const met = notice('n-late-met', 'deconfliction.encounter', { check: 'c-9', record: 'fedpol:er1', records: ['fedpol:er1', 'fedpol:p1'], names: ['Ottokar Brennweiler', 'Rachid Bouzid'], requester: 'zone-north' });
    const watched = notice('n-late-watch', 'watch.changed', { subscription: 's1', record: 'fedpol:er1', schema: 'Person', caption: 'Ottokar Brennweiler', agency: 'fedpol' }, { user: users['analyst2']!.id });
    for (const reader of [policyUser(users['analyst2']!), agencySystemReader(fedpol)]) {
      const [seenMet, seenWatched] = await notificationsAsSeen(mosaic, reader, [met, watched]);
      expect(seenMet?.body).toMatchObject({ records: ['fedpol:er1', 'fedpol:p1'], names: ['', 'Rachid Bouzid'], erased: ['fedpol:er1'] });
      expect(seenWatched?.body).toEqual({ subscription: 's1', record: 'fedpol:er1', schema: 'Person', agency: 'fedpol', erased: ['fedpol:er1'] });
      expect(JSON.stringify([seenMet, seenWatched])).not.toContain('Brennweiler');
    }
  });

  it('names a link\'s other end in a watch notice only to a reader who may read it, and tells nothing of a subject\'s name erased since', async () => {
    const { mosaic } = world;
    const to = { user: users['lowOfficer']!.id };
    const link = notice('n-link', 'watch.link', { subscription: 's1', label: 'Roadblock list', record: 'fedpol:p1', schema: 'Person', caption: 'Rachid Bouzid', subject: 'fedpol:p1', subjectName: 'Rachid Bouzid', other: 'fedpol:c1', otherName: 'Casimir Undercover' }, to);
    expect((await seenBy('analyst2', link))?.body).toEqual(link.body);
    const low = await seenBy('lowOfficer', link);
    expect(low?.body).toMatchObject({ subject: 'fedpol:p1', subjectName: 'Rachid Bouzid' });
    expect(JSON.stringify(low)).not.toContain('Casimir');
    expect(JSON.stringify(low)).not.toContain('fedpol:c1');
    await putFixtures(mosaic, [
      { id: 'er2', schema: 'Person', properties: { name: ['Wendelin Achterberg'] }, provenance: testProvenance('fedpol') },
      { id: 'al2', schema: 'Alert', properties: { subject: ['fedpol:er2'], category: ['discreet_check'], desk: ['fedpol-ops'], deskContact: ['+3220000001'], status: ['active'] }, provenance: testProvenance('fedpol') },
    ]);
    const alert = notice('n-alert-er', 'watch.alert', { subscription: 's1', record: 'fedpol:al2', schema: 'Alert', caption: 'discreet_check', subject: 'fedpol:er2', subjectName: 'Wendelin Achterberg' }, to);
    expect((await seenBy('analyst2', alert))?.body).toMatchObject({ subjectName: 'Wendelin Achterberg' });
    await eraseStoredRecord(mosaic.store, RecordId('fedpol:er2'), { actor: 'test', reason: 'owner erasure' });
    const erased = await seenBy('analyst2', alert);
    // the alert was erased with its subject: neither's content is told
    expect(erased?.body).toMatchObject({ subject: 'fedpol:er2', erased: expect.arrayContaining(['fedpol:er2']) });
    expect(JSON.stringify(erased)).not.toContain('Achterberg');
  });

  it('tells nothing of a hit on an alert whose subject is a case team\'s to anyone outside the team, whatever their role', async () => {
    expect(await seenBy('member', hitOnTeamAlert)).toEqual(hitOnTeamAlert);
    for (const outsider of ['analyst2', 'officer1', 'lowOfficer', 'admin']) expect(await seenBy(outsider, hitOnTeamAlert), outsider).toBeUndefined();
  });

  it('tells of an ordinary hit those who may read its alert and subject, and leaves out a Sighting they may not read', async () => {
    const confirmed = notice('n-conf', 'alert.hit.confirmed', { check: 'c-2', hit: 0, alert: 'fedpol:al1', subject: 'fedpol:p1', decision: 'confirm', sighting: 'zone-north:gone', report: { route: 'north' } });
    expect(await seenBy('analyst2', confirmed)).toEqual({ ...confirmed, body: { check: 'c-2', hit: 0, alert: 'fedpol:al1', subject: 'fedpol:p1', decision: 'confirm' } });
    // a role that reads no records is told of no hit
    expect(await seenBy('admin', confirmed)).toBeUndefined();
  });

  it('lists a case team\'s record to its members only, and to no one else not even by id; one above a reader\'s clearance by id, its name blanked', async () => {
    expect((await seenBy('member', encounter))?.body).toEqual(encounter.body);
    const outsider = await seenBy('analyst2', encounter);
    expect(outsider?.body).toEqual({ ...encounter.body, record: 'fedpol:c1', records: ['fedpol:c1', 'fedpol:p1'], names: ['Casimir Undercover', 'Rachid Bouzid'] });
    const low = await seenBy('lowOfficer', encounter);
    expect(low?.body).toMatchObject({ record: 'fedpol:c1', records: ['fedpol:c1', 'fedpol:p1'], names: ['', 'Rachid Bouzid'], withheld: ['fedpol:c1'] });
    // an administrator reads no records: names blanked, and the team's record gone as for any outsider
    const admin = await seenBy('admin', encounter);
    expect(admin?.body).toMatchObject({ records: ['fedpol:c1', 'fedpol:p1'], names: ['', ''], withheld: ['fedpol:c1', 'fedpol:p1'] });
    for (const seen of [outsider, low, admin]) expect(JSON.stringify(seen)).not.toMatch(/ntk-p2|Xanthippe/);
    // seen twice, the same
    expect(await notificationsAsSeen(world.mosaic, policyUser(users['lowOfficer']!), [low!])).toEqual([low]);
  });

  it('tells nothing of a notice that named only a case team\'s records, or a record the store does not know', async () => {
    const consulted = notice('n-cons', 'deconfliction.consult', { records: ['fedpol:ntk-p2'], requester: 'zone-north' });
    expect(await seenBy('member', consulted)).toEqual(consulted);
    expect(await seenBy('analyst2', consulted)).toBeUndefined();
    expect(await seenBy('member', notice('n-none', 'watch.record', { record: 'fedpol:nowhere', caption: 'x' }, { user: users['member']!.id }))).toBeUndefined();
  });

  it('tells a watcher no longer in the team nothing of their watch on its record', async () => {
    const watched = notice('n-w', 'watch.record', { subscription: 's1', record: 'fedpol:ntk-p2', caption: 'Xanthippe Wolkenstein', agency: 'fedpol' }, { user: users['member']!.id });
    expect(await seenBy('member', watched)).toEqual(watched);
    const left = { ...users['member']!, groups: [] };
    expect((await notificationsAsSeen(world.mosaic, policyUser(left), [watched]))[0]).toBeUndefined();
  });

  it('tells a watcher of an alert only while they may read its subject, as reading the alert itself answers', async () => {
    // told when the subject was the watcher's to read; the subject since marked for a case team
    for (const kind of ['watch.alert', 'watch.alert-withdrawn', 'watch.record']) {
      const watched = notice(`n-${kind}`, kind, { subscription: 's2', record: 'fedpol:ntk-al', schema: 'Alert', caption: 'discreet_check', agency: 'fedpol' }, { user: users['analyst2']!.id });
      expect(await seenBy('member', { ...watched, to: { user: users['member']!.id } }), kind).toBeDefined();
      expect(await seenBy('analyst2', watched), kind).toBeUndefined();
    }
    const ordinary = notice('n-wa', 'watch.alert', { subscription: 's3', record: 'fedpol:al1', schema: 'Alert', caption: 'discreet_check', agency: 'fedpol' }, { user: users['analyst2']!.id });
    expect(await seenBy('analyst2', ordinary)).toEqual(ordinary);
  });

  it('sends the agency\'s webhook, its system in no case team, nothing of a case team\'s record', async () => {
    expect(await notificationsAsSeen(world.mosaic, agencySystemReader(fedpol), [hitOnTeamAlert])).toEqual([undefined]);
    const sent: string[] = [];
    const post: WebhookPost = async (_url, { body }) => {
      sent.push(body);
      return { ok: true, status: 200 };
    };
    await setWebhook(world.mosaic, fedpol, { url: 'https://hooks.fedpol.example/hook', secret: 'fedpol-secret-0123456789' });
    expect((await attemptWebhook(world.mosaic, fedpol, hitOnTeamAlert, { post })).delivery).toBe('none');
    const erasure = notice('n-erased', 'notification.erased', { notification: 'n-enc', record: 'fedpol:ntk-p2' });
    expect((await attemptWebhook(world.mosaic, fedpol, erasure, { post })).delivery).toBe('none');
    expect(sent).toEqual([]);
    expect((await attemptWebhook(world.mosaic, fedpol, encounter, { post })).delivery).toBe('delivered');
    // the agency's own records as before, a classification no bar to its own system
    expect((JSON.parse(sent[0]!) as Notification).body).toEqual({ ...encounter.body, record: 'fedpol:c1', records: ['fedpol:c1', 'fedpol:p1'], names: ['Casimir Undercover', 'Rachid Bouzid'] });
  });
});
