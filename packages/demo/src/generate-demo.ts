/**
 * The demo data as a stream. Persons are generated in fixed chunks of DEMO_CHUNK_PERSONS, each
 * from its own seeded stream and with its own record-id space, so a chunk depends only on
 * (seed, chunk number, size): chunks can be generated one after another here, or in parallel
 * by writeDemo, with identical bytes. Within a chunk, clusters of the true world are generated
 * one at a time and turned into lines at once, so memory holds one cluster.
 */
import { AppError } from '@mosaic/model';
import { clusterRecords, createRecordState, organizationRecords } from './cluster-records.ts';
import { createRng } from './rng.ts';
import { generateCluster } from './world.ts';

export interface DemoOptions {
  /** Number of distinct true persons; each has one to four Person records. */
  readonly persons: number;
  readonly seed: number;
}

/** Persons per independently generated chunk. Part of the output's definition: changing it changes the data. */
export const DEMO_CHUNK_PERSONS = 2_000;

export const DEMO_LINE_FILES = ['records.jsonl', 'truth.jsonl'] as const;
export type DemoLineFile = (typeof DEMO_LINE_FILES)[number];

export interface DemoLine {
  readonly file: DemoLineFile;
  /** One JSON object, without the trailing newline. */
  readonly line: string;
}

/** The lines of one cluster: its records (entities before the relationships that name them) and its truth. */
export interface DemoBatch {
  readonly persons: number;
  readonly records: readonly string[];
  readonly truth: readonly string[];
}

export function checkDemoOptions({ persons, seed }: DemoOptions): void {
  if (!Number.isSafeInteger(persons) || persons < 0) throw new AppError('MOSAIC_INVALID_INPUT', 'demo: persons must be a non-negative integer', { persons });
  if (!Number.isSafeInteger(seed)) throw new AppError('MOSAIC_INVALID_INPUT', 'demo: seed must be an integer', { seed });
}

export function demoChunkCount(persons: number): number {
  return Math.ceil(persons / DEMO_CHUNK_PERSONS);
}

/** The records every chunk may refer to (the agencies' Organization files), emitted first. */
export function demoPreamble(options: DemoOptions): DemoBatch {
  return { persons: 0, records: options.persons > 0 ? organizationRecords(options.seed) : [], truth: [] };
}

/** The clusters of one chunk, persons numbered from chunk * DEMO_CHUNK_PERSONS. */
export function* demoChunkBatches({ persons, seed }: DemoOptions, chunk: number): Generator<DemoBatch, void, undefined> {
  const first = chunk * DEMO_CHUNK_PERSONS;
  const size = Math.min(DEMO_CHUNK_PERSONS, persons - first);
  const rng = createRng(seed, chunk + 1);
  const state = createRecordState(chunk);
  let produced = 0;
  while (produced < size) {
    const cluster = generateCluster(rng, first + produced, size - produced);
    produced += cluster.persons.length;
    const out = { records: [] as string[], truth: [] as string[] };
    clusterRecords(cluster, rng, state, out);
    yield { persons: cluster.persons.length, records: out.records, truth: out.truth };
  }
}

export function* generateDemoBatches(options: DemoOptions): Generator<DemoBatch, void, undefined> {
  checkDemoOptions(options);
  yield demoPreamble(options);
  const chunks = demoChunkCount(options.persons);
  for (let chunk = 0; chunk < chunks; chunk++) yield* demoChunkBatches(options, chunk);
}

/** Every output line, records and truth interleaved cluster by cluster. */
export function* generateDemo(options: DemoOptions): Generator<DemoLine, void, undefined> {
  for (const batch of generateDemoBatches(options)) {
    for (const line of batch.records) yield { file: 'records.jsonl', line };
    for (const line of batch.truth) yield { file: 'truth.jsonl', line };
  }
}
