/**
 * An Alert record read as a record (GET /records/:id, its history) shows its subject: it is read
 * only by a user who may read that subject, whatever the alert's own marking.
 */
import { RecordId, UserId } from '@mosaic/model';
import type { User } from '@mosaic/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRecord, readRecordHistory, writeRecord } from '../records.ts';
import { openTestMosaic, putFixtures, putTestGroup, testProvenance, type TestMosaic } from '../testing.ts';
import { alertSubjects, subjectsReadable } from './alert-subjects-readable.ts';

let world: TestMosaic;
let member: User;
let outsider: User;
let officer: User;
const why = { purpose: 'alert review', caseRef: 'OP-X-1' };
const restricted = { marking: { tlp: 'AMBER', classification: 'RESTRICTED', releasability: ['be'], needToKnow: ['op-x'] } };
const alert = (id: string, subject: string) => ({
  id, schema: 'Alert', provenance: testProvenance('fedpol'),
  properties: { subject: [subject], category: ['arrest'], desk: ['fedpol-ops'], deskContact: ['+3220000001'], validFrom: ['2020-01-01'], status: ['active'] },
});

beforeAll(async () => {
  world = await openTestMosaic();
  await putTestGroup(world.mosaic, 'op-x', 'fedpol');
  const fed = (await world.mosaic.store.findUserByName('fedAnalyst'))!;
  await world.mosaic.store.upsertUser({ ...fed, groups: ['op-x'] as never });
  await world.mosaic.store.upsertUser({ ...fed, id: UserId('fedpol.analyst2'), name: 'analyst2', groups: [] });
  member = (await world.mosaic.store.findUserByName('fedAnalyst'))!;
  outsider = (await world.mosaic.store.findUserByName('analyst2'))!;
  officer = (await world.mosaic.store.findUserByName('zoneOfficer'))!;
  await putFixtures(world.mosaic, [
    { id: 'ntk-p2', schema: 'Person', properties: { name: ['Xanthippe Wolkenstein'] }, provenance: testProvenance('fedpol', restricted) },
    { id: 'open-p3', schema: 'Person', properties: { name: ['Rachid Bouzid'] }, provenance: testProvenance('fedpol') },
    alert('a-ntk', 'fedpol:ntk-p2'), alert('a-open', 'fedpol:open-p3'),
  ]);
});
afterAll(async () => {
  await world.cleanup();
});

describe('subjectsReadable', () => {
  it('answers for each subject whether the user may read it now; an id no record holds is hidden', async () => {
    const subjects = ['fedpol:ntk-p2', 'fedpol:open-p3', 'fedpol:none'].map((s) => RecordId(s));
    const asked = async (user: User) => subjects.filter(await subjectsReadable(world.mosaic, { user, ...why }, subjects));
    expect(await asked(member)).toEqual(['fedpol:ntk-p2', 'fedpol:open-p3']);
    expect(await asked(outsider)).toEqual(['fedpol:open-p3']);
    // another agency's user, under the federal police's agreement with the zone
    expect(await asked(officer)).toEqual(['fedpol:open-p3']);
    expect(alertSubjects({ schema: 'Person', properties: { subject: ['fedpol:p1'] } })).toEqual([]);
  });
});

describe('an Alert read as a record', () => {
  it('answers an alert on a subject the user may not read as a missing record, its history too', async () => {
    for (const user of [outsider, officer]) {
      await expect(readRecord(world.mosaic, { user, ...why }, RecordId('fedpol:a-ntk'))).rejects.toMatchObject({ code: 'MOSAIC_NOT_FOUND', message: 'record fedpol:a-ntk not found' });
      await expect(readRecordHistory(world.mosaic, { user, ...why }, RecordId('fedpol:a-ntk'))).rejects.toMatchObject({ code: 'MOSAIC_NOT_FOUND' });
      expect(await readRecord(world.mosaic, { user, ...why }, RecordId('fedpol:a-open'))).toMatchObject({ record: { properties: { subject: ['fedpol:open-p3'] } } });
    }
    expect(await readRecord(world.mosaic, { user: member, ...why }, RecordId('fedpol:a-ntk'))).toMatchObject({ record: { properties: { subject: ['fedpol:ntk-p2'] } } });
    const logged = (await world.mosaic.store.readAudit({ fromSeq: 0, limit: 100_000 })).map((e) => JSON.parse(e.body) as { actor: { user: string }; records: string[] });
    expect(logged.filter((e) => e.actor.user === 'fedpol.analyst2').flatMap((e) => e.records)).not.toContain('fedpol:a-ntk');
  });

  it('withholds the content of a version that named a subject the user may not read', async () => {
    const moved = alert('a-moved', 'fedpol:ntk-p2');
    await putFixtures(world.mosaic, [moved]);
    expect(await writeRecord(world.mosaic, { user: member, ...why }, { ...moved, properties: { ...moved.properties, subject: ['fedpol:open-p3'] } })).toMatchObject({ ok: true });
    const history = await readRecordHistory(world.mosaic, { user: outsider, ...why }, RecordId('fedpol:a-moved'));
    expect(history.map((v) => [v.version, v.withheld ?? false, v.record?.properties['subject']])).toEqual([[1, true, undefined], [2, false, ['fedpol:open-p3']]]);
    expect(JSON.stringify(history)).not.toContain('ntk-p2');
    const theirs = await readRecordHistory(world.mosaic, { user: member, ...why }, RecordId('fedpol:a-moved'));
    expect(theirs.map((v) => v.withheld ?? false)).toEqual([false, false]);
  });
});

describe('a write over an Alert', () => {
  it('is refused as taken, in the words of any hidden record, to a colleague who may not read its subject, whatever they write under its id', async () => {
    const taken = { code: 'MOSAIC_CONFLICT', message: 'record id fedpol:a-ntk is taken: choose another id', details: { field: 'id', reason: 'is taken' } };
    const withdrawn = alert('a-ntk', 'fedpol:ntk-p2');
    const over = [
      { ...withdrawn, properties: { ...withdrawn.properties, status: ['withdrawn'] } },
      { ...withdrawn, properties: { ...withdrawn.properties, subject: ['fedpol:open-p3'] } },
      { id: 'a-ntk', schema: 'Person', properties: { name: ['Someone'] }, provenance: testProvenance('fedpol') },
    ];
    for (const raw of over) {
      // with a purpose and case, and without: a write needs none, and none is what hides the subject
      for (const consultation of [{ user: outsider, ...why }, { user: outsider }]) {
        await expect(writeRecord(world.mosaic, consultation, raw)).rejects.toMatchObject(taken);
      }
    }
    expect((await world.mosaic.store.getRecord(RecordId('fedpol:a-ntk')))).toMatchObject({ version: 1, record: { properties: { status: ['active'] } } });
    // a member of the subject's group writes over it, with a purpose or without
    expect(await writeRecord(world.mosaic, { user: member }, over[0])).toMatchObject({ ok: true, status: 'updated' });
  });
});

