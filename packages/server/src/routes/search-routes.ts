/**
 * Name search over everything the user may see, with pointers to what others hold. On a node
 * with projections, spelling, script and particle variants, and the holders of a document
 * number, plate or phone number, are found through the watchlist's index as well as the words
 * of the query, and the records of one resolved subject are listed together (@mosaic/service
 * record-search.ts).
 */
import { DATE_LEVELS, NAME_LEVELS } from '@mosaic/matching';
import type { RecordId } from '@mosaic/model';
import { SEARCH_MAX_LIMIT, searchRecords, type Projections } from '@mosaic/service';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePurpose, requireUser } from '../request-context.ts';
import { PointerOut, PurposeFieldsOrHeaders, PurposeHeaders, RecordOut } from './views.ts';

const SearchHitOut = RecordOut.extend({
  matched: z.object({
    name: z.string().describe('the name of the record that matched best: the one holding the query\'s words most as written (as written, sounding alike, a spelling), then the best scored; the record is ranked by it'),
    level: z.enum(NAME_LEVELS).describe('how it matched (the matcher\'s name levels: exact, phonetic, fuzzy, subset…)'),
    score: z.number().describe('how closely, 0–1, as a checkpoint check scores names'),
    marks: z.array(z.tuple([z.number().int(), z.number().int()]).readonly()).readonly().describe('the words of `name` the matcher aligned with the query, as [start, end) offsets in UTF-16 code units, in order (a compound written apart gives each of its words; a particle or title alone none); empty when none aligned'),
  }).optional().describe('absent for a record found by a word of the query or an identifier that has no name the matcher compares'),
  identifier: z.object({
    kind: z.enum(['document', 'plate', 'phone']),
    how: z.enum(['exact', 'confusable']).describe('confusable: equal once characters OCR confuses are read alike (O/0, I/1, S/5…)'),
  }).optional().describe('present when the record was found by a document number, plate or phone number it holds'),
  born: z.enum(DATE_LEVELS).optional().describe('how the record\'s date of birth compares with the one asked (only when one was asked)'),
  subject: z.object({
    entity: z.string().describe('the resolved entity (GET /entities/:id?record=lead)'),
    lead: z.string().describe('the best-ranked result of this subject: the others follow it'),
  }).optional().describe('present when other results are records of the same subject, as far as the records this user may see hold together'),
});

export function searchRoutes(projections?: Pick<Projections, 'screening' | 'entities'>) {
  const options = projections ? { names: projections.screening.index, subjects: projections.entities, provenanceOf: (id: RecordId) => projections.screening.provenanceOf(id) } : {};
  return async function routes(api: FastifyInstance): Promise<void> {
    const app = api.withTypeProvider<ZodTypeProvider>();
    app.post('/search', {
      schema: {
        tags: ['search'], summary: 'Search names and aliases (spelling and script variants included) and identifiers; needs a purpose and a case reference',
        headers: PurposeHeaders,
        body: z.object({
          // over 200 characters is refused by checkQuery as MOSAIC_QUERY_REJECTED naming q, as every search's q is, so the
          // schema only bounds what is read; the description says the limit that holds
          q: z.string().max(10_000).meta({ maxLength: 200, description: 'Names, aliases or identifiers: at least two letters or digits, at most 200 characters, else 400 MOSAIC_QUERY_REJECTED naming q' }),
          schema: z.string().max(64).optional(), limit: z.number().int().min(1).max(SEARCH_MAX_LIMIT).optional(),
          birthDate: z.string().max(64).optional().describe('YYYY, YYYY-MM or YYYY-MM-DD: lifts the records born then, lowers those born otherwise'),
          ...PurposeFieldsOrHeaders,
        }),
        response: { 200: z.object({ results: z.array(SearchHitOut).readonly().describe('best match first: a record whose name holds each word of the query as written ranks as the exact name would, before those holding only a spelling, sound or stem of it; by score within each, moved by birthDate'), pointers: z.array(PointerOut).readonly(), truncated: z.boolean().describe('more records may match than `results` holds: narrow the query'), words: z.array(z.string()).readonly().describe('the query\'s words as the name index folds them (whole words, case and diacritics folded), particles and titles left out unless the query is nothing else: a name shown besides `matched.name` is marked where one of its words folds to one of these') }) },
      },
    }, async (request) => {
      const user = await requireUser(request);
      const { q, schema, limit, birthDate } = request.body;
      const purpose = requirePurpose(request.body, request);
      return searchRecords(api.mosaic, { user, ...purpose }, { q, ...(schema ? { schema } : {}), ...(limit ? { limit } : {}), ...(birthDate ? { birthDate } : {}) }, options);
    });
  };
}
