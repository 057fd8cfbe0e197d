/**
 * mosaic users list | users add NAME --agency A --desk D --role R [--role R…] [--clearance C] --password-file F
 */
import { AgencyId, CLASSIFICATION, DeskId, UserId, type Classification } from '@mosaic/model';
import { ROLES } from '@mosaic/policy';
import { hashPassword } from '@mosaic/service';
import { openStore } from '@mosaic/store';
import { readFile } from 'node:fs/promises';
import { STORE_OPTIONS, configOf, parse } from '../args.ts';

export async function run(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parse('users', argv, {
    ...STORE_OPTIONS, agency: { type: 'string' }, desk: { type: 'string' }, role: { type: 'string', multiple: true },
    clearance: { type: 'string' }, 'password-file': { type: 'string' }, group: { type: 'string', multiple: true },
  });
  const config = configOf(values);
  const store = await openStore(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir });
  try {
    if (positionals[0] === 'list' && positionals.length === 1) {
      for (const user of await store.listUsers()) console.log(JSON.stringify({ name: user.name, agency: user.agency, desk: user.desk, roles: user.roles, clearance: user.clearance }));
      return 0;
    }
    const name = positionals[1];
    const roles = values.role ?? [];
    const clearance = (values.clearance ?? 'RESTRICTED').toUpperCase() as Classification;
    const bad = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
    if (positionals[0] !== 'add' || !name || !values.agency || !values.desk || roles.length === 0 || !values['password-file'] || bad.length > 0 || !CLASSIFICATION.includes(clearance)) {
      console.error(`usage: mosaic users add NAME --agency A --desk D --role R [--role R…] [--clearance C] --password-file F\n  roles: ${ROLES.join(', ')}\n  clearance: ${CLASSIFICATION.join(', ')}`);
      return 2;
    }
    const password = (await readFile(values['password-file'], 'utf8')).trim();
    if (password.length < 12) {
      console.error('mosaic users add: the password must have at least 12 characters');
      return 2;
    }
    await store.upsertUser({
      id: UserId(`${values.agency}.${name}`), agency: AgencyId(values.agency), desk: DeskId(values.desk), name, roles, clearance, groups: values.group ?? [],
      passwordHash: await hashPassword(password),
    });
    console.log(JSON.stringify({ added: name, agency: values.agency, roles }));
    return 0;
  } finally {
    await store.close();
  }
}
