/**
 * Ctrl-C (SIGINT) or SIGTERM during long writing work (a file's ingest, the first start's demo)
 * asks it to stop at its next safe point — after the batch under way — instead of ending the
 * process mid-batch, so the command can still close the store as a normal shutdown does (the
 * audit log sealed by its final checkpoint) and say how far it got. A second signal is not
 * caught: it ends the process at once, as one would expect of a second Ctrl-C.
 */
export interface StopOnSignal {
  /** Aborted once a signal asked to stop. */
  readonly signal: AbortSignal;
  /** The exit status that tells a caller which signal stopped the command (128 + its number), once one did. */
  readonly exitCode: number | undefined;
  /** Stops listening: the signals end the process again. */
  release(): void;
}

const SIGNAL_EXIT: Readonly<Record<'SIGINT' | 'SIGTERM', number>> = { SIGINT: 130, SIGTERM: 143 };

/**
 * Listens for SIGINT and SIGTERM until released; `said` goes to stderr when one arrives, through
 * `say` when given (a progress bar's log, which writes it above the bar).
 */
export function stopOnSignal(said: string, say: (line: string) => void = (line) => console.error(`\n${line}`)): StopOnSignal {
  const controller = new AbortController();
  let exitCode: number | undefined;
  const handlers = (Object.keys(SIGNAL_EXIT) as (keyof typeof SIGNAL_EXIT)[]).map((name) => {
    const ask = (): void => {
      release();
      exitCode = SIGNAL_EXIT[name];
      say(said);
      controller.abort();
    };
    process.once(name, ask);
    return [name, ask] as const;
  });
  function release(): void {
    for (const [name, ask] of handlers) process.off(name, ask);
  }
  return {
    signal: controller.signal,
    get exitCode() {
      return exitCode;
    },
    release,
  };
}
