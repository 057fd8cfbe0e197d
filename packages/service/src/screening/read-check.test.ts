import { RecordId, type UserId } from '@mosaic/model';
import type { User } from '@mosaic/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProjections, type Projections } from '../projections.ts';
import { openTestMosaic, putFixtures, putTestGroup, testProvenance, type TestMosaic } from '../testing.ts';
import { decideHit } from './decide-hit.ts';
import { readCheck } from './read-check.ts';
import { screenCheck, type CheckRecord } from './screen-check.ts';

let world: TestMosaic;
let projections: Projections;

const CELL = 'zone-north-cell';

async function user(name: string): Promise<User> {
  const found = (await world.mosaic.store.listUsers()).find((u) => u.name === name);
  if (!found) throw new Error(`no test user ${name}`);
  return found;
}

interface AuditLine { readonly action: string; readonly actor: { readonly user: string }; readonly purpose: string | null; readonly caseRef: string | null; readonly query: unknown; readonly records: readonly string[]; readonly reason: string | null }
const auditSince = async (from: number): Promise<AuditLine[]> =>
  (await world.mosaic.store.readAudit({ fromSeq: 0, limit: 100_000 })).slice(from).map((e) => JSON.parse(e.body) as AuditLine);
const auditLength = async (): Promise<number> => (await world.mosaic.store.readAudit({ fromSeq: 0, limit: 100_000 })).length;

const subjects = (check: CheckRecord): string[] => check.hits.flatMap((h) => (h.kind === 'match' ? [h.subject] : []));

beforeAll(async () => {
  world = await openTestMosaic();
  // The zone's checkpoint officer works for a case team; the zone's officer does not.
  const checkpoint = await user('zoneCheckpoint');
  await putTestGroup(world.mosaic, CELL, 'zone-north');
  await world.mosaic.store.upsertUser({ ...checkpoint, groups: [CELL] });
  await putFixtures(world.mosaic, [
    { id: 'n1', schema: 'Person', properties: { name: ['Lotte Verhaegen'], birthDate: ['1984-06-30'] }, provenance: testProvenance('zone-north', { marking: { tlp: 'AMBER', classification: 'RESTRICTED', releasability: ['be'], needToKnow: [CELL] } }) },
    { id: 'n2', schema: 'Person', properties: { name: ['Lotte Verhagen'], birthDate: ['1984-06-30'] }, provenance: testProvenance('zone-north') },
    { id: 'p1', schema: 'Person', properties: { name: ['Rachid Bouzid'], birthDate: ['1990-03-02'] }, provenance: testProvenance('fedpol') },
    // shown to the federal police under the zone's agreement, and (intelligence has none with it) under TLP:CLEAR
    { id: 'n9', schema: 'Person', properties: { name: ['Ysolde Karvanen'], birthDate: ['1979-11-04'] }, provenance: testProvenance('zone-north') },
    { id: 'x9', schema: 'Person', properties: { name: ['Ysolde Karvanen'], birthDate: ['1979-11-04'] }, provenance: testProvenance('intel', { marking: { tlp: 'CLEAR', classification: 'UNCLASSIFIED', releasability: ['be'] } }) },
  ]);
  projections = await startProjections(world.mosaic, { follow: false });
});

afterAll(async () => {
  projections.stop();
  await world.cleanup();
});

