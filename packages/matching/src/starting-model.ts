/**
 * Hand-set starting parameters for EM (and a usable model before any training): m falls and
 * u rises from the best level to the worst, in the proportions usual for person data
 * (Splink's defaults and Winkler's examples). EM only needs a start on the right side.
 */
import { FEATURES } from './features.ts';
import type { MatchModel } from './match-model.ts';

function decreasing(n: number, top: number): number[] {
  // geometric fall-off from `top` over the non-missing levels; missing gets 1 (ignored)
  const raw = Array.from({ length: n - 1 }, (_, i) => top * Math.pow(0.35, i));
  const s = raw.reduce((a, b) => a + b, 0);
  return [...raw.map((x) => x / s), 1];
}

function increasing(n: number, bottom: number): number[] {
  const raw = Array.from({ length: n - 1 }, (_, i) => bottom * Math.pow(8, i));
  const s = raw.reduce((a, b) => a + b, 0);
  return [...raw.map((x) => x / s), 1];
}

export function startingModel(): MatchModel {
  return {
    version: 1,
    trainedOn: 'hand-set starting values (untrained)',
    prior: 0.1,
    threshold: 0.5,
    tfScale: 0.5,
    features: FEATURES.map((def) => ({ feature: def.name, levels: def.levels, m: decreasing(def.levels.length, 1), u: increasing(def.levels.length, 1) })),
  };
}
