/**
 * Cross-script name matching (node bench/eval-cross-script.ts [dataDir]): a name written in
 * Arabic or Cyrillic script against the Latin spellings agencies write it in.
 *
 * Two sources:
 * - The demo's name pools (packages/demo/src/name-pools.ts): each entry that has a form in its
 *   own script, against each of its Latin spellings (positives) and against every Latin
 *   spelling of the other entries of the same list (negatives: Mohamed / Mahmoud, Hassan /
 *   Hussein). The pools are the project's own writing, not independent data: the figures show
 *   what changed, not how the matcher fares on names it has never seen. Entries are split by a
 *   hash of their first spelling into dev and test halves; rules are tuned on dev.
 * - The public reference data: the Arabic-script rows of
 *   ../shared/data/translit/cross_script_pairs.csv and the Arabic personal names among
 *   ar2en-train.txt (the rows whose Latin side is a pool spelling), each printed with its level.
 *
 * Negatives there: each row's Arabic name against every other row's Latin name. `--rows`
 * prints each row with its level.
 *
 * A pair matches when compareNames puts the two names at `exact`, `phonetic`, `fuzzy` or
 * `fuzzyLow` (every part aligned): what a checkpoint shows as the same name. Prints counts and
 * rates as JSON; pool names are fictional-data vocabulary, printed only for the errors on dev
 * with `--errors`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NAME_POOLS, ORIGINS, type NameEntry } from '../packages/demo/src/name-pools.ts';
import { compareNames, NAME_LEVELS, normalizeName, type NameLevel } from '@mosaic/matching';
import { OFAC_NATIVE_SCRIPT } from './lib/ofac-native-script.ts';
import { defaultDataDir, readIndividuals } from './lib/ofac.ts';

const SAME_NAME: ReadonlySet<NameLevel> = new Set(['exact', 'phonetic', 'fuzzy', 'fuzzyLow']);
const ARABIC = /[\u0600-\u06FF]/;
const CYRILLIC = /[\u0400-\u04FF]/;
const GREEK = /[\u0370-\u03FF]/;

function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 0x01000193) >>> 0; }
  return h;
}

export interface ScriptPair { readonly native: string; readonly latin: string; readonly same: boolean; readonly script: 'arabic' | 'cyrillic' }

/** Pool pairs of one half: natives against their own spellings and the other entries' spellings of the same list. */
export function poolPairs(split: 'dev' | 'test'): ScriptPair[] {
  const pairs: ScriptPair[] = [];
  for (const origin of ORIGINS) {
    const pool = NAME_POOLS[origin];
    for (const list of [pool.male, pool.female, pool.surnames]) {
      const native = list.filter((e): e is NameEntry & { native: string } => e.native !== undefined);
      for (const entry of native) {
        if ((hash(entry.forms[0] ?? '') % 2 === 0 ? 'dev' : 'test') !== split) continue;
        const script = ARABIC.test(entry.native) ? 'arabic' : 'cyrillic';
        for (const other of native) {
          for (const latin of other.forms) pairs.push({ native: entry.native, latin, same: other === entry, script });
        }
      }
    }
  }
  return pairs;
}

export interface Figures { readonly positives: number; readonly negatives: number; readonly recall: number; readonly falseMatches: number; readonly precision: number; readonly f1: number }

export function score(pairs: readonly ScriptPair[]): Figures {
  let tp = 0, fp = 0, positives = 0;
  for (const p of pairs) {
    const match = SAME_NAME.has(compareNames(p.native, p.latin).level);
    if (p.same) { positives++; if (match) tp++; } else if (match) fp++;
  }
  const precision = tp / Math.max(1, tp + fp);
  const recall = tp / Math.max(1, positives);
  return { positives, negatives: pairs.length - positives, recall: +recall.toFixed(4), falseMatches: fp, precision: +precision.toFixed(4), f1: +((2 * precision * recall) / Math.max(1e-9, precision + recall)).toFixed(4) };
}

/** The public reference rows: cross_script_pairs.csv (Arabic script) and ar2en-train's Arabic personal names. */
function referencePairs(dataDir: string): { readonly source: string; readonly native: string; readonly latin: string }[] {
  const rows: { source: string; native: string; latin: string }[] = [];
  for (const line of readFileSync(join(dataDir, 'translit', 'cross_script_pairs.csv'), 'utf8').split('\n')) {
    const [native, latin] = line.split(',');
    if (native && latin && !line.startsWith('#') && ARABIC.test(native)) rows.push({ source: 'cross_script_pairs', native, latin });
  }
  const spellings = new Set<string>();
  for (const origin of ORIGINS) {
    const pool = NAME_POOLS[origin];
    for (const e of [...pool.male, ...pool.female, ...pool.surnames]) if (e.native !== undefined && ARABIC.test(e.native)) for (const f of e.forms) spellings.add(f.toLowerCase());
  }
  for (const line of readFileSync(join(dataDir, 'translit', 'ar2en-train.txt'), 'utf8').split(/\r?\n/)) {
    const [native, latin] = line.split('\t');
    if (native && latin && spellings.has(latin.toLowerCase())) rows.push({ source: 'ar2en-train', native, latin });
  }
  return rows;
}