describe('reading a check again', () => {
  it('shows a colleague only the hits the policy lets that colleague see, and the officer all of theirs', async () => {
    const made = await screenCheck(world.mosaic, { user: await user('zoneCheckpoint') }, projections.screening, { query: { name: 'Lotte Verhaegen', birthDate: '1984-06-30' } });
    expect(subjects(made)).toEqual(expect.arrayContaining(['zone-north:n1', 'zone-north:n2']));

    const own = await readCheck(world.mosaic, { user: await user('zoneCheckpoint') }, projections.screening, made.id);
    expect(subjects(own)).toEqual(subjects(made));

    // a colleague outside the case team: the case team's record is not there, not even its name
    const colleague = await readCheck(world.mosaic, { user: await user('zoneOfficer') }, projections.screening, made.id);
    expect(subjects(colleague)).toEqual(['zone-north:n2']);
    expect(JSON.stringify(colleague.hits)).not.toContain('Verhaegen');
    // the case team's record is the better match, hit 0: the colleague's hits are numbered as
    // shown, so that no gap tells of one left out, and each keeps its ref, the same for every reader
    const n2 = made.hits.find((h) => h.kind === 'match' && h.subject === 'zone-north:n2');
    expect(n2?.n).toBe(1);
    expect(n2?.ref).toMatch(/^h[0-9a-f]{12}$/);
    expect(new Set(made.hits.map((h) => h.ref)).size).toBe(made.hits.length);
    expect(colleague.hits.map((h) => [h.n, h.ref])).toEqual([[0, n2?.ref]]);
    expect(own.hits.map((h) => [h.n, h.ref])).toEqual(made.hits.map((h) => [h.n, h.ref]));
  });

  it("logs what a check and its reading disclose under the policy decision's reason, not one agreement for all", async () => {
    const analyst = { user: await user('fedAnalyst') };
    const from = await auditLength();
    const made = await screenCheck(world.mosaic, analyst, projections.screening, { query: { name: 'Ysolde Karvanen', birthDate: '1979-11-04' } });
    expect(subjects(made).sort()).toEqual(['intel:x9', 'zone-north:n9']);
    await readCheck(world.mosaic, analyst, projections.screening, made.id);

    const disclosures = (await auditSince(from)).filter((e) => e.action === 'disclosure').map((e) => [e.records, e.reason]);
    const expected = [[['zone-north:n9'], 'agreement: full'], [['intel:x9'], 'tlp:clear']];
    expect(disclosures).toHaveLength(4);
    expect(disclosures.slice(0, 2)).toEqual(expect.arrayContaining(expected));
    expect(disclosures.slice(2)).toEqual(expect.arrayContaining(expected));
  });

  it('takes a decision on a hit as the decider is shown it: by its n among the hits they see, or by its ref', async () => {
    const checkpoint = { user: await user('zoneCheckpoint') };
    const colleague = { user: await user('zoneOfficer') };
    const made = await screenCheck(world.mosaic, checkpoint, projections.screening, { query: { name: 'Lotte Verhaegen', birthDate: '1984-06-30' } });
    const n2 = made.hits.find((h) => h.kind === 'match' && h.subject === 'zone-north:n2');
    const decided = await decideHit(world.mosaic, colleague, projections.screening, { check: made.id, hit: 0, decision: 'reject' });
    expect(decided.hits.map((h) => [h.n, h.ref, h.decision?.decision])).toEqual([[0, n2?.ref, 'reject']]);
    // the case team's hit 0 is left undecided
    const kept = await readCheck(world.mosaic, checkpoint, projections.screening, made.id);
    expect(kept.hits.map((h) => [h.n, h.decision?.decision])).toEqual([[0, undefined], [1, 'reject']]);
    // by its ref, a hit the decider may not see is not there either
    const again = await screenCheck(world.mosaic, checkpoint, projections.screening, { query: { name: 'Lotte Verhaegen', birthDate: '1984-06-30' } });
    const [hidden, shown] = again.hits;
    await expect(decideHit(world.mosaic, colleague, projections.screening, { check: again.id, hit: hidden?.ref ?? '', decision: 'reject' }))
      .rejects.toMatchObject({ code: 'MOSAIC_NOT_FOUND', message: `check ${again.id} has no hit ${hidden?.ref}` });
    expect((await decideHit(world.mosaic, colleague, projections.screening, { check: again.id, hit: shown?.ref ?? '', decision: 'reject' })).hits)
      .toEqual([expect.objectContaining({ n: 0, ref: shown?.ref, decision: expect.objectContaining({ decision: 'reject' }) })]);
  });

  it('refuses a decision on a hit the reader may not see, as on a hit that is not there', async () => {
    const made = await screenCheck(world.mosaic, { user: await user('zoneCheckpoint') }, projections.screening, { query: { name: 'Lotte Verhaegen', birthDate: '1984-06-30' } });
    const hidden = made.hits.find((h) => h.kind === 'match' && h.subject === 'zone-north:n1');
    expect(hidden).toBeDefined();
    // the colleague is shown one hit, hit 0: there is no hit 1 for them
    await expect(decideHit(world.mosaic, { user: await user('zoneOfficer') }, projections.screening, { check: made.id, hit: 1, decision: 'reject' }))
      .rejects.toMatchObject({ code: 'MOSAIC_NOT_FOUND', message: `check ${made.id} has no hit 1` });
  });

  it('is for the roles that check, of the agency that checked', async () => {
    const made = await screenCheck(world.mosaic, { user: await user('fedAnalyst') }, projections.screening, { query: { name: 'Rachid Bouzid' } });
    expect(subjects(made)).toContain('fedpol:p1');
    for (const name of ['fedAdmin', 'auditor']) {
      await expect(readCheck(world.mosaic, { user: await user(name) }, projections.screening, made.id), name).rejects.toMatchObject({ code: 'MOSAIC_FORBIDDEN' });
      await expect(decideHit(world.mosaic, { user: await user(name) }, projections.screening, { check: made.id, hit: 0, decision: 'reject' }), name).rejects.toMatchObject({ code: 'MOSAIC_FORBIDDEN' });
    }
    await expect(readCheck(world.mosaic, { user: await user('zoneOfficer') }, projections.screening, made.id)).rejects.toMatchObject({ code: 'MOSAIC_NOT_FOUND' });
  });

  it('logs each read as a consultation under the check\'s purpose and case, with what it showed', async () => {
    const checker = await user('zoneCheckpoint');
    const made = await screenCheck(world.mosaic, { user: checker }, projections.screening, { query: { name: 'Lotte Verhaegen', birthDate: '1984-06-30' } });
    const from = await auditLength();
    const officer = await user('zoneOfficer');
    await readCheck(world.mosaic, { user: officer }, projections.screening, made.id);
    const logged = await auditSince(from);
    expect(logged).toEqual([expect.objectContaining({
      action: 'consultation', actor: expect.objectContaining({ user: officer.id as UserId as string }), purpose: made.purpose, caseRef: made.caseRef,
      query: { check: made.id }, records: [RecordId('zone-north:n2')],
    })]);
  });
});
