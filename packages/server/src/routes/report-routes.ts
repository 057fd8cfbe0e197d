/**
 * Text reports: extraction on its own (text or a file in, DESIGN.md's extract contract out),
 * upload into a collection with provenance, full-text search, the report with its mentions and
 * review, and the review actions (confirm, optionally edited and linked to an existing record;
 * reject). Files travel as base64 in JSON: one request shape for every client, no multipart.
 * Every read needs a purpose and a case reference (headers, or fields on upload and search).
 */
import { ENTITY_SCHEMATA, RELATION_TYPES } from '@mosaic/extract';
import { RecordId, toCountryCode, type FieldError } from '@mosaic/model';
import { confirmEntity, IDENTIFIER_KINDS, identifierIndexes, latestReports, LINK_KINDS, MAX_REPORT_BYTES, readReport, rejectEntity, reportEntities, reportText, requireReportReader, REVIEW_STATUSES, searchReports, uploadReport, type Projections } from '@mosaic/service';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePurpose, requireUser } from '../request-context.ts';
import { FieldErrors, PointerOut, PurposeFields, PurposeFieldsOrHeaders, PurposeHeaders, RecordOut } from './views.ts';

/** Base64 of MAX_REPORT_BYTES, with room for padding and line breaks. */
const MAX_BASE64 = Math.ceil((MAX_REPORT_BYTES * 4) / 3) + 1024;

const DocumentIn = {
  text: z.string().optional().describe('The report as plain text (instead of content)'),
  content: z.string().optional().describe(`The file, base64-encoded (at most ${MAX_REPORT_BYTES / 1024 / 1024} MB decoded)`),
  mediaType: z.string().max(200).optional().describe('text/plain, text/html, application/pdf or DOCX (application/vnd.openxmlformats-officedocument.wordprocessingml.document)'),
  // the model's ISO 3166 list, as ingest checks a country: two letters alone let zz or xx through
  country: z.string().regex(/^[A-Za-z]{2}$/).superRefine((code, context) => {
    if (toCountryCode(code) === undefined) context.addIssue({ code: 'custom', message: `${JSON.stringify(code)} is not an ISO 3166 country` });
  }).optional().describe('ISO 3166 alpha-2 country the report comes from (breaks ties between places)'),
};

const Mention = z.object({ start: z.number(), end: z.number(), text: z.string() });
const Properties = z.record(z.string(), z.array(z.string()).readonly());
const ExtractedEntityOut = z.object({ id: z.string(), schema: z.enum(ENTITY_SCHEMATA), name: z.string(), mentions: z.array(Mention).readonly(), properties: Properties });
const Evidence = z.object({ sentence: z.string(), start: z.number(), end: z.number() });
const ExtractedRelationOut = z.object({ type: z.enum(RELATION_TYPES), source: z.string(), target: z.string(), kind: z.string().optional(), evidence: Evidence });
const ExtractionOut = z.object({
  entities: z.array(ExtractedEntityOut).readonly(), relations: z.array(ExtractedRelationOut).readonly(),
  warnings: z.array(z.string()).readonly().optional().describe('What extraction could not read (a text mostly in Arabic script is read for name fields only); absent when nothing'),
});
const ProposalOut = z.object({
  record: z.string(), entity: z.string().optional(), schema: z.string().describe('the record\'s schema (Person, Phone, Vehicle…)'), caption: z.string(), agency: z.string(),
  score: z.number().describe('Calibrated probability that the mention and the record are the same; for an identifier, 1 when the record holds it as the report has it, 0.99 as OCR misreads it'), match: z.boolean(),
  explain: z.unknown().describe('The matcher\'s explanation: each feature, its level and weight in bits, the name\'s agreeing tokens with the words written there, the report\'s (`wordsA`) and the record\'s (`wordsB`), named in its detail too, "Moreau ~ MOREAU at frequency 0.0017: +0.51" (empty for an identifier)'),
  identifier: z.object({
    kind: z.enum(IDENTIFIER_KINDS),
    how: z.enum(['exact', 'confusable']).describe('confusable: equal once characters OCR confuses are read alike (O/0, I/1, S/5…)'),
    property: z.string().describe('the property of the record holding it (phone, email, passportNumber, number, registrationNumber…)'),
    value: z.string().describe('the identifier as the record holds it'),
    link: z.enum(['holder', 'lead']).describe('what confirming with this link makes: holder — the new record names the record as its holder (owner for a vehicle); lead — the review keeps the link, nothing is written'),
  }).optional().describe('present for an extracted phone, e-mail, document or plate: how the record found holds it'),
  birthDate: z.array(z.string()).readonly().optional().describe('a person\'s: the record\'s dates of birth, which tell candidates of one name apart'),
  nationality: z.array(z.string()).readonly().optional().describe('a person\'s: the record\'s nationalities (ISO 3166 codes)'),
});
const Status = z.enum(REVIEW_STATUSES);
const RecordErased = z.literal(true).optional().describe('confirmed, and the record it made erased since (told to the report\'s reviewers)');
const ReportViewOut = z.object({
  report: RecordOut, text: z.string(), reviewable: z.boolean(), pointers: z.array(PointerOut).readonly(),
  entities: z.array(ExtractedEntityOut.extend({
    status: Status, recordable: z.boolean(), record: z.string().optional(), entity: z.string().optional(), linkedTo: z.string().optional(),
    linkedAs: z.enum(LINK_KINDS).optional().describe('what the link made: same (a judgement), holder, or lead (kept in the review)'), recordErased: RecordErased,
    erased: z.literal(true).optional().describe('taken by a person\'s erasure (it named them; its name reads "Erased: it named an erased record", with no mention): no link is proposed for it, and confirming or rejecting it answers 409 MOSAIC_CONFLICT'),
    proposals: z.array(ProposalOut).readonly(),
  })).readonly(),
  relations: z.array(ExtractedRelationOut.extend({ index: z.number(), status: Status, recordable: z.boolean().describe('whether the records have a form for it between its ends (a relationship, a holder, a journey as a Travel); one without stays in the report\'s text'), record: z.string().optional(), recordErased: RecordErased, note: z.string().optional() })).readonly(),
  warnings: ExtractionOut.shape.warnings,
});
const Params = z.object({ id: z.string().min(1).max(300) });
const EntityParams = Params.extend({ entity: z.string().min(1).max(50) });

