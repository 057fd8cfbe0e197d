/**
 * mosaic ingest FILE [--mapping M.json] [--defaults D.json] [--no-resume] [--batch N] [--workers N] [--data DIR]
 *
 * JSON Lines (FollowTheMoney-style, one record per line) or CSV through a mapping. Rejected lines
 * are listed on stderr with line, field and reason; the summary is one JSON line on stderr. A
 * record without a review date gets one as the API gives it (its agency's retention rules). A
 * second run of the same file with the same mapping and defaults resumes: it skips the lines
 * before the first one an earlier run did not write, and says how many (`resumed`);
 * `--no-resume` reads every line again. `--workers` above the machine's cores is taken as one per
 * core, and said. The options, the mapping and the defaults are checked
 * before the store is opened, so a refused command creates no data folder. Ctrl-C (SIGINT) or
 * SIGTERM stops it once the lines read are written, with the summary and the store closed (its
 * audit log sealed); run again, it resumes after them.
 * Exit 0: every line written; 3: some lines were rejected (the rest are written); 1/2: failure;
 * 130/143: stopped by SIGINT/SIGTERM.
 */
import { AgencyId, AppError, isAppError, provenanceDefaultsErrors, schemata, UserId, type ProvenanceDefaults } from '@mosaic/model';
import { formatIngestError, formatIngestRepeat, formatIngestWarning, ingestFile, openMosaic, parseCsvMapping, reviewDatesOf, type CsvMapping } from '@mosaic/service';
import { availableParallelism } from 'node:os';
import { basename } from 'node:path';
import { STORE_OPTIONS, configOf, parse } from '../args.ts';
import { prepareDataFolder } from '../data-folder.ts';
import { readJsonFile, requireFiles } from '../input-files.ts';
import { progressBar } from '../progress.ts';
import { stopOnSignal } from '../stop-on-signal.ts';

const SHOWN_ERRORS = 50;

/** The mapping file's content as a mapping; a refusal names the option and the file (`--mapping m.json: schema is required…`), where parseCsvMapping says `mapping:`. */
function mappingOf(path: string, raw: unknown): CsvMapping {
  try {
    return parseCsvMapping(raw, schemata());
  } catch (error) {
    if (!isAppError(error)) throw error;
    throw new AppError(error.code, `ingest: --mapping ${path}: ${error.message.replace(/^mapping: /, '')}`, error.details);
  }
}

