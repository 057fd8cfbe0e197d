/**
 * `mosaic users add` on a real store goes through the admin API's checks: an unknown agency, or
 * a desk of another agency, is refused naming the field; a valid account is added, logged with
 * the reason and change reference the operator gave (required).
 */
import type { AuditEntry } from '@mosaic/audit';
import { CLASSIFICATION } from '@mosaic/model';
import { ROLES } from '@mosaic/policy';
import { openTestMosaic } from '@mosaic/service/testing';
import { createStoreAuditStorage, openStore } from '@mosaic/store';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capturingStderr } from '../run-for-test.ts';
import { run } from './users.ts';

let dir: string;
let passwordFile: string;
beforeAll(async () => {
  const test = await openTestMosaic();
  dir = test.dir;
  await test.mosaic.close();
  passwordFile = join(dir, 'password.txt');
  writeFileSync(passwordFile, 'a long enough passphrase\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const WHY = ['--purpose', 'new analyst for the drugs unit', '--case', 'HR-2026-17'];
const add = (name: string, agency: string, desk: string, why: readonly string[] = WHY): Promise<number> =>
  run(['add', name, '--agency', agency, '--desk', desk, '--role', 'analyst', '--password-file', passwordFile, '--data', dir, ...why]);

async function lastEntry(): Promise<AuditEntry | undefined> {
  const store = await openStore({ dataDir: dir });
  try {
    let last: AuditEntry | undefined;
    for await (const entry of createStoreAuditStorage(store).entries()) last = entry;
    return last;
  } finally {
    await store.close();
  }
}

describe('mosaic users add', () => {
  it('refuses an agency that does not exist, and a desk that is not the agency\'s, as the admin API does', async () => {
    await expect(add('nobody', 'nope', 'nope:x')).rejects.toThrow('agency: no agency nope');
    await expect(add('liaison', 'zone-north', 'intel-liaison')).rejects.toThrow('desk: no desk intel-liaison in agency zone-north');
    const store = await openStore({ dataDir: dir });
    try {
      expect((await store.listUsers()).map((u) => u.name)).not.toContain('nobody');
      expect((await store.listUsers()).map((u) => u.name)).not.toContain('liaison');
    } finally {
      await store.close();
    }
  });

  it('adds an account in an existing agency and desk, logged with the purpose and case given', async () => {
    const { value: code } = await capturingStderr(() => add('analyst2', 'zone-north', 'zone-north-desk'));
    expect(code).toBe(0);
    const store = await openStore({ dataDir: dir });
    try {
      expect((await store.findUserByName('zone-north.analyst2'))?.desk).toBe('zone-north-desk');
    } finally {
      await store.close();
    }
    expect(await lastEntry()).toMatchObject({ actor: { user: 'system:cli' }, action: 'administration', purpose: 'new analyst for the drugs unit', caseRef: 'HR-2026-17' });
  });

  it('gives the account the id the admin API gives it, <agency>.<name>, which it signs in with: a name that starts with <agency>. already not prefixed twice', async () => {
    // zone-north.analyst7 was stored as zone-north.zone-north.analyst7
    expect((await capturingStderr(() => add('zone-north.analyst7', 'zone-north', 'zone-north-desk'))).value).toBe(0);
    expect((await capturingStderr(() => add('analyst8', 'zone-north', 'zone-north-desk'))).value).toBe(0);
    await expect(add('fedpol.analyst9', 'zone-north', 'zone-north-desk')).rejects.toThrow('name: starts with fedpol., another agency\'s');
    const store = await openStore({ dataDir: dir });
    try {
      expect((await store.findUserByName('zone-north.analyst7'))?.id).toBe('zone-north.analyst7');
      // analyst8 signed in as analyst8, not as its id
      expect((await store.findUserByName('zone-north.analyst8'))?.id).toBe('zone-north.analyst8');
      expect(await store.findUserByName('analyst8')).toBeUndefined();
      expect(await store.findUserByName('fedpol.analyst9')).toBeUndefined();
    } finally {
      await store.close();
    }
  });

  it('refuses to add an account without --purpose and --case, adding none', async () => {
    const before = await lastEntry();
    for (const why of [[], ['--purpose', 'new analyst'], ['--case', 'HR-1']]) {
      await expect(add('analyst3', 'zone-north', 'zone-north-desk', why)).rejects.toThrow('users add: --purpose P and --case C are required');
    }
    const store = await openStore({ dataDir: dir });
    try {
      expect(await store.findUserByName('zone-north.analyst3')).toBeUndefined();
    } finally {
      await store.close();
    }
    expect(await lastEntry()).toEqual(before);
  });

  it('adds a system administrator cleared TOP_SECRET, as at bootstrap: the operator grants any clearance, where a signed-in administrator grants none above their own', async () => {
    expect(await run(['add', 'root2', '--agency', 'zone-north', '--desk', 'zone-north-desk', '--role', 'sysadmin', '--clearance', 'top_secret', '--password-file', passwordFile, '--data', dir, ...WHY])).toBe(0);
    const store = await openStore({ dataDir: dir });
    try {
      expect(await store.findUserByName('zone-north.root2')).toMatchObject({ roles: ['sysadmin'], clearance: 'TOP_SECRET' });
    } finally {
      await store.close();
    }
  });

  it('names the option that is wrong or missing, adding none', async () => {
    const options: Record<string, string[]> = { '--agency': ['zone-north'], '--desk': ['zone-north-desk'], '--role': ['analyst'], '--password-file': [passwordFile] };
    const given = (change: Record<string, string[] | undefined>): string[] =>
      Object.entries({ ...options, ...change }).flatMap(([option, values]) => (values ?? []).flatMap((value) => [option, value]));
    const addWith = (change: Record<string, string[] | undefined>) => run(['add', 'analyst4', ...given(change), '--data', dir, ...WHY]);
    await expect(addWith({ '--role': ['analyst', 'wizard'] })).rejects.toThrow(`users add: --role "wizard" is not a role (${ROLES.join(', ')})`);
    await expect(addWith({ '--clearance': ['cosmic'] })).rejects.toThrow(`users add: --clearance "cosmic" is not one of ${CLASSIFICATION.join(', ')}`);
    await expect(addWith({ '--agency': undefined })).rejects.toThrow('users add: --agency A is required');
    await expect(addWith({ '--desk': undefined, '--role': undefined })).rejects.toThrow('users add: --desk D and --role R are required');
    await expect(addWith({ '--password-file': undefined })).rejects.toThrow('users add: --password-file F is required');
    expect((await addWith({ '--clearance': ['confidential'] }))).toBe(0);
    const store = await openStore({ dataDir: dir });
    try {
      expect((await store.findUserByName('zone-north.analyst4'))?.clearance).toBe('CONFIDENTIAL');
    } finally {
      await store.close();
    }
  });

  it('names --password-file when it cannot be read', async () => {
    await expect(run(['add', 'x2', '--agency', 'fedpol', '--desk', 'fedpol-ops', '--role', 'analyst', '--password-file', join(dir, 'missing.txt'), '--data', dir, ...WHY]))
      .rejects.toThrow(/users add: --password-file .*missing\.txt: no such file/);
  });
});
