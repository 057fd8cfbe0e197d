/**
 * The erasure sweep as a job: one runs at a time across the nodes sharing a store, whoever
 * started it (a system administrator, `mosaic retention sweep`, the schedule), and while it runs
 * anyone allowed may ask how far it is. A sweep of a large store takes minutes, longer than an
 * HTTP client waits for an answer, and a second sweep started meanwhile would only wait on the
 * first one's locks.
 *
 * The running job is a document of its own (`running`): createDocument lets only one node make
 * it (as claim-lease.ts claims work), and the running node writes its progress into it, which
 * keeps it fresh. A claim not written for `staleMs` was left by a node that stopped: the next
 * start takes it over (of the nodes that read the same stale claim, only one deletes it). A
 * finished job is kept under its id, so that its starter may read how it ended on any node, for
 * SWEEP_JOBS_KEPT_MS: the sweep that holds the claim forgets older ones as it starts, since the
 * schedule alone finishes four a day and each keeps the ids of the records it could not read.
 */
import { AppError, isAppError } from '@mosaic/model';
import type { StoredDocument } from '@mosaic/store';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Mosaic } from '../runtime.ts';
import { SWEEP_ACTOR, sweepRetention, type SweepOptions, type SweepProgress, type SweepSummary } from './retention-sweep.ts';

export const SWEEP_JOB_KIND = 'retention-sweep-job';
const RUNNING = 'running';
const OWNER = 'system';

/** A claim not written for this long was left by a node that stopped mid-sweep. */
export const SWEEP_STALE_MS = 10 * 60_000;
/**
 * How long a finished job is kept: long past any starter's wait for how it ended, and what it
 * erased stays in the audit log (each erasure an entry of its own) after the job is gone. A
 * record a sweep could not read is named again by every later sweep until it is mended.
 */
export const SWEEP_JOBS_KEPT_MS = 30 * 86_400_000;
/** Finished jobs read at a time when forgetting the old ones. */
const FORGET_PAGE = 500;

/** How often the running node writes its progress (and so keeps its claim fresh). */
const PROGRESS_EVERY_MS = 1_000;

export interface SweepJob {
  readonly id: string;
  readonly state: 'running' | 'done' | 'failed';
  /** The user who started it, or the retention actor for a sweep on schedule. */
  readonly startedBy: string;
  readonly startedAt: string;
  /** Records read so far, and of them found past their review date and not held (null until all are read). */
  readonly examined: number;
  readonly due: number | null;
  /** Records due gone through so far (the summary counts the alerts erased with them too). */
  readonly erased: number;
  readonly finishedAt?: string;
  /** How it ended, once done. */
  readonly summary?: SweepSummary;
  /** Why it failed: the error's code, never what a record held. */
  readonly error?: string;
}

export interface StartedSweep {
  readonly job: SweepJob;
  /** The job as it ended; rejects with the sweep's error when it failed. */
  readonly finished: Promise<SweepJob>;
}

export interface SweepJobOptions extends Omit<SweepOptions, 'onProgress'> {
  readonly staleMs?: number;
  readonly onProgress?: (job: SweepJob) => void;
}

/**
 * Starts a sweep unless one is running, on this node or another: then MOSAIC_CONFLICT naming it.
 * Returns at once with the job; `finished` settles when the sweep ends.
 */
export async function startSweepJob(mosaic: Mosaic, { staleMs = SWEEP_STALE_MS, onProgress, ...sweep }: SweepJobOptions = {}): Promise<StartedSweep> {
  const started: SweepJob = {
    id: randomUUID(), state: 'running', startedBy: sweep.startedBy?.actor.user ?? SWEEP_ACTOR, startedAt: mosaic.now().toISOString(), examined: 0, due: null, erased: 0,
  };
  await claim(mosaic, started, staleMs);
  let current = started;
  let written = performance.now();
  const progress = async (job: SweepJob, force = false): Promise<void> => {
    current = job;
    onProgress?.(job);
    if (!force && performance.now() - written < PROGRESS_EVERY_MS) return;
    written = performance.now();
    // only into its own claim: one taken over meanwhile (this node stalled past staleMs) is left alone
    const held = await mosaic.store.getDocument(SWEEP_JOB_KIND, RUNNING);
    if ((held?.body as SweepJob | undefined)?.id === job.id) await mosaic.store.putDocument({ kind: SWEEP_JOB_KIND, id: RUNNING, owner: OWNER, body: job });
  };
  const run = async (): Promise<SweepJob> => {
    let pending = Promise.resolve();
    try {
      await forgetOldJobs(mosaic);
      const summary = await sweepRetention(mosaic, {
        ...sweep,
        onProgress: (p: SweepProgress) => { pending = pending.then(() => progress({ ...current, ...p })); },
      });
      await pending;
      return await finish({ ...current, examined: summary.examined, state: 'done', summary, finishedAt: mosaic.now().toISOString() });
    } catch (error) {
      await pending.catch(() => undefined);
      await finish({ ...current, state: 'failed', error: isAppError(error) ? error.code : 'MOSAIC_INTERNAL', finishedAt: mosaic.now().toISOString() }).catch(() => undefined);
      throw error;
    }
  };
  const finish = async (job: SweepJob): Promise<SweepJob> => {
    current = job;
    onProgress?.(job);
    await mosaic.store.putDocument({ kind: SWEEP_JOB_KIND, id: job.id, owner: OWNER, body: job });
    const held = await mosaic.store.getDocument(SWEEP_JOB_KIND, RUNNING);
    if (held !== undefined && (held.body as SweepJob).id === job.id) await mosaic.store.deleteDocumentIf(SWEEP_JOB_KIND, RUNNING, held.body);
    return job;
  };
  return { job: started, finished: run() };
}

