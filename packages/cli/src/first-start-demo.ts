/**
 * The first start's demo, told complete in the store (the setting DEMO_SETTING) only once all
 * of it is in, so that a start finding it begun — an earlier start stopped part-way — finishes
 * it instead of serving a part. Finishing is safe because the load can be run again: the
 * generator writes the same files for the same persons, seed and as-of day, the accounts and
 * the organisation are upserts, and ingest resumes after its last committed batch. The
 * observation notes are not (each upload is a new report): a demo stopped among them is refused,
 * naming what to remove.
 *
 * Ctrl-C (SIGINT) or SIGTERM during the generation or the load stops after the step or batch
 * being written, and closes the store as a normal shutdown does (the audit log sealed by its
 * final checkpoint).
 */
import { writeDemo } from '@mosaic/demo';
import { AppError } from '@mosaic/model';
import { loadDemo, type DemoLoaded, type Mosaic } from '@mosaic/service';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { progressBar } from './progress.ts';
import { stopOnSignal } from './stop-on-signal.ts';

export const DEMO_SETTING = 'demo.firstStart';

export interface DemoProgress {
  readonly stage: 'generating' | 'loading' | 'complete';
  readonly persons: number;
  readonly seed: number;
  readonly asOf: string;
}

/** How far the first start's demo got; undefined for a store that has none (or predates the setting). */
export async function demoProgressOf(mosaic: Mosaic): Promise<DemoProgress | undefined> {
  const value = await mosaic.store.getSetting(DEMO_SETTING);
  return value === undefined ? undefined : (JSON.parse(value) as DemoProgress);
}

/** Thrown from a progress callback once a stop was asked for: what was written before it is committed. */
class StopAsked extends Error {}

/**
 * Generates and loads the demo `demo` describes, or finishes one begun (its stage not complete);
 * 'stopped' when a signal stopped it, the store then closed.
 */
export async function loadFirstStartDemo(mosaic: Mosaic, demo: DemoProgress): Promise<DemoLoaded | 'stopped'> {
  const { config } = mosaic;
  const dir = join(config.dataDir, 'demo');
  const mark = (stage: DemoProgress['stage']): Promise<void> => mosaic.store.putSetting(DEMO_SETTING, JSON.stringify({ ...demo, stage }));
  if (demo.stage === 'loading' && (await mosaic.store.countRecords({ schema: 'Report' })) > 0) {
    await mosaic.close();
    const remove = config.databaseUrl === undefined ? `remove the folder ${config.dataDir}` : `empty the database schema ${config.databaseSchema ?? 'public'}`;
    throw new AppError('MOSAIC_CONFLICT', `the demo an earlier start began was stopped while its observation notes were added, which cannot be finished: ${remove} and run mosaic start again`);
  }
  let complete = false;
  const stop = stopOnSignal('mosaic start: stopping once the step under way is written (the next mosaic start finishes the demo)');
  const checkStop = (): void => {
    if (stop.signal.aborted) throw new StopAsked();
  };
  const generating = progressBar('generate');
  const loading = progressBar('load');
  try {
    if (demo.stage === 'generating' || !existsSync(join(dir, 'records.jsonl')) || !existsSync(join(dir, 'org.json'))) {
      await mark('generating');
      console.error(`First start: generating a demo of ${demo.persons} fictional persons in ${dir}`);
      await writeDemo({ persons: demo.persons, seed: demo.seed, asOf: demo.asOf, outDir: dir, onProgress: (p: { persons: number }) => generating.update(p.persons, demo.persons) });
      generating.stop();
      checkStop();
      await mark('loading');
    }
    console.error(`Loading the demo into the store`);
    const loaded = await loadDemo(mosaic, dir, (p) => {
      checkStop();
      loading.update(p.bytes, p.totalBytes, `${p.written} records`);
    });
    loading.stop();
    await mark('complete');
    complete = true;
    checkStop();
    return loaded;
  } catch (error) {
    if (!(error instanceof StopAsked)) throw error;
    generating.stop();
    loading.stop();
    await mosaic.close();
    console.error(complete ? 'mosaic start: stopped with the demo loaded; mosaic start serves it' : 'mosaic start: stopped, the store closed; mosaic start finishes the demo');
    return 'stopped';
  } finally {
    stop.release();
  }
}
