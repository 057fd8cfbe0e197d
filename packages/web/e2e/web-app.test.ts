/**
 * The web app in a real browser against a real Mosaic server (embedded store in a temporary
 * folder, a small fictional world): sign-in and role-aware navigation, search with a purpose,
 * pointers, profiles with provenance and an offline map, the audit log and its verification,
 * and the flows of screening, live notifications, watches, ingest, review, graph and
 * administration.
 */
import { TEST_PASSWORD, testProvenance } from '@mosaic/service/testing';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from './browser-session.ts';
import { seedWorld } from './fictional-world.ts';
import { givePurpose, setUpBrowserTests, signInPage } from './harness.ts';

const PURPOSE = 'Counter-terrorism investigation';
const CASE = 'PV/2025/0173';
const AUDIT_PURPOSE = 'Lawfulness check of counter-terrorism consultations';
const AUDIT_CASE = 'DPO/2025/0042';

async function navItems(page: Page): Promise<string[]> {
  return (await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents()).map((t) => t.replace(/\d+$/, '').trim());
}

const tests = setUpBrowserTests({
  seed: async ({ server, api }) => {
    // Every screen's routes are in the contract the server publishes.
    const openapi = await api.json<{ paths: Record<string, unknown> }>('/openapi.json');
    for (const route of ['/screen', '/notifications/stream', '/review', '/graph/expand', '/admin/agencies', '/subscriptions', '/ingest', '/reports']) {
      if (!(`/api/v1${route}` in openapi.paths)) throw new Error(`the server publishes no ${route}`);
    }
    const world = await seedWorld(api);
    // Records of one man that resolution merges, and two that it leaves for a person to judge.
    const fed = await api.tokenOf('fedAnalyst');
    const person = (id: string, properties: Record<string, string[]>) => api.json('/records', { token: fed, body: { id, schema: 'Person', provenance: testProvenance('fedpol'), properties } });
    // The first two do not meet on their own; the third, holding what both hold, merges them.
    await person('p-lavigne-1', { name: ['Quentin Lavigne'], passportNumber: ['EK778899'] });
    await person('p-lavigne-2', { name: ['Quentin Lavigne'], birthDate: ['1984-02-17'], nationality: ['fr'] });
    await server.projections.follower.catchUp();
    await person('p-lavigne-3', { name: ['Quentin Lavigne'], passportNumber: ['EK778899'], birthDate: ['1984-02-17'], nationality: ['fr'] });
    await person('p-dvorak-1', { name: ['Marek Dvorak'], birthDate: ['1979'] });
    await person('p-dvorak-2', { name: ['Marek Dvorak'], birthDate: ['1979-05-03'] });
    await server.projections.follower.catchUp();
    return world;
  },
});

