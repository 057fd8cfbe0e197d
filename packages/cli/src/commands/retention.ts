/**
 * mosaic retention sweep [--data DIR]: erase every record past its review date that no legal
 * hold keeps, and every checkpoint check and notification older than its agency's period for
 * them (each erasure in the audit log); prints counts only.
 */
import { openMosaic, sweepRetention } from '@mosaic/service';
import { STORE_OPTIONS, configOf, parse } from '../args.ts';

export async function run(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parse('retention', argv, { ...STORE_OPTIONS });
  if (positionals[0] !== 'sweep' || positionals.length !== 1) {
    console.error('usage: mosaic retention sweep [--data DIR]');
    return 2;
  }
  const mosaic = await openMosaic(configOf(values));
  try {
    const started = performance.now();
    const summary = await sweepRetention(mosaic);
    console.log(JSON.stringify({ ...summary, ms: Math.round(performance.now() - started) }));
    return 0;
  } finally {
    await mosaic.close();
  }
}
