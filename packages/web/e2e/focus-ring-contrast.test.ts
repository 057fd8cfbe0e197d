/**
 * The ring that shows where the keyboard is stands out from the ground it is drawn on, by at least
 * 3:1 (WCAG 1.4.11, non-text contrast): on a white form as in the dark top bar. The ring was yellow
 * alone, 1.9:1 on white, so a keyboard user lost it on every panel and form.
 */
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { setUpBrowserTests, signInPage } from './harness.ts';

const tests = setUpBrowserTests({ projections: false });

/**
 * The best contrast between a colour of the focused element's ring (its outline and its
 * box-shadow) and the ground behind the element (the first ancestor's background that is not
 * transparent), as WCAG computes it from relative luminance.
 */
const ringContrast = (focused: Locator): Promise<number> => focused.evaluate((element) => {
  const rgb = (colour: string): number[] | undefined => colour.match(/rgba?\(([^)]+)\)/)?.[1]?.split(',').map((n) => Number(n.trim()));
  const luminance = ([r = 0, g = 0, b = 0]: number[]): number => {
    const linear = (c: number): number => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
  };
  const contrast = (a: number[], b: number[]): number => {
    const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
    return (light + 0.05) / (dark + 0.05);
  };
  let ground: number[] | undefined;
  for (let e = element.parentElement; e && !ground; e = e.parentElement) {
    const colour = rgb(getComputedStyle(e).backgroundColor);
    if (colour && (colour[3] ?? 1) > 0) ground = colour;
  }
  const style = getComputedStyle(element);
  const ring = [style.outlineStyle !== 'none' ? style.outlineColor : '', ...(style.boxShadow.match(/rgba?\([^)]+\)/g) ?? [])]
    .map(rgb).filter((c): c is number[] => c !== undefined);
  return Math.max(0, ...ring.map((c) => contrast(c, ground ?? [255, 255, 255])));
});

describe.skipIf(!tests.haveChromium)('the focus ring', () => {
  it('stands out at 3:1 on a white form and in the dark top bar', async () => {
    const page = await tests.newPage();
    await page.goto('/');
    const name = page.getByLabel('User name');
    await name.focus();
    await expect.poll(() => name.evaluate((e) => e.matches(':focus-visible'))).toBe(true);
    expect(await ringContrast(name)).toBeGreaterThanOrEqual(3);

    await signInPage(page, 'fedAnalyst');
    const reports = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' });
    await reports.focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    await expect.poll(() => reports.evaluate((e) => e.matches(':focus-visible'))).toBe(true);
    expect(await ringContrast(reports)).toBeGreaterThanOrEqual(3);
  });
});
