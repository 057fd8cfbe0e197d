/**
 * Debian's Chromium driven by playwright-core (never a downloaded browser): headless, no GPU
 * (WebGL through SwiftShader, for the map and the graph), no network chatter. `launch` gives
 * every run a fresh temporary profile; contexts within it share nothing.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env['MOSAIC_CHROMIUM'] ?? '/usr/bin/chromium';
export const ARTEFACTS = join(import.meta.dirname, '..', 'test-results');
export const VIEWPORT = { width: 1366, height: 768 } as const;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
    ],
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTEFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTEFACTS, `${name}.png`), fullPage: false });
}
