/**
 * The retention queue (`GET /retention/queue`) on a store of N generated Person records of three
 * agencies, their review dates spread over four years around today: one agency's administrator
 * asks for the records due within 30 days, 500 at most, five times; the time of each.
 *
 *   node bench/retention-queue.ts [--records 100000] [--database-url postgres://… | --postgres]
 *
 * PostgreSQL in a database of its own, dropped afterwards. Prints counts and times only.
 */
import { validateRecord, type EntityRecord } from '@mosaic/model';
import { retentionQueue } from '@mosaic/service';
import { openTestMosaic, testProvenance } from '@mosaic/service/testing';
import { createTestDatabase, dropTestDatabase, TEST_DATABASE_URL } from '@mosaic/store/testing';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({ options: { records: { type: 'string', default: '100000' }, 'database-url': { type: 'string' }, postgres: { type: 'boolean', default: false } } });
const RECORDS = Number(args.records);
const serverUrl = args['database-url'] ?? (args.postgres ? TEST_DATABASE_URL : undefined);
const database = `bench_queue_${process.pid}`;
const databaseUrl = serverUrl === undefined ? undefined : await createTestDatabase(database, serverUrl);
const AGENCIES = ['intel', 'fedpol', 'bka'];
const TODAY = Date.parse('2030-06-01T12:00:00Z');

const world = await openTestMosaic({ now: () => new Date(TODAY), ...(databaseUrl === undefined ? {} : { config: { databaseUrl } }) });
try {
  const { mosaic } = world;
  for (let i = 0; i < RECORDS; i += 1_000) {
    const batch: EntityRecord[] = [];
    for (let n = i; n < Math.min(RECORDS, i + 1_000); n++) {
      // review dates from two years before today to two years after, spread evenly
      const reviewDate = new Date(TODAY + ((n * 7919) % 1461 - 730) * 86_400_000).toISOString().slice(0, 10);
      const v = validateRecord(mosaic.registry, { id: `queued-${n}`, schema: 'Person', properties: { name: [`Queued Person ${n}`] }, provenance: testProvenance(AGENCIES[n % AGENCIES.length]!, { reviewDate }) });
      if (!v.ok) throw new Error(JSON.stringify(v.errors));
      batch.push(v.record);
    }
    await mosaic.store.putRecords(batch, { actor: 'bench' });
  }
  const admin = await mosaic.store.findUserByName('intelAdmin');
  if (!admin) throw new Error('the test world has no intel administrator');
  const times: number[] = [];
  let items = 0;
  for (let run = 0; run < 5; run++) {
    const started = performance.now();
    const answer: unknown = await retentionQueue(mosaic, { user: admin, purpose: 'retention review', caseRef: 'BENCH' }, { withinDays: 30, limit: 500 });
    times.push(performance.now() - started);
    items = Array.isArray(answer) ? answer.length : (answer as { items: readonly unknown[] }).items.length;
  }
  const sorted = [...times].sort((a, b) => a - b);
  console.log(JSON.stringify({ store: databaseUrl === undefined ? 'sqlite' : 'postgres', records: RECORDS, items, msEach: times.map((t) => Math.round(t)), p50Ms: Math.round(sorted[2] ?? 0), load: +(loadavg()[0] ?? 0).toFixed(2) }));
} finally {
  await world.cleanup();
  if (serverUrl !== undefined) await dropTestDatabase(database, serverUrl);
}
