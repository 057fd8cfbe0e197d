/**
 * mosaic reports add FILE… --collection C --as USER [provenance…]: each file stored as a report of
 * the user's agency (uploadReport), one after the other, each with its progress on a bar of its own.
 *
 * A folder of reports is given as many files (a shell glob). A file refused for itself — not a
 * report's type, missing, larger than a report may be, unreadable, given up at a time or memory
 * bound, added into the collection before with other options — is said, naming it and why, and
 * the others go on: one bad file does not stop a batch. Each upload is written whole or not at all
 * (one transaction), so a file refused leaves nothing of it, and Ctrl-C (SIGINT) or SIGTERM stops
 * the batch once the file under way is stored or refused (exit 130, 143). The batch ends with a
 * JSON summary on stderr of the files added, those already there (`repeated`) and those skipped
 * with the reason, exit 2 when any was skipped. A refusal of the options themselves (a marking
 * above the user's clearance, a category that is none) would refuse every file alike: it stops
 * the batch. One file is answered as before batches: its refusal said alone, no summary.
 */
import { AppError, clearanceWords, hasControlCharacters, isAppError, type FieldError } from '@mosaic/model';
import type { ExtractLimits } from '@mosaic/extract';
import { MAX_REPORT_BYTES, openMosaic, UPLOAD_STAGES, uploadReport, type Consultation, type Mosaic, type MosaicConfig, type UploadOptions, type UploadStage } from '@mosaic/service';
import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { actingUser } from '../acting-user.ts';
import type { CommandIo } from '../command-io.ts';
import { existingStore } from '../existing-store.ts';
import { fileProblem, fileReason, notAFile } from '../input-files.ts';
import { progressBar, type Progress } from '../progress.ts';
import { stopOnSignal } from '../stop-on-signal.ts';
import { MEDIA_TYPES } from './extract.ts';

const MB = 1024 * 1024;

/** The options of an upload, as given on the command line. */
export interface AddOptions {
  readonly as: string;
  readonly collection: string;
  readonly purpose?: string | undefined;
  readonly case?: string | undefined;
  readonly source?: string | undefined;
  readonly reliability?: string | undefined;
  readonly credibility?: string | undefined;
  readonly tlp?: string | undefined;
  readonly classification?: string | undefined;
  readonly releasability?: string | undefined;
  readonly handling?: string | undefined;
  readonly category?: string | undefined;
  readonly legalBasis?: string | undefined;
  readonly title?: string | undefined;
  /** An ISO 3166 alpha-2 code, checked by the caller. */
  readonly country?: string | undefined;
}

export interface AddSettings {
  readonly config: MosaicConfig;
  /** The extraction's bounds, extract-off-thread.ts's unless given (a test's shorter time). */
  readonly extraction?: ExtractLimits | undefined;
}

/** The option that gave each field of the upload. */
const OPTION_OF_FIELD: Readonly<Record<string, string>> = {
  collection: '--collection', title: '--title', country: '--country', 'provenance.source': '--source', 'provenance.reliability': '--reliability',
  'provenance.credibility': '--credibility', 'provenance.marking.tlp': '--tlp', 'provenance.marking.classification': '--classification',
  'provenance.marking.releasability': '--releasability', 'provenance.handling': '--handling', 'provenance.category': '--category', 'provenance.legalBasis': '--legal-basis',
};

/** Fields of an upload that are the file's, not an option's: its bytes, and the media type its extension gave. */
const FILE_FIELDS: ReadonlySet<string> = new Set(['content', 'mediaType']);

/**
 * Fields of an upload made of the file's name, by what they are called in a refusal: its file
 * name always, its title and source unless --title and --source give them.
 */
function nameFields(options: AddOptions): ReadonlyMap<string, string> {
  return new Map([
    ['fileName', 'file name'], ...(options.title === undefined ? [['title', 'title'] as const] : []), ...(options.source === undefined ? [['provenance.source', 'source'] as const] : []),
  ]);
}

/**
 * Why the report cannot take the file's name (a control character in it, refused in its file
 * name, title and source alike): one reason, each refusal's said once, the value quoted as a
 * refusal of the name given would.
 */
function nameRefused(file: string, refused: readonly FieldError[], fields: ReadonlyMap<string, string>): string {
  const made = [...fields].filter(([field]) => refused.some((e) => e.field === field)).map(([, called]) => called);
  const madeOf = made.length > 1 ? `${made.slice(0, -1).join(', ')} and ${made.at(-1) as string} are` : `${made[0] ?? 'file name'} is`;
  const whys = [...new Set(refused.map((e) => e.reasonWithoutValue ?? e.reason))];
  return `its name ${quoted(basename(file))} ${whys.join('; ')}, and a report's ${madeOf} made of it: rename the file`;
}

