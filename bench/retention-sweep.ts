/**
 * The retention sweep's erasure of checks and notifications on the embedded store: N real checks
 * (screenCheck against a one-alert watchlist; every other one a hit, decided, so that the check
 * has a decision claim and the alert's owner a notification), then the clock moves past the
 * default periods and one sweep erases them all.
 *
 *   node bench/retention-sweep.ts [--checks 10000]
 *
 * Prints counts and times only.
 */
import { decideHit, screenCheck, sweepRetention } from '@mosaic/service';
import { listUnderArrestAlert, openTestMosaic } from '@mosaic/service/testing';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({ options: { checks: { type: 'string', default: '10000' } } });
const CHECKS = Number(args.checks);

let today = new Date('2030-01-10T09:00:00Z');
const world = await openTestMosaic({ now: () => today });
try {
  const { mosaic } = world;
  const projection = await listUnderArrestAlert(mosaic);
  const user = await mosaic.store.findUserByName('zoneCheckpoint');
  if (!user) throw new Error('the test world has no checkpoint officer');
  const consultation = { user };
  const made = performance.now();
  for (let i = 0; i < CHECKS; i++) {
    const check = await screenCheck(mosaic, consultation, projection, { query: { name: i % 2 === 0 ? 'Rachid Bouzid' : 'Greta Lindqvist' } });
    if (i % 2 === 0) await decideHit(mosaic, consultation, projection, { check: check.id, hit: 0, decision: 'reject' });
  }
  const makeMs = performance.now() - made;
  today = new Date('2031-01-11T09:00:00Z');
  const started = performance.now();
  const summary = await sweepRetention(mosaic);
  const sweepMs = performance.now() - started;
  console.log(JSON.stringify({
    store: 'sqlite', checks: CHECKS, makeMs: Math.round(makeMs), ...summary, sweepMs: Math.round(sweepMs),
    erasedPerSecond: Math.round((summary.checksErased + summary.notificationsErased) / (sweepMs / 1000)), load: +(loadavg()[0] ?? 0).toFixed(2),
  }));
} finally {
  await world.cleanup();
}
