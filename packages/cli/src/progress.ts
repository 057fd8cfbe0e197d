/**
 * Progress for long work (ingest, resolve, index builds): a bar on a terminal, nothing when the
 * output is piped (the summary line at the end says what happened).
 */
import type { BuildProgress } from '@mosaic/service';
import { MultiBar, Presets, type SingleBar } from 'cli-progress';
import { interactive } from './environment.ts';

export interface Progress {
  update(done: number, total: number | undefined, detail?: string): void;
  /**
   * A line for stderr while the work goes on (a rejected line): on a terminal it is written
   * above the bar, on a row of its own that stays once the bar is gone. Written straight to
   * stderr instead, it would be glued to the bar's row, and the bar, going back to where it
   * began when it stops, would clear the line it overwrote.
   */
  log(line: string): void;
  stop(): void;
}

export interface ProgressBarOptions {
  readonly stream?: NodeJS.WritableStream;
  /** Whether to draw a bar, or only pass the lines logged on. */
  readonly shown?: boolean;
}

const REDRAW_MS = 100;

export function progressBar(label: string, { stream = process.stderr, shown = interactive() }: ProgressBarOptions = {}): Progress {
  const write = (line: string): void => void stream.write(`${line}\n`);
  if (!shown) return { update: () => undefined, log: write, stop: () => undefined };
  // A MultiBar of one bar: unlike a SingleBar it writes logged lines above the bar and keeps no
  // saved cursor position to go back to; redrawn on each tick, as the lines logged clear its row.
  const bars = new MultiBar({ format: `${label} [{bar}] {percentage}% | {value}/{total} {detail}`, hideCursor: true, clearOnComplete: true, forceRedraw: true, stream }, Presets.shades_classic);
  // The bar redraws on a timer it arms again after each redraw (`timer`, no part of its typings):
  // unref'd each time, a bar left drawing by work that failed does not keep the process from
  // ending, the error said, as a forgotten stop() would.
  const unref = (): void => void (bars as unknown as { timer?: NodeJS.Timeout | null }).timer?.unref();
  bars.on('update-post', unref);
  let bar: SingleBar | undefined;
  let stopped = false;
  let drawn = 0;
  return {
    update(done, total, detail = '') {
      if (stopped) return;
      if (bar === undefined) {
        bar = bars.create(total ?? done, done, { detail });
        unref();
        process.once('exit', stop);
      } else {
        if (total !== undefined) bar.setTotal(total);
        bar.update(done, { detail });
      }
      // drawn here too, not only on the bar's timer: work that keeps the thread busy between
      // updates (resolution's stages) would leave it no turn to run
      if (Date.now() - drawn >= REDRAW_MS) {
        drawn = Date.now();
        bars.update();
      }
    },
    log(line) {
      if (bar === undefined || stopped) write(line);
      else bars.log(`${line}\n`);
    },
    stop,
  };

  /** Also on exit, when work that failed left the bar drawn: its lines said, the cursor shown again. */
  function stop(): void {
    if (bar === undefined || stopped) return;
    stopped = true;
    process.off('exit', stop);
    // the lines logged since the last tick are written before the bar is cleared
    bars.update();
    bars.stop();
  }
}

/**
 * A node's first build on `bar`: the stages done of all, the one under way named, and while the
 * change feed is read, its changes applied (the stage that grows with the store).
 */
export function buildProgressOn(bar: Progress): (progress: BuildProgress) => void {
  return ({ stage, stages, done, total }) => {
    const detail = done !== undefined && total !== undefined ? `${stage}: ${done}/${total} changes` : stage;
    bar.update(stages.indexOf(stage), stages.length, detail);
  };
}
