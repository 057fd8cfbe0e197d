/**
 * Input must be UTF-8. A line that is not (a Latin-1 "François Müller") is rejected by number,
 * never stored with U+FFFD in its names, and the rest of the file is read: in JSON Lines read in
 * this thread or in workers, and in CSV. A UTF-16 file is refused once, naming its encoding; a
 * UTF-8 byte-order mark is no part of line 1.
 */
import { schemata } from '@mosaic/model';
import { openSqliteStore, type Store } from '@mosaic/store';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseCsvMapping } from './csv-mapping.ts';
import { ingestFile } from './ingest-file.ts';
import { formatIngestError, type SourceItem } from './ingest.ts';
import { csvSource, jsonlSource } from './sources.ts';

const registry = schemata();
const provenance = {
  agency: 'zone-north', source: 'rms', reliability: 'B', credibility: 2, marking: { tlp: 'AMBER', classification: 'RESTRICTED', releasability: [] },
  handling: 'H0', category: 'suspect', nature: 'fact', legalBasis: 'Police Act art. 44', reviewDate: '2030-01-01',
};
const person = (id: string, name: string): string => JSON.stringify({ id, schema: 'Person', properties: { name: [name] }, provenance });
const latin1 = (text: string): Buffer => Buffer.from(text, 'latin1');
const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');
const NOT_UTF8 = 'record: is not valid UTF-8 (the file may be in another encoding, such as Latin-1; convert it to UTF-8)';
const mapping = parseCsvMapping({ schema: 'Person', id: 'ref', properties: { name: 'full_name' }, provenance }, registry);

async function items(source: AsyncIterable<SourceItem>): Promise<{ line: number; name?: unknown; error?: string }[]> {
  const out: { line: number; name?: unknown; error?: string }[] = [];
  for await (const item of source) {
    if (item.parseError !== undefined) out.push({ line: item.line, error: `record: ${item.parseError}` });
    else out.push({ line: item.line, name: (item.raw as { properties: { name: unknown } }).properties.name });
  }
  return out;
}

const dirs: string[] = [];
const stores: Store[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function fixture(bytes: Buffer, name = 'records.jsonl'): Promise<{ store: Store; path: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'mosaic-ingest-encoding-'));
  dirs.push(dir);
  const path = join(dir, name);
  writeFileSync(path, bytes);
  const store = await openSqliteStore({ dataDir: join(dir, 'data') });
  stores.push(store);
  return { store, path };
}

describe('ingest of a file that is not UTF-8', () => {
  it('rejects each JSON line that is not UTF-8 by number and reads the others, in this thread and in workers', async () => {
    // a Latin-1 line among UTF-8 ones; read in two chunks, the second UTF-8 "é" is cut in two
    const bytes = Buffer.concat([utf8(`${person('p1', 'Jan Peeters')}\n`), latin1(`${person('p2', 'François Müller')}\n`), utf8(`${person('p3', 'Renée Dubois')}\n${person('p4', 'Zoë Claes')}`)]);
    for (const workers of [0, 1]) {
      const { store, path } = await fixture(bytes);
      const summary = await ingestFile(store, registry, { path, actor: 'ingest:test', workers });
      expect(summary).toMatchObject({ created: 3, rejected: 1 });
      expect(summary.errors.map(formatIngestError)).toEqual([`line 2: ${NOT_UTF8}`]);
    }
    const cut = bytes.indexOf(utf8('Renée')) + 4;
    expect(await items(jsonlSource([bytes.subarray(0, cut), bytes.subarray(cut)]))).toEqual([
      { line: 1, name: ['Jan Peeters'] }, { line: 2, error: NOT_UTF8 }, { line: 3, name: ['Renée Dubois'] }, { line: 4, name: ['Zoë Claes'] },
    ]);
  });

  it('rejects each CSV row that is not UTF-8 by number and reads the others', async () => {
    const bytes = Buffer.concat([utf8('\ufeffref,full_name\nb1,Jan Peeters\n'), latin1('b2,François Müller\n'), utf8('b3,Renée Dubois\n')]);
    expect(await items(csvSource([bytes.subarray(0, 30), bytes.subarray(30)], mapping))).toEqual([
      { line: 2, name: ['Jan Peeters'] }, { line: 3, error: NOT_UTF8 }, { line: 4, name: ['Renée Dubois'] },
    ]);
  });

  it('refuses a UTF-16 file once, naming its encoding, rather than each line as bad JSON', async () => {
    const text = `${person('p1', 'Jan Peeters')}\n${person('p2', 'Renée Dubois')}\n`;
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    for (const workers of [0, 1]) {
      const { store, path } = await fixture(le);
      await expect(ingestFile(store, registry, { path, actor: 'ingest:test', workers })).rejects.toThrow('ingest: the file is in UTF-16 (little-endian: it starts with the bytes FF FE), not UTF-8; convert it to UTF-8');
    }
    const be = Buffer.from(Buffer.from(`\ufeff${text}`, 'utf16le').swap16());
    await expect(items(jsonlSource([be]))).rejects.toThrow('ingest: the file is in UTF-16 (big-endian: it starts with the bytes FE FF)');
    await expect(items(csvSource([Buffer.from('ref,full_name\nb1,Jan\n', 'utf16le')], mapping))).rejects.toThrow('ingest: the file is in UTF-16 (little-endian: every other byte is zero)');
  });

  it('reads a UTF-8 byte-order mark as no part of the first line, in CSV and JSON Lines', async () => {
    const { store, path } = await fixture(utf8(`\ufeffref,full_name\nb1,Jan Peeters\n`), 'records.csv');
    expect(await ingestFile(store, registry, { path, actor: 'ingest:test', mapping })).toMatchObject({ created: 1, rejected: 0 });
    expect(await items(jsonlSource([utf8(`\ufeff${person('p1', 'Jan Peeters')}`)]))).toEqual([{ line: 1, name: ['Jan Peeters'] }]);
  });
});
