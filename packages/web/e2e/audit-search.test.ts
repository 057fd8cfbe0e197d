/**
 * The audit screen in a real browser: the auditor finds entries by the agency that owns the
 * records and by the recipient agency, exports the entries shown as JSON Lines, made by the server
 * and logged there as an `export` entry, pages to older entries with the cursor the server answers (the note shown by a
 * server that answers none is unit-tested, audit-more.test.ts), verifies the chain against a
 * witness, and shows the owner's auditor the records behind a pointer another agency's user was
 * shown (`pointed`), which that agency's auditor is not given; its action filter offers the
 * actions the server's GET /audit takes (the web's list kept equal to the log's), exports among them.
 * After a verification it shows the witness to keep, which the witness field takes back; and an
 * analyst's opening of a profile is one line saying what it read (the profile, its merges, its
 * decisions, its timeline…), opening to its entries.
 */
import { AgencyId, RecordId, UserId } from '@mosaic/model';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { TEST_PASSWORD, testProvenance } from '@mosaic/service/testing';
import { givePurpose, setUpBrowserTests } from './harness.ts';

/** More entries than the screen opens on (50). */
const FILLER = 60;
const fed = { user: UserId('fedAnalyst'), agency: AgencyId('fedpol') };

const tests = setUpBrowserTests({
  seed: async ({ server }) => {
    const { audit } = server.test.mosaic;
    await audit.appendAll(Array.from({ length: FILLER }, (_, n) => ({ actor: fed, action: 'consultation' as const, purpose: 'Filler', caseRef: 'F-1', query: { q: `filler ${n}` }, records: [RecordId(`fedpol:f-${n}`)], outcome: 'ok' as const })));
    await audit.append({ actor: fed, action: 'consultation', purpose: 'Investigation', caseRef: 'C-7', query: { q: 'owner probe' }, records: [RecordId('intel:i-owned')], outcome: 'ok' });
    await audit.append({ actor: fed, action: 'consultation', purpose: 'Investigation', caseRef: 'C-8', query: { q: 'recipient probe' }, records: [RecordId('fedpol:f-shared')], recipients: [AgencyId('zone-north')], outcome: 'ok' });
  },
});

