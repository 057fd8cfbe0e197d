/**
 * Erasing a record leaves nothing of the free-text notes of the judgements on a pair that holds
 * it (LED Art. 16): the stored judgement keeps who, when and the verdict, its note replaced by a
 * fixed text, on the owner's erasure and the retention sweep alike; the outcomes kept for the
 * other nodes never held the note; a judgement on other records keeps its note.
 */
import { RecordId, UserId, validateRecord } from '@mosaic/model';
import type { Judgement } from '@mosaic/resolution';
import { describe, expect, it } from 'vitest';
import { startProjections } from '../projections.ts';
import { eraseRecord } from '../records.ts';
import { sweepRetention } from '../retention/retention-sweep.ts';
import { openTestMosaic, testProvenance } from '../testing.ts';
import { testWorldEndedAfterEach } from '../test-world.fixture.ts';
import { ERASED_NOTE } from './erase-from-judgement-notes.ts';
import { judgePair } from './entity-view.ts';

const current = testWorldEndedAfterEach();

const analyst = UserId('fedpol.fedAnalyst');
const SECRET = 'Moerbeeke admitted to the fraud in interview';

async function put(raw: Record<string, unknown>): Promise<void> {
  const v = validateRecord(current.world!.mosaic.registry, raw);
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  await current.world!.mosaic.store.putRecords([v.record], { actor: 'test' });
}

/** y, z and w of the federal police (z's review date `zReview`), judged: y–z with a note about z, y–w with another. */
async function judged(zReview = '2031-01-01') {
  await put({ id: 'y', schema: 'Person', properties: { name: ['Cornelis Achterhuis'], birthDate: ['1963-04-04'] }, provenance: testProvenance('fedpol') });
  await put({ id: 'z', schema: 'Person', properties: { name: ['Dirkjan Moerbeeke'], birthDate: ['1964-05-05'] }, provenance: testProvenance('fedpol', { reviewDate: zReview }) });
  await put({ id: 'w', schema: 'Person', properties: { name: ['Willem Ostvaarder'], birthDate: ['1965-06-06'] }, provenance: testProvenance('fedpol') });
  current.projections = await startProjections(current.world!.mosaic, { follow: false });
  const [y, z, w] = [RecordId('fedpol:y'), RecordId('fedpol:z'), RecordId('fedpol:w')];
  await current.projections.entities.judge(y, z, 'not_same', analyst, SECRET);
  await current.projections.entities.judge(y, w, 'unsure', analyst, 'ask the desk in Liège');
  return { y, z, w };
}

async function stored(kind: string): Promise<unknown[]> {
  return (await current.world!.mosaic.store.listDocuments(kind, { limit: 1000 })).map((d) => d.body);
}

async function expectNoteErased({ y, z, w }: { y: RecordId; z: RecordId; w: RecordId }): Promise<void> {
  const judgements = (await stored('judgement')) as Judgement[];
  const onZ = judgements.find((j) => j.b === z || j.a === z);
  expect(onZ).toMatchObject({ verdict: 'not_same', by: analyst, note: ERASED_NOTE });
  expect(onZ?.at).toMatch(/^\d{4}-/);
  expect(judgements.find((j) => j.a === w || j.b === w)).toMatchObject({ a: expect.stringMatching(/fedpol:[yw]/), verdict: 'unsure', note: 'ask the desk in Liège' });
  expect(y).toBe('fedpol:y');
  const everywhere = JSON.stringify(await Promise.all(['judgement', 'entity-outcome', 'judgement-record'].map(stored)));
  expect(everywhere).not.toContain('Moerbeeke');
  // the outcomes kept for the other nodes hold no note at all (the store's judgement is the one place it is kept)
  expect(JSON.stringify(await stored('entity-outcome'))).not.toContain('Liège');
}

describe('erasure and the notes of judgements', () => {
  it('the owner\'s erasure replaces the note of each judgement naming the record, keeping who, when and the verdict', async () => {
    current.world = await openTestMosaic();
    const records = await judged();
    const admin = (await current.world.mosaic.store.findUserByName('fedAdmin'))!;
    await eraseRecord(current.world.mosaic, { user: admin, purpose: 'erasure request', caseRef: 'E-1' }, records.z, 'unlawfully listed');
    await expectNoteErased(records);
  });

  it('a judgement written while one of its records is being erased keeps no note: its write finds the record gone', async () => {
    current.world = await openTestMosaic();
    const { y, z } = await judged();
    const admin = (await current.world.mosaic.store.findUserByName('fedAdmin'))!;
    const analystUser = (await current.world.mosaic.store.findUserByName('fedAnalyst'))!;
    const { store } = current.world.mosaic;
    // the erasure lands after judgePair has read the two records (its second read, their schemata) and before it writes
    let reads = 0;
    const racing = new Proxy(store, {
      get: (target, property, receiver) => (property === 'getRecords'
        ? async (...args: Parameters<typeof store.getRecords>) => {
          const found = await target.getRecords(...args);
          if (++reads === 2) await eraseRecord(current.world!.mosaic, { user: admin, purpose: 'erasure request', caseRef: 'E-2' }, z, 'unlawfully listed');
          return found;
        }
        : Reflect.get(target, property, receiver) as unknown),
    });
    await judgePair({ ...current.world.mosaic, store: racing }, { user: analystUser, purpose: 'deduplication', caseRef: 'D-1' }, current.projections!.entities, y, z, 'same', 'Moerbeeke uses his cousin\'s flat');
    expect(reads).toBeGreaterThanOrEqual(2);
    expect(await store.getRecord(z)).toBeUndefined();
    const onZ = ((await stored('judgement')) as Judgement[]).filter((j) => j.a === z || j.b === z);
    expect(onZ.map((j) => j.verdict).sort()).toEqual(['not_same', 'same']);
    for (const j of onZ) expect(j.note).toBe(ERASED_NOTE);
    expect(JSON.stringify(await Promise.all(['judgement', 'entity-outcome', 'judgement-record'].map(stored)))).not.toContain('Moerbeeke');
  });

  it('the retention sweep replaces it too', async () => {
    const today = new Date('2030-06-01T12:00:00Z');
    current.world = await openTestMosaic({ now: () => today });
    const records = await judged('2030-05-01');
    expect(await sweepRetention(current.world.mosaic)).toMatchObject({ erased: 1 });
    await expectNoteErased(records);
  });
});
