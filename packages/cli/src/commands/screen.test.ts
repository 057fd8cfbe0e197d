/**
 * `mosaic screen`: watchlist lines and queries checked as resolve and compare check a record
 * (schema, properties, values), a misspelt query field named, each rejected line on stderr (by
 * number, field and reason, never by the value refused), and exit 3 when any line or query was
 * rejected.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { capturingStderr } from '../run-for-test.ts';
import { run } from './screen.ts';

const dir = mkdtempSync(join(tmpdir(), 'mosaic-cli-screen-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const jsonl = (name: string, lines: readonly unknown[]): string => {
  const path = join(dir, name);
  writeFileSync(path, lines.map((l) => JSON.stringify(l)).join('\n'));
  return path;
};

describe('mosaic screen', () => {
  it('rejects watchlist lines and queries resolve would reject, names them, and exits 3', async () => {
    const watchlist = jsonl('watchlist.jsonl', [
      { id: 'w1', schema: 'Person', properties: { name: ['Rachid Bouzid'], birthDate: ['1985-03-02'] } },
      { id: 'w2', schema: 'Persn', properties: { name: ['Karim Benali'] } },
      { id: 'w3', schema: 'Person', properties: { name: ['Lina Haddad'], birthDate: ['1999-99-99'] } },
    ]);
    const queries = jsonl('queries.jsonl', [
      { id: 'q1', name: 'Rachid Bouzid' },
      { id: 'q2', schema: 'Persn', properties: { name: ['Rachid Bouzid'] } },
      { id: 'q3', name: 'Rachid Bouzid', birthDate: '1999-99-99' },
      { id: 'q4', nmae: 'Rachid Bouzid' },
    ]);
    const out = join(dir, 'results.jsonl');
    const { value: code, stderr } = await capturingStderr(() => run(['--watchlist', watchlist, '--queries', queries, '--out', out]));
    expect(code).toBe(3);
    expect(stderr).toContain('watchlist:2: schema: is not a known schema');
    expect(stderr).toContain('watchlist:3: birthDate: is not a date');
    expect(stderr).toContain('queries:2: schema: is not a known schema');
    expect(stderr).toContain('queries:3: birthDate: is not a date');
    expect(stderr).toContain('queries:4: nmae: is not a query field');
    const results = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { query: string; hits: { id: string }[]; rejected?: { field: string } });
    expect(results.map((r) => [r.query, r.rejected?.field])).toEqual([['q1', undefined], ['q2', 'schema'], ['q3', 'birthDate'], ['q4', 'nmae']]);
    expect(results[0]?.hits.map((h) => h.id)).toEqual(['w1']);
    const summary = JSON.parse(stderr.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;
    expect(summary).toMatchObject({ watchlist: { entries: 1, rejected: 2 }, queries: { total: 4, rejected: 3 } });
  });

  it('names a rejected line by number, field and reason on stderr, never by the value refused', async () => {
    const watchlist = jsonl('watchlist-values.jsonl', [
      { id: 'w1', schema: 'Person', properties: { name: ['Rachid Bouzid'], birthDate: ['1985-03-02'] } },
      { id: 'w2', schema: 'Person', properties: { name: ['Lina Haddad'], birthDate: ['1977-13-41'], nationality: ['Atlantis'] } },
    ]);
    const queries = jsonl('queries-values.jsonl', [
      { id: 'q1', name: 'Rachid Bouzid', birthDate: '1985-31-02' },
      { id: 'q2', schema: 'Person', properties: { name: ['Rachid Bouzid'], phone: ['call me 0470'] } },
      { id: 'q3', name: 'Karim Benali', nationality: 'Atlantis' },
    ]);
    const out = join(dir, 'results-values.jsonl');
    const { value: code, stderr } = await capturingStderr(() => run(['--watchlist', watchlist, '--queries', queries, '--out', out]));
    expect(code).toBe(3);
    expect(stderr).toContain('watchlist:2: birthDate: is not a date');
    expect(stderr).toContain('queries:1: birthDate: is not a date');
    expect(stderr).toContain('queries:2: phone: is not an international (E.164) phone number');
    expect(stderr).toContain('queries:3: nationality: is not an ISO 3166 country');
    for (const value of ['1977-13-41', '1985-31-02', 'call me 0470', 'Atlantis']) expect(stderr).not.toContain(value);
  });

  it('screens a flat query whose nationality is written as a passport\'s machine-readable zone writes it (ICAO Doc 9303)', async () => {
    const watchlist = jsonl('watchlist-icao.jsonl', [
      { id: 'w1', schema: 'Person', properties: { name: ['Rachid Bouzid'], birthDate: ['1985-03-02'], nationality: ['de'] } },
    ]);
    const queries = jsonl('queries-icao.jsonl', [
      { id: 'q1', name: 'Rachid Bouzid', nationality: 'D<<' },
      { id: 'q2', name: 'Rachid Bouzid', nationality: 'XXA' },
      { id: 'q3', name: 'Rachid Bouzid', nationality: 'GBD' },
    ]);
    const out = join(dir, 'results-icao.jsonl');
    const { value: code } = await capturingStderr(() => run(['--watchlist', watchlist, '--queries', queries, '--out', out]));
    expect(code).toBe(0);
    const results = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { query: string; hits: { id: string; explain: { nationality?: unknown } }[] });
    expect(results.map((r) => [r.query, r.hits.map((h) => h.id)])).toEqual([['q1', ['w1']], ['q2', ['w1']], ['q3', ['w1']]]);
    // stateless: no nationality to compare
    expect(results[1]?.hits[0]?.explain.nationality).toBeUndefined();
    expect(results[0]?.hits[0]?.explain.nationality).toBeDefined();
  });

  it('says what is wrong with a --limit it does not take, exit 2, before reading a file', async () => {
    for (const limit of ['0', 'ten', '1001']) {
      const { value: code, stderr } = await capturingStderr(() => run(['--watchlist', join(dir, 'none.jsonl'), '--queries', join(dir, 'none.jsonl'), '--out', join(dir, 'none-out.jsonl'), '--limit', limit]));
      expect(code).toBe(2);
      expect(stderr).toContain(`mosaic screen: --limit takes a whole number of hits per query from 1 to 1000, not "${limit}"`);
    }
  });
});
