/**
 * ingestFile on a real sqlite store, with JSON Lines parsed and validated in worker threads:
 * the same outcome as the in-thread reference (`ingest` over `jsonlSource`), errors in line
 * order with the right line numbers across piece and worker boundaries, resume after a failure
 * mid-file, and idempotent re-ingest.
 */
import { RecordId, schemata } from '@mosaic/model';
import { openSqliteStore, type Store } from '@mosaic/store';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ingestFile, storeSink } from './ingest-file.ts';
import { formatIngestError, formatIngestWarning, ingest, ingestChunks, type IngestSink, type IngestSummary } from './ingest.ts';
import { jsonlFileChunks } from './jsonl-file-chunks.ts';
import { jsonlSource } from './sources.ts';

const registry = schemata();
const provenance = {
  agency: 'zone-north', source: 'rms', reliability: 'B', credibility: 2, marking: { tlp: 'AMBER', classification: 'RESTRICTED', releasability: [] },
  handling: 'H0', category: 'suspect', nature: 'fact', legalBasis: 'Police Act art. 44', reviewDate: '2030-01-01',
};
const given = ['Karim', 'Sofie', 'Ahmet', 'Lina', 'Jan', 'Yusuf'];
const surnames = ['Benali', 'Claes', 'Yilmaz', 'Haddad', 'Peeters', 'Demir'];
const nameOf = (i: number): string => `${given[i % 6] ?? ''} ${surnames[(i * 5) % 6] ?? ''}${i}`;
const person = (i: number, extra: Record<string, unknown> = {}): string => JSON.stringify({ id: `p${i}`, schema: 'Person', properties: { name: [nameOf(i)], ...extra }, provenance });

/**
 * 60 lines: persons, with rejected lines of every kind spread through the file (bad date,
 * unknown property, not JSON, not an object), blank lines, one CRLF line, one line far longer
 * than a piece, and a last line without a newline.
 */
function mixedFile(): { text: string; bad: Map<number, string>; valid: number[] } {
  const lines: string[] = [];
  const bad = new Map<number, string>();
  const valid: number[] = [];
  for (let n = 1; n <= 60; n++) {
    if (n % 11 === 0) {
      lines.push(person(n, { birthDate: ['not-a-date'] }));
      bad.set(n, 'birthDate: is not a date');
    } else if (n % 13 === 0) {
      lines.push(person(n, { colour: ['blue'] }));
      bad.set(n, 'colour: is not a property of Person');
    } else if (n === 17) {
      lines.push('{"id": "p17", "schema": ');
      bad.set(n, 'record: is not valid JSON');
    } else if (n === 29) {
      lines.push('[1, 2]');
      bad.set(n, 'record: must be a JSON object');
    } else if (n === 8 || n === 40) {
      lines.push('   ');
    } else {
      if (n === 23) lines.push(`${person(n)}\r`);
      else if (n === 31) lines.push(person(n, { alias: Array.from({ length: 40 }, (_, k) => `Abu Someone Longername${k}`) }));
      else lines.push(person(n));
      valid.push(n);
    }
  }
  return { text: lines.join('\n'), bad, valid };
}

const dirs: string[] = [];
const stores: Store[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function fixture(text: string): Promise<{ store: Store; path: string; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'mosaic-ingest-file-'));
  dirs.push(dir);
  const path = join(dir, 'records.jsonl');
  writeFileSync(path, text);
  const store = await openSqliteStore({ dataDir: join(dir, 'data') });
  stores.push(store);
  return { store, path, dir };
}

/** ingestChunks over worker-validated pieces of `pieceBytes`, as ingestFile runs it. */
function ingestInWorkers(path: string, sink: IngestSink, { pieceBytes, workers = 2, batchSize = 7, fingerprint = 'f' }: { pieceBytes: number; workers?: number; batchSize?: number; fingerprint?: string }): Promise<IngestSummary> {
  return ingestChunks(sink, (resumeAfter) => jsonlFileChunks(path, registry, { resumeAfter, workers, pieceBytes }), { fingerprint, batchSize });
}

