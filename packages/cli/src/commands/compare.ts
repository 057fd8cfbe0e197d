/**
 * mosaic compare --pairs PAIRS.jsonl
 *
 * Each input line holds two entities, `{"id","a":{"schema","properties"},"b":{...}}`; each
 * output line (stdout) is `{"id","score","match","explain"}`: the calibrated probability, the
 * decision at the default model's threshold, and per-feature levels and weights (never values).
 * Exit 0: every pair scored; 3: some lines were rejected (line number and reason on stderr).
 */
import { createReadStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { compareRecords, parseEntityObject } from '@mosaic/resolution';
import { parse } from '../args.ts';

export async function run(argv: readonly string[]): Promise<number> {
  const { values } = parse('compare', argv, { pairs: { type: 'string' } }, false);
  if (!values.pairs) {
    console.error('usage: mosaic compare --pairs PAIRS.jsonl');
    return 2;
  }
  const started = performance.now();
  let lineNo = 0;
  let pairs = 0;
  let matches = 0;
  let rejected = 0;
  const lines = createInterface({ input: createReadStream(values.pairs, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of lines) {
    lineNo++;
    if (line.trim() === '') continue;
    const reject = (reason: string): void => { rejected++; process.stderr.write(`line ${lineNo}: ${reason}\n`); };
    let value: { id?: unknown; a?: unknown; b?: unknown };
    try {
      value = JSON.parse(line) as typeof value;
    } catch {
      reject('not JSON');
      continue;
    }
    if (typeof value !== 'object' || value === null || (typeof value.id !== 'string' && typeof value.id !== 'number')) { reject('id must be a string'); continue; }
    const a = parseEntityObject(value.a, 'a');
    const b = parseEntityObject(value.b, 'b');
    if (!a.ok) { reject(`a: ${a.reason}`); continue; }
    if (!b.ok) { reject(`b: ${b.reason}`); continue; }
    const r = compareRecords(a.record, b.record);
    pairs++;
    if (r.match) matches++;
    const explain = r.explain.map((e) => ({ ...e, weight: Math.round(e.weight * 1000) / 1000 }));
    if (!process.stdout.write(`${JSON.stringify({ id: value.id, score: Math.round(r.probability * 1e6) / 1e6, match: r.match, explain })}\n`)) await once(process.stdout, 'drain');
  }
  console.error(JSON.stringify({ pairs, matches, rejected, ms: Math.round(performance.now() - started) }));
  return rejected > 0 ? 3 : 0;
}
