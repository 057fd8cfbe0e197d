/**
 * mosaic demo generate --persons N --seed S --out DIR: fictional multi-agency data with ground
 * truth (org.json, records.jsonl, truth.jsonl). Deterministic for a seed.
 */
import { writeDemo } from '@mosaic/demo';
import { resolve } from 'node:path';
import { parse } from '../args.ts';
import { progressBar } from '../progress.ts';

export async function run(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parse('demo', argv, { persons: { type: 'string' }, seed: { type: 'string' }, out: { type: 'string' } });
  const persons = Number(values.persons ?? 5000);
  const seed = Number(values.seed ?? 2016);
  if (positionals[0] !== 'generate' || !values.out || !Number.isInteger(persons) || persons < 1 || !Number.isInteger(seed)) {
    console.error('usage: mosaic demo generate --persons N --seed S --out DIR');
    return 2;
  }
  const bar = progressBar('generate');
  const started = performance.now();
  const result = await writeDemo({ persons, seed, outDir: resolve(values.out), onProgress: (p: { persons: number }) => bar.update(p.persons, persons) });
  bar.stop();
  console.error(JSON.stringify({ persons, seed, out: resolve(values.out), ms: Math.round(performance.now() - started), ...summaryOf(result) }));
  return 0;
}

function summaryOf(result: unknown): Record<string, unknown> {
  return typeof result === 'object' && result !== null ? { ...(result as Record<string, unknown>) } : {};
}
