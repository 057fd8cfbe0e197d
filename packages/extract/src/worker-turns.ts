/**
 * Turns for work done in worker threads: at most `size` at once, the others waiting in the order
 * they asked. Each worker started for a document takes a core and up to its memory limit, so
 * without turns a node sent many documents at once started a worker for each, every one of its
 * cores taken from the checks it serves and their memory limits added up past the machine's.
 */
export interface Turns {
  /** Waits for a turn; the function given back ends it (once, however often it is called). */
  take(): Promise<() => void>;
  /** Turns taken now, and asked for and not yet given. */
  readonly running: number;
  readonly waiting: number;
}

export function createTurns(size: number): Turns {
  let running = 0;
  const waiting: Array<() => void> = [];
  const give = (): (() => void) => {
    running += 1;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      running -= 1;
      const next = waiting.shift();
      if (next) next();
    };
  };
  return {
    take: () => (running < size ? Promise.resolve(give()) : new Promise((resolve) => waiting.push(() => resolve(give())))),
    get running() { return running; },
    get waiting() { return waiting.length; },
  };
}
