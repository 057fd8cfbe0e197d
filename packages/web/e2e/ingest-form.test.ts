/**
 * The ingest page's form and a job's report, in a real browser against a real Mosaic server: a
 * refused line names its record. Every name is invented.
 */
import { testProvenance } from '@mosaic/service/testing';
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
});
