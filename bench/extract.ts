/**
 * Evaluates @mosaic/extract on the annotated reports in packages/extract/eval: precision,
 * recall and F1 per entity type at mention level (exact span), persons also at entity level,
 * relation precision and recall, separately for the tuning and held-out splits; then
 * throughput on the report texts repeated to at least 5 MB. Gold mentions are the gold surface
 * strings located in the text longest first, without overlap (see eval/README.md).
 * Prints figures only, never names. `--names-out` removes the given names of every gold person
 * from the gazetteer, to measure recall on names it has never seen. `--wrap N` extracts from the
 * reports hard-wrapped at N characters (a space turned into a line break, as text taken from a PDF
 * arrives), scored against the gold spans of the unwrapped text, which have the same offsets.
 * `--listed N` also times one sentence listing names (namesListedOf) of N/16, N/4 and N characters,
 * CPU time, to show how reading it grows with its length. `--dated N` likewise times a text with a
 * date in every sentence (datesWrittenOf) of N/10, N/2, N and 2N characters: the date finder alone
 * and the whole extraction, CPU time.
 */
import { datesWrittenOf, namesListedOf } from '@mosaic/extract/testing';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { extract, GIVEN_NAMES, placeGazetteer, SYMMETRIC_RELATIONS, type ExtractResult, type RelationType } from '@mosaic/extract';
import { findDates } from '../packages/extract/src/find-dates.ts';

const EVAL = join(import.meta.dirname, '..', 'packages', 'extract', 'eval');
const TYPES = ['persons', 'places', 'organizations', 'dates', 'phones', 'emails', 'documents', 'plates', 'addresses'] as const;
type Type = (typeof TYPES)[number];

interface Gold {
  persons: { name: string; mentions: string[] }[];
  places: string[]; organizations: string[]; dates: string[]; phones: string[]; emails: string[];
  documents: string[]; plates: string[]; addresses: string[];
  relations: { type: RelationType; source: string; target: string; kind?: string }[];
}

interface Counts { tp: number; fp: number; fn: number }
const zero = (): Counts => ({ tp: 0, fp: 0, fn: 0 });
const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ı/g, 'i').toLowerCase();

interface GoldSpan { start: number; end: number; type: Type; entity: string }

function goldSpans(text: string, gold: Gold): GoldSpan[] {
  const strings: { s: string; type: Type; entity: string }[] = [];
  for (const p of gold.persons) for (const m of new Set([p.name, ...p.mentions])) strings.push({ s: m, type: 'persons', entity: fold(p.name) });
  for (const t of TYPES) if (t !== 'persons') for (const s of gold[t]) strings.push({ s, type: t, entity: fold(s) });
  strings.sort((a, b) => b.s.length - a.s.length);
  const taken = new Uint8Array(text.length);
  const out: GoldSpan[] = [];
  for (const { s, type, entity } of strings) {
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'gu');
    for (const m of text.matchAll(re)) {
      const end = m.index + m[0].length;
      if (taken.subarray(m.index, end).some((x) => x === 1)) continue;
      taken.fill(1, m.index, end);
      out.push({ start: m.index, end, type, entity });
    }
  }
  return out;
}

function predictedType(schema: string, properties: Readonly<Record<string, readonly string[]>>): Type | undefined {
  switch (schema) {
    case 'Person': return 'persons';
    case 'Organization': return 'organizations';
    case 'Address': return properties['street'] === undefined ? 'places' : 'addresses';
    case 'Country': return 'places';
    case 'Date': return 'dates';
    case 'Phone': return 'phones';
    case 'Email': return 'emails';
    case 'Identification': return 'documents';
    case 'Vehicle': return 'plates';
    default: return undefined;
  }
}

interface Scores { mentions: Record<Type, Counts>; personEntities: Counts; relations: Counts; relationsByType: Record<string, Counts> }

