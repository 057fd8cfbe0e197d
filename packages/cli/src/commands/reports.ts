/**
 * mosaic reports add FILE… --collection C --as USER [--source S --reliability B --credibility 2
 *   --tlp amber --classification restricted --releasability be --handling H1 --category other
 *   --legal-basis L --title T --country CC --purpose P --case C] [--data DIR]
 * mosaic reports search Q --purpose P --case C --as USER [--collection C] [--limit N] [--data DIR]
 * mosaic reports show REPORT --purpose P --case C --as USER
 * mosaic reports confirm REPORT ENTITY --purpose P --case C --as USER [--link RECORD] [--name N]
 * mosaic reports reject REPORT ENTITY --purpose P --case C --as USER
 *
 * The command acts as a stored user (--as), so the policy and the audit log treat it like the
 * same person in the web app. `add` (reports-add.ts) prints for each file its report id, the
 * extraction and link proposals as one JSON line, and for several files a summary of what was
 * added, already there or skipped and why; `search` prints one JSON line per report found. `show` prints the report
 * with each extracted entity's status and link proposals, `confirm` makes an entity a record of
 * the report's agency (with --link, judged the same as an existing record) and `reject` sets it
 * aside: the review the web app offers. `add` proposes from the name index; `show` and
 * `confirm` resolve the store first, so proposals and links use the resolution's own blocking.
 * Ungraded input defaults to F6 (reliability and credibility cannot be judged) and, unless
 * --releasability says otherwise, stays with the agency.
 */
import type { ExtractLimits } from '@mosaic/extract';
import { AppError, RecordId, toCountryCode } from '@mosaic/model';
import { confirmEntity, identifierIndexes, openMosaic, readReport, rejectEntity, searchReports, startProjections } from '@mosaic/service';
import { ACTING_OPTIONS, actingUser } from '../acting-user.ts';
import { PROCESS_IO, type CommandIo } from '../command-io.ts';
import { STORE_OPTIONS, configOf, parse, requirePurposeOptions, takesOnly } from '../args.ts';
import { existingStore } from '../existing-store.ts';
import { addReports } from './reports-add.ts';

const USAGE = [
  'usage: mosaic reports add FILE… --collection C --as USER [--source S] [--reliability A-F] [--credibility 1-6] [--tlp T] [--classification C]',
  '                          [--releasability R,…] [--handling H0-H3] [--category C] [--legal-basis L] [--title T (one FILE)] [--country CC] [--purpose P --case C]',
  '       mosaic reports search Q --purpose P --case C --as USER [--collection C] [--limit N]',
  '       mosaic reports show REPORT --purpose P --case C --as USER',
  '       mosaic reports confirm REPORT ENTITY --purpose P --case C --as USER [--link RECORD] [--name N]',
  '       mosaic reports reject REPORT ENTITY --purpose P --case C --as USER',
].join('\n');

/** The options each verb takes, besides the store's. */
const VERB_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  add: ['as', 'purpose', 'case', 'collection', 'source', 'reliability', 'credibility', 'tlp', 'classification', 'releasability', 'handling', 'category', 'legal-basis', 'title', 'country'],
  search: ['as', 'purpose', 'case', 'collection', 'limit'],
  show: ['as', 'purpose', 'case'],
  confirm: ['as', 'purpose', 'case', 'link', 'name'],
  reject: ['as', 'purpose', 'case'],
};

/** `extraction`: the bounds of `add`'s extraction, extract-off-thread.ts's unless given (a test's shorter time). */
export async function run(argv: readonly string[], io: CommandIo = PROCESS_IO, { extraction }: { readonly extraction?: ExtractLimits } = {}): Promise<number> {
  const { values, positionals } = parse('reports', argv, {
    ...STORE_OPTIONS, ...ACTING_OPTIONS, collection: { type: 'string' }, source: { type: 'string' }, reliability: { type: 'string' },
    credibility: { type: 'string' }, tlp: { type: 'string' }, classification: { type: 'string' }, releasability: { type: 'string' },
    handling: { type: 'string' }, category: { type: 'string' }, 'legal-basis': { type: 'string' }, title: { type: 'string' }, country: { type: 'string' },
    purpose: { type: 'string' }, case: { type: 'string' }, limit: { type: 'string' }, link: { type: 'string' }, name: { type: 'string' },
  });
  const [verb, arg, ...extra] = positionals;
  // add takes many files: a folder's reports, a shell glob
  const adding = verb === 'add' && arg !== undefined && values.collection !== undefined;
  const searching = verb === 'search' && arg !== undefined && extra.length === 0;
  const showing = verb === 'show' && arg !== undefined && extra.length === 0;
  const deciding = (verb === 'confirm' || verb === 'reject') && arg !== undefined && extra.length === 1;
  if ((!adding && !searching && !showing && !deciding) || !values.as) {
    io.err(`${USAGE}\n`);
    return 2;
  }
  takesOnly(`reports ${verb}`, values, VERB_OPTIONS[verb as string] ?? []);
  const limit = values.limit === undefined ? undefined : Number(values.limit);
  if (limit !== undefined && (!/^\d+$/.test(values.limit ?? '') || limit < 1 || limit > 100)) throw new AppError('MOSAIC_INVALID_INPUT', 'reports search: --limit takes a whole number from 1 to 100');
  // the model's ISO 3166 check, as ingest reads a country: a code or an English name
  const country = adding && values.country !== undefined ? toCountryCode(values.country) : undefined;
  if (values.country !== undefined && adding && country === undefined) {
    throw new AppError('MOSAIC_INVALID_INPUT', `reports add: --country ${JSON.stringify(values.country)} is not an ISO 3166 country (a code such as be, bel, or an English name)`);
  }
  if (adding) {
    return addReports([arg, ...extra], {
      as: values.as, collection: values.collection as string, purpose: values.purpose, case: values.case, source: values.source, reliability: values.reliability,
      credibility: values.credibility, tlp: values.tlp, classification: values.classification, releasability: values.releasability, handling: values.handling,
      category: values.category, legalBasis: values['legal-basis'], title: values.title, country,
    }, io, { config: configOf(values), extraction });
  }
  // an upload needs none: it is audited as the review of its collection (upload-report.ts)
  const given = requirePurposeOptions(`reports ${verb}`, values);
  const mosaic = await openMosaic(await existingStore(`reports ${verb}`, configOf(values)));
  try {
    const user = await actingUser(mosaic, values.as, 'reports');
    const consultation = { user, ...given };
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
    const found = await searchReports(mosaic, consultation, { q: arg, ...(values.collection ? { collection: values.collection } : {}), ...(limit === undefined ? {} : { limit }) });
    for (const hit of found.results) {
      const { id, properties, provenance } = hit.report;
      io.out(`${JSON.stringify({ id, title: properties['title']?.[0], collection: properties['collection']?.[0], agency: provenance.agency, snippet: hit.snippet })}\n`);
    }
    for (const pointer of found.pointers) io.out(`${JSON.stringify({ pointer })}\n`);
    io.err(`${JSON.stringify({ results: found.results.length, pointers: found.pointers.length, ms: Math.round(performance.now() - started) })}\n`);
    return 0;
  } finally {
    await mosaic.close();
  }
}
