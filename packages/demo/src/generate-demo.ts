/**
 * The demo data as a stream. Persons are generated in fixed chunks of DEMO_CHUNK_PERSONS, each
 * from its own seeded stream and with its own record-id space, so a chunk depends only on
 * (seed, chunk number, size, as-of day): chunks can be generated one after another here, or in
 * parallel by writeDemo, with identical bytes. Within a chunk, clusters of the true world are generated
 * one at a time and turned into lines at once, so memory holds one cluster.
 */
import { AppError } from '@mosaic/model';
import { clusterRecords, createRecordState, organizationRecords } from './cluster-records.ts';
import { dayOfIso, isoDay } from './calendar.ts';
import { createRng } from './rng.ts';
import { generateCluster } from './world.ts';

export interface DemoOptions {
  /** Number of distinct true persons; each has one to four Person records. */
  readonly persons: number;
  readonly seed: number;
  /**
   * The day the demo is made for (YYYY-MM-DD; default: today, UTC). The world's events end in
   * 2016; a record whose review date has passed by this day was reviewed and kept, so its
   * review date is the next one after it and a retention sweep on that day erases nothing.
   * Only review dates depend on it.
   */
  readonly asOf?: string;
}

/** Options with the as-of day fixed, so that every chunk of one demo reads the same day. */
export interface SettledDemoOptions extends DemoOptions {
  readonly asOf: string;
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

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export function checkDemoOptions({ persons, seed, asOf }: DemoOptions): void {
  if (!Number.isSafeInteger(persons) || persons < 0) throw new AppError('MOSAIC_INVALID_INPUT', 'demo: persons must be a non-negative integer', { persons });
  if (!Number.isSafeInteger(seed)) throw new AppError('MOSAIC_INVALID_INPUT', 'demo: seed must be an integer', { seed });
  if (asOf !== undefined && !(ISO_DAY.test(asOf) && Number.isFinite(dayOfIso(asOf)) && isoDay(dayOfIso(asOf)) === asOf)) throw new AppError('MOSAIC_INVALID_INPUT', `demo: the as-of day must be a date YYYY-MM-DD, got "${asOf}"`, { asOf });
}

/** Checks the options and fixes the as-of day (today, UTC, when not given). */
export function settleDemoOptions(options: DemoOptions): SettledDemoOptions {
  checkDemoOptions(options);
  return { ...options, asOf: options.asOf ?? new Date().toISOString().slice(0, 10) };
}

export function demoChunkCount(persons: number): number {
  return Math.ceil(persons / DEMO_CHUNK_PERSONS);
}

/** The records every chunk may refer to (the agencies' Organization files), emitted first. */
export function demoPreamble(options: SettledDemoOptions): DemoBatch {
  return { persons: 0, records: options.persons > 0 ? organizationRecords(options.seed, dayOfIso(options.asOf)) : [], truth: [] };
}

/** The clusters of one chunk, persons numbered from chunk * DEMO_CHUNK_PERSONS. */
export function* demoChunkBatches({ persons, seed, asOf }: SettledDemoOptions, chunk: number): Generator<DemoBatch, void, undefined> {
  const first = chunk * DEMO_CHUNK_PERSONS;
  const size = Math.min(DEMO_CHUNK_PERSONS, persons - first);
  const rng = createRng(seed, chunk + 1);
  const state = createRecordState(chunk, dayOfIso(asOf));
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
  const settled = settleDemoOptions(options);
  yield demoPreamble(settled);
  const chunks = demoChunkCount(settled.persons);
  for (let chunk = 0; chunk < chunks; chunk++) yield* demoChunkBatches(settled, chunk);
}

/** Every output line, records and truth interleaved cluster by cluster. */
export function* generateDemo(options: DemoOptions): Generator<DemoLine, void, undefined> {
  for (const batch of generateDemoBatches(options)) {
    for (const line of batch.records) yield { file: 'records.jsonl', line };
    for (const line of batch.truth) yield { file: 'truth.jsonl', line };
  }
}
