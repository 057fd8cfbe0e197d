/**
 * `mosaic reports` over a real store, the whole review in the command line: add a report,
 * show its entities with link proposals, confirm one as an existing record, reject another.
 */
import { docxOf, namesListedOf, pdfOf, pdfRedrawnOf } from '@mosaic/extract/testing';
import { validateRecord } from '@mosaic/model';
import { openTestMosaic, testProvenance, type TestMosaic } from '@mosaic/service/testing';
import { SQLITE_FILE_NAME } from '@mosaic/store';
import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capturingStderr, runOnStore } from '../run-for-test.ts';
import { run } from './reports.ts';

let world: TestMosaic;

beforeAll(async () => {
  world = await openTestMosaic();
  const v = validateRecord(world.mosaic.registry, { id: 'z1', schema: 'Person', properties: { name: ['Ortwin Kaelberer'], birthDate: ['1991-02-11'] }, provenance: testProvenance('fedpol') });
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  await world.mosaic.store.putRecords([v.record], { actor: 'test' });
  await world.mosaic.close();
  writeFileSync(join(world.dir, 'interview.txt'), [
    'Ghent, 4 May 2025. Officers questioned Ortwin Kälberer at his flat in Ghent on Tuesday.',
    'Kälberer is the brother of Lioba Kälberer. He met Quirin Vasstad in Antwerp the week before.',
  ].join('\n'));
});

afterAll(() => {
  rmSync(world.dir, { recursive: true, force: true });
});

const mosaic = (...argv: string[]) => runOnStore(run, world.dir, argv);

/** As `mosaic`, extraction given `timeoutMs` (10 s and 10 s a million characters unless given). */
const mosaicWithin = (timeoutMs: number, ...argv: string[]) => runOnStore((args, io) => run(args, io, { extraction: { timeoutMs } }), world.dir, argv);

/** `mosaic reports ARGV…` run as a process on the world's store: what it printed and its exit code. */
async function mosaicProcess(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const main = join(import.meta.dirname, '..', 'main.ts');
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [main, 'reports', ...argv, '--data', world.dir], { timeout: 25_000, env: { ...process.env, CI: '1' } });
    return { code: 0, out: stdout, err: stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, out: stdout, err: stderr };
  }
}

/** The JSON lines a command printed. */
const lines = (printed: string): Record<string, unknown>[] => printed.trim().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);

const AS = ['--as', 'fedAnalyst', '--purpose', 'report review', '--case', 'CASE-R9'];

interface Shown { view: { entities: { id: string; schema: string; name: string; status: string; record?: string; proposals?: { record: string }[] }[] } }

