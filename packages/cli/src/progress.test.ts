import { FULL_BUILD_STAGES } from '@mosaic/service';
import { describe, expect, it } from 'vitest';
import { buildProgressOn, type Progress } from './progress.ts';

describe('buildProgressOn', () => {
  it('shows the stages done of all and names the one under way, with the feed\'s changes while it is read', () => {
    const shown: [number, number | undefined, string | undefined][] = [];
    const bar: Progress = { update: (done, total, detail) => shown.push([done, total, detail]), stop: () => undefined };
    const tell = buildProgressOn(bar);
    tell({ stage: 'screening and graph', stages: FULL_BUILD_STAGES, done: 1000, total: 24984 });
    tell({ stage: 'resolution full pass', stages: FULL_BUILD_STAGES });
    tell({ stage: 'watches', stages: FULL_BUILD_STAGES });
    expect(shown).toEqual([
      [0, 3, 'screening and graph: 1000/24984 changes'],
      [1, 3, 'resolution full pass'],
      [2, 3, 'watches'],
    ]);
  });
});
