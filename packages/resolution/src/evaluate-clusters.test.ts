import { describe, expect, it } from 'vitest';
import { clusterMetrics, pairwiseMetrics } from './evaluate-clusters.ts';

describe('evaluation', () => {
  it('counts pairwise true positives, predictions and actual pairs', () => {
    const m = pairwiseMetrics(['e1', 'e1', 'e1', 'e2'], ['p1', 'p1', 'p2', 'p2']);
    expect([m.truePositives, m.predicted, m.actual]).toEqual([1, 3, 2]);
    expect(m.f1).toBeCloseTo((2 * (1 / 3) * (1 / 2)) / (1 / 3 + 1 / 2));
  });
  it('counts only cross-side pairs for linkage', () => {
    const m = pairwiseMetrics(['e1', 'e1', 'e1'], ['p1', 'p1', 'p1'], [0, 0, 1]);
    expect([m.truePositives, m.predicted, m.actual]).toEqual([2, 2, 2]);
  });
  it('counts exact clusters', () => {
    const m = clusterMetrics(['e1', 'e1', 'e2', 'e3'], ['p1', 'p1', 'p2', 'p2']);
    expect([m.truePositives, m.predicted, m.actual]).toEqual([1, 3, 2]);
  });
});
