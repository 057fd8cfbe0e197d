/**
 * OFAC evaluation of `resolveRecords` (node bench/resolve-ofac.ts [dataDir]): every SDN
 * individual's primary name and each of its aka aliases become separate Person records; the
 * task is to recover the entries. Two settings: names carrying the entry's facts (dates of birth,
 * nationalities, passports, gender) as an agency record would, and names alone (the hard case:
 * aliases that share no token cannot be recovered). Exact-cluster and pairwise precision /
 * recall / F1, on the dev half (tuning) and the test half (reported) of bench/lib/ofac.ts.
 * Prints JSON figures only.
 */
import { RecordId } from '@mosaic/model';
import { clusterMetrics, pairwiseMetrics, resolveRecords, type ResolvableRecord } from '@mosaic/resolution';
import { defaultDataDir, readIndividuals, splitOf } from './lib/ofac.ts';

const dataDir = process.argv[2] ?? defaultDataDir();
const people = readIndividuals(dataDir);
const r4 = (x: number): number => Math.round(x * 10000) / 10000;

for (const half of ['dev', 'test'] as const) {
  for (const facts of [true, false]) {
    const records: ResolvableRecord[] = [];
    const truth: string[] = [];
    for (const p of people.filter((x) => splitOf(x.entNum) === half)) {
      [p.name, ...p.aliases].forEach((name, k) => {
        const properties: Record<string, string[]> = { name: [name] };
        if (facts) {
          properties['birthDate'] = [...p.birthDates];
          properties['nationality'] = [...p.nationalities];
          properties['passportNumber'] = [...p.passports];
          if (p.gender) properties['gender'] = [p.gender];
        }
        records.push({ id: RecordId(`${p.entNum}-${k}`), schema: 'Person', properties });
        truth.push(p.entNum);
      });
    }
    const started = performance.now();
    const run = resolveRecords(records, { at: '2026-01-01T00:00:00Z' });
    const ms = Math.round(performance.now() - started);
    const c = clusterMetrics(run.state.entities, truth);
    const pw = pairwiseMetrics(run.state.entities, truth);
    console.log(JSON.stringify({
      data: `ofac individuals ${half} half, ${facts ? 'names with facts' : 'names only'}`, records: records.length, entries: new Set(truth).size,
      entities: run.stats.entities, pairs: run.stats.blocking.pairs, cappedBlocks: run.stats.blocking.cappedBlocks,
      cluster: { precision: r4(c.precision), recall: r4(c.recall), f1: r4(c.f1) },
      pairwise: { precision: r4(pw.precision), recall: r4(pw.recall), f1: r4(pw.f1) }, ms,
    }));
  }
}
