/**
 * The world a test opens and the projections it starts, for a test file whose tests each open
 * their own: ended after each test (closeTestWorld: the projections stopped once their work has
 * settled, then the store closed and removed) and forgotten, so that a test opening none ends
 * nothing twice.
 */
import { afterEach } from 'vitest';
import type { Projections } from './projections.ts';
import { closeTestWorld, type TestMosaic } from './testing.ts';

export interface TestWorldHeld {
  world: TestMosaic | undefined;
  projections: Projections | undefined;
}

/** What the test under way has opened, ended after it; called in a test file's top level or a describe. */
export function testWorldEndedAfterEach(): TestWorldHeld {
  const current: TestWorldHeld = { world: undefined, projections: undefined };
  afterEach(async () => {
    await closeTestWorld(current.world, current.projections);
    current.world = undefined;
    current.projections = undefined;
  });
  return current;
}
