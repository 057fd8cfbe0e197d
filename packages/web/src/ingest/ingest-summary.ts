/**
 * What an ingest job did, in one line a person reads: the lines accepted and how they were
 * written (new records, new versions, records already stored as given), the lines refused, and
 * the lines an earlier upload of the same file had written, which the job skips (docs/API.md,
 * `resumed`) — without them a second upload of a file read "0 accepted · 0 refused" and said
 * nothing of why —, the lines a CSV quote never closed took with its row (`through`), and the
 * references of lines written to records not found (`warningCount`).
 */
import type { IngestJob } from '../api/api-types.ts';

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** Lines written naming, by an entity property (a relation's end, a holder, an owner), records neither the file nor the store holds. */
export const referencesNotFound = (n: number): string => (n === 1 ? '1 reference to a record not found' : `${n} references to records not found`);

/** The lines a job has read, of how many: "2,500 of 40,000 lines read". */
export function linesRead(job: Pick<IngestJob, 'processed' | 'total'>): string {
  return `${count(job.processed)}${job.total === undefined ? '' : ` of ${count(job.total)}`} line${(job.total ?? job.processed) === 1 ? '' : 's'} read`;
}

const count = (n: number): string => n.toLocaleString('en');

export function ingestSummary(job: IngestJob): string {
  const accepted = job.accepted ?? 0;
  const refused = job.rejected ?? job.errors.length;
  // while it runs, lines are read ahead of their batch's write: each number named for what it counts
  if (job.state === 'running') return `${linesRead(job)} · ${count(accepted)} written · ${count(refused)} refused`;
  const resumed = job.resumed ?? 0;
  if (job.state === 'done' && resumed > 0 && resumed === job.processed) {
    return `Nothing new to write: ${resumed === 1 ? 'its line was' : `its ${resumed} lines were`} written by an earlier upload of this file`;
  }
  const how = [
    job.created ? `${job.created} new` : '',
    job.updated ? `${job.updated} updated` : '',
    job.unchanged ? `${job.unchanged} already stored as given` : '',
  ].filter(Boolean);
  const parts = [`${accepted} accepted${how.length ? ` (${how.join(', ')})` : ''}`, `${refused} refused`];
  if (resumed > 0) parts.push(`${plural(resumed, 'line')} skipped, written by an earlier upload of this file`);
  // the lines a quote never closed took count as one refused line: said, or the summary leaves them out
  for (const { line, through } of job.errors) if (through !== undefined && through > line) parts.push(`lines ${line}–${through} read as one value: a quote opened on line ${line} is not closed`);
  if (job.warningCount) parts.push(referencesNotFound(job.warningCount));
  const counted = parts.join(' · ');
  return job.state === 'failed' ? `${counted} before it stopped` : counted;
}
