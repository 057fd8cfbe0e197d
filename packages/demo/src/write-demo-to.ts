/**
 * Streams the demo into a sink: org.json first, then records and truth block by block,
 * awaiting the sink between blocks so that memory stays flat at any size. The blocks come from
 * `source` (by default generated on this thread; write-demo.ts passes worker-generated ones).
 */
import type { DemoFile, DemoSink } from './demo-sink.ts';
import { demoTexts } from './demo-text.ts';
import type { DemoText } from './demo-text.ts';
import type { DemoOptions } from './generate-demo.ts';
import { demoOrg } from './org.ts';

export interface DemoProgress {
  readonly persons: number;
  readonly personsTotal: number;
  readonly records: number;
  readonly truth: number;
  readonly bytes: number;
}

export interface DemoSummary extends DemoProgress {
  readonly files: Readonly<Record<DemoFile, number>>;
}

export interface WriteDemoOptions extends DemoOptions {
  readonly onProgress?: (progress: DemoProgress) => void;
  /** Report progress at least this often (persons). */
  readonly progressEvery?: number;
  /** Size of the blocks generated on this thread when no source is given. */
  readonly chunkBytes?: number;
  /** The demo as text blocks, in order; must be the blocks of (persons, seed, asOf). */
  readonly source?: Iterable<DemoText> | AsyncIterable<DemoText>;
  /** Once aborted (Ctrl-C), the run stops before its next block and throws the signal's AbortError, the sink discarded. */
  readonly signal?: AbortSignal;
}

export async function writeDemoTo(
  sink: DemoSink,
  { persons, seed, asOf, onProgress, progressEvery = 10_000, chunkBytes = 1 << 20, source, signal }: WriteDemoOptions,
): Promise<DemoSummary> {
  const files: Record<DemoFile, number> = { 'org.json': 0, 'records.jsonl': 0, 'truth.jsonl': 0 };
  const put = async (file: DemoFile, text: string): Promise<void> => {
    if (text.length === 0) return;
    files[file] += Buffer.byteLength(text);
    await sink.write(file, text);
  };
  let done = 0;
  let records = 0;
  let truth = 0;
  const progress = (): DemoProgress => ({
    persons: done, personsTotal: persons, records, truth,
    bytes: files['org.json'] + files['records.jsonl'] + files['truth.jsonl'],
  });
  try {
    await put('org.json', `${JSON.stringify(demoOrg(seed), null, 2)}\n`);
    let reported = 0;
    for await (const block of source ?? demoTexts({ persons, seed, ...(asOf === undefined ? {} : { asOf }) }, chunkBytes)) {
      signal?.throwIfAborted();
      await put('records.jsonl', block.recordsText);
      await put('truth.jsonl', block.truthText);
      done += block.persons;
      records += block.records;
      truth += block.truth;
      if (onProgress && done - reported >= progressEvery) {
        reported = done;
        onProgress(progress());
      }
    }
    signal?.throwIfAborted();
    const summary = progress();
    onProgress?.(summary);
    await sink.close();
    return { ...summary, files: { ...files } };
  } catch (error) {
    await (sink.discard ?? sink.close).call(sink).catch(() => undefined);
    throw error;
  }
}
