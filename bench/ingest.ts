/**
 * Ingest benchmark: the whole `mosaic ingest` path (read, parse, validate, batch, write with
 * versioning, FTS and change feed, audit of each batch) on generated fictional person records
 * into a fresh embedded store. Target: ≥ 50,000 person records/s on a 2-core machine.
 *
 *   node bench/ingest.ts [--persons 200000] [--workers N]
 *
 * Besides wall time it prints the CPU of the whole process (all threads) and of the writing
 * (main) thread alone: on a shared machine wall time mostly measures the other jobs, and the
 * writer thread is the part that cannot be spread over more cores.
 */
import { AgencyId, UserId } from '@mosaic/model';
import { ingestFile, openMosaic, parseConfig } from '@mosaic/service';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { persons: { type: 'string', default: '200000' }, workers: { type: 'string' } } });
const persons = Number(values.persons);
const workers = values.workers === undefined ? {} : { workers: Number(values.workers) };
const dir = mkdtempSync(join(tmpdir(), 'mosaic-bench-ingest-'));
const file = join(dir, 'persons.jsonl');

// Fictional person records with full provenance, as an agency export would have them.
const given = ['Karim', 'Sofie', 'Ahmet', 'Lina', 'Jan', 'Yusuf', 'Amina', 'Pieter', 'Fatima', 'Lucas', 'Nadia', 'Emre'];
const surnames = ['Benali', 'Claes', 'Yilmaz', 'Haddad', 'Peeters', 'Demir', 'El Amrani', 'Janssens', 'Kaya', 'Dubois', 'Mertens', 'Aydin'];
const out = createWriteStream(file);
for (let i = 0; i < persons; i++) {
  const line = JSON.stringify({
    id: `p${i}`, schema: 'Person',
    properties: {
      name: [`${given[i % given.length]} ${surnames[(i * 7) % surnames.length]}${i % 1000}`],
      birthDate: [`19${50 + (i % 50)}-0${1 + (i % 9)}-1${i % 10}`], nationality: [['be', 'ma', 'tr', 'fr', 'nl'][i % 5] ?? 'be'],
      ...(i % 3 === 0 ? { alias: [`Abu ${given[(i + 3) % given.length]}`] } : {}),
      ...(i % 4 === 0 ? { passportNumber: [`EP${String(i).padStart(7, '0')}`] } : {}),
    },
    provenance: {
      agency: `agency-${i % 10}`, source: 'bench', reliability: 'B', credibility: 2, marking: { tlp: 'AMBER', classification: 'RESTRICTED', releasability: ['be'] },
      handling: 'H1', category: 'suspect', nature: 'fact', legalBasis: 'bench', reviewDate: '2030-01-01',
    },
  });
  if (!out.write(`${line}\n`)) await once(out, 'drain');
}
out.end();
await once(out, 'close');

const mosaic = await openMosaic(parseConfig({ dataDir: join(dir, 'data') }, dir), { checkpointEvery: 1000, backgroundCheckpoints: true });
const actor = { user: UserId('system:bench'), agency: AgencyId('system') };
const started = performance.now();
const cpuStart = process.cpuUsage();
const threadStart = process.threadCpuUsage();
const loopStart = performance.eventLoopUtilization();
const summary = await ingestFile(mosaic.store, mosaic.registry, {
  path: file, actor: 'ingest:bench', ...workers,
  onCommit: async (ids) => {
    await mosaic.audit.append({ actor, action: 'collection', records: ids, outcome: 'ok', reason: 'bench' });
  },
});
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuStart);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const thread = process.threadCpuUsage(threadStart);
// Share of the wall time the writing thread was busy (not waiting for the workers).
const writerBusy = performance.eventLoopUtilization(loopStart).utilization;
const writerCpuSeconds = (thread.user + thread.system) / 1e6;
const again = await ingestFile(mosaic.store, mosaic.registry, { path: file, actor: 'ingest:bench', resume: false, ...workers });
await mosaic.close();
rmSync(dir, { recursive: true, force: true });
console.log(JSON.stringify({
  bench: 'ingest', store: 'sqlite', persons, created: summary.created, rejected: summary.rejected, seconds: Number(seconds.toFixed(2)),
  recordsPerSecond: Math.round(summary.created / seconds), cpuSeconds: Number(cpuSeconds.toFixed(2)), recordsPerCpuSecond: Math.round(summary.created / cpuSeconds),
  writerCpuSeconds: Number(writerCpuSeconds.toFixed(2)), recordsPerWriterCpuSecond: Math.round(summary.created / writerCpuSeconds), writerBusy: Number(writerBusy.toFixed(2)),
  reingestUnchanged: again.unchanged, reingestRecordsPerSecond: again.recordsPerSecond,
  peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), loadAverage: loadavg().map((l) => Number(l.toFixed(2))),
}));