describe.skipIf(!tests.haveChromium)('the audit screen', () => {
  it('finds entries by owner and by recipient, and exports those shown as JSON Lines, the export logged', async () => {
    const page = await tests.signedInPage('auditor');
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
    page.on('request', (request) => { if (request.url().includes('/api/v1/audit')) reads.push(`${request.method()} ${new URL(request.url()).pathname}`); });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export these entries (JSON Lines)' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^audit-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z\.jsonl$/);
    const lines = (await readFile(await download.path(), 'utf8')).split('\n');
    expect(lines).toHaveLength(2);
    const exported = JSON.parse(lines[0] ?? '') as { records: string[]; recipients: string[]; query: unknown; hash: string };
    expect(exported).toMatchObject({ records: ['fedpol:f-shared'], recipients: ['zone-north'], query: { q: 'recipient probe' } });
    expect(exported.hash).toMatch(/^[0-9a-f]{64}$/);
    // the server made the file, and the log holds the export: the auditor's, naming the entry exported
    expect(reads).toEqual(['POST /api/v1/audit/export']);
    const [last] = await tests.server.test.mosaic.store.readAudit({ fromSeq: 0, limit: 100_000 }).then((all) => all.slice(-1).map((e) => JSON.parse(e.body) as { action: string; actor: { user: string }; purpose: string; caseRef: string; reason: string; query: { auditExport: { recipient: string; seqs: number[] } } }));
    expect(last).toMatchObject({ action: 'export', actor: { user: 'fedpol.auditor' }, purpose: 'Lawfulness check', caseRef: 'DPO/2026/0001', reason: 'audit export', query: { auditExport: { recipient: 'zone-north', seqs: [(exported as unknown as { seq: number }).seq] } } });
  });

  it('pages to the older entries with the cursor the server answers, until there are none', async () => {
    const page = await tests.signedInPage('auditor');
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
    const page = await tests.signedInPage('auditor');
    await page.getByLabel('Witness (optional)').fill(`1:${'0'.repeat(64)}`);
    await page.getByRole('button', { name: 'Verify the chain' }).click();
    await expect.poll(() => page.getByTestId('verification').textContent()).toMatch(/^Chain BROKEN at entry 1:/);
    await page.getByLabel('Witness (optional)').fill('');
    await page.getByRole('button', { name: 'Verify the chain' }).click();
    await expect.poll(() => page.getByTestId('verification').textContent()).toMatch(/^Chain intact: \d+ entries verified/);
  });

  it('shows the witness to keep after a verification, the last entry verified, which the witness field takes back', async () => {
    const page = await tests.signedInPage('auditor');
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.getByRole('button', { name: 'Verify the chain' }).click();
    await expect.poll(() => page.getByTestId('verification').textContent()).toMatch(/^Chain intact/);
    const witness = (await page.getByTestId('witness').textContent()) ?? '';
    const [seq, hash] = witness.split(':');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    // the entry it names is the log's, as stored: its number and its hash
    const [stored] = await tests.server.test.mosaic.store.readAudit({ fromSeq: Number(seq), limit: 1 });
    expect(JSON.parse(stored?.body ?? '{}')).toMatchObject({ seq: Number(seq), hash });
    expect(await page.getByTestId('witness-to-keep').textContent()).toContain(`Witness to keep (entry ${seq}):`);
    expect(await page.getByTestId('witness-to-keep').textContent()).toContain('Keep it outside Mosaic; verify again with it');
    await page.getByRole('button', { name: 'Copy the witness' }).click();
    await expect.poll(() => page.getByTestId('witness-to-keep').getByRole('status').textContent()).toBe('Copied.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(witness);

    await page.getByLabel('Witness (optional)').fill(witness);
    await page.getByRole('button', { name: 'Verify the chain' }).click();
    await expect.poll(() => page.getByTestId('verification').textContent()).toMatch(new RegExp(`^Chain intact: \\d+ entries verified, checkpoints signed; it still reaches the witnessed entry ${seq}\\.$`));
    // a newer witness to keep, past the verification the first one logged
    expect(Number((await page.getByTestId('witness').textContent())?.split(':')[0])).toBeGreaterThan(Number(seq));
  });

  it('shows one opening of a profile as one line saying what it read, which opens to its entries, each said in words', async () => {
    const fedToken = await tests.api.tokenOf('fedAnalyst');
    await tests.api.json('/records', { token: fedToken, body: { id: 'p-auditee', schema: 'Person', properties: { name: ['Ilse Vandersteen-Okafor'], birthDate: ['1983-02-17'] }, provenance: testProvenance('fedpol') } });
    const headers = { 'x-mosaic-purpose': 'Profile audit', 'x-mosaic-case': 'PA-1' };
    // resolution has made the record an entity
    await expect.poll(() => tests.api.json<{ entity: string }>('/records/fedpol%3Ap-auditee/entity', { token: fedToken, headers }).then((r) => r.entity, () => ''), { timeout: 15_000 }).not.toBe('');
    const { entity } = await tests.api.json<{ entity: string }>('/records/fedpol%3Ap-auditee/entity', { token: fedToken, headers });

    const analyst = await tests.signedInPage('fedAnalyst');
    await analyst.goto(`/#/profile/entity/${entity}`);
    await givePurpose(analyst, 'Profile audit', 'PA-2');
    const auditor = await tests.api.tokenOf('auditor');
    const reads = async (): Promise<string[]> => (await tests.api.json<{ entries: { query: unknown }[] }>('/audit?caseRef=PA-2&limit=100', { token: auditor, headers: { 'x-mosaic-purpose': 'Lawfulness check', 'x-mosaic-case': 'DPO/2026/0009' } })).entries.map((e) => JSON.stringify(e.query));
    // the profile has made its reads: the entity, its merges and its judgements, its timeline, its map and its related entities
    await expect.poll(async () => { const made = await reads(); return ['"entity"', '"view":"merges"', '"view":"judgements"', '"timeline"', '"places"', '"expand"'].every((key) => made.some((q) => q.includes(key))); }, { timeout: 15_000 }).toBe(true);
    const logged = (await reads()).length;

    const page = await tests.signedInPage('auditor');
    await givePurpose(page, 'Lawfulness check', 'DPO/2026/0005');
    await page.getByLabel('Case reference').fill('PA-2');
    await page.getByRole('button', { name: 'Search log' }).click();
    await expect.poll(() => page.locator('.summary').textContent()).toBe(`${logged} entries, newest first`);
    const group = page.getByTestId('audit-group');
    expect(await group.count()).toBe(1);
    const words = (await group.getByTestId('audit-group-words').textContent()) ?? '';
    expect(words).toMatch(new RegExp(`^Opened the profile of ${entity} — ${logged} reads: `));
    for (const part of ['profile', 'merges', 'decisions', 'timeline', 'map', 'related (1 hop)']) expect(words).toContain(part);
    // the profile's own read is one: its merges and judgements panels are told apart from it
    expect(words).not.toMatch(/profile ×/);
    expect(await page.locator('table.audit tbody tr').count()).toBe(1);

    // it opens to its entries, each a line of its own with its number and what it read
    await group.getByRole('button', { name: new RegExp(`^Show the ${logged} entries`) }).click();
    const parts = page.locator('table.audit tbody tr.audit-part');
    await expect.poll(() => parts.count()).toBe(logged);
    const said = await parts.locator('td:nth-child(5)').allTextContents();
    expect(said).toContain(`Read Timeline of ${entity}`);
    expect(said).toContain(`Read Map of ${entity}`);
    expect(said).toContain(`Read Profile of ${entity}`);
    expect(said).toContain(`Read Merges of ${entity}`);
    expect(said).toContain(`Read Decisions on ${entity}`);
    await parts.first().getByRole('button', { name: /^Details of entry \d+$/ }).click();
    await expect.poll(() => page.locator('tr.detail pre').count()).toBe(1);
  });

  it('says a witness it cannot read by its label beside it, marks it and takes the focus to it, without the API\'s field name or notation', async () => {
    const page = await tests.signedInPage('auditor');
    const witness = page.getByLabel('Witness (optional)');
    await witness.fill('1234');
    await page.getByRole('button', { name: 'Verify the chain' }).click();
    await expect.poll(() => witness.getAttribute('aria-invalid')).toBe('true');
    const described = await witness.getAttribute('aria-describedby');
    expect(described).toBeTruthy();
    const message = page.locator(`[id="${described ?? ''}"]`);
    expect(await message.textContent()).toBe('Witness: not a witness — write it as a verification showed it: the entry\'s number, a colon and the entry\'s hash in 64 hexadecimal digits (1234:9f86d081…)');
    expect(await message.getAttribute('role')).toBe('alert');
    // on the form of the field, under it
    expect(await page.getByRole('form', { name: 'Verify the chain' }).locator(`[id="${described ?? ''}"]`).count()).toBe(1);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('audit-witness');
    expect(await page.locator('.screen').innerText()).not.toMatch(/expect:|SEQ:HASH|MOSAIC_/);
    expect(await page.getByRole('alert').count()).toBe(1);
    expect(await page.getByTestId('verification').count()).toBe(0);
    // a witness it reads: no longer marked
    await witness.fill('');
    await page.getByRole('button', { name: 'Verify the chain' }).click();
    await expect.poll(() => page.getByTestId('verification').textContent()).toMatch(/^Chain intact/);
    expect(await witness.getAttribute('aria-invalid')).toBeNull();
    expect(await page.getByRole('alert').count()).toBe(0);
  });

  it('tells an agency\'s auditor, above the entries, what of the log it is not shown', async () => {
    const page = await tests.signedInPage('auditor');
    await givePurpose(page, 'Lawfulness check', 'DPO/2026/0004');
    await expect.poll(() => page.locator('table.audit tbody tr').count()).toBeGreaterThan(0);
    const note = page.getByTestId('audit-scope');
    await expect.poll(() => note.count()).toBe(1);
    expect(await note.textContent()).toMatch(/^Not shown to you: entries by other agencies' users that do not concern /);
    expect(await note.textContent()).toContain('the records behind pointers to other agencies');
    // above the entries it speaks of
    expect(await page.evaluate(() => {
      const said = document.querySelector('[data-testid="audit-scope"]');
      const table = document.querySelector('table.audit');
      return said !== null && table !== null && Boolean(said.compareDocumentPosition(table) & Node.DOCUMENT_POSITION_FOLLOWING);
    })).toBe(true);
  });

  it('shows the owner\'s auditor the records behind a pointer another agency\'s search met, and exports them; the searching agency\'s auditor gets neither', async () => {
    const intel = await tests.api.tokenOf('intelAnalyst');
    await tests.api.json('/records', { token: intel, body: { id: 'i-behind', schema: 'Person', properties: { name: ['Odile Renard-Moreau'] }, provenance: testProvenance('intel') } });
    // intelligence gives the zone pointers only: its officer's search is shown the pointer, not the record
    const searched = await tests.api.json<{ results: unknown[]; pointers: { agency: string }[] }>('/search', { token: await tests.api.tokenOf('zoneOfficer'), body: { q: 'Renard-Moreau', purpose: 'Patrol', caseRef: 'ZN-3' } });
    expect(searched).toMatchObject({ results: [], pointers: [{ agency: 'intel' }] });
    // each agency's own auditor, made by the system administrator
    const sysadmin = await tests.api.tokenOf('sysadmin');
    for (const [name, agency, desk] of [['intel.audit', 'intel', 'intel-liaison'], ['zone-north.audit', 'zone-north', 'zone-north-desk']] as const) {
      await tests.api.json('/admin/users', {
        token: sysadmin, headers: { 'x-mosaic-purpose': 'audit staff', 'x-mosaic-case': 'CHG-9' },
        body: { name, agency, desk, roles: ['auditor'], clearance: 'RESTRICTED', password: TEST_PASSWORD },
      });
    }

    const entriesOf = async (auditor: string) => {
      const page = await tests.signedInPage(auditor);
      await givePurpose(page, 'Lawfulness check', 'DPO/2026/0002');
      await page.getByLabel('User').fill('zone-north.zoneOfficer');
      await page.getByLabel('Action').selectOption('consultation');
      await page.getByRole('button', { name: 'Search log' }).click();
      const rows = page.locator('table.audit tbody tr');
      await expect.poll(() => page.locator('.summary').textContent()).toBe('1 entry, newest first');
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export these entries (JSON Lines)' }).click()]);
      const exported = JSON.parse((await readFile(await download.path(), 'utf8')).split('\n')[0] ?? '') as Record<string, unknown>;
      return { page, rows, exported };
    };

    const owner = await entriesOf('intel.audit');
    await expect.poll(() => owner.page.locator('table.audit thead th').allTextContents()).toContain('Behind pointers');
    expect(await owner.rows.locator('td').nth(8).textContent()).toBe('intel:i-behind');
    expect(owner.exported).toMatchObject({ pointers: ['intel'], pointed: [{ agency: 'intel', records: ['intel:i-behind'] }] });

    const searcher = await entriesOf('zone-north.audit');
    expect(await searcher.rows.textContent()).toContain('pointers intel');
    expect(await searcher.page.locator('table.audit').textContent()).not.toContain('i-behind');
    expect(searcher.exported).toMatchObject({ query: { q: 'Renard-Moreau' }, pointers: ['intel'] });
    expect(searcher.exported).not.toHaveProperty('pointed');
  });

  it('offers every action GET /audit filters by, the export among them, and finds exports by it', async () => {
    await tests.server.test.mosaic.audit.append({ actor: fed, action: 'export', purpose: 'Investigation', caseRef: 'C-9', query: { graph: { export: ['fedpol:f-1'], format: 'graphml' } }, records: [RecordId('fedpol:f-1')], outcome: 'ok' });
    const openapi = await tests.api.json<{ paths: Record<string, { get?: { parameters?: { name: string; schema?: { enum?: string[] } }[] } }> }>('/openapi.json');
    const actions = openapi.paths['/api/v1/audit']?.get?.parameters?.find((p) => p.name === 'action')?.schema?.enum;
    expect(actions).toContain('export');

    const page = await tests.signedInPage('auditor');
    await givePurpose(page, 'Lawfulness check', 'DPO/2026/0003');
    // by their codes, said in words (audit-code-words.ts)
    expect(await page.getByLabel('Action').locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value))).toEqual(['', ...actions ?? []]);
    await page.getByLabel('Action').selectOption('export');
    await page.getByLabel('Case reference').fill('C-9');
    await page.getByRole('button', { name: 'Search log' }).click();
    await expect.poll(() => page.locator('.summary').textContent()).toBe('1 entry, newest first');
    expect(await page.locator('table.audit tbody tr').textContent()).toContain('fedpol:f-1');
    // and the auditor's own exports of the log (the first test's), by theirs
    await page.getByLabel('Case reference').fill('DPO/2026/0001');
    await page.getByRole('button', { name: 'Search log' }).click();
    // the export of case C-9 found before, one row of an export too, stays shown until the search's answer replaces it
    await expect.poll(() => page.locator('table.audit tbody tr').allTextContents()).toEqual([expect.stringMatching(/export.*DPO\/2026\/0001/i)]);
  });
});
