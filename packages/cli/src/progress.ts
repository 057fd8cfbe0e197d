/**
 * Progress for long work (ingest, resolve, index builds): a bar on a terminal, nothing when the
 * output is piped (the summary line at the end says what happened).
 */
import type { BuildProgress } from '@mosaic/service';
import { SingleBar, Presets } from 'cli-progress';
import { interactive } from './environment.ts';

export interface Progress {
  update(done: number, total: number | undefined, detail?: string): void;
  stop(): void;
}

export function progressBar(label: string): Progress {
  if (!interactive()) return { update: () => undefined, stop: () => undefined };
  const bar = new SingleBar({ format: `${label} [{bar}] {percentage}% | {value}/{total} {detail}`, hideCursor: true, clearOnComplete: true, stream: process.stderr }, Presets.shades_classic);
  let started = false;
  return {
    update(done, total, detail = '') {
      if (!started) {
        bar.start(total ?? done, done, { detail });
        started = true;
      }
      if (total !== undefined) bar.setTotal(total);
      bar.update(done, { detail });
    },
    stop() {
      if (started) bar.stop();
    },
  };
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
