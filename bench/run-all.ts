/**
 * `npm run bench`: every benchmark and evaluation, one after another, each printing its JSON
 * figures. Run on a quiet machine; BENCHMARKS.md records what was measured where.
 *
 *   node bench/run-all.ts [name …]     (names: the file names below without .ts)
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const BENCHES = [
  'ingest', 'ingest-store', 'demo-generate', 'matching-speed', 'eval-translit', 'eval-cross-script', 'eval-name-pairs',
  'resolve-febrl', 'resolve-ofac', 'resolve-demo', 'resolve-demo-errors', 'resolve-calibration', 'resolve-scale', 'compare-pairs', 'jaro-winkler', 'screen-ofac', 'screen-scale', 'screen-http', 'screen-serve', 'screen-during-ingest',
  'document-ids', 'retention-sweep', 'policy-filter-visible', 'policy-overhead', 'search-demo', 'search-hidden-namesakes', 'graph', 'graph-shared-identifiers', 'extract', 'read-documents',
] as const;

const chosen = process.argv.slice(2);
const unknown = chosen.filter((name) => !(BENCHES as readonly string[]).includes(name));
if (unknown.length > 0) {
  console.error(`bench: unknown benchmark(s) ${unknown.join(', ')}; known: ${BENCHES.join(', ')}`);
  process.exit(2);
}
let failed = 0;
for (const name of chosen.length > 0 ? chosen : BENCHES) {
  console.error(`\n== ${name}`);
  const result = spawnSync(process.execPath, ['--max-old-space-size=8000', '--expose-gc', join(import.meta.dirname, `${name}.ts`)], { stdio: 'inherit' });
  if (result.status !== 0) {
    failed += 1;
    console.error(`bench: ${name} exited with ${result.status}`);
  }
}
process.exit(failed > 0 ? 1 : 0);
