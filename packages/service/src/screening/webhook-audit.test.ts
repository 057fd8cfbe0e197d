/**
 * A notice pushed to an agency's webhook leaves Mosaic for the agency's own system with the
 * names of the records it shows: each attempt is logged before it is sent, as an `export` entry
 * of the agency's system naming the notice and the records shown (LED Art. 25); a notice that
 * shows no record logs nothing, and one the audit log refuses is not sent (tried again later).
 */
import { AgencyId, type RecordId } from '@mosaic/model';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Notification } from '../notifier.ts';
import { openTestMosaic, putFixtures, refuseAuditEntries, testProvenance, type TestMosaic } from '../testing.ts';
import { attemptWebhook, setWebhook } from './webhooks.ts';

let world: TestMosaic;
let receiver: Server;
const received: string[] = [];

interface Entry { action: string; actor: { user: string; agency: string }; purpose: string | null; caseRef: string | null; query: unknown; records: string[]; reason: string | null }
const entries = async (): Promise<Entry[]> => (await world.mosaic.store.readAudit({ fromSeq: 0, limit: 100_000 })).map((e) => JSON.parse(e.body) as Entry);

beforeAll(async () => {
  world = await openTestMosaic({ config: { webhookPrivateTargets: true } });
  receiver = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => { body += chunk.toString(); });
    request.on('end', () => {
      received.push(body);
      response.end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  await putFixtures(world.mosaic, [{ id: 'p1', schema: 'Person', properties: { name: ['Rachid Bouzid'] }, provenance: testProvenance('fedpol') }]);
  await setWebhook(world.mosaic, AgencyId('fedpol'), { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`, secret: 'fedpol-secret-0123456789' });
});

afterAll(async () => {
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
  await world.cleanup();
});

const encounter = (id: string): Notification => ({
  id, at: '2026-03-01T10:00:00.000Z', to: { agency: AgencyId('fedpol') }, kind: 'deconfliction.encounter', title: 'Another agency encountered your subject',
  body: { check: `c-${id}`, record: 'fedpol:p1' as RecordId, records: ['fedpol:p1'], names: ['Rachid Bouzid'], requester: 'zone-north', desk: 'zone-north-desk' },
});

describe('a webhook delivery', () => {
  it('is logged as an export of the records the notice shows, by the agency\'s system, before it is sent', async () => {
    const from = (await entries()).length;
    expect((await attemptWebhook(world.mosaic, AgencyId('fedpol'), encounter('n-w1'))).delivery).toBe('delivered');
    expect(received.some((body) => body.includes('n-w1'))).toBe(true);
    const logged = (await entries()).slice(from);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      action: 'export', actor: { user: 'fedpol#webhook', agency: 'fedpol' }, purpose: 'notice delivery', caseRef: 'webhook', reason: 'webhook delivery',
      records: ['fedpol:p1'], query: { webhook: { notification: 'n-w1', kind: 'deconfliction.encounter' } },
    });
  });

  it('logs nothing for a notice that shows no record', async () => {
    const from = (await entries()).length;
    const plain: Notification = { id: 'n-w2', at: '2026-03-01T10:00:00.000Z', to: { agency: AgencyId('fedpol') }, kind: 'watch.subject-erased', title: 'A watched subject was erased', body: { subscription: 's-1', label: 'a watch' } };
    expect((await attemptWebhook(world.mosaic, AgencyId('fedpol'), plain)).delivery).toBe('delivered');
    expect((await entries()).slice(from)).toEqual([]);
  });

  it('is not sent while the audit log refuses its entry', async () => {
    const lift = refuseAuditEntries(world);
    try {
      expect(await attemptWebhook(world.mosaic, AgencyId('fedpol'), encounter('n-w3'))).toMatchObject({ delivery: 'failed' });
    } finally {
      lift();
    }
    expect(received.some((body) => body.includes('n-w3'))).toBe(false);
  });
});
