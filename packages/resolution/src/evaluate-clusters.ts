/**
 * Evaluation against ground truth (benchmarks and tests): pairwise precision / recall / F1
 * (Christen 2012, ch. 7: every pair of records put together is a decision) and exact-cluster
 * precision / recall / F1 (a predicted cluster counts only when it equals a true one, as in
 * Menestrina et al. 2010, "Evaluating entity resolution results"). Works on labels only.
 */
export interface Metrics {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly truePositives: number;
  readonly predicted: number;
  readonly actual: number;
}

function metrics(tp: number, predicted: number, actual: number): Metrics {
  const precision = predicted === 0 ? 1 : tp / predicted;
  const recall = actual === 0 ? 1 : tp / actual;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, truePositives: tp, predicted, actual };
}

/**
 * Pairwise metrics. With `side`, only pairs across sides count (record linkage of two files);
 * without, every pair (deduplication).
 */
export function pairwiseMetrics(predicted: readonly string[], truth: readonly string[], side?: readonly number[]): Metrics {
  const cell = new Map<string, [number, number]>();
  const pred = new Map<string, [number, number]>();
  const real = new Map<string, [number, number]>();
  const bump = (m: Map<string, [number, number]>, key: string, s: number): void => {
    const v = m.get(key) ?? m.set(key, [0, 0]).get(key)!;
    v[s]! += 1;
  };
  predicted.forEach((p, i) => {
    const t = truth[i] as string;
    const s = side ? ((side[i] as number) === 0 ? 0 : 1) : 0;
    bump(cell, `${p}\u0000${t}`, s);
    bump(pred, p, s);
    bump(real, t, s);
  });
  const pairs = ([a, b]: [number, number]): number => (side ? a * b : (a * (a - 1)) / 2);
  let tp = 0;
  let p = 0;
  let r = 0;
  for (const v of cell.values()) tp += pairs(v);
  for (const v of pred.values()) p += pairs(v);
  for (const v of real.values()) r += pairs(v);
  return metrics(tp, p, r);
}

/** Exact-cluster metrics: clusters (sets of records) predicted that equal a true cluster. */
export function clusterMetrics(predicted: readonly string[], truth: readonly string[]): Metrics {
  const groups = (labels: readonly string[]): Map<string, number[]> => {
    const m = new Map<string, number[]>();
    labels.forEach((l, i) => (m.get(l) ?? m.set(l, []).get(l)!).push(i));
    return m;
  };
  const p = groups(predicted);
  const t = groups(truth);
  const trueKeys = new Set([...t.values()].map((list) => list.join(',')));
  let exact = 0;
  for (const list of p.values()) if (trueKeys.has(list.join(','))) exact++;
  return metrics(exact, p.size, t.size);
}
