/**
 * Ingest throughput of @mosaic/store: puts generated, fictional person records in batches into a
 * fresh store and prints one JSON line per dialect (records/s, peak RSS). Names are invented
 * from syllables; nothing is printed but counts and timings.
 *
 *   node bench/ingest-store.ts [--records 200000] [--batch 5000] [--dialect sqlite|postgres|both]
 *                              [--database-url postgres://postgres@127.0.0.1:5432/test]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { AgencyId, recordIdOf, type EntityRecord, seededRandom } from '@mosaic/model';
import { openStore, type Store } from '@mosaic/store';

const { values: args } = parseArgs({
  options: {
    records: { type: 'string', default: '200000' },
    batch: { type: 'string', default: '5000' },
    dialect: { type: 'string', default: 'both' },
    'database-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/test' },
  },
});
const total = Number(args.records);
const batchSize = Number(args.batch);


const SYLLABLES = ['ka', 'lo', 'mi', 'ra', 'ven', 'dor', 'sel', 'ta', 'nu', 'bri', 'qua', 'zen', 'fa', 'gor', 'hel', 'is', 'jor', 'mar', 'ost', 'pel', 'rin', 'sol', 'tur', 'vel', 'wen', 'yor', 'âl', 'ës', 'ün'];
const AGENCIES = ['fedpol', 'zone1', 'zone2', 'zone3', 'zone4', 'zone5', 'vsse', 'ocam'].map(AgencyId);

function word(random: () => number, parts: number): string {
  let w = '';
  for (let i = 0; i < parts; i++) w += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
  return w.charAt(0).toUpperCase() + w.slice(1);
}

function generate(count: number, seed = 42): EntityRecord[] {
  const random = seededRandom(seed);
  const records: EntityRecord[] = [];
  for (let i = 0; i < count; i++) {
    const agency = AGENCIES[i % AGENCIES.length]!;
    const sourceRecordId = `p${i}`;
    const first = word(random, 2);
    const last = word(random, 3);
    const year = 1950 + Math.floor(random() * 55);
    const properties: Record<string, string[]> = {
      name: [`${first} ${last}`],
      firstName: [first],
      lastName: [last],
      birthDate: [`${year}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`],
      nationality: [random() < 0.5 ? 'be' : 'fr'],
    };
    if (random() < 0.3) properties['alias'] = [`${word(random, 2)} ${last}`];
    if (random() < 0.2) properties['passportNumber'] = [`X${Math.floor(random() * 1e8)}`];
    records.push({
      id: recordIdOf(agency, sourceRecordId),
      schema: 'Person',
      properties,
      provenance: {
        agency, source: `${agency}/case-mgmt`, sourceRecordId, reliability: 'B', credibility: 2,
        marking: { tlp: 'AMBER', classification: 'RESTRICTED', releasability: ['ALL'] }, handling: 'H1', category: 'suspect',
        nature: 'fact', legalBasis: 'LED Art. 8', reviewDate: '2030-01-01',
      },
    });
  }
  return records;
}

async function ingest(dialect: string, store: Store, records: readonly EntityRecord[]): Promise<void> {
  let peakRss = process.memoryUsage().rss;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < records.length; i += batchSize) {
    await store.putRecords(records.slice(i, i + batchSize), { actor: 'bench:ingest-store', checkpoint: { fingerprint: 'bench', lastLine: Math.min(i + batchSize, records.length), created: i, updated: 0, unchanged: 0, rejected: 0 } });
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  // On a shared machine wall time mostly measures the neighbours; CPU time of this process is
  // what the ingest itself costs (PostgreSQL's own CPU is not in it).
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const stored = await store.countRecords();
  // A second pass over the same records: all unchanged (the idempotent re-ingest path).
  const again = performance.now();
  for (let i = 0; i < records.length; i += batchSize) await store.putRecords(records.slice(i, i + batchSize), { actor: 'bench:ingest-store' });
  const unchangedSeconds = (performance.now() - again) / 1000;
  const search = performance.now();
  const hits = await store.searchNames('Kalo Ravendor', { limit: 10 });
  const searchMs = performance.now() - search;
  console.log(JSON.stringify({
    bench: 'ingest-store', dialect, records: records.length, stored, batch: batchSize,
    seconds: +seconds.toFixed(2), recordsPerSecond: Math.round(records.length / seconds),
    cpuSeconds: +cpuSeconds.toFixed(2), recordsPerCpuSecond: Math.round(records.length / cpuSeconds), loadAverage: +loadavg()[0]!.toFixed(1),
    unchangedRecordsPerSecond: Math.round(records.length / unchangedSeconds),
    searchMs: +searchMs.toFixed(1), searchHits: hits.length, peakRssMb: Math.round(peakRss / 2 ** 20),
  }));
}

const records = generate(total);

if (args.dialect === 'sqlite' || args.dialect === 'both') {
  const dataDir = mkdtempSync(join(tmpdir(), 'mosaic-bench-'));
  const store = await openStore({ dataDir });
  try {
    await ingest('sqlite', store, records);
  } finally {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (args.dialect === 'postgres' || args.dialect === 'both') {
  const databaseUrl = args['database-url'];
  const schema = `mosaic_bench_${randomBytes(4).toString('hex')}`;
  const store = await openStore({ databaseUrl, schema });
  try {
    await ingest('postgres', store, records);
  } finally {
    await store.close();
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query(`drop schema if exists ${schema} cascade`);
    await client.end();
  }
}
