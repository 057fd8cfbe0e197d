/**
 * One report file sent at once to two nodes sharing a store (a retry through the load balancer
 * while the first attempt is still being read, two clicks landing on two nodes): the store decides
 * which upload writes the report, the other is answered with it (`repeated`), on sqlite and on
 * PostgreSQL (MOSAIC_TEST_DATABASE_URL: that half fails under CI without it, and is skipped
 * elsewhere with a warning).
 */
import { postgresReachable } from '@mosaic/store/testing';
import { describe, expect, it } from 'vitest';
import type { Mosaic } from '../runtime.ts';
import { twoNodesOf } from '../two-nodes.fixture.ts';
import { REPORT_UPLOAD_KIND, reportUploadKey } from './report-upload-key.ts';
import { uploadReport, type ReportInput } from './upload-report.ts';

const postgresAvailable = await postgresReachable('report uploads at once, PostgreSQL half');

const PROVENANCE = { source: 'interview notes', reliability: 'B', credibility: 2, marking: { tlp: 'AMBER', releasability: ['be'] }, handling: 'H1' };

describe.each([['sqlite', true], ['postgres', postgresAvailable]] as const)('one report uploaded to two nodes at once, on %s', (dialect, available) => {
  const twoNodes = twoNodesOf(dialect, { schemaPrefix: 'mosaic_upload_race' });

  it.runIf(available)('stores the report once: one upload writes it, the other is answered with it as repeated', async () => {
    const { a, b } = await twoNodes();
    const analyst = async (node: Mosaic) => ({ user: (await node.store.listUsers()).find((u) => u.name === 'fedAnalyst')!, purpose: 'report review', caseRef: 'CASE-R9' });
    const input: ReportInput = {
      content: new TextEncoder().encode('Note.\nHallvard Ostergren met Benedikte Vaarsholm in Leuven on 3 March.'),
      mediaType: 'text/plain', fileName: 'note.txt', collection: 'at-once', provenance: PROVENANCE,
    };
    const outcomes = await Promise.all([uploadReport(a, await analyst(a), input), uploadReport(b, await analyst(b), input)]);
    const answered = outcomes.map((outcome) => {
      if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
      return { report: outcome.report.id, repeated: outcome.repeated ?? false, hash: outcome.report.properties['contentHash']![0]! };
    });
    expect(answered.map((o) => o.repeated).sort()).toEqual([false, true]);
    expect(answered[0]!.report).toBe(answered[1]!.report);
    expect(await a.store.countRecords({ schema: 'Report' })).toBe(1);
    const { hash } = answered[0]!;
    expect((await a.store.getDocument(REPORT_UPLOAD_KIND, reportUploadKey('fedpol', 'at-once', hash)))?.body).toMatchObject({ report: answered[0]!.report });

    // an upload note naming a report that is no longer there is replaced by the new report's
    const again: ReportInput = { ...input, collection: 'note-left' };
    const key = reportUploadKey('fedpol', 'note-left', hash);
    await a.store.putDocument({ kind: REPORT_UPLOAD_KIND, id: key, owner: 'fedpol', subject: 'report-gone', body: { report: 'report-gone', terms: 'other' } });
    const anew = await uploadReport(b, await analyst(b), again);
    if (!anew.ok) throw new Error(JSON.stringify(anew.errors));
    expect(anew.repeated).toBeUndefined();
    expect((await a.store.getDocument(REPORT_UPLOAD_KIND, key))?.body).toMatchObject({ report: anew.report.id });
    expect(await a.store.countRecords({ schema: 'Report' })).toBe(2);
  });
});
