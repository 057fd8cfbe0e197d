/**
 * Ingest benchmark: the whole `mosaic ingest` path (read, parse, validate, batch, write with
 * versioning, FTS and change feed, audit of each batch) on generated fictional person records
 * into a fresh embedded store. Target: ≥ 50,000 person records/s on a 2-core machine.
 *
 *   node bench/ingest.ts [--persons 200000] [--workers N] [--family-every N]
 *
 * `--family-every N`: after every Nth person a Family line naming it and the next person (a line
 * further on, of another agency), so that ingest resolves references against the file's ids at
 * its end; a last person's line names one the file does not give, told (`warningCount`).
 * `--stored-refs N`: then a second file of N Family lines, each naming two persons the first
 * file stored (and one line in a thousand a person no file gave), ingested after it: the
 * references no line of that file gives are looked up in the store at its end.
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

const { values } = parseArgs({ options: { persons: { type: 'string', default: '200000' }, workers: { type: 'string' }, 'family-every': { type: 'string' }, 'stored-refs': { type: 'string' } } });
const familyEvery = values['family-every'] === undefined ? 0 : Number(values['family-every']);
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
  if (familyEvery > 0 && i % familyEvery === 0) {
    const family = JSON.stringify({ id: `f${i}`, schema: 'Family', properties: { person: [`p${i}`], relative: [`agency-${(i + 1) % 10}:p${i + 1}`], relationship: ['sibling'] }, provenance: JSON.parse(line).provenance as unknown });
    if (!out.write(`${family}\n`)) await once(out, 'drain');
  }
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
const storedRefs = values['stored-refs'] === undefined ? 0 : Number(values['stored-refs']);
let relations: Record<string, number> | undefined;
if (storedRefs > 0) {
  const relationsFile = join(dir, 'relations.jsonl');
  const rel = createWriteStream(relationsFile);
  for (let k = 0; k < storedRefs; k++) {
    // both ends of agency-0's persons (every tenth), the relative one a thousandth of the time a person no file gave
    const a = (k * 10) % persons;
    const b = k % 1000 === 999 ? persons * 10 + k : ((k * 7919 + 5) * 10) % persons;
    const line = JSON.stringify({
      id: `rel${k}`, schema: 'Family', properties: { person: [`p${a}`], relative: [`p${b}`], relationship: ['sibling'] },
      provenance: { agency: 'agency-0', source: 'bench', reliability: 'B', credibility: 2, marking: { tlp: 'AMBER', classification: 'RESTRICTED', releasability: ['be'] }, handling: 'H1', category: 'suspect', nature: 'fact', legalBasis: 'bench', reviewDate: '2030-01-01' },
    });
    if (!rel.write(`${line}\n`)) await once(rel, 'drain');
  }
  rel.end();
  await once(rel, 'close');
  const relStarted = performance.now();
  const relThread = process.threadCpuUsage();
  const relSummary = await ingestFile(mosaic.store, mosaic.registry, { path: relationsFile, actor: 'ingest:bench', ...workers });
  const relSeconds = (performance.now() - relStarted) / 1000;
  const relCpu = process.threadCpuUsage(relThread);
  relations = {
    lines: storedRefs, created: relSummary.created, seconds: Number(relSeconds.toFixed(2)), recordsPerSecond: Math.round(relSummary.created / relSeconds),
    writerCpuSeconds: Number(((relCpu.user + relCpu.system) / 1e6).toFixed(2)), ...('warningCount' in relSummary ? { warningCount: relSummary.warningCount as number } : {}),
  };
}
await mosaic.close();
rmSync(dir, { recursive: true, force: true });
console.log(JSON.stringify({
  bench: 'ingest', store: 'sqlite', persons, familyEvery, created: summary.created, rejected: summary.rejected, ...('warningCount' in summary ? { warningCount: summary.warningCount } : {}), seconds: Number(seconds.toFixed(2)),
  recordsPerSecond: Math.round(summary.created / seconds), cpuSeconds: Number(cpuSeconds.toFixed(2)), recordsPerCpuSecond: Math.round(summary.created / cpuSeconds),
  writerCpuSeconds: Number(writerCpuSeconds.toFixed(2)), recordsPerWriterCpuSecond: Math.round(summary.created / writerCpuSeconds), writerBusy: Number(writerBusy.toFixed(2)),
  ...(relations ? { relations } : {}), reingestUnchanged: again.unchanged, reingestRecordsPerSecond: again.recordsPerSecond,
  peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), loadAverage: loadavg().map((l) => Number(l.toFixed(2))),
}));
