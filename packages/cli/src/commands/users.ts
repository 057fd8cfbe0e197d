/**
 * mosaic users list | users add NAME --agency A --desk D --role R [--role R…] [--clearance C] --password-file F --purpose P --case C
 *
 * `users add` goes through the admin API's createUser, as the command line's operator acting as
 * system administrator: the same checks (the agency and the desk in it exist, roles, password)
 * and the same audit entry, with the reason (--purpose) and change reference (--case) given.
 *
 * Both work on an existing store only (existing-store.ts): an account is added to an agency and
 * desk of the store's organisation, and a new store has none (they come with the demo `mosaic
 * start` loads, or through the admin API), so adding the first account never needed a store to be
 * made, and a mistyped --data made one that could hold no account.
 */
import { AppError, CLASSIFICATION, type Classification } from '@mosaic/model';
import { ROLES } from '@mosaic/policy';
import { createUser, openMosaic, storeLocation } from '@mosaic/service';
import { openStore } from '@mosaic/store';
import { PURPOSE_OPTIONS, STORE_OPTIONS, configOf, parse, requirePurposeOptions } from '../args.ts';
import { existingStore } from '../existing-store.ts';
import { readInputFile } from '../input-files.ts';
import { OPERATOR } from '../operator.ts';

export async function run(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parse('users', argv, {
    ...STORE_OPTIONS, ...PURPOSE_OPTIONS, agency: { type: 'string' }, desk: { type: 'string' }, role: { type: 'string', multiple: true },
    clearance: { type: 'string' }, 'password-file': { type: 'string' }, group: { type: 'string', multiple: true },
  });
  const config = configOf(values);
  if (positionals[0] === 'list' && positionals.length === 1) {
    const store = await openStore(storeLocation(await existingStore('users list', config)));
    try {
      for (const user of await store.listUsers()) console.log(JSON.stringify({ name: user.name, agency: user.agency, desk: user.desk, roles: user.roles, clearance: user.clearance }));
      return 0;
    } finally {
      await store.close();
    }
  }
  const name = positionals[1];
  if (positionals[0] !== 'add' || positionals.length !== 2 || !name) {
    console.error(`usage: mosaic users list | users add NAME --agency A --desk D --role R [--role R…] [--clearance C] [--group G…] --password-file F --purpose P --case C\n  roles: ${ROLES.join(', ')}\n  clearance: ${CLASSIFICATION.join(', ')}`);
    return 2;
  }
  const { agency, desk, 'password-file': passwordFile, role: roles = [] } = values;
  if (!agency || !desk || roles.length === 0 || !passwordFile) {
    const missing = ([['--agency A', agency], ['--desk D', desk], ['--role R', roles[0]], ['--password-file F', passwordFile]] as const).filter(([, given]) => !given).map(([option]) => option);
    throw new AppError('MOSAIC_INVALID_INPUT', `users add: ${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} required`);
  }
  const bad = roles.find((r) => !(ROLES as readonly string[]).includes(r));
  if (bad !== undefined) throw new AppError('MOSAIC_INVALID_INPUT', `users add: --role ${JSON.stringify(bad)} is not a role (${ROLES.join(', ')})`);
  const clearance = (values.clearance ?? 'RESTRICTED').toUpperCase() as Classification;
  if (!CLASSIFICATION.includes(clearance)) throw new AppError('MOSAIC_INVALID_INPUT', `users add: --clearance ${JSON.stringify(values.clearance)} is not one of ${CLASSIFICATION.join(', ')}`);
  const password = (await readInputFile('users add', '--password-file', passwordFile)).trim();
  const given = requirePurposeOptions('users add', values);
  const mosaic = await openMosaic(await existingStore('users add', config));
  try {
    const request = { user: OPERATOR, ...given };
    const created = await createUser(mosaic, request, { name, agency, desk, roles, clearance, groups: values.group ?? [], password });
    // the id as the admin API makes it (userIdFor): the name the user signs in with, and what
    // group members and the audit log name
    console.log(JSON.stringify({ added: name, id: created.id, agency, roles }));
    return 0;
  } finally {
    await mosaic.close();
  }
}
