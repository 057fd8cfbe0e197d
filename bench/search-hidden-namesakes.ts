/**
 * What search costs when the user may see few of many namesakes (node bench/search-hidden-namesakes.ts
 * [--namesakes 100,1000,5000] [--runs 50]): the tests' fictional world (testing.ts), N records of
 * one name held by intelligence, which the zone's officer may see only as a pointer, and one
 * record of the zone's own whose name has a part more (it ranks after every namesake). The
 * officer's search widens its window of candidates until the own record is found
 * (record-search.ts); the intelligence analyst, who may see every namesake, fills the results
 * from the first window. Reports p50 / p99 ms of each over `runs` searches, and what the
 * officer was shown. Prints JSON only.
 */
import { parseArgs } from 'node:util';
import { searchRecords } from '@mosaic/service';
import { openTestMosaic, putFixtures, testProvenance, type TestUserName } from '../packages/service/src/testing.ts';

const { values: args } = parseArgs({ options: { namesakes: { type: 'string', default: '100,1000,5000' }, runs: { type: 'string', default: '50' } } });
const RUNS = Number(args.runs);

const percentile = (sorted: readonly number[], p: number): number => Number((sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0).toFixed(2));

for (const n of args.namesakes.split(',').map(Number)) {
  const world = await openTestMosaic();
  try {
    const { mosaic } = world;
    await putFixtures(mosaic, [
      ...Array.from({ length: n }, (_, i) => ({ id: `n${i}`, schema: 'Person', properties: { name: ['Marek Dolany'] }, provenance: testProvenance('intel') })),
      { id: 'n-own', schema: 'Person', properties: { name: ['Marek Dolany Wirth'] }, provenance: testProvenance('zone-north') },
    ]);
    const users = await mosaic.store.listUsers();
    const figures: Record<string, unknown> = { bench: 'search.hiddenNamesakes', namesakes: n };
    for (const as of ['zoneOfficer', 'intelAnalyst'] satisfies TestUserName[]) {
      const user = users.find((u) => u.name === as);
      if (!user) throw new Error(`no test user ${as}`);
      const times: number[] = [];
      let shown: { results: number; ownFound: boolean; truncated: boolean } | undefined;
      for (let run = 0; run < RUNS + 5; run++) {
        const started = performance.now();
        const result = await searchRecords(mosaic, { user, purpose: 'investigation', caseRef: 'BENCH-1' }, { q: 'Marek Dolany' });
        if (run >= 5) times.push(performance.now() - started);
        shown = { results: result.results.length, ownFound: result.results.some((r) => r.id === 'zone-north:n-own'), truncated: result.truncated };
      }
      times.sort((a, b) => a - b);
      figures[as] = { p50: percentile(times, 0.5), p99: percentile(times, 0.99), ...shown };
    }
    console.log(JSON.stringify(figures));
  } finally {
    await world.cleanup();
  }
}
