/**
 * The commands that read or administer a deployment (agencies, users, reports, graph, retention
 * sweep, audit), pointed at a data folder or a PostgreSQL schema that holds no Mosaic store (a typo in
 * --data or MOSAIC_DATABASE_SCHEMA): refused as "no store", and nothing is created by looking —
 * no folder, no store, no key, no schema. The PostgreSQL half needs MOSAIC_TEST_DATABASE_URL:
 * fails under CI without it, skipped elsewhere with a warning.
 */
import { AUDIT_KEY_FILE, openMosaic, parseConfig } from '@mosaic/service';
import { dropTestSchemas, postgresReachable, TEST_DATABASE_URL } from '@mosaic/store/testing';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runOnStore, type Command } from './run-for-test.ts';
import { run as agencies } from './commands/agencies.ts';
import { run as audit } from './commands/audit.ts';
import { run as graph } from './commands/graph.ts';
import { run as reports } from './commands/reports.ts';
import { run as retention } from './commands/retention.ts';
import { run as users } from './commands/users.ts';

const available = await postgresReachable('mosaic commands on a PostgreSQL schema with no store');

const stored = `mosaic_cli_${randomBytes(6).toString('hex')}`;
const typo = `${stored}_typo`;
const empty = `${stored}_empty`;
const dir = mkdtempSync(join(tmpdir(), 'mosaic-cli-pg-'));
/** A node's folder, with its audit key, of the deployment in schema `stored`. */
const node = join(dir, 'node');

beforeAll(async () => {
  if (available) await (await openMosaic(parseConfig({ dataDir: node, databaseUrl: TEST_DATABASE_URL, databaseSchema: stored }, node))).close();
});
afterEach(() => vi.unstubAllEnvs());
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  if (available) await dropTestSchemas([stored, typo, empty]);
});

async function schemaExists(schema: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    return (await client.query('select 1 from information_schema.schemata where schema_name = $1', [schema])).rowCount === 1;
  } finally {
    await client.end();
  }
}

const WHY = ['--purpose', 'yearly audit housekeeping', '--case', 'CHG-2026-11'];
const passwordFile = join(dir, 'password.txt');
const reportFile = join(dir, 'report.txt');
writeFileSync(passwordFile, 'a long enough passphrase\n');
writeFileSync(reportFile, 'Jan Peeters was seen in Antwerp.\n');
const AS = ['--as', 'fedAnalyst', '--purpose', 'network analysis', '--case', 'CASE-1'];

/** Every command that needs a store, each as a user would type it. */
const COMMANDS: readonly [string, Command, readonly string[]][] = [
  ['agencies list', agencies, ['list']],
  ['agencies add', agencies, ['add', 'customs', '--name', 'Customs', '--country', 'BE', '--desk', 'customs:duty', '--desk-name', 'Duty desk', '--contact', '+32 2 000 00 09', ...WHY]],
  ['users list', users, ['list']],
  ['users add', users, ['add', 'analyst9', '--agency', 'fedpol', '--desk', 'fedpol-ops', '--role', 'analyst', '--password-file', passwordFile, ...WHY]],
  ['retention sweep', retention, ['sweep', ...WHY]],
  ['reports add', reports, ['add', reportFile, '--collection', 'c', ...AS]],
  ['reports search', reports, ['search', 'Peeters', ...AS]],
  ['reports show', reports, ['show', 'fedpol:r1', ...AS]],
  ['graph expand', graph, ['expand', 'fedpol:c1', ...AS]],
  ['audit verify', audit, ['verify']],
];

describe('the commands that need a store, on a data folder with none', () => {
  it.each(COMMANDS)('%s refuses "no store in DIR" and creates nothing there', async (name, command, argv) => {
    const nowhere = join(dir, `typo-${name.replace(' ', '-')}`);
    await expect(runOnStore(command, nowhere, argv)).rejects.toMatchObject({ code: 'MOSAIC_NOT_FOUND', message: `${name}: no store in ${nowhere} (--data DIR or MOSAIC_DATA_DIR names the store)` });
    expect(existsSync(nowhere)).toBe(false);
  });
});

describe.runIf(available)('the audit commands on a PostgreSQL schema', () => {
  it('refuse a schema with no store, naming it, and create neither the schema nor a key file', async () => {
    vi.stubEnv('MOSAIC_DATABASE_URL', TEST_DATABASE_URL);
    vi.stubEnv('MOSAIC_DATABASE_SCHEMA', typo);
    // from a node's folder, holding the deployment's key, and from one holding nothing
    for (const folder of [node, join(dir, 'elsewhere')]) {
      for (const argv of [['verify'], ['retention'], ['retention', '--years', '1', ...WHY], ['prune', '--before', '2020-01-01', ...WHY], ['keys'], ['rotate-key', ...WHY]]) {
        await expect(runOnStore(audit, folder, argv), argv.join(' ')).rejects.toMatchObject({ code: 'MOSAIC_NOT_FOUND', message: expect.stringContaining(`audit ${argv[0]}: no store in schema ${typo} of database`) });
      }
      for (const [name, command, argv] of COMMANDS) {
        await expect(runOnStore(command, folder, argv), name).rejects.toMatchObject({ code: 'MOSAIC_NOT_FOUND', message: expect.stringContaining(`${name}: no store in schema ${typo} of database`) });
      }
    }
    expect(await schemaExists(typo)).toBe(false);
    expect(existsSync(join(dir, 'elsewhere'))).toBe(false);
  });

  it('refuse a node folder without the deployment\'s key file, leaving no key of its own behind', async () => {
    vi.stubEnv('MOSAIC_DATABASE_URL', TEST_DATABASE_URL);
    vi.stubEnv('MOSAIC_DATABASE_SCHEMA', stored);
    const bare = join(dir, 'bare');
    const add = runOnStore(users, bare, ['add', 'analyst9', '--agency', 'fedpol', '--desk', 'fedpol-ops', '--role', 'analyst', '--password-file', passwordFile, ...WHY]);
    await expect(add).rejects.toMatchObject({ code: 'MOSAIC_INVALID_CONFIG', message: expect.stringContaining(`no audit signing key file ${AUDIT_KEY_FILE} in ${bare}, and the store's audit log is signed with key `) });
    expect(existsSync(join(bare, AUDIT_KEY_FILE))).toBe(false);
    // so that verifying from that folder says the key is missing, not that the log was tampered with
    await expect(runOnStore(audit, bare, ['verify'])).rejects.toThrow(`audit: no signing key file ${AUDIT_KEY_FILE} in ${bare}`);
  });

  it('refuse a schema that exists but holds no Mosaic tables, and still verify the one that does', async () => {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    await client.query(`create schema ${empty}`).finally(() => client.end());
    vi.stubEnv('MOSAIC_DATABASE_URL', TEST_DATABASE_URL);
    vi.stubEnv('MOSAIC_DATABASE_SCHEMA', empty);
    await expect(runOnStore(audit, node, ['verify'])).rejects.toThrow(`audit verify: no store in schema ${empty} of database`);
    expect(readdirSync(dir).sort()).toEqual(['bare', 'node', 'password.txt', 'report.txt'].filter((f) => existsSync(join(dir, f))));

    vi.stubEnv('MOSAIC_DATABASE_SCHEMA', stored);
    const verified = await runOnStore(audit, node, ['verify']);
    expect(verified.code).toBe(0);
    expect(JSON.parse(verified.out)).toMatchObject({ ok: true });
  });
});