/** Makes the running claim for `job`, taking over a stale one; MOSAIC_CONFLICT naming the running job otherwise. */
async function claim(mosaic: Mosaic, job: SweepJob, staleMs: number): Promise<void> {
  for (;;) {
    if (await mosaic.store.createDocument({ kind: SWEEP_JOB_KIND, id: RUNNING, owner: OWNER, body: job })) return;
    const held = await mosaic.store.getDocument(SWEEP_JOB_KIND, RUNNING);
    if (held === undefined) continue;
    if (Date.now() - Date.parse(held.updatedAt) > staleMs) {
      await mosaic.store.deleteDocumentIf(SWEEP_JOB_KIND, RUNNING, held.body);
      continue;
    }
    const running = held.body as SweepJob;
    throw new AppError('MOSAIC_CONFLICT', `retention sweep ${running.id} is running (started ${running.startedAt} by ${running.startedBy}): wait for it to end`);
  }
}

/** Deletes the finished jobs that ended more than SWEEP_JOBS_KEPT_MS ago (by the Mosaic clock). */
async function forgetOldJobs(mosaic: Mosaic): Promise<void> {
  const before = mosaic.now().getTime() - SWEEP_JOBS_KEPT_MS;
  const old: string[] = [];
  let afterId = '';
  for (;;) {
    const page = await mosaic.store.listDocuments(SWEEP_JOB_KIND, { limit: FORGET_PAGE, afterId });
    for (const { id, body } of page) {
      const { finishedAt } = body as SweepJob;
      if (id !== RUNNING && finishedAt !== undefined && Date.parse(finishedAt) < before) old.push(id);
    }
    const last = page.at(-1);
    if (page.length < FORGET_PAGE || last === undefined) break;
    afterId = last.id;
  }
  await mosaic.store.deleteDocuments(SWEEP_JOB_KIND, old);
}

/** The job `id`, running or finished, or undefined when no job has that id. */
export async function sweepJob(mosaic: Mosaic, id: string): Promise<SweepJob | undefined> {
  const running = await mosaic.store.getDocument(SWEEP_JOB_KIND, RUNNING);
  if (running !== undefined && (running.body as SweepJob).id === id) return running.body as SweepJob;
  if (id === RUNNING) return undefined;
  const kept: StoredDocument | undefined = await mosaic.store.getDocument(SWEEP_JOB_KIND, id);
  return kept?.body as SweepJob | undefined;
}

/** Sweeps now and then every `intervalMs` until stopped, skipping a turn while another sweep runs; a failed sweep is reported and retried next time. */
export function scheduleRetentionSweep(mosaic: Mosaic, { intervalMs = 6 * 3_600_000, onSweep, onError }: { readonly intervalMs?: number; readonly onSweep?: (summary: SweepSummary) => void; readonly onError?: (error: unknown) => void } = {}): { stop(): void } {
  let running = false;
  const run = async (): Promise<void> => {
    if (running) return;
    running = true;
    try {
      const { summary } = await (await startSweepJob(mosaic)).finished;
      if (summary !== undefined) onSweep?.(summary);
    } catch (error) {
      // another node's sweep, or one started by hand: this turn's work is being done
      if (!(isAppError(error) && error.kind === 'conflict')) onError?.(error);
    } finally {
      running = false;
    }
  };
  void run();
  const timer = setInterval(() => void run(), intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
