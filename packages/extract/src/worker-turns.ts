/**
 * Turns for work done in worker threads: at most `size` at once, the others waiting in the order
 * they asked, at most `waitingAtMost` of them: one more asking is refused at once (NoTurnLeft).
 * Each worker started for a document takes a core and up to its memory limit, so without turns a
 * node sent many documents at once started a worker for each, every one of its cores taken from
 * the checks it serves and their memory limits added up past the machine's; and each document
 * waiting holds its bytes, so without a bound a flood of uploads queued without end.
 */
export interface Turns {
  /** Waits for a turn; the function given back ends it (once, however often it is called). */
  take(): Promise<() => void>;
  /** Turns taken now, and asked for and not yet given. */
  readonly running: number;
  readonly waiting: number;
}

/** A turn asked for while `waitingAtMost` others already wait. */
export class NoTurnLeft extends Error {
  readonly waitingAtMost: number;

  constructor(waitingAtMost: number) {
    super(`no turn left: ${waitingAtMost} waiting already`);
    this.name = 'NoTurnLeft';
    this.waitingAtMost = waitingAtMost;
  }
}

export function createTurns(size: number, { waitingAtMost = Number.POSITIVE_INFINITY }: { readonly waitingAtMost?: number } = {}): Turns {
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
    take: () => {
      if (running < size) return Promise.resolve(give());
      if (waiting.length >= waitingAtMost) return Promise.reject(new NoTurnLeft(waitingAtMost));
      return new Promise((resolve) => waiting.push(() => resolve(give())));
    },
    get running() { return running; },
    get waiting() { return waiting.length; },
  };
}
