/**
 * Buttons repeated down a list say what each acts on, for someone who moves from button to button
 * with a screen reader and hears their names alone (WCAG 2.4.6): a report entity's "Confirm" and
 * "Reject" name the entity, an audit entry's number opens "Details of entry" that number, and a
 * line holding one action's entries says it shows (or hides) those entries. Every name is invented.
 */
import { AgencyId, EntityId, RecordId, UserId } from '@mosaic/model';
import { describe, expect, it } from 'vitest';
import { givePurpose, setUpBrowserTests } from './harness.ts';

const tests = setUpBrowserTests({ projections: false });

describe.skipIf(!tests.haveChromium)('buttons named by what they act on', () => {
  it('on a report\'s entities and the audit log\'s entries', { timeout: 90_000 }, async () => {
    const page = await tests.signedInPage('fedAnalyst');
    await page.goto('/#/reports');
    await givePurpose(page, 'Criminal investigation', 'PV/2025/0519');
    await page.getByLabel('Or paste the text').fill('Dinant, 8 April 2025. Leopoldine Achterberg met Casimir Nwankwo-Delacroix at the quay.');
    await page.getByLabel('Collection').fill('quay-inquiry');
    await page.getByLabel('Source (required)').fill('patrol notes');
    await page.getByRole('button', { name: 'Upload and extract' }).click();
    await expect.poll(() => page.getByRole('listitem', { name: 'Person Leopoldine Achterberg' }).count(), { timeout: 20_000 }).toBe(1);
    for (const name of ['Leopoldine Achterberg', 'Casimir Nwankwo-Delacroix']) {
      expect(await page.getByRole('button', { name: `Confirm ${name}`, exact: true }).count(), name).toBe(1);
      expect(await page.getByRole('button', { name: `Reject ${name}`, exact: true }).count(), name).toBe(1);
    }

    // one opening of a profile, its merges read in the same instant: one action, shown as one line
    const opened = { actor: { user: UserId('fedpol.fedAnalyst'), agency: AgencyId('fedpol') }, action: 'consultation' as const, purpose: 'Criminal investigation', caseRef: 'PV/2025/0519', subjects: [EntityId('e-quay')], records: [RecordId('fedpol:quay-1')], outcome: 'ok' as const };
    const grouped = await tests.server.test.mosaic.audit.appendAll([{ ...opened, query: { entity: 'e-quay' } }, { ...opened, query: { entity: 'e-quay', view: 'merges' } }]);
    const [oldest, newest] = grouped.map((e) => e.seq);

    const auditor = await tests.signedInPage('auditor');
    await givePurpose(auditor, 'Lawfulness check', 'DPO/2025/0078');
    const rows = auditor.locator('table.audit tbody tr');
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    const first = rows.first().getByRole('button');
    expect(await first.textContent()).toMatch(/\d+$/);
    expect(await first.evaluate((button) => button.getAttribute('aria-expanded'))).toBe('false');
    // a line of one entry names the entry its number opens; the line of the action names the entries it shows
    const group = auditor.locator('table.audit tbody tr.audit-group');
    await expect.poll(() => group.count()).toBe(1);
    expect(await group.getByRole('button').getAttribute('aria-label')).toBe(`Show the 2 entries ${oldest} to ${newest}`);
    const names = await rows.evaluateAll((trs) => trs.map((tr) => ({ group: tr.classList.contains('audit-group'), name: tr.querySelector('button')?.getAttribute('aria-label') ?? tr.querySelector('button')?.textContent ?? '' })));
    for (const row of names) expect(row.name).toMatch(row.group ? /^Show the \d+ entries \d+ to \d+$/ : /^Details of entry \d+$/);
    expect(await auditor.getByRole('button', { name: /^Details of entry \d+$/ }).count()).toBe((await rows.count()) - 1);
    // opened, it says it hides them, and each entry's own line names its entry
    await auditor.getByRole('button', { name: `Show the 2 entries ${oldest} to ${newest}` }).click();
    expect(await auditor.getByRole('button', { name: `Hide the 2 entries ${oldest} to ${newest}` }).count()).toBe(1);
    for (const seq of [oldest, newest]) expect(await auditor.locator('table.audit tbody tr.audit-part').getByRole('button', { name: `Details of entry ${seq}`, exact: true }).count()).toBe(1);
  });
});
