/**
 * The audit log's times in a browser in Brussels: the table says each entry's time in the
 * browser's zone, the zone named, and the From and To filters read what the auditor types in that
 * same zone, To taking in the minute it names: the time read off a row, typed into both, finds the
 * entry. Shown in UTC, unlabelled, and read back as local time, it found "0 entries".
 */
import { AgencyId, RecordId, UserId } from '@mosaic/model';
import { describe, expect, it } from 'vitest';
import { givePurpose, setUpBrowserTests } from './harness.ts';

const tests = setUpBrowserTests({
  projections: false,
  seed: async ({ server }) => {
    await server.test.mosaic.audit.append({ actor: { user: UserId('fedAnalyst'), agency: AgencyId('fedpol') }, action: 'consultation', purpose: 'Investigation', caseRef: 'TZ-1', query: { q: 'zone probe' }, records: [RecordId('fedpol:f-zone')], outcome: 'ok' });
  },
});

describe.skipIf(!tests.haveChromium)('the audit log\'s times', () => {
  it('shows an entry\'s time in the browser\'s zone, named, and finds it by that time typed into From and To', async () => {
    const page = await tests.signedInPage('auditor', { timezoneId: 'Europe/Brussels' });
    await givePurpose(page, 'Lawfulness check', 'DPO/2026/0002');
    const rows = page.locator('table.audit tbody tr');
    await page.locator('#audit-caseRef').fill('TZ-1');
    await page.getByRole('button', { name: 'Search log' }).click();
    await expect.poll(() => rows.allTextContents()).toEqual([expect.stringContaining('fedpol:f-zone')]);
    const shown = (await rows.first().locator('td').nth(1).textContent()) ?? '';
    const [, day, minute] = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}):\d{2} (CES?T)$/.exec(shown) ?? [];
    expect(shown).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} CES?T$/);
    // the instant it names is the entry's own
    const [entry] = (await tests.server.test.mosaic.store.readAudit({ fromSeq: 0, limit: 100_000 })).map((e) => JSON.parse(e.body) as { caseRef: string | null; time: string }).filter((e) => e.caseRef === 'TZ-1');
    expect(new Date(entry?.time ?? '').toLocaleString('sv-SE', { timeZone: 'Europe/Brussels' }).slice(0, 16)).toBe(`${day} ${minute}`);
    await expect.poll(() => page.getByTestId('audit-time-zone').textContent()).toContain('Europe/Brussels');

    // the auditor types the minute the table shows into both bounds
    await page.getByLabel('From', { exact: true }).fill(`${day}T${minute}`);
    await page.getByLabel('To', { exact: true }).fill(`${day}T${minute}`);
    await page.getByRole('button', { name: 'Search log' }).click();
    await expect.poll(() => page.locator('.summary').textContent()).toBe('1 entry, newest first');
    expect(await rows.allTextContents()).toEqual([expect.stringContaining('fedpol:f-zone')]);
  });
});
