/**
 * `mosaic ingest` on a real store: rejected lines named on stderr, a one-line JSON summary,
 * exit 3 when lines were rejected, idempotent re-ingest, and --workers checked.
 */
import { testProvenance } from '@mosaic/service/testing';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
  const { value: code, stderr } = await capturingStderr(() => run([...argv, '--data', join(dir, 'data')]));
  return { code, stderr };
}

const summaryOf = (stderr: string): Record<string, unknown> => JSON.parse(stderr.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;

describe('mosaic ingest', () => {
  it('writes the valid lines, names each rejected one, and exits 3', async () => {
    const { code, stderr } = await ingest(file, '--workers', '1');
    expect(code).toBe(3);
    expect(stderr).toContain('line 2: birthDate: "31-31-1990" is not a date');
    expect(summaryOf(stderr)).toMatchObject({ file: 'persons.jsonl', lines: 3, created: 2, rejected: 1 });
  });

  it('changes nothing when the same file is ingested again, with or without workers', async () => {
    for (const workers of ['0', '2']) {
      const { code, stderr } = await ingest(file, '--no-resume', '--workers', workers);
      expect(code).toBe(3);
      expect(summaryOf(stderr)).toMatchObject({ created: 0, updated: 0, unchanged: 2, rejected: 1 });
    }
  });

  it('refuses a --workers that is not a whole number', async () => {
    const { code, stderr } = await ingest(file, '--workers', 'two');
    expect(code).toBe(2);
    expect(stderr).toContain('--workers takes a whole number');
  });
});
