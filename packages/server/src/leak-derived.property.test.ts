/**
 * Leak tests for the derived read paths, over real HTTP on a real store with the in-memory
 * projections: graph (expand, export, centrality, communities), entity views (merged profiles),
 * the resolution review queue, screening hits and their explanations, the notifications inbox
 * and error bodies. Generated worlds (@mosaic/policy/testing) include need-to-know records,
 * relationship records between persons, identifiers shared across agencies (graph edges) and
 * pairs of persons with the same name and birth date (so the resolver merges across agencies).
 * Oracle: the decision point. A record the policy does not let the user read contributes its
 * unique marker to no response, nor one it does not let them export to an export; a screening pointer names only an agency that holds a record
 * the policy turns into a pointer for this user.
 */
import { AgencyId, DeskId, RecordId, UserId, type EntityRecord } from '@mosaic/model';
import { decide, type Action, type PolicyContext, type PolicyUser } from '@mosaic/policy';
import { arbPolicyScenario } from '@mosaic/policy/testing';
import { GROUP_KIND, hashPassword, saveOrganisation, startProjections, type Projections } from '@mosaic/service';
import { openTestMosaic, type TestMosaic } from '@mosaic/service/testing';
import type { FastifyInstance } from 'fastify';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.ts';
import { signInToken } from './test-sign-in.ts';

let world: TestMosaic;
let app: FastifyInstance;
let projections: Projections;
let token = '';
const PASSWORD = 'leak-test-password';

beforeAll(async () => {
  world = await openTestMosaic();
  projections = await startProjections(world.mosaic, { follow: false });
  app = await buildApp({ mosaic: world.mosaic, projections, webRoot: null });
  await world.mosaic.store.upsertUser({ id: UserId('u'), name: 'leak-user', agency: AgencyId('ag0'), desk: DeskId('ag0-desk0'), roles: ['analyst'], clearance: 'SECRET', groups: [], passwordHash: await hashPassword(PASSWORD) });
  token = await signInToken(app, 'leak-user', PASSWORD);
});

afterAll(async () => {
  projections.stop();
  await app.close();
  await world.cleanup();
});

/** Position of the notifications inbox in the list of derived responses. */
const INBOX = 6;

const allows = (user: PolicyUser, action: Action, record: EntityRecord, context: PolicyContext) => decide(user, action, { kind: 'record', id: record.id, provenance: record.provenance }, context);

