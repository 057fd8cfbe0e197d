import type { AuditEntry } from '@mosaic/audit';
import { RecordId, UserId } from '@mosaic/model';
import { createStoreAuditStorage } from '@mosaic/store';
import { afterEach, describe, expect, it } from 'vitest';
import { followChanges } from '../change-follower.ts';
import { listUnderArrestAlert, openTestMosaic, putFixtures, putTestGroup, refuseAuditEntries, testProvenance, type TestMosaic } from '../testing.ts';
import { eraseRecord } from '../records.ts';
import { RETENTION_RULES_KIND } from '../retention/retention-rules.ts';
import { decideHit, HIT_DECISION_KIND } from './decide-hit.ts';
import { listNotifications, NOTIFICATION_KIND, type StoredNotification } from './notification-inbox.ts';
import { createScreeningProjection } from './screening-projection.ts';
import { readCheck } from './read-check.ts';
import { screenCheck, type CheckRecord, type HitView } from './screen-check.ts';

let world: TestMosaic | undefined;
afterEach(async () => {
  await world?.cleanup();
  world = undefined;
});

/** A checkpoint officer's check with one hit on an alert of fedpol's. */
async function checkWithHit(now?: () => Date) {
  world = await openTestMosaic(now ? { now } : {});
  const { mosaic } = world;
  const projection = await listUnderArrestAlert(mosaic);
  const user = await mosaic.store.findUserByName('zoneCheckpoint');
  const consultation = { user: user! };
  const check = await screenCheck(mosaic, consultation, projection, { query: { name: 'Rachid Bouzid' } });
  return { mosaic, projection, user: user!, consultation, check };
}

/** Two decisions on hit 0 at once, a confirmation and a rejection: one goes through and is the one kept, the other is refused, and one notification is told. */
async function oneOfTwoDecisions({ mosaic, projection, consultation, check }: Awaited<ReturnType<typeof checkWithHit>>): Promise<void> {
  const heard: string[] = [];
  mosaic.notifier.subscribe((n) => heard.push(n.kind));
  const decisions = await Promise.allSettled([
    decideHit(mosaic, consultation, projection, { check: check.id, hit: 0, decision: 'confirm' }),
    decideHit(mosaic, consultation, projection, { check: check.id, hit: 0, decision: 'reject' }),
  ]);
  const done = decisions.filter((d) => d.status === 'fulfilled');
  const refused = decisions.filter((d) => d.status === 'rejected');
  expect(done).toHaveLength(1);
  expect(refused).toHaveLength(1);
  expect(refused[0]?.reason).toMatchObject({ code: 'MOSAIC_CONFLICT' });
  // the stored decision is the one that went through
  const winner = (done[0] as PromiseFulfilledResult<CheckRecord>).value.hits[0] as HitView & { kind: 'match' };
  expect(winner.decision).toBeDefined();
  // as kept, less whom the answer says was told (the answer's alone)
  const { told: _told, ...kept } = winner.decision!;
  expect((await readCheck(mosaic, consultation, projection, check.id)).hits[0]).toMatchObject({ decision: kept });
  expect(heard).toHaveLength(1);
}

