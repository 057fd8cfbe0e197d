/**
 * The retention sweep's erasure of records, and what it does to audited requests meanwhile: N
 * generated Person records past their review date, then one sweep while a loop of audited
 * requests (one consultation entry each, as a search writes) runs beside it, each timed from
 * asking to its entry being kept. Every audited request waits for the audit log's lock, which
 * each of the sweep's transactions holds while it erases.
 *
 *   node bench/retention-erasure.ts [--records 20000] [--relations 0] [--alerts 0] [--shown] [--alone] [--database-url postgres://…]
 *
 * --alone runs the sweep with no audited requests beside it: its own speed, which the requests
 * share the thread (and on the embedded store the connection) with otherwise.
 *
 * --relations N adds N Associate records between other persons, kept (an erasure rewrites the
 * summaries of the relationships its record is an end of: how it finds them shows here).
 * --alerts N adds N Alert records on other persons, kept (the alerts on the records a
 * transaction erases are erased with them: how it finds them shows here).
 * --shown keeps, for each expired record, a checkpoint check and a watch notice showing it (its
 * name, the watch's label naming it): an erasure rewrites each (how it reads and writes them shows here).
 *
 * The embedded store, or PostgreSQL at --database-url (else MOSAIC_TEST_DATABASE_URL when
 * --postgres is given), in a database of its own dropped afterwards: advisory locks are the
 * database's, so another deployment's work in a shared one would wait on the same audit lock.
 * Prints counts and times only.
 */
import { AgencyId, UserId, validateRecord, type EntityRecord } from '@mosaic/model';
import { CHECK_KIND, NOTIFICATION_KIND, sweepRetention } from '@mosaic/service';
import { openTestMosaic, testProvenance } from '@mosaic/service/testing';
import { createTestDatabase, dropTestDatabase, TEST_DATABASE_URL } from '@mosaic/store/testing';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({ options: { records: { type: 'string', default: '20000' }, relations: { type: 'string', default: '0' }, alerts: { type: 'string', default: '0' }, 'database-url': { type: 'string' }, postgres: { type: 'boolean', default: false }, alone: { type: 'boolean', default: false }, shown: { type: 'boolean', default: false } } });
const RECORDS = Number(args.records);
const RELATIONS = Number(args.relations);
const ALERTS = Number(args.alerts);
const serverUrl = args['database-url'] ?? (args.postgres ? TEST_DATABASE_URL : undefined);
const database = `bench_retention_${process.pid}`;
const databaseUrl = serverUrl === undefined ? undefined : await createTestDatabase(database, serverUrl);

const world = await openTestMosaic({ now: () => new Date('2030-06-01T12:00:00Z'), ...(databaseUrl === undefined ? {} : { config: { databaseUrl } }) });
try {
  const { mosaic } = world;
  const made = performance.now();
  for (let i = 0; i < RECORDS; i += 1_000) {
    const batch: EntityRecord[] = [];
    for (let n = i; n < Math.min(RECORDS, i + 1_000); n++) {
      const v = validateRecord(mosaic.registry, { id: `expired-${n}`, schema: 'Person', properties: { name: [`Expired Person ${n}`], birthDate: ['1970-01-01'] }, provenance: testProvenance('intel', { reviewDate: '2030-05-01' }) });
      if (!v.ok) throw new Error(JSON.stringify(v.errors));
      batch.push(v.record);
    }
    await mosaic.store.putRecords(batch, { actor: 'bench' });
    if (args.shown) {
      await mosaic.store.putDocuments(batch.flatMap((record) => {
        const name = record.properties['name']?.[0] ?? '';
        const notification = { id: `notice-${record.id}`, at: '2030-05-31T12:00:00.000Z', to: { user: UserId('intel.analyst') }, kind: 'watch.record', title: 'New information on a watched subject', body: { subscription: `watch-${record.id}`, label: name, record: record.id, caption: name } };
        return [
          { kind: CHECK_KIND, id: `check-${record.id}`, owner: 'intel', body: { at: '2030-05-31T12:00:00.000Z', hits: [{ n: 0, kind: 'match', subject: record.id, schema: 'Person', score: 0.97, band: 'strong', explain: { name }, alerts: [] }] }, mentions: [record.id] },
          { kind: NOTIFICATION_KIND, id: notification.id, owner: 'intel.analyst', body: { notification, readBy: [] }, mentions: [record.id] },
        ];
      }));
    }
  }
  for (let i = 0; i < RELATIONS; i += 1_000) {
    const batch: EntityRecord[] = [];
    for (let n = i; n < Math.min(RELATIONS, i + 1_000); n++) {
      const v = validateRecord(mosaic.registry, { id: `tie-${n}`, schema: 'Associate', properties: { person: [`kept-${n}`], associate: [`kept-${n + 1}`], summary: [`Kept ${n} meets Kept ${n + 1}`] }, provenance: testProvenance('intel') });
      if (!v.ok) throw new Error(JSON.stringify(v.errors));
      batch.push(v.record);
    }
    await mosaic.store.putRecords(batch, { actor: 'bench' });
  }
  for (let i = 0; i < ALERTS; i += 1_000) {
    const batch: EntityRecord[] = [];
    for (let n = i; n < Math.min(ALERTS, i + 1_000); n++) {
      const v = validateRecord(mosaic.registry, { id: `alert-${n}`, schema: 'Alert', properties: { subject: [`kept-${n}`], category: ['inquiry_check'], desk: ['intel-desk'], deskContact: ['+3220000009'], status: ['active'] }, provenance: testProvenance('intel') });
      if (!v.ok) throw new Error(JSON.stringify(v.errors));
      batch.push(v.record);
    }
    await mosaic.store.putRecords(batch, { actor: 'bench' });
  }
  const makeMs = performance.now() - made;

  const latencies: number[] = [];
  let sweeping = !args.alone;
  const requests = (async () => {
    while (sweeping) {
      const asked = performance.now();
      await mosaic.audit.append({ actor: { user: UserId('intel.analyst'), agency: AgencyId('intel') }, action: 'consultation', purpose: 'investigation', query: { q: 'bench' }, records: [], outcome: 'ok' });
      latencies.push(performance.now() - asked);
    }
  })();
  const started = performance.now();
  const summary = await sweepRetention(mosaic).finally(() => { sweeping = false; });
  const sweepMs = performance.now() - started;
  await requests;

  const sorted = latencies.sort((a, b) => a - b);
  const at = (q: number): number => +(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0).toFixed(1);
  console.log(JSON.stringify({
    store: databaseUrl === undefined ? 'sqlite' : 'postgres', records: RECORDS, relations: RELATIONS, alerts: ALERTS, shown: args.shown, alone: args.alone, makeMs: Math.round(makeMs), erased: summary.erased, sweepMs: Math.round(sweepMs),
    erasedPerSecond: Math.round(summary.erased / (sweepMs / 1000)), auditedRequests: sorted.length, p50Ms: at(0.5), p90Ms: at(0.9), maxMs: at(1), load: +(loadavg()[0] ?? 0).toFixed(2),
  }));
} finally {
  await world.cleanup();
  if (serverUrl !== undefined) await dropTestDatabase(database, serverUrl);
}
