/**
 * mosaic reports add FILE --collection C --as USER [--source S --reliability B --credibility 2
 *   --tlp amber --classification restricted --releasability be --handling H1 --category other
 *   --legal-basis L --title T --country CC --purpose P --case C] [--data DIR]
 * mosaic reports search Q --purpose P --case C --as USER [--collection C] [--limit N] [--data DIR]
 * mosaic reports show REPORT --purpose P --case C --as USER
 * mosaic reports confirm REPORT ENTITY --purpose P --case C --as USER [--link RECORD] [--name N]
 * mosaic reports reject REPORT ENTITY --purpose P --case C --as USER
 *
 * The command acts as a stored user (--as), so the policy and the audit log treat it like the
 * same person in the web app. `add` prints the report id, the extraction and link proposals as
 * one JSON document; `search` prints one JSON line per report found. `show` prints the report
 * with each extracted entity's status and link proposals, `confirm` makes an entity a record of
 * the report's agency (with --link, judged the same as an existing record) and `reject` sets it
 * aside: the review the web app offers. `add` proposes from the name index; `show` and
 * `confirm` resolve the store first, so proposals and links use the resolution's own blocking.
 * Ungraded input defaults to F6 (reliability and credibility cannot be judged) and, unless
 * --releasability says otherwise, stays with the agency.
 */
import { AppError, isAppError, RecordId, toCountryCode } from '@mosaic/model';
import { confirmEntity, identifierIndexes, MAX_REPORT_BYTES, openMosaic, readReport, rejectEntity, searchReports, startProjections, UPLOAD_STAGES, uploadReport, type UploadStage } from '@mosaic/service';
import { stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { ACTING_OPTIONS, actingUser } from '../acting-user.ts';
import { PROCESS_IO, type CommandIo } from '../command-io.ts';
import { STORE_OPTIONS, configOf, parse, requirePurposeOptions, takesOnly } from '../args.ts';
import { existingStore } from '../existing-store.ts';
import { readInputBytes, requireFiles } from '../input-files.ts';
import { progressBar } from '../progress.ts';
import { MEDIA_TYPES } from './extract.ts';

const USAGE = [
  'usage: mosaic reports add FILE --collection C --as USER [--source S] [--reliability A-F] [--credibility 1-6] [--tlp T] [--classification C]',
  '                          [--releasability R,…] [--handling H0-H3] [--category C] [--legal-basis L] [--title T] [--country CC] [--purpose P --case C]',
  '       mosaic reports search Q --purpose P --case C --as USER [--collection C] [--limit N]',
  '       mosaic reports show REPORT --purpose P --case C --as USER',
  '       mosaic reports confirm REPORT ENTITY --purpose P --case C --as USER [--link RECORD] [--name N]',
  '       mosaic reports reject REPORT ENTITY --purpose P --case C --as USER',
].join('\n');

const MB = 1024 * 1024;

/** The options each verb takes, besides the store's. */
const VERB_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  add: ['as', 'purpose', 'case', 'collection', 'source', 'reliability', 'credibility', 'tlp', 'classification', 'releasability', 'handling', 'category', 'legal-basis', 'title', 'country'],
  search: ['as', 'purpose', 'case', 'collection', 'limit'],
  show: ['as', 'purpose', 'case'],
  confirm: ['as', 'purpose', 'case', 'link', 'name'],
  reject: ['as', 'purpose', 'case'],
};

/** The option that gave each field of the upload. */
const OPTION_OF_FIELD: Readonly<Record<string, string>> = {
  collection: '--collection', title: '--title', country: '--country', 'provenance.source': '--source', 'provenance.reliability': '--reliability',
  'provenance.credibility': '--credibility', 'provenance.marking.tlp': '--tlp', 'provenance.marking.classification': '--classification',
  'provenance.marking.releasability': '--releasability', 'provenance.handling': '--handling', 'provenance.category': '--category', 'provenance.legalBasis': '--legal-basis',
};

