/**
 * Two nodes on one PostgreSQL store: a message sent by one reaches the listeners of the other;
 * a store in another schema (another deployment on the same database) hears nothing. A bus whose
 * listening connection an outage ended listens again once PostgreSQL takes connections, and says
 * so to whoever must read again what it missed. Needs
 * PostgreSQL (MOSAIC_TEST_DATABASE_URL): fails under CI without it, skipped elsewhere with a warning.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../open-store.ts';
import type { Store } from '../store.ts';
import { createTestDatabase, dropTestDatabase, dropTestSchemas, postgresReachable, TEST_DATABASE_URL, testOutage } from '../testing.ts';
import { createPostgresMessageBus } from './postgres-message-bus.ts';

const available = await postgresReachable('message bus');

const schemas: string[] = [];
const stores: Store[] = [];
const open = async (schema: string): Promise<Store> => {
  const store = await openStore({ databaseUrl: TEST_DATABASE_URL, schema, poolSize: 2 });
  stores.push(store);
  return store;
};
const newSchema = (): string => {
  const schema = `mosaic_bus_${randomBytes(6).toString('hex')}`;
  schemas.push(schema);
  return schema;
};

afterAll(async () => {
  for (const store of stores) await store.close();
  if (available) await dropTestSchemas(schemas);
});

describe.runIf(available)('the PostgreSQL message bus', () => {
  it('carries a message from one node to another on the same store, and not to another deployment', async () => {
    const shared = newSchema();
    const nodeA = await open(shared);
    const nodeB = await open(shared);
    const elsewhere = await open(newSchema());
    const heardByB: string[] = [];
    const heardElsewhere: string[] = [];
    await nodeB.bus.listen('notifications', (m) => heardByB.push(m));
    await elsewhere.bus.listen('notifications', (m) => heardElsewhere.push(m));
    await nodeA.bus.send('notifications', '{"id":"n1"}');
    await expect.poll(() => heardByB, { timeout: 5_000 }).toEqual(['{"id":"n1"}']);
    await nodeA.bus.send('notifications', 'x'.repeat(100));
    await expect.poll(() => heardByB.length, { timeout: 5_000 }).toBe(2);
    expect(heardElsewhere).toEqual([]);
    await expect(nodeA.bus.send('notifications', 'y'.repeat(9000))).rejects.toMatchObject({ code: 'MOSAIC_INVALID_INPUT' });
  });
});

describe.runIf(available)('the PostgreSQL message bus after an outage', () => {
  const database = `mosaic_bus_outage_${randomBytes(6).toString('hex')}`;
  let pool: pg.Pool | undefined;
  afterAll(async () => {
    await pool?.end();
    await dropTestDatabase(database);
  });

  it('listens again once connections are taken again, and tells its listeners it did', async () => {
    const url = await createTestDatabase(database);
    pool = new pg.Pool({ connectionString: url, max: 1 });
    pool.on('error', () => undefined);
    const bus = createPostgresMessageBus({ databaseUrl: url, pool, retryMs: 50, maxRetryMs: 200 });
    const heard: string[] = [];
    let reconnections = 0;
    await bus.listen('org', (m) => heard.push(m));
    bus.onReconnected(() => reconnections++);
    await bus.send('org', 'before');
    await expect.poll(() => heard, { timeout: 5_000 }).toEqual(['before']);

    // Several attempts to listen again are refused (a new connect() fails) before connections are taken again.
    expect(await testOutage(database, { refuseMs: 1_000, during: () => bus.send('org', 'during') })).toBe(1);
    await expect.poll(() => reconnections, { timeout: 5_000, interval: 20 }).toBe(1);
    await bus.send('org', 'after');
    await expect.poll(() => heard, { timeout: 5_000 }).toEqual(['before', 'after']);
    await bus.close();
  });
});
