/**
 * Confirming persons from a large report (confirmEntity alone): a report of generated fictional
 * text (--mb, 10 by default, the largest an upload takes) with a date in every sentence
 * (datesWrittenOf: its review holds some 235,000 date mentions at 10 MB), uploaded and read for
 * entities as an upload is (with no time limit on the extraction), then --persons of the persons
 * extraction found confirmed one after another, each timed, with the process's CPU time over it
 * (its helper threads' too), which tells the work from the wait for a busy machine's cores. With
 * --relations, persons with a relation are taken, the other ends of their relations (the address
 * they lived in) confirmed first, so that each confirmation records its relationships too (each
 * written under the audit log's lock with its sentence checked against the review as stored:
 * recordRelation); relationsMade counts them.
 *
 *   node bench/report-confirm.ts [--mb 10] [--persons 3] [--relations] [--database-url postgres://…]
 *
 * The embedded store, or PostgreSQL at --database-url (else MOSAIC_TEST_DATABASE_URL when
 * --postgres is given), in a database of its own dropped afterwards. Prints counts and times only.
 */
import { datesWrittenOf } from '@mosaic/extract/testing';
import { confirmEntity, uploadReport } from '@mosaic/service';
import { openTestMosaic, testProvenance } from '@mosaic/service/testing';
import { createTestDatabase, dropTestDatabase, TEST_DATABASE_URL } from '@mosaic/store/testing';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({ options: { mb: { type: 'string', default: '10' }, persons: { type: 'string', default: '3' }, 'database-url': { type: 'string' }, postgres: { type: 'boolean', default: false }, relations: { type: 'boolean', default: false } } });
const CHARACTERS = Math.floor(Number(args.mb) * 1024 * 1024) - 1024;
const PERSONS = Number(args.persons);
const serverUrl = args['database-url'] ?? (args.postgres ? TEST_DATABASE_URL : undefined);
const database = `bench_report_confirm_${process.pid}`;

const databaseUrl = serverUrl === undefined ? undefined : await createTestDatabase(database, serverUrl);
const world = await openTestMosaic({ ...(databaseUrl === undefined ? {} : { config: { databaseUrl } }) });
try {
  const { mosaic } = world;
  const fed = { user: (await mosaic.store.findUserByName('fedAnalyst'))!, purpose: 'report review', caseRef: 'BENCH-1' };
  const text = datesWrittenOf(CHARACTERS);
  const uploadStarted = performance.now();
  const { source: _source, ...provenance } = testProvenance('fedpol');
  const uploaded = await uploadReport(mosaic, fed, { text, fileName: 'dates.txt', collection: 'harbour', provenance: { ...provenance, source: 'cli:dates.txt' } }, { extraction: { timeoutMs: 1_800_000 } });
  if (!uploaded.ok) throw new Error(`not uploaded: ${JSON.stringify(uploaded.errors)}`);
  const uploadMs = performance.now() - uploadStarted;
  const { entities, relations } = uploaded.extraction;
  const related = (id: string) => relations.some((r) => r.source === id || r.target === id);
  const persons = entities.filter((e) => e.schema === 'Person' && (!args.relations || related(e.id))).slice(0, PERSONS);
  if (args.relations) {
    const chosen = new Set(persons.map((p) => p.id));
    const ends = new Set(relations.flatMap((r) => (chosen.has(r.source) ? [r.target] : chosen.has(r.target) ? [r.source] : [])));
    for (const end of ends) {
      const confirmed = await confirmEntity(mosaic, fed, uploaded.report.id, end, {});
      if (!confirmed.ok) throw new Error(`not confirmed: ${JSON.stringify(confirmed.errors)}`);
    }
  }
  const confirmMs: number[] = [];
  const confirmCpuMs: number[] = [];
  const relationsMade: number[] = [];
  for (const person of persons) {
    const started = performance.now();
    const cpu = process.cpuUsage();
    const confirmed = await confirmEntity(mosaic, fed, uploaded.report.id, person.id, {});
    const { user, system } = process.cpuUsage(cpu);
    confirmMs.push(Math.round(performance.now() - started));
    confirmCpuMs.push(Math.round((user + system) / 1000));
    if (!confirmed.ok) throw new Error(`not confirmed: ${JSON.stringify(confirmed.errors)}`);
    relationsMade.push(confirmed.relations.length);
  }
  console.log(JSON.stringify({
    store: databaseUrl === undefined ? 'sqlite' : 'postgres', reportBytes: Buffer.byteLength(text), entities: entities.length,
    mentions: entities.reduce((n, e) => n + e.mentions.length, 0), dates: entities.filter((e) => e.schema === 'Date').length, relations: relations.length,
    personMentions: persons.map((p) => p.mentions.length), uploadMs: Math.round(uploadMs), confirmMs, confirmCpuMs, relationsMade, load: +(loadavg()[0] ?? 0).toFixed(2),
  }));
} finally {
  await world.cleanup();
  if (serverUrl !== undefined) await dropTestDatabase(database, serverUrl);
}
