/**
 * mosaic retention sweep --purpose P --case C [--data DIR]: erase every record past its review
 * date that no legal hold keeps, and every checkpoint check and notification older than its
 * agency's period for them (each erasure in the audit log), as the command line's operator,
 * logged with the reason (--purpose) and reference (--case) given, both required, as `mosaic
 * audit prune` is: a sweep run by hand is someone's, and says why (LED Art. 25). The sweeps
 * `mosaic serve` runs on schedule are the retention actor's. One sweep runs at a time on a store:
 * while another runs (a serving node's), it is refused naming it. Shows its progress on a
 * terminal (records erased of those due); prints counts only.
 */
import { openMosaic, startSweepJob } from '@mosaic/service';
import { PURPOSE_OPTIONS, STORE_OPTIONS, configOf, parse, requirePurposeOptions } from '../args.ts';
import { PROCESS_IO, type CommandIo } from '../command-io.ts';
import { existingStore } from '../existing-store.ts';
import { OPERATOR } from '../operator.ts';
import { progressBar } from '../progress.ts';

const USAGE = 'usage: mosaic retention sweep --purpose P --case C [--data DIR]';

export async function run(argv: readonly string[], io: CommandIo = PROCESS_IO): Promise<number> {
  const { values, positionals } = parse('retention', argv, { ...STORE_OPTIONS, ...PURPOSE_OPTIONS });
  if (positionals[0] !== 'sweep' || positionals.length !== 1) {
    io.err(`${USAGE}\n`);
    return 2;
  }
  const { purpose, caseRef } = requirePurposeOptions('retention sweep', values);
  const mosaic = await openMosaic(await existingStore('retention sweep', configOf(values)));
  try {
    const started = performance.now();
    const bar = progressBar('retention sweep');
    try {
      const { finished } = await startSweepJob(mosaic, {
        startedBy: { actor: { user: OPERATOR.id, agency: OPERATOR.agency }, purpose, caseRef },
        // the bar once the records due are known: reading them all comes first
        onProgress: (job) => { if (job.due !== null) bar.update(job.erased, job.due, 'records erased'); },
      });
      const { summary } = await finished;
      io.out(`${JSON.stringify({ ...summary, ms: Math.round(performance.now() - started) })}\n`);
    } finally {
      bar.stop();
    }
    return 0;
  } finally {
    await mosaic.close();
  }
}
