/**
 * Retention decisions made on one node while another node writes, erases or sweeps the same
 * record, on sqlite and on PostgreSQL (MOSAIC_TEST_DATABASE_URL: that half is skipped with a
 * warning where it is not reachable). Each is judged on the record and its holds as the other left
 * them, under the audit log's lock both take: a review date kept longer stays through a new
 * version written over POST /records or an ingest batch and keeps that version's content, a hold
 * is not placed on a record erased meanwhile, and neither an erasure nor the sweep erases a
 * record held or kept longer since it was read.
 */
import { validateRecord, type RecordId } from '@mosaic/model';
import type { Store } from '@mosaic/store';
import { postgresReachable } from '@mosaic/store/testing';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { ingestFile } from '../ingest/ingest-file.ts';
import { eraseRecord, writeRecord } from '../records.ts';
import type { Mosaic } from '../runtime.ts';
import { testProvenance } from '../testing.ts';
import { twoNodesOf } from '../two-nodes.fixture.ts';
import { holdsOn } from './legal-holds.ts';
import { extendReview, placeLegalHold } from './retention-review.ts';
import { reviewDatesOf } from './retention-rules.ts';
import { sweepRetention } from './retention-sweep.ts';

const postgresAvailable = await postgresReachable('retention decisions while another node writes, PostgreSQL half');

/**
 * The store as a writer sees it, where the other node's change `meanwhile` starts just after the
 * writer's first `method` read (in a transaction of its own when `inTransaction`), or, for
 * `transaction`, just before its first transaction begins. The writer goes on once the change is
 * done, or after a second when the change waits for the writer (it holds a lock the change
 * needs): each then runs as far as the store lets it.
 */
function racing(store: Store, method: 'getRecord' | 'getRecords' | 'transaction', { inTransaction = false, meanwhile }: { readonly inTransaction?: boolean; readonly meanwhile: () => Promise<unknown> }): { readonly store: Store; readonly done: () => Promise<unknown> } {
  let started: Promise<unknown> | undefined;
  const race = async (): Promise<void> => {
    if (started !== undefined) return;
    started = meanwhile();
    await Promise.race([started.catch(() => undefined), sleep(1000)]);
  };
  const watch = (target: Store, inside: boolean): Store => new Proxy(target, {
    get: (t, key) => {
      const value = Reflect.get(t, key) as unknown;
      if (typeof value !== 'function') return value;
      if (key === 'transaction') {
        return async (fn: (tx: Store) => Promise<unknown>) => {
          if (method === 'transaction' && !inside) await race();
          return (value as (f: (tx: Store) => Promise<unknown>) => Promise<unknown>).call(t, (tx: Store) => fn(watch(tx, true)));
        };
      }
      if (key !== method || inside !== inTransaction) return (value as (...a: unknown[]) => unknown).bind(t);
      return async (...args: unknown[]) => {
        const read = await (value as (...a: unknown[]) => Promise<unknown>).apply(t, args);
        await race();
        return read;
      };
    },
  });
  return { store: watch(store, false), done: () => started ?? Promise.resolve() };
}

