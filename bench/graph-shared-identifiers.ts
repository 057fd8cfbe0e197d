/**
 * Graph queries as the service answers them (policy, entity drawing, audit), on the generated
 * demo, then with one phone number held by many records most users may not read: two persons
 * of a local police zone hold it, and `--hidden` records of intelligence (TLP:RED, SECRET) too,
 * under `--markings` markings (1 to 20: subject categories and handling codes in turn), which the
 * policy decides once each.
 *
 *   node bench/graph-shared-identifiers.ts [--persons 5000] [--seed 2016] [--hidden 50000] [--markings 1] [--rounds 5]
 *
 * The demo is loaded into an embedded store and its projections built as a node builds them.
 * The hidden holders are applied to the graph projection only (their resolution is not what is
 * measured, and would take most of the run): they are nodes of the network, records without an
 * entity, as a record not yet resolved is. Figures, per user: `POST /graph/expand` as the
 * service answers it (2 hops, 200 nodes at most, entity level, 40 person seeds of the user's
 * own agency, one at a time, `--rounds` rounds after a warm one) and the shortest path between
 * consecutive seeds; then the time the graph projection takes to apply the hidden holders, its
 * network's edges, and the local analyst's and an intelligence analyst's expansion around the
 * zone's two holders and path between them, at record and entity level; then the demo's figures
 * again (`demoWithCrowded`), every query now drawing its network with such an identifier's ties.
 * Prints one JSON object.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { writeDemo } from '@mosaic/demo';
import type { NodeId } from '@mosaic/graph';
import { schemata, seededRandom, validateRecord, type EntityRecord, type RecordId } from '@mosaic/model';
import { graphExpand, graphPaths, loadDemo, openMosaic, parseConfig, startProjections, type Consultation } from '@mosaic/service';

const { values: args } = parseArgs({
  options: {
    persons: { type: 'string', default: '5000' },
    seed: { type: 'string', default: '2016' },
    hidden: { type: 'string', default: '50000' },
    markings: { type: 'string', default: '1' },
    rounds: { type: 'string', default: '5' },
  },
});
const PERSONS = Number(args.persons);
const SEED = Number(args.seed);
const HIDDEN = Number(args.hidden);
const MARKINGS = Number(args.markings);
const ROUNDS = Number(args.rounds);
const SEEDS = 40;
const PHONE = '+32 470 99 91 11';

const quantile = (samples: readonly number[], q: number): number => {
  const sorted = [...samples].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! * 100) / 100;
};
const figures = (samples: readonly number[]) => ({ p50: quantile(samples, 0.5), p90: quantile(samples, 0.9), max: quantile(samples, 1) });

async function timed<T>(samples: number[], run: () => Promise<T>): Promise<T> {
  const t = performance.now();
  const result = await run();
  samples.push(performance.now() - t);
  return result;
}

const dir = mkdtempSync(join(tmpdir(), 'mosaic-graph-shared-bench-'));
try {
  await writeDemo({ persons: PERSONS, seed: SEED, outDir: join(dir, 'demo') });
  const mosaic = await openMosaic(parseConfig({ dataDir: dir }, dir), { checkpointEvery: 500 });
  await loadDemo(mosaic, join(dir, 'demo'));
  let t = performance.now();
  const projections = await startProjections(mosaic, { follow: false });
  const buildMs = Math.round(performance.now() - t);
  const sources = projections;
  const as = async (username: string): Promise<Consultation> => {
    const user = await mosaic.store.findUserByName(username);
    if (!user) throw new Error(`the demo has no user ${username}`);
    return { user, purpose: 'investigation', caseRef: 'BENCH-GRAPH' };
  };
  const persons = readFileSync(join(dir, 'demo', 'records.jsonl'), 'utf8').split('\n').filter((line) => line.includes('"schema":"Person"')).map((line) => (JSON.parse(line) as { id: string }).id);
  const random = seededRandom(SEED);
  const seedsOf = (agency: string): NodeId[] => {
    const own = persons.filter((id) => id.startsWith(`${agency}:`));
    return Array.from({ length: SEEDS }, () => own[Math.floor(random() * own.length)]! as NodeId);
  };

  const analysts = [['lpz-west.analyst', seedsOf('lpz-west')], ['fedpol.analyst1', seedsOf('fedpol')]] as const;
  const demoFigures = async (): Promise<Record<string, unknown>> => {
    const demo: Record<string, unknown> = {};
    for (const [username, seeds] of analysts) {
      const consultation = await as(username);
      const expandMs: number[] = [];
      const pathMs: number[] = [];
      let nodes = 0;
      for (let round = 0; round <= ROUNDS; round++) {
        for (let i = 0; i < seeds.length; i++) {
          const expanded = await timed(round === 0 ? [] : expandMs, () => graphExpand(mosaic, consultation, sources, { seeds: [seeds[i]!], hops: 2, maxNodes: 200 }));
          if (round === 1) nodes += expanded.subgraph.nodes.length;
          await timed(round === 0 ? [] : pathMs, () => graphPaths(mosaic, consultation, sources, { from: seeds[i]!, to: seeds[(i + 1) % seeds.length]! }));
        }
      }
      demo[username] = { meanNodes: Math.round((nodes / seeds.length) * 10) / 10, expand: figures(expandMs), paths: figures(pathMs) };
    }
    return demo;
  };
  const demo = await demoFigures();

  // one number, two holders the zone's analyst reads, and HIDDEN they may not
  const registry = schemata();
  const holder = (id: string, provenance: Record<string, unknown>, name = `Holder ${id}`): EntityRecord => {
    const v = validateRecord(registry, { id, schema: 'Person', properties: { name: [name], phone: [PHONE] }, provenance });
    if (!v.ok) throw new Error(JSON.stringify(v.errors));
    return v.record;
  };
  const base = { source: 'bench', reliability: 'B', credibility: 2, handling: 'H1', category: 'contact', nature: 'fact', legalBasis: 'Bench', reviewDate: '2031-01-01' };
  const amber = { ...base, agency: 'lpz-west', marking: { tlp: 'AMBER', classification: 'RESTRICTED', releasability: ['be'] } };
  const zone = [holder('BENCH-A', amber, 'Armand Delvaux'), holder('BENCH-B', amber, 'Berthe Wouters-Kaminski')];
  await mosaic.store.putRecords(zone, { actor: 'bench' });
  await projections.follower.catchUp();
  await projections.entities.settle();
  const secret = { ...base, agency: 'intel', marking: { tlp: 'RED', classification: 'SECRET', releasability: ['be'] } };
  const CATEGORIES = ['contact', 'suspect', 'witness', 'victim', 'other'];
  const HANDLINGS = ['H1', 'H2', 'H3', 'H0'];
  const marked = (k: number) => ({ ...secret, category: CATEGORIES[k % 5], handling: HANDLINGS[Math.floor(k / 5) % 4] });
  const hidden = Array.from({ length: HIDDEN }, (_, i) => holder(`BENCH-H${i}`, marked(i % MARKINGS)));
  const edgesBefore = projections.graph.graph.edgeCount;
  t = performance.now();
  projections.graph.apply(hidden.map((record) => ({ id: record.id, record })));
  const applyMs = Math.round(performance.now() - t);
  const crowded: Record<string, unknown> = { applyMs, edgesAdded: projections.graph.graph.edgeCount - edgesBefore, heapMb: Math.round(process.memoryUsage().heapUsed / 2 ** 20) };
  const [a, b] = zone.map((r) => r.id as RecordId as NodeId) as [NodeId, NodeId];
  for (const [username, from, to] of [['lpz-west.analyst', a, b], ['intel.analyst1', hidden[0]!.id as RecordId as NodeId, hidden[1]!.id as RecordId as NodeId]] as const) {
    const consultation = await as(username);
    for (const level of ['record', 'entity'] as const) {
      const expandMs: number[] = [];
      const pathMs: number[] = [];
      let answer = '';
      for (let round = 0; round <= ROUNDS; round++) {
        const expanded = await timed(round === 0 ? [] : expandMs, () => graphExpand(mosaic, consultation, sources, { seeds: [from], hops: 2, maxNodes: 200, level }));
        const path = await timed(round === 0 ? [] : pathMs, () => graphPaths(mosaic, consultation, sources, { from, to, level }));
        answer = `${expanded.subgraph.edges.filter((e) => e.type === 'shared-phone').length} shared-phone ties around, path ${path.reason ?? path.paths.map((p) => `${p.hops} hop(s) ${p.edges.map((e) => e.type).join(',')}`).join(' ')}`;
      }
      crowded[`${username} ${level}`] = { answer, expand: figures(expandMs), paths: figures(pathMs) };
    }
  }
  // the demo's queries again, the network now holding an identifier too many records hold for its ties to be kept
  const demoWithCrowded = await demoFigures();
  console.log(JSON.stringify({ bench: 'graph.shared-identifiers', persons: PERSONS, seed: SEED, hidden: HIDDEN, markings: MARKINGS, rounds: ROUNDS, load: loadavg().map((l) => Math.round(l * 10) / 10), buildMs, demo, crowded, demoWithCrowded }, null, 1));
  projections.stop();
  await mosaic.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
