/**
 * Long work on a serving node (an upload's ingest, the projections following it) runs in the
 * one JavaScript thread that also answers every request. Awaiting a promise that is already
 * settled — every embedded-store call is, node:sqlite being synchronous — gives nothing back to
 * the event loop, so a loop over thousands of records would hold every check, health probe and
 * page for its whole length. A yielder, called between units of work, lets the event loop run
 * (pending I/O, timers) once its budget of uninterrupted work is spent, and costs a clock read
 * otherwise.
 */
import { performance } from 'node:perf_hooks';
import { setImmediate } from 'node:timers/promises';

/** Uninterrupted work before the event loop is given a turn: a check answers in a few ms. */
export const YIELD_BUDGET_MS = 10;

export function createEventLoopYielder({ budgetMs = YIELD_BUDGET_MS }: { readonly budgetMs?: number } = {}): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < budgetMs) return;
    await setImmediate();
    since = performance.now();
  };
}
