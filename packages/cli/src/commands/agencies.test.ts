/**
 * Setting up a deployment without the demo, from the command line alone: on an empty data folder
 * the first agency and its desk (`agencies add --create-store`), then its first system
 * administrator (`users add --role sysadmin`), who can then sign in and do the rest in
 * Administration. `agencies add` goes through the admin API's createAgency, as the operator:
 * the same checks — an ISO 3166 country code above all — and the same audit entry.
 */
import type { AuditEntry } from '@mosaic/audit';
import { createAgency, openMosaic, parseConfig, signInAccount } from '@mosaic/service';
import { createStoreAuditStorage, openStore } from '@mosaic/store';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { capturingStderr } from '../run-for-test.ts';
import { run as agencies } from './agencies.ts';
import { run as users } from './users.ts';

const root = mkdtempSync(join(tmpdir(), 'mosaic-cli-agencies-'));
const dir = join(root, 'data');
const passwordFile = join(root, 'password.txt');
writeFileSync(passwordFile, 'a long enough passphrase\n');
afterAll(() => rmSync(root, { recursive: true, force: true }));

const WHY = ['--purpose', 'setting up the deployment', '--case', 'CHG-2026-1'];
const FEDPOL = ['fedpol', '--name', 'Federal Police', '--country', 'BE', '--desk', 'fedpol:duty', '--desk-name', 'Duty desk', '--contact', '+32 2 000 00 00'];
const addAgency = (argv: readonly string[], why: readonly string[] = WHY) => agencies(['add', ...argv, '--data', dir, ...why]);

/** What a command printed on stdout, and its exit code. */
async function printed(command: () => Promise<number>): Promise<{ code: number; lines: unknown[] }> {
  const lines: unknown[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((line: unknown) => void lines.push(JSON.parse(String(line))));
  try {
    return { code: await command(), lines };
  } finally {
    log.mockRestore();
  }
}

async function auditEntries(): Promise<AuditEntry[]> {
  const store = await openStore({ dataDir: dir });
  try {
    const entries: AuditEntry[] = [];
    for await (const entry of createStoreAuditStorage(store).entries()) entries.push(entry);
    return entries;
  } finally {
    await store.close();
  }
}

describe('setting up without the demo', () => {
  it('refuses to add an agency where there is no store unless --create-store says one is meant, creating nothing', async () => {
    await expect(addAgency(FEDPOL)).rejects.toMatchObject({ code: 'MOSAIC_NOT_FOUND', message: `agencies add: no store in ${dir} (--data DIR or MOSAIC_DATA_DIR names the store)` });
    await expect(agencies(['list', '--data', dir])).rejects.toThrow(`agencies list: no store in ${dir}`);
    expect(existsSync(dir)).toBe(false);
  });

  it('refuses bad input with --create-store before creating the store, naming the option: no empty store is left behind', async () => {
    const refusals: [readonly string[], string][] = [
      [FEDPOL.map((v) => (v === 'BE' ? 'ZZ' : v)), 'agencies add: --country: "ZZ" is not an ISO 3166-1 alpha-2 country code (such as BE)'],
      [['Bad Id', ...FEDPOL.slice(1)], 'agencies add: ID: "Bad Id" is not an id'],
      [['police', ...FEDPOL.slice(1)], 'agencies add: --desk: "fedpol:duty" names agency fedpol'],
      [FEDPOL.map((v) => (v === 'Duty desk' ? 'Duty\u001bdesk' : v)), 'agencies add: --desk-name: must not hold control characters'],
    ];
    for (const [argv, message] of refusals) {
      await expect(addAgency([...argv, '--create-store'])).rejects.toMatchObject({ code: 'MOSAIC_INVALID_INPUT', message: expect.stringContaining(message) });
      expect(existsSync(dir), message).toBe(false);
    }
    // later commands still find no store, as before the mistake
    await expect(agencies(['list', '--data', dir])).rejects.toThrow(`agencies list: no store in ${dir}`);
  });

  it('adds the first agency and its desk to a new store with --create-store, logged as the operator\'s administration', async () => {
    const { code, lines } = await printed(() => addAgency([...FEDPOL, '--create-store']));
    expect(code).toBe(0);
    expect(lines).toEqual([{ added: 'fedpol', country: 'BE', desk: 'fedpol:duty' }]);
    expect((await auditEntries()).filter((e) => e.action === 'administration')).toMatchObject([{
      actor: { user: 'system:cli' }, purpose: 'setting up the deployment', caseRef: 'CHG-2026-1', reason: 'agency created',
      query: { createAgency: { id: 'fedpol', name: 'Federal Police', country: 'BE', contactDesk: 'fedpol:duty' } },
    }]);
    expect((await printed(() => agencies(['list', '--data', dir]))).lines).toEqual([{ id: 'fedpol', name: 'Federal Police', country: 'BE', contactDesk: 'fedpol:duty', desks: ['fedpol:duty'] }]);
  });

  it('gives the agency its first system administrator, who can sign in and administer the rest', async () => {
    const { value: code } = await capturingStderr(() => users(['add', 'admin', '--agency', 'fedpol', '--desk', 'fedpol:duty', '--role', 'sysadmin', '--clearance', 'secret', '--password-file', passwordFile, '--data', dir, ...WHY]));
    expect(code).toBe(0);
    const mosaic = await openMosaic(parseConfig({ dataDir: dir }, root));
    try {
      // the user id, `<agency>.<name>`, is the name signed in with
      const signedIn = await signInAccount(mosaic, { name: 'fedpol.admin', password: 'a long enough passphrase' });
      expect(signedIn.user).toMatchObject({ id: 'fedpol.admin', name: 'fedpol.admin', agency: 'fedpol', desk: 'fedpol:duty', roles: ['sysadmin'] });
      const customs = await createAgency(mosaic, { user: signedIn.user, purpose: 'onboarding customs', caseRef: 'CHG-2026-2' }, { id: 'customs', name: 'Customs', country: 'nl', contactDesk: { id: 'customs:duty', name: 'Duty desk', contact: '+31 70 000 00 00' } });
      expect(customs.country).toBe('NL');
    } finally {
      await mosaic.close();
    }
  });

  it('names the option a refusal is about, adding nothing', async () => {
    const zz = FEDPOL.map((v) => (v === 'BE' ? 'ZZ' : v === 'fedpol' ? 'police' : v === 'fedpol:duty' ? 'police:duty' : v));
    await expect(addAgency(zz)).rejects.toThrow('agencies add: --country: "ZZ" is not an ISO 3166-1 alpha-2 country code');
    await expect(addAgency(FEDPOL)).rejects.toMatchObject({ code: 'MOSAIC_CONFLICT', message: 'agencies add: ID: agency fedpol already exists' });
    await expect(addAgency(['police', ...FEDPOL.slice(1)])).rejects.toThrow('agencies add: --desk: "fedpol:duty" names agency fedpol: a desk id agency:slug begins with its own agency, police');
    await expect(addAgency(['police', '--name', 'Police', '--country', 'be'])).rejects.toThrow('agencies add: --desk D and --desk-name DN and --contact C are required');
    await expect(addAgency(['police', ...FEDPOL.slice(1).map((v) => (v === 'fedpol:duty' ? 'police:duty' : v))], [])).rejects.toThrow('agencies add: --purpose P and --case C are required');
    expect((await printed(() => agencies(['list', '--data', dir]))).lines.map((a) => (a as { id: string }).id)).toEqual(['fedpol', 'customs']);
  });
});
