/**
 * Erasing a person confirmed from a report leaves none of their names in the report: its text, its
 * review (the mentions extraction found, the sentences its relations quote) and its history, read
 * as a reader reads them, on the owner's erasure and the retention sweep alike, on sqlite and on
 * PostgreSQL (MOSAIC_TEST_DATABASE_URL: that half is skipped with a warning without it). The
 * sentences naming them are replaced in a new version; a namesake's sentences, and a report no one
 * of which was confirmed as them, stay.
 */
import { foldText } from '@mosaic/matching';
import type { Store } from '@mosaic/store';
import { dropTestSchemas, postgresReachable, TEST_DATABASE_URL } from '@mosaic/store/testing';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { ERASED_TEXT } from '../graph/erase-from-relation-summaries.ts';
import type { Consultation } from '../organisation.ts';
import type { Mosaic } from '../runtime.ts';
import { eraseRecord, eraseStoredRecord, readRecordHistory } from '../records.ts';
import { sweepRetention } from '../retention/retention-sweep.ts';
import { openTestMosaic, type TestMosaic } from '../testing.ts';
import { ERASED_SENTENCE, planReportErasures, REPORTS_ALTERED } from './erase-from-reports.ts';
import { readReport, searchReports, type ReportView } from './read-report.ts';
import { REPORT_REVIEW_KIND, type ReportReview } from './report-review.ts';
import { confirmEntity, rejectEntity } from './review-report.ts';
import { uploadReport } from './upload-report.ts';

const postgresAvailable = await postgresReachable('erasure from reports, PostgreSQL half');

const PROVENANCE = { source: 'interview notes', reliability: 'B', credibility: 2, marking: { tlp: 'AMBER', releasability: ['be'] }, handling: 'H1', reviewDate: '2033-01-01' };

const TEXT = [
  'Ostergren interview, Leuven',
  'Leuven, 3 March 2025. Officers questioned Hallvard Ostergren at the harbour office.',
  'Ostergren met Benedikte Vaarsholm in Leuven on 3 March. He called his cousin Ingrid Ostergren the same evening.',
  'Vaarsholm drove the van to Ghent.',
  'Ingrid Ostergren runs the bakery in Ghent.',
  'The warehouse stayed closed.',
].join('\n');

/** His name parts, which the report may hold afterwards only in his cousin's name. */
const HIS = ['hallvard', 'ostergren'];

/** The folded words of everything shown (a line break's escape read as a space). */
const wordsOf = (value: unknown): string => ` ${foldText(JSON.stringify(value).replaceAll('\\n', ' '))} `;