export async function run(argv: readonly string[], io: CommandIo = PROCESS_IO): Promise<number> {
  const { values, positionals } = parse('reports', argv, {
    ...STORE_OPTIONS, ...ACTING_OPTIONS, collection: { type: 'string' }, source: { type: 'string' }, reliability: { type: 'string' },
    credibility: { type: 'string' }, tlp: { type: 'string' }, classification: { type: 'string' }, releasability: { type: 'string' },
    handling: { type: 'string' }, category: { type: 'string' }, 'legal-basis': { type: 'string' }, title: { type: 'string' }, country: { type: 'string' },
    purpose: { type: 'string' }, case: { type: 'string' }, limit: { type: 'string' }, link: { type: 'string' }, name: { type: 'string' },
  });
  const [verb, arg, ...extra] = positionals;
  const adding = verb === 'add' && arg !== undefined && values.collection !== undefined && extra.length === 0;
  const searching = verb === 'search' && arg !== undefined && extra.length === 0;
  const showing = verb === 'show' && arg !== undefined && extra.length === 0;
  const deciding = (verb === 'confirm' || verb === 'reject') && arg !== undefined && extra.length === 1;
  if ((!adding && !searching && !showing && !deciding) || !values.as) {
    io.err(`${USAGE}\n`);
    return 2;
  }
  takesOnly(`reports ${verb}`, values, VERB_OPTIONS[verb as string] ?? []);
  // an upload without them is audited as the review of its collection (upload-report.ts)
  const given = adding ? undefined : requirePurposeOptions(`reports ${verb}`, values);
  const limit = values.limit === undefined ? undefined : Number(values.limit);
  if (limit !== undefined && (!/^\d+$/.test(values.limit ?? '') || limit < 1 || limit > 100)) throw new AppError('MOSAIC_INVALID_INPUT', 'reports search: --limit takes a whole number from 1 to 100');
  const mediaType = adding ? MEDIA_TYPES[extname(arg).toLowerCase()] : undefined;
  if (adding && !mediaType) {
    io.err(`mosaic reports add: FILE must be one of ${Object.keys(MEDIA_TYPES).join(' ')}\n`);
    return 2;
  }
  // the model's ISO 3166 check, as ingest reads a country: a code or an English name
  const country = adding && values.country !== undefined ? toCountryCode(values.country) : undefined;
  if (values.country !== undefined && adding && country === undefined) {
    throw new AppError('MOSAIC_INVALID_INPUT', `reports add: --country ${JSON.stringify(values.country)} is not an ISO 3166 country (a code such as be, bel, or an English name)`);
  }
  if (adding) {
    await requireFiles('reports add', { FILE: arg });
    // refused before it is read: a file past 2 GiB cannot be read whole (an unexpected RangeError),
    // and one under it was read into memory only to be refused
    const { size } = await stat(arg);
    if (size > MAX_REPORT_BYTES) {
      io.err(`mosaic reports add: FILE ${arg}: is larger than ${MAX_REPORT_BYTES / MB} MB (${Math.ceil(size / MB)} MB): a report is at most ${MAX_REPORT_BYTES / MB} MB\n`);
      return 2;
    }
  }
  const mosaic = await openMosaic(await existingStore(`reports ${verb}`, configOf(values)));
  try {
    const user = await actingUser(mosaic, values.as, 'reports');
    const consultation = { user, ...(given ?? { ...(values.purpose ? { purpose: values.purpose } : {}), ...(values.case ? { caseRef: values.case } : {}) }) };
    const started = performance.now();
    if (showing || deciding) {
      const projections = await startProjections(mosaic, { follow: false });
      try {
        const report = RecordId(arg);
        if (showing) {
          io.out(`${JSON.stringify(await readReport(mosaic, consultation, report, { entities: projections.entities, identifiers: identifierIndexes(projections) }))}\n`);
          return 0;
        }
        const entity = extra[0] as string;
        if (verb === 'reject') {
          await rejectEntity(mosaic, consultation, report, entity);
          io.out(`${JSON.stringify({ report, entity, status: 'rejected' })}\n`);
          return 0;
        }
        const outcome = await confirmEntity(mosaic, consultation, report, entity, {
          ...(values.link ? { link: RecordId(values.link) } : {}), ...(values.name ? { name: values.name } : {}),
        }, { entities: projections.entities });
        if (!outcome.ok) {
          for (const error of outcome.errors) io.err(`mosaic reports confirm: ${error.field}: ${error.reason}\n`);
          return 2;
        }
        io.out(`${JSON.stringify({ report, entity, status: 'confirmed', record: outcome.record.id, ...(outcome.entity ? { resolvedAs: outcome.entity } : {}), relations: outcome.relations })}\n`);
        return 0;
      } finally {
        projections.stop();
        await projections.entities.settle();
        await projections.notifications.idle();
      }
    }
    if (searching) {
      const found = await searchReports(mosaic, consultation, { q: arg, ...(values.collection ? { collection: values.collection } : {}), ...(limit === undefined ? {} : { limit }) });
      for (const hit of found.results) {
        const { id, properties, provenance } = hit.report;
        io.out(`${JSON.stringify({ id, title: properties['title']?.[0], collection: properties['collection']?.[0], agency: provenance.agency, snippet: hit.snippet })}\n`);
      }
      for (const pointer of found.pointers) io.out(`${JSON.stringify({ pointer })}\n`);
      io.err(`${JSON.stringify({ results: found.results.length, pointers: found.pointers.length, ms: Math.round(performance.now() - started) })}\n`);
      return 0;
    }
    const provenance = {
      source: values.source ?? `cli:${basename(arg)}`, reliability: values.reliability ?? 'F', credibility: values.credibility ?? '6',
      marking: {
        tlp: values.tlp ?? 'AMBER', ...(values.classification ? { classification: values.classification } : {}),
        releasability: values.releasability ? values.releasability.split(',').map((r) => r.trim()).filter((r) => r !== '') : [],
      },
      handling: values.handling ?? 'H1',
      ...(values.category ? { category: values.category } : {}), ...(values['legal-basis'] ? { legalBasis: values['legal-basis'] } : {}),
    };
    const stages = stagesShown(basename(arg));
    const outcome = await uploadReport(mosaic, consultation, {
      content: await readInputBytes('reports add', 'FILE', arg), mediaType: mediaType as string, fileName: basename(arg), collection: values.collection as string, provenance,
      ...(values.title ? { title: values.title } : {}), ...(country === undefined ? {} : { country }),
    }, { onStage: stages.onStage }).finally(stages.stop).catch((error: unknown) => {
      // the policy refuses the marking given: said of the option that gave it
      if (isAppError(error) && error.message === 'write refused: clearance' && values.classification !== undefined) {
        throw new AppError('MOSAIC_FORBIDDEN', `reports add: --classification ${JSON.stringify(values.classification)} is above the clearance of ${user.name} (${user.clearance}): nothing was added`);
      }
      // the file added before into the collection with other options: said of the file
      if (isAppError(error) && error.details?.['field'] === 'content') throw new AppError(error.code, `reports add: FILE ${arg}: ${String(error.details['reason'])}`, error.details);
      throw error;
    });
    if (!outcome.ok) {
      // the file is what the user gave for the content
      for (const error of outcome.errors) io.err(`mosaic reports add: ${error.field === 'content' ? `FILE ${arg}` : OPTION_OF_FIELD[error.field] ?? error.field}: ${error.reason}\n`);
      return 2;
    }
    // the same file added before into the collection: that report, nothing written
    const repeated = outcome.repeated ? { repeated: true } : {};
    io.out(`${JSON.stringify({ report: outcome.report.id, ...repeated, extraction: outcome.extraction, proposals: outcome.proposals, pointers: outcome.pointers })}\n`);
    io.err(`${JSON.stringify({
      report: outcome.report.id, ...repeated, characters: Number(outcome.report.properties['characters']?.[0] ?? 0), entities: outcome.extraction.entities.length,
      relations: outcome.extraction.relations.length, proposals: Object.values(outcome.proposals).flat().length, ms: Math.round(performance.now() - started),
    })}\n`);
    return 0;
  } finally {
    await mosaic.close();
  }
}

/**
 * An upload's stages on a terminal's progress bar (progress.ts; nothing when stderr is piped), the
 * one under way with the seconds it has taken, counted every second: reading a PDF of many pages
 * takes up to minutes, and nothing said the command was at work.
 */
function stagesShown(file: string): { readonly onStage: (stage: UploadStage) => void; readonly stop: () => void } {
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
