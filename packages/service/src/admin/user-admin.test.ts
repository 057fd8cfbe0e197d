/**
 * User administration on a real store: a password reset ends the user's sign-in throttle.
 */
import type { AuditEntry } from '@mosaic/audit';
import { isAppError, UserId } from '@mosaic/model';
import { createStoreAuditStorage, type User } from '@mosaic/store';
import { afterEach, describe, expect, it } from 'vitest';
import { signInAccount } from '../sign-in.ts';
import { openTestMosaic, TEST_PASSWORD, type TestMosaic } from '../testing.ts';
import { resetPassword } from './user-admin.ts';

let world: TestMosaic | undefined;
afterEach(async () => {
  await world?.cleanup();
  world = undefined;
});

const why = { purpose: 'administration', caseRef: 'CHG-11' };

async function open(): Promise<TestMosaic> {
  world = await openTestMosaic();
  return world;
}

async function as(test: TestMosaic, name: string): Promise<{ readonly user: User; readonly purpose: string; readonly caseRef: string }> {
  return { user: (await test.mosaic.store.findUserByName(name)) as User, ...why };
}

/** The code a promise is refused with, or 'ok'. */
async function outcome(attempt: Promise<unknown>): Promise<string> {
  try {
    await attempt;
    return 'ok';
  } catch (error) {
    if (!isAppError(error)) throw error;
    return error.code;
  }
}

async function administration(test: TestMosaic): Promise<AuditEntry[]> {
  const all: AuditEntry[] = [];
  for await (const entry of createStoreAuditStorage(test.mosaic.store).entries()) if (entry.action === 'administration') all.push(entry);
  return all;
}

describe('resetPassword', () => {
  it('ends the user\'s sign-in throttle: a user locked out signs in with the new password at once, and the entry says so', async () => {
    const test = await open();
    const { mosaic } = test;
    for (let i = 0; i < 5; i += 1) expect(await outcome(signInAccount(mosaic, { name: 'fedAnalyst', password: `wrong ${i}` }))).toBe('MOSAIC_BAD_CREDENTIALS');
    expect(await outcome(signInAccount(mosaic, { name: 'fedAnalyst', password: TEST_PASSWORD }))).toBe('MOSAIC_RATE_LIMITED');

    await resetPassword(mosaic, await as(test, 'fedAdmin'), UserId('fedpol.fedAnalyst'), 'a new long password');
    expect(await outcome(signInAccount(mosaic, { name: 'fedAnalyst', password: 'a new long password' }))).toBe('ok');
    // a reset with no count to end says nothing of one
    await resetPassword(mosaic, await as(test, 'fedAdmin'), UserId('fedpol.fedAnalyst'), 'another long password');
    expect((await administration(test)).map((e) => e.query)).toEqual([
      { resetPassword: { id: 'fedpol.fedAnalyst', signInThrottleCleared: true } },
      { resetPassword: { id: 'fedpol.fedAnalyst' } },
    ]);
  });
});
