import { readFebrl } from './resolve-febrl.ts';
import { resolveRecords, unpackLevels } from '@mosaic/resolution';
import { FEATURES } from '@mosaic/matching';
const file = process.argv[2] ?? 'dataset2.csv';
const data = readFebrl(file);
const run = resolveRecords(data.map((d) => d.record), { at: '2026-01-01T00:00:00Z' });
const m = run.model;
for (const f of m.features) console.log(f.feature, f.levels.map((l, i) => `${l}:${Math.log2((f.m[i] ?? 1) / (f.u[i] ?? 1)).toFixed(1)}`).join(' '));
console.log('prior', m.prior, JSON.stringify(run.stats.sessions));
// FP pairs among candidates above link threshold
const s = run.state; const fp = new Map<string, number>(); const tp = new Map<string, number>();
for (let k = 0; k < s.pairs.count; k++) {
  const p = s.probabilities[k]!; if (p < 0.9) continue;
  const same = data[s.pairs.left[k]!]!.person === data[s.pairs.right[k]!]!.person;
  const { packed } = (await import('@mosaic/resolution')).comparePair(s.prepared[s.pairs.left[k]!]!, s.prepared[s.pairs.right[k]!]!);
  const key = unpackLevels(packed).map((l, f) => FEATURES[f]!.levels[l]).join('/');
  const mm = same ? tp : fp; mm.set(key, (mm.get(key) ?? 0) + 1);
}
console.log('FP', [...fp].sort((a, b) => b[1] - a[1]).slice(0, 15));
console.log('TP', [...tp].sort((a, b) => b[1] - a[1]).slice(0, 10));
