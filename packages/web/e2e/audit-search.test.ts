/**
 * The audit screen in a real browser: the auditor finds entries by the agency that owns the
 * records and by the recipient agency, exports the entries shown as JSON Lines without asking the
 * server again, pages to older entries with the cursor the server answers (the note shown by a
 * server that answers none is unit-tested, audit-more.test.ts), and verifies the chain against a
 * witness.
 */
import { AgencyId, RecordId, UserId } from '@mosaic/model';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givePurpose, openTestBrowser, requireChromium, signInPage, startTestServer, type TestBrowser, type TestServer } from './harness.ts';

const haveChromium = requireChromium();
let server: TestServer;
let browser: TestBrowser;

/** More entries than the screen opens on (50). */
const FILLER = 60;
const fed = { user: UserId('fedAnalyst'), agency: AgencyId('fedpol') };

beforeAll(async () => {
  if (!haveChromium) return;
  server = await startTestServer({ projections: false });
  const { audit } = server.test.mosaic;
  await audit.appendAll(Array.from({ length: FILLER }, (_, n) => ({ actor: fed, action: 'consultation' as const, purpose: 'Filler', caseRef: 'F-1', query: { q: `filler ${n}` }, records: [RecordId(`fedpol:f-${n}`)], outcome: 'ok' as const })));
  await audit.append({ actor: fed, action: 'consultation', purpose: 'Investigation', caseRef: 'C-7', query: { q: 'owner probe' }, records: [RecordId('intel:i-owned')], outcome: 'ok' });
  await audit.append({ actor: fed, action: 'consultation', purpose: 'Investigation', caseRef: 'C-8', query: { q: 'recipient probe' }, records: [RecordId('fedpol:f-shared')], recipients: [AgencyId('zone-north')], outcome: 'ok' });
  browser = await openTestBrowser(server.base);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe.skipIf(!haveChromium)('the audit screen', () => {
  it('finds entries by owner and by recipient, and exports those shown as JSON Lines without a new read', async () => {
    const page = await browser.newPage();
    await signInPage(page, 'auditor');
    await givePurpose(page, 'Lawfulness check', 'DPO/2026/0001');
    const rows = page.locator('table.audit tbody tr');
    await expect.poll(() => rows.count()).toBe(50);

    await page.getByLabel('Owner of records').fill('intel');
    await page.getByRole('button', { name: 'Search log' }).click();
    await expect.poll(() => rows.allTextContents()).toEqual([expect.stringContaining('intel:i-owned')]);

    await page.getByLabel('Owner of records').fill('');
    await page.getByLabel('Recipient').fill('zone-north');
    await page.getByRole('button', { name: 'Search log' }).click();
    await expect.poll(() => rows.allTextContents()).toEqual([expect.stringContaining('fedpol:f-shared')]);
    expect(await page.locator('.summary').textContent()).toBe('1 entry, newest first');

    const reads: string[] = [];
    page.on('request', (request) => { if (request.url().includes('/api/v1/audit')) reads.push(request.url()); });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export these entries (JSON Lines)' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^audit-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z\.jsonl$/);
    const lines = (await readFile(await download.path(), 'utf8')).split('\n');
    expect(lines).toHaveLength(2);
    const exported = JSON.parse(lines[0] ?? '') as { records: string[]; recipients: string[]; query: unknown; hash: string };
    expect(exported).toMatchObject({ records: ['fedpol:f-shared'], recipients: ['zone-north'], query: { q: 'recipient probe' } });
    expect(exported.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(reads).toEqual([]);
  });

  it('pages to the older entries with the cursor the server answers, until there are none', async () => {
    const page = await browser.newPage();
    await signInPage(page, 'auditor');
    await givePurpose(page, 'Lawfulness check', 'DPO/2026/0001');
    const rows = page.locator('table.audit tbody tr');
    await expect.poll(() => rows.count()).toBe(50);
    expect(await page.locator('.summary').textContent()).toBe('50 entries, newest first; older entries match too (Show older)');
    await page.getByRole('button', { name: 'Show older' }).click();
    await expect.poll(() => rows.count()).toBeGreaterThan(FILLER);
    expect(await page.locator('.summary').textContent()).toMatch(/^\d+ entries, newest first$/);
    expect(await page.getByRole('button', { name: 'Show older' }).count()).toBe(0);
    // each entry once: the older page starts before the last one shown
    const seqs = (await rows.locator('td:first-child').allTextContents()).map(Number);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
  });

  it('verifies the chain against a witness, and says it broke when the witnessed entry differs', async () => {
    const page = await browser.newPage();
    await signInPage(page, 'auditor');
    await page.getByLabel('Witness (SEQ:HASH, optional)').fill(`1:${'0'.repeat(64)}`);
    await page.getByRole('button', { name: 'Verify the chain' }).click();
    await expect.poll(() => page.getByTestId('verification').textContent()).toMatch(/^Chain BROKEN at entry 1:/);
    await page.getByLabel('Witness (SEQ:HASH, optional)').fill('');
    await page.getByRole('button', { name: 'Verify the chain' }).click();
    await expect.poll(() => page.getByTestId('verification').textContent()).toMatch(/^Chain intact: \d+ entries verified/);
  });
});
