/**
 * mosaic compare --pairs PAIRS.jsonl [--frequencies NAMES.json|NAMES.jsonl]
 *
 * Each input line holds two entities, `{"id","a":{"schema","properties"},"b":{...}}`; each
 * output line (stdout) is `{"id","score","match","explain"}`: the calibrated probability, the
 * decision at the default model's threshold, and per-feature levels and weights (never values).
 * Output lines keep the input order.
 *
 * Name-token frequencies (Winkler 1989 term-frequency adjustment, as Splink): agreeing on a rare
 * name token weighs more than agreeing on a common one, with frequencies from the data at hand.
 * So the whole file is read first and the table is built from the names of every distinct record
 * in it (a record repeated across pairs counts once); no list is shipped. `--frequencies` builds
 * the table from a larger corpus instead: a JSON array, or JSON lines, of names (strings) or
 * entities (`{"schema","properties"}`, names read as the matcher reads them). The name entry of
 * `explain` then says which tokens agreed (by position, not value), their frequency and weight.
 *
 * A pair across kinds (a Person and an Organization: resolution groups persons with persons
 * only) is a rejected line, as a judgement of it is refused.
 * Exit 0: every pair scored; 3: some lines were rejected (line number and reason on stderr).
 */
import { createReadStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { buildNameFrequencies, defaultModel, matchableNames, scorePair, withExplainedWords, type MatchableRecord, type NameFrequencies } from '@mosaic/matching';
import { formatFieldError } from '@mosaic/model';
import { kindMismatch, parseEntityObject } from '@mosaic/resolution';
import { parse } from '../args.ts';
import { requireFiles } from '../input-files.ts';

interface Pair { readonly id: string | number; readonly a: MatchableRecord; readonly b: MatchableRecord }

type Reject = (where: string, lineNo: number, reason: string) => void;

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

async function* readLines(path: string): AsyncGenerator<readonly [number, string]> {
  let lineNo = 0;
  for await (const read of createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity })) {
    lineNo++;
    // a UTF-8 byte-order mark is dropped at the start of the file only, as resolve and ingest drop it
    const line = lineNo === 1 ? read.replace(/^\uFEFF/, '') : read;
    if (line.trim() !== '') yield [lineNo, line];
  }
}

async function readPairs(path: string, reject: Reject): Promise<Pair[]> {
  const pairs: Pair[] = [];
  for await (const [lineNo, line] of readLines(path)) {
    let value: { id?: unknown; a?: unknown; b?: unknown };
    try {
      value = JSON.parse(line) as typeof value;
    } catch {
      reject('line', lineNo, 'not JSON');
      continue;
    }
    if (typeof value !== 'object' || value === null || (typeof value.id !== 'string' && typeof value.id !== 'number')) { reject('line', lineNo, 'id must be a string'); continue; }
    const a = parseEntityObject(value.a, 'a');
    const b = parseEntityObject(value.b, 'b');
    if (!a.ok) { reject('line', lineNo, `a: ${a.reason}`); continue; }
    if (!b.ok) { reject('line', lineNo, `b: ${b.reason}`); continue; }
    const mismatch = kindMismatch(a.record, b.record);
    if (mismatch) { reject('line', lineNo, formatFieldError(mismatch, 'b')); continue; }
    pairs.push({ id: value.id, a: a.record, b: b.record });
  }
  return pairs;
}

function namesOf(record: MatchableRecord): string[] {
  const { strong, weak } = matchableNames(record);
  return [...strong, ...weak];
}

/** Names of every distinct record of the pairs: a record compared many times counts once. */
function pairNames(pairs: readonly Pair[]): string[] {
  const seen = new Set<string>();
  const names: string[] = [];
  for (const p of pairs) {
    for (const r of [p.a, p.b]) {
      const key = JSON.stringify([r.schema, r.properties]);
      if (seen.has(key)) continue;
      seen.add(key);
      names.push(...namesOf(r));
    }
  }
  return names;
}

/** One item of a frequencies file: a name, or an entity whose names are read. */
function itemNames(item: unknown): string[] | undefined {
  if (typeof item === 'string') return [item];
  const parsed = parseEntityObject(item, 'corpus');
  return parsed.ok ? namesOf(parsed.record) : undefined;
}

async function readCorpus(path: string, reject: Reject): Promise<string[]> {
  const names: string[] = [];
  const lines: (readonly [number, string])[] = [];
  for await (const entry of readLines(path)) lines.push(entry);
  const take = (item: unknown, lineNo: number): void => {
    const found = itemNames(item);
    if (found) names.push(...found);
    else reject('frequencies line', lineNo, 'expected a name (string) or an entity {"schema","properties"}');
  };
  // A JSON array (possibly spread over several lines), else JSON lines.
  if (lines[0]?.[1].trimStart().startsWith('[')) {
    let all: unknown;
    try {
      all = JSON.parse(lines.map(([, l]) => l).join('\n'));
    } catch {
      reject('frequencies line', lines[0][0], 'not a JSON array');
      return names;
    }
    if (Array.isArray(all)) all.forEach((item, i) => take(item, i + 1));
    return names;
  }
  for (const [lineNo, line] of lines) {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      reject('frequencies line', lineNo, 'not JSON');
      continue;
    }
    take(value, lineNo);
  }
  return names;
}

export async function run(argv: readonly string[]): Promise<number> {
  const { values } = parse('compare', argv, { pairs: { type: 'string' }, frequencies: { type: 'string' } }, false);
  if (!values.pairs) {
    console.error('usage: mosaic compare --pairs PAIRS.jsonl [--frequencies NAMES.json|NAMES.jsonl]');
    return 2;
  }
  await requireFiles('compare', { '--pairs': values.pairs, ...(values.frequencies ? { '--frequencies': values.frequencies } : {}) });
  const started = performance.now();
  let rejected = 0;
  const reject: Reject = (where, lineNo, reason) => { rejected++; process.stderr.write(`${where} ${lineNo}: ${reason}\n`); };
  const pairs = await readPairs(values.pairs, reject);
  const frequencies: NameFrequencies = buildNameFrequencies(values.frequencies ? await readCorpus(values.frequencies, reject) : pairNames(pairs));
  const model = defaultModel();
  const options = frequencies.total > 0 ? { frequencies } : {};
  let matches = 0;
  for (const p of pairs) {
    const r = scorePair(model, p.a, p.b, options);
    if (r.match) matches++;
    // the pairs are the caller's own: the name's detail names the aligned words, not their positions
    const explain = withExplainedWords(r.explain, p.a, p.b).map((e) => ({
      ...e,
      weight: round3(e.weight),
      ...(e.tokens ? { tokens: e.tokens.map((t) => ({ ...t, frequency: Number(t.frequency.toPrecision(3)), weight: round3(t.weight) })) } : {}),
    }));
    if (!process.stdout.write(`${JSON.stringify({ id: p.id, score: Math.round(r.probability * 1e6) / 1e6, match: r.match, explain })}\n`)) await once(process.stdout, 'drain');
  }
  console.error(JSON.stringify({ pairs: pairs.length, matches, rejected, frequencyTokens: frequencies.total, frequencySource: values.frequencies ? 'frequencies file' : 'pairs file', ms: Math.round(performance.now() - started) }));
  return rejected > 0 ? 3 : 0;
}
