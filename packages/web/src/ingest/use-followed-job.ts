/**
 * Following an ingest job: its state polled until it is done or failed. A poll that fails for a
 * while — the network dropped, the node restarting, the server answering 5xx — is tried again,
 * waiting longer each time, and said to be passing; one poll that failed once stopped the
 * progress for good, the page showing "running" long after the job was done. An answer that
 * will not change (the job is not found, the session ended) stops the polling.
 */
import { useEffect, useState } from 'react';
import { ApiError } from '../api/api-error.ts';
import type { IngestJob } from '../api/api-types.ts';
import type { ApiClient } from '../api/api-client.ts';

/** The states a job stays in. */
export const JOB_ENDED: ReadonlySet<string> = new Set(['done', 'failed']);

const POLL_MS = 500;
const MAX_WAIT_MS = 15_000;

/** How long to wait before the next poll after `failures` failed polls in a row: 0.5 s, doubled by each failure, at most 15 s. */
export const pollDelay = (failures: number): number => Math.min(MAX_WAIT_MS, POLL_MS * 2 ** Math.max(0, failures));

/** Whether a failed poll may succeed if tried again: no answer (status 0), a timeout, too many requests, or a server error. */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof ApiError)) return true;
  return error.status === 0 || error.status === 408 || error.status === 429 || error.status >= 500;
}

export interface FollowedJob {
  readonly job: IngestJob | undefined;
  /** The last poll failed but the polling goes on: why, and how long until the next one (ms). */
  readonly retrying?: { readonly error: unknown; readonly inMs: number };
  /** The polling stopped on an answer that will not change. */
  readonly error?: unknown;
}

/**
 * The job `id` as last answered, polled while it runs; `known`, the job as the upload answered
 * it, is shown until the first poll. Give the component using it `key={id}` so another job
 * starts afresh.
 */
export function useFollowedJob(api: ApiClient, id: string, known?: IngestJob): FollowedJob {
  const [job, setJob] = useState(known?.id === id ? known : undefined);
  const [failures, setFailures] = useState(0);
  const [error, setError] = useState<unknown>();
  const stopped = error !== undefined && !isTransient(error);
  const ended = job !== undefined && JOB_ENDED.has(job.state);
  useEffect(() => {
    if (ended || stopped) return undefined;
    let live = true;
    // the first look at a job reached by its address is at once
    const wait = job === undefined && failures === 0 ? 0 : pollDelay(failures);
    const timer = setTimeout(() => {
      api.ingestJob(id).then((next) => {
        if (!live) return;
        setJob(next);
        setFailures(0);
        setError(undefined);
      }, (caught: unknown) => {
        if (!live) return;
        setError(caught);
        setFailures((n) => n + 1);
      });
    }, wait);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, id, job, failures, ended, stopped]);
  if (error === undefined) return { job };
  return stopped ? { job, error } : { job, retrying: { error, inMs: pollDelay(failures) } };
}
