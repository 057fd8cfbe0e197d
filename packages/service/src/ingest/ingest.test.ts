import { schemata, type EntityRecord } from '@mosaic/model';
import type { PreparedRecord } from '@mosaic/store';
import { describe, expect, it } from 'vitest';
import { parseCsvMapping } from './csv-mapping.ts';
import { formatIngestError, formatIngestRepeat, ingest, type IngestSink, type PutStatus } from './ingest.ts';
import { csvSource, jsonlSource } from './sources.ts';

const provenance = {
  agency: 'zone-north', source: 'rms', reliability: 'B', credibility: 2, marking: { tlp: 'AMBER', classification: 'RESTRICTED', releasability: [] },
  handling: 'H0', category: 'suspect', nature: 'fact', legalBasis: 'Police Act art. 44', reviewDate: '2030-01-01',
};

/** A sink over a Map with the store's semantics: keyed upsert, and a failure switch. */
function memorySink(failOnCommit?: number): IngestSink & { records: Map<string, EntityRecord>; checkpoints: Map<string, number>; commits: number } {
  const records = new Map<string, EntityRecord>();
  const checkpoints = new Map<string, number>();
  const sink = {
    records, checkpoints, commits: 0,
    async commit(batch: readonly PreparedRecord[], checkpoint: { fingerprint: string; line: number }): Promise<PutStatus[]> {
      sink.commits += 1;
      if (sink.commits === failOnCommit) throw new Error('disk full');
      const statuses = batch.map((prepared): PutStatus => {
        const r = { id: prepared.id, ...JSON.parse(prepared.document) } as EntityRecord;
        const before = records.get(r.id);
        records.set(r.id, r);
        if (!before) return 'created';
        return JSON.stringify(before) === JSON.stringify(r) ? 'unchanged' : 'updated';
      });
      checkpoints.set(checkpoint.fingerprint, checkpoint.line);
      return statuses;
    },
    async lastCheckpoint(fingerprint: string) { return checkpoints.get(fingerprint); },
    async heldRecords(ids: readonly string[]) { return new Set(ids.filter((id) => records.has(id))); },
  };
  return sink;
}

const lines = (...items: unknown[]): string[] => [items.map((i) => (typeof i === 'string' ? i : JSON.stringify(i))).join('\n')];
const person = (id: string, name: string, extra: Record<string, unknown> = {}) => ({ id, schema: 'Person', properties: { name: [name], ...extra }, provenance });

