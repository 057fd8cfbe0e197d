/**
 * Are resolution's probabilities calibrated? (node bench/resolve-calibration.ts): of the
 * candidate pairs given probability p, about p should be the same person. Resolves the demo
 * (seed 1 dev, seed 2 test, 5,000 persons), Febrl dataset3 and the OFAC individuals with their
 * facts (dev and test halves, as bench/resolve-ofac.ts builds them), then prints per data set,
 * as JSON: the expected calibration error (ECE: the mean over the pairs of |mean probability -
 * share the same| in each probability band), the Brier score, the prior, and per band the pairs,
 * their mean probability and the share that are the same person. Counts only, never names.
 */
import { RecordId } from '@mosaic/model';
import { resolveRecords, type ResolvableRecord } from '@mosaic/resolution';
import { demoPersons } from './lib/demo-persons.ts';
import { defaultDataDir, readIndividuals, splitOf } from './lib/ofac.ts';
import { readFebrl } from './resolve-febrl.ts';

const BANDS = [0, 0.01, 0.05, 0.2, 0.35, 0.5, 0.65, 0.8, 0.95, 0.99, 0.9995, 1];
const r4 = (x: number): number => Math.round(x * 10000) / 10000;

function calibration(data: string, records: readonly ResolvableRecord[], personOf: (id: string) => string): void {
  const { state, model } = resolveRecords(records, { at: '2026-01-01T00:00:00Z' });
  const bands = BANDS.slice(0, -1).map((from, b) => ({ from, to: BANDS[b + 1] as number, pairs: 0, probability: 0, same: 0 }));
  let brier = 0;
  for (let k = 0; k < state.pairs.count; k++) {
    const p = state.probabilities[k] as number;
    const same = personOf(state.ids[state.pairs.left[k] as number] as string) === personOf(state.ids[state.pairs.right[k] as number] as string);
    const above = BANDS.findIndex((to) => to > p);
    const band = bands[above < 0 ? bands.length - 1 : above - 1] as (typeof bands)[number];
    band.pairs++;
    band.probability += p;
    if (same) band.same++;
    brier += (p - (same ? 1 : 0)) ** 2;
  }
  const count = Math.max(1, state.pairs.count);
  const ece = bands.reduce((sum, b) => sum + Math.abs(b.probability - b.same), 0) / count;
  console.log(JSON.stringify({
    data, records: records.length, pairs: state.pairs.count, prior: model.prior, ece: r4(ece), brier: r4(brier / count),
    bands: bands.map((b) => ({ from: b.from, to: b.to, pairs: b.pairs, meanProbability: r4(b.probability / Math.max(1, b.pairs)), same: r4(b.same / Math.max(1, b.pairs)) })),
  }));
}

for (const [seed, half] of [[1, 'dev'], [2, 'test']] as const) {
  const { records, truth } = demoPersons(5000, seed);
  calibration(`demo seed ${seed} (${half}), 5000 persons`, records, (id) => truth.get(id) ?? `?${id}`);
}
const febrl = readFebrl('dataset3.csv');
const febrlPerson = new Map(febrl.map((f) => [f.record.id as string, f.person]));
calibration('febrl dataset3', febrl.map((f) => f.record), (id) => febrlPerson.get(id) ?? `?${id}`);
const people = readIndividuals(defaultDataDir());
for (const half of ['dev', 'test'] as const) {
  const records: ResolvableRecord[] = [];
  const entry = new Map<string, string>();
  for (const p of people.filter((x) => splitOf(x.entNum) === half)) {
    [p.name, ...p.aliases].forEach((name, k) => {
      const id = `${p.entNum}-${k}`;
      records.push({ id: RecordId(id), schema: 'Person', properties: { name: [name], birthDate: [...p.birthDates], nationality: [...p.nationalities], passportNumber: [...p.passports], ...(p.gender ? { gender: [p.gender] } : {}) } });
      entry.set(id, p.entNum);
    });
  }
  calibration(`ofac individuals ${half} half, names with facts`, records, (id) => entry.get(id) ?? `?${id}`);
}