async function storedIds(store: Store): Promise<string[]> {
  return (await store.scanRecords({ limit: 1000 })).map((stored) => stored.record.id);
}

describe('ingestFile with worker threads', () => {
  it('rejects the same lines, with the same line numbers, as the in-thread reference, whatever the piece size', async () => {
    const { text, bad } = mixedFile();
    const reference = await fixture(text);
    const expected = await ingest(registry, jsonlSource([text]), storeSink(reference.store, 'test'), { fingerprint: 'f', batchSize: 7 });
    expect(expected.errors.map((e) => e.line)).toEqual([...bad.keys()]);
    for (const [error, reason] of expected.errors.map((e, k) => [e, [...bad.values()][k]] as const)) {
      expect(formatIngestError(error).startsWith(`line ${error.line}: ${reason ?? '?'}`)).toBe(true);
    }

    for (const pieceBytes of [64, 300, 1 << 20]) {
      const { store, path } = await fixture(text);
      const summary = await ingestInWorkers(path, storeSink(store, 'test'), { pieceBytes });
      expect({ ...summary, ms: 0, recordsPerSecond: 0 }).toEqual({ ...expected, ms: 0, recordsPerSecond: 0 });
      expect(await storedIds(store)).toEqual(await storedIds(reference.store));
      expect((await store.getRecord(RecordId('zone-north:p23')))?.record.properties['name']).toEqual([nameOf(23)]);
      expect((await store.getRecord(RecordId('zone-north:p31')))?.record.properties['alias']).toHaveLength(40);
      // the checkpoint stops before the first rejected line, which a later run reads again
      expect((await store.getIngestCheckpoint('f'))?.lastLine).toBe(Math.min(...bad.keys()) - 1);
    }
  });

  it('commits each batch with the line of its last record, never past a rejected line, in order, across pieces', async () => {
    const { text, bad, valid } = mixedFile();
    const { store, path } = await fixture(text);
    const lines: number[] = [];
    const sink = storeSink(store, 'test');
    const summary = await ingestInWorkers(path, { ...sink, commit: (records, checkpoint) => {
      lines.push(checkpoint.line);
      return sink.commit(records, checkpoint);
    } }, { pieceBytes: 200, batchSize: 10 });
    expect(summary).toMatchObject({ lines: 58, created: valid.length, rejected: bad.size });
    // Full batches end at their tenth record; the last one settles the file's last line; none
    // settles past the first rejected line, so that a resumed run reads it again.
    const firstRejected = Math.min(...bad.keys());
    expect(lines).toEqual([valid[9], valid[19], valid[29], valid[39], 60].map((line) => Math.min(line ?? 0, firstRejected - 1)));
  });

  it('after a failure mid-file leaves the committed batches, and a second run resumes after them', async () => {
    const { text, bad, valid } = mixedFile();
    const { store, path } = await fixture(text);
    const sink = storeSink(store, 'test');
    let commits = 0;
    const failing: IngestSink = { ...sink, commit: (records, checkpoint) => (++commits === 3 ? Promise.reject(new Error('disk full')) : sink.commit(records, checkpoint)) };
    await expect(ingestInWorkers(path, failing, { pieceBytes: 150, batchSize: 10 })).rejects.toThrow('disk full');
    expect(await storedIds(store)).toHaveLength(20);
    const committed = (await store.getIngestCheckpoint('f'))?.lastLine;
    // written up to valid[19], settled up to the first rejected line only
    expect(committed).toBe(Math.min(valid[19] ?? 0, Math.min(...bad.keys()) - 1));

    const resumed = await ingestInWorkers(path, sink, { pieceBytes: 150, batchSize: 10 });
    const before = text.split('\n').slice(0, committed).filter((line) => line.trim() !== '').length;
    const rewritten = 20 - valid.filter((line) => line <= (committed ?? 0)).length;
    expect(resumed).toMatchObject({ resumed: before, created: valid.length - 20, updated: 0, unchanged: rewritten });
    // Only rejections after the checkpoint are reported again.
    expect(resumed.errors.length).toBeGreaterThan(0);
    expect(resumed.errors.every((e) => e.line > (committed ?? 0))).toBe(true);
    expect(await store.countRecords()).toBe(valid.length);
    expect(await store.latestSeq()).toBe(valid.length);
  });

  it('re-ingesting the file changes nothing; a changed line is an update', async () => {
    const { text, bad, valid } = mixedFile();
    const { store, path, dir } = await fixture(text);
    const first = await ingestFile(store, registry, { path, actor: 'ingest:test', workers: 2, batchSize: 9 });
    expect(first).toMatchObject({ created: valid.length, rejected: bad.size });
    const again = await ingestFile(store, registry, { path, actor: 'ingest:test', workers: 2, resume: false });
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: valid.length, rejected: bad.size });

    const changed = join(dir, 'changed.jsonl');
    writeFileSync(changed, readFileSync(path, 'utf8').replace(person(5), person(5, { birthDate: ['1990-05'] })));
    const update = await ingestFile(store, registry, { path: changed, actor: 'ingest:test', workers: 1 });
    expect(update).toMatchObject({ created: 0, updated: 1, unchanged: valid.length - 1 });
    expect((await store.recordHistory(RecordId('zone-north:p5'))).map((v) => v.version)).toEqual([1, 2]);
  });

  it('rejects a line that would give a stored record another schema, naming its line and the field; the record stays', async () => {
    const { store, path, dir } = await fixture(`${person(1)}\n${person(2)}\n`);
    expect(await ingestFile(store, registry, { path, actor: 'ingest:test', workers: 0 })).toMatchObject({ created: 2 });
    const vehicle = JSON.stringify({ id: 'p2', schema: 'Vehicle', properties: { registrationNumber: ['1-ABC-123'] }, provenance });
    const next = join(dir, 'next.jsonl');
    writeFileSync(next, `${person(3)}\n${vehicle}\n${person(4)}\n`);
    const summary = await ingestFile(store, registry, { path: next, actor: 'ingest:test', workers: 0 });
    expect(summary).toMatchObject({ created: 2, updated: 0, rejected: 1 });
    expect(summary.errors.map(formatIngestError)).toEqual(["line 2: schema: record zone-north:p2 exists with another schema: a record's schema cannot change (write it under another id)"]);
    expect((await store.getRecord(RecordId('zone-north:p2')))?.record).toMatchObject({ schema: 'Person', properties: { name: [nameOf(2)] } });
  });

  it('rejects an Alert line whose subject is no record of its agency stored or given by an earlier line, naming its line and subject; a resumed run reads it again', async () => {
    const { store, path, dir } = await fixture(`${person(1)}\n${person(2)}\n${JSON.stringify({ id: 'p1', schema: 'Person', properties: { name: [nameOf(1)] }, provenance: { ...provenance, agency: 'fedpol' } })}\n`);
    expect(await ingestFile(store, registry, { path, actor: 'ingest:test', workers: 0 })).toMatchObject({ created: 3 });
    await store.deleteRecord(RecordId('zone-north:p2'), { actor: 'test', reason: 'entered in error' });
    const alert = (id: string, subject: string): string => JSON.stringify({
      id, schema: 'Alert', provenance, properties: { subject: [subject], category: ['discreet_check'], desk: ['zone-north-desk'], deskContact: ['+3220000002'], validFrom: ['2026-01-01'], status: ['active'] },
    });
    const next = join(dir, 'alerts.jsonl');
    // lines 2-5: never written, erased, another agency's (stored, but not looked up), given only by a later line
    writeFileSync(next, [alert('a1', 'p1'), alert('a2', 'p9'), alert('a3', 'p2'), alert('a4', 'fedpol:p1'), alert('a5', 'p5'), person(5), alert('a6', 'p5')].join('\n'));
    const summary = await ingestFile(store, registry, { path: next, actor: 'ingest:test', workers: 0 });
    expect(summary).toMatchObject({ created: 3, rejected: 4 });
    const refused = 'subject: names no record of zone-north stored or given by an earlier line: an alert is written after the record it names';
    expect(summary.errors.map(formatIngestError)).toEqual([2, 3, 4, 5].map((line) => `line ${line}: ${refused}`));
    const alerts = await store.scanRecords({ schema: 'Alert', limit: 10 });
    expect(alerts.map((a) => [a.record.id, a.record.properties['subject']])).toEqual([['zone-north:a1', ['zone-north:p1']], ['zone-north:a6', ['zone-north:p5']]]);
    // the written lines end before line 2: a second run skips line 1 only, and line 5 now names p5, stored since
    expect(await ingestFile(store, registry, { path: next, actor: 'ingest:test', workers: 0 })).toMatchObject({ resumed: 1, rejected: 3, created: 1, unchanged: 2 });
  });

  it('refuses a releasability entry naming an agency the deployment does not have, in workers and in this thread', async () => {
    const marked = (i: number, releasability: string[]) => JSON.stringify({ id: `p${i}`, schema: 'Person', properties: { name: [nameOf(i)] }, provenance: { ...provenance, marking: { ...provenance.marking, releasability } } });
    const text = `${marked(1, ['zone-north', 'be'])}\n${marked(2, ['zone-nort'])}\n${marked(3, ['ALL'])}\n`;
    for (const workers of [0, 1]) {
      const { store, path } = await fixture(text);
      const summary = await ingestFile(store, registry, { path, actor: 'ingest:test', workers, agencies: ['zone-north', 'fedpol'] });
      expect(summary, `workers ${workers}`).toMatchObject({ created: 2, rejected: 1 });
      expect(summary.errors.map(formatIngestError)).toEqual(['line 2: provenance.marking.releasability: is not ALL, a two-letter ISO country code or an agency of this deployment']);
    }
  });

  it('reads a byte-order mark at the start of the file as no part of line 1, in workers and in this thread', async () => {
    const text = `\ufeff${person(1)}\n${person(2)}\n`;
    for (const workers of [0, 1]) {
      const { store, path } = await fixture(text);
      expect(await ingestFile(store, registry, { path, actor: 'ingest:test', workers })).toMatchObject({ created: 2, rejected: 0 });
    }
  });
});