function evaluate(text: string, gold: Gold, result: ExtractResult, scores: Scores): void {
  const g = goldSpans(text, gold);
  const goldAt = new Map(g.map((s) => [`${s.type}|${s.start}|${s.end}`, s]));
  const matched = new Set<string>();
  const entityOf = new Map<string, string>();
  for (const e of result.entities) {
    const type = predictedType(e.schema, e.properties);
    if (type === undefined) continue;
    const votes = new Map<string, number>();
    for (const m of e.mentions) {
      const key = `${type}|${m.start}|${m.end}`;
      const hit = goldAt.get(key);
      if (hit !== undefined && !matched.has(key)) {
        matched.add(key);
        scores.mentions[type].tp++;
        votes.set(hit.entity, (votes.get(hit.entity) ?? 0) + 1);
      } else scores.mentions[type].fp++;
    }
    const best = [...votes.entries()].sort((a, b) => b[1] - a[1])[0];
    if (best !== undefined) entityOf.set(e.id, best[0]);
  }
  for (const s of g) if (!matched.has(`${s.type}|${s.start}|${s.end}`)) scores.mentions[s.type].fn++;

  // Persons as entities: a predicted person is right if its name is the gold canonical name.
  const goldNames = new Set(gold.persons.map((p) => fold(p.name)));
  const predicted = new Set(result.entities.filter((e) => e.schema === 'Person').map((e) => fold(e.name)));
  for (const n of predicted) if (goldNames.has(n)) scores.personEntities.tp++; else scores.personEntities.fp++;
  for (const n of goldNames) if (!predicted.has(n)) scores.personEntities.fn++;

  const key = (type: RelationType, a: string, b: string) => (SYMMETRIC_RELATIONS.has(type) && b < a ? `${type}|${b}|${a}` : `${type}|${a}|${b}`);
  const goldRel = new Set(gold.relations.map((r) => key(r.type, fold(r.source), fold(r.target))));
  const found = new Set<string>();
  for (const r of result.relations) {
    const k = key(r.type, entityOf.get(r.source) ?? `?${r.source}`, entityOf.get(r.target) ?? `?${r.target}`);
    if (found.has(k)) continue;
    found.add(k);
    const byType = (scores.relationsByType[r.type] ??= zero());
    if (goldRel.has(k)) { scores.relations.tp++; byType.tp++; } else { scores.relations.fp++; byType.fp++; }
  }
  for (const k of goldRel) if (!found.has(k)) { scores.relations.fn++; (scores.relationsByType[k.split('|')[0] ?? ''] ??= zero()).fn++; }
}

const prf = (c: Counts) => {
  const p = c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp);
  const r = c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn);
  return { p, r, f1: p + r === 0 ? 0 : (2 * p * r) / (p + r), n: c.tp + c.fn };
};
const fmt = (c: Counts) => {
  const { p, r, f1, n } = prf(c);
  return `P ${p.toFixed(3)}  R ${r.toFixed(3)}  F1 ${f1.toFixed(3)}  (gold ${n}, predicted ${c.tp + c.fp})`;
};

const split = JSON.parse(readFileSync(join(EVAL, 'split.json'), 'utf8')) as { tuning: string[]; heldout: string[] };
const namesOut = process.argv.includes('--names-out');
const wrapAt = process.argv.includes('--wrap') ? Number(process.argv[process.argv.indexOf('--wrap') + 1]) : undefined;
const listedAt = process.argv.includes('--listed') ? Number(process.argv[process.argv.indexOf('--listed') + 1]) : undefined;
const datedAt = process.argv.includes('--dated') ? Number(process.argv[process.argv.indexOf('--dated') + 1]) : undefined;

/** Each line broken at its last space before `width` characters: the text keeps its length and offsets. */
function hardWrap(text: string, width: number): string {
  const chars = [...text];
  let lineStart = 0;
  let lastSpace = -1;
  for (let i = 0; i < chars.length; i++) {
    if (chars[i] === '\n') { lineStart = i + 1; lastSpace = -1; continue; }
    if (chars[i] === ' ') lastSpace = i;
    if (i - lineStart >= width && lastSpace > lineStart) { chars[lastSpace] = '\n'; lineStart = lastSpace + 1; lastSpace = -1; }
  }
  return chars.join('');
}
const load = (id: string) => ({
  text: readFileSync(join(EVAL, 'reports', `${id}.txt`), 'utf8'),
  gold: JSON.parse(readFileSync(join(EVAL, 'gold', `${id}.json`), 'utf8')) as Gold,
});
const all = [...split.tuning, ...split.heldout].map(load);
const goldGiven = new Set(all.flatMap(({ gold }) => gold.persons.map((p) => fold(p.name.split(' ')[0] ?? ''))));
const givenNames = namesOut ? GIVEN_NAMES.filter((n) => !goldGiven.has(fold(n))) : undefined;
const options = givenNames === undefined ? {} : { givenNames };

const t0 = performance.now();
placeGazetteer();
const warm = performance.now() - t0;