/** `store`, noting in `calls` each call of a method `noted` picks (its transactions' too), by method name. */
function notingCalls(store: Store, calls: string[], noted: (method: string, args: readonly unknown[]) => boolean): Store {
  return new Proxy(store, {
    get: (target, property) => {
      if (property === 'transaction') return (work: (tx: Store) => Promise<unknown>) => target.transaction((tx) => work(notingCalls(tx, calls, noted)));
      const value = Reflect.get(target, property) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (noted(String(property), args)) calls.push(String(property));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

describe.each([['sqlite', true], ['postgres', postgresAvailable]] as const)('erasing a person confirmed from a report, on %s', (dialect, available) => {
  const worlds: TestMosaic[] = [];
  const schemas: string[] = [];
  afterAll(async () => {
    for (const world of worlds) await world.cleanup();
    if (dialect === 'postgres' && available) await dropTestSchemas(schemas);
  });

  async function open(now?: () => Date): Promise<TestMosaic> {
    const schema = `mosaic_report_erasure_${randomBytes(6).toString('hex')}`;
    schemas.push(schema);
    const world = await openTestMosaic({ ...(now ? { now } : {}), ...(dialect === 'postgres' ? { config: { databaseUrl: TEST_DATABASE_URL, databaseSchema: schema } } : {}) });
    worlds.push(world);
    return world;
  }

  const as = async (world: TestMosaic, name: string): Promise<Consultation> => ({ user: (await world.mosaic.store.findUserByName(name))!, purpose: 'report review', caseRef: 'CASE-E1' });

  /** The report, Hallvard and Benedikte confirmed from it (their meeting made a relationship), and a report naming an Ostergren that no one confirmed. */
  async function reviewed(world: TestMosaic) {
    const fed = await as(world, 'fedAnalyst');
    const uploaded = await uploadReport(world.mosaic, fed, { text: TEXT, title: 'Ostergren interview', fileName: 'ostergren.txt', collection: 'harbour', provenance: PROVENANCE });
    const other = await uploadReport(world.mosaic, fed, { text: 'Hallvard Ostergren was seen at the quay.', collection: 'quay', provenance: PROVENANCE });
    if (!uploaded.ok || !other.ok) throw new Error('not uploaded');
    const { report, extraction } = uploaded;
    const entity = (name: string) => extraction.entities.find((e) => e.name === name)!;
    const hallvard = await confirmEntity(world.mosaic, fed, report.id, entity('Hallvard Ostergren').id, {});
    const benedikte = await confirmEntity(world.mosaic, fed, report.id, entity('Benedikte Vaarsholm').id, {});
    if (!hallvard.ok || !benedikte.ok) throw new Error('not confirmed');
    expect(benedikte.relations).toHaveLength(1);
    return { fed, report: report.id, other: other.report.id, hallvard: hallvard.record.id, benedikte: benedikte.record.id, ingrid: entity('Ingrid Ostergren').id };
  }

  /** Every offset of the view points at the text it names. */
  function expectSpansHold(view: ReportView): void {
    for (const entity of view.entities) for (const mention of entity.mentions) expect(view.text.slice(mention.start, mention.end)).toBe(mention.text);
    for (const relation of view.relations) expect(view.text.slice(relation.evidence.start, relation.evidence.end)).toBe(relation.evidence.sentence);
  }

  async function expectHisNamesGone(world: TestMosaic, seen: Awaited<ReturnType<typeof reviewed>>): Promise<void> {
    const { fed, report, other } = seen;
    const view = (await readReport(world.mosaic, fed, report)).view!;
    expect(view.text).toBe([
      ERASED_SENTENCE,
      `Leuven, 3 March 2025. ${ERASED_SENTENCE}`,
      `${ERASED_SENTENCE} ${ERASED_SENTENCE}`,
      'Vaarsholm drove the van to Ghent.',
      'Ingrid Ostergren runs the bakery in Ghent.',
      'The warehouse stayed closed.',
    ].join('\n'));
    expectSpansHold(view);
    // his mention: no name, no span, no property; the record it made erased, as its reviewers are told
    const his = view.entities.find((e) => e.name === ERASED_TEXT)!;
    expect(his).toMatchObject({ status: 'confirmed', recordErased: true, mentions: [], properties: {} });
    // the others stay, each mention where its text now stands; his cousin's only where she is named alone
    expect(view.entities.find((e) => e.name === 'Benedikte Vaarsholm')?.mentions.map((m) => m.text)).toEqual(['Vaarsholm']);
    expect(view.entities.find((e) => e.id === seen.ingrid)).toMatchObject({ name: 'Ingrid Ostergren', mentions: [{ text: 'Ingrid Ostergren' }] });
    // the sentences his relations were read from are erased ("He called his cousin …"), not Benedikte's own
    const relations = view.relations.filter((r) => r.source === his.id || r.target === his.id);
    expect(relations.map((r) => r.type).sort()).toEqual(['called', 'family', 'met']);
    for (const relation of relations) expect(relation.evidence.sentence).toBe(ERASED_SENTENCE);
    expect(view.relations.find((r) => r.type === 'travelled_to')?.evidence.sentence).toBe('Vaarsholm drove the van to Ghent.');
    expect(view.report.properties).toMatchObject({ title: [ERASED_TEXT], fileName: [ERASED_TEXT], characters: [String(view.text.length)] });
    // but for his cousin's name, none of his name parts is left in the report as read, its review as kept, or its history
    const cousinless = (value: unknown): string => wordsOf(value).replaceAll(' ingrid ostergren ', ' ');
    const review = (await world.mosaic.store.getDocument(REPORT_REVIEW_KIND, report))?.body as ReportReview;
    const history = await readRecordHistory(world.mosaic, fed, report);
    expect(history.length).toBeGreaterThan(1);
    for (const shown of [view, review, history]) for (const name of HIS) expect(cousinless(shown)).not.toContain(` ${name} `);
    // nor is the report found by his name; the report no one confirmed as him, naming him, is left
    const found = await searchReports(world.mosaic, { ...fed, purpose: 'investigation' }, { q: 'Hallvard' });
    expect(found.results.map((hit) => hit.report.id)).toEqual([other]);
    expect(await world.mosaic.store.getReportText(other)).toBe('Hallvard Ostergren was seen at the quay.');
    // the new version is logged as an alteration, in the erasure's transaction
    const logged = (await world.mosaic.store.readAudit({ fromSeq: 0, limit: 100_000 })).map((e) => JSON.parse(e.body) as { action: string; records: string[]; reason?: string });
    expect(logged.filter((e) => e.action === 'alteration' && e.reason === REPORTS_ALTERED).flatMap((e) => e.records)).toEqual([report]);
  }

  it.runIf(available)('the owner\'s erasure replaces the sentences naming him in the report\'s text and review, in a new version, its history alike', async () => {
    const world = await open();
    const seen = await reviewed(world);
    const other = await world.mosaic.store.getRecord(seen.other);
    await eraseRecord(world.mosaic, await as(world, 'fedAdmin'), seen.hallvard, 'erasure request');
    await expectHisNamesGone(world, seen);
    // the report no one confirmed as him is not written again
    expect((await world.mosaic.store.getRecord(seen.other))?.version).toBe(other?.version);
    // the person confirmed beside him stays, and so does the report
    expect(await world.mosaic.store.getRecord(seen.benedikte)).toBeDefined();
  });

  it.runIf(available)('the retention sweep replaces them too, the report kept to its own review date', async () => {
    let today = new Date('2030-01-01T12:00:00Z');
    const world = await open(() => today);
    const seen = await reviewed(world);
    // Benedikte kept longer: the sweep erases him alone
    const { record: benedikte } = (await world.mosaic.store.getRecord(seen.benedikte))!;
    await world.mosaic.store.putRecords([{ ...benedikte, provenance: { ...benedikte.provenance, reviewDate: '2032-06-01' } }], { actor: 'test' });
    today = new Date('2031-06-01T12:00:00Z');
    await sweepRetention(world.mosaic);
    expect(await world.mosaic.store.getRecord(seen.hallvard)).toBeUndefined();
    expect(await world.mosaic.store.getRecord(seen.report)).toBeDefined();
    await expectHisNamesGone(world, seen);
  });

  it.runIf(available)('erasing the other end of a relation whose sentence was erased already leaves the next sentence, which names neither', async () => {
    const world = await open();
    const fed = await as(world, 'fedAnalyst');
    const text = 'Leuven, 3 March 2025. Hallvard Ostergren met Benedikte Vaarsholm at the harbour office. Ingrid Lindqvist runs the bakery in Ghent.\nThe warehouse stayed closed.';
    const uploaded = await uploadReport(world.mosaic, fed, { text, collection: 'harbour', provenance: PROVENANCE });
    if (!uploaded.ok) throw new Error('not uploaded');
    const entity = (name: string) => uploaded.extraction.entities.find((e) => e.name === name)!;
    const hallvard = await confirmEntity(world.mosaic, fed, uploaded.report.id, entity('Hallvard Ostergren').id, {});
    const benedikte = await confirmEntity(world.mosaic, fed, uploaded.report.id, entity('Benedikte Vaarsholm').id, {});
    if (!hallvard.ok || !benedikte.ok) throw new Error('not confirmed');
    expect(benedikte.relations).toHaveLength(1);
    const admin = await as(world, 'fedAdmin');
    await eraseRecord(world.mosaic, admin, hallvard.record.id, 'erasure request');
    // their meeting's sentence now reads ERASED_SENTENCE, which ends in no full stop: the next sentence on its line follows it
    await eraseRecord(world.mosaic, admin, benedikte.record.id, 'erasure request');
    const view = (await readReport(world.mosaic, fed, uploaded.report.id)).view!;
    expect(view.text).toBe(`Leuven, 3 March 2025. ${ERASED_SENTENCE} Ingrid Lindqvist runs the bakery in Ghent.\nThe warehouse stayed closed.`);
    expect(view.entities.find((e) => e.name === 'Ingrid Lindqvist')?.mentions.map((m) => m.text)).toEqual(['Ingrid Lindqvist']);
    expectSpansHold(view);
  });

  it.runIf(available)('a particle of his name ("van") is no name of his: a sentence holding it as a word of its own stays', async () => {
    const world = await open();
    const fed = await as(world, 'fedAnalyst');
    const text = 'Leuven, 3 March 2025. Pieter van Dam met Benedikte Vaarsholm at the harbour office.\nVaarsholm drove the van to Ghent.';
    const uploaded = await uploadReport(world.mosaic, fed, { text, title: 'Van rentals, Leuven', collection: 'harbour', provenance: PROVENANCE });
    if (!uploaded.ok) throw new Error('not uploaded');
    const pieter = await confirmEntity(world.mosaic, fed, uploaded.report.id, uploaded.extraction.entities.find((e) => e.name === 'Pieter van Dam')!.id, {});
    if (!pieter.ok) throw new Error('not confirmed');
    await eraseRecord(world.mosaic, await as(world, 'fedAdmin'), pieter.record.id, 'erasure request');
    const view = (await readReport(world.mosaic, fed, uploaded.report.id)).view!;
    expect(view.text).toBe(`Leuven, 3 March 2025. ${ERASED_SENTENCE}\nVaarsholm drove the van to Ghent.`);
    expect(view.relations.find((r) => r.type === 'travelled_to')?.evidence.sentence).toBe('Vaarsholm drove the van to Ghent.');
    expect(view.report.properties['title']).toEqual(['Van rentals, Leuven']);
    expectSpansHold(view);
  });

  it.runIf(available)('a place extraction read apart, named as his surname is ("Gent" of Pieter van Gent), is no mention of his: its sentence stays', async () => {
    const world = await open();
    const fed = await as(world, 'fedAnalyst');
    const text = 'Leuven, 3 March 2025. Pieter van Gent met Benedikte Vaarsholm at the harbour office.\nVaarsholm drove the van to Gent on 4 March.';
    const uploaded = await uploadReport(world.mosaic, fed, { text, collection: 'harbour', provenance: PROVENANCE });
    if (!uploaded.ok) throw new Error('not uploaded');
    const town = uploaded.extraction.entities.find((e) => e.schema === 'Address' && e.name === 'Ghent')!;
    const pieter = await confirmEntity(world.mosaic, fed, uploaded.report.id, uploaded.extraction.entities.find((e) => e.name === 'Pieter van Gent')!.id, {});
    if (!pieter.ok) throw new Error('not confirmed');
    await eraseRecord(world.mosaic, await as(world, 'fedAdmin'), pieter.record.id, 'erasure request');
    const view = (await readReport(world.mosaic, fed, uploaded.report.id)).view!;
    expect(view.text).toBe(`Leuven, 3 March 2025. ${ERASED_SENTENCE}\nVaarsholm drove the van to Gent on 4 March.`);
    expect(view.entities.find((e) => e.id === town.id)).toMatchObject({ name: 'Ghent', mentions: [{ text: 'Gent' }] });
    expectSpansHold(view);
  });

  it.runIf(available)('a source made of the file\'s name, as mosaic reports add makes it, is read as the file name is, its history alike', async () => {
    const world = await open();
    const fed = await as(world, 'fedAnalyst');
    const uploaded = await uploadReport(world.mosaic, fed, { text: TEXT, fileName: 'ostergren.txt', collection: 'harbour', provenance: { ...PROVENANCE, source: 'cli:ostergren.txt' } });
    if (!uploaded.ok) throw new Error('not uploaded');
    const hallvard = await confirmEntity(world.mosaic, fed, uploaded.report.id, uploaded.extraction.entities.find((e) => e.name === 'Hallvard Ostergren')!.id, {});
    if (!hallvard.ok) throw new Error('not confirmed');
    await eraseRecord(world.mosaic, await as(world, 'fedAdmin'), hallvard.record.id, 'erasure request');
    const view = (await readReport(world.mosaic, fed, uploaded.report.id)).view!;
    expect(view.report.properties['fileName']).toEqual([ERASED_TEXT]);
    expect(view.report.provenance.source).toBe(ERASED_TEXT);
    const history = await readRecordHistory(world.mosaic, fed, uploaded.report.id);
    expect(history.length).toBeGreaterThan(1);
    for (const version of history) expect(version.record?.provenance.source).toBe(ERASED_TEXT);
    // the other properties of the provenance stay
    expect(view.report.provenance).toMatchObject({ reliability: 'B', handling: 'H1' });
  });

  it.runIf(available)('the records confirmed from the report, whose provenance is the report\'s, read the erased source too, his own erased one alike', async () => {
    const world = await open();
    const { store } = world.mosaic;
    const fed = await as(world, 'fedAnalyst');
    const text = `${TEXT}\nPetra Lindqvist waited outside.`;
    const uploaded = await uploadReport(world.mosaic, fed, { text, fileName: 'ostergren.txt', collection: 'harbour', provenance: { ...PROVENANCE, source: 'cli:ostergren.txt' } });
    if (!uploaded.ok) throw new Error('not uploaded');
    const entity = (name: string) => uploaded.extraction.entities.find((e) => e.name === name)!;
    const hallvard = await confirmEntity(world.mosaic, fed, uploaded.report.id, entity('Hallvard Ostergren').id, {});
    const benedikte = await confirmEntity(world.mosaic, fed, uploaded.report.id, entity('Benedikte Vaarsholm').id, {});
    const petra = await confirmEntity(world.mosaic, fed, uploaded.report.id, entity('Petra Lindqvist').id, {});
    if (!hallvard.ok || !benedikte.ok || !petra.ok) throw new Error('not confirmed');
    expect(benedikte.relations).toHaveLength(1);
    // a record confirmed from it copies the report's provenance, its source with it
    expect((await store.getRecord(benedikte.record.id))?.record.provenance.source).toBe('cli:ostergren.txt');
    // Petra erased before him: what is kept of her (schema, provenance) holds the source too
    const admin = await as(world, 'fedAdmin');
    await eraseRecord(world.mosaic, admin, petra.record.id, 'erasure request');
    const before = (await store.getRecord(benedikte.record.id))!;
    await eraseRecord(world.mosaic, admin, hallvard.record.id, 'erasure request');
    // Benedikte's record and the relationship made from their meeting, in a new version, their history alike
    for (const id of [benedikte.record.id, ...benedikte.relations]) {
      const stored = (await store.getRecord(id))!;
      expect(stored.record.provenance).toMatchObject({ source: ERASED_TEXT, reliability: 'B', handling: 'H1' });
      const history = await readRecordHistory(world.mosaic, fed, id);
      expect(history.length).toBeGreaterThan(1);
      for (const version of history) expect(version.record?.provenance.source).toBe(ERASED_TEXT);
    }
    expect((await store.getRecord(benedikte.record.id))?.version).toBe(before.version + 1);
    // what is kept of his erased record and of hers
    for (const id of [hallvard.record.id, petra.record.id]) expect((await store.getRecord(id, { includeDeleted: true }))?.record.provenance.source).toBe(ERASED_TEXT);
    // logged with the report, by his erasure (hers altered the report alone: her sentence)
    const logged = (await store.readAudit({ fromSeq: 0, limit: 100_000 })).map((e) => JSON.parse(e.body) as { action: string; records: string[]; reason?: string });
    const altered = logged.filter((e) => e.action === 'alteration' && e.reason === REPORTS_ALTERED).map((e) => e.records);
    expect(altered[0]).toEqual([uploaded.report.id]);
    expect(altered[1]?.sort()).toEqual([uploaded.report.id, benedikte.record.id, ...benedikte.relations, hallvard.record.id, petra.record.id].sort());
    // a record confirmed from it afterwards copies the erased source
    const ingrid = await confirmEntity(world.mosaic, fed, uploaded.report.id, entity('Ingrid Ostergren').id, {});
    if (!ingrid.ok) throw new Error('not confirmed');
    expect(ingrid.record.provenance.source).toBe(ERASED_TEXT);
  });

  it.runIf(available)('a relationship confirmed while he is erased, from a sentence naming him, does not quote it', async () => {
    const world = await open();
    const fed = await as(world, 'fedAnalyst');
    const { store } = world.mosaic;
    const text = 'Leuven, 3 March 2025. Hallvard Ostergren met Benedikte Vaarsholm at the harbour office.\nThe warehouse stayed closed.';
    const uploaded = await uploadReport(world.mosaic, fed, { text, collection: 'harbour', provenance: PROVENANCE });
    if (!uploaded.ok) throw new Error('not uploaded');
    const entity = (name: string) => uploaded.extraction.entities.find((e) => e.name === name)!;
    const hallvard = await confirmEntity(world.mosaic, fed, uploaded.report.id, entity('Hallvard Ostergren').id, {});
    if (!hallvard.ok) throw new Error('not confirmed');
    let erased = false;
    // his erasure lands once the decision on Benedikte has read the review, before it writes what it made
    const erasing = {
      ...world.mosaic,
      store: new Proxy(store, {
        get: (target, property, receiver) => {
          if (property !== 'getDocument') return Reflect.get(target, property, receiver) as unknown;
          return async (kind: string, id: string) => {
            const read = await target.getDocument(kind, id);
            if (kind === REPORT_REVIEW_KIND && !erased) {
              erased = true;
              await eraseRecord(world.mosaic, await as(world, 'fedAdmin'), hallvard.record.id, 'erasure request');
            }
            return read;
          };
        },
      }),
    };
    const benedikte = await confirmEntity(erasing, fed, uploaded.report.id, entity('Benedikte Vaarsholm').id, {});
    expect(erased).toBe(true);
    if (!benedikte.ok) throw new Error('not confirmed');
    // whatever the decision made from their meeting's sentence, none of it names him
    const review = (await store.getDocument(REPORT_REVIEW_KIND, uploaded.report.id))?.body as ReportReview;
    const made = review.relations.flatMap((r) => (r.record ? [r.record] : []));
    expect(made).toEqual(benedikte.relations);
    expect((await store.getRecord(made[0]!))?.record.properties['summary']).toEqual([ERASED_SENTENCE]);
    for (const id of made) for (const { record } of await store.recordHistory(id)) for (const name of HIS) expect(wordsOf(record)).not.toContain(` ${name} `);
    expect(wordsOf(review)).not.toContain(' hallvard ');
  });

  /**
   * `world`'s Mosaic whose store runs `meanwhile` (on the store itself) before its first
   * transaction: once an erasure through it has worked out its reports' rewrites, before it takes
   * the audit log's lock.
   */
  function landingBeforeLock(world: TestMosaic, meanwhile: () => Promise<unknown>): { readonly mosaic: Mosaic; readonly landed: () => boolean } {
    let landed = false;
    const { store } = world.mosaic;
    const mosaic = {
      ...world.mosaic,
      store: new Proxy(store, {
        get: (target, property, receiver) => {
          if (property !== 'transaction') return Reflect.get(target, property, receiver) as unknown;
          return async (work: Parameters<typeof store.transaction>[0]) => {
            if (!landed) {
              landed = true;
              await meanwhile();
            }
            return target.transaction(work);
          };
        },
      }),
    };
    return { mosaic, landed: () => landed };
  }

  it.runIf(available)('a rewrite worked out before the erasure\'s transaction is written as it was worked out when the report reads the same under the lock', async () => {
    const world = await open();
    const seen = await reviewed(world);
    const { store } = world.mosaic;
    const versions = (await store.recordHistory(seen.hallvard)).flatMap(({ record }) => (record ? [record] : []));
    const plan = (await planReportErasures(store, versions)).get(seen.report)!;
    expect(plan.rewrite).toBeDefined();
    // marked, so that the text written tells which was written: the plan, or one worked out under the lock
    const marked = new Map([[seen.report, { ...plan, rewrite: { ...plan.rewrite!, text: `${plan.rewrite!.text}\nMarked.` } }]]);
    await store.transaction(async (tx) => {
      await tx.lockAudit();
      await eraseStoredRecord(tx, seen.hallvard, { actor: 'test', reason: 'erasure request', reportRewrites: marked });
    });
    expect(await store.getReportText(seen.report)).toBe(`${plan.rewrite!.text}\nMarked.`);
  });

  it.runIf(available)('under the lock, a rewrite worked out before reads the review\'s and the text\'s versions, not them, when nothing wrote them since', async () => {
    const world = await open();
    const seen = await reviewed(world);
    const { store } = world.mosaic;
    const versions = (await store.recordHistory(seen.hallvard)).flatMap(({ record }) => (record ? [record] : []));
    const plans = await planReportErasures(store, versions);
    const calls: string[] = [];
    const reads = (method: string, args: readonly unknown[]) => (args[0] === REPORT_REVIEW_KIND && method.startsWith('getDocument')) || method.startsWith('getReportText');
    await store.transaction(async (tx) => {
      await tx.lockAudit();
      await eraseStoredRecord(notingCalls(tx, calls, reads), seen.hallvard, { actor: 'test', reason: 'erasure request', reportRewrites: plans });
    });
    expect(calls).toEqual(['getDocumentVersion', 'getReportTextVersion']);
    // written as planned, the review as read for the plan with its extraction rewritten
    const plan = plans.get(seen.report)!;
    expect(await store.getReportText(seen.report)).toBe(plan.rewrite!.text);
    expect(await store.getReportTextVersion(seen.report)).not.toBe(plan.textVersion);
    expect((await store.getDocument(REPORT_REVIEW_KIND, seen.report))?.body).toEqual({ ...plan.review!.body as ReportReview, extraction: plan.rewrite!.extraction });
  });

  it.runIf(available)('another erasure rewriting the report after his rewrite was worked out, before the lock, is not undone: the report reads as after the two in turn', async () => {
    const world = await open();
    const seen = await reviewed(world);
    const admin = await as(world, 'fedAdmin');
    const { mosaic, landed } = landingBeforeLock(world, () => eraseRecord(world.mosaic, admin, seen.benedikte, 'erasure request'));
    await eraseRecord(mosaic, admin, seen.hallvard, 'erasure request');
    expect(landed()).toBe(true);
    // the same two erasures one after the other, in a world of their own
    const apart = await open();
    const before = await reviewed(apart);
    for (const id of [before.benedikte, before.hallvard]) await eraseRecord(apart.mosaic, await as(apart, 'fedAdmin'), id, 'erasure request');
    const view = (await readReport(world.mosaic, seen.fed, seen.report)).view!;
    const expected = (await readReport(apart.mosaic, before.fed, before.report)).view!;
    expect(view.text).toBe(expected.text);
    const extractionOf = async (of: TestMosaic, report: string) => ((await of.mosaic.store.getDocument(REPORT_REVIEW_KIND, report))?.body as ReportReview).extraction;
    expect(await extractionOf(world, seen.report)).toEqual(await extractionOf(apart, before.report));
    expectSpansHold(view);
    for (const name of [...HIS, 'benedikte', 'vaarsholm']) expect(wordsOf(view.text).replaceAll(' ingrid ostergren ', ' ')).not.toContain(` ${name} `);
    expect(view.text.split('\n').slice(4)).toEqual(['Ingrid Ostergren runs the bakery in Ghent.', 'The warehouse stayed closed.']);
    expect(view.report.properties['characters']).toEqual([String(view.text.length)]);
  });

  it.runIf(available)('a decision on the report made after his rewrite was worked out, before the lock, is kept, and his names go', async () => {
    const world = await open();
    const seen = await reviewed(world);
    const { mosaic, landed } = landingBeforeLock(world, () => confirmEntity(world.mosaic, seen.fed, seen.report, seen.ingrid, {}));
    await eraseRecord(mosaic, await as(world, 'fedAdmin'), seen.hallvard, 'erasure request');
    expect(landed()).toBe(true);
    const review = (await world.mosaic.store.getDocument(REPORT_REVIEW_KIND, seen.report))?.body as ReportReview;
    expect(review.entities[seen.ingrid]).toMatchObject({ status: 'confirmed' });
    await expectHisNamesGone(world, seen);
  });

  it.runIf(available)('a name of his written after his rewrite was worked out, before the lock, is erased with the others', async () => {
    const world = await open();
    const fed = await as(world, 'fedAnalyst');
    const text = 'Leuven, 3 March 2025. Officers questioned Hallvard Ostergren at the harbour office.\nThe skipper Brakstad waited at the quay.\nThe warehouse stayed closed.';
    const uploaded = await uploadReport(world.mosaic, fed, { text, collection: 'harbour', provenance: PROVENANCE });
    if (!uploaded.ok) throw new Error('not uploaded');
    const hallvard = await confirmEntity(world.mosaic, fed, uploaded.report.id, uploaded.extraction.entities.find((e) => e.name === 'Hallvard Ostergren')!.id, {});
    if (!hallvard.ok) throw new Error('not confirmed');
    const { store } = world.mosaic;
    const { mosaic, landed } = landingBeforeLock(world, async () => {
      const { record } = (await store.getRecord(hallvard.record.id))!;
      await store.putRecords([{ ...record, properties: { ...record.properties, alias: ['Brakstad'] } }], { actor: 'test' });
    });
    await eraseRecord(mosaic, await as(world, 'fedAdmin'), hallvard.record.id, 'erasure request');
    expect(landed()).toBe(true);
    expect(await store.getReportText(uploaded.report.id)).toBe(`Leuven, 3 March 2025. ${ERASED_SENTENCE}\n${ERASED_SENTENCE}\nThe warehouse stayed closed.`);
  });

  it.runIf(available)('a decision on the report made while he is erased does not write his names back into its review', async () => {
    const world = await open();
    const seen = await reviewed(world);
    const { store } = world.mosaic;
    let erased = false;
    // his erasure lands once the decision has read the review, before it writes it back (its transaction)
    const erasing = {
      ...world.mosaic,
      store: new Proxy(store, {
        get: (target, property, receiver) => {
          if (property !== 'transaction') return Reflect.get(target, property, receiver) as unknown;
          return async (work: Parameters<typeof store.transaction>[0]) => {
            if (!erased) {
              erased = true;
              await eraseRecord(world.mosaic, await as(world, 'fedAdmin'), seen.hallvard, 'erasure request');
            }
            return target.transaction(work);
          };
        },
      }),
    };
    await rejectEntity(erasing, seen.fed, seen.report, seen.ingrid);
    expect(erased).toBe(true);
    const review = (await store.getDocument(REPORT_REVIEW_KIND, seen.report))?.body as ReportReview;
    expect(review.entities[seen.ingrid]?.status).toBe('rejected');
    expect(wordsOf(review.extraction)).not.toContain(' hallvard ');
    expect(review.extraction.relations[0]?.evidence.sentence).toBe(ERASED_SENTENCE);
  });
});
