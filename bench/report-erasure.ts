/**
 * A person's erasure from a large report, and how long it holds the audit log's lock: a report of
 * generated fictional text (--mb, 10 by default, the largest an upload takes) naming one person in
 * one sentence of --every, uploaded and read for entities as an upload is (with no time limit on
 * the extraction, which on a busy machine may pass it), the person and another
 * confirmed from it; then the owner's erasure of the person (eraseRecord: one transaction under the
 * audit log's lock, the report's text and review rewritten in it, erase-from-reports.ts) while a
 * loop of audited requests (one consultation entry each, as a search writes) runs beside it, each
 * timed from asking to its entry being kept. The erasure works the report's rewrite out before its
 * transaction takes the lock; lockMs is the time the transaction held it (from its lockAudit to its
 * end, timed through a store wrapper), eraseMs the whole erasure. A request asked during the
 * transaction waits for it: the longest wait is about lockMs, or more when it was asked while the
 * rewrite was worked out, which holds this process's one thread. The process's CPU time over the
 * erasure (eraseCpuMs, its helper threads' too) tells the work from the wait for a busy machine's cores.
 *
 *   node bench/report-erasure.ts [--mb 10] [--every 20] [--database-url postgres://…]
 *
 * The embedded store, or PostgreSQL at --database-url (else MOSAIC_TEST_DATABASE_URL when
 * --postgres is given), in a database of its own dropped afterwards. Prints counts and times only.
 */
import { AgencyId, RecordId, UserId } from '@mosaic/model';
import { confirmEntity, eraseRecord, uploadReport, type Mosaic } from '@mosaic/service';
import { openTestMosaic, testProvenance } from '@mosaic/service/testing';
import type { Store } from '@mosaic/store';
import { createTestDatabase, dropTestDatabase, TEST_DATABASE_URL } from '@mosaic/store/testing';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({ options: { mb: { type: 'string', default: '10' }, every: { type: 'string', default: '20' }, 'database-url': { type: 'string' }, postgres: { type: 'boolean', default: false } } });
const BYTES = Math.floor(Number(args.mb) * 1024 * 1024) - 1024;
const EVERY = Number(args.every);
const serverUrl = args['database-url'] ?? (args.postgres ? TEST_DATABASE_URL : undefined);
const database = `bench_report_erasure_${process.pid}`;

const GIVEN = ['Benedikte', 'Ingrid', 'Joost', 'Petra', 'Maarten', 'Liesbeth', 'Anouk', 'Ruben', 'Sanne', 'Tobias'];
const FAMILY = ['Vaarsholm', 'Lindqvist', 'Moerbeeke', 'Verhaegen', 'Dufresne', 'Asperlund', 'Strand', 'Quellmann'];
const PLACES = ['Leuven', 'Ghent', 'Antwerp', 'Bruges', 'Mechelen', 'Hasselt'];
const OTHERS = [
  (a: string, b: string, p: string) => `${a} met ${b} in ${p} at the quay.`,
  (a: string, _b: string, p: string) => `${a} drove the van to ${p}.`,
  (_a: string, _b: string, p: string) => `The warehouse in ${p} stayed closed that week.`,
  (a: string, b: string) => `${a} called ${b} the same evening.`,
];
const HIS = [
  (_b: string, p: string) => `Officers questioned Hallvard Ostergren at the harbour office in ${p}.`,
  (b: string, p: string) => `Ostergren met ${b} in ${p} at the quay.`,
  (_b: string, p: string) => `Ostergren drove the van to ${p}.`,
];

/** Fictional text of about `bytes` bytes, a paragraph of ten sentences a line, one sentence in `every` naming him. */
function generate(bytes: number, every: number): { text: string; his: number } {
  let seed = 7;
  const next = (n: number): number => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed % n;
  };
  const person = (): string => `${GIVEN[next(GIVEN.length)]} ${FAMILY[next(FAMILY.length)]}`;
  const lines: string[] = [];
  let size = 0;
  let his = 0;
  for (let n = 0; size < bytes; n++) {
    const sentences: string[] = [];
    for (let s = 0; s < 10; s++) {
      const [b, p] = [person(), PLACES[next(PLACES.length)]!];
      if ((n * 10 + s) % every === 0) {
        sentences.push(HIS[next(HIS.length)]!(b, p));
        his++;
      } else {
        sentences.push(OTHERS[next(OTHERS.length)]!(person(), b, p));
      }
    }
    const line = sentences.join(' ');
    lines.push(line);
    size += Buffer.byteLength(line) + 1;
  }
  return { text: `Harbour interviews\n${lines.join('\n')}`, his };
}

