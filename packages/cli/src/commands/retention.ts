/**
 * mosaic retention sweep --purpose P --case C [--data DIR]: erase every record past its review
 * date that no legal hold keeps, and every checkpoint check and notification older than its
 * agency's period for them (each erasure in the audit log), as the command line's operator,
 * logged with the reason (--purpose) and reference (--case) given, both required, as `mosaic
 * audit prune` is: a sweep run by hand is someone's, and says why (LED Art. 25). The sweeps
 * `mosaic serve` runs on schedule are the retention actor's. One sweep runs at a time on a store:
 * while another runs (a serving node's), it is refused naming it. Shows its progress on a
 * terminal (records erased of those due); prints counts only. Ctrl-C (or SIGTERM) stops it after
 * the transaction under way, each kept with its audit entry, says how far it got and exits 130
 * (143); run again, it erases what is still due.
 */
import { openMosaic, startSweepJob } from '@mosaic/service';
import { PURPOSE_OPTIONS, STORE_OPTIONS, configOf, parse, requirePurposeOptions } from '../args.ts';
import { PROCESS_IO, type CommandIo } from '../command-io.ts';
import { existingStore } from '../existing-store.ts';
import { OPERATOR } from '../operator.ts';
import { progressBar } from '../progress.ts';
import { stopOnSignal } from '../stop-on-signal.ts';

const USAGE = 'usage: mosaic retention sweep --purpose P --case C [--data DIR]';

export async function run(argv: readonly string[], io: CommandIo = PROCESS_IO): Promise<number> {
  const { values, positionals } = parse('retention', argv, { ...STORE_OPTIONS, ...PURPOSE_OPTIONS });
  if (positionals[0] !== 'sweep' || positionals.length !== 1) {
    io.err(`${USAGE}\n`);
    return 2;
  }
  const { purpose, caseRef } = requirePurposeOptions('retention sweep', values);
  const config = configOf(values);
  const bar = progressBar('retention sweep');
  // listening before the store is opened, and until it is closed: the close seals the audit log
  const stop = stopOnSignal('mosaic retention sweep: stopping once the erasures under way are written', (line) => bar.log(line));
  try {
    const mosaic = await openMosaic(await existingStore('retention sweep', config));
    try {
      const started = performance.now();
      let due: number | null = null;
      const { finished } = await startSweepJob(mosaic, {
        startedBy: { actor: { user: OPERATOR.id, agency: OPERATOR.agency }, purpose, caseRef },
        signal: stop.signal,
        // the bar once the records due are known: reading them all comes first
        onProgress: (job) => {
          due = job.due;
          if (job.due !== null) bar.update(job.erased, job.due, 'records erased');
        },
      });
      const { summary } = await finished;
      bar.stop();
      if (summary?.stopped === true) {
        const reached = due === null ? `while reading the records (${summary.examined} read), before erasing any` : `after erasing ${summary.erased} records of the ${due} due`;
        io.err(`mosaic retention sweep: stopped by signal ${reached}; each erasure made is in the audit log; run it again to erase what is still due\n`);
      }
      io.out(`${JSON.stringify({ ...summary, ms: Math.round(performance.now() - started) })}\n`);
      return summary?.stopped === true ? (stop.exitCode ?? 130) : 0;
    } finally {
      await mosaic.close();
    }
  } finally {
    // also when the sweep failed: a bar left drawing would keep the process from ending
    bar.stop();
    stop.release();
  }
}