describe.skipIf(!tests.haveChromium)('the web app', () => {
  it('refuses a wrong password with the server\'s message, then shows an analyst the analyst\'s screens only', async () => {
    const page = await tests.newPage();
    await page.goto('/');
    await screenshot(page, '01-sign-in');
    await page.getByLabel('User name').fill('fedAnalyst');
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/\S/);
    await signInPage(page, 'fedAnalyst');
    const items = await navItems(page);
    expect(items).toEqual(expect.arrayContaining(['Search', 'Graph', 'Alerts inbox', 'Review']));
    expect(items).not.toContain('Audit');
    expect(items).not.toContain('Administration');
    expect(items).not.toContain('Checkpoint');
  });

  it('logs no error in the browser\'s console as the sign-in page loads, nor as a signed-in page reloads or a user signs out', async () => {
    const page = await tests.newPage();
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    // asking whether a session is open, before anyone has signed in, is no refused request
    await page.goto('/');
    await expect.poll(() => page.getByLabel('User name').count()).toBe(1);
    await page.reload();
    await expect.poll(() => page.getByLabel('User name').count()).toBe(1);
    await signInPage(page, 'fedAnalyst');
    await page.reload();
    await expect.poll(() => page.getByTestId('user-name').textContent()).toBe('fedAnalyst');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => page.getByLabel('User name').count()).toBe(1);
    await page.reload();
    await expect.poll(() => page.getByLabel('User name').count()).toBe(1);
    expect(errors).toEqual([]);
  });

  it('gives the checkpoint officer, the auditor and the administrator their own screens', async () => {
    const page = await tests.signedInPage('zoneCheckpoint');
    expect(await navItems(page)).toEqual(['Checkpoint', 'Alerts inbox']);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signInPage(page, 'auditor');
    expect(await navItems(page)).toEqual(['Audit']);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signInPage(page, 'intelAdmin');
    expect(await navItems(page)).toEqual(expect.arrayContaining(['Administration']));
    expect(await navItems(page)).not.toContain('Search');
  });

  it('asks for a purpose before searching, then lists matches with their names, agency and grading', async () => {
    const page = await tests.signedInPage('fedAnalyst');
    await page.goto('/#/search');
    await expect.poll(() => page.getByRole('heading', { name: 'Purpose of this consultation' }).count()).toBe(1);
    await screenshot(page, '02-purpose');
    await givePurpose(page, PURPOSE, CASE);
    await expect.poll(() => page.getByTestId('case-ref').textContent()).toBe(CASE);
    await page.getByLabel('Name, alias or identifier').fill('Moreau Vasquez');
    await page.keyboard.press('Enter');
    const results = page.locator('table.results tbody tr');
    await expect.poll(() => results.count()).toBe(2);
    expect(await page.getByRole('status').filter({ hasText: 'for “Moreau Vasquez”' }).textContent()).toBe('2 results for “Moreau Vasquez”');
    expect(await page.getByTestId('search-truncated').count()).toBe(0);
    // the agency by its name and the kind under its label, not their codes
    expect(await results.first().locator('td').nth(4).textContent()).toBe('Federal Police');
    expect(await results.first().locator('td').nth(2).textContent()).toBe('Person');
    expect(await page.locator('table.results').textContent()).toContain('Abu Lucas');
    expect(await page.locator('table.results .grading').first().textContent()).toMatch(/^[A-F][1-6]$/);
    await screenshot(page, '03-search');
    // written otherwise: no word of it is stored, the matcher finds him and says how the name matched
    await page.getByLabel('Name, alias or identifier').fill('Lucien Morau Vaskes');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'for “Lucien Morau Vaskes”' }).count()).toBe(1);
    expect(await results.first().locator('a').textContent()).toBe('Lucien Moreau-Vasquez');
    // in words, the matcher's own level in the tooltip
    expect(await results.first().locator('.matched-name').textContent()).toMatch(/^(same name, other spelling|close spelling|similar spelling)$/);
    expect(await results.first().locator('.matched-name').getAttribute('title')).toMatch(/^(phonetic|fuzzy|fuzzyLow), matched \d+%$/);
    // an identifier: his passport number, as an OCR reader might give it
    await page.getByLabel('Name, alias or identifier').fill('EMI23456');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'for “EMI23456”' }).count()).toBe(1);
    expect(await results.first().locator('a').textContent()).toBe('Lucien Moreau-Vasquez');
    expect(await results.first().locator('.matched-identifier').textContent()).toBe('document · read alike');
    // a date of birth puts the one born then first: his brother
    await page.getByLabel('Name, alias or identifier').fill('Moreau Vasquez');
    await page.getByLabel('Date of birth (optional)').fill('1994-09-30');
    await page.keyboard.press('Enter');
    await expect.poll(() => results.first().locator('a').first().textContent()).toBe('Tomas Moreau-Vasquez');
    expect(await results.first().textContent()).toContain('1994-09-30 · as asked');
    expect(await results.nth(1).textContent()).toContain('1991-04-12 · different');
  });

  it('asks the next user at a tab for their own purpose when a session ends without signing out', async () => {
    const page = await tests.signedInPage('fedAnalyst');
    await page.goto('/#/search');
    await givePurpose(page, PURPOSE, CASE);
    await expect.poll(() => page.getByTestId('case-ref').textContent()).toBe(CASE);
    // the session ends (expired, or the account disabled): the next request is refused, the tab shows sign-in
    await page.context().clearCookies();
    await page.getByLabel('Name, alias or identifier').fill('Moreau');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByLabel('User name').count()).toBe(1);
    await page.getByLabel('User name').fill('zoneOfficer');
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByTestId('user-name').textContent()).toBe('zoneOfficer');
    await page.goto('/#/search');
    await expect.poll(() => page.getByRole('heading', { name: 'Purpose of this consultation' }).count()).toBe(1);
    expect(await page.getByTestId('case-ref').count()).toBe(0);
  });

  it('shows a local officer what another agency holds as a pointer to its desk, apart from results', async () => {
    const page = await tests.signedInPage('zoneOfficer');
    await page.goto('/#/search');
    await givePurpose(page, PURPOSE, CASE);
    await page.getByLabel('Name, alias or identifier').fill('Renard');
    await page.getByRole('button', { name: 'Search' }).click();
    const pointer = page.locator('.pointer-card');
    await expect.poll(() => pointer.count()).toBe(1);
    expect(await pointer.textContent()).toMatch(/State Security holds information.*Liaison desk/);
    expect(await page.locator('table.results').count()).toBe(0);
    await screenshot(page, '04-pointer');
  });

  it('opens a profile with every value\'s provenance, the versions and an offline map', { timeout: 120_000 }, async () => {
    const page = await tests.signedInPage('fedAnalyst');
    await page.goto('/#/search');
    await givePurpose(page, PURPOSE, CASE);
    await page.getByLabel('Name, alias or identifier').fill('Lucien');
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name: 'Lucien Moreau-Vasquez' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Lucien Moreau-Vasquez');
    const claims = page.locator('table.claims');
    await expect.poll(() => claims.locator('tbody tr').count()).toBeGreaterThanOrEqual(6);
    const aliasRow = claims.locator('tbody tr', { hasText: 'Abu Lucas' });
    expect(await aliasRow.textContent()).toMatch(/Federal Police.*case file 17.*B2.*TLP:AMBER.*suspect.*fact.*2031-01-01/);
    // the alert in force on him, and his brother through the family tie
    await expect.poll(() => page.getByTestId('alert').textContent()).toMatch(/^ARREST.*Arrest the person.*Federal Police · Operations room \+32 2 000 00 01.*Known to carry a knife/);
    await expect.poll(() => page.locator('.related li').textContent()).toMatch(/brother.*Tomas Moreau-Vasquez/);
    // known to the federal police alone: no other agency's record to point to
    expect(await page.getByTestId('subject-banner').count()).toBe(0);
    await expect.poll(() => page.locator('.timeline li').count()).toBeGreaterThanOrEqual(1);
    // the record's versions: the first one recorded, not the store's `put`
    expect(await page.locator('.timeline li .badge').first().textContent()).toBe('Recorded');
    try {
      // WebGL in software on a shared machine: the base map may take a while to draw.
      await expect.poll(() => page.locator('.map[data-map-ready="true"]').count(), { timeout: 60_000 }).toBe(1);
    } finally {
      await screenshot(page, '05-profile');
    }
    await page.goto(`/#/profile/record/${encodeURIComponent(tests.world.address)}`);
    await expect.poll(() => page.locator('.place-list').textContent()).toContain('12 Quai des Tanneurs');
  });

  it('lets the auditor, once they have said why, find the consultations with their purpose and verify the chain', async () => {
    const page = await tests.signedInPage('auditor');
    // searching the log is a consultation too: the auditor gives its purpose and case first
    await expect.poll(() => page.getByRole('heading', { name: 'Purpose of this consultation' }).count()).toBe(1);
    expect(await page.locator('table.audit').count()).toBe(0);
    await givePurpose(page, AUDIT_PURPOSE, AUDIT_CASE);
    // the screen opens on the latest entries
    await expect.poll(() => page.locator('table.audit tbody tr').count()).toBeGreaterThan(0);
    expect(await page.locator('.summary').textContent()).toMatch(/entr(y|ies), newest first/);
    await page.getByLabel('Action').selectOption('consultation');
    await page.getByLabel('Case reference').fill(CASE);
    await page.getByRole('button', { name: 'Search log' }).click();
    // the latest entries stay shown until the search's answer replaces them
    const rows = page.locator('table.audit tbody tr');
    await expect.poll(() => rows.first().textContent()).toContain(PURPOSE);
    expect(await rows.count()).toBeGreaterThanOrEqual(3);
    // the column headings sit above the rows, not over them
    const heading = await page.locator('table.audit thead th').first().boundingBox();
    const firstCell = await rows.first().locator('td').first().boundingBox();
    expect(heading!.y + heading!.height).toBeLessThanOrEqual(firstCell!.y + 1);
    // the auditor's own searches are logged with the purpose and case given
    await page.getByLabel('Case reference').fill(AUDIT_CASE);
    await page.getByRole('button', { name: 'Search log' }).click();
    await expect.poll(() => rows.first().textContent()).toContain(AUDIT_PURPOSE);
    await page.getByRole('button', { name: 'Verify the chain' }).click();
    await expect.poll(() => page.getByTestId('verification').textContent()).toMatch(/^Chain intact: \d+ entries/);
    await screenshot(page, '06-audit');
  });

  it('screens a name at the checkpoint and records the officer\'s confirmation', async () => {
    const page = await tests.signedInPage('zoneCheckpoint');
    await givePurpose(page, PURPOSE, CASE);
    await page.getByLabel('Name', { exact: true }).fill('Lucien Moreau Vasquez');
    await page.getByLabel('Date of birth').fill('1991-04-12');
    await page.keyboard.press('Enter');
    const hit = page.locator('.hit-card').first();
    await expect.poll(() => hit.count()).toBe(1);
    // the arrest alert comes first, with whom to call and the owner's own instructions
    expect(await hit.locator('.hit-action').textContent()).toBe('ARREST');
    expect(await hit.locator('.owner-contact').textContent()).toMatch(/^fedpol|Federal/);
    expect(await hit.locator('.owner-contact').textContent()).toMatch(/\+[\d ]{7,}/);
    expect(await hit.textContent()).toContain('Known to carry a knife: search before transport.');
    // and why it matched, for the officer to compare with the person in front of them
    expect(await hit.locator('.hit-why').textContent()).toMatch(/^Name: Lucien Moreau-Vasquez \([\w ,]+\) · Date of birth: same date/);
    await screenshot(page, '07-checkpoint');
    // from the answer's summary, where the focus lands, to the decision
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    if (await page.locator('.check-report').count()) {
      await page.getByLabel('Place').first().fill('N4 roadblock, km 12');
      await page.getByRole('button', { name: 'Send report and confirm' }).click();
    }
    await expect.poll(() => hit.locator('.decided').textContent()).toMatch(/^Confirmed/);
    // his brother is listed without an alert: nobody to call, so no empty Owner row on his card
    await page.keyboard.press('Escape');
    await page.getByLabel('Name', { exact: true }).fill('Tomas Moreau Vasquez');
    await page.getByLabel('Date of birth').fill('1994-09-30');
    await page.keyboard.press('Enter');
    const brother = page.locator('.hit-card', { hasText: 'Tomas Moreau-Vasquez' }).first();
    await expect.poll(() => brother.locator('.hit-action').textContent()).toBe('NO ALERT');
    expect(await brother.locator('.owner-contact').count()).toBe(0);
    // the card names whom it is about, the way the officer compares them: the listed name, then its reference
    expect(await brother.locator('dd').first().textContent()).toBe(`Tomas Moreau-Vasquez ${tests.world.brother}`);
    expect(await brother.locator('dt').allTextContents()).not.toContain('Owner');
  });

  it('says what a check is missing when nothing given identifies anyone, and sends none', async () => {
    const page = await tests.signedInPage('zoneCheckpoint');
    await givePurpose(page, PURPOSE, CASE);
    let checks = 0;
    page.on('request', (request) => { if (request.url().endsWith('/api/v1/screen')) checks++; });
    const name = page.getByLabel('Name', { exact: true });
    const missing = page.getByRole('alert').filter({ hasText: 'Nothing to check' });
    await page.getByRole('button', { name: 'Check', exact: true }).click();
    await expect.poll(() => missing.count()).toBe(1);
    expect(await missing.textContent()).toBe('Nothing to check: give a name, a document number or a vehicle plate.');
    // said to a screen reader with the fields it is about, and the officer is back on the name
    expect(await name.getAttribute('aria-describedby')).toBe(await missing.getAttribute('id'));
    expect(await page.getByLabel('Document number').getAttribute('aria-describedby')).toBe(await missing.getAttribute('id'));
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('check-name');
    // a date of birth alone identifies no one either
    await page.getByLabel('Date of birth').fill('1991-04-12');
    await page.keyboard.press('Enter');
    expect(await missing.count()).toBe(1);
    expect(checks).toBe(0);
    // with a name, the check is made and the message is gone
    await name.fill('Lucien Moreau Vasquez');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.hit-card').count()).toBeGreaterThan(0);
    expect(await missing.count()).toBe(0);
    expect(await name.getAttribute('aria-describedby')).toBeNull();
    expect(checks).toBe(1);
  });

  it('shows whom a document check lists, offers a pointer\'s desk call instead of a confirmation, and tells the owner which of its records', async () => {
    const page = await tests.signedInPage('zoneCheckpoint');
    await givePurpose(page, PURPOSE, CASE);
    // by document number alone: the card names the listed person, born when and of which nationality
    await page.getByLabel('Document number').fill('EM123456');
    await page.keyboard.press('Enter');
    const listed = page.locator('.hit-card', { hasText: tests.world.moreau }).first();
    await expect.poll(() => listed.count()).toBe(1);
    expect(await listed.locator('dd').first().textContent()).toBe(`Lucien Moreau-Vasquez ${tests.world.moreau}`);
    expect(await listed.locator('.hit-listed-born dd').textContent()).toBe('1991-04-12');
    expect(await listed.locator('.hit-listed-nationality dd').textContent()).toBe('Belgium');
    expect(await listed.locator('.hit-listed-nationality dd [title]').getAttribute('title')).toBe('be');
    // a pointer: nobody to compare, so no confirmation; the officer records the call to its desk
    await page.keyboard.press('Escape');
    await page.getByLabel('Name', { exact: true }).fill('Odile Renard-Moreau');
    await page.keyboard.press('Enter');
    const pointer = page.locator('.hit-card', { hasText: 'CONTACT OWNER' }).first();
    await expect.poll(() => pointer.count()).toBe(1);
    expect(await pointer.textContent()).not.toMatch(/Renard|i-renard|1989/);
    expect(await pointer.getByRole('button', { name: /Confirm/ }).count()).toBe(0);
    expect(await pointer.getByRole('button', { name: /Reject/ }).count()).toBe(0);
    await pointer.getByLabel('What the desk said').fill('let her go, the desk follows up');
    await pointer.getByRole('button', { name: 'Desk called: record the call' }).click();
    await expect.poll(() => pointer.locator('.decided').textContent()).toMatch(/^Call to the desk recorded/);
    await screenshot(page, '07c-checkpoint-pointer');

    // the owner reads which of its own records was encountered, by whom, in words, with the way to it
    const owner = await tests.signedInPage('intelAnalyst');
    await owner.goto('/#/inbox');
    const encounter = owner.locator('.inbox li', { hasText: 'Another agency encountered your subject' }).first();
    await expect.poll(() => encounter.count(), { timeout: 15_000 }).toBe(1);
    // its kind in words, not the code
    expect(await encounter.locator('.badge').first().textContent()).toBe('Encounter');
    await expect.poll(() => encounter.locator('.notification-summary').textContent()).toMatch(new RegExp(`^Police Zone North \\(desk Duty desk\\) encountered your record Odile Renard-Moreau \\(${tests.world.intelSubject}\\) at a check on \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\S+\\.$`));
    expect(await encounter.getByRole('link', { name: 'Open' }).getAttribute('href')).toBe(`#/profile/record/${encodeURIComponent(tests.world.intelSubject)}`);
    const called = owner.locator('.inbox li', { hasText: 'A checkpoint called your desk' }).first();
    await expect.poll(() => called.locator('.notification-summary').textContent(), { timeout: 15_000 }).toMatch(/^Police Zone North \(desk Duty desk\) called your desk about a likely match on .*: “let her go, the desk follows up”$/);
    await screenshot(owner, '08b-inbox-encounter');
  });

  it('delivers the owner\'s notification live to a second browser', async () => {
    const owner = await tests.signedInPage('fedAnalyst');
    await owner.goto('/#/inbox');
    await expect.poll(() => owner.getByTestId('stream-state').textContent()).toBe('Live');
    // the agency's own alerts, each with its subject's name and id and the desk that answers for
    // it: listing them is a consultation, so the inbox asks for the purpose first
    expect(await owner.getByTestId('alert').count()).toBe(0);
    await givePurpose(owner, PURPOSE, CASE);
    await expect.poll(() => owner.getByTestId('alert').first().textContent()).toMatch(new RegExp(`^ARRESTLucien Moreau-Vasquez${tests.world.moreau}.*Operations room \\+32 2 000 00 01`));
    // the checkpoint's hit on that alert, earlier, with the way to its subject
    const hitOnAlert = owner.locator('.inbox li', { hasText: 'Hit on your alert: arrest' }).first();
    expect(await hitOnAlert.getByRole('link', { name: 'Open the subject' }).getAttribute('href')).toBe(`#/profile/record/${encodeURIComponent(tests.world.moreau)}`);
    const before = await owner.locator('.inbox li.unread').count();
    // The zone's officer consults a federal police record: the agreement tells the owner.
    const officer = await tests.signedInPage('zoneOfficer');
    await officer.goto(`/#/profile/record/${encodeURIComponent(tests.world.moreau)}`);
    await givePurpose(officer, PURPOSE, CASE);
    await expect.poll(() => officer.getByRole('heading', { level: 1 }).textContent()).toBe('Lucien Moreau-Vasquez');
    await expect.poll(() => owner.locator('.inbox li.unread').count(), { timeout: 15_000 }).toBeGreaterThan(before);
    await screenshot(owner, '08-inbox');
  });

  it('watches a subject from its profile, and tells the watcher live of its sighting; watches a name and an area', async () => {
    const page = await tests.signedInPage('zoneOfficer');
    await page.goto(`/#/profile/record/${encodeURIComponent(tests.world.moreau)}`);
    await givePurpose(page, PURPOSE, CASE);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Lucien Moreau-Vasquez');
    await page.getByRole('button', { name: 'Watch', exact: true }).click();
    await page.getByLabel('Warn after days without a sighting').fill('30');
    await page.getByRole('button', { name: 'Start watching' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Watching' }).textContent()).toBe('Watching · warn after 30 days unseen');

    await page.goto('/#/inbox');
    await expect.poll(() => page.getByTestId('stream-state').textContent()).toBe('Live');
    await expect.poll(() => page.locator('.watches').textContent()).toContain(`Subject ${tests.world.moreau}`);
    // The federal police record a sighting of him: the watcher is told within the second.
    const fed = await tests.api.tokenOf('fedAnalyst');
    await tests.api.json('/records', { token: fed, body: { id: 's-watched', schema: 'Sighting', provenance: testProvenance('fedpol'), properties: { person: [tests.world.moreau], date: ['2026-03-01'], checkpoint: ['E19 Mechelen'] } } });
    const told = page.locator('.inbox li', { hasText: 'Watched subject sighted' });
    await expect.poll(() => told.count(), { timeout: 15_000 }).toBe(1);
    // said of the subject by name, and opening the subject's profile, where the sighting is shown
    expect(await told.locator('.notification-summary').textContent()).toBe(`Lucien Moreau-Vasquez was sighted (your watch “Subject ${tests.world.moreau}”).`);
    expect(await told.getByRole('link', { name: 'Open' }).getAttribute('href')).toBe(`#/profile/record/${encodeURIComponent(tests.world.moreau)}`);

    await page.getByLabel('What to watch').selectOption('area');
    await page.getByLabel('Area points (latitude, longitude per line)').fill('50.80, 4.30\n50.80, 4.42\n50.88, 4.42');
    await page.getByLabel('Label').fill('Brussels centre');
    await page.getByRole('button', { name: 'Add watch' }).click();
    await expect.poll(() => page.locator('.watches li').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('Brussels centre')]));
    await screenshot(page, '14-watches');
  });

  it('ingests an uploaded CSV through a column mapping, with progress, the refused lines and a repeated record', async () => {
    const page = await tests.signedInPage('fedAnalyst');
    await page.goto('/#/ingest');
    await page.getByLabel('File (JSON Lines with provenance, or CSV)').setInputFiles({ name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.from('') });
    await expect.poll(() => page.getByText('empty.csv: empty').count()).toBe(1);
    const csv = 'ref;full_name;dob\nx-1;Amira Haddad;1990-01-31\nx-2;Tom Vos;1990-13-45\nx-1;Amira Haddad;1990-01-30\n';
    await page.getByLabel('File (JSON Lines with provenance, or CSV)').setInputFiles({ name: 'export.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect.poll(() => page.getByText('export.csv: 3 lines, 3 columns').count()).toBe(1);
    await page.getByLabel('Record id column').selectOption('ref');
    await page.getByLabel('full_name', { exact: true }).selectOption('name');
    await page.getByLabel('dob', { exact: true }).selectOption('birthDate');
    await page.getByLabel('Source', { exact: true }).fill('rms export 2025-11');
    // who the people are, the grading and the legal basis are the uploader's to choose
    await page.getByLabel(/^Category/).selectOption('suspect');
    await page.getByLabel(/^Reliability/).selectOption('B');
    await page.getByLabel(/^Credibility/).selectOption('2');
    await page.getByLabel(/^Legal basis/).fill('LED Art. 8');
    await page.getByRole('button', { name: 'Upload and ingest' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'accepted' }).textContent(), { timeout: 15_000 }).toBe('2 accepted (1 new, 1 updated) · 1 refused');
    const refused = page.getByRole('table', { name: 'Lines refused' });
    expect(await refused.locator('tbody tr').allTextContents()).toEqual([expect.stringMatching(/^3x-2column dob \(date of birth\).*not a date/)]);
    const repeated = page.getByRole('table', { name: /^1 line gave a record an earlier line gave/ });
    expect(await repeated.locator('tbody tr td').allTextContents()).toEqual(['4', '2', 'fedpol:x-1']);
    await screenshot(page, '15-ingest');
  });

  it('tells the checkpoint officer when cards list one resolved person', async () => {
    const page = await tests.signedInPage('zoneCheckpoint');
    await givePurpose(page, PURPOSE, CASE);
    // three fedpol records of Quentin Lavigne, resolved as one man (seeded above)
    await page.getByLabel('Name', { exact: true }).fill('Quentin Lavigne');
    await page.getByLabel('Date of birth').fill('1984-02-17');
    await page.keyboard.press('Enter');
    const cards = page.locator('.hit-card', { hasText: 'Quentin Lavigne' });
    await expect.poll(() => cards.count()).toBe(3);
    expect(await cards.first().locator('.hit-same-subject').count()).toBe(0);
    const same = await page.locator('.hit-same-subject dd').allTextContents();
    expect(same).toEqual([expect.stringMatching(/^card 1: Quentin Lavigne fedpol:p-lavigne-\d/), expect.stringMatching(/^card 1: /)]);
    await screenshot(page, '07b-checkpoint-one-person');
  });

  it('takes a reviewer\'s verdict on an uncertain pair', async () => {
    const page = await tests.signedInPage('fedAnalyst');
    await page.goto('/#/review');
    await givePurpose(page, PURPOSE, CASE);
    const dvorak = page.locator('.pair-card', { hasText: 'Marek Dvorak' }).first();
    await expect.poll(() => dvorak.count()).toBe(1);
    // the weights start from the store's base rate, so that they add up to the pair's odds
    expect(await dvorak.getByRole('row', { name: /^base rate/ }).textContent()).toMatch(/1 time in [\d,]+.*[−-]\d/);
    // the name's agreeing words as each record writes them, not their positions among the tokens,
    // each said to be a rare name or a common one rather than its frequency in bits
    const explained = await dvorak.locator('table.explain').textContent();
    for (const word of ['Marek', 'Dvorak']) expect(explained).toMatch(new RegExp(`; ${word}: (a rare name, counts more|a common name, counts less|neither rare nor common)\\b`));
    expect(explained).not.toMatch(/a\d\.\d|frequency|token\(s\)/);
    // each side's values under the schema's labels, the name first
    await expect.poll(() => dvorak.locator('.pair-side').first().locator('dt').first().textContent()).toBe('Name');
    expect(await dvorak.locator('.pair-side').first().locator('dt').allTextContents()).not.toContain('birthDate');
    await screenshot(page, '09-review');
    await dvorak.getByRole('button', { name: 'Not same' }).click();
    await expect.poll(() => page.locator('.summary').textContent()).toMatch(/^1 judged: not the same/);
  });

  it('undoes a merge, after which the two records stand apart', async () => {
    const fed = await tests.api.tokenOf('fedAnalyst');
    const headers = { 'x-mosaic-purpose': encodeURIComponent(PURPOSE), 'x-mosaic-case': encodeURIComponent(CASE) };
    const entityOf = async (record: string) => (await tests.api.json<{ entity: string }>(`/records/${encodeURIComponent(record)}/entity`, { token: fed, headers })).entity;
    const merged = await entityOf('fedpol:p-lavigne-1');
    expect(await entityOf('fedpol:p-lavigne-2')).toBe(merged);
    const page = await tests.signedInPage('fedAnalyst');
    await page.goto('/#/review');
    await givePurpose(page, PURPOSE, CASE);
    // the entity asked for by the name its records carry
    await page.getByLabel('Entity (id, record id or name)').fill('Quentin Lavigne');
    await page.getByRole('button', { name: 'Show merges' }).click();
    await expect.poll(() => page.getByText(`Merges of entity ${merged}`).count()).toBe(1);
    const merges = page.getByRole('table', { name: 'Merges' });
    await expect.poll(() => merges.locator('tbody tr').count()).toBe(1);
    // while the server works (held here half a second more), the screen says so and takes no second undo
    await page.route('**/api/v1/merges/*/undo', async (route) => { await new Promise((r) => setTimeout(r, 500)); await route.continue(); });
    const undo = merges.getByRole('button', { name: /^Undo the merge of/ });
    await undo.click();
    await page.getByRole('group', { name: 'Confirm the undo' }).getByRole('button', { name: 'Undo the merge' }).click();
    await expect.poll(() => page.getByRole('progressbar', { name: /^Undoing the merge of/ }).count()).toBe(1);
    expect(await undo.isDisabled()).toBe(true);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'undone' }).count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByRole('progressbar').count()).toBe(0);
    await expect.poll(() => merges.locator('tbody tr').first().textContent()).toContain('undone');
    await screenshot(page, '16-merge-undone');
    await tests.server.projections.follower.catchUp();
    expect(await entityOf('fedpol:p-lavigne-1')).not.toBe(await entityOf('fedpol:p-lavigne-2'));
  });

  it('expands the graph from a subject', async () => {
    const page = await tests.signedInPage('fedAnalyst');
    await page.goto(`/#/graph?seed=${encodeURIComponent(tests.world.moreau)}`);
    await givePurpose(page, PURPOSE, CASE);
    await expect.poll(() => page.locator('table.graph-nodes tbody tr').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    expect(await page.locator('table.graph-nodes').textContent()).toContain('Tomas Moreau-Vasquez');
    expect(await page.getByRole('group', { name: 'Relations shown' }).textContent()).toContain('Family');
    // Expanding the brother from the keyboard-reachable list asks the server again.
    await page.getByRole('button', { name: 'Expand Tomas Moreau-Vasquez' }).click();
    await expect.poll(() => page.getByRole('status').last().textContent()).toMatch(/^\d+ new entit/);
    await page.getByRole('button', { name: 'Centrality' }).click();
    await expect.poll(() => page.locator('table.graph-nodes tbody tr td:nth-child(5)').first().textContent()).toMatch(/^\d+\.\d{3}(\s|$)/);
    await screenshot(page, '10-graph');
    // From a name, on a fresh screen: several people share "Moreau-Vasquez", so it asks whom to start from.
    const fresh = await tests.signedInPage('fedAnalyst');
    await fresh.goto('/#/graph');
    await givePurpose(fresh, PURPOSE, CASE);
    expect(await fresh.locator('table.graph-nodes tbody tr').count()).toBe(0);
    await fresh.getByLabel('Start from a name, or an entity or record id').fill('Moreau Vasquez');
    await fresh.getByRole('button', { name: 'Expand', exact: true }).click();
    const choices = fresh.getByRole('list', { name: 'Whom to start from' });
    await expect.poll(() => choices.getByRole('button').count()).toBe(2);
    await choices.getByRole('button', { name: 'Tomas Moreau-Vasquez' }).click();
    await expect.poll(() => fresh.locator('table.graph-nodes').textContent()).toContain('Lucien Moreau-Vasquez');
  });

  it('shows the administrator the agencies', async () => {
    const page = await tests.signedInPage('intelAdmin');
    await page.goto('/#/admin');
    await expect.poll(() => page.locator('#admin-panel table').textContent()).toContain('State Security');
    await screenshot(page, '11-admin');
  });

  // Last: it adds a record to the world the other tests read.
  it('leads from an agency\'s record to the subject as every agency holds it, with its alerts and ties', async () => {
    const zone = await tests.api.tokenOf('zoneOfficer');
    await tests.api.json('/records', { token: zone, body: {
      id: 'z-moreau', schema: 'Person', provenance: testProvenance('zone-north', { source: 'roadside check' }),
      properties: { name: ['MOREAU VASQUEZ, Lucien'], birthDate: ['1991-04-12'], nationality: ['be'], passportNumber: ['EM123456'] },
    } });
    await tests.server.projections.follower.catchUp();
    await tests.server.projections.entities.settle();
    const page = await tests.signedInPage('fedAnalyst');
    await page.goto(`/#/profile/record/${encodeURIComponent(tests.world.moreau)}`);
    await givePurpose(page, PURPOSE, CASE);
    const banner = page.getByTestId('subject-banner');
    await expect.poll(() => banner.textContent()).toMatch(/One of 2 records on this subject, held by Federal Police, Police Zone North/);
    await banner.getByRole('link', { name: 'Open the subject\'s profile' }).click();
    await expect.poll(() => page.locator('.profile-sub').textContent()).toMatch(/2 records from 2 agencies/);
    await expect.poll(() => page.getByTestId('alert').textContent()).toMatch(/^ARREST/);
    await expect.poll(() => page.locator('.related li').textContent()).toMatch(/brother.*Tomas Moreau-Vasquez/);
    expect(await page.locator('table.claims').textContent()).toContain('roadside check');
    await screenshot(page, '05b-subject');
    // searched, the two agencies' records of him come together, the best first
    await page.goto('/#/search');
    await page.getByLabel('Name, alias or identifier').fill('Lucien Moreau Vasquez');
    await page.keyboard.press('Enter');
    const rows = page.locator('table.results tbody tr');
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(2);
    expect(await rows.nth(0).locator('.subject-link').textContent()).toBe('one subject, 2 records found');
    expect(await rows.nth(1).getAttribute('class')).toBe('same-subject');
    const names = [await rows.nth(0).locator('a').first().textContent(), await rows.nth(1).locator('a').first().textContent()];
    expect(names.sort()).toEqual(['Lucien Moreau-Vasquez', 'MOREAU VASQUEZ, Lucien']);
    await rows.nth(0).locator('.subject-link').click();
    await expect.poll(() => page.locator('.profile-sub').textContent()).toMatch(/2 records from 2 agencies/);
  });
  it('issues an alert from a subject\'s profile and withdraws it from the agency\'s list', async () => {
    const page = await tests.signedInPage('fedAnalyst');
    await page.goto(`/#/profile/record/${encodeURIComponent(tests.world.brother)}`);
    await givePurpose(page, PURPOSE, CASE);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Tomas Moreau-Vasquez');
    expect(await page.getByTestId('alert').count()).toBe(0);
    await page.getByRole('button', { name: 'Issue an alert' }).click();
    await page.getByLabel('Category').selectOption('discreet_check');
    await page.getByLabel('Instructions to the officer').fill('Note who travels with him.');
    await page.getByRole('button', { name: 'Issue the alert' }).click();
    await expect.poll(() => page.getByTestId('alert').textContent()).toMatch(/^REPORT COVERTLY.*Federal Police · Operations room.*Note who travels with him\./);
    await page.goto('/#/inbox');
    const listed = page.getByTestId('alert').filter({ hasText: tests.world.brother });
    await expect.poll(() => listed.textContent()).toMatch(/^REPORT COVERTLY/);
    await listed.getByRole('button', { name: 'Withdraw' }).click();
    // asked first (inbox.test.ts)
    await listed.getByRole('button', { name: 'Withdraw the alert now' }).click();
    await expect.poll(() => listed.textContent()).toMatch(/ · withdrawn/);
    expect(await listed.getByRole('button', { name: 'Withdraw' }).count()).toBe(0);
  });
});