/**
 * Text in JSON's quotes and escapes, and those JSON leaves as they are escaped too: DEL, the C1
 * controls (U+009B is a terminal's CSI, as ESC [ is) and the marks that reorder what is shown.
 */
const quoted = (text: string): string => JSON.stringify(text).replace(/[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** A path as a line on a terminal shows it: quoted when it holds control characters, which a terminal would act on. */
const shownPath = (file: string): string => (hasControlCharacters(file) ? quoted(file) : file);

/**
 * What became of one file: stored (or found stored before, `repeated`), skipped for a fault of its
 * own (`thrown`: the error one file alone is refused with, as before batches), or refused for the
 * options given, which would refuse every file alike.
 */
type FileResult =
  | { readonly kind: 'added'; readonly file: string; readonly report: string; readonly repeated: boolean }
  | { readonly kind: 'skipped'; readonly file: string; readonly reason: string; readonly thrown?: AppError }
  | { readonly kind: 'refused'; readonly lines: readonly string[] };

type Skipped = Extract<FileResult, { kind: 'skipped' }>;

export async function addReports(files: readonly string[], options: AddOptions, io: CommandIo, settings: AddSettings): Promise<number> {
  const batch = files.length > 1;
  if (batch && options.title !== undefined) {
    throw new AppError('MOSAIC_INVALID_INPUT', `reports add: --title names one report: give it with one FILE (of ${files.length} files, each report takes its file's name as its title)`);
  }
  const started = performance.now();
  // said before the store is opened: a typo in a path costs no opening, and one file refused alone is answered as ever
  const unread: (Skipped | undefined)[] = [];
  for (const file of files) unread.push(await refusedUnread(file));
  const [alone] = unread;
  if (!batch && alone !== undefined) return said(alone, io);
  const results: FileResult[] = [];
  for (const skipped of unread) {
    if (skipped === undefined) continue;
    results.push(skipped);
    io.err(`${skippedLine(skipped)}\n`);
  }
  const toAdd = files.flatMap((file, n) => (unread[n] === undefined ? [{ file, n }] : []));
  if (toAdd.length === 0) return summarise(files, results, [], io, started);

  const mosaic = await openMosaic(await existingStore('reports add', settings.config));
  let bar: Progress | undefined;
  const stop = batch ? stopOnSignal('mosaic reports add: stopping once the file under way is stored or refused', (line) => (bar ? bar.log(line) : io.err(`${line}\n`))) : undefined;
  // the files not added when the batch stops early: from the one under way, or the next
  const notAdded = (from: number): string[] => toAdd.slice(from).map(({ file }) => file);
  let failed = false;
  try {
    const user = await actingUser(mosaic, options.as, 'reports');
    const consultation = { user, ...(options.purpose ? { purpose: options.purpose } : {}), ...(options.case ? { caseRef: options.case } : {}) };
    let stoppedAt: number | undefined;
    for (const [i, { file, n }] of toAdd.entries()) {
      if (stop?.signal.aborted) {
        stoppedAt = i;
        break;
      }
      const stages = stagesShown(batch ? `${basename(file)} (${n + 1}/${files.length})` : basename(file));
      bar = stages.bar;
      const result = await addOne(mosaic, consultation, file, options, { onStage: stages.onStage, ...(settings.extraction ? { extraction: settings.extraction } : {}) }, io)
        .finally(() => {
          stages.stop();
          bar = undefined;
        })
        .catch((error: unknown) => {
          // stops the batch: what was done is said before the error, which names the file under way
          if (batch) summarise(files, results, notAdded(i), io, started);
          throw namingFile(error, file);
        });
      if (result.kind === 'refused') {
        for (const line of result.lines) io.err(`${line}\n`);
        if (batch) summarise(files, results, notAdded(i), io, started);
        return 2;
      }
      if (!batch && result.kind === 'skipped') return said(result, io);
      if (result.kind === 'skipped') io.err(`${skippedLine(result)}\n`);
      results.push(result);
    }
    if (!batch) return 0;
    const code = summarise(files, results, stoppedAt === undefined ? [] : notAdded(stoppedAt), io, started, { stopped: stop?.exitCode !== undefined });
    return stop?.exitCode ?? code;
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    stop?.release();
    // a store failing under the batch fails its closing too (a write lock another process keeps):
    // the error said is the one that stopped the batch, naming the file, not the closing's
    await mosaic.close().catch((error: unknown) => {
      if (!failed) throw error;
    });
  }
}

/**
 * An error met adding `file` that no fault of the file or the options explains (a store failing, a
 * worker dying), its line naming the file: the batch ended on `mosaic: database is locked`, and
 * only its summary's `notAdded` said which file was under way. The command's own refusals name
 * what they are about already; an unexpected error keeps its name and stack, said as one.
 */
function namingFile(error: unknown, file: string): unknown {
  const about = `reports add: FILE ${shownPath(file)}: `;
  if (isAppError(error)) return error.message.startsWith('reports add: ') ? error : new AppError(error.code, `${about}${error.message}`, error.details);
  // a file Node could not read or write (the store's, a worker's), said as main.ts says one: its path and why
  const problem = fileProblem(error);
  if (problem !== undefined) return new AppError('MOSAIC_INVALID_INPUT', `${about}${problem}`);
  if (!(error instanceof Error)) return new Error(`${about}${String(error)}`, { cause: error });
  const named = new Error(`${about}${error.message}`, { cause: error });
  named.name = error.name;
  named.stack = [`${error.name}: ${named.message}`, ...(error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line))].join('\n');
  return named;
}

/** A file refused before it is read: not of a report's type, no file, or larger than a report may be. */
async function refusedUnread(file: string): Promise<Skipped | undefined> {
  if (!MEDIA_TYPES[extname(file).toLowerCase()]) return { kind: 'skipped', file, reason: `must be one of ${Object.keys(MEDIA_TYPES).join(' ')}` };
  const missing = await notAFile(file);
  // one file alone is refused as every command refuses a FILE that is none (input-files.ts)
  if (missing !== undefined) return { kind: 'skipped', file, reason: missing, thrown: new AppError('MOSAIC_INVALID_INPUT', `reports add: FILE ${shownPath(file)}: ${missing}`) };
  // refused before it is read: a file past 2 GiB cannot be read whole (an unexpected RangeError),
  // and one under it was read into memory only to be refused
  const { size } = await stat(file);
  if (size > MAX_REPORT_BYTES) return { kind: 'skipped', file, reason: `is larger than ${MAX_REPORT_BYTES / MB} MB (${Math.ceil(size / MB)} MB): a report is at most ${MAX_REPORT_BYTES / MB} MB` };
  return undefined;
}

async function addOne(mosaic: Mosaic, consultation: Consultation, file: string, options: AddOptions, upload: UploadOptions, io: CommandIo): Promise<FileResult> {
  const started = performance.now();
  let content: Buffer;
  try {
    content = await readFile(file);
  } catch (error) {
    const reason = fileReason(error);
    if (reason === undefined) throw error;
    return { kind: 'skipped', file, reason, thrown: new AppError('MOSAIC_INVALID_INPUT', `reports add: FILE ${shownPath(file)}: ${reason}`) };
  }
  const provenance = {
    source: options.source ?? `cli:${basename(file)}`, reliability: options.reliability ?? 'F', credibility: options.credibility ?? '6',
    marking: {
      tlp: options.tlp ?? 'AMBER', ...(options.classification ? { classification: options.classification } : {}),
      releasability: options.releasability ? options.releasability.split(',').map((r) => r.trim()).filter((r) => r !== '') : [],
    },
    handling: options.handling ?? 'H1',
    ...(options.category ? { category: options.category } : {}), ...(options.legalBasis ? { legalBasis: options.legalBasis } : {}),
  };
  let outcome: Awaited<ReturnType<typeof uploadReport>>;
  try {
    outcome = await uploadReport(mosaic, consultation, {
      content, mediaType: MEDIA_TYPES[extname(file).toLowerCase()] as string, fileName: basename(file), collection: options.collection, provenance,
      ...(options.title ? { title: options.title } : {}), ...(options.country === undefined ? {} : { country: options.country }),
    }, upload);
  } catch (error) {
    // the policy refuses the marking given: said of the option that gave it
    if (isAppError(error) && error.message === 'write refused: clearance' && options.classification !== undefined) {
      throw new AppError('MOSAIC_FORBIDDEN', `reports add: --classification ${JSON.stringify(options.classification)} is above the clearance of ${consultation.user.name} (${clearanceWords(consultation.user.clearance)}): nothing was added`);
    }
    // the file added before into the collection with other options: said of the file
    if (isAppError(error) && error.details?.['field'] === 'content') {
      const reason = String(error.details['reason']);
      return { kind: 'skipped', file, reason, thrown: new AppError(error.code, `reports add: FILE ${shownPath(file)}: ${reason}`, error.details) };
    }
    throw error;
  }
  if (!outcome.ok) {
    // the file's bytes, the media type its extension gave and what is made of its name are the file's fault; any other field is an option's
    const named = nameFields(options);
    const ofName = outcome.errors.filter((e) => named.has(e.field));
    const reasons = [...outcome.errors.filter((e) => FILE_FIELDS.has(e.field)).map((e) => e.reason), ...(ofName.length > 0 ? [nameRefused(file, ofName, named)] : [])];
    const ofOptions = outcome.errors.filter((e) => !FILE_FIELDS.has(e.field) && !named.has(e.field));
    if (ofOptions.length === 0) return { kind: 'skipped', file, reason: reasons.join('; ') };
    return {
      kind: 'refused',
      lines: [...reasons.map((reason) => `mosaic reports add: FILE ${shownPath(file)}: ${reason}`), ...ofOptions.map((e) => `mosaic reports add: ${OPTION_OF_FIELD[e.field] ?? e.field}: ${e.reason}`)],
    };
  }
  // the same file added before into the collection: that report, nothing written
  const repeated = outcome.repeated ? { repeated: true } : {};
  io.out(`${JSON.stringify({ file, report: outcome.report.id, ...repeated, extraction: outcome.extraction, proposals: outcome.proposals, pointers: outcome.pointers })}\n`);
  io.err(`${JSON.stringify({
    file, report: outcome.report.id, ...repeated, characters: Number(outcome.report.properties['characters']?.[0] ?? 0), entities: outcome.extraction.entities.length,
    relations: outcome.extraction.relations.length, proposals: Object.values(outcome.proposals).flat().length, ms: Math.round(performance.now() - started),
  })}\n`);
  return { kind: 'added', file, report: outcome.report.id, repeated: outcome.repeated === true };
}

const skippedLine = ({ file, reason }: Skipped): string => `mosaic reports add: FILE ${shownPath(file)}: ${reason}`;

/** One file refused alone: thrown as before batches (a FILE that is none, a conflict), else said, exit 2. */
function said(skipped: Skipped, io: CommandIo): number {
  if (skipped.thrown) throw skipped.thrown;
  io.err(`${skippedLine(skipped)}\n`);
  return 2;
}

/**
 * The batch's summary on stderr: the files added, those already there, those skipped with why,
 * and, when it stopped early, those not added (`stopped`: by a signal). Exit 2 when any file was
 * skipped or not added.
 */
function summarise(files: readonly string[], results: readonly FileResult[], notAdded: readonly string[], io: CommandIo, started: number, { stopped = false } = {}): number {
  const done = results.filter((r) => r.kind !== 'refused');
  const added = done.flatMap((r) => (r.kind === 'added' && !r.repeated ? [{ file: r.file, report: r.report }] : []));
  const repeated = done.flatMap((r) => (r.kind === 'added' && r.repeated ? [{ file: r.file, report: r.report }] : []));
  const skipped = done.flatMap((r) => (r.kind === 'skipped' ? [{ file: r.file, reason: r.reason }] : []));
  io.err(`${JSON.stringify({
    files: files.length, added, repeated, skipped, ...(notAdded.length > 0 ? { notAdded } : {}), ...(stopped ? { stopped: true } : {}), ms: Math.round(performance.now() - started),
  })}\n`);
  return skipped.length > 0 || notAdded.length > 0 ? 2 : 0;
}

/**
 * An upload's stages on a terminal's progress bar (progress.ts; nothing when stderr is piped), the
 * one under way with the seconds it has taken, counted every second: reading a PDF of many pages
 * takes up to minutes, and nothing said the command was at work.
 */
function stagesShown(file: string): { readonly bar: Progress; readonly onStage: (stage: UploadStage) => void; readonly stop: () => void } {
  const bar = progressBar(`reports add ${file}`);
  let stage: UploadStage | undefined;
  let since = 0;
  const show = (): void => {
    if (stage === undefined) return;
    const seconds = Math.floor((performance.now() - since) / 1000);
    bar.update(UPLOAD_STAGES.indexOf(stage), UPLOAD_STAGES.length, seconds > 0 ? `${stage} (${seconds} s)` : stage);
  };
  const ticks = setInterval(show, 1000).unref();
  return {
    bar,
    onStage(next) {
      stage = next;
      since = performance.now();
      show();
    },
    // before the answer or refusal is said, so it is not drawn over
    stop() {
      clearInterval(ticks);
      bar.stop();
    },
  };
}
