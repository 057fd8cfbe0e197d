/**
 * The first-start demo in a real store, loaded as `mosaic start` loads it (made for the store's
 * today): its records and observation notes are in, the retention sweep that `mosaic serve`
 * runs at start keeps every one, and the review dates come due as time passes.
 */
import { writeDemo } from '@mosaic/demo';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RecordId } from '@mosaic/model';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from './config.ts';
import { loadDemo } from './demo-load.ts';
import { policyUser } from './organisation.ts';
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
      // The federal police's discreet and specific checks (SIS Art. 36) reach the checkpoints in
      // full under the demo's agreements, so that their officers are asked for the report (Art. 37)
      const lines = readFileSync(join(demo, 'records.jsonl'), 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as { id: string; schema: string; properties: Record<string, string[]>; provenance: { agency: string } });
      const reported = lines.filter((l) => l.schema === 'Alert' && l.provenance.agency === 'fedpol' && ['discreet_check', 'specific_check'].includes(l.properties['category']?.[0] ?? ''));
      expect(reported.length).toBeGreaterThan(0);
      const snapshot = await mosaic.org();
      const context = { org: snapshot.org, agreements: snapshot.agreements, purpose: 'checkpoint check', caseRef: 'BC-1' };
      for (const name of ['border.checkpoint1', 'lpz-west.checkpoint1']) {
        const officer = policyUser((await mosaic.store.findUserByName(name))!);
        expect(officer.roles).toEqual(['checkpoint_officer']);
        const shown = [];
        for (const line of reported) {
          const [alert, subject] = await mosaic.store.getRecords([RecordId(line.id), RecordId(line.properties['subject']?.[0] ?? '')]);
          const inFull = [alert, subject].every((r) => r !== undefined && mosaic.decide(officer, 'screen', { kind: 'record', id: r.record.id, provenance: r.record.provenance }, context).effect === 'allow');
          if (inFull) shown.push(line.id);
        }
        expect(shown.length, name).toBe(reported.length);
      }
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
