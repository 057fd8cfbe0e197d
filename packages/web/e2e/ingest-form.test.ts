/**
 * The ingest page's form and a job's report, in a real browser against a real Mosaic server: a
 * refused line names its record, a CSV's provenance is chosen by the uploader (who the people
 * are, how far the source and its information are trusted, on what legal basis, how the records
 * are marked) before the upload can start, and a running job says what each of its numbers
 * counts. Every name is invented.
 */
import { INGEST_JOB_KIND, type IngestJob } from '@mosaic/service';
import { testProvenance } from '@mosaic/service/testing';
import { RecordId } from '@mosaic/model';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { setUpBrowserTests, signInPage } from './harness.ts';

const FILE = 'File (JSON Lines with provenance, or CSV)';

const tests = setUpBrowserTests({ projections: false });

const summary = (page: Page) => page.getByRole('region', { name: 'Ingest job' }).locator('p.summary');

async function openIngest(page: Page): Promise<void> {
  await signInPage(page, 'fedAnalyst');
  await page.goto('/#/ingest');
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Ingest');
}

describe.skipIf(!tests.haveChromium)('the ingest page', () => {
  it('names the record of each refused line that gives one', async () => {
    const page = await tests.newPage();
    await openIngest(page);
    const content = [
      { id: 'T-001', schema: 'Person', properties: { name: ['Ilse Marchetti'] }, provenance: testProvenance('fedpol') },
      { id: 'T-003', schema: 'Person', properties: { name: ['Maud Verbeke'], birthDate: ['not a date'] }, provenance: testProvenance('fedpol') },
    ].map((line) => JSON.stringify(line)).join('\n');
    await page.getByLabel(FILE).setInputFiles({ name: 'refused.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(content) });
    await page.getByRole('button', { name: 'Upload and ingest' }).click();
    await expect.poll(() => summary(page).textContent(), { timeout: 20_000 }).toBe('1 accepted (1 new) · 1 refused');
    const table = page.getByRole('table', { name: 'Lines refused' });
    expect(await table.getByRole('columnheader').allTextContents()).toEqual(['Line', 'Record', 'Field', 'Reason']);
    expect(await table.locator('tbody tr').first().locator('td').allTextContents()).toEqual(['2', 'T-003', 'birthDate', '"not a date" is not a date']);
  });

  it("has the uploader choose who a CSV file's people are, how far they are trusted and on what legal basis before it can be sent, and how it is marked", async () => {
    const page = await tests.newPage();
    await openIngest(page);
    await page.getByLabel(FILE).setInputFiles({ name: 'witnesses.csv', mimeType: 'text/csv', buffer: Buffer.from('ref,full_name\nW-1,Ilse Marchetti\n') });
    await page.locator('#map-full_name').selectOption('name');
    const send = page.getByRole('button', { name: 'Upload and ingest' });
    // a label's name takes in its field's value: found by how it starts
    const field = (label: string) => page.getByLabel(new RegExp(`^${label}`));
    for (const label of ['Category', 'Reliability', 'Credibility', 'Legal basis']) {
      expect(await field(label).inputValue(), label).toBe('');
      const why = await field(label).getAttribute('aria-describedby');
      expect(await page.locator(`#${why ?? 'none'}`).textContent(), label).toMatch(/^Choose|^Give/);
    }
    expect(await send.isDisabled()).toBe(true);
    await field('Category').selectOption('witness');
    await field('Reliability').selectOption('C');
    await field('Credibility').selectOption('3');
    expect(await send.isDisabled()).toBe(true);
    await field('Legal basis').fill('Police Act art. 44');
    await field('Classification').selectOption('CONFIDENTIAL');
    await field('Releasable to').fill('zone-north, BE');
    expect(await send.isDisabled()).toBe(false);
    await send.click();
    await expect.poll(() => summary(page).textContent(), { timeout: 20_000 }).toBe('1 accepted (1 new) · 0 refused');
    const stored = await tests.server.test.mosaic.store.getRecord(RecordId('fedpol:W-1'));
    expect(stored?.record.provenance).toMatchObject({
      category: 'witness', reliability: 'C', credibility: 3, legalBasis: 'Police Act art. 44', marking: { classification: 'CONFIDENTIAL', releasability: ['zone-north', 'be'] },
    });
  });

  it('says of a running job what each of its numbers counts', async () => {
    const user = await tests.server.test.mosaic.store.findUserByName('fedAnalyst');
    if (!user) throw new Error('the test user is missing');
    const running: IngestJob = {
      id: 'job-running-e2e', user: user.id, filename: 'large.jsonl', format: 'jsonl', state: 'running', total: 40_000, processed: 2500, accepted: 2000, rejected: 3,
      created: 2000, updated: 0, unchanged: 0, errors: [], startedAt: new Date().toISOString(),
    };
    await tests.server.test.mosaic.store.putDocument({ kind: INGEST_JOB_KIND, id: running.id, owner: user.id, body: running });
    const page = await tests.newPage();
    await openIngest(page);
    await page.goto(`/#/ingest?job=${running.id}`);
    await expect.poll(() => summary(page).textContent(), { timeout: 10_000 }).toBe('2,500 of 40,000 lines read · 2,000 written · 3 refused');
    expect(await page.getByRole('progressbar', { name: 'large.jsonl: running' }).textContent()).toBe('large.jsonl: running — 2,500 of 40,000 lines read');
  });
});
