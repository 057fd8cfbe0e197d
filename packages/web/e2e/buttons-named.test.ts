/**
 * Buttons repeated down a list say what each acts on, for someone who moves from button to button
 * with a screen reader and hears their names alone (WCAG 2.4.6): a report entity's "Confirm" and
 * "Reject" name the entity, an audit entry's number opens "Details of entry" that number. Every
 * name is invented.
 */
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
    await page.getByLabel('Source', { exact: true }).fill('patrol notes');
    await page.getByRole('button', { name: 'Upload and extract' }).click();
    await expect.poll(() => page.getByRole('listitem', { name: 'Person Leopoldine Achterberg' }).count(), { timeout: 20_000 }).toBe(1);
    for (const name of ['Leopoldine Achterberg', 'Casimir Nwankwo-Delacroix']) {
      expect(await page.getByRole('button', { name: `Confirm ${name}`, exact: true }).count(), name).toBe(1);
      expect(await page.getByRole('button', { name: `Reject ${name}`, exact: true }).count(), name).toBe(1);
    }

    const auditor = await tests.signedInPage('auditor');
    await givePurpose(auditor, 'Lawfulness check', 'DPO/2025/0078');
    await expect.poll(() => auditor.locator('table.audit tbody tr').count()).toBeGreaterThan(0);
    const first = auditor.locator('table.audit tbody tr').first().getByRole('button');
    expect(await first.textContent()).toMatch(/\d+$/);
    expect(await first.evaluate((button) => button.getAttribute('aria-expanded'))).toBe('false');
    await expect.poll(() => auditor.getByRole('button', { name: /^Details of entry \d+$/ }).count()).toBe(await auditor.locator('table.audit tbody tr').count());
  });
});