function invalid(reply: FastifyReply, errors: readonly FieldError[]) {
  return reply.status(400).send({ error: { code: 'MOSAIC_INVALID_INPUT', message: errors.map((e) => `${e.field}: ${e.reason}`).join('; '), details: [...errors] } });
}

/** Decoded file bytes, or the reason the field is refused; Buffer.from would silently skip bad characters. */
function decodeContent(content: string | undefined): Uint8Array | FieldError | undefined {
  if (content === undefined) return undefined;
  if (content.length > MAX_BASE64) return { field: 'content', reason: `is larger than ${MAX_REPORT_BYTES / 1024 / 1024} MB` };
  const compact = content.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 === 1) return { field: 'content', reason: 'is not base64' };
  return new Uint8Array(Buffer.from(compact, 'base64'));
}

const isFieldError = (value: unknown): value is FieldError => typeof value === 'object' && value !== null && 'field' in value && 'reason' in value;

const Uploaded = z.object({ report: RecordOut, extraction: ExtractionOut, proposals: z.record(z.string(), z.array(ProposalOut).readonly()), pointers: z.array(PointerOut).readonly() });

export function reportRoutes(projections?: Projections) {
  const entities = projections ? { entities: projections.entities, identifiers: identifierIndexes(projections) } : {};
  return async function routes(api: FastifyInstance): Promise<void> {
    const app = api.withTypeProvider<ZodTypeProvider>();

    app.post('/extract', {
      schema: { tags: ['reports'], summary: 'Entities and relations in a text or a document (nothing is stored); for analysts and officers, who upload reports (403 for another role)',
        body: z.object(DocumentIn), response: { 200: ExtractionOut, 400: FieldErrors } },
    }, async (request, reply) => {
      requireReportReader(await requireUser(request));
      const content = decodeContent(request.body.content);
      if (isFieldError(content)) return invalid(reply, [content]);
      const text = await reportText({ ...(content ? { content } : {}), ...(request.body.mediaType ? { mediaType: request.body.mediaType } : {}), ...(request.body.text !== undefined ? { text: request.body.text } : {}) });
      if (typeof text !== 'string') return invalid(reply, [text]);
      // given up at its time or memory bound: 400 naming the field the text came in
      const extraction = await reportEntities(text, request.body.text !== undefined ? 'text' : 'content', request.body.country ? { country: request.body.country.toLowerCase() } : {});
      return isFieldError(extraction) ? invalid(reply, [extraction]) : extraction;
    });

    app.post('/reports', {
      schema: { tags: ['reports'], summary: 'Upload a report into a collection with its provenance; returns the report, the extraction and link proposals',
        body: z.object({
          ...DocumentIn,
          fileName: z.string().max(300).optional(), title: z.string().max(300).optional(),
          collection: z.string().min(1).max(200),
          provenance: z.record(z.string(), z.unknown()).describe('source, reliability (A-F), credibility (1-6), marking {tlp, classification, releasability}, handling (H0-H3); optional category, legalBasis, reviewDate. The agency is yours; the id is made for the report (sourceRecordId is refused).'),
          purpose: PurposeFields.purpose.optional(), caseRef: PurposeFields.caseRef.optional(),
        }),
        response: { 201: Uploaded, 200: Uploaded.extend({ repeated: z.literal(true).describe('The same content was uploaded into this collection by your agency before: that report is answered as it stands, and nothing was written') }), 400: FieldErrors } },
    }, async (request, reply) => {
      const user = await requireUser(request);
      const { content: base64, text, mediaType, fileName, title, collection, provenance, country, purpose, caseRef } = request.body;
      const content = decodeContent(base64);
      if (isFieldError(content)) return invalid(reply, [content]);
      const outcome = await uploadReport(api.mosaic, { user, ...(purpose ? { purpose } : {}), ...(caseRef ? { caseRef } : {}) }, {
        collection, provenance,
        ...(content ? { content } : {}), ...(text !== undefined ? { text } : {}), ...(mediaType ? { mediaType } : {}),
        ...(fileName ? { fileName } : {}), ...(title ? { title } : {}), ...(country ? { country: country.toLowerCase() } : {}),
      }, entities);
      if (!outcome.ok) return invalid(reply, outcome.errors);
      const answer = { report: outcome.report, extraction: outcome.extraction, proposals: outcome.proposals, pointers: outcome.pointers };
      return outcome.repeated ? reply.status(200).send({ ...answer, repeated: true }) : reply.status(201).send(answer);
    });

    app.get('/reports', {
      schema: { tags: ['reports'], summary: 'Full-text search over the reports you may see, or without `q` the latest ones; needs a purpose and a case reference',
        querystring: z.object({ q: z.string().max(10_000).optional().meta({ maxLength: 200, description: 'words of the text, at most 200 characters (checked as a search\'s q: else 400 MOSAIC_QUERY_REJECTED naming q); absent or blank: the reports uploaded last, newest first' }), collection: z.string().max(200).optional(), limit: z.coerce.number().int().min(1).max(100).optional(), ...PurposeFieldsOrHeaders }),
        headers: PurposeHeaders,
        response: { 200: z.object({ results: z.array(z.object({ report: RecordOut, snippet: z.string() })).readonly(), pointers: z.array(PointerOut).readonly() }) } },
    }, async (request) => {
      const user = await requireUser(request);
      const { q, collection, limit } = request.query;
      const consultation = { user, ...requirePurpose(request.query, request) };
      const scope = { ...(collection ? { collection } : {}), ...(limit ? { limit } : {}) };
      return q === undefined || q.trim() === '' ? latestReports(api.mosaic, consultation, scope) : searchReports(api.mosaic, consultation, { q, ...scope });
    });

    app.get('/reports/:id', {
      schema: { tags: ['reports'], summary: 'A report: text, provenance, mentions, relations, the status of each, and link proposals for its reviewers',
        params: Params, headers: PurposeHeaders, response: { 200: z.object({ report: ReportViewOut.optional(), pointer: PointerOut.optional() }) } },
    }, async (request) => {
      const user = await requireUser(request);
      const answer = await readReport(api.mosaic, { user, ...requirePurpose(undefined, request) }, RecordId(request.params.id), entities);
      return answer.view ? { report: answer.view } : { pointer: answer.pointer };
    });

    app.post('/reports/:id/entities/:entity/confirm', {
      schema: { tags: ['reports'], summary: 'Confirm an extracted entity as a record of your agency (optionally edited, and linked to an existing record judged the same)',
        params: EntityParams, headers: PurposeHeaders,
        body: z.object({
          name: z.string().min(1).max(500).optional(), properties: z.record(z.string(), z.array(z.string().max(1000)).max(100)).optional(),
          link: z.string().min(1).max(300).optional().describe('An existing record (from the proposals): the same person or organisation, or for a phone, e-mail, document or vehicle its holder or another record holding it'),
          category: z.string().max(20).optional().describe('The data subject\'s category (suspect, victim, witness, contact, …); default the report\'s'),
          ...PurposeFieldsOrHeaders,
        }),
        response: { 200: z.object({ record: RecordOut, entity: z.string().optional(), relations: z.array(z.string()).readonly() }), 400: FieldErrors } },
    }, async (request, reply) => {
      const user = await requireUser(request);
      const { name, properties, link, category } = request.body;
      const outcome = await confirmEntity(api.mosaic, { user, ...requirePurpose(request.body, request) }, RecordId(request.params.id), request.params.entity, {
        ...(name ? { name } : {}), ...(properties ? { properties } : {}), ...(link ? { link: RecordId(link) } : {}), ...(category ? { category } : {}),
      }, entities);
      if (!outcome.ok) return invalid(reply, outcome.errors);
      return { record: outcome.record, ...(outcome.entity ? { entity: outcome.entity } : {}), relations: outcome.relations };
    });

    app.post('/reports/:id/entities/:entity/reject', {
      schema: { tags: ['reports'], summary: 'Reject an extracted entity: no record is made, and relations to it are dropped',
        params: EntityParams, headers: PurposeHeaders, body: z.object({ ...PurposeFieldsOrHeaders }).nullish(),
        response: { 204: z.null() } },
    }, async (request, reply) => {
      const user = await requireUser(request);
      await rejectEntity(api.mosaic, { user, ...requirePurpose(request.body ?? undefined, request) }, RecordId(request.params.id), request.params.entity);
      return reply.status(204).send(null);
    });
  };
}
