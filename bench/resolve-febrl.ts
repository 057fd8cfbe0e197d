/**
 * Febrl evaluation of `resolveRecords` (node bench/resolve-febrl.ts [dataDir]): pairwise
 * precision / recall / F1 on dataset3 (deduplication, 5,000 records) and dataset4a <-> 4b
 * (linkage of two files of 5,000; only cross-file pairs count), and on dataset2 (the dev set
 * the thresholds were tuned on). rec-N-org and rec-N-dup-k are the same person N.
 * Columns: given_name + surname -> name, date_of_birth -> birthDate, soc_sec_id -> idNumber,
 * street number, address_1, address_2, suburb, postcode, state -> address.
 * Prints JSON figures only (no names).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RecordId } from '@mosaic/model';
import { pairwiseMetrics, resolveRecords, type ResolvableRecord, type ResolveOptions } from '@mosaic/resolution';
import { defaultDataDir } from './lib/ofac.ts';

const dataDir = process.argv.find((a, i) => i >= 2 && !a.startsWith('--')) ?? defaultDataDir();

export interface FebrlRecord { readonly record: ResolvableRecord; readonly person: string }

export function readFebrl(file: string, prefix = '', dir = dataDir): FebrlRecord[] {
  const lines = readFileSync(join(dir, 'febrl', file), 'utf8').split(/\r?\n/).slice(1).filter((l) => l.trim() !== '');
  return lines.map((line) => {
    const c = line.split(',').map((s) => s.trim());
    const id = c[0] ?? '';
    const dob = c[9] ?? '';
    const name = [c[1], c[2]].filter(Boolean).join(' ');
    const address = [c[3], c[4], c[5], c[6], c[7], c[8]].filter(Boolean).join(' ');
    return {
      record: {
        id: RecordId(prefix + id),
        schema: 'Person',
        properties: {
          name: name ? [name] : [],
          birthDate: /^\d{8}$/.test(dob) ? [`${dob.slice(0, 4)}-${dob.slice(4, 6)}-${dob.slice(6, 8)}`] : [],
          idNumber: c[10] ? [c[10]] : [],
          address: address ? [address] : [],
        },
      },
      person: /^rec-(\d+)-/.exec(id)?.[1] ?? id,
    };
  });
}

export function evaluate(label: string, data: readonly FebrlRecord[], side?: readonly number[], options: ResolveOptions = {}): Record<string, unknown> {
  const started = performance.now();
  const run = resolveRecords(data.map((d) => d.record), { at: '2026-01-01T00:00:00Z', ...options });
  const ms = Math.round(performance.now() - started);
  const m = pairwiseMetrics(run.state.entities, data.map((d) => d.person), side);
  const round = (x: number): number => Math.round(x * 10000) / 10000;
  return {
    data: label, records: data.length, candidatePairs: run.stats.blocking.pairs, cappedBlocks: run.stats.blocking.cappedBlocks, entities: run.stats.entities,
    precision: round(m.precision), recall: round(m.recall), f1: round(m.f1), truePairs: m.actual, predictedPairs: m.predicted,
    refusedByLinkage: run.stats.refusedByLinkage, prior: round(run.model.prior), ms,
  };
}

if (import.meta.main) {
  const results = [
    evaluate('febrl dataset2 (dev)', readFebrl('dataset2.csv')),
    evaluate('febrl dataset3 (dedupe)', readFebrl('dataset3.csv')),
  ];
  const a = readFebrl('dataset4a.csv', 'a:');
  const b = readFebrl('dataset4b.csv', 'b:');
  results.push(evaluate('febrl dataset4a<->4b (linkage)', [...a, ...b], [...a.map(() => 0), ...b.map(() => 1)]));
  for (const r of results) console.log(JSON.stringify(r));
}
