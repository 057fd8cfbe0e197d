/**
 * Demo-data evaluation of `resolveRecords` (node bench/resolve-demo.ts [--persons N]): the
 * @mosaic/demo generator's Person records (several agencies' records of one true person, with
 * transliteration, typos, swapped fields, OCR noise) against its truth.jsonl. Seed 1 is the dev
 * set (tuning), seed 2 the reported one. Pairwise and exact-cluster precision / recall / F1.
 * Prints JSON figures only. Target: pairwise F1 >= 0.95.
 */
import { clusterMetrics, pairwiseMetrics, resolveRecords } from '@mosaic/resolution';
import { demoPersons } from './lib/demo-persons.ts';

const at = process.argv.indexOf('--persons');
const persons = at >= 0 ? Number(process.argv[at + 1]) : 10_000;
const r4 = (x: number): number => Math.round(x * 10000) / 10000;

for (const [label, seed] of [['dev', 1], ['test', 2]] as const) {
  const { records, truth } = demoPersons(persons, seed);
  const started = performance.now();
  const run = resolveRecords(records, { at: '2026-01-01T00:00:00Z' });
  const ms = Math.round(performance.now() - started);
  const labels = run.state.ids.map((id) => truth.get(id) ?? `?${id}`);
  const pw = pairwiseMetrics(run.state.entities, labels);
  const c = clusterMetrics(run.state.entities, labels);
  console.log(JSON.stringify({
    data: `demo seed ${seed} (${label}), ${persons} persons`, records: records.length, persons: new Set(labels).size, entities: run.stats.entities,
    pairs: run.stats.blocking.pairs, cappedBlocks: run.stats.blocking.cappedBlocks, refusedByLinkage: run.stats.refusedByLinkage,
    pairwise: { precision: r4(pw.precision), recall: r4(pw.recall), f1: r4(pw.f1) }, cluster: { precision: r4(c.precision), recall: r4(c.recall), f1: r4(c.f1) }, ms,
  }));
}
