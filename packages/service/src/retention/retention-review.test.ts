/**
 * The retention queue on a real store: the agency's records due within the days asked, most
 * overdue first, read by review date from the store (not by reading every record of every
 * agency), a page at a time.
 */
import { validateRecord, type RecordId } from '@mosaic/model';
import type { Store } from '@mosaic/store';
import { afterEach, describe, expect, it } from 'vitest';
import type { Mosaic } from '../runtime.ts';
import { openTestMosaic, testProvenance, type TestMosaic } from '../testing.ts';
import { holdsOn } from './legal-holds.ts';
import { extendReview, liftLegalHold, placeLegalHold, retentionQueue } from './retention-review.ts';

let world: TestMosaic | undefined;
afterEach(async () => {
  await world?.cleanup();
  world = undefined;
});

async function put(test: TestMosaic, agency: string, id: string, reviewDate: string): Promise<RecordId> {
  const v = validateRecord(test.mosaic.registry, { id, schema: 'Person', properties: { name: [`Reviewed Person ${id}`] }, provenance: testProvenance(agency, { reviewDate }) });
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  await test.mosaic.store.putRecords([v.record], { actor: 'test' });
  return v.record.id;
}

describe('retentionQueue', () => {
  it('pages the agency\'s records due by review date, most overdue first, without reading every record', async () => {
    world = await openTestMosaic({ now: () => new Date('2030-06-01T12:00:00Z') });
    const { mosaic } = world;
    const [a, b, c, d] = [await put(world, 'intel', 'a', '2030-05-01'), await put(world, 'intel', 'b', '2030-06-20'), await put(world, 'intel', 'c', '2030-04-01'), await put(world, 'intel', 'd', '2030-05-01')];
    await put(world, 'intel', 'later', '2030-09-01');
    await put(world, 'fedpol', 'theirs', '2030-01-01');
    const admin = (await mosaic.store.findUserByName('intelAdmin'))!;
    const request = { user: admin, purpose: 'retention review', caseRef: 'DPO-7' };

    // every read of records the queue makes, by the store's method
    const reads: string[] = [];
    const store = new Proxy(mosaic.store, {
      get: (target, key) => {
        const value = Reflect.get(target, key) as unknown;
        if (typeof value !== 'function' || !['scanRecords', 'recordsDueForReview'].includes(String(key))) return value;
        return (...args: unknown[]) => {
          reads.push(String(key));
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    }) as Store;
    const watched: Mosaic = { ...mosaic, store };

    const first = await retentionQueue(watched, request, { withinDays: 30, limit: 2 });
    expect(first.items.map((i) => [i.id, i.overdueDays])).toEqual([[c, 61], [a, 31]]);
    expect(first.next).toBe(a);
    const second = await retentionQueue(watched, request, { withinDays: 30, limit: 2, after: first.next! });
    expect(second.items.map((i) => [i.id, i.overdueDays])).toEqual([[d, 31], [b, -19]]);
    expect(second.next).toBeUndefined();
    expect(reads.filter((read) => read === 'scanRecords')).toEqual([]);
  });
});

describe('a retention decision and its audit entry', () => {
  it('are kept together or not at all: an audit log that cannot be written places no hold, lifts none and keeps no record longer', async () => {
    world = await openTestMosaic({ now: () => new Date('2030-06-01T12:00:00Z') });
    const { mosaic } = world;
    const held = await put(world, 'intel', 'held', '2030-05-01');
    const free = await put(world, 'intel', 'free', '2030-05-01');
    const request = { user: (await mosaic.store.findUserByName('intelAdmin'))!, purpose: 'retention review', caseRef: 'DPO-8' };
    const hold = await placeLegalHold(mosaic, request, held, { reference: 'Court order 2030/17' });
    // the audit log's storage failing (a full disk, the database gone) as the entry is written
    const unwritable = (): Promise<never> => Promise.reject(new Error('audit storage unavailable'));
    Object.assign(mosaic.audit, { append: unwritable, appendAll: unwritable, appendIn: unwritable });
    await expect(placeLegalHold(mosaic, request, free, { reference: 'Court order 2030/18' })).rejects.toThrow('audit storage unavailable');
    await expect(liftLegalHold(mosaic, request, held, { reason: 'proceedings closed' })).rejects.toThrow('audit storage unavailable');
    await expect(extendReview(mosaic, request, free, { until: '2031-06-01', reason: 'investigation still open' })).rejects.toThrow('audit storage unavailable');
    expect((await mosaic.store.getRecord(free))?.record.provenance.reviewDate).toBe('2030-05-01');
    expect(await holdsOn(mosaic.store, free)).toEqual([]);
    expect(await holdsOn(mosaic.store, held)).toEqual([hold]);
  });
});

describe('extendReview', () => {
  /** The mosaic as extendReview sees it, where `meanwhile` is done just after its first read of a record, as a change on another node would be. */
  function racing(mosaic: Mosaic, meanwhile: () => Promise<void>): Mosaic {
    let raced = false;
    const store = new Proxy(mosaic.store, {
      get: (target, key) => {
        const value = Reflect.get(target, key) as unknown;
        if (key !== 'getRecord' || typeof value !== 'function') return value;
        return async (...args: unknown[]) => {
          const read = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          if (!raced) {
            raced = true;
            await meanwhile();
          }
          return read;
        };
      },
    }) as Store;
    return { ...mosaic, store };
  }

  it('judges and writes the record as it is in its own transaction: a change made since the record was first read is neither undone nor overlooked', async () => {
    world = await openTestMosaic({ now: () => new Date('2030-06-01T12:00:00Z') });
    const { mosaic } = world;
    const id = await put(world, 'intel', 'kept', '2030-05-01');
    const request = { user: (await mosaic.store.findUserByName('intelAdmin'))!, purpose: 'retention review', caseRef: 'DPO-9' };

    // another administrator keeps the record to 2032 meanwhile: keeping it to 2031 would shorten that
    const shorter = racing(mosaic, async () => { await extendReview(mosaic, { ...request, caseRef: 'DPO-10' }, id, { until: '2032-01-01', reason: 'trial set for 2031' }); });
    await expect(extendReview(shorter, request, id, { until: '2031-06-01', reason: 'investigation still open' })).rejects.toThrow('until: must be after the current review date (2032-01-01)');
    expect((await mosaic.store.getRecord(id))?.record.provenance.reviewDate).toBe('2032-01-01');

    // the owner adds a name meanwhile: the version that keeps the record longer keeps the name too
    const renamed = racing(mosaic, async () => {
      const stored = (await mosaic.store.getRecord(id))!;
      await mosaic.store.putRecords([{ ...stored.record, properties: { ...stored.record.properties, name: ['Reviewed Person kept', 'Alias Kept'] } }], { actor: 'test' });
    });
    expect(await extendReview(renamed, request, id, { until: '2033-01-01', reason: 'investigation still open' })).toEqual({ reviewDate: '2033-01-01', version: 4 });
    const stored = (await mosaic.store.getRecord(id))!;
    expect([stored.record.provenance.reviewDate, stored.record.properties['name']]).toEqual(['2033-01-01', ['Reviewed Person kept', 'Alias Kept']]);
  });
});
