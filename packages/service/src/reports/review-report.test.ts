/**
 * A decision on one entity of a report writes the review's decisions alone (putDocumentFields):
 * the extraction, which a 10 MB report's review holds as 27 MB of JSON, is neither read again
 * under the audit log's lock nor parsed and written out again; the review reads as the whole of it
 * written again did, its members in the order they had, the extraction as stored then.
 */
import type { Store } from '@mosaic/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Consultation } from '../organisation.ts';
import { openTestMosaic, type TestMosaic } from '../testing.ts';
import { REPORT_REVIEW_KIND, type ReportReview } from './report-review.ts';
import { confirmEntity, rejectEntity } from './review-report.ts';
import { uploadReport } from './upload-report.ts';

const PROVENANCE = { source: 'interview notes', reliability: 'B', credibility: 2, marking: { tlp: 'AMBER', releasability: ['be'] }, handling: 'H1', reviewDate: '2033-01-01' };
// Fictional people, written for this test.
const TEXT = 'Leuven, 3 March 2025. Hallvard Ostergren met Benedikte Vaarsholm at the harbour office.\nJoost Moerbeeke called Hallvard Ostergren on 4 March.';
const NOW = new Date('2026-12-07T09:00:00.000Z');

/** `inner`, noting in `calls` each of its reads and writes of a report's review (its transactions' too), by method. */
function notingReviews(inner: Store, calls: string[]): Store {
  return new Proxy(inner, {
    get: (target, key) => {
      if (key === 'transaction') return (fn: (tx: Store) => Promise<unknown>) => target.transaction((tx) => fn(notingReviews(tx, calls)));
      const value = Reflect.get(target, key) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const kind = typeof args[0] === 'object' ? (args[0] as { kind?: unknown } | null)?.kind : args[0];
        if (kind === REPORT_REVIEW_KIND) calls.push(String(key));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

let world: TestMosaic;

beforeAll(async () => {
  world = await openTestMosaic({ now: () => NOW });
});

afterAll(async () => {
  await world.cleanup();
});

const stored = async (report: string): Promise<ReportReview> => (await world.mosaic.store.getDocument(REPORT_REVIEW_KIND, report))!.body as ReportReview;

describe('a decision on an entity of a report', () => {
  it('reads the review once and writes back its decisions alone, the review reading as the whole written again did', async () => {
    const calls: string[] = [];
    const mosaic = { ...world.mosaic, store: notingReviews(world.mosaic.store, calls) };
    const fed: Consultation = { user: (await mosaic.store.findUserByName('fedAnalyst'))!, purpose: 'report review', caseRef: 'CASE-R1' };
    const uploaded = await uploadReport(mosaic, fed, { text: TEXT, collection: 'harbour', provenance: PROVENANCE });
    if (!uploaded.ok) throw new Error('not uploaded');
    const report = uploaded.report.id;
    const entity = (name: string) => uploaded.extraction.entities.find((e) => e.name === name)!;
    const before = await stored(report);
    expect(before.extraction.relations.length).toBeGreaterThan(0);

    calls.length = 0;
    const hallvard = await confirmEntity(mosaic, fed, report, entity('Hallvard Ostergren').id, {});
    if (!hallvard.ok) throw new Error('not confirmed');
    expect(calls).toEqual(['getDocument', 'putDocumentFields']);
    const decision = { by: fed.user.id, at: NOW.toISOString() };
    const confirmed = { ...before, entities: { ...before.entities, [entity('Hallvard Ostergren').id]: { status: 'confirmed', record: hallvard.record.id, decision } } };
    // the same text as JSON: the members in the order they had, the extraction untouched
    expect(JSON.stringify(await stored(report))).toBe(JSON.stringify(confirmed));

    // a relation recorded with the second end, and one rejected with it
    const benedikte = await confirmEntity(mosaic, fed, report, entity('Benedikte Vaarsholm').id, {});
    if (!benedikte.ok) throw new Error('not confirmed');
    expect(benedikte.relations).toHaveLength(1);
    await rejectEntity(mosaic, fed, report, entity('Joost Moerbeeke').id);
    expect(calls.filter((call) => call === 'putDocument')).toEqual([]);
    const relations = before.extraction.relations.map((relation) => {
      const ends = [relation.source, relation.target];
      if (ends.includes(entity('Benedikte Vaarsholm').id)) return { status: 'confirmed', record: benedikte.relations[0] };
      if (ends.includes(entity('Joost Moerbeeke').id)) return { status: 'rejected', note: 'an end was rejected' };
      return { status: 'proposed' };
    });
    expect(JSON.stringify(await stored(report))).toBe(JSON.stringify({
      ...confirmed,
      entities: { ...confirmed.entities, [entity('Benedikte Vaarsholm').id]: { status: 'confirmed', record: benedikte.record.id, decision }, [entity('Joost Moerbeeke').id]: { status: 'rejected', decision } },
      relations,
    }));
  });

  it('records each of its relations reading the review\'s version under the lock, not the review, when none wrote it since the decision read it', async () => {
    const calls: string[] = [];
    const mosaic = { ...world.mosaic, store: notingReviews(world.mosaic.store, calls) };
    const fed: Consultation = { user: (await mosaic.store.findUserByName('fedAnalyst'))!, purpose: 'report review', caseRef: 'CASE-R2' };
    // another text than the first test's, which the same upload would find uploaded already
    const uploaded = await uploadReport(mosaic, fed, { text: `${TEXT}\nThe warehouse stayed closed.`, collection: 'harbour', provenance: PROVENANCE });
    if (!uploaded.ok) throw new Error('not uploaded');
    const report = uploaded.report.id;
    const entity = (name: string) => uploaded.extraction.entities.find((e) => e.name === name)!;
    for (const name of ['Benedikte Vaarsholm', 'Joost Moerbeeke']) {
      if (!(await confirmEntity(mosaic, fed, report, entity(name).id, {})).ok) throw new Error('not confirmed');
    }
    calls.length = 0;
    const hallvard = await confirmEntity(mosaic, fed, report, entity('Hallvard Ostergren').id, {});
    if (!hallvard.ok) throw new Error('not confirmed');
    expect(hallvard.relations).toHaveLength(2);
    // the review read once, before the lock; each relationship's write asks its version alone
    expect(calls).toEqual(['getDocument', 'getDocumentVersion', 'getDocumentVersion', 'putDocumentFields']);
    const review = await stored(report);
    expect(review.relations.map((relation) => relation.record)).toEqual(hallvard.relations);
    for (const [index, record] of hallvard.relations.entries()) {
      expect((await world.mosaic.store.getRecord(record))?.record.properties['summary']).toEqual([review.extraction.relations[index]!.evidence.sentence]);
    }
  });
});
