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
import { tmpdir } from 'node:os';
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

  it('refuses a bad mapping, defaults file or option before it creates the data folder', async () => {
    const write = (name: string, text: string): string => {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    };
    const csv = write('refused.csv', 'ref,full_name\nr1,Wout Claessens\n');
    const unknownSchema = write('mapping-unknown-schema.json', JSON.stringify({ schema: 'Persn', id: 'ref', properties: { name: 'full_name' }, provenance: testProvenance('fedpol') }));
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
      [[csv, '--mapping', unknownSchema], 'mapping: schema "Persn" is not a known concrete schema'],
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

  it('refuses a --workers that is not a whole number', async () => {
    const { code, stderr } = await ingest(file, '--workers', 'two');
    expect(code).toBe(2);
    expect(stderr).toContain('--workers takes a whole number');
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
    expect(stderr).toContain('line 3: record: is not valid CSV (Invalid Opening Quote in column "full_name")');
    expect(stderr).not.toContain('Vandamme');
    expect(summaryOf(stderr)).toMatchObject({ lines: 3, created: 2, rejected: 1 });
  });
});