describe('no derived read path leaks what the policy hides', () => {
  it('graph, export, entities, review, screening, notifications and errors carry only allowed content', async () => {
    const runs = Number(process.env['MOSAIC_LEAK_DERIVED_RUNS'] ?? 500);
    const { mosaic } = world;
    let run = 0;
    let previous: RecordId[] = [];
    let checked = 0;
    let hiddenChecked = 0;
    let shownChecked = 0;
    let withheldChecked = 0;
    let pointersChecked = 0;
    await fc.assert(fc.asyncProperty(arbPolicyScenario({ maxRecords: 6 }), fc.integer({ min: 0, max: 2 ** 30 }), async (scenario, seed) => {
      run += 1;
      // Each run starts from an empty world: the previous run's records are erased.
      for (const id of previous) await mosaic.store.deleteRecord(id, { actor: 'leak-test', reason: 'next run' });
      await saveOrganisation(mosaic.store, { agencies: scenario.org.agencies, desks: scenario.org.desks, agreements: scenario.agreements });
      // the scenario's groups, each its agency's (a group admits only to its own agency's records)
      await mosaic.store.putDocuments(scenario.org.groups.map((g) => ({ kind: GROUP_KIND, id: g.id, owner: g.agency, body: { id: g.id, agency: g.agency, name: g.id, description: '' } })));
      await mosaic.reloadOrg();
      const stored = await mosaic.store.getUser(UserId('u'));
      if (!stored) throw new Error('the test user vanished');
      await mosaic.store.upsertUser({ ...stored, agency: scenario.user.agency, desk: scenario.user.desk ?? DeskId(`${scenario.user.agency}-desk0`), roles: [...scenario.user.roles], clearance: scenario.user.clearance, groups: [...scenario.user.groups] });
      // written past the user administration (which tells the session cache itself): its signed-in session forgets the user as it was
      mosaic.sessions.forgetUser(UserId('u'));

      // Persons: a run-unique marker each; pairs share a name and birth date (merge bait) and a phone (graph edge).
      const persons: EntityRecord[] = scenario.records.map((r, i) => ({
        ...r,
        properties: {
          name: [`${r.properties['name']?.[0] ?? 'NAME'}-run${run}z`, `Twin${run}x${Math.floor(i / 2)} Leakson`],
          birthDate: [`19${50 + ((seed + Math.floor(i / 2)) % 40)}-0${1 + (i % 2 === 0 ? 0 : 0)}-15`],
          phone: [`+3247${String(run).padStart(5, '0')}${Math.floor(i / 2)}`],
        },
      }));
      // A relationship from each person to the next of the same agency, marked like its first endpoint.
      const links: EntityRecord[] = persons.flatMap((p, i) => {
        const next = persons.slice(i + 1).find((q) => q.provenance.agency === p.provenance.agency);
        if (!next) return [];
        const sourceRecordId = `${p.provenance.sourceRecordId}-link`;
        return [{ id: RecordId(`${p.provenance.agency}:${sourceRecordId}`), schema: 'Associate', properties: { person: [p.provenance.sourceRecordId], associate: [next.provenance.sourceRecordId], relationship: [`LINK-${i}-run${run}z`] }, provenance: { ...p.provenance, sourceRecordId } }];
      });
      const records = [...persons, ...links];
      if (records.length > 0) await mosaic.store.putRecords(records, { actor: 'leak-test' });
      previous = records.map((r) => r.id);
      await projections.follower.catchUp();
      // a record id of an earlier run comes back: its entity is decided by a full pass, run now
      await projections.entities.settle();

      const user: PolicyUser = { ...scenario.user, id: UserId('u') };
      const context: PolicyContext = { org: scenario.org, agreements: scenario.agreements, purpose: 'investigation', caseRef: 'CASE-1' };
      const headers = { authorization: `Bearer ${token}`, 'x-mosaic-purpose': 'investigation', 'x-mosaic-case': 'CASE-1' };
      const body = { purpose: 'investigation', caseRef: 'CASE-1' };
      const entities = [...new Set(persons.map((p) => projections.entities.entityOf(p.id)).filter((e): e is NonNullable<typeof e> => e !== undefined))];
      const seeds = entities.length > 0 ? entities.slice(0, 50) : ['none'];
      // A seed hidden from the user answers 404, so the analyses run again seeded by the persons the
      // user may read (each stands for the node it is in as the user sees it): answers to check.
      const readable = persons.filter((p) => allows(user, 'read', p, context).effect === 'allow').map((p) => p.id);

      const derived = [
        await app.inject({ method: 'POST', url: '/api/v1/graph/expand', headers, payload: { ...body, seeds, hops: 2 } }),
        await app.inject({ method: 'POST', url: '/api/v1/graph/export', headers, payload: { ...body, seeds, hops: 2, format: 'json' } }),
        await app.inject({ method: 'POST', url: '/api/v1/graph/export', headers, payload: { ...body, seeds, hops: 2, format: 'graphml' } }),
        await app.inject({ method: 'POST', url: '/api/v1/graph/centrality', headers, payload: { ...body, nodes: seeds, measure: 'degree' } }),
        await app.inject({ method: 'POST', url: '/api/v1/graph/communities', headers, payload: { ...body, nodes: seeds } }),
        await app.inject({ url: '/api/v1/review?limit=100', headers }),
        await app.inject({ url: '/api/v1/notifications', headers }),
        ...(await Promise.all(seeds.map((id) => app.inject({ url: `/api/v1/entities/${encodeURIComponent(id)}`, headers })))),
        ...(await Promise.all(seeds.map((id) => app.inject({ url: `/api/v1/entities/${encodeURIComponent(id)}/merges`, headers })))),
        ...(readable.length > 0 ? [
          await app.inject({ method: 'POST', url: '/api/v1/graph/centrality', headers, payload: { ...body, nodes: readable, measure: 'degree' } }),
          await app.inject({ method: 'POST', url: '/api/v1/graph/communities', headers, payload: { ...body, nodes: readable } }),
          await app.inject({ method: 'POST', url: '/api/v1/graph/export', headers, payload: { ...body, seeds: readable, hops: 2, format: 'json' } }),
        ] : []),
      ];
      // the exports: seeded by the entities (404 where one is hidden) and by the persons the user may read
      const exported = derived.filter((r, i) => r.statusCode === 200 && (i === 1 || i === 2 || (readable.length > 0 && i === derived.length - 1))).map((r) => r.body).join('\n');
      // the network of the entities whose profiles open (on a record read, or on pointers alone), checked with the rest
      const profiles = derived.slice(INBOX + 1, INBOX + 1 + seeds.length);
      // (one opening as another id, a part it redirects to, is left out: the graph does not follow that redirect)
      const opened = seeds.filter((seed, i) => profiles[i]?.statusCode === 200 && (profiles[i]?.json() as { entity?: { id: string } }).entity?.id === seed);
      const expandedOpened = opened.length > 0 ? await app.inject({ method: 'POST', url: '/api/v1/graph/expand', headers, payload: { ...body, seeds: opened, hops: 2 } }) : undefined;
      if (expandedOpened) derived.push(expandedOpened);
      for (const response of derived) expect(response.statusCode).toBeLessThan(500);
      const text = derived.map((r) => r.body).join('\n');
      // Error bodies may echo the id that was asked for (the seeds are this run's entity ids); successful ones may not name hidden records.
      // The inbox is checked apart: record ids repeat across runs, and notices name the owner's own records.
      const answered = derived.filter((r, i) => r.statusCode === 200 && i !== INBOX).map((r) => r.body).join('\n');
      const inbox = derived[INBOX]?.json() as { notifications?: { kind: string; body?: { records?: string[] } }[] } | undefined;
      for (const item of (inbox?.notifications ?? []).filter((n) => n.kind.startsWith('deconfliction.'))) for (const id of item.body?.records ?? []) expect(id.startsWith(`${scenario.user.agency}:`), `run ${run}: a notice names another agency's record`).toBe(true);
      const screened = await Promise.all(persons.map((p) => app.inject({ method: 'POST', url: '/api/v1/screen', headers, payload: { name: p.properties['name']?.[1] ?? '', birthDate: p.properties['birthDate']?.[0] ?? '' } })));
      const screenText = screened.map((r) => r.body).join('\n');

      for (const [i, record] of records.entries()) {
        const marker = record.schema === 'Person' ? record.properties['name']?.[0] ?? '' : record.properties['relationship']?.[0] ?? '';
        checked += 1;
        // A relationship needs sight of itself and both its ends to be shown.
        const read = allows(user, 'read', record, context).effect === 'allow';
        // Positive control: a person the user may read shows in its entity view, so the checks above see real answers.
        if (read && record.schema === 'Person') {
          shownChecked += 1;
          expect(text, `run ${run}: record ${i} should be visible`).toContain(marker);
        }
        if (read && allows(user, 'export', record, context).effect !== 'allow') {
          withheldChecked += 1;
          expect(exported, `run ${run}: record ${i}, which the user may read but not export, leaked into an export`).not.toContain(marker);
        }
        if (!read) {
          hiddenChecked += 1;
          expect(text, `run ${run}: record ${i} leaked through a derived view`).not.toContain(marker);
          const at = answered.indexOf(`"${record.id}"`);
          expect(at, `run ${run}: record ${i}'s id in a derived view: ${answered.slice(Math.max(0, at - 300), at + 100)}`).toBe(-1);
        }
        if (record.schema === 'Person' && allows(user, 'screen', record, context).effect !== 'allow') expect(screenText, `run ${run}: record ${i} leaked through screening`).not.toContain(marker);
      }
      // Screening pointers name only agencies for which the policy gives this user a pointer.
      const pointerAgencies = new Set(persons.filter((p) => allows(user, 'screen', p, context).effect === 'pointer').map((p) => p.provenance.agency as string));
      for (const response of screened) {
        if (response.statusCode !== 200) continue;
        for (const hit of (response.json() as { hits: { kind: string; agency?: string }[] }).hits) {
          if (hit.kind === 'pointer') expect(pointerAgencies.has(hit.agency ?? '')).toBe(true);
        }
      }
      // The graph's pointers are those the profiles of what it answers give: of its nodes, and of the
      // seeds seen through pointers alone (which answer them, not 404), each for an agency the policy
      // points this user to for one of the persons.
      const readPointers = new Set(persons.flatMap((p) => {
        const decision = allows(user, 'read', p, context);
        return decision.effect === 'pointer' ? [decision.pointer.agency as string] : [];
      }));
      type Profile = { entity?: { records: unknown[]; pointers: { agency: string }[] } };
      if (expandedOpened) expect(expandedOpened.statusCode, `run ${run}: the graph of entities whose profiles open: ${expandedOpened.body}`).toBe(200);
      for (const [expanded, given] of [[derived[0], seeds], [expandedOpened, opened]] as const) {
        if (expanded?.statusCode !== 200) continue;
        const answer = expanded.json() as { nodes: { id: string }[]; pointers: { agency: string }[] };
        const agencies = answer.pointers.map((p) => p.agency);
        for (const agency of agencies) expect(readPointers.has(agency), `run ${run}: a graph pointer to ${agency}, which holds no record the user is pointed to`).toBe(true);
        const pointedOnly = given.flatMap((id) => {
          const profile = profiles[seeds.indexOf(id)];
          return profile?.statusCode === 200 && (profile.json() as Profile).entity?.records.length === 0 ? [profile] : [];
        });
        const ofNodes = await Promise.all(answer.nodes.map((n) => app.inject({ url: `/api/v1/entities/${encodeURIComponent(n.id)}`, headers })));
        const profilePointers = [...pointedOnly, ...ofNodes].filter((r) => r.statusCode === 200).flatMap((r) => (r.json() as Profile).entity?.pointers ?? []).map((p) => p.agency);
        expect(agencies, `run ${run}: the graph's pointers are not those of the profiles of what it answers`).toEqual([...new Set(profilePointers)].sort());
        pointersChecked += agencies.length;
      }
      // Errors about hidden things look like errors about nothing.
      for (const record of persons.filter((p) => allows(user, 'read', p, context).effect === 'deny')) {
        const missing = await app.inject({ url: `/api/v1/records/${record.id}/entity`, headers });
        expect(missing.statusCode).toBe(404);
        expect(missing.body).not.toContain(record.properties['name']?.[0] ?? '');
      }
    }), { numRuns: runs });
    expect(hiddenChecked).toBeGreaterThan(runs / 2);
    expect(shownChecked).toBeGreaterThan(runs / 10);
    expect(checked).toBeGreaterThan(runs * 2);
    // Counts only, so the run's size is on record (no names).
    console.info(JSON.stringify({ leakDerived: { runs, recordsChecked: checked, hidden: hiddenChecked, shown: shownChecked, withheldFromExport: withheldChecked, graphPointers: pointersChecked } }));
  }, 600_000);
});
