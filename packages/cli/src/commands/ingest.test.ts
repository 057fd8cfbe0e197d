/**
 * `mosaic ingest` on a real store: rejected lines named on stderr (never by a value of the
 * line), a one-line JSON summary, exit 3 when lines were rejected, idempotent re-ingest, and
 * --workers checked; a resumed run reads again the lines an earlier run rejected, a review
 * date is given as the API gives it, and a CSV row the parser cannot read is rejected alone.
 */
import { AgencyId, recordIdOf } from '@mosaic/model';
import { reviewDateFor } from '@mosaic/policy';
import { testProvenance } from '@mosaic/service/testing';
import { openStore } from '@mosaic/store';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { capturingStderr } from '../run-for-test.ts';
import { run } from './ingest.ts';

const dir = mkdtempSync(join(tmpdir(), 'mosaic-cli-ingest-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const line = (id: string, properties: Record<string, unknown>): string => JSON.stringify({ id, schema: 'Person', properties, provenance: testProvenance('fedpol') });
const file = join(dir, 'persons.jsonl');
writeFileSync(file, [
  line('i1', { name: ['Wout Claessens'] }),
  line('i2', { name: ['Noor Vandamme'], birthDate: ['31-31-1990'] }),
  line('i3', { name: ['Elif Kaya'], birthDate: ['1993-07'] }),
].join('\n'));

async function ingest(...argv: string[]): Promise<{ code: number; stderr: string }> {
  return ingestInto('data', ...argv);
}

async function ingestInto(store: string, ...argv: string[]): Promise<{ code: number; stderr: string }> {
  const { value: code, stderr } = await capturingStderr(() => run([...argv, '--data', join(dir, store)]));
  return { code, stderr };
}

const summaryOf = (stderr: string): Record<string, unknown> => JSON.parse(stderr.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;

describe('mosaic ingest', () => {
  it('writes the valid lines, names each rejected one, and exits 3', async () => {
    const { code, stderr } = await ingest(file, '--workers', '1');
    expect(code).toBe(3);
    expect(stderr).toContain('line 2: birthDate: is not a date');
    expect(summaryOf(stderr)).toMatchObject({ file: 'persons.jsonl', lines: 3, created: 2, rejected: 1 });
  });

  it('names a rejected line by number, field and reason, never by a value of the line, with or without workers', async () => {
    const values = join(dir, 'values.jsonl');
    writeFileSync(values, [
      line('v1', { name: ['Wout Claessens'], birthDate: ['1990-31-31'], nationality: ['Atlantis'] }),
      '{"id":"v2","schema":"Person","properties":{"name":Noor Vandamme}}',
      JSON.stringify({ id: 'v3', schema: 'Persn', properties: { name: ['Elif Kaya'] }, provenance: testProvenance('fedpol') }),
    ].join('\n'));
    for (const workers of ['0', '1']) {
      const { code, stderr } = await ingestInto(`values-${workers}`, values, '--workers', workers);
      expect(code).toBe(3);
      expect(stderr).toContain('line 1: birthDate: is not a date');
      expect(stderr).toContain('line 1: nationality: is not an ISO 3166 country');
      expect(stderr).toContain('line 2: record: is not valid JSON');
      expect(stderr).toContain('line 3: schema: is not a known schema');
      for (const value of ['1990-31-31', 'Atlantis', 'Noor', 'Persn']) expect(stderr).not.toContain(value);
    }
  });

  it('changes nothing when the same file is ingested again, with or without workers', async () => {
    for (const workers of ['0', '2']) {
      const { code, stderr } = await ingest(file, '--no-resume', '--workers', workers);
      expect(code).toBe(3);
      expect(summaryOf(stderr)).toMatchObject({ created: 0, updated: 0, unchanged: 2, rejected: 1 });
    }
  });

  it('says which lines gave a record id an earlier line gave, with or without workers, and counts them in the summary', async () => {
    const repeats = join(dir, 'repeats.jsonl');
    writeFileSync(repeats, [line('r1', { name: ['Wout Claessens'] }), line('r2', { name: ['Elif Kaya'] }), line('r1', { name: ['Wout Claessens'], birthDate: ['1990-02-03'] })].join('\n'));
    for (const workers of ['0', '2']) {
      const { code, stderr } = await ingestInto(`repeats-${workers}`, repeats, '--workers', workers);
      expect(code).toBe(0);
      expect(stderr).toContain("line 3: record fedpol:r1 was given by line 1 too: line 3's version stands");
      expect(summaryOf(stderr)).toMatchObject({ created: 2, updated: 1, repeated: 1 });
      expect(summaryOf(stderr)).not.toHaveProperty('repeats');
    }
  });

  it('refuses a bad mapping, defaults file or option before it creates the data folder', async () => {
    const write = (name: string, text: string): string => {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    };
    const csv = write('refused.csv', 'ref,full_name\nr1,Wout Claessens\n');
    const unknownSchema = write('mapping-unknown-schema.json', JSON.stringify({ schema: 'Persn', id: 'ref', properties: { name: 'full_name' }, provenance: testProvenance('fedpol') }));
    const noSchema = write('mapping-no-schema.json', JSON.stringify({ id: 'ref', properties: { name: 'full_name' } }));
    const notJson = write('mapping-not-json.json', '{"schema": ');
    const defaultsNotJson = write('defaults-not-json.json', '{"agency": ');
    let runs = 0;
    /** The command's outcome on a data folder of its own, and whether that folder exists after it. */
    const refused = async (...argv: string[]): Promise<{ outcome: Promise<number>; created: boolean }> => {
      const data = join(dir, `refused-${runs++}`);
      const outcome = capturingStderr(() => run([...argv, '--data', data])).then(({ value }) => value);
      await outcome.catch(() => undefined);
      return { outcome, created: existsSync(data) };
    };

    for (const [argv, message] of [
      [[csv, '--mapping', unknownSchema], `ingest: --mapping ${unknownSchema}: schema "Persn" is not a known concrete schema`],
      [[csv, '--mapping', noSchema], `ingest: --mapping ${noSchema}: schema is required: the schema each row is a record of, such as "Person"`],
      [[csv, '--mapping', notJson], `--mapping ${notJson}: not JSON`],
      [[file, '--defaults', defaultsNotJson], `--defaults ${defaultsNotJson}: not JSON`],
    ] as const) {
      const { outcome, created } = await refused(...argv);
      await expect(outcome).rejects.toThrow(message);
      expect(created).toBe(false);
    }
    for (const argv of [[csv], [file, '--batch', '0'], [file, '--batch', 'many']]) {
      const { outcome, created } = await refused(...argv);
      await expect(outcome).resolves.toBe(2);
      expect(created).toBe(false);
    }
  });

  it('names a mapping or defaults file that is not JSON by line, column and reason, never by its text', async () => {
    const write = (name: string, text: string): string => {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    };
    const csv = write('quoted.csv', 'ref,full_name\nr1,Wout Claessens\n');
    for (const [option, input, text, message] of [
      ['--mapping', csv, '{"schema": "Person",\n  "note": Wout Claessens}', 'not JSON at line 2 column 11: unexpected character'],
      ['--mapping', csv, 'ref,full_name\nr1,Wout Claessens\n', 'not JSON at line 1 column 1: unexpected character'],
      ['--defaults', file, '{"agency": "fedpol",\n "note": "Wout\tClaessens"}', 'not JSON at line 2 column 15: bad control character in string literal'],
      ['--defaults', file, '{"note": "Wout Claessens', 'not JSON at line 1 column 25: unterminated string'],
      ['--defaults', file, '', 'not JSON at line 1 column 1: the file ends before its JSON does'],
    ] as const) {
      const path = write(`quoted-${option.slice(2)}.json`, text);
      const { value, stderr } = await capturingStderr(() => run([input, option, path, '--data', join(dir, 'quoted')]).then(() => '', (error: unknown) => (error as Error).message));
      expect(value).toBe(`ingest: ${option} ${path}: ${message}`);
      expect(value + stderr).not.toContain('Claessens');
    }
  });

  it('reads a mapping or defaults file saved with a UTF-8 byte-order mark, as editors on Windows write it', async () => {
    const defaults = join(dir, 'defaults-bom.json');
    writeFileSync(defaults, `\uFEFF${JSON.stringify({ reliability: 'B' })}`);
    const { code, stderr } = await ingestInto('bom', file, '--defaults', defaults, '--workers', '0');
    expect(stderr).not.toContain('not JSON');
    expect(code).toBe(3);
    expect(summaryOf(stderr)).toMatchObject({ created: 2, rejected: 1 });
  });

  it('refuses a --workers that is not a whole number', async () => {
    const { code, stderr } = await ingest(file, '--workers', 'two');
    expect(code).toBe(2);
    expect(stderr).toContain('--workers takes a whole number');
  });

  it('takes no more --workers than the machine has cores, and says so', async () => {
    const cores = availableParallelism();
    const { code, stderr } = await ingestInto('many-workers', file, '--workers', '64');
    expect(code).toBe(3);
    expect(stderr).toContain(`mosaic ingest: --workers 64 is more than this machine's ${cores} cores: ${cores} workers parse and validate`);
    expect(summaryOf(stderr)).toMatchObject({ lines: 3, created: 2, rejected: 1 });
    const within = await ingestInto('few-workers', file, '--workers', String(cores));
    expect(within.stderr).not.toContain('is more than this machine');
  });

  it('resumes after the lines written only: a line rejected before is read and reported again', async () => {
    const first = await ingestInto('resume', file);
    expect(summaryOf(first.stderr)).toMatchObject({ created: 2, rejected: 1, resumed: 0 });
    const again = await ingestInto('resume', file);
    expect(again.code).toBe(3);
    expect(again.stderr).toContain('line 2: birthDate: is not a date');
    expect(again.stderr).toContain('mosaic ingest: 1 lines skipped, written by an earlier run');
    expect(summaryOf(again.stderr)).toMatchObject({ lines: 3, resumed: 1, rejected: 1, unchanged: 1, created: 0 });
  });

  it('reads a CSV afresh when its mapping changed, and writes the lines the old mapping got rejected', async () => {
    const csv = join(dir, 'persons.csv');
    writeFileSync(csv, 'ref,full_name,cat\nc1,Wout Claessens,suspect\nc2,Noor Vandamme,witness\n');
    const { reviewDate: _r, category: _c, ...shared } = testProvenance('fedpol');
    const mapping = (provenanceColumns: Record<string, string>): string => {
      const path = join(dir, `mapping-${Object.keys(provenanceColumns).length}.json`);
      writeFileSync(path, JSON.stringify({ schema: 'Person', id: 'ref', properties: { name: 'full_name' }, provenance: { ...shared, reviewDate: '2031-01-01' }, provenanceColumns }));
      return path;
    };
    const before = await ingestInto('mapping', csv, '--mapping', mapping({}));
    expect(before.code).toBe(3);
    expect(before.stderr).toContain('line 2: provenance.category: is required');
    const after = await ingestInto('mapping', csv, '--mapping', mapping({ category: 'cat' }));
    expect(after.code).toBe(0);
    expect(summaryOf(after.stderr)).toMatchObject({ created: 2, rejected: 0, resumed: 0 });
  });

  it('reads again, on a second run, a line the store refused for its schema, and reports it again', async () => {
    const first = join(dir, 'first.jsonl');
    writeFileSync(first, `${line('s1', { name: ['Wout Claessens'] })}\n`);
    expect((await ingestInto('schema', first)).code).toBe(0);
    // the same id as an organisation: refused by the store, after the line was read as valid
    const again = join(dir, 'again.jsonl');
    writeFileSync(again, [
      JSON.stringify({ id: 's1', schema: 'Organization', properties: { name: ['Claessens BV'] }, provenance: testProvenance('fedpol') }),
      line('s2', { name: ['Noor Vandamme'] }),
    ].join('\n'));
    const once = await ingestInto('schema', again);
    expect(once.code).toBe(3);
    expect(once.stderr).toContain('line 1: schema: record fedpol:s1 exists with another schema');
    const twice = await ingestInto('schema', again);
    expect(twice.code).toBe(3);
    expect(twice.stderr).toContain('line 1: schema: record fedpol:s1 exists with another schema');
    expect(summaryOf(twice.stderr)).toMatchObject({ resumed: 0, rejected: 1, unchanged: 1 });
  });

  it('refuses defaults or a mapping with a field provenance does not have, before opening the store', async () => {
    const defaults = join(dir, 'defaults-typo.json');
    writeFileSync(defaults, JSON.stringify({ source: 'rms', marking: { need_to_know: ['jit-1'] } }));
    const refused = await ingestInto('typo', file, '--defaults', defaults);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`mosaic ingest: --defaults ${defaults}: marking.need_to_know: is not a field of a marking: did you mean needToKnow?`);
    const csv = join(dir, 'typo.csv');
    writeFileSync(csv, 'ref,full_name\nc1,Wout Claessens\n');
    for (const [mapping, said] of [
      [{ schema: 'Person', id: 'ref', properties: { name: 'full_name' }, provenance: { legal_basis: 'Police Act' } }, 'provenance.legal_basis: is not a field of provenance: did you mean legalBasis?'],
      [{ schema: 'Person', id: 'ref', properties: { name: 'full_name' }, provenanceColumns: { tlp: 'full_name' } }, 'provenanceColumns.tlp is not a provenance field a column can give'],
      [{ schema: 'Person', id: 'ref', properties: { name: 'full_name' }, provenance_columns: { category: 'cat' } }, 'provenance_columns is not a field of a mapping'],
    ] as const) {
      const path = join(dir, 'mapping-typo.json');
      writeFileSync(path, JSON.stringify(mapping));
      // (thrown as invalid input: the command's runner prints it and exits 2)
      await expect(ingestInto('typo', csv, '--mapping', path)).rejects.toMatchObject({ code: 'MOSAIC_INVALID_INPUT', message: expect.stringContaining(said) });
    }
    expect(existsSync(join(dir, 'typo'))).toBe(false);
  });

  it('refuses defaults whose values provenance does not take, naming the file and each field, before opening the store', async () => {
    const defaults = join(dir, 'defaults-values.json');
    writeFileSync(defaults, JSON.stringify({ reliability: 'Q', credibility: 9, marking: { tlp: 'x' } }));
    const refused = await ingestInto('bad-values', file, '--defaults', defaults);
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim().split('\n')).toEqual([
      `mosaic ingest: --defaults ${defaults}: reliability: is not one of A, B, C, D, E, F`,
      `mosaic ingest: --defaults ${defaults}: credibility: is not one of 1, 2, 3, 4, 5, 6`,
      `mosaic ingest: --defaults ${defaults}: marking.tlp: is not one of CLEAR, GREEN, AMBER, AMBER+STRICT, RED`,
    ]);
    expect(existsSync(join(dir, 'bad-values'))).toBe(false);
    // good values, the fields the lines lack left to them
    writeFileSync(defaults, JSON.stringify({ reliability: 'b', credibility: '2', marking: { tlp: 'amber' } }));
    expect((await ingestInto('good-values', file, '--defaults', defaults)).code).toBe(3);
  });

  it('gives a record without a review date the one its category\'s retention rule gives, as the API does', async () => {
    const { reviewDate: _r, ...provenance } = testProvenance('fedpol');
    const live = join(dir, 'live2.jsonl');
    writeFileSync(live, `${JSON.stringify({ id: 'l1', schema: 'Person', properties: { name: ['Elif Kaya'] }, provenance })}\n`);
    const { code, stderr } = await ingestInto('review', live);
    expect(code).toBe(0);
    expect(summaryOf(stderr)).toMatchObject({ created: 1, rejected: 0 });
    const store = await openStore({ dataDir: join(dir, 'review') });
    try {
      const stored = await store.getRecord(recordIdOf(AgencyId('fedpol'), 'l1'));
      expect(stored?.record.provenance.reviewDate).toBe(reviewDateFor('suspect', new Date().toISOString().slice(0, 10)));
    } finally {
      await store.close();
    }
  });

  it('rejects a CSV row the parser cannot read by its line, and writes the others', async () => {
    const csv = join(dir, 'quote.csv');
    writeFileSync(csv, 'ref,full_name\nq1,Wout Claessens\nq2,Noor "Vandamme\nq3,Elif Kaya\n');
    const mapping = join(dir, 'quote-mapping.json');
    writeFileSync(mapping, JSON.stringify({ schema: 'Person', id: 'ref', properties: { name: 'full_name' }, provenance: testProvenance('fedpol') }));
    const { code, stderr } = await ingestInto('quote', csv, '--mapping', mapping);
    expect(code).toBe(3);
    expect(stderr).toContain('line 3: record: is not valid CSV (column "full_name": a quote inside a value that does not begin with one; a value holding quotes is put in quotes, and each of its quotes written twice)');
    expect(stderr).not.toContain('Vandamme');
    expect(summaryOf(stderr)).toMatchObject({ lines: 3, created: 2, rejected: 1 });
  });

  it('rejects a Report line, a report being uploaded with its text, and tells a reference to a record neither the file nor the store holds by line and field, writing its line', async () => {
    const mixed = join(dir, 'mixed.jsonl');
    const record = (id: string, schema: string, properties: Record<string, unknown>): string => JSON.stringify({ id, schema, properties, provenance: testProvenance('fedpol') });
    writeFileSync(mixed, [
      line('m1', { name: ['Wout Claessens'] }),
      record('rep1', 'Report', { title: ['Harbour watch'], collection: ['harbour'] }),
      record('veh1', 'Vehicle', { registrationNumber: ['1-ABC-123'], owner: ['nobody-404'] }),
      record('fam1', 'Family', { person: ['m1'], relative: ['m4'], relationship: ['brother'] }),
      line('m4', { name: ['Elif Kaya'] }),
    ].join('\n'));
    for (const workers of ['0', '1']) {
      const { code, stderr } = await ingestInto(`mixed-${workers}`, mixed, '--workers', workers);
      expect(code, stderr).toBe(3);
      expect(stderr).toContain('line 2: schema: a Report is written by uploading it (mosaic reports add, POST /reports), with its text and what extraction found in it');
      expect(stderr).toContain('line 3: owner: names no record given by a line of the file or stored');
      expect(stderr).not.toContain('line 4:');
      expect(stderr).not.toContain('nobody-404');
      expect(summaryOf(stderr)).toMatchObject({ lines: 5, created: 4, rejected: 1, warningCount: 1 });
      expect(summaryOf(stderr)).not.toHaveProperty('warnings');
    }
  });
});