for (const [label, ids] of [['tuning', split.tuning], ['held-out', split.heldout]] as const) {
  const scores: Scores = { mentions: Object.fromEntries(TYPES.map((t) => [t, zero()])) as Record<Type, Counts>, personEntities: zero(), relations: zero(), relationsByType: {} };
  for (const id of ids) {
    const { text, gold } = load(id);
    evaluate(text, gold, extract(wrapAt === undefined ? text : hardWrap(text, wrapAt), options), scores);
  }
  console.log(`\n== ${label} set (${ids.length} reports)${namesOut ? ', gold given names removed from the gazetteer' : ''}${wrapAt === undefined ? '' : `, hard-wrapped at ${wrapAt} characters`}`);
  for (const t of TYPES) console.log(`${t.padEnd(14)} ${fmt(scores.mentions[t])}`);
  console.log(`${'person ents'.padEnd(14)} ${fmt(scores.personEntities)}`);
  console.log(`${'relations'.padEnd(14)} ${fmt(scores.relations)}`);
  for (const [t, c] of Object.entries(scores.relationsByType).sort()) console.log(`  ${t.padEnd(14)} ${fmt(c)}`);
}

// Throughput: every report extracted in turn until 5 MB of text has gone through, after a warm-up
// that builds the gazetteer (built once per process, reported separately).
const target = 5 * 1024 * 1024;
let bytes = 0;
const cpu0 = process.cpuUsage();
const start = performance.now();
while (bytes < target) {
  for (const { text } of all) {
    extract(text, options);
    bytes += Buffer.byteLength(text);
  }
}
const seconds = (performance.now() - start) / 1000;
const cpu = process.cpuUsage(cpu0);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const big = all.map((r) => r.text).join('\n\n');
const oneDoc = big.repeat(Math.ceil((1024 * 1024) / big.length));
const s1 = performance.now();
extract(oneDoc, options);
const oneSeconds = (performance.now() - s1) / 1000;
// CPU time as well as wall time: on a shared machine wall time mostly measures the neighbours.
console.log(`\nthroughput: ${(bytes / 1024 / 1024 / seconds).toFixed(2)} MB/s wall, ${(bytes / 1024 / 1024 / cpuSeconds).toFixed(2)} MB/s per CPU-second, over ${(bytes / 1024 / 1024).toFixed(1)} MB (reports one by one), ` +
  `${(Buffer.byteLength(oneDoc) / 1024 / 1024 / oneSeconds).toFixed(2)} MB/s on one ${(Buffer.byteLength(oneDoc) / 1024 / 1024).toFixed(1)} MB document; ` +
  `gazetteer build ${warm.toFixed(0)} ms (once per process); ${cpus().length} cores, single thread, load average ${loadavg()[0]?.toFixed(1)}`);

if (listedAt !== undefined) {
  // one sentence listing names ("Present were Ivan Kowalski, Piotr Nowak, …"): each length read once
  for (const characters of [listedAt / 16, listedAt / 4, listedAt].map(Math.round)) {
    const text = namesListedOf(characters);
    const cpu1 = process.cpuUsage();
    const found = extract(text, options);
    const used = process.cpuUsage(cpu1);
    const ms = (used.user + used.system) / 1000;
    console.log(`listed names, ${characters.toLocaleString('en')} characters: ${ms.toFixed(0)} ms CPU (${(ms / (characters / 1e6)).toFixed(0)} ms per million characters), ${found.relations.length} relations`);
  }
}

/** What `work` gives, and the CPU time it took in ms. */
function cpuTimed<T>(work: () => T): [T, number] {
  const before = process.cpuUsage();
  const result = work();
  const used = process.cpuUsage(before);
  return [result, (used.user + used.system) / 1000];
}

if (datedAt !== undefined) {
  // a date in every sentence: "on 4 March 2019", "04/03/2019", "2019-03-04", "In March 2019", "From 4 March to 4 April 2019", "On 4 March …"
  for (const characters of [datedAt / 10, datedAt / 2, datedAt, datedAt * 2].map(Math.round)) {
    const text = datesWrittenOf(characters);
    const [dates, datesMs] = cpuTimed(() => findDates(text, () => true));
    const [found, extractMs] = cpuTimed(() => extract(text, options));
    const perMillion = (ms: number) => (ms / (characters / 1e6)).toFixed(0);
    console.log(`dated text, ${characters.toLocaleString('en')} characters: findDates ${datesMs.toFixed(0)} ms CPU (${perMillion(datesMs)} ms per million characters, ${dates.length.toLocaleString('en')} dates), ` +
      `extract ${extractMs.toFixed(0)} ms CPU (${perMillion(extractMs)} ms per million characters, ${found.entities.length.toLocaleString('en')} entities)`);
  }
}
