/**
 * Trains data/default-model.json (node packages/matching/scripts/train-default-model.ts [dataDir]).
 *
 * Training data only: the OFAC dev half (bench/lib/ofac.ts splitOf === 'dev') and Febrl
 * dataset2. The OFAC test half and ar2en-eval are never read. Splink's recipe:
 *  1. u from random pairs: name, country, gender on OFAC dev (one record per name of an entry,
 *     carrying the entry's dates, nationalities, passports, gender); birthDate, identifier and
 *     address on Febrl dataset2 (realistic spread of dates, ids and addresses). Phone has no
 *     training data here and keeps its starting values.
 *  2. m by EM (u fixed) on blocked pairs, each session leaving the blocking feature fixed:
 *     OFAC dev blocked on equal birth date -> m of name, country, identifier, gender;
 *     Febrl dataset2 blocked on equal surname phonetic key -> m of birthDate, identifier, address.
 *  3. prior: EM with every m/u fixed on OFAC dev pairs that share a name token (the candidate
 *     pairs screening and blocking produce).
 *  4. threshold: the probability cut that maximises F1 on the OFAC dev name pairs of
 *     bench/eval-name-pairs.ts, scored with the term-frequency adjustment from a table of the
 *     dev names (as the evaluation and `mosaic compare` score: frequencies of the data at hand).
 *     m, u and the prior do not depend on the table (EM runs on levels; Splink likewise applies
 *     term frequencies at prediction only); tfScale is kept from the starting model.
 * Prints counts and parameters only, no names.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  FEATURES, buildNameFrequencies, comparePrepared, comparisonVector, countPatterns, estimateU, phoneticKey, prepare, startingModel, trainModel,
  type MatchModel, type MatchableRecord, type PreparedRecord,
} from '../src/index.ts';
import { defaultDataDir, readIndividuals, splitOf } from '../../../bench/lib/ofac.ts';
import { buildNamePairs, namePreparer, splitNames } from '../../../bench/eval-name-pairs.ts';
import { seededRandom } from '@mosaic/model';

const dataDir = process.argv[2] ?? defaultDataDir();


function randomVectors(records: readonly PreparedRecord[], n: number, seed: number): number[][] {
  const next = seededRandom(seed);
  const out: number[][] = [];
  for (let i = 0; i < n; i++) {
    const a = records[Math.floor(next() * records.length)] as PreparedRecord;
    const b = records[Math.floor(next() * records.length)] as PreparedRecord;
    if (a !== b) out.push(comparisonVector(a, b));
  }
  return out;
}

function blockedVectors(records: readonly PreparedRecord[], keys: (r: PreparedRecord) => readonly string[], maxBlock = 150): number[][] {
  const blocks = new Map<string, number[]>();
  records.forEach((r, i) => {
    for (const k of new Set(keys(r))) {
      const list = blocks.get(k) ?? [];
      list.push(i);
      blocks.set(k, list);
    }
  });
  const seen = new Set<number>();
  const out: number[][] = [];
  for (const list of blocks.values()) {
    if (list.length > maxBlock) continue;
    for (let x = 0; x < list.length; x++) {
      for (let y = x + 1; y < list.length; y++) {
        const i = list[x] as number;
        const j = list[y] as number;
        const id = i * 1_000_003 + j;
        if (seen.has(id)) continue;
        seen.add(id);
        out.push(comparisonVector(records[i] as PreparedRecord, records[j] as PreparedRecord));
      }
    }
  }
  return out;
}

// --- data -------------------------------------------------------------------------------
const ofacRecords: MatchableRecord[] = readIndividuals(dataDir)
  .filter((p) => splitOf(p.entNum) === 'dev')
  .flatMap((p) => [p.name, ...p.aliases].map((name) => ({
    schema: 'Person',
    properties: { name: [name], birthDate: p.birthDates, nationality: p.nationalities, passportNumber: p.passports, gender: p.gender ? [p.gender] : [] },
  })));
const ofac = ofacRecords.map((r) => prepare(r));

const febrlLines = readFileSync(join(dataDir, 'febrl', 'dataset2.csv'), 'utf8').split(/\r?\n/).slice(1).filter((l) => l.trim() !== '');
const febrl = febrlLines.map((line) => {
  const c = line.split(',').map((s) => s.trim());
  const dob = c[9] ?? '';
  const birthDate = /^\d{8}$/.test(dob) ? [`${dob.slice(0, 4)}-${dob.slice(4, 6)}-${dob.slice(6, 8)}`] : [];
  return prepare({
    schema: 'Person',
    properties: {
      firstName: c[1] ? [c[1]] : [], lastName: c[2] ? [c[2]] : [], birthDate, idNumber: c[10] ? [c[10]] : [],
      address: [[c[3], c[4], c[5], c[6], c[7], c[8]].filter(Boolean).join(' ')],
    },
  });
});

// --- 1. u from random pairs ----------------------------------------------------------------
const start = startingModel();
const uOfac = estimateU(countPatterns(randomVectors(ofac, 300_000, 1)));
const uFebrl = estimateU(countPatterns(randomVectors(febrl, 300_000, 2)));
const fromFebrl = new Set(['birthDate', 'identifier', 'address']);
const u = FEATURES.map((def, f) => (def.name === 'phone' || def.name === 'birthPlace' ? [...(start.features[f]?.u ?? [])] : (fromFebrl.has(def.name) ? uFebrl[f] : uOfac[f]) ?? []));
const withU: MatchModel = { ...start, features: start.features.map((p, f) => ({ ...p, u: u[f] ?? p.u })) };

// --- 2. m by EM on blocked pairs -----------------------------------------------------------
const dateKey = (r: PreparedRecord): string[] => r.birthDates.filter((d) => d.day !== undefined).map((d) => `${d.year}-${d.month}-${d.day}`);
const ofacBlocked = countPatterns(blockedVectors(ofac, dateKey));
const sessionA = trainModel(ofacBlocked, { start: withU, fixed: ['birthDate', 'address', 'phone'] });
const surnameKey = (r: PreparedRecord): string[] => r.names.flatMap((n) => n.name.core.filter((t) => t.kind === 'surname').map((t) => phoneticKey(t.text)));
const febrlBlocked = countPatterns(blockedVectors(febrl, surnameKey));
const sessionB = trainModel(febrlBlocked, { start: withU, fixed: ['name', 'country', 'gender', 'phone'] });
const mFrom = new Map<string, MatchModel>([['name', sessionA.model], ['country', sessionA.model], ['gender', sessionA.model], ['birthDate', sessionB.model], ['identifier', sessionB.model], ['address', sessionB.model]]);
const combined: MatchModel = {
  ...withU,
  features: withU.features.map((p, f) => ({ ...p, m: mFrom.get(p.feature)?.features[f]?.m ?? p.m })),
};

// --- 3. prior on candidate pairs -------------------------------------------------------------
const tokenKeys = (r: PreparedRecord): string[] => r.names.flatMap((n) => n.name.core.map((t) => t.phonetic));
const candidates = countPatterns(blockedVectors(ofac, tokenKeys, 60));
const sessionC = trainModel(candidates, { start: combined, fixed: FEATURES.map((d) => d.name) });

// --- 4. threshold on OFAC dev name pairs -----------------------------------------------------
const trained: MatchModel = {
  ...sessionC.model,
  trainedOn: 'u: random pairs of OFAC SDN individuals (dev half by ent_num) and Febrl dataset2; m: EM on OFAC dev pairs blocked on birth date (name, country, identifier, gender) and Febrl dataset2 pairs blocked on surname phonetic key (birthDate, identifier, address); prior: EM on OFAC dev pairs sharing a name token; threshold: best F1 on OFAC dev name pairs with term frequencies of the dev names; phone, birthPlace: untrained starting values',
};
const devPeople = readIndividuals(dataDir).filter((p) => splitOf(p.entNum) === 'dev');
const devPairs = buildNamePairs(devPeople);
const asRecord = namePreparer(buildNameFrequencies(splitNames(devPeople)));
const scored = devPairs.map((p) => ({ same: p.same, probability: comparePrepared(trained, asRecord(p.a), asRecord(p.b)).probability }));
let bestThreshold = 0.5;
let bestF1 = -1;
for (const t of [...new Set(scored.map((s) => s.probability))].sort((a, b) => a - b)) {
  let tp = 0, fp = 0, fn = 0;
  for (const s of scored) {
    if (s.probability >= t) { if (s.same) tp++; else fp++; } else if (s.same) fn++;
  }
  const f1 = (2 * tp) / Math.max(1, 2 * tp + fp + fn);
  if (f1 > bestF1 + 1e-12) { bestF1 = f1; bestThreshold = t; }
}
// Put the cut half-way (in weight) between the chosen level and the next one below it.
const below = Math.max(...scored.map((s) => s.probability).filter((p) => p < bestThreshold), 0);
const threshold = below > 0 ? 1 / (1 + Math.sqrt(((1 - bestThreshold) / bestThreshold) * ((1 - below) / below))) : bestThreshold;

const round = (x: number): number => Number(x.toPrecision(6));
const model: MatchModel = {
  ...trained,
  threshold: round(threshold),
  prior: round(trained.prior),
  features: trained.features.map((f) => ({ ...f, m: f.m.map(round), u: f.u.map(round) })),
};
writeFileSync(new URL('../data/default-model.json', import.meta.url), JSON.stringify(model, null, 1) + '\n');
console.log(JSON.stringify({
  ofacRecords: ofac.length, febrlRecords: febrl.length,
  sessionA: { patterns: ofacBlocked.length, iterations: sessionA.iterations, converged: sessionA.converged, prior: round(sessionA.model.prior) },
  sessionB: { patterns: febrlBlocked.length, iterations: sessionB.iterations, converged: sessionB.converged, prior: round(sessionB.model.prior) },
  sessionC: { patterns: candidates.length, prior: round(sessionC.model.prior) },
  threshold: model.threshold, devF1: round(bestF1),
}));
for (const f of model.features) console.log(f.feature, f.levels.map((l, i) => `${l}:${i === f.levels.length - 1 ? 0 : Math.log2((f.m[i] ?? 1) / (f.u[i] ?? 1)).toFixed(1)}`).join(' '));
