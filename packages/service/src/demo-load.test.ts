/**
 * The first-start demo in a real store, loaded as `mosaic start` loads it (made for the store's
 * today): its records and observation notes are in, the retention sweep that `mosaic serve`
 * runs at start keeps every one, and the review dates come due as time passes.
 */
import { writeDemo } from '@mosaic/demo';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from './config.ts';
import { loadDemo } from './demo-load.ts';
import { searchReports } from './reports/read-report.ts';
import { sweepRetention } from './retention/retention-sweep.ts';
import { openMosaic } from './runtime.ts';

const dir = mkdtempSync(join(tmpdir(), 'mosaic-demo-load-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loadDemo', () => {
  it('loads a demo the retention sweep keeps whole on the day it was made for, and not for ever', async () => {
    let today = new Date('2026-12-05T08:00:00Z');
    const mosaic = await openMosaic(parseConfig({ dataDir: dir }, dir), { now: () => today });
    try {
      const demo = join(dir, 'demo');
      await writeDemo({ persons: 500, seed: 7, asOf: today.toISOString().slice(0, 10), outDir: demo, workers: 0 });
      const loaded = await loadDemo(mosaic, demo);
      // no Report line (the notes are uploaded below), and every relation's end is a record of the file
      expect(loaded.ingest).toMatchObject({ rejected: 0, warningCount: 0 });
      expect(loaded.ingest.created).toBeGreaterThan(500);
      // the observation notes are reports of their agencies, found by their words
      expect(loaded.reports).toBeGreaterThan(0);
      const analyst = (await mosaic.store.listUsers()).find((u) => u.name === 'border.analyst')!;
      const found = await searchReports(mosaic, { user: analyst, purpose: 'test', caseRef: 'T-1' }, { q: 'followed suspect' });
      expect(found.results.length).toBeGreaterThan(0);
      const records = loaded.ingest.created + loaded.reports;
      expect(await sweepRetention(mosaic)).toMatchObject({ examined: records, erased: 0, held: 0 });
      expect(await mosaic.store.countRecords()).toBe(records);
      // two years on, with nobody reviewing, the shortest periods have run out
      today = new Date('2028-12-05T08:00:00Z');
      const later = await sweepRetention(mosaic);
      expect(later.erased).toBeGreaterThan(0);
      expect(later.erased).toBeLessThan(records);
    } finally {
      await mosaic.close();
    }
  }, 60_000);
});
