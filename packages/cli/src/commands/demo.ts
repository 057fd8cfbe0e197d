/**
 * mosaic demo generate --persons N --seed S [--as-of YYYY-MM-DD] --out DIR: fictional
 * multi-agency data with ground truth (org.json, records.jsonl, truth.jsonl). Deterministic for
 * a seed and an as-of day (default today: review dates fall after it, see @mosaic/demo).
 * The files are put in their place once all three are whole: Ctrl-C (SIGINT) or SIGTERM stops
 * the run, leaves the files of an earlier run as they were and exits 130 (143).
 */
import { settleDemoOptions, writeDemo } from '@mosaic/demo';
import { resolve } from 'node:path';
import { parse } from '../args.ts';
import { prepareOutputFolder } from '../output-folder.ts';
import { progressBar } from '../progress.ts';
import { stopOnSignal } from '../stop-on-signal.ts';

export async function run(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parse('demo', argv, { persons: { type: 'string' }, seed: { type: 'string' }, 'as-of': { type: 'string' }, out: { type: 'string' } });
  const persons = Number(values.persons ?? 5000);
  const seed = Number(values.seed ?? 2016);
  const wrong = positionals[0] !== 'generate' || positionals.length !== 1 ? 'the subcommand is generate'
    : !values.out ? '--out DIR is required'
      : !Number.isInteger(persons) || persons < 1 ? `--persons takes a whole number from 1, not ${JSON.stringify(values.persons)}`
        : !Number.isInteger(seed) ? `--seed takes a whole number, not ${JSON.stringify(values.seed)}` : undefined;
  if (wrong !== undefined || values.out === undefined) {
    console.error(`mosaic demo: ${wrong}\nusage: mosaic demo generate --persons N --seed S [--as-of YYYY-MM-DD] --out DIR`);
    return 2;
  }
  const options = settleDemoOptions({ persons, seed, ...(values['as-of'] === undefined ? {} : { asOf: values['as-of'] }) });
  await prepareOutputFolder('demo generate', '--out', resolve(values.out));
  const bar = progressBar('generate');
  const out = resolve(values.out);
  const stop = stopOnSignal('mosaic demo generate: stopping', (line) => bar.log(line));
  const started = performance.now();
  let result: unknown;
  try {
    result = await writeDemo({ ...options, outDir: out, signal: stop.signal, onProgress: (p: { persons: number }) => bar.update(p.persons, persons) });
  } catch (error) {
    if (stop.exitCode === undefined) throw error;
    console.error(`mosaic demo generate: stopped; the files in ${out} are as they were`);
    return stop.exitCode;
  } finally {
    stop.release();
    bar.stop();
  }
  console.error(JSON.stringify({ persons, seed, asOf: options.asOf, out, ms: Math.round(performance.now() - started), ...summaryOf(result) }));
  return 0;
}

function summaryOf(result: unknown): Record<string, unknown> {
  return typeof result === 'object' && result !== null ? { ...(result as Record<string, unknown>) } : {};
}