describe('decideHit', () => {
  it('audits what its answer shows: every hit of the check the decider may see, as a read of the check does', async () => {
    const { mosaic, projection } = await checkWithHit();
    // a second listed person by the same name: the check has two hits
    await putFixtures(mosaic, [{ id: 'p2', schema: 'Person', properties: { name: ['Rachid Bouzid'], birthDate: ['1975-05-05'], nationality: ['ma'] }, provenance: testProvenance('fedpol') }]);
    await followChanges(mosaic.store, [projection]).catchUp();
    const checkpoint = { user: (await mosaic.store.findUserByName('zoneCheckpoint'))! };
    const both = await screenCheck(mosaic, checkpoint, projection, { query: { name: 'Rachid Bouzid' } });
    expect(both.hits.map((h) => (h.kind === 'match' ? h.subject : h.kind)).sort()).toEqual(['fedpol:p1', 'fedpol:p2']);
    // a colleague of the officer decides on the first hit: the answer shows both
    const colleague = { user: (await mosaic.store.findUserByName('zoneOfficer'))! };
    const before = (await mosaic.store.readAudit({ fromSeq: 0, limit: 100_000 })).length;
    const answer = await decideHit(mosaic, colleague, projection, { check: both.id, hit: 0, decision: 'reject' });
    const shown = answer.hits.flatMap((h) => (h.kind === 'match' ? [h.subject, ...h.alerts.map((a) => a.id)] : []));
    expect(shown).toContain('fedpol:p2');
    const logged = (await mosaic.store.readAudit({ fromSeq: 0, limit: 100_000 })).slice(before).map((e) => JSON.parse(e.body) as { action: string; actor: { user: string }; records: string[]; recipients?: string[] });
    const query = { check: both.id, hit: 0, decision: 'reject' };
    expect(logged).toContainEqual(expect.objectContaining({ action: 'consultation', actor: expect.objectContaining({ user: colleague.user.id }), query, records: shown }));
    expect(logged).toContainEqual(expect.objectContaining({ action: 'disclosure', query, records: shown, recipients: ['zone-north'] }));
  });

  it('answers which agencies were told of the decision: the alert\'s owner on a hit with an alert, none on a hit without; the check keeps no such list', async () => {
    const { mosaic, projection, consultation } = await checkWithHit();
    await putFixtures(mosaic, [{ id: 'p2', schema: 'Person', properties: { name: ['Rachid Bouzid'], birthDate: ['1975-05-05'], nationality: ['ma'] }, provenance: testProvenance('fedpol') }]);
    await followChanges(mosaic.store, [projection]).catchUp();
    const both = await screenCheck(mosaic, consultation, projection, { query: { name: 'Rachid Bouzid' } });
    const nOf = (subject: string) => both.hits.find((h) => h.kind === 'match' && h.subject === subject)?.n;
    const decisionOn = (check: CheckRecord, subject: string) => check.hits.find((h) => h.kind === 'match' && h.subject === subject)?.decision;
    const alerted = await decideHit(mosaic, consultation, projection, { check: both.id, hit: nOf('fedpol:p1')!, decision: 'confirm' });
    expect(decisionOn(alerted, 'fedpol:p1')?.told).toEqual(['fedpol']);
    const plain = await decideHit(mosaic, consultation, projection, { check: both.id, hit: nOf('fedpol:p2')!, decision: 'confirm' });
    expect(decisionOn(plain, 'fedpol:p2')?.told).toEqual([]);
    const kept = await readCheck(mosaic, consultation, projection, both.id);
    expect(decisionOn(kept, 'fedpol:p1')).not.toHaveProperty('told');
  });

  it('keeps the decided check and the owner\'s notification together, before it answers, and tells the listeners it is stored', async () => {
    const { mosaic, projection, user, consultation, check } = await checkWithHit();
    const heard: { kind: string; stored: boolean }[] = [];
    mosaic.notifier.subscribe((n, { stored }) => heard.push({ kind: n.kind, stored }));

    // no keeper runs: what the owner's inbox holds was written in the decision's own transaction
    await decideHit(mosaic, consultation, projection, { check: check.id, hit: 0, decision: 'confirm' });
    const kept = (await mosaic.store.listDocuments(NOTIFICATION_KIND, { owner: 'fedpol', limit: 10 })).map((d) => (d.body as StoredNotification).notification);
    expect(kept.map((n) => n.kind).sort()).toEqual(['alert.hit', 'alert.hit.confirmed']);
    // the notices name the hit by its ref, which tells nothing of the check's other hits, and so does the Sighting's id
    const ref = check.hits[0]?.ref;
    expect(ref).toMatch(/^h[0-9a-f]{12}$/);
    expect(kept.find((n) => n.kind === 'alert.hit')?.body).toMatchObject({ check: check.id, hit: ref });
    expect(kept.find((n) => n.kind === 'alert.hit.confirmed')?.body).toMatchObject({ check: check.id, hit: ref, alert: 'fedpol:a1', decision: 'confirm', sighting: `zone-north:sighting-${check.id}-${ref}` });
    expect(heard).toEqual([{ kind: 'alert.hit.confirmed', stored: true }]);
    expect((await readCheck(mosaic, consultation, projection, check.id)).hits[0]).toMatchObject({ decision: { decision: 'confirm', by: user.id } });
    // both say on whom, by the name the subject is listed under, and what the alert asked
    for (const n of kept) expect(n.body).toMatchObject({ subject: 'fedpol:p1', subjectName: 'Rachid Bouzid', category: 'arrest' });
    // a person reads the titles: what the alert asks in words; the bodies keep the codes for machines
    expect(kept.find((n) => n.kind === 'alert.hit.confirmed')).toMatchObject({ title: 'Encounter confirmed on your alert: arrest', body: { action: 'ARREST' } });
    expect(kept.find((n) => n.kind === 'alert.hit')).toMatchObject({ title: 'Hit on your alert: arrest', body: { action: 'ARREST' } });

    // the name goes with the subject's erasure, from both kept notices
    await eraseRecord(mosaic, { user: (await mosaic.store.findUserByName('fedAdmin'))!, purpose: 'erasure', caseRef: 'E-1' }, RecordId('fedpol:p1'), 'entered in error');
    const left = (await mosaic.store.listDocuments(NOTIFICATION_KIND, { owner: 'fedpol', limit: 10 })).map((d) => (d.body as StoredNotification).notification).filter((n) => n.kind.startsWith('alert.hit'));
    expect(left).toHaveLength(2);
    for (const n of left) expect(n.body).not.toHaveProperty('subjectName');
    expect(JSON.stringify(left)).not.toMatch(/Rachid|Bouzid/);
  });

  it('dates a confirmed hit\'s Sighting by its agency\'s retention rule for the subject\'s category, as any record of the agency', async () => {
    const { mosaic, projection, consultation, check } = await checkWithHit(() => new Date('2026-12-06T10:00:00Z'));
    // zone-north reviews suspects' records after six months; the deployment's default is three years
    await mosaic.store.putDocument({ kind: RETENTION_RULES_KIND, id: 'zone-north', owner: 'zone-north', body: { suspect: { months: 6 } } });
    await decideHit(mosaic, consultation, projection, { check: check.id, hit: 0, decision: 'confirm' });
    const sighting = await mosaic.store.getRecord(RecordId(`zone-north:sighting-${check.id}-${check.hits[0]?.ref ?? ''}`));
    expect(sighting?.record.provenance).toMatchObject({ agency: 'zone-north', category: 'suspect', reviewDate: '2027-06-06' });
  });

  it('refuses a report holding control characters, naming the report\'s own field; the hit stays undecided', async () => {
    const { mosaic, projection, consultation, check } = await checkWithHit();
    await expect(decideHit(mosaic, consultation, projection, { check: check.id, hit: 0, decision: 'confirm', report: { notes: 'two men\u0000in a van' } }))
      .rejects.toMatchObject({ code: 'MOSAIC_INVALID_INPUT', details: { field: 'report.notes' } });
    // line breaks are text
    const decided = await decideHit(mosaic, consultation, projection, { check: check.id, hit: 0, decision: 'confirm', report: { notes: 'two men\nin a van' } });
    expect(decided.hits[0]).toMatchObject({ decision: { decision: 'confirm' } });
  });

  it('lets one of two decisions on one hit through at the same time, the other refused, and one notification told', async () => {
    const made = await checkWithHit();
    await oneOfTwoDecisions(made);
    const kept = (await made.mosaic.store.listDocuments(NOTIFICATION_KIND, { owner: 'fedpol', limit: 10 })).map((d) => (d.body as StoredNotification).notification.kind);
    expect(kept.filter((k) => k !== 'alert.hit')).toHaveLength(1);
  });

  it('keeps nothing of a confirmed hit whose audit entries cannot be appended: no Sighting, no decision, no notification', async () => {
    const { mosaic, projection, user, consultation, check } = await checkWithHit();
    const sighting = RecordId(`${user.agency}:sighting-${check.id}-${check.hits[0]?.ref ?? 0}`);
    const confirmedKept = async () => (await mosaic.store.listDocuments(NOTIFICATION_KIND, { owner: 'fedpol', limit: 10 })).filter((d) => (d.body as StoredNotification).notification.kind === 'alert.hit.confirmed');

    const lift = refuseAuditEntries(world!);
    await expect(decideHit(mosaic, consultation, projection, { check: check.id, hit: 0, decision: 'confirm', report: { place: 'Gare du Midi' } })).rejects.toThrow('the audit log refuses the entry');
    lift();
    expect(await mosaic.store.getRecord(sighting)).toBeUndefined();
    expect(await mosaic.store.recordHistory(sighting)).toEqual([]);
    expect((await readCheck(mosaic, consultation, projection, check.id)).hits[0]).not.toHaveProperty('decision');
    expect(await confirmedKept()).toEqual([]);

    // the hit was let go: confirmed again, the Sighting is created with the entry naming it
    const again = await decideHit(mosaic, consultation, projection, { check: check.id, hit: 0, decision: 'confirm', report: { place: 'Gare du Midi' } });
    expect(again.hits[0]).toMatchObject({ decision: { decision: 'confirm', sighting } });
    expect(await mosaic.store.recordHistory(sighting)).toHaveLength(1);
    expect(await confirmedKept()).toHaveLength(1);
    const logged = (await mosaic.store.readAudit({ fromSeq: 0, limit: 100_000 })).map((e) => JSON.parse(e.body) as { action: string; records: string[]; reason?: string });
    expect(logged.filter((e) => e.records.includes(sighting)).map((e) => [e.action, e.reason])).toEqual([['collection', 'checkpoint report'], ['screening', 'hit confirmed']]);
  });

  it('takes over a hit claimed by a node that stopped before deciding once the claim is a minute old, not before; decided, the hit stays so', async () => {
    // the store stamps documents with the real clock: this node's clock runs ahead of it
    let ahead = 0;
    const { mosaic, projection, user, consultation, check } = await checkWithHit(() => new Date(Date.now() + ahead));
    // as the stopped node left it: the hit claimed, the check undecided
    await mosaic.store.createDocument({ kind: HIT_DECISION_KIND, id: `${check.id}/0`, owner: check.agency, body: { decision: 'reject', by: user.id, at: new Date().toISOString() } });
    ahead = 30_000;
    await expect(decideHit(mosaic, consultation, projection, { check: check.id, hit: 0, decision: 'confirm' })).rejects.toMatchObject({ code: 'MOSAIC_CONFLICT' });
    ahead = 61_000;
    const decided = await decideHit(mosaic, consultation, projection, { check: check.id, hit: 0, decision: 'confirm' });
    expect(decided.hits[0]).toMatchObject({ decision: { decision: 'confirm', by: user.id } });
    // its own claim now as stale: the decision on the check refuses another
    ahead = 3_600_000;
    await expect(decideHit(mosaic, consultation, projection, { check: check.id, hit: 0, decision: 'reject' })).rejects.toMatchObject({ code: 'MOSAIC_CONFLICT' });
    expect((await readCheck(mosaic, consultation, projection, check.id)).hits[0]).toMatchObject({ decision: { decision: 'confirm' } });
  });

  it('lets one of two decisions that read the same stale claim take it over, the other refused, and one notification told', async () => {
    let ahead = 0;
    const hit = await checkWithHit(() => new Date(Date.now() + ahead));
    const { mosaic, user, check } = hit;
    await mosaic.store.createDocument({ kind: HIT_DECISION_KIND, id: `${check.id}/0`, owner: check.agency, body: { decision: 'reject', by: user.id, at: new Date().toISOString() } });
    ahead = 61_000;
    // neither acts on the claim before both have read it stale
    const read = mosaic.store.getDocument.bind(mosaic.store);
    let reading = 0;
    let bothRead: () => void = () => undefined;
    const both = new Promise<void>((done) => { bothRead = done; });
    mosaic.store.getDocument = async (kind, id) => {
      const found = await read(kind, id);
      if (kind === HIT_DECISION_KIND) {
        reading += 1;
        if (reading === 2) bothRead();
        await both;
      }
      return found;
    };
    await oneOfTwoDecisions(hit);
    expect(reading).toBeGreaterThanOrEqual(2);
  });

  it('lets go of a hit whose decision failed, so that it can be decided again', async () => {
    const { mosaic, projection, user, consultation, check } = await checkWithHit();

    // a report whose time is no date: the Sighting fails validation after the hit was claimed
    await expect(decideHit(mosaic, consultation, projection, { check: check.id, hit: 0, decision: 'confirm', report: { time: 'yesterday' } }))
      .rejects.toMatchObject({ code: 'MOSAIC_INVALID_INPUT' });
    expect((await readCheck(mosaic, consultation, projection, check.id)).hits[0]).not.toHaveProperty('decision');
    const again = await decideHit(mosaic, consultation, projection, { check: check.id, hit: 0, decision: 'confirm', report: { place: 'Gare du Midi' } });
    expect(again.hits[0]).toMatchObject({ decision: { decision: 'confirm', by: user.id } });
  });
});

