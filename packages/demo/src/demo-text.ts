/**
 * Demo output as text blocks, the unit written to files: many lines joined, newline-terminated.
 * A block is produced either by grouping clusters up to a size (streaming, one thread) or as a
 * whole chunk (what a worker thread returns).
 */
import { demoChunkBatches, demoChunkCount, demoPreamble, settleDemoOptions } from './generate-demo.ts';
import type { DemoBatch, DemoOptions, SettledDemoOptions } from './generate-demo.ts';

export interface DemoText {
  readonly persons: number;
  readonly records: number;
  readonly truth: number;
  /** Lines of records.jsonl, each ending in a newline; empty when there are none. */
  readonly recordsText: string;
  readonly truthText: string;
}

function joined(lines: readonly string[]): string {
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

function toText(batches: readonly DemoBatch[]): DemoText {
  const records = batches.flatMap((b) => b.records);
  const truth = batches.flatMap((b) => b.truth);
  return { persons: batches.reduce((s, b) => s + b.persons, 0), records: records.length, truth: truth.length, recordsText: joined(records), truthText: joined(truth) };
}

/** One whole chunk as text. */
export function demoChunkText(options: SettledDemoOptions, chunk: number): DemoText {
  return toText([...demoChunkBatches(options, chunk)]);
}

export function demoPreambleText(options: SettledDemoOptions): DemoText {
  return toText([demoPreamble(options)]);
}

/** The whole demo as text blocks of about `blockBytes`, generated on the calling thread. */
export function* demoTexts(demo: DemoOptions, blockBytes = 1 << 20): Generator<DemoText, void, undefined> {
  const options = settleDemoOptions(demo);
  yield demoPreambleText(options);
  let pending: DemoBatch[] = [];
  let size = 0;
  const chunks = demoChunkCount(options.persons);
  for (let chunk = 0; chunk < chunks; chunk++) {
    for (const batch of demoChunkBatches(options, chunk)) {
      pending.push(batch);
      for (const line of batch.records) size += line.length + 1;
      for (const line of batch.truth) size += line.length + 1;
      if (size >= blockBytes) {
        yield toText(pending);
        pending = [];
        size = 0;
      }
    }
  }
  if (pending.length > 0) yield toText(pending);
}
