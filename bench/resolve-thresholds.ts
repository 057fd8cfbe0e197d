/**
 * Threshold sweep on the dev sets (node bench/resolve-thresholds.ts): Febrl dataset2 and demo
 * seed 1. Resolves once per data set, then re-clusters at each (link, merge) pair and prints
 * pairwise precision / recall / F1 as JSON. How DEFAULT_THRESHOLDS was chosen.
 */
import { generateDemo } from '@mosaic/demo';
import { clusterRecords, pairProbability, pairwiseMetrics, parseRecordLine, resolveRecords, type ResolvableRecord } from '@mosaic/resolution';
import { readFebrl } from './resolve-febrl.ts';

const GRID = [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99, 0.999, 0.9995].flatMap((link) => [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99].filter((merge) => merge <= link).map((merge) => [link, merge] as const));

function sweep(label: string, records: readonly ResolvableRecord[], truth: readonly string[]): void {
  const run = resolveRecords(records, { at: '2026-01-01T00:00:00Z' });
  const s = run.state;
  for (const [link, merge] of GRID) {
    const c = clusterRecords({ size: s.ids.length, left: s.pairs.left, right: s.pairs.right, probability: s.probabilities, probabilityOf: (i, j) => pairProbability(s, i, j) }, { linkThreshold: link, mergeThreshold: merge });
    const m = pairwiseMetrics([...c.cluster].map(String), truth);
    const r4 = (x: number): number => Math.round(x * 10000) / 10000;
    console.log(JSON.stringify({ data: label, link, merge, precision: r4(m.precision), recall: r4(m.recall), f1: r4(m.f1) }));
  }
}

const febrl = readFebrl('dataset2.csv');
sweep('febrl dataset2', febrl.map((f) => f.record), febrl.map((f) => f.person));
const records: ResolvableRecord[] = [];
const truth = new Map<string, string>();
for (const line of generateDemo({ persons: 5000, seed: 1 })) {
  if (line.file === 'truth.jsonl') { const t = JSON.parse(line.line) as { id: string; person: string }; truth.set(t.id, t.person); }
  else if (line.line.includes('"schema":"Person"')) { const p = parseRecordLine(line.line); if (p.ok) records.push(p.record); }
}
sweep('demo seed 1', records, records.map((r) => truth.get(r.id) ?? `?${r.id}`));
