/**
 * CSV rows as csvSource reads them: a row with a stray quote is rejected alone, at its own line,
 * and the rows after it are read; a quoted value may still hold line breaks, and a quote never
 * closed still takes the rest of the file.
 */
import { schemata } from '@mosaic/model';
import { describe, expect, it } from 'vitest';
import { parseCsvMapping } from './csv-mapping.ts';
import type { SourceItem } from './ingest.ts';
import { csvSource } from './sources.ts';

const provenance = {
  agency: 'zone-north', source: 'rms', reliability: 'B', credibility: 2, marking: { tlp: 'AMBER', classification: 'RESTRICTED', releasability: [] },
  handling: 'H0', category: 'suspect', nature: 'fact', legalBasis: 'Police Act art. 44', reviewDate: '2030-01-01',
};
const mapping = parseCsvMapping({ schema: 'Person', id: 'ref', properties: { name: 'full_name', birthDate: 'dob' }, provenance }, schemata());

async function rows(chunks: readonly (string | Uint8Array)[]): Promise<{ line: number; id?: string; name?: unknown; error?: string }[]> {
  const out: { line: number; id?: string; name?: unknown; error?: string }[] = [];
  for await (const item of csvSource(chunks, mapping) as AsyncIterable<SourceItem>) {
    if (item.parseError !== undefined) out.push({ line: item.line, error: item.parseError });
    else {
      const raw = item.raw as { id: string; properties: { name?: unknown } };
      out.push({ line: item.line, id: raw.id, name: raw.properties.name });
    }
  }
  return out;
}

describe('csvSource', () => {
  it('rejects a row with a stray quote alone, at its line, and reads the rows after it', async () => {
    const csv = 'ref,full_name,dob\nc1,Jan Peeters,1989-09\nc2,"Broken "quote,1990\nc3,Piet Jansen,1990\nc4,Anna Smit,1991\nc5,Last Good,1993\n';
    expect(await rows([csv])).toEqual([
      { line: 2, id: 'c1', name: ['Jan Peeters'] },
      { line: 3, error: 'is not valid CSV (column "full_name": a quoted value\'s closing quote is followed by other text, where a comma or the line\'s end must follow; a quote inside a quoted value is written twice)' },
      { line: 4, id: 'c3', name: ['Piet Jansen'] },
      { line: 5, id: 'c4', name: ['Anna Smit'] },
      { line: 6, id: 'c5', name: ['Last Good'] },
    ]);
  });

  it('rejects a row with a quote inside an unquoted value alone', async () => {
    const csv = 'ref,full_name,dob\nc1,Jan Pe"eters\nc2,"Piet ""PJ"" Jansen"\n';
    expect(await rows([csv])).toEqual([
      { line: 2, error: 'is not valid CSV (column "full_name": a quote inside a value that does not begin with one; a value holding quotes is put in quotes, and each of its quotes written twice)' },
      { line: 3, id: 'c2', name: ['Piet "PJ" Jansen'] },
    ]);
  });

  it('reads a quoted value across lines, and rejects a row broken on its second line with both lines', async () => {
    const csv = 'ref,full_name,dob\r\nc1,"Jan\r\nPeeters",1989\r\nc2,"Piet\nJansen"x,1990\nc3,"Anna, Smit",1991\n';
    expect(await rows([csv])).toEqual([
      { line: 2, id: 'c1', name: ['Jan\nPeeters'] },
      { line: 4, error: 'is not valid CSV (line 5, column "full_name": a quoted value\'s closing quote is followed by other text, where a comma or the line\'s end must follow; a quote inside a quoted value is written twice): lines 4 to 5 were read as one row and are skipped' },
      { line: 6, id: 'c3', name: ['Anna, Smit'] },
    ]);
  });

  it('reads rows split across chunks, blank lines and lines ended by a lone CR', async () => {
    const csv = 'ref,full_name,dob\rc1,Jan Peeters\r\rc2,"Piet Jansen"\r';
    expect(await rows([csv.slice(0, 20), csv.slice(20)])).toEqual([
      { line: 2, id: 'c1', name: ['Jan Peeters'] },
      { line: 4, id: 'c2', name: ['Piet Jansen'] },
    ]);
  });

  it('still takes the rest of the file with a quote never closed, after a stray quote', async () => {
    const csv = 'ref,full_name,dob\nc1,"Broken "quote\nc2,"Piet\nc3,Anna Smit\n';
    expect(await rows([csv])).toEqual([
      { line: 2, error: 'is not valid CSV (column "full_name": a quoted value\'s closing quote is followed by other text, where a comma or the line\'s end must follow; a quote inside a quoted value is written twice)' },
      { line: 3, error: 'is not valid CSV (a quote opened on line 3 is never closed: lines 3 to 4, the end of the file, were read as one value and are skipped)' },
    ]);
  });

  it('says where and why a row or the header was refused in plain words, never quoting a value, naming the mapping\'s delimiter', async () => {
    const semicolons = parseCsvMapping({ schema: 'Person', id: 'ref', properties: { name: 'full_name' }, provenance, delimiter: ';' }, schemata());
    const read = async (csv: string, using = mapping): Promise<(string | undefined)[]> => {
      const errors: (string | undefined)[] = [];
      for await (const item of csvSource([csv], using) as AsyncIterable<SourceItem>) errors.push(item.parseError);
      return errors;
    };
    expect(await read('ref;full_name\nc1;"Wout "Claes;x\n', semicolons)).toEqual([
      'is not valid CSV (column "full_name": a quoted value\'s closing quote is followed by other text, where a semicolon or the line\'s end must follow; a quote inside a quoted value is written twice)',
    ]);
    // a value beyond the header's columns has no name: its place is told
    expect(await read('ref,full_name,dob\nc1,Wout,1990,Cl"aes\n')).toEqual([
      'is not valid CSV (column 4: a quote inside a value that does not begin with one; a value holding quotes is put in quotes, and each of its quotes written twice)',
    ]);
    expect(await read('ref,"full_name"x,dob\nc1,Wout,1990\n')).toEqual([
      'the header is not valid CSV (column 2: a quoted value\'s closing quote is followed by other text, where a comma or the line\'s end must follow; a quote inside a quoted value is written twice)',
    ]);
  });

  it('gathers a quote never closed near the top of a large file in linear time', async () => {
    const csv = `ref,full_name,dob\nc1,"open\n${Array.from({ length: 50_000 }, (_, i) => `r${i},Name ${i},1990`).join('\n')}\n`;
    expect(await rows([csv])).toEqual([
      { line: 2, error: 'is not valid CSV (a quote opened on line 2 is never closed: lines 2 to 50002, the end of the file, were read as one value and are skipped)' },
    ]);
  }, 5_000);
});
