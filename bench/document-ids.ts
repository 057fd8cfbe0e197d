/**
 * Workflow documents written as a checkpoint writes them (groups of 8 per transaction, a
 * check-sized body) into the embedded store, with random ids (UUIDv4) and with time-ordered
 * ids (UUIDv7, what checks and notifications use): the key index takes a random page per
 * document in the first case, its last page in the second.
 *
 *   node bench/document-ids.ts [--documents 160000]
 *
 * Prints one JSON object per id kind: wall and CPU milliseconds, microseconds per document.
 */
import { openSqliteStore } from '@mosaic/store';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { v7 } from 'uuid';

const { values: args } = parseArgs({ options: { documents: { type: 'string', default: '160000' } } });
const DOCUMENTS = Number(args.documents);
const GROUP = 8;
// A check's document: the query and a handful of hits with their explanations (fictional).
const body = {
  query: { name: 'query name', birthDate: '1990-01-01' },
  hits: Array.from({ length: 5 }, (_, n) => ({ n, kind: 'match', subject: `agency:p${n}`, score: 0.9, band: 'hit', explain: { name: { listed: 'a listed name', level: 'phonetic', parts: [{ query: 'a', listed: 'b', how: 'fuzzy', similarity: 0.9 }] } } })),
};

for (const [kind, id] of [['uuid-v4', randomUUID], ['uuid-v7', v7], ['uuid-v4', randomUUID], ['uuid-v7', v7]] as const) {
  const dir = mkdtempSync(join(tmpdir(), 'mosaic-bench-ids-'));
  const store = await openSqliteStore({ dataDir: dir });
  const started = performance.now();
  const cpu = process.cpuUsage();
  for (let written = 0; written < DOCUMENTS; written += GROUP) {
    await store.putDocuments(Array.from({ length: GROUP }, () => ({ kind: 'check', id: id(), owner: 'agency', body })));
  }
  const used = process.cpuUsage(cpu);
  const wallMs = performance.now() - started;
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  console.log(JSON.stringify({
    bench: 'document-ids', ids: kind, documents: DOCUMENTS, group: GROUP, wallMs: Math.round(wallMs), cpuMs: Math.round((used.user + used.system) / 1000),
    cpuUsPerDocument: Number(((used.user + used.system) / DOCUMENTS).toFixed(1)), load1: Number(loadavg()[0]?.toFixed(2)),
  }));
}
