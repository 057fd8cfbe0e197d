/**
 * Two nodes sharing one store, for a test of what one node does while the other writes: the
 * first the test world (openTestMosaic: the test organisation and users), the second opened on
 * its store as another process of the deployment would be. On sqlite, or on PostgreSQL in a
 * schema of its own (MOSAIC_TEST_DATABASE_URL). What the suite opened is closed after it, the
 * folders removed and the schemas dropped.
 */
import { dropTestSchemas, TEST_DATABASE_URL } from '@mosaic/store/testing';
import { randomBytes } from 'node:crypto';
import { afterAll } from 'vitest';
import { parseConfig } from './config.ts';
import { openMosaic, type Mosaic } from './runtime.ts';
import { openTestMosaic, type TestMosaic } from './testing.ts';

export interface TwoNodes {
  /** The first node's world: its Mosaic, and the folder the store (on sqlite) is in. */
  readonly world: TestMosaic;
  readonly a: Mosaic;
  readonly b: Mosaic;
}

/**
 * Opens two nodes on a fresh store each time it is called; called in a describe, whose afterAll
 * ends them. `schemaPrefix` names the suite's PostgreSQL schemas.
 */
export function twoNodesOf(dialect: 'sqlite' | 'postgres', { schemaPrefix }: { readonly schemaPrefix: string }): () => Promise<TwoNodes> {
  const worlds: TestMosaic[] = [];
  const nodes: Mosaic[] = [];
  const schemas: string[] = [];
  afterAll(async () => {
    for (const node of nodes) await node.close().catch(() => undefined);
    for (const world of worlds) await world.cleanup();
    if (dialect === 'postgres') await dropTestSchemas(schemas);
  });
  return async () => {
    const schema = `${schemaPrefix}_${randomBytes(6).toString('hex')}`;
    const store = dialect === 'postgres' ? { databaseUrl: TEST_DATABASE_URL, databaseSchema: schema } : {};
    if (dialect === 'postgres') schemas.push(schema);
    const world = await openTestMosaic({ config: store });
    worlds.push(world);
    const b = await openMosaic(parseConfig({ ...store, dataDir: world.dir }, world.dir));
    nodes.push(b);
    await b.reloadOrg();
    return { world, a: world.mosaic, b };
  };
}