export async function run(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parse('ingest', argv, {
    ...STORE_OPTIONS, mapping: { type: 'string' }, defaults: { type: 'string' }, 'no-resume': { type: 'boolean' }, batch: { type: 'string' }, workers: { type: 'string' },
  });
  const [file] = positionals;
  if (!file || positionals.length > 1) {
    console.error('usage: mosaic ingest FILE [--mapping M.json] [--defaults D.json] [--no-resume] [--batch N] [--workers N] [--data DIR]');
    return 2;
  }
  if (values.workers !== undefined && !/^\d+$/.test(values.workers)) {
    console.error('mosaic ingest: --workers takes a whole number (0: parse and validate in the writing thread)');
    return 2;
  }
  if (values.batch !== undefined && !/^[1-9]\d*$/.test(values.batch)) {
    console.error('mosaic ingest: --batch takes a whole number of records from 1');
    return 2;
  }
  if (!values.mapping && /\.csv$/i.test(file)) {
    console.error('mosaic ingest: a CSV file needs --mapping M.json (columns to properties, provenance defaults)');
    return 2;
  }
  // More threads than cores only contend with the writing thread; 64 would each load the schemata.
  const cores = availableParallelism();
  const workers = values.workers === undefined ? undefined : Math.min(Number(values.workers), cores);
  if (workers !== undefined && workers < Number(values.workers)) console.error(`mosaic ingest: --workers ${values.workers} is more than this machine's ${cores} cores: ${cores} workers parse and validate`);
  await requireFiles('ingest', { FILE: file });
  // Everything given is checked before the store is opened: a refused command leaves no data folder or store behind.
  const config = configOf(values);
  const mapping = values.mapping ? mappingOf(values.mapping, await readJsonFile('ingest', '--mapping', values.mapping)) : undefined;
  const defaults = values.defaults ? await readJsonFile('ingest', '--defaults', values.defaults) : undefined;
  const wrong = defaults === undefined ? [] : provenanceDefaultsErrors(defaults, '');
  if (wrong.length > 0) {
    // each field as the file names it (marking.tlp), after the option and the file; never the value
    for (const error of wrong) {
      const field = error.field.replace(/^\./, '');
      console.error(`mosaic ingest: --defaults ${values.defaults}: ${field === '' ? '' : `${field}: `}${error.reasonWithoutValue ?? error.reason}`);
    }
    return 2;
  }
  await prepareDataFolder('ingest', config);
  // Lines said while the bar is drawn go above it (progress.ts), the signal's word among them.
  const bar = progressBar(`ingest ${basename(file)}`);
  const stop = stopOnSignal('mosaic ingest: stopping once the lines read are written', (line) => bar.log(line));
  const mosaic = await openMosaic(config, { backgroundCheckpoints: true }).catch((error: unknown) => {
    stop.release();
    throw error;
  });
  try {
    let shown = 0;
    let shownRepeats = 0;
    let shownWarnings = 0;
    const actor = { user: UserId('system:cli'), agency: AgencyId('system') };
    const agencies = (await mosaic.org()).org.agencies.map((agency) => agency.id);
    const summary = await ingestFile(mosaic.store, mosaic.registry, {
      path: file,
      actor: `ingest:${basename(file)}`,
      ...(mapping ? { mapping } : {}),
      ...(defaults ? { defaults: defaults as ProvenanceDefaults } : {}),
      reviewDates: await reviewDatesOf(mosaic),
      // against the organisation's agencies, once one is set up (before that, the form only)
      ...(agencies.length > 0 ? { agencies } : {}),
      ...(values.batch ? { batchSize: Number(values.batch) } : {}),
      ...(workers === undefined ? {} : { workers }),
      resume: values['no-resume'] !== true,
      signal: stop.signal,
      onProgress: (p) => bar.update(p.bytes, p.totalBytes, `${p.written} written, ${p.rejected} rejected`),
      onError: (error) => {
        if (shown++ < SHOWN_ERRORS) bar.log(formatIngestError(error));
      },
      onRepeat: (repeat) => {
        if (shownRepeats++ < SHOWN_ERRORS) bar.log(formatIngestRepeat(repeat));
      },
      onWarning: (warning) => {
        if (shownWarnings++ < SHOWN_ERRORS) bar.log(formatIngestWarning(warning));
      },
      // Collection is logged by record id; the audit log is the one place that may hold them.
      // Each batch's entry commits with it: a batch is never kept without its entry.
      audit: { log: mosaic.audit, entry: (ids) => ({ actor, action: 'collection', query: { file: basename(file) }, records: ids, outcome: 'ok', reason: 'ingest' }) },
    });
    bar.stop();
    if (summary.errorCount > SHOWN_ERRORS) console.error(`… and ${summary.errorCount - SHOWN_ERRORS} more errors`);
    if (summary.repeated > SHOWN_ERRORS) console.error(`… and ${summary.repeated - SHOWN_ERRORS} more lines that gave a record id an earlier line gave`);
    if (summary.warningCount > SHOWN_ERRORS) console.error(`… and ${summary.warningCount - SHOWN_ERRORS} more references to records neither the file nor the store holds`);
    if (summary.resumed > 0) console.error(`mosaic ingest: ${summary.resumed} lines skipped, written by an earlier run of this file with the same mapping and defaults (--no-resume reads them again)`);
    if (summary.stopped) {
      const written = summary.created + summary.updated + summary.unchanged;
      console.error(`mosaic ingest: stopped by signal after ${written} records; run it again on the file to resume after them`);
    }
    const { errors: _errors, repeats: _repeats, warnings: _warnings, ...counts } = summary;
    console.error(JSON.stringify({ file: basename(file), ...counts }));
    return summary.stopped ? (stop.exitCode ?? 130) : summary.rejected > 0 ? 3 : 0;
  } finally {
    // also when the ingest failed: a bar left drawing would keep the process from ending
    bar.stop();
    await mosaic.close();
    stop.release();
  }
}
