/**
 * Text reports in a real browser against a real Mosaic server: an analyst uploads a fictional
 * report with its provenance, sees the mentions marked in the text and the matcher's proposal
 * for a person another agency already recorded, confirms that person as the same, and finds the
 * report's claim — with the report's provenance and a link back to it — on that entity's
 * profile; and a phone number in a report that another agency's person holds, proposed beside
 * the number with how it matched, and named as that person's on confirming; and a person
 * another agency holds and shares with the reviewer as a pointer only, shown as whom to contact
 * and nothing of the record; and what extraction could not read of a report, said on it. Every
 * name and number is invented.
 */
import { testProvenance } from '@mosaic/service/testing';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { screenshot } from './browser-session.ts';
import { seedWorld } from './fictional-world.ts';
import { givePurpose, openFromMenu, setUpBrowserTests } from './harness.ts';

const REPORT = [
  'Liège, 9 October 2025. Officers of the federal police questioned Tomas Moreau-Vasquez, 31, at a garage near the station.',
  'Moreau-Vasquez is the brother of Lucien Moreau-Vasquez. He said he had met Henrike Saltvik in Namur the week before.',
].join('\n');

const PHONE_REPORT = 'Namur, 2 November 2025. The courier called +32 471 65 03 92 from a kiosk near the bus station.';

// An observation note on a man the federal police hold (born the same day), and a name three of their records share.
const TRAVEL_REPORT = [
  'Observation note: RASMUS KJELDGAARD',
  'RASMUS KJELDGAARD, born 14 June 1983, travelled by air from Belgium to Turkey on 12 March 2025.',
  'At the airport he was seen with Sander Vollmerhaus.',
].join('\n');

const POINTER_REPORT = 'Charleroi, 14 November 2025. A neighbour saw Odile Renard-Moreau hand a parcel to a man outside the railway station.';

let dir: string;

