import { EntityGraph } from '@mosaic/graph';
import { describe, expect, it } from 'vitest';
import { CrowdedTiesGraph } from './crowded-ties-graph.ts';
import { EntityPartsGraph } from './entity-parts-graph.ts';

/** The methods and accessors a class defines between itself and EntityGraph (its own and its read-only base's). */
function overridden(prototype: object): Set<string> {
  const names = new Set<string>();
  for (let p: object | null = prototype; p !== null && p !== EntityGraph.prototype; p = Object.getPrototypeOf(p) as object | null) {
    for (const name of Object.getOwnPropertyNames(p)) names.add(name);
  }
  return names;
}

describe.each([['EntityPartsGraph', EntityPartsGraph], ['CrowdedTiesGraph', CrowdedTiesGraph]])('%s, a drawing over the network', (_name, drawing) => {
  it('reads nothing of the empty network it extends but through the methods it overrides', () => {
    // every method and accessor of the network is overridden: one left out would read the empty network underneath
    const own = overridden(drawing.prototype);
    expect(Object.getOwnPropertyNames(EntityGraph.prototype).filter((name) => !own.has(name))).toEqual([]);
  });
});
