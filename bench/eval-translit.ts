/**
 * Arabic -> Latin transliteration on ../shared/data/translit/ar2en-eval.txt
 * (node bench/eval-translit.ts [dataDir]). The rule tables were tuned on ar2en-train.txt only.
 * Prints: exact-match rate of our output; exact match of the name part (leading article
 * dropped on both sides, as the reference drops it); mean normalised similarity
 * (1 - Levenshtein / max length); and the rate at which our phonetic key equals the
 * reference's key — the figure that matters for matching. Counts and rates only.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { foldText, normalizeName, transliterate } from '@mosaic/matching';
import { defaultDataDir } from './lib/ofac.ts';

function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

function main(): void {
  const dataDir = process.argv[2] ?? defaultDataDir();
  const file = process.argv[3] ?? 'ar2en-eval.txt';
  const rows = readFileSync(join(dataDir, 'translit', file), 'utf8').split(/\r?\n/).map((l) => l.split('\t')).filter((c) => c.length === 2 && c[0] && c[1]);
  let exact = 0, exactName = 0, keyEqual = 0, similarity = 0;
  for (const [arabic, latin] of rows as [string, string][]) {
    const ours = foldText(transliterate(arabic));
    const reference = foldText(latin);
    if (ours === reference) exact++;
    const a = normalizeName(ours);
    const b = normalizeName(reference);
    if (a.key === b.key) exactName++;
    if (a.phoneticKey === b.phoneticKey) keyEqual++;
    similarity += 1 - levenshtein(a.key, b.key) / Math.max(1, a.key.length, b.key.length);
  }
  const n = Math.max(1, rows.length);
  console.log(JSON.stringify({ file, pairs: rows.length, exact: +(exact / n).toFixed(4), exactNamePart: +(exactName / n).toFixed(4), meanSimilarity: +(similarity / n).toFixed(4), phoneticKeyEqual: +(keyEqual / n).toFixed(4) }));
}

if (import.meta.main) main();
