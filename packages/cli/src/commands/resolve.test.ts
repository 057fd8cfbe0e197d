/**
 * `mosaic resolve`: one output line per record in input order, rejected lines named by number,
 * field and reason on stderr (never by a value), a one-line JSON summary, exit 3 when lines were
 * rejected.
 */
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REFERENCE_PRIOR } from '@mosaic/resolution';
import { afterAll, describe, expect, it } from 'vitest';
import { capturingStderr } from '../run-for-test.ts';
import { run } from './resolve.ts';

const dir = mkdtempSync(join(tmpdir(), 'mosaic-cli-resolve-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const line = (id: string, schema: string, properties: Record<string, unknown>): string => JSON.stringify({ id, schema, properties });

async function resolve(input: string): Promise<{ code: number; stderr: string; out: { id: string; entity: string }[] }> {
  const file = join(dir, 'records.jsonl');
  const out = join(dir, 'clusters.jsonl');
  writeFileSync(file, input);
  const { value: code, stderr } = await capturingStderr(() => run(['--in', file, '--out', out]));
  return { code, stderr, out: readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; entity: string }) };
}

describe('mosaic resolve', () => {
  it('writes one line per record, names rejected lines by number and exits 3', async () => {
    const { code, stderr, out } = await resolve([
      line('m1', 'Person', { name: ['Mira Vandersteen'], birthDate: ['1991-06-14'], idNumber: ['91061412345'] }),
      '',
      'not json',
      line('a1', 'Address', { full: ['1 Main Street'] }),
      line('m2', 'Person', { name: ['VANDERSTEEN, Mira'], birthDate: ['1991-06-14'], idNumber: ['91.06.14-123.45'] }),
      '{"schema":"Person","properties":{}}',
      line('m3', 'Person', { name: ['Mira Vandersteen'], birthDate: ['1991-02-29'] }),
    ].join('\n'));
    expect(code).toBe(3);
    expect(stderr).toContain('line 3: not JSON');
    expect(stderr).toContain('line 6: id must be a non-empty string');
    expect(stderr).toContain('line 7: birthDate: is not a date');
    expect(stderr).not.toContain('1991-02-29');
    expect(out.map((o) => o.id)).toEqual(['m1', 'a1', 'm2']);
    expect(out[0]?.entity).toBe(out[2]?.entity);
    expect(out[1]?.entity).not.toBe(out[0]?.entity);
    const summary = JSON.parse(stderr.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;
    expect(summary).toMatchObject({ records: 3, rejected: 3, entities: 2, prior: REFERENCE_PRIOR });
  });

  it('refuses an --out whose folder is not there, or that is a folder, before it reads a line', async () => {
    const file = join(dir, 'unread.jsonl');
    writeFileSync(file, `${line('m1', 'Person', { name: ['Mira Vandersteen'] })}\nnot json\n`);
    for (const [out, reason] of [[join(dir, 'missing', 'clusters.jsonl'), `no such folder ${join(dir, 'missing')}`], [dir, 'is a directory, not a file']] as const) {
      const { value: refused, stderr } = await capturingStderr(() => run(['--in', file, '--out', out]).catch((error: unknown) => error));
      expect(refused).toMatchObject({ kind: 'invalid', message: `resolve: --out ${out}: ${reason}` });
      expect(stderr).not.toContain('line 2');
    }
  });

  it('leaves an earlier --out as it was until its results are all written, then puts them in its place', async () => {
    const file = join(dir, 'many.jsonl');
    writeFileSync(file, Array.from({ length: 3000 }, (_, i) => line(`p${i}`, 'Person', { name: [`Mira Vandersteen ${i}`] })).join('\n'));
    const out = join(dir, 'earlier-clusters.jsonl');
    writeFileSync(out, 'earlier results\n');
    chmodSync(out, 0o640);
    // every turn of the event loop while the command runs reads the output as another program would
    const seen = new Set<string>();
    let running = true;
    const look = (): void => {
      seen.add(readFileSync(out, 'utf8'));
      if (running) setImmediate(look);
    };
    look();
    const { value: code } = await capturingStderr(() => run(['--in', file, '--out', out]).finally(() => (running = false)));
    expect(code).toBe(0);
    const written = readFileSync(out, 'utf8');
    expect(written.split('\n')).toHaveLength(3001);
    expect([...seen].filter((text) => text !== 'earlier results\n' && text !== written).map((text) => text.length)).toEqual([]);
    expect(statSync(out).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir).filter((name) => name.includes('earlier-clusters'))).toEqual(['earlier-clusters.jsonl']);
  }, 30_000);

  it.runIf(existsSync('/dev/full'))('says in one line that the output could not be written when a write fails', async () => {
    const file = join(dir, 'full.jsonl');
    writeFileSync(file, line('m1', 'Person', { name: ['Mira Vandersteen'] }));
    const { value } = await capturingStderr(() => run(['--in', file, '--out', '/dev/full']).catch((error: unknown) => error));
    expect(value).toMatchObject({ kind: 'internal', message: 'resolve: --out /dev/full: could not be written (ENOSPC)' });
  });

  it('rejects a later line with an id already read, naming the first', async () => {
    const { code, stderr, out } = await resolve([
      line('fedpol:FP-ORG-001', 'Organization', { name: ['Atlas Trading'] }),
      line('fedpol:FP-ORG-002', 'Organization', { name: ['Borealis Shipping'] }),
      line('fedpol:FP-ORG-001', 'Organization', { name: ['Borealis Shipping'] }),
    ].join('\n'));
    expect(code).toBe(3);
    expect(stderr).toContain('line 3: id: is already the id of line 1');
    expect(stderr).not.toContain('FP-ORG-001');
    expect(out.map((o) => o.id)).toEqual(['fedpol:FP-ORG-001', 'fedpol:FP-ORG-002']);
  });
});
