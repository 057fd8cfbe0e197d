/**
 * GET /notifications pages back through the whole inbox: each page ends with a cursor (`next`)
 * that the next request passes as `before`, until the last page, which has none.
 */
import { NOTIFICATION_KIND, startProjections, type Projections } from '@mosaic/service';
import { openTestMosaic, type TestMosaic } from '@mosaic/service/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.ts';
import { signInTokens } from './test-sign-in.ts';

let world: TestMosaic;
let app: FastifyInstance;
let tokens: Record<string, string>;
let projections: Projections;

/** A kept notification, as the keeper stores one. */
const kept = (id: string, owner: string, to: { agency: string } | { user: string }) => ({
  kind: NOTIFICATION_KIND, id, owner, body: { notification: { id, at: '2026-05-01T09:00:00.000Z', to, kind: 'watch.record', title: id, body: {} }, readBy: [] },
});

beforeAll(async () => {
  world = await openTestMosaic();
  projections = await startProjections(world.mosaic, { follow: false });
  app = await buildApp({ mosaic: world.mosaic, projections, webRoot: null });
  tokens = await signInTokens(app, ['intelAnalyst']);
  // several stored in one statement share a creation time (the id orders them); others come one
  // by one, a few milliseconds apart
  const later = () => new Promise((resolve) => setTimeout(resolve, 5));
  await world.mosaic.store.putDocuments(['n-a1', 'n-a2', 'n-a3', 'n-a4', 'n-a5'].map((id) => kept(id, 'intel', { agency: 'intel' })));
  for (const id of ['n-u1', 'n-u2', 'n-u3']) {
    await later();
    await world.mosaic.store.putDocument(kept(id, 'intel.intelAnalyst', { user: 'intel.intelAnalyst' }));
  }
  await later();
  await world.mosaic.store.putDocuments(['n-a6', 'n-a7'].map((id) => kept(id, 'intel', { agency: 'intel' })));
  // another agency's and another user's, never in this inbox
  await world.mosaic.store.putDocument(kept('n-fed', 'fedpol', { agency: 'fedpol' }));
  await world.mosaic.store.putDocument(kept('n-other', 'intel.intelAdmin', { user: 'intel.intelAdmin' }));
});
afterAll(async () => {
  await app.close();
  projections.stop();
  await world.cleanup();
});

async function page(query: string): Promise<{ notifications: { id: string }[]; next?: string }> {
  const response = await app.inject({ method: 'GET', url: `/api/v1/notifications${query}`, headers: { authorization: `Bearer ${tokens['intelAnalyst']}` } });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

describe('GET /notifications', () => {
  it('pages newest first with `before`, each notification once, the last page without `next`', async () => {
    const whole = (await page('')).notifications.map((n) => n.id);
    expect(whole).toEqual(['n-a7', 'n-a6', 'n-u3', 'n-u2', 'n-u1', 'n-a5', 'n-a4', 'n-a3', 'n-a2', 'n-a1']);

    const paged: string[] = [];
    let next: string | undefined;
    let pages = 0;
    do {
      const got = await page(`?limit=3${next === undefined ? '' : `&before=${next}`}`);
      paged.push(...got.notifications.map((n) => n.id));
      next = got.next;
      pages++;
    } while (next !== undefined && pages < 10);
    expect(paged).toEqual(whole);
    expect(pages).toBe(4);
  });

  it('finds nothing before a notification that is not the user\'s', async () => {
    expect(await page('?before=n-other')).toEqual({ notifications: [] });
    expect(await page('?before=n-none')).toEqual({ notifications: [] });
  });
});