describe('mosaic reports', () => {
  it('adds a report, shows its entities with proposals, confirms one as an existing record and rejects another', async () => {
    const added = await mosaic('add', join(world.dir, 'interview.txt'), '--collection', 'warehouse-fire', '--reliability', 'B', '--credibility', '2', ...AS);
    expect(added.code).toBe(0);
    const report = (JSON.parse(added.out) as { report: string }).report;

    const shown = JSON.parse((await mosaic('show', report, ...AS)).out) as Shown;
    const ortwin = shown.view.entities.find((e) => e.schema === 'Person' && e.name.startsWith('Ortwin'));
    const vasstad = shown.view.entities.find((e) => e.schema === 'Person' && e.name.includes('Vasstad'));
    expect(ortwin?.proposals?.map((p) => p.record)).toContain('fedpol:z1');
    expect(ortwin?.status).toBe('proposed');

    const confirmed = await mosaic('confirm', report, ortwin!.id, '--link', 'fedpol:z1', ...AS);
    expect(confirmed.code).toBe(0);
    expect(JSON.parse(confirmed.out)).toMatchObject({ status: 'confirmed', record: expect.stringMatching(/^fedpol:/) });
    const rejected = await mosaic('reject', report, vasstad!.id, ...AS);
    expect(JSON.parse(rejected.out)).toMatchObject({ status: 'rejected' });

    const after = JSON.parse((await mosaic('show', report, ...AS)).out) as Shown;
    expect(after.view.entities.find((e) => e.id === ortwin!.id)).toMatchObject({ status: 'confirmed', record: expect.stringMatching(/^fedpol:/) });
    expect(after.view.entities.find((e) => e.id === vasstad!.id)?.status).toBe('rejected');
  });

  it('refuses a file that is not UTF-8, naming the file, and adds nothing', async () => {
    const file = join(world.dir, 'latin1.txt');
    writeFileSync(file, Buffer.from('Fran\xe7ois M\xfcller met J\xfcrgen Wei\xdf in K\xf6ln.', 'latin1'));
    const added = await mosaic('add', file, '--collection', 'latin1', ...AS);
    expect(added.code).toBe(2);
    expect(added.out).toBe('');
    expect(added.err).toMatch(new RegExp(`^mosaic reports add: FILE ${file}: is not valid UTF-8 .*Latin-1`));
    expect((await mosaic('search', 'Köln', ...AS)).out).toBe('');
  });

  it('answers the same file added again into the collection with the report already there, and refuses it with other options, naming the file', async () => {
    const file = join(world.dir, 'interview.txt');
    const first = JSON.parse((await mosaic('add', file, '--collection', 'added-twice', ...AS)).out) as { report: string; repeated?: boolean };
    expect(first.repeated).toBeUndefined();
    const again = await mosaic('add', file, '--collection', 'added-twice', ...AS);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.out)).toMatchObject({ report: first.report, repeated: true });
    expect(JSON.parse(again.err)).toMatchObject({ report: first.report, repeated: true });
    await expect(mosaic('add', file, '--collection', 'added-twice', '--tlp', 'red', ...AS)).rejects.toMatchObject({
      code: 'MOSAIC_CONFLICT', message: expect.stringMatching(new RegExp(`^reports add: FILE ${file}: was uploaded into collection "added-twice" before, as report ${first.report}, `)) as unknown,
    });
    expect((await mosaic('search', 'Kälberer', '--collection', 'added-twice', ...AS)).out.trim().split('\n')).toHaveLength(1);
  });

  it('refuses a FILE larger than a report may be before reading it, naming the file and its size', async () => {
    // 3 GB, sparse: read whole, it failed with an unexpected RangeError (over 2 GiB), and under that was read into memory to be refused
    const file = join(world.dir, 'archive.pdf');
    writeFileSync(file, '');
    truncateSync(file, 3 * 1024 ** 3);
    try {
      const added = await mosaic('add', file, '--collection', 'huge', ...AS);
      expect(added).toEqual({ code: 2, out: '', err: `mosaic reports add: FILE ${file}: is larger than 10 MB (3072 MB): a report is at most 10 MB\n` });
    } finally {
      rmSync(file);
    }
  });

  it('refuses a --country that is not an ISO 3166 country, naming --country, and adds nothing', async () => {
    const file = join(world.dir, 'interview.txt');
    for (const country of ['12', 'xx', 'zz', 'qq', 'atlantis']) {
      await expect(mosaic('add', file, '--collection', 'countries', '--country', country, ...AS), country).rejects.toMatchObject({
        code: 'MOSAIC_INVALID_INPUT', message: `reports add: --country ${JSON.stringify(country)} is not an ISO 3166 country (a code such as be, bel, or an English name)`,
      });
    }
    expect((await mosaic('search', 'Kälberer', '--collection', 'countries', ...AS)).out).toBe('');
    // a code or an English name, as ingest reads a country
    for (const country of ['BE', 'bel', 'Belgium']) expect((await mosaic('add', file, '--collection', 'countries', '--country', country, ...AS)).code, country).toBe(0);
  });

  it('names the option behind a refusal: a classification above the user\'s clearance, a category that is none, a limit that is none', async () => {
    const file = join(world.dir, 'interview.txt');
    await expect(mosaic('add', file, '--collection', 'secrets', '--classification', 'top_secret', ...AS)).rejects.toMatchObject({
      code: 'MOSAIC_FORBIDDEN', message: 'reports add: --classification "top_secret" is above the clearance of fedAnalyst (Secret): nothing was added',
    });
    const category = await mosaic('add', file, '--collection', 'categories', '--category', 'villain', '--tlp', 'purple', ...AS);
    expect(category.code).toBe(2);
    // each refused option by its name, and no review date said missing for want of a category
    expect(category.err.trim().split('\n')).toEqual([
      'mosaic reports add: --category: "villain" is not one of suspect, convicted, victim, witness, contact, other',
      'mosaic reports add: --tlp: "purple" is not one of CLEAR, GREEN, AMBER, AMBER+STRICT, RED',
    ]);
    for (const limit of ['1.5', '0', '-5', '101', 'ten']) {
      await expect(mosaic('search', 'Kälberer', `--limit=${limit}`, ...AS), limit).rejects.toMatchObject({ code: 'MOSAIC_INVALID_INPUT', message: 'reports search: --limit takes a whole number from 1 to 100' });
    }
    expect((await mosaic('search', 'Kälberer', '--limit', '100', ...AS)).code).toBe(0);
    expect((await mosaic('search', 'secrets categories', ...AS)).out).toBe('');
  });

  it('refuses a review without a purpose, and another agency sees no report', async () => {
    for (const argv of [['show', 'fedpol:nothing'], ['search', 'Kälberer'], ['reject', 'fedpol:nothing', 'e1'], ['show', 'fedpol:nothing', '--purpose', 'review']]) {
      await expect(mosaic(...argv, '--as', 'fedAnalyst'), argv.join(' ')).rejects.toMatchObject({ code: 'MOSAIC_PURPOSE_REQUIRED', message: expect.stringContaining(`reports ${argv[0]}: --purpose P and --case C are required`) });
    }
    const added = JSON.parse((await mosaic('add', join(world.dir, 'interview.txt'), '--collection', 'c2', ...AS)).out) as { report: string };
    // As for a report that does not exist (the command's caller prints the message and exits non-zero).
    await expect(mosaic('show', added.report, '--as', 'intelAnalyst', '--purpose', 'p', '--case', 'c')).rejects.toMatchObject({ code: 'MOSAIC_NOT_FOUND' });
  });

  it('refuses an option its verb does not take, rather than ignore it', async () => {
    await expect(mosaic('search', 'Kälberer', '--tlp', 'red', ...AS)).rejects.toThrow('reports search: --tlp is not an option of reports search');
    await expect(mosaic('show', 'fedpol:nothing', '--limit', '5', '--link', 'fedpol:z1', ...AS)).rejects.toThrow('reports show: --limit, --link are not options of reports show');
  });

  it('shows on a terminal the stage an upload is at, with the seconds it has taken once it lasts one', async () => {
    // 1,500 pages of a PDF: seconds of reading
    const file = join(world.dir, 'long.pdf');
    writeFileSync(file, pdfOf(Array.from({ length: 1500 }, (_, i) => [`Page ${i + 1}. Hallvard Ostergren met Benedikte Vaarsholm in Leuven.`])));
    // a terminal, outside a CI run (environment.ts interactive: no bar under CI)
    const tty = Object.getOwnPropertyDescriptor(process.stderr, 'isTTY');
    Object.defineProperty(process.stderr, 'isTTY', { value: true, configurable: true });
    const ci = process.env['CI'];
    delete process.env['CI'];
    try {
      const { value: added, stderr } = await capturingStderr(() => mosaic('add', file, '--collection', 'long', ...AS));
      expect(added.code).toBe(0);
      // the seconds are counted once a stage has lasted one: on a fast machine the reading may not
      expect(stderr).toMatch(/reports add long\.pdf \[.*\] 0% \| 0\/4 reading the document(?: \(\d+ s\))?\u001b/);
      // the stages the bar was drawn at, in order (the bar is redrawn on a timer: a stage of a few
      // milliseconds may pass between two draws; that each is told, in order: upload-report's test)
      const stages = ['reading the document', 'finding entities', 'storing the report', 'proposing links'];
      const at = stages.map((stage) => stderr.indexOf(stage)).filter((i) => i >= 0);
      expect(at.length).toBeGreaterThan(1);
      expect(at, JSON.stringify(stderr)).toEqual([...at].sort((a, b) => a - b));
      expect(JSON.parse(added.err)).toMatchObject({ report: (JSON.parse(added.out) as { report: string }).report });
    } finally {
      if (tty) Object.defineProperty(process.stderr, 'isTTY', tty);
      else delete (process.stderr as { isTTY?: boolean }).isTTY;
      if (ci !== undefined) process.env['CI'] = ci;
    }
  }, 60_000);

  it('adds several files in turn, says each one skipped with why and goes on, and sums up what was added, already there and skipped', async () => {
    const dir = join(world.dir, 'batch');
    mkdirSync(dir);
    const [first, second, third] = ['first.txt', 'second.md', 'third.html'].map((name) => join(dir, name)) as [string, string, string];
    writeFileSync(first, 'Antwerp, 2 June 2025. Ysolde Brannagh was stopped at the harbour gate.');
    writeFileSync(second, 'Ysolde Brannagh met Torvald Quennell in Mechelen on 3 June 2025.');
    writeFileSync(third, '<p>Torvald Quennell rented a flat in Lier.</p>');
    const latin1 = join(dir, 'latin1.txt');
    writeFileSync(latin1, Buffer.from('Fran\xe7ois M\xfcller met J\xfcrgen Wei\xdf in K\xf6ln.', 'latin1'));
    const sheet = join(dir, 'plates.xlsx');
    writeFileSync(sheet, 'not a report');
    const missing = join(dir, 'missing.pdf');
    const before = JSON.parse((await mosaic('add', first, '--collection', 'batch', ...AS)).out) as { report: string };

    const added = await mosaic('add', first, sheet, second, latin1, missing, third, '--collection', 'batch', ...AS);
    expect(added.code).toBe(2);
    // one line on stdout for each file stored or already there, in order
    const out = lines(added.out);
    expect(out.map((l) => [l['file'], l['repeated'] ?? false])).toEqual([[first, true], [second, false], [third, false]]);
    expect(out[0]?.['report']).toBe(before.report);
    const err = added.err.trim().split('\n');
    expect(err).toContain(`mosaic reports add: FILE ${sheet}: must be one of .txt .text .md .html .htm .pdf .docx`);
    expect(err).toContain(`mosaic reports add: FILE ${missing}: no such file`);
    expect(err.find((l) => l.startsWith(`mosaic reports add: FILE ${latin1}: is not valid UTF-8`))).toBeDefined();
    const summary = JSON.parse(err.at(-1) as string) as Record<string, unknown>;
    expect(summary).toMatchObject({
      files: 6, added: [{ file: second, report: out[1]?.['report'] }, { file: third, report: out[2]?.['report'] }], repeated: [{ file: first, report: before.report }],
    });
    expect((summary['skipped'] as { file: string }[]).map((s) => s.file)).toEqual([sheet, missing, latin1]);
    expect((summary['skipped'] as { reason: string }[])[2]?.reason).toMatch(/^is not valid UTF-8/);
    expect(summary['notAdded']).toBeUndefined();
    // each file's report, and nothing of those skipped
    expect(lines((await mosaic('search', 'Quennell', '--collection', 'batch', ...AS)).out)).toHaveLength(2);
    expect((await mosaic('search', 'Köln', ...AS)).out).toBe('');

    // all added: exit 0
    const again = await mosaic('add', second, third, '--collection', 'batch', ...AS);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.err.trim().split('\n').at(-1) as string)).toMatchObject({ files: 2, added: [], repeated: [{ file: second }, { file: third }], skipped: [] });
  });

  it('gives up a file whose text is read for entities past the time limit, naming the file and the limit, and adds the others', async () => {
    const listed = join(world.dir, 'listed.txt');
    // one sentence listing names, 4 MB: seconds of a core, given 1 s here
    writeFileSync(listed, namesListedOf(4_000_000));
    const alone = await mosaicWithin(1_000, 'add', listed, '--collection', 'listed', ...AS);
    expect(alone).toEqual({ code: 2, out: '', err: `mosaic reports add: FILE ${listed}: finding its entities takes more than the time limit of 1 s\n` });

    const file = join(world.dir, 'interview.txt');
    const batch = await mosaicWithin(1_000, 'add', listed, file, '--collection', 'listed', ...AS);
    expect(batch.code).toBe(2);
    expect(lines(batch.out).map((l) => l['file'])).toEqual([file]);
    expect(JSON.parse(batch.err.trim().split('\n').at(-1) as string)).toMatchObject({
      added: [{ file }], skipped: [{ file: listed, reason: 'finding its entities takes more than the time limit of 1 s' }],
    });
    expect(lines((await mosaic('search', 'Kälberer', '--collection', 'listed', ...AS)).out)).toHaveLength(1);
    expect((await mosaic('search', 'Youssef', '--collection', 'listed', ...AS)).out).toBe('');
  }, 30_000);

  it('stops a batch at a refusal of its options, which would refuse each file alike, adding none', async () => {
    const file = join(world.dir, 'interview.txt');
    const refused = await mosaic('add', file, join(world.dir, 'long.pdf'), '--collection', 'refused', '--category', 'villain', ...AS);
    expect(refused.code).toBe(2);
    expect(refused.out).toBe('');
    const err = refused.err.trim().split('\n');
    expect(err[0]).toBe('mosaic reports add: --category: "villain" is not one of suspect, convicted, victim, witness, contact, other');
    expect(JSON.parse(err.at(-1) as string)).toMatchObject({ files: 2, added: [], skipped: [], notAdded: [file, join(world.dir, 'long.pdf')] });
    await expect(mosaic('add', file, join(world.dir, 'long.pdf'), '--collection', 'refused', '--title', 'Interview', ...AS)).rejects.toThrow('reports add: --title names one report: give it with one FILE');
    expect((await mosaic('search', 'Kälberer', '--collection', 'refused', ...AS)).out).toBe('');
  });

  it('stops a batch on Ctrl-C once the file under way is stored, saying which were not added, exit 130', async () => {
    const [one, two] = ['one.txt', 'two.txt'].map((name) => join(world.dir, name)) as [string, string];
    writeFileSync(one, 'Wendelin Aasgaard was seen in Hasselt on 5 June 2025.');
    writeFileSync(two, 'Wendelin Aasgaard was seen in Genk on 6 June 2025.');
    let out = '';
    let err = '';
    // Ctrl-C as the first file's answer is printed: the second is not begun
    const { value: code, stderr } = await capturingStderr(() => run(['add', one, two, '--collection', 'stopped', ...AS, '--data', world.dir], {
      out: (t) => {
        out += t;
        process.emit('SIGINT');
      },
      err: (t) => (err += t),
    }));
    expect(code).toBe(130);
    expect(lines(out).map((l) => l['file'])).toEqual([one]);
    // said above the file's progress bar (on a terminal) as it comes
    expect(stderr).toContain('mosaic reports add: stopping once the file under way is stored or refused');
    expect(JSON.parse(err.trim().split('\n').at(-1) as string)).toMatchObject({ files: 2, added: [{ file: one }], notAdded: [two], stopped: true });
    expect(lines((await mosaic('search', 'Aasgaard', '--collection', 'stopped', ...AS)).out)).toHaveLength(1);
  });

  it('shows a file\'s name escaped where it holds a control character JSON leaves as it is (DEL, a C1 control, a bidirectional mark)', async () => {
    const dir = join(world.dir, 'c1');
    mkdirSync(dir);
    // U+009B is a terminal's CSI, U+202E reorders what follows it; neither is escaped by JSON.stringify
    const named = join(dir, 'note\u009b2J\u202e.txt');
    writeFileSync(named, 'Ingram Vollsæter was seen in Ninove on 8 June 2025.');
    const added = await mosaic('add', named, '--collection', 'c1', ...AS);
    expect(added.code).toBe(2);
    const shown = `"${dir}/note\\u009b2J\\u202e.txt"`;
    expect(added.err).toBe(`mosaic reports add: FILE ${shown}: its name "note\\u009b2J\\u202e.txt" contains control characters, and a report's file name, title and source are made of it: rename the file\n`);
  });

  it('names the file on each line about one, and tells a damaged DOCX and a name no report may take in plain words, adding the others', async () => {
    const dir = join(world.dir, 'damaged');
    mkdirSync(dir);
    const good = await docxOf(['Ingram Vollsæter was seen in Aalst on 7 June 2025.']);
    // a text named .docx, a DOCX cut short, one whose document part is missing (its name changed, same length)
    const [text, cut, partless] = ['text.docx', 'cut.docx', 'partless.docx'].map((name) => join(dir, name)) as [string, string, string];
    writeFileSync(text, 'Ingram Vollsæter was seen in Aalst.');
    writeFileSync(cut, good.subarray(0, good.byteLength - 40));
    writeFileSync(partless, Buffer.from(good).toString('latin1').replaceAll('word/document.xml', 'word/documentx.xm'), 'latin1');
    // a control character in a file's name, which a report's file name, title and source may not hold
    const named = join(dir, 'note\u0007.txt');
    writeFileSync(named, 'Ingram Vollsæter was seen in Ninove on 8 June 2025.');
    const whole = join(dir, 'whole.docx');
    writeFileSync(whole, good);

    const added = await mosaicProcess('add', text, cut, partless, named, whole, '--collection', 'damaged', ...AS);
    expect(added.code).toBe(2);
    expect(lines(added.out).map((l) => l['file'])).toEqual([whole]);
    const err = added.err.trim().split('\n');
    const summary = JSON.parse(err.at(-1) as string) as { skipped: { file: string; reason: string }[]; notAdded?: string[] };
    // every line but the summary is about one file, and names it
    for (const line of err.slice(0, -1)) {
      const about = line.startsWith('{') ? (JSON.parse(line) as { file: string }).file : /^mosaic reports add: FILE (.+?): /.exec(line)?.[1];
      expect([text, cut, partless, JSON.stringify(named), whole], line).toContain(about);
    }
    const notZip = 'is not a valid DOCX document (it is not a ZIP archive, as a DOCX is: another kind of file named .docx, or one cut short)';
    expect(err).toContain(`mosaic reports add: FILE ${text}: ${notZip}`);
    expect(err).toContain(`mosaic reports add: FILE ${cut}: ${notZip}`);
    expect(err).toContain(`mosaic reports add: FILE ${partless}: is not a valid DOCX document (it holds no document part, word/document.xml)`);
    const badName = 'its name "note\\u0007.txt" contains control characters, and a report\'s file name, title and source are made of it: rename the file';
    expect(err).toContain(`mosaic reports add: FILE ${JSON.stringify(named)}: ${badName}`);
    expect(summary.skipped).toEqual([
      { file: text, reason: notZip }, { file: cut, reason: notZip },
      { file: partless, reason: 'is not a valid DOCX document (it holds no document part, word/document.xml)' }, { file: named, reason: badName },
    ]);
    expect(summary.notAdded).toBeUndefined();
    expect(lines((await mosaic('search', 'Vollsæter', '--collection', 'damaged', ...AS)).out)).toHaveLength(1);

    // one file alone: the same line
    expect(await mosaicProcess('add', partless, '--collection', 'damaged', ...AS)).toEqual({
      code: 2, out: '', err: `mosaic reports add: FILE ${partless}: is not a valid DOCX document (it holds no document part, word/document.xml)\n`,
    });
  }, 60_000);

  it('names the file under way when an error no file causes stops the batch: the store\'s write lock held by another connection mid-batch', async () => {
    // a store of its own: the one the other tests share is left as it is
    const own = await openTestMosaic();
    await own.mosaic.close();
    const [first, second, third] = ['first.txt', 'second.txt', 'third.txt'].map((name) => join(own.dir, name)) as [string, string, string];
    writeFileSync(first, 'Ingram Vollsaeter was seen in Aalst on 7 June 2025.');
    writeFileSync(second, 'Ingram Vollsaeter was seen in Ninove on 8 June 2025.');
    writeFileSync(third, 'Ingram Vollsaeter was seen in Geraardsbergen on 9 June 2025.');
    // once the first is added, another connection takes the store's write lock, as another process would, and keeps it past the wait a write is given (5 s)
    const holder = new DatabaseSync(join(own.dir, SQLITE_FILE_NAME));
    let err = '';
    try {
      const io = {
        out: () => undefined,
        err: (text: string) => {
          err += text;
          if (text.startsWith(`{"file":${JSON.stringify(first)},"report"`)) holder.exec('begin exclusive');
        },
      };
      const thrown = await run(['add', first, second, third, '--collection', 'held', ...AS, '--data', own.dir], io).then(() => undefined, (error: unknown) => error);
      expect(holder.isTransaction).toBe(true);
      expect(thrown).toBeInstanceOf(Error);
      // the line the command ends with names the file it was adding, and why
      expect((thrown as Error).message).toMatch(new RegExp(`^reports add: FILE ${second}: .*locked`));
      const summary = JSON.parse(err.trim().split('\n').at(-1) as string) as { added: { file: string }[]; notAdded?: string[] };
      expect(summary.added.map((a) => a.file)).toEqual([first]);
      expect(summary.notAdded).toEqual([second, third]);
    } finally {
      holder.close();
      rmSync(own.dir, { recursive: true, force: true });
    }
  }, 30_000);

  it('tells a damaged PDF, one protected by a password and one with no text in plain words, naming the file, adding the others', async () => {
    const dir = join(world.dir, 'damaged-pdf');
    mkdirSync(dir);
    const good = pdfOf([['Ingram Vollsaeter was seen in Aalst on 7 June 2025.']]);
    const [text, cut, locked, scan, whole] = ['text.pdf', 'cut.pdf', 'locked.pdf', 'scan.pdf', 'whole.pdf'].map((name) => join(dir, name)) as [string, string, string, string, string];
    writeFileSync(text, 'Ingram Vollsaeter was seen in Aalst.');
    writeFileSync(cut, good.subarray(0, Math.floor(good.byteLength * 0.9)));
    writeFileSync(locked, pdfOf([['Ingram Vollsaeter was seen in Ninove.']], { password: true }));
    // a page of drawing alone, as a scanned page is an image: no text layer
    writeFileSync(scan, pdfRedrawnOf({ pages: 1, drawings: 10 }));
    writeFileSync(whole, good);
    const added = await mosaic('add', text, cut, locked, scan, whole, '--collection', 'damaged-pdf', ...AS);
    expect(added.code).toBe(2);
    expect(lines(added.out).map((l) => l['file'])).toEqual([whole]);
    const reasons = {
      [text]: 'is not a valid PDF document (it does not begin as a PDF does, with %PDF-: another kind of file named .pdf)',
      [cut]: 'is not a valid PDF document (it is cut short: it lacks the end of file (%%EOF) a whole PDF ends with; copy it again from where it came)',
      [locked]: 'is not a valid PDF document (it is protected by a password: save it again without one)',
      [scan]: 'holds no text: a PDF whose pages are images, as a scanned document\'s are, has no text layer to read; run text recognition (OCR) on it and send the PDF it makes',
    };
    const err = added.err.trim().split('\n');
    for (const [file, reason] of Object.entries(reasons)) expect(err).toContain(`mosaic reports add: FILE ${file}: ${reason}`);
    expect((JSON.parse(err.at(-1) as string) as { skipped: unknown[] }).skipped).toEqual(Object.entries(reasons).map(([file, reason]) => ({ file, reason })));
  });
});