describe('ingestFile: Report lines and references', () => {
  const line = (id: string, schema: string, properties: Record<string, unknown>): string => JSON.stringify({ id, schema, properties, provenance });

  it('refuses a Report line, naming its line and schema, in workers and in this thread: a report is uploaded with its text', async () => {
    for (const workers of [0, 1]) {
      const { store, path } = await fixture([person(1), line('rep1', 'Report', { title: ['Harbour watch'], collection: ['harbour'] }), person(3)].join('\n'));
      const summary = await ingestFile(store, registry, { path, actor: 'ingest:test', workers });
      expect(summary, `workers ${workers}`).toMatchObject({ created: 2, rejected: 1 });
      expect(summary.errors.map(formatIngestError)).toEqual(['line 2: schema: a Report is written by uploading it (mosaic reports add, POST /reports), with its text and what extraction found in it']);
      expect(await store.getRecord(RecordId('zone-north:rep1'))).toBeUndefined();
    }
  });

  it('tells each reference no line of the file gives and the store does not hold, by line and field, and writes its line; the store is asked once for them all', async () => {
    const { store, path, dir } = await fixture(person(7));
    await ingestFile(store, registry, { path, actor: 'ingest:test', workers: 0 });
    const next = join(dir, 'relations.jsonl');
    writeFileSync(next, [
      person(1),
      line('f1', 'Family', { person: ['p1'], relative: ['p2'], relationship: ['brother'] }), // p2: a later line
      line('v1', 'Vehicle', { registrationNumber: ['1-ABC-123'], owner: ['p9'] }), // no record p9
      person(2),
      line('o1', 'Ownership', { owner: ['p7'], asset: ['v8'] }), // p7 stored by the first file; v8 nowhere
      line('o2', 'Ownership', { owner: ['p9'], asset: ['v1'] }), // p9 again, v1 given above
    ].join('\n'));
    for (const workers of [0, 1]) {
      const lookups = vi.spyOn(store, 'heldRecordIds');
      const warned: string[] = [];
      const summary = await ingestFile(store, registry, { path: next, actor: 'ingest:test', workers, resume: false, onWarning: (w) => warned.push(formatIngestWarning(w)) });
      const reason = 'names no record given by a line of the file or stored (that the uploader may read): written all the same, for a record written later under that id';
      expect(summary, `workers ${workers}`).toMatchObject({ rejected: 0, warningCount: 3 });
      expect(summary.warnings.map(formatIngestWarning)).toEqual([`line 3: owner: ${reason}`, `line 5: asset: ${reason}`, `line 6: owner: ${reason}`]);
      expect(warned).toEqual(summary.warnings.map(formatIngestWarning));
      expect(lookups.mock.calls.map(([ids]) => [...ids].sort())).toEqual([['zone-north:p7', 'zone-north:p9', 'zone-north:v8']]);
      lookups.mockRestore();
      expect((await store.getRecord(RecordId('zone-north:v1')))?.record.properties['owner']).toEqual(['zone-north:p9']);
    }
  });

  it('does not tell an Alert line refused for its subject again as a reference', async () => {
    const { store, path } = await fixture(JSON.stringify({
      id: 'a1', schema: 'Alert', provenance, properties: { subject: ['p9'], category: ['discreet_check'], desk: ['zone-north-desk'], deskContact: ['+3220000002'], validFrom: ['2026-01-01'], status: ['active'] },
    }));
    expect(await ingestFile(store, registry, { path, actor: 'ingest:test', workers: 0 })).toMatchObject({ rejected: 1, warningCount: 0, warnings: [] });
  });
});