const databaseUrl = serverUrl === undefined ? undefined : await createTestDatabase(database, serverUrl);
const world = await openTestMosaic({ ...(databaseUrl === undefined ? {} : { config: { databaseUrl } }) });
try {
  const { mosaic } = world;
  const as = async (name: string) => ({ user: (await mosaic.store.findUserByName(name))!, purpose: 'report review', caseRef: 'BENCH-1' });
  const fed = await as('fedAnalyst');
  const { text, his } = generate(BYTES, EVERY);
  const uploadStarted = performance.now();
  const { source: _source, ...provenance } = testProvenance('fedpol');
  const uploaded = await uploadReport(mosaic, fed, { text, fileName: 'ostergren.txt', collection: 'harbour', provenance: { ...provenance, source: 'cli:ostergren.txt' } }, { extraction: { timeoutMs: 1_800_000 } });
  if (!uploaded.ok) throw new Error(`not uploaded: ${JSON.stringify(uploaded.errors)}`);
  const uploadMs = performance.now() - uploadStarted;
  const named = (name: string) => uploaded.extraction.entities.find((e) => e.name === name);
  const hallvard = named('Hallvard Ostergren');
  const other = uploaded.extraction.entities.find((e) => e.schema === 'Person' && e.name !== 'Hallvard Ostergren' && !e.name.includes('Ostergren'));
  if (hallvard === undefined || other === undefined) throw new Error('extraction found neither him nor another person');
  const confirmStarted = performance.now();
  const confirmed = await confirmEntity(mosaic, fed, uploaded.report.id, hallvard.id, {});
  const kept = await confirmEntity(mosaic, fed, uploaded.report.id, other.id, {});
  if (!confirmed.ok || !kept.ok) throw new Error('not confirmed');
  const confirmMs = performance.now() - confirmStarted;

  const latencies: number[] = [];
  let erasing = true;
  const requests = (async () => {
    while (erasing) {
      const asked = performance.now();
      await mosaic.audit.append({ actor: { user: UserId('intel.analyst'), agency: AgencyId('intel') }, action: 'consultation', purpose: 'investigation', query: { q: 'bench' }, records: [], outcome: 'ok' });
      latencies.push(performance.now() - asked);
    }
  })();
  // the time the erasure's transaction holds the log's lock: from its lockAudit to its end
  let lockedAt: number | undefined;
  let lockMs = 0;
  const locking = (tx: Store): Store => new Proxy(tx, {
    get: (target, name, receiver) => (name !== 'lockAudit' ? Reflect.get(target, name, receiver) as unknown : async () => {
      await target.lockAudit();
      lockedAt ??= performance.now();
    }),
  });
  const timed: Mosaic = {
    ...mosaic,
    store: new Proxy(mosaic.store, {
      get: (target, name, receiver) => (name !== 'transaction' ? Reflect.get(target, name, receiver) as unknown : <T>(work: (tx: Store) => Promise<T>) => target.transaction((tx) => work(locking(tx))).finally(() => {
        if (lockedAt !== undefined && lockMs === 0) lockMs = performance.now() - lockedAt;
      })),
    }),
  };
  const admin = await as('fedAdmin');
  const started = performance.now();
  const cpu = process.cpuUsage();
  await eraseRecord(timed, admin, RecordId(confirmed.record.id), 'erasure request').finally(() => { erasing = false; });
  const eraseMs = performance.now() - started;
  const { user, system } = process.cpuUsage(cpu);
  await requests;

  const after = (await mosaic.store.getReportText(uploaded.report.id)) ?? '';
  const sorted = latencies.sort((a, b) => a - b);
  console.log(JSON.stringify({
    store: databaseUrl === undefined ? 'sqlite' : 'postgres', reportBytes: Buffer.byteLength(text), sentencesNamingHim: his, mentions: hallvard.mentions.length, entities: uploaded.extraction.entities.length,
    relations: uploaded.extraction.relations.length, uploadMs: Math.round(uploadMs), confirmMs: Math.round(confirmMs), eraseMs: Math.round(eraseMs), lockMs: Math.round(lockMs), eraseCpuMs: Math.round((user + system) / 1000), textAfterBytes: Buffer.byteLength(after),
    auditedRequests: sorted.length, longestWaitMs: Math.round(sorted.at(-1) ?? 0), load: +(loadavg()[0] ?? 0).toFixed(2),
  }));
} finally {
  await world.cleanup();
  if (serverUrl !== undefined) await dropTestDatabase(database, serverUrl);
}
