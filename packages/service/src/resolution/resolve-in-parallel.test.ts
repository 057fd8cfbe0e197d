import { describe, expect, it } from 'vitest';
import { generateDemo } from '@mosaic/demo';
import { blockRecords, compareCandidatePairs, parseRecordLine, prepareRecords, resolvePrepared, type ResolvableRecord } from '@mosaic/resolution';
import { startParallelPairComparer } from './parallel-pair-comparer.ts';
import { resolveInParallel } from './resolve-in-parallel.ts';

// a fictional generated demo: namesakes, transliterations and typos, thousands of candidate pairs
function demoRecords(): ResolvableRecord[] {
  const records: ResolvableRecord[] = [];
  for (const { file, line } of generateDemo({ persons: 1200, seed: 5 })) {
    if (file !== 'records.jsonl' || !line.includes('"schema":"Person"')) continue;
    const parsed = parseRecordLine(line);
    if (parsed.ok) records.push(parsed.record);
  }
  return records;
}

const records = demoRecords();
const at = '2026-01-01T00:00:00Z';

describe('parallel comparisons', () => {
  it('the worker compares its share of the pairs exactly as compareCandidatePairs does', async () => {
    const batch = prepareRecords(records);
    const { pairs } = blockRecords(batch.prepared, batch.groups);
    const comparer = startParallelPairComparer(batch.prepared, { step: 16 });
    try {
      await comparer.ready;
      const parallel = await comparer.compare(batch.prepared, pairs);
      expect(comparer.workerShare()).toBeGreaterThan(0);
      expect(comparer.workerShare()).toBeLessThan(pairs.count);
      const serial = compareCandidatePairs(batch.prepared, pairs);
      expect([...parallel.levels]).toEqual([...serial.levels]);
      expect([...parallel.tf]).toEqual([...serial.tf]);
      await expect(comparer.compare(prepareRecords(records).prepared, pairs)).rejects.toThrow(/other records/);
    } finally {
      await comparer.close();
    }
  });
  it('resolves a batch as resolvePrepared does: the same pairs, probabilities, model and entities', async () => {
    const batch = prepareRecords(records);
    const serial = resolvePrepared(batch, { at });
    const parallel = await resolveInParallel(batch, { at, parallelFrom: 0, step: 32 });
    expect(serial.stats.blocking.pairs).toBeGreaterThan(1000);
    expect([...parallel.state.pairs.left.subarray(0, parallel.state.pairs.count)]).toEqual([...serial.state.pairs.left.subarray(0, serial.state.pairs.count)]);
    expect([...parallel.state.probabilities]).toEqual([...serial.state.probabilities]);
    expect(parallel.model).toEqual(serial.model);
    expect(parallel.state.entities).toEqual(serial.state.entities);
    expect(parallel.change).toEqual(serial.change);
  });
});
