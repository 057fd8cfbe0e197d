/**
 * Leak tests over the real HTTP API on a real store: random organisations, agreements, users
 * and records (@mosaic/policy/testing). For every record the policy does not allow the user to
 * see, its unique name marker must appear in no response — search results, record reads,
 * history, error bodies — and a pointer may appear only where an agreement says pointer.
 * The oracle is the decision point itself (tested on its own in @mosaic/policy); what is tested
 * here is that no read path returns anything it did not pass.
 */
import { AgencyId, DeskId, UserId } from '@mosaic/model';
import { decide } from '@mosaic/policy';
import { arbPolicyScenario } from '@mosaic/policy/testing';
import { GROUP_KIND, hashPassword, saveOrganisation } from '@mosaic/service';
import { openTestMosaic, type TestMosaic } from '@mosaic/service/testing';
import type { FastifyInstance } from 'fastify';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.ts';
import { signInToken } from './test-sign-in.ts';

let world: TestMosaic;
let app: FastifyInstance;
let token = '';
const PASSWORD = 'leak-test-password';

beforeAll(async () => {
  world = await openTestMosaic();
  app = await buildApp({ mosaic: world.mosaic, webRoot: null });
  const hash = await hashPassword(PASSWORD);
  await world.mosaic.store.upsertUser({ id: UserId('u'), name: 'leak-user', agency: AgencyId('ag0'), desk: DeskId('ag0-desk0'), roles: ['analyst'], clearance: 'SECRET', groups: [], passwordHash: hash });
  token = await signInToken(app, 'leak-user', PASSWORD);
});

afterAll(async () => {
  await app.close();
  await world.cleanup();
});

describe('no read path leaks what the policy hides', () => {
  it('search, read, history and errors carry only allowed content and allowed pointers', async () => {
    const runs = Number(process.env['MOSAIC_LEAK_RUNS'] ?? 1000);
    let run = 0;
    await fc.assert(fc.asyncProperty(arbPolicyScenario({ maxRecords: 8 }), async (scenario) => {
      const { mosaic } = world;
      await saveOrganisation(mosaic.store, { agencies: scenario.org.agencies, desks: scenario.org.desks, agreements: scenario.agreements });
      // the scenario's groups, each its agency's (a group admits only to its own agency's records)
      await mosaic.store.putDocuments(scenario.org.groups.map((g) => ({ kind: GROUP_KIND, id: g.id, owner: g.agency, body: { id: g.id, agency: g.agency, name: g.id, description: '' } })));
      await mosaic.reloadOrg();
      const stored = await mosaic.store.getUser(UserId('u'));
      if (!stored) throw new Error('the test user vanished');
      await mosaic.store.upsertUser({ ...stored, agency: scenario.user.agency, desk: scenario.user.desk ?? DeskId(`${scenario.user.agency}-desk0`), roles: [...scenario.user.roles], clearance: scenario.user.clearance, groups: [...scenario.user.groups] });
      // written past the user administration (which tells the session cache itself): its signed-in session forgets the user as it was
      mosaic.sessions.forgetUser(UserId('u'));
      // Markers get the run number, so a record left by an earlier run never shares one.
      run += 1;
      const records = scenario.records.map((r) => ({
        ...r, properties: { ...r.properties, name: (r.properties['name'] ?? []).map((name) => `${name}-run${run}z`) },
      }));
      if (records.length > 0) await mosaic.store.putRecords(records, { actor: 'leak-test' });
      const context = { org: scenario.org, agreements: scenario.agreements, purpose: 'investigation', caseRef: 'CASE-1' };
      const headers = { authorization: `Bearer ${token}`, 'x-mosaic-purpose': 'investigation', 'x-mosaic-case': 'CASE-1' };

      for (const record of records) {
        const marker = record.properties['name']?.[0] ?? '';
        const search = decide({ ...scenario.user, id: UserId('u') }, 'search', { kind: 'record', provenance: record.provenance }, context);
        const read = decide({ ...scenario.user, id: UserId('u') }, 'read', { kind: 'record', provenance: record.provenance }, context);
        const responses = [
          await app.inject({ method: 'POST', url: '/api/v1/search', headers, payload: { q: marker.replace(/-/g, ' '), purpose: 'investigation', caseRef: 'CASE-1' } }),
          await app.inject({ url: `/api/v1/records/${record.id}`, headers }),
          await app.inject({ url: `/api/v1/records/${record.id}/history`, headers }),
        ];
        const [searched, fetched, history] = responses.map((r) => r.body);
        if (search.effect !== 'allow') expect(searched).not.toContain(marker);
        if (read.effect !== 'allow') {
          expect(fetched).not.toContain(marker);
          expect(history).not.toContain(marker);
        }
        if (read.effect === 'deny') expect(responses[1]?.statusCode).toBe(404);
        // A pointer only where an agreement says pointer, naming only the owner and a desk.
        const pointers = (responses[1]?.json() as { pointer?: { agency: string } }).pointer;
        if (pointers) expect(read.effect).toBe('pointer');
        if (read.effect === 'pointer') expect(pointers?.agency).toBe(record.provenance.agency);
        if (read.effect === 'allow') expect(fetched).toContain(marker);
      }
    }), { numRuns: runs });
  }, 600_000);
});
