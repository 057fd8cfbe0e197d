/**
 * mosaic resolve --in RECORDS.jsonl --out CLUSTERS.jsonl
 *
 * Which records are the same entity: one output line per input record, `{"id","entity"}`, in
 * input order. Input lines are FtM-style entities, with or without provenance. The summary
 * (counts, timings, peak RSS; never names) is one JSON line on stderr.
 * Exit 0: every line resolved; 3: some lines were rejected (listed by line number and reason).
 * A record id is one record: a later line with an id already read is rejected, naming the
 * line that had it first (two lines of one id would be put in two entities). A rejected line
 * is named by number, field and reason, never by its values (personal data). The output is
 * written beside --out and put in its place once whole, so a run that fails or is stopped leaves
 * an earlier output as it was (openReplacingFile).
 */
import { stat } from 'node:fs/promises';
import { once } from 'node:events';
import { MATCHING_PROPERTIES } from '@mosaic/matching';
import { AppError } from '@mosaic/model';
import type { ResolutionRun } from '@mosaic/resolution';
import { openRecordBatch } from '@mosaic/service';
import { parse } from '../args.ts';
import { requireFiles } from '../input-files.ts';
import { openReplacingFile, requireOutputFile } from '../output-file.ts';
import { progressBar, type Progress } from '../progress.ts';

const SHOWN_ERRORS = 20;

export async function run(argv: readonly string[]): Promise<number> {
  const { values } = parse('resolve', argv, { in: { type: 'string' }, out: { type: 'string' } }, false);
  if (!values.in || !values.out) {
    console.error('usage: mosaic resolve --in RECORDS.jsonl --out CLUSTERS.jsonl');
    return 2;
  }
  await requireFiles('resolve', { '--in': values.in });
  await requireOutputFile('resolve', '--out', values.out);
  const started = performance.now();
  const bar = progressBar('resolve');
  try {
    return await resolveTo(values.out, values.in, bar, started);
  } finally {
    // also when resolution failed: a bar left drawing would keep the process from ending
    bar.stop();
  }
}

async function resolveTo(outPath: string, inPath: string, bar: Progress, started: number): Promise<number> {
  const { result, rejected, readMs } = await readAndResolve(inPath, bar, started);
  await writeClusters(outPath, result);
  bar.stop();
  if (rejected > SHOWN_ERRORS) console.error(`… and ${rejected - SHOWN_ERRORS} more rejected lines`);
  const s = result.stats;
  console.error(JSON.stringify({
    records: s.records, rejected, matchable: s.matchable, pairs: s.blocking.pairs, cappedBlocks: s.blocking.cappedBlocks, entities: s.entities,
    merged: s.records - s.entities, refusedByLinkage: s.refusedByLinkage,
    // the base rate the match probabilities start from: two records drawn at random are one entity
    prior: Number(result.model.prior.toPrecision(3)), randomPairs: s.randomPairs, ms: Math.round(performance.now() - started), readMs, stageMs: s.ms,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  }));
  return rejected > 0 ? 3 : 0;
}

/** The clusters beside the output, put in its place once all are written. */
async function writeClusters(path: string, result: ResolutionRun): Promise<void> {
  const out = await openReplacingFile(path).catch((error: unknown) => {
    throw writeFailure(path, error);
  });
  try {
    const { ids, entities } = result.state;
    let chunk = '';
    for (let i = 0; i < ids.length; i++) {
      chunk += `${JSON.stringify({ id: ids[i], entity: entities[i] })}\n`;
      if (chunk.length > 1 << 16) {
        if (!out.stream.write(chunk)) await once(out.stream, 'drain');
        chunk = '';
      }
    }
    out.stream.end(chunk);
    await once(out.stream, 'finish');
    await out.commit();
  } catch (error) {
    await out.discard();
    throw writeFailure(path, error);
  }
}

/** A failed write (a full disk…) as one line naming the file, not an unexpected error with a stack. */
function writeFailure(path: string, error: unknown): AppError {
  const { code, message } = error as { code?: unknown; message?: unknown };
  return new AppError('MOSAIC_INTERNAL', `resolve: --out ${path}: could not be written (${typeof code === 'string' ? code : String(message)})`);
}

/**
 * Each record is prepared as it is read (a million parsed records and their prepared forms would
 * not fit together); a large file is read and parsed in a worker thread meanwhile, which then
 * compares half of the candidate pairs (openRecordBatch).
 */
async function readAndResolve(path: string, bar: Progress, started: number): Promise<{ result: ResolutionRun; rejected: number; readMs: number }> {
  const batch = openRecordBatch(path, { keep: MATCHING_PROPERTIES });
  try {
    let rejected = 0;
    const total = (await stat(path)).size;
    const firstLineOf = new Map<string, number>();
    for await (const piece of batch.pieces) {
      const refused = [...piece.rejected];
      piece.records.forEach((record, i) => {
        const line = piece.recordLines[i] ?? 0;
        const first = firstLineOf.get(record.id);
        if (first === undefined) {
          firstLineOf.set(record.id, line);
          batch.add(record);
        } else refused.push({ line, reason: `id: is already the id of line ${first}` });
      });
      refused.sort((a, b) => a.line - b.line);
      for (const { line, reason } of refused) if (rejected++ < SHOWN_ERRORS) bar.log(`line ${line}: ${reason}`);
      bar.update(piece.endOffset, total, 'read');
    }
    const readMs = Math.round(performance.now() - started);
    const result = await batch.resolve({ onProgress: (stage, done, n) => bar.update(done, n, stage) });
    return { result, rejected, readMs };
  } finally {
    await batch.close();
  }
}