describe.each([['sqlite', true], ['postgres', postgresAvailable]] as const)('a retention decision while another node writes the record, on %s', (dialect, available) => {
  const nodesOnOneStore = twoNodesOf(dialect, { schemaPrefix: 'mosaic_retention_race' });

  /** Two nodes on one fresh store holding the test organisation and users, and the record `intel:kept` due for review on 2031-01-01. */
  async function twoNodes(): Promise<{ readonly a: Mosaic; readonly b: Mosaic; readonly dir: string; readonly id: RecordId }> {
    const { world, a, b } = await nodesOnOneStore();
    const v = validateRecord(a.registry, { id: 'kept', schema: 'Person', properties: { name: ['Reviewed Person'] }, provenance: testProvenance('intel', { reviewDate: '2031-01-01' }) });
    if (!v.ok) throw new Error(JSON.stringify(v.errors));
    await a.store.putRecords([v.record], { actor: 'test' });
    return { a, b, dir: world.dir, id: v.record.id };
  }

  async function admin(node: Mosaic) {
    return { user: (await node.store.findUserByName('intelAdmin'))!, purpose: 'retention review', caseRef: 'DPO-11' };
  }

  async function analyst(node: Mosaic) {
    return { user: (await node.store.findUserByName('intelAnalyst'))!, purpose: 'case work', caseRef: 'CASE-11' };
  }

  async function kept(node: Mosaic, id: RecordId): Promise<readonly [string | undefined, readonly string[] | undefined]> {
    const stored = await node.store.getRecord(id);
    return [stored?.record.provenance.reviewDate, stored?.record.properties['name']];
  }

  it.runIf(available)('a new version written over POST /records keeps the review date set meanwhile, as it keeps the one it read', async () => {
    const { a, b, id } = await twoNodes();
    const extension = async () => extendReview(a, await admin(a), id, { until: '2033-01-01', reason: 'investigation still open' });
    const writer = racing(b.store, 'getRecord', { inTransaction: false, meanwhile: extension });
    const written = await writeRecord({ ...b, store: writer.store }, await analyst(b), {
      id: 'kept', schema: 'Person', properties: { name: ['Reviewed Person', 'Alias Kept'] }, provenance: { ...testProvenance('intel'), reviewDate: undefined },
    });
    await writer.done();
    expect(written.ok).toBe(true);
    expect(await kept(a, id)).toEqual(['2033-01-01', ['Reviewed Person', 'Alias Kept']]);
  });

  it.runIf(available)('an ingest batch keeps the review date set meanwhile, as it keeps the one it read', async () => {
    const { a, b, dir, id } = await twoNodes();
    const path = join(dir, 'next.jsonl');
    const { reviewDate: _dated, ...undated } = testProvenance('intel');
    writeFileSync(path, JSON.stringify({ id: 'kept', schema: 'Person', properties: { name: ['Reviewed Person', 'Alias Kept'] }, provenance: undated }));
    const extension = async () => extendReview(a, await admin(a), id, { until: '2033-01-01', reason: 'investigation still open' });
    const writer = racing(b.store, 'getRecords', { inTransaction: true, meanwhile: extension });
    expect(await ingestFile(writer.store, b.registry, { path, actor: 'ingest:test', workers: 0, reviewDates: await reviewDatesOf(b) })).toMatchObject({ updated: 1, rejected: 0 });
    await writer.done();
    expect(await kept(a, id)).toEqual(['2033-01-01', ['Reviewed Person', 'Alias Kept']]);
  });

  // the store's put replaces the whole record, the review date it names too: what the extension
  // owes it is not to undo it, and to be judged on it when it came first
  it.runIf(available)('an extension does not undo a version the store wrote meanwhile', async () => {
    const { a, b, id } = await twoNodes();
    const put = async () => {
      const stored = (await b.store.getRecord(id))!;
      await b.store.putRecords([{ ...stored.record, properties: { ...stored.record.properties, name: ['Reviewed Person', 'Alias Kept'] } }], { actor: 'test' });
    };
    const extender = racing(a.store, 'getRecord', { inTransaction: true, meanwhile: put });
    await extendReview({ ...a, store: extender.store }, await admin(a), id, { until: '2033-01-01', reason: 'investigation still open' });
    await extender.done();
    const stored = (await a.store.getRecord(id))!;
    expect([stored.version, stored.record.properties['name']]).toEqual([3, ['Reviewed Person', 'Alias Kept']]);
  });

  it.runIf(available)('a legal hold is not placed on a record erased meanwhile', async () => {
    const { a, b, id } = await twoNodes();
    const erasure = async () => eraseRecord(b, await admin(b), id, 'entered in error');
    const placer = racing(a.store, 'getRecord', { inTransaction: false, meanwhile: erasure });
    await expect(placeLegalHold({ ...a, store: placer.store }, await admin(a), id, { reference: 'Court order 2031/4' })).rejects.toThrow(`record ${id} not found`);
    await placer.done();
    expect(await holdsOn(a.store, id)).toEqual([]);
  });

  it.runIf(available)('a record is not erased past a legal hold placed meanwhile', async () => {
    const { a, b, id } = await twoNodes();
    const hold = async () => placeLegalHold(a, await admin(a), id, { reference: 'Court order 2031/5' });
    // placed just before the erasure's transaction begins
    const eraser = racing(b.store, 'transaction', { meanwhile: hold });
    await expect(eraseRecord({ ...b, store: eraser.store }, await admin(b), id, 'entered in error')).rejects.toThrow(`record ${id} is under legal hold (Court order 2031/5)`);
    await eraser.done();
    expect(await kept(a, id)).toEqual(['2031-01-01', ['Reviewed Person']]);
  });

  it.runIf(available)('the retention sweep erases neither a record kept longer nor one held since it found it due', async () => {
    const { a, b } = await twoNodes();
    const due = async (id: string): Promise<RecordId> => {
      const v = validateRecord(a.registry, { id, schema: 'Person', properties: { name: [`Due Person ${id}`] }, provenance: testProvenance('intel', { reviewDate: '2026-01-01' }) });
      if (!v.ok) throw new Error(JSON.stringify(v.errors));
      await a.store.putRecords([v.record], { actor: 'test' });
      return v.record.id;
    };
    const [longer, held, gone] = [await due('longer'), await due('held'), await due('gone')];
    // decided on node A just before the sweep on node B erases what it found due
    const decisions = async () => {
      await extendReview(a, await admin(a), longer, { until: '2033-01-01', reason: 'investigation still open' });
      await placeLegalHold(a, await admin(a), held, { reference: 'Court order 2031/6' });
    };
    const sweeper = racing(b.store, 'transaction', { meanwhile: decisions });
    await sweepRetention({ ...b, store: sweeper.store });
    await sweeper.done();
    expect(await a.store.heldRecordIds([longer, held, gone])).toEqual(new Set([longer, held]));
  });
});