describe('a pointer\'s desk called', () => {
  it('is told to the owner\'s users who may read a record behind the pointer, not to a colleague outside its need-to-know group', async () => {
    world = await openTestMosaic();
    const { mosaic } = world;
    await putTestGroup(mosaic, 'ct-team', 'intel');
    const checkpoint = (await mosaic.store.findUserByName('zoneCheckpoint'))!;
    await mosaic.store.upsertUser({ ...checkpoint, groups: ['ct-team'] as never });
    const outsider = (await mosaic.store.findUserByName('intelAnalyst'))!;
    const member = { ...outsider, id: UserId('intel.member'), name: 'intelMember', groups: ['ct-team'] as never };
    await mosaic.store.upsertUser(member);
    const marking = { tlp: 'AMBER', classification: 'RESTRICTED', releasability: ['be'], needToKnow: ['ct-team'] };
    await putFixtures(mosaic, [{ id: 'i1', schema: 'Person', properties: { name: ['Rachid Bouzid'], birthDate: ['1980-01-01'] }, provenance: testProvenance('intel', { marking }) }]);
    const projection = createScreeningProjection();
    await followChanges(mosaic.store, [projection]).catchUp();
    const officer = { user: (await mosaic.store.findUserByName('zoneCheckpoint'))! };
    const check = await screenCheck(mosaic, officer, projection, { query: { name: 'Rachid Bouzid', birthDate: '1980-01-01' } });
    expect(check.hits.map((h) => h.kind)).toEqual(['pointer']);
    await decideHit(mosaic, officer, projection, { check: check.id, hit: 0, decision: 'called', report: { notes: 'desk says hold him' } });
    const called = async (user: typeof outsider) => (await listNotifications(mosaic, user)).filter((n) => n.kind === 'pointer.called');
    expect(await called(member)).toEqual([expect.objectContaining({ body: expect.objectContaining({ check: check.id, records: ['intel:i1'], report: { notes: 'desk says hold him' } }) })]);
    expect(await called(outsider)).toEqual([]);
    expect(await called((await mosaic.store.findUserByName('intelAdmin'))!)).toEqual([]);
    // the call's entry and that of the check it answers with name the record behind the pointer, as the check's did
    const entries: AuditEntry[] = [];
    for await (const entry of createStoreAuditStorage(mosaic.store).entries()) if (entry.caseRef === check.caseRef) entries.push(entry);
    expect(entries.map((e) => [e.action, e.reason, e.pointed])).toEqual([
      ['screening', null, [{ agency: 'intel', records: ['intel:i1'] }]],
      ['screening', 'pointer desk called', [{ agency: 'intel', records: ['intel:i1'] }]],
      ['consultation', null, [{ agency: 'intel', records: ['intel:i1'] }]],
    ]);
  });
});