const tests = setUpBrowserTests({
  seed: async ({ server, api }) => {
    const world = await seedWorld(api);
    // The zone's own record of the brother: the entity the report's mention is linked to.
    const zone = await api.tokenOf('zoneOfficer');
    await api.json('/records', { token: zone, body: { id: 'z-tomas', schema: 'Person', provenance: testProvenance('zone-north'), properties: { name: ['Tomas Moreau Vasquez'], birthDate: ['1994-09-30'] } } }).catch(() => undefined);
    // The zone's subject holding the phone the second report mentions.
    await api.json('/records', { token: zone, body: { id: 'z-storhaug', schema: 'Person', provenance: testProvenance('zone-north'), properties: { name: ['Maiken Storhaug'], phone: ['+32471650392'] } } });
    await server.projections.follower.catchUp();
    dir = mkdtempSync(join(tmpdir(), 'mosaic-report-'));
    writeFileSync(join(dir, 'garage-interview.txt'), REPORT);
    return world;
  },
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!tests.haveChromium)('reports in the web app', () => {
  it('uploads a report, confirms a person as an existing entity, and shows the claim on that entity\'s profile', { timeout: 120_000 }, async () => {
    const page = await tests.signedInPage('fedAnalyst');
    await openFromMenu(page, 'Reports');
    await givePurpose(page, 'Counter-terrorism investigation', 'PV/2025/0412');

    // each field the form requires says so in its label, before the form is sent
    const requiredFields = await page.locator('form:has(#upload-title)').locator('input[required], select[required], textarea[required]').evaluateAll((fields) =>
      fields.map((field) => ({ id: field.id, label: document.querySelector(`label[for="${field.id}"]`)?.textContent ?? '' })));
    expect(requiredFields.map((f) => f.id)).toEqual(expect.arrayContaining(['report-collection', 'report-source']));
    for (const field of requiredFields) expect(field.label, field.id).toMatch(/\(required\)$/);
    await page.getByLabel('File (text, HTML, PDF, DOCX)').setInputFiles(join(dir, 'garage-interview.txt'));
    await page.getByLabel('Title').fill('Garage interview, Liège');
    await page.getByLabel('Collection').fill('garage-inquiry');
    await page.getByLabel('Source (required)').fill('interview notes');
    await page.getByLabel('Source reliability').selectOption('B');
    await page.getByLabel('Information credibility').selectOption('2');
    await page.getByLabel('Releasable to (agencies or countries, comma-separated)').fill('be');
    await page.getByLabel('Data-subject category').selectOption('witness');
    await page.getByLabel('Legal basis').fill('Hearing ordered by the investigating judge');
    await page.getByLabel('Review date').fill('2029-06-30');
    await page.getByRole('button', { name: 'Upload and extract' }).click();

    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Garage interview, Liège');
    // the claim's category, legal basis and review date as given in the form
    const reportId = decodeURIComponent(new URL(page.url()).hash.replace(/^#\/reports\//, ''));
    const headers = { 'x-mosaic-purpose': encodeURIComponent('Counter-terrorism investigation'), 'x-mosaic-case': encodeURIComponent('PV/2025/0412') };
    const stored = await tests.api.json<{ report: { report: { provenance: Record<string, unknown> } } }>(`/reports/${encodeURIComponent(reportId)}`, { token: await tests.api.tokenOf('fedAnalyst'), headers });
    expect(stored.report.report.provenance).toMatchObject({ category: 'witness', legalBasis: 'Hearing ordered by the investigating judge', reviewDate: '2029-06-30' });
    const text = page.getByLabel('Report text');
    await expect.poll(() => text.locator('mark.mention-Person').count()).toBeGreaterThanOrEqual(3);
    expect(await text.textContent()).toBe(REPORT);
    const tomas = page.getByRole('listitem', { name: 'Person Tomas Moreau-Vasquez' });
    const proposal = tomas.locator('label.proposal', { hasText: 'Same as' }).first();
    await expect.poll(() => proposal.count()).toBe(1);
    expect(await proposal.textContent()).toMatch(/Tomas Moreau.Vasquez.*\d+%.*name/);
    // the record's agency by its name, not its id
    expect(await proposal.locator('.muted').first().textContent()).toBe('(Federal Police)');
    // the words of the name that agreed, the report's beside the record's, not their positions
    expect(await proposal.textContent()).toMatch(/name: [^·]*\([^)]*Tomas ~ Tomas[^)]*\)/);
    expect(await proposal.textContent()).not.toMatch(/a\d\.\d/);
    await screenshot(page, '12-report-review');

    await proposal.locator('input[type=radio]').check();
    await tomas.getByRole('button', { name: 'Confirm' }).click();
    await expect.poll(() => tomas.locator('.badge.review-confirmed').count()).toBe(1);
    const profileLink = tomas.getByRole('link', { name: 'profile' });
    await expect.poll(() => profileLink.count()).toBe(1);

    // Rejecting another mention writes nothing and marks it so.
    const henrike = page.getByRole('listitem', { name: 'Person Henrike Saltvik' });
    await henrike.getByRole('button', { name: 'Reject' }).click();
    await expect.poll(() => henrike.locator('.badge.review-rejected').count()).toBe(1);

    await profileLink.click();
    await expect.poll(() => page.locator('table.claims').textContent(), { timeout: 20_000 }).toContain('interview notes');
    const claims = await page.locator('table.claims').textContent();
    expect(claims).toContain('Tomas Moreau-Vasquez');
    expect(claims).toContain('Tomas Moreau Vasquez');
    const sourceRow = page.locator('table.claims tbody tr', { hasText: 'Source report' });
    expect(await sourceRow.textContent()).toMatch(/Federal Police.*interview notes.*B2/);
    await screenshot(page, '13-report-on-profile');
    await sourceRow.getByRole('link').click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Garage interview, Liège');

    // The reports screen opens on the latest reports; this one is found by the words of its text too.
    await page.goto('/#/reports');
    const latest = page.getByRole('region', { name: 'Latest reports' });
    await expect.poll(() => latest.locator('.report-results li').first().textContent()).toMatch(/^Garage interview, Liège/);
    await page.getByLabel('Words in the reports').fill('garage Saltvik');
    await page.getByRole('button', { name: 'Search reports' }).click();
    // the latest reports, this one alone, stay shown until the search's answer replaces them
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'for “garage Saltvik”' }).textContent()).toBe('1 report for “garage Saltvik”');
    await expect.poll(() => page.locator('.report-results li').count()).toBe(1);
    expect(await page.locator('.report-results').textContent()).toContain('Garage interview, Liège');
    expect(tests.world.brother).toBeTruthy();
  });

  it('reads a phone number written nationally as the country the uploader gives for the report', { timeout: 120_000 }, async () => {
    const page = await tests.signedInPage('fedAnalyst');
    await openFromMenu(page, 'Reports');
    await givePurpose(page, 'Counter-terrorism investigation', 'PV/2025/0601');
    await page.getByLabel('Or paste the text').fill('Lille, 3 November 2025. A mobile phone, 06 12 34 56 78, was found in the van.');
    await page.getByLabel('Collection').fill('lille-van');
    await page.getByLabel('Country of the report').fill('FR');
    await page.getByLabel('Source (required)').fill('search report');
    await page.getByRole('button', { name: 'Upload and extract' }).click();
    // a French number, as the French police would write it (the federal police's own country is BE)
    await expect.poll(() => page.getByRole('listitem', { name: 'Phone +33612345678' }).count(), { timeout: 20_000 }).toBe(1);
  });

  it('says on the report what extraction could not read, here the sentences of a text mostly in Arabic script', { timeout: 120_000 }, async () => {
    const page = await tests.signedInPage('fedAnalyst');
    await openFromMenu(page, 'Reports');
    await givePurpose(page, 'Counter-terrorism investigation', 'PV/2025/0644');
    await page.getByLabel('Or paste the text').fill('التقى خالد عبد الرحمن مع يوسف الأمين في أنتويرب.\nالاسم: خالد عبد الرحمن');
    await page.getByLabel('Title').fill('Meeting in Antwerp');
    await page.getByLabel('Collection').fill('antwerp-meeting');
    await page.getByLabel('Source (required)').fill('translated statement');
    await page.getByRole('button', { name: 'Upload and extract' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 20_000 }).toBe('Meeting in Antwerp');
    const warned = page.getByRole('status').filter({ hasText: 'Not everything in this report was read' });
    await expect.poll(() => warned.count()).toBe(1);
    expect(await warned.getByRole('listitem').allTextContents()).toEqual(['Text is mostly in Arabic script: names are read from fields such as الاسم: only, not from its sentences.']);
    // the name field is read all the same
    await expect.poll(() => page.getByRole('listitem', { name: 'Person خالد عبد الرحمن' }).count()).toBe(1);
    await screenshot(page, '16-report-warnings');

    // the same text sent again with the same terms is not uploaded again: the form says so and links to the report
    const first = new URL(page.url()).hash;
    await page.goto('/#/reports');
    await page.getByLabel('Or paste the text').fill('التقى خالد عبد الرحمن مع يوسف الأمين في أنتويرب.\nالاسم: خالد عبد الرحمن');
    await page.getByLabel('Title').fill('Meeting in Antwerp');
    await page.getByLabel('Collection').fill('antwerp-meeting');
    await page.getByLabel('Source (required)').fill('translated statement');
    await page.getByRole('button', { name: 'Upload and extract' }).click();
    const again = page.getByRole('status').filter({ hasText: 'uploaded before' });
    await expect.poll(() => again.textContent(), { timeout: 20_000 }).toBe('This text was uploaded before into “antwerp-meeting” with the same terms: it was not uploaded again. Open Meeting in Antwerp');
    await again.getByRole('link', { name: 'Open Meeting in Antwerp' }).click();
    await expect.poll(() => new URL(page.url()).hash).toBe(first);

    // a report whose extraction read everything says nothing of the kind
    await page.goto('/#/reports');
    await page.getByLabel('Or paste the text').fill(PHONE_REPORT);
    await page.getByLabel('Title').fill('Courier calls again');
    await page.getByLabel('Collection').fill('courier-calls');
    await page.getByLabel('Source (required)').fill('interception summary');
    await page.getByRole('button', { name: 'Upload and extract' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 20_000 }).toBe('Courier calls again');
    await expect.poll(() => page.getByRole('listitem', { name: 'Phone +32471650392' }).count()).toBe(1);
    expect(await page.getByText('Not everything in this report was read').count()).toBe(0);
  });

  it('shows the person holding a phone number of the report beside it, how it matched, and names them its holder on confirming', { timeout: 120_000 }, async () => {
    const purpose = { purpose: 'Counter-terrorism investigation', caseRef: 'PV/2025/0519' };
    const provenance = { source: 'interception summary', reliability: 'B', credibility: 2, marking: { tlp: 'AMBER', classification: 'RESTRICTED', releasability: ['be'] }, handling: 'H1' };
    const uploaded = await tests.api.json<{ report: { id: string } }>('/reports', { token: await tests.api.tokenOf('fedAnalyst'), body: { text: PHONE_REPORT, title: 'Courier calls, Namur', collection: 'courier-inquiry', provenance, ...purpose } });
    const page = await tests.signedInPage('fedAnalyst');
    await openFromMenu(page, 'Reports');
    await givePurpose(page, purpose.purpose, purpose.caseRef);
    await page.goto(`/#/reports/${encodeURIComponent(uploaded.report.id)}`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Courier calls, Namur');

    const phone = page.getByRole('listitem', { name: 'Phone +32471650392' });
    const proposal = phone.locator('label.proposal', { hasText: 'Held by' });
    await expect.poll(() => proposal.count()).toBe(1);
    // the property's label comes with the schemata, which may arrive after the proposals
    await expect.poll(() => proposal.textContent()).toMatch(/Held by Maiken Storhaug \(Person, Police Zone North\)\s*same\s*Phone: \+32471650392/);
    await screenshot(page, '14-report-identifier-proposal');

    await proposal.locator('input[type=radio]').check();
    await phone.getByRole('button', { name: 'Confirm' }).click();
    await expect.poll(() => phone.locator('.badge.review-confirmed').count()).toBe(1);
    expect(await phone.textContent()).toMatch(/held by zone-north:z-storhaug/);
  });

  it('suggests the candidate the matcher calls a match, tells candidates of one name apart, says it is saving, and records the journey of the confirmed traveller for the timeline', { timeout: 120_000 }, async () => {
    const fedToken = await tests.api.tokenOf('fedAnalyst');
    const person = (id: string, properties: Record<string, string[]>) => tests.api.json('/records', { token: fedToken, body: { id, schema: 'Person', provenance: testProvenance('fedpol'), properties } });
    await person('p-kjeldgaard', { name: ['Rasmus Kjeldgaard'], birthDate: ['1983-06-14'], nationality: ['dk'] });
    await person('p-vollmerhaus-1', { name: ['Sander Vollmerhaus'], birthDate: ['1979-02-11'], nationality: ['nl'] });
    await person('p-vollmerhaus-2', { name: ['Sander Vollmerhaus'], birthDate: ['1991-07-30'], nationality: ['de'] });
    await tests.server.projections.follower.catchUp();
    const purpose = { purpose: 'Counter-terrorism investigation', caseRef: 'PV/2025/0702' };
    const provenance = { source: 'observation note', reliability: 'B', credibility: 2, marking: { tlp: 'AMBER', classification: 'RESTRICTED', releasability: ['be'] }, handling: 'H1' };
    const uploaded = await tests.api.json<{ report: { id: string } }>('/reports', { token: fedToken, body: { text: TRAVEL_REPORT, title: 'Observation note: Rasmus Kjeldgaard', collection: 'airport-watch', provenance, ...purpose } });
    const page = await tests.signedInPage('fedAnalyst');
    await openFromMenu(page, 'Reports');
    await givePurpose(page, purpose.purpose, purpose.caseRef);
    await page.goto(`/#/reports/${encodeURIComponent(uploaded.report.id)}`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Observation note: Rasmus Kjeldgaard');

    // the record the matcher calls a match is chosen, and said to be the suggestion; nothing is written yet
    const rasmus = page.getByRole('listitem', { name: 'Person Rasmus Kjeldgaard' });
    const same = rasmus.locator('label.proposal', { hasText: 'fedpol:p-kjeldgaard' });
    await expect.poll(() => same.count()).toBe(1);
    expect(await same.locator('input[type=radio]').isChecked()).toBe(true);
    expect(await same.textContent()).toContain('suggested');
    expect(await rasmus.locator('label.proposal', { hasText: 'A new person' }).locator('input').isChecked()).toBe(false);
    // where no candidate reaches the matcher's threshold, a new person stays chosen
    const headers = { 'x-mosaic-purpose': encodeURIComponent(purpose.purpose), 'x-mosaic-case': encodeURIComponent(purpose.caseRef) };
    const read = await tests.api.json<{ report: { entities: { name: string; proposals: { record: string; match: boolean }[] }[] } }>(`/reports/${encodeURIComponent(uploaded.report.id)}`, { token: fedToken, headers });
    const sander = read.report.entities.find((e) => e.name === 'Sander Vollmerhaus')!;
    const vollmerhaus = page.getByRole('listitem', { name: 'Person Sander Vollmerhaus' });
    const suggested = sander.proposals.find((p) => p.match)?.record;
    const chosen = suggested ? vollmerhaus.locator('label.proposal', { hasText: suggested }) : vollmerhaus.locator('label.proposal', { hasText: 'A new person' });
    expect(await chosen.locator('input').isChecked()).toBe(true);

    // two records of one name, told apart by birth, nationality and id, each id opening its profile in a new tab
    const candidates = vollmerhaus.locator('label.proposal', { hasText: 'Same as' });
    await expect.poll(() => candidates.count()).toBe(2);
    const told = await candidates.allTextContents();
    expect(told.some((t) => /born 1979-02-11 · nationality Netherlands · fedpol:p-vollmerhaus-1/.test(t))).toBe(true);
    expect(told.some((t) => /born 1991-07-30 · nationality Germany · fedpol:p-vollmerhaus-2/.test(t))).toBe(true);
    const link = candidates.getByRole('link', { name: /fedpol:p-vollmerhaus-1/ });
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.getAttribute('href')).toBe('#/profile/record/fedpol%3Ap-vollmerhaus-1');

    // the journey waits for its traveller, and says so
    const journey = page.locator('.report-relations li', { hasText: 'travelled to' });
    await expect.poll(() => journey.textContent()).toContain('Confirm or reject Rasmus Kjeldgaard above to record it.');

    // the decision is said to be saving while it is
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => { release = resolve; });
    await page.route('**/confirm', async (route) => {
      await held;
      await route.continue();
    });
    await rasmus.getByRole('button', { name: 'Confirm' }).click();
    await expect.poll(() => rasmus.getByRole('status').textContent()).toBe('Saving the decision on Rasmus Kjeldgaard…');
    release();
    await expect.poll(() => rasmus.locator('.badge.review-confirmed').count(), { timeout: 20_000 }).toBe(1);
    expect(await rasmus.getByRole('status').textContent()).toBe('');
    await page.unroute('**/confirm');

    // the journey is recorded, from and to together, with a link to its record
    await expect.poll(() => page.locator('.report-relations li', { hasText: 'travelled' }).locator('.badge.review-confirmed').count()).toBe(2);
    expect(await journey.getByRole('link', { name: 'record' }).count()).toBe(1);
    await screenshot(page, '17-report-travel');

    // and read on the traveller's timeline, the countries in words
    await rasmus.getByRole('link', { name: 'profile' }).click();
    await expect.poll(() => page.locator('.timeline li', { hasText: 'Travel' }).textContent(), { timeout: 20_000 }).toMatch(/Travel: Belgium → T(urkey|ürkiye), by air/);
    expect(await page.locator('.timeline li', { hasText: 'Travel' }).textContent()).toContain('2025-03-12');
  });

  it('tells the reviewer which agency holds something on a person of the report it shares only as a pointer, and nothing of its record', { timeout: 120_000 }, async () => {
    // State Security lets the federal police know whom to call, and no more, about its suspects.
    const change = { 'x-mosaic-purpose': 'Deconfliction with State Security', 'x-mosaic-case': 'CHG-2025-131' };
    const conditions = { tlp: ['CLEAR', 'GREEN', 'AMBER'], maxClassification: 'CONFIDENTIAL', handling: ['H0', 'H1', 'H2', 'H3'], categories: ['suspect'] };
    await tests.api.json('/admin/agreements/intel-fedpol-pointer', { token: await tests.api.tokenOf('sysadmin'), method: 'PUT', headers: change, body: { owner: 'intel', recipient: 'fedpol', conditions, effect: 'pointer', notifyOwnerOnConsult: false, notifyOwnerOnEncounter: false } });
    const purpose = { purpose: 'Counter-terrorism investigation', caseRef: 'PV/2025/0533' };
    const provenance = { source: 'neighbourhood enquiry', reliability: 'C', credibility: 3, marking: { tlp: 'AMBER', classification: 'RESTRICTED', releasability: ['be'] }, handling: 'H1' };
    const uploaded = await tests.api.json<{ report: { id: string }; pointers: { agency: string }[] }>('/reports', { token: await tests.api.tokenOf('fedAnalyst'), body: { text: POINTER_REPORT, title: 'Parcel handover, Charleroi', collection: 'parcel-inquiry', provenance, ...purpose } });
    // the intelligence service's record of her (fictional-world.ts) is what the API points to
    expect(uploaded.pointers).toEqual([{ agency: 'intel', agencyName: 'State Security', message: 'holds information', desk: { id: 'intel-liaison', name: 'Liaison desk', contact: '+32 2 000 00 03' } }]);

    const page = await tests.signedInPage('fedAnalyst');
    await openFromMenu(page, 'Reports');
    await givePurpose(page, purpose.purpose, purpose.caseRef);
    await page.goto(`/#/reports/${encodeURIComponent(uploaded.report.id)}`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Parcel handover, Charleroi');

    const held = page.getByRole('region', { name: 'Pointers to information held elsewhere' });
    await expect.poll(() => held.locator('.pointer-card').count()).toBe(1);
    expect(await held.locator('.pointer-card').textContent()).toMatch(/State Security holds information.*Liaison desk.*\+32 2 000 00 03/);
    await screenshot(page, '15-report-pointer');
    // nothing of the record itself: not its id, source, date of birth, nor a proposal to link to it
    const shown = await page.locator('main').textContent();
    for (const own of [tests.world.intelSubject, 'humint', '1989-02-01']) expect(shown).not.toContain(own);
    const odile = page.getByRole('listitem', { name: 'Person Odile Renard-Moreau' });
    await expect.poll(() => odile.locator('label.proposal').count()).toBeGreaterThanOrEqual(1);
    expect(await odile.locator('label.proposal', { hasText: 'intel' }).count()).toBe(0);
  });
});