describe('ingestFile: a line naming no review date keeps the stored record\'s', () => {
  const { reviewDate: _dated, ...undated } = provenance;
  const line = (id: string, name: string, given: Record<string, unknown>): string => JSON.stringify({ id, schema: 'Person', properties: { name: [name] }, provenance: given });
  const reviewDates = { today: '2026-12-06', rules: {} };
  const datesOf = async (store: Store, ids: readonly string[]): Promise<Record<string, string>> =>
    Object.fromEntries((await store.getRecords(ids.map((id) => RecordId(`zone-north:${id}`)))).map((s) => [s.record.provenance.sourceRecordId, s.record.provenance.reviewDate]));

  it('the source system\'s next export keeps each record\'s date, under another category the earlier of it and the rule; a new record is dated by the rule, in workers and in this thread', async () => {
    for (const workers of [0, 2]) {
      const { store, path, dir } = await fixture([
        line('p1', 'Karim Benali', { ...provenance, reviewDate: '2027-01-15' }),
        line('p2', 'Sofie Claes', { ...provenance, reviewDate: '2040-01-01' }),
        line('p3', 'Ahmet Yilmaz', { ...provenance, reviewDate: '2029-06-01' }),
      ].join('\n'));
      await ingestFile(store, registry, { path, actor: 'ingest:test', workers, reviewDates });
      const next = join(dir, 'next.jsonl');
      writeFileSync(next, [
        line('p1', 'Karim Benali', undated),
        line('p2', 'Sofie Claesen', undated),
        line('p3', 'Ahmet Yilmaz', { ...undated, category: 'victim' }),
        line('p4', 'Lina Haddad', undated),
        line('p2', 'Sofie Claes-Peeters', undated),
      ].join('\n'));
      // before, every line dated by the rule from today: p1 due next month was put off three years
      expect(await ingestFile(store, registry, { path: next, actor: 'ingest:test', workers, reviewDates })).toMatchObject({ created: 1, updated: 3, unchanged: 1, rejected: 0 });
      expect(await datesOf(store, ['p1', 'p2', 'p3', 'p4'])).toEqual({ p1: '2027-01-15', p2: '2040-01-01', p3: '2027-12-06', p4: '2029-12-06' });
      // a date the line gives is taken
      const given = join(dir, 'given.jsonl');
      writeFileSync(given, line('p1', 'Karim Benali', { ...provenance, reviewDate: '2028-03-01' }));
      await ingestFile(store, registry, { path: given, actor: 'ingest:test', workers, reviewDates });
      expect(await datesOf(store, ['p1'])).toEqual({ p1: '2028-03-01' });
    }
  });
});