describe('ingest', () => {
  const registry = schemata();

  it('writes valid lines and names the line, field and reason of every rejected one', async () => {
    const sink = memorySink();
    const summary = await ingest(registry, jsonlSource(lines(
      person('p1', 'Karim Benali'),
      person('p2', 'Sofie Claes', { birthDate: ['not-a-date'] }),
      '{oops',
      person('p3', 'Ahmet Yilmaz'),
    )), sink, { fingerprint: 'f', batchSize: 2 });
    expect(summary).toMatchObject({ lines: 4, created: 2, rejected: 2, errorCount: 2 });
    expect(summary.errors.map(formatIngestError)).toEqual([
      'line 2: birthDate: is not a date',
      expect.stringMatching(/^line 3: record: is not valid JSON/),
    ]);
    expect([...sink.records.keys()]).toEqual(['zone-north:p1', 'zone-north:p3']);
  });

  it('names the record of each refused line that names one, as the line names it, and none for a line that names none', async () => {
    const summary = await ingest(registry, jsonlSource(lines(
      person('T-003', 'Sofie Claes', { birthDate: ['not-a-date'] }),
      person('fedpol:T-004', 'Karim Benali'),
      { schema: 'Person', properties: { name: ['Ahmet Yilmaz'] }, provenance },
      '{oops',
      person('T-005', 'Ahmet Yilmaz', { birthDate: ['not-a-date'] }),
      // an id with a bidi override is refused as the model refuses it, and not echoed
      person('T-006\u202Egpj.exe', 'Lotte Maes'),
    )), memorySink(), { fingerprint: 'f' });
    expect(summary.errors.map(({ line, id, field }) => ({ line, id, field }))).toEqual([
      { line: 1, id: 'T-003', field: 'birthDate' },
      { line: 2, id: 'fedpol:T-004', field: 'id' },
      { line: 3, id: undefined, field: 'id' },
      { line: 4, id: undefined, field: 'record' },
      { line: 5, id: 'T-005', field: 'birthDate' },
      { line: 6, id: undefined, field: 'id' },
    ]);
  });

  it('stores a line under the record its id names, and rejects one whose id names another record than provenance.sourceRecordId, naming the line', async () => {
    const sink = memorySink();
    await ingest(registry, jsonlSource(lines(person('ZN-1', 'Karim Benali'))), sink, { fingerprint: 'a' });
    const summary = await ingest(registry, jsonlSource(lines(
      // an id given as stored is that id, not prefixed again; a reference to it finds it
      person('zone-north:p1', 'Sofie Claes'),
      { id: 'zone-north:f1', schema: 'Family', properties: { person: ['p1'], relative: ['zone-north:ZN-1'] }, provenance },
      // ids rewritten and the source record ids left: each would be written over another person
      { ...person('zone-north:G7-1', 'Ahmet Yilmaz'), provenance: { ...provenance, sourceRecordId: 'ZN-1' } },
      person('zone-south:p2', 'Lotte Maes'),
    )), sink, { fingerprint: 'b' });
    expect(summary).toMatchObject({ lines: 4, created: 2, rejected: 2 });
    expect(summary.errors.map(formatIngestError)).toEqual([
      'line 3: id: does not name the record this line is stored as (provenance.agency:provenance.sourceRecordId): other lines refer to it by its id, so the two must agree',
      "line 4: id: names a record of another agency than provenance.agency (an id written agency:x names that agency's record x): one of this agency's own ids holding a colon is written with this agency first",
    ]);
    expect([...sink.records.keys()].sort()).toEqual(['zone-north:ZN-1', 'zone-north:f1', 'zone-north:p1']);
    expect(sink.records.get('zone-north:ZN-1')?.properties['name']).toEqual(['Karim Benali']);
    expect(sink.records.get('zone-north:f1')?.properties['person']).toEqual(['zone-north:p1']);
  });

  it('reports a line that gives the record id of an earlier line, across batches, and writes it as the newer version', async () => {
    const sink = memorySink();
    const told: string[] = [];
    const summary = await ingest(registry, jsonlSource(lines(
      person('p1', 'Karim Benali'),
      person('p2', 'Sofie Claes'),
      person('p1', 'Karim Benali', { birthDate: ['1980-01-01'] }),
      person('p1', 'Karim Benali', { birthDate: ['1980-01-02'] }),
      person('p2', 'Sofie Claes'),
    )), sink, { fingerprint: 'f', batchSize: 2, onRepeat: (repeat) => told.push(formatIngestRepeat(repeat)) });
    expect(summary).toMatchObject({ lines: 5, created: 2, updated: 2, unchanged: 1, rejected: 0, repeated: 3 });
    expect(summary.repeats).toEqual([{ line: 3, of: 1, id: 'zone-north:p1' }, { line: 4, of: 3, id: 'zone-north:p1' }, { line: 5, of: 2, id: 'zone-north:p2' }]);
    expect(told[0]).toBe("line 3: record zone-north:p1 was given by line 1 too: line 3's version stands (both are kept in its history)");
    expect(sink.records.get('zone-north:p1')?.properties['birthDate']).toEqual(['1980-01-02']);
    // a second run of the same file is no repeat of the first: each run counts its own lines
    expect((await ingest(registry, jsonlSource(lines(person('p1', 'Karim Benali'))), sink, { fingerprint: 'g' })).repeated).toBe(0);
  });

  it('is idempotent: the same file again changes nothing, a changed line is an update', async () => {
    const sink = memorySink();
    const file = lines(person('p1', 'Karim Benali'), person('p2', 'Sofie Claes'));
    await ingest(registry, jsonlSource(file), sink, { fingerprint: 'a' });
    const again = await ingest(registry, jsonlSource(file), sink, { fingerprint: 'b' });
    expect(again).toMatchObject({ created: 0, unchanged: 2 });
    const changed = await ingest(registry, jsonlSource(lines(person('p1', 'Karim Ben Ali'))), sink, { fingerprint: 'c' });
    expect(changed).toMatchObject({ updated: 1 });
  });

  it('leaves committed batches after a failure and resumes after the last committed line', async () => {
    const sink = memorySink(2);
    const file = lines(...Array.from({ length: 5 }, (_, i) => person(`p${i + 1}`, `Person Number${i + 1}`)));
    await expect(ingest(registry, jsonlSource(file), sink, { fingerprint: 'same', batchSize: 2 })).rejects.toThrow('disk full');
    expect(sink.records.size).toBe(2);
    expect(sink.checkpoints.get('same')).toBe(2);
    const resumed = await ingest(registry, jsonlSource(file), sink, { fingerprint: 'same', batchSize: 2 });
    expect(resumed).toMatchObject({ resumed: 2, created: 3 });
    expect(sink.records.size).toBe(5);
  });

  it('reports progress against the source size', async () => {
    const seen: number[] = [];
    const file = lines(...Array.from({ length: 6 }, (_, i) => person(`p${i}`, `Someone Else${i}`)));
    await ingest(registry, jsonlSource(file), memorySink(), {
      fingerprint: 'p', batchSize: 2, totalBytes: Buffer.byteLength(file[0] ?? ''), onProgress: (p) => seen.push(p.written),
    });
    expect(seen).toEqual([2, 4, 6]);
  });

  it('maps CSV columns to properties with shared provenance and per-row columns', async () => {
    const mapping = parseCsvMapping({
      schema: 'Person', id: 'ref', properties: { name: 'full_name', alias: { column: 'aliases', split: ';' }, birthDate: 'dob' },
      provenance: { ...provenance, category: undefined }, provenanceColumns: { category: 'cat' },
    }, registry);
    const csv = ['ref,full_name,aliases,dob,cat', 'A1,Yusuf Demir,Abu Yusuf;Y. Demir,1990-04,suspect', 'A2,Lina Haddad,,31/13/1990,victim', 'A3,,,1988,witness'].join('\n');
    const sink = memorySink();
    const summary = await ingest(registry, csvSource([csv], mapping, { registry }), sink, { fingerprint: 'csv' });
    expect(summary).toMatchObject({ created: 2, rejected: 1 });
    // the column of the file to correct, not the model's property
    expect(summary.errors.map(formatIngestError)).toEqual(['line 3: column dob (date of birth): is not a date: it has no such month']);
    expect(sink.records.get('zone-north:A1')?.properties).toEqual({ name: ['Yusuf Demir'], alias: ['Abu Yusuf', 'Y. Demir'], birthDate: ['1990-04'] });
    expect(sink.records.get('zone-north:A3')?.provenance.category).toBe('witness');
  });

  it('names a refused row\'s field by the column the mapping reads it from, with the property\'s label', async () => {
    const mapping = parseCsvMapping({
      schema: 'Person', id: 'ref', properties: { name: ['first', 'last'], birthDate: 'birth', nationality: 'nat' },
      provenance: { ...provenance, category: undefined }, provenanceColumns: { category: 'kind' },
    }, registry);
    const csv = ['ref,first,last,birth,nat,kind', 'B1,Yusuf,Demir,1990-02-30,be,suspect', 'B2,Lina,Haddad,1991,Atlantis,victim', 'B3,Omar,Nasser,1992,be,villain'].join('\n');
    const summary = await ingest(registry, csvSource([csv], mapping, { registry }), memorySink(), { fingerprint: 'named' });
    expect(summary.errors.map(formatIngestError)).toEqual([
      'line 2: column birth (date of birth): is not a date: its month has no such day',
      'line 3: column nat (nationality): is not an ISO 3166 country',
      'line 4: column kind (category): is not one of suspect, convicted, victim, witness, contact, other',
    ]);
  });

  it('rejects a row whose quote is never closed at the line it opens on, naming the lines it took to the end', async () => {
    const mapping = parseCsvMapping({ schema: 'Person', id: 'ref', properties: { name: 'full_name' }, provenance }, registry);
    const csv = 'ref,full_name\nq-1,Alpha One\nq-2,"Bravo Two\nq-3,Charlie Three\nq-4,Delta Four';
    const sink = memorySink();
    const summary = await ingest(registry, csvSource([csv], mapping), sink, { fingerprint: 'q' });
    expect(summary).toMatchObject({ created: 1, rejected: 1 });
    expect(summary.errors.map(formatIngestError)).toEqual(['line 3: record: is not valid CSV (a quote opened on line 3 is never closed: lines 3 to 5, the end of the file, were read as one value and are skipped)']);
    // the lines taken, for a summary to count them
    expect(summary.errors[0]?.through).toBe(5);
    expect([...sink.records.keys()]).toEqual(['zone-north:q-1']);
  });

  it('refuses a CSV whose header lacks a mapped column, naming it', async () => {
    const mapping = parseCsvMapping({ schema: 'Person', id: 'ref', properties: { name: 'full_name' }, provenance }, registry);
    const summary = await ingest(registry, csvSource(['ref,name\nA1,X Y'], mapping), memorySink(), { fingerprint: 'h' });
    expect(summary.errors.map(formatIngestError)).toEqual(['line 1: record: the header lacks the mapped column(s) full_name']);
  });

  it('refuses a mapping that names an unknown property', () => {
    expect(() => parseCsvMapping({ schema: 'Person', id: 'x', properties: { colour: 'c' } }, registry)).toThrow('mapping: properties.colour is not a property of Person');
  });
});