function main(): void {
  const dataDir = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? defaultDataDir();
  for (const split of ['dev', 'test'] as const) {
    const pairs = poolPairs(split);
    for (const script of ['arabic', 'cyrillic'] as const) {
      const mine = pairs.filter((p) => p.script === script);
      console.log(JSON.stringify({ source: 'demo name pools', split, script, ...score(mine) }));
      if (split === 'dev' && process.argv.includes('--errors')) {
        for (const p of mine) {
          const level = compareNames(p.native, p.latin).level;
          if (SAME_NAME.has(level) !== p.same) console.log(JSON.stringify({ error: p.same ? 'missed' : 'false match', native: p.native, latin: p.latin, level }));
        }
      }
    }
  }
  const reference = referencePairs(dataDir);
  let matched = 0;
  for (const r of reference) {
    const level = compareNames(r.native, r.latin).level;
    if (SAME_NAME.has(level)) matched++;
    if (process.argv.includes('--rows')) console.log(JSON.stringify({ ...r, level }));
  }
  // negatives: each row's Arabic name against the other rows' Latin names (a different Latin name)
  let negatives = 0;
  let falseMatches = 0;
  for (const r of reference) {
    for (const o of reference) {
      if (o.latin.toLowerCase() === r.latin.toLowerCase()) continue;
      negatives++;
      if (SAME_NAME.has(compareNames(r.native, o.latin).level)) falseMatches++;
    }
  }
  console.log(JSON.stringify({ source: 'public reference (Arabic script)', pairs: reference.length, matched, recall: +(matched / Math.max(1, reference.length)).toFixed(4), negatives, falseMatches }));
  // the Cyrillic and Greek rows of cross_script_pairs.csv, each against its Latin name and the other rows' (a handful: a check, not a measure)
  const others = readFileSync(join(dataDir, 'translit', 'cross_script_pairs.csv'), 'utf8').split('\n')
    .map((line) => line.split(',')).filter((c): c is [string, string, ...string[]] => c[0] !== undefined && c[1] !== undefined && !c[0].startsWith('#') && (CYRILLIC.test(c[0]) || GREEK.test(c[0])));
  for (const script of ['cyrillic', 'greek'] as const) {
    const rows = others.filter(([native]) => (script === 'greek' ? GREEK : CYRILLIC).test(native));
    const levels = rows.map(([native, latin]) => compareNames(native, latin).level);
    let wrong = 0;
    for (const [native] of rows) for (const [, latin] of others) if (!rows.some(([n, l]) => n === native && l === latin) && SAME_NAME.has(compareNames(native, latin).level)) wrong++;
    console.log(JSON.stringify({ source: `public reference (${script} script)`, pairs: rows.length, matched: levels.filter((l) => SAME_NAME.has(l)).length, levels, negatives: rows.length * (others.length - 1), falseMatches: wrong }));
  }
  for (const figures of ofacNativeScript(dataDir)) console.log(JSON.stringify(figures));
}

/**
 * OFAC-listed persons written in Greek or Cyrillic (bench/lib/ofac-native-script.ts) against the
 * list: a row is found when its entry has a name (primary or aka) at a SAME_NAME level; a false
 * match is another individual of the list with such a name. `levels`: the best level per row;
 * `entryNamesMatched` of `entryNames`: the entries' names (primary and akas, each spelling the
 * list gives) at a SAME_NAME level.
 */
function ofacNativeScript(dataDir: string): object[] {
  const people = readIndividuals(dataDir);
  const names = people.map((p) => ({ entNum: p.entNum, names: [p.name, ...p.aliases].map((n) => normalizeName(n)) }));
  const out: object[] = [];
  for (const script of ['greek', 'belarusian', 'ukrainian', 'russian'] as const) {
    const rows = OFAC_NATIVE_SCRIPT.filter((r) => r.script === script);
    const levels: Record<string, number> = {};
    let found = 0;
    let falseMatches = 0;
    let entryNames = 0;
    let entryNamesMatched = 0;
    for (const row of rows) {
      const native = normalizeName(row.native);
      let best: number = NAME_LEVELS.length;
      for (const person of names) {
        if (person.entNum === row.entNum) {
          for (const n of person.names) {
            const c = compareNames(native, n);
            best = Math.min(best, c.levelIndex);
            entryNames++;
            if (SAME_NAME.has(c.level)) entryNamesMatched++;
          }
        } else if (person.names.some((n) => SAME_NAME.has(compareNames(native, n).level))) falseMatches++;
      }
      const level: NameLevel = NAME_LEVELS[best] ?? 'none';
      levels[level] = (levels[level] ?? 0) + 1;
      if (SAME_NAME.has(level)) found++;
      if (process.argv.includes('--rows')) console.log(JSON.stringify({ entNum: row.entNum, script, level }));
    }
    out.push({ source: 'OFAC persons in native script', script, rows: rows.length, found, recall: +(found / Math.max(1, rows.length)).toFixed(4), levels, entryNames, entryNamesMatched, falseMatches });
  }
  return out;
}

if (import.meta.main) main();
