/**
 * The audit log for auditors: search by user, agency, subject, record, action and time (a
 * consultation like any other: with the auditor's purpose and case reference, logged as given);
 * verify the chain and its signed checkpoints (logged too, with the purpose headers when given).
 */
import { AUDIT_ACTIONS } from '@mosaic/audit';
import { AgencyId, EntityId, isoDayProblem, RecordId, UserId } from '@mosaic/model';
import { exportAuditLog, searchAuditLog, verifyAuditLogAs, type AuditSearch } from '@mosaic/service';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePurpose, requireUser } from '../request-context.ts';
import { PurposeHeaders } from './views.ts';

const Entry = z.object({
  seq: z.number(), time: z.string(), actor: z.object({ user: z.string(), agency: z.string() }), action: z.string(),
  purpose: z.string().nullable(), caseRef: z.string().nullable(), query: z.unknown(), subjects: z.array(z.string()).readonly(),
  records: z.array(z.string()).readonly(), recipients: z.array(z.string()).readonly(), pointers: z.array(z.string()).readonly(),
  pointed: z.array(z.object({ agency: z.string(), records: z.array(z.string()).readonly() })).readonly().optional()
    .describe('The records behind the pointers shown, by agency (an agency auditor gets its own agency\'s alone); absent when none'),
  outcome: z.string(), reason: z.string().nullable(), prevHash: z.string(), hash: z.string(),
});

const INSTANT = z.iso.datetime();
const DAY_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A time bound of the search: an instant (UTC, `2030-01-31T08:00:00Z`) or, as an auditor writes
 * one, a day — read in UTC by boundOf, `from` as its start and `to` as its end.
 */
const Bound = z.string().max(64).superRefine((text, context) => {
  if (INSTANT.safeParse(text).success) return;
  const problem = DAY_SHAPE.test(text) ? isoDayProblem(text) : 'must be a day YYYY-MM-DD or an instant YYYY-MM-DDThh:mm:ssZ';
  if (problem !== undefined) context.addIssue({ code: 'custom', message: problem });
});

/** The instant a bound stands for: a day's start for `from`; for `to`, which the search excludes, the next day's start. */
function boundOf(text: string, side: 'from' | 'to'): string {
  if (!DAY_SHAPE.test(text)) return text;
  const start = Date.parse(`${text}T00:00:00Z`);
  return new Date(side === 'from' ? start : start + 86_400_000).toISOString();
}

/** What a search of the log asks: GET /audit's query, POST /audit/export's body. */
const SearchFields = z.object({
  user: z.string().optional(), agency: z.string().optional(), owner: z.string().optional(), recipient: z.string().optional(),
  subject: z.string().optional(), record: z.string().optional(), action: z.enum(AUDIT_ACTIONS).optional(), caseRef: z.string().optional(),
  from: Bound.optional().describe('Entries from this instant, or from the start of this day (UTC)'),
  to: Bound.optional().describe('Entries before this instant, or up to the end of this day (UTC)'), limit: z.coerce.number().int().min(1).max(5000).optional(),
  before: z.coerce.number().int().min(1).optional().describe('Entries before this one (its seq): the `next` of the page before'),
});

function searchOf(q: z.infer<typeof SearchFields>): AuditSearch {
  return {
    ...(q.user ? { user: UserId(q.user) } : {}), ...(q.agency ? { agency: AgencyId(q.agency) } : {}),
    ...(q.owner ? { owner: AgencyId(q.owner) } : {}), ...(q.recipient ? { recipient: AgencyId(q.recipient) } : {}),
    ...(q.subject ? { subject: EntityId(q.subject) } : {}), ...(q.record ? { record: RecordId(q.record) } : {}),
    ...(q.action ? { action: q.action } : {}), ...(q.caseRef ? { caseRef: q.caseRef } : {}),
    ...(q.from ? { from: boundOf(q.from, 'from') } : {}), ...(q.to ? { to: boundOf(q.to, 'to') } : {}), ...(q.limit ? { limit: q.limit } : {}),
    ...(q.before ? { before: q.before } : {}),
  };
}

/** `audit-2026-12-06T13-40-00Z.jsonl`: when it was exported, in UTC, in a name every file system takes. */
const exportName = (at: Date): string => `audit-${at.toISOString().slice(0, 19).replace(/:/g, '-')}Z.jsonl`;

export async function auditRoutes(api: FastifyInstance): Promise<void> {
  const app = api.withTypeProvider<ZodTypeProvider>();
  app.get('/audit', {
    schema: {
      tags: ['audit'], summary: 'Search the audit log (auditor role; newest first); a consultation, logged with the purpose headers (required)', headers: PurposeHeaders,
      querystring: SearchFields,
      response: { 200: z.object({
        entries: z.array(Entry).readonly(),
        next: z.number().optional().describe('There when older entries match too: ask again with before=next for them (entries may share a millisecond, so `to` cannot page without gaps)'),
      }) },
    },
  }, async (request) => {
    const user = await requireUser(request);
    const given = requirePurpose(undefined, request);
    return await searchAuditLog(api.mosaic, { user, ...given }, searchOf(request.query));
  });

  app.post('/audit/export', {
    schema: {
      tags: ['audit'], summary: 'The entries a search of the log gives (as GET /audit, `limit` 200 unless given), as a JSON Lines file; logged as an `export` entry (reason `audit export`) naming them, with the purpose headers (required)', headers: PurposeHeaders,
      body: SearchFields.nullish(),
      response: { 200: { description: 'One entry a line, newest first (https://jsonlines.org)', content: { 'application/jsonl': { schema: z.string() } } } },
    },
  }, async (request, reply) => {
    const user = await requireUser(request);
    const given = requirePurpose(undefined, request);
    const file = await exportAuditLog(api.mosaic, { user, ...given }, searchOf(request.body ?? {}));
    return reply.type('application/jsonl; charset=utf-8').header('content-disposition', `attachment; filename="${exportName(api.mosaic.now())}"`).send(file);
  });

  app.post('/audit/verify', {
    schema: { tags: ['audit'], summary: 'Verify the hash chain and signed checkpoints (auditor role; logged, with the purpose headers when given), answering the last entry verified as a witness to keep (SEQ:HASH); with `expect` (a witness the auditor kept, as this answers it or `mosaic audit verify` prints it), the log must still reach it', headers: PurposeHeaders,
      body: z.object({ expect: z.string().max(200).optional().describe('SEQ:HASH of an entry the log reached when last verified (the `witness` answered then, or the last checkpoint `mosaic audit verify` printed), kept outside the database: a log that no longer reaches it fails (truncated), one whose entry there differs fails (witness_mismatch)') }).nullish(),
      response: { 200: z.object({
        ok: z.boolean(), entries: z.number().optional(), prunedThrough: z.number().optional().describe('The log was pruned through this entry (its signed cut); verification starts after it'),
        witness: z.string().optional().describe('SEQ:HASH of the last entry verified, for the auditor to keep outside Mosaic and give as `expect` when verifying again: the log must still reach it, unchanged; absent when the chain is broken or holds no entry'),
        firstBroken: z.number().optional(), reason: z.string().optional(), message: z.string().optional() }) } },
  }, async (request) => {
    const user = await requireUser(request);
    // the purpose headers are logged when given, and held to the rules of any purpose then
    const given = request.headers['x-mosaic-purpose'] === undefined && request.headers['x-mosaic-case'] === undefined ? {} : requirePurpose(undefined, request);
    const expect = request.body?.expect;
    const result = await verifyAuditLogAs(api.mosaic, { user, ...given }, expect === undefined ? {} : { expect });
    if (!result.ok) return { ok: false, firstBroken: result.firstBroken, reason: result.reason, message: result.message };
    return { ok: true, entries: result.count, ...(result.prunedThrough === undefined ? {} : { prunedThrough: result.prunedThrough }), ...('witness' in result ? { witness: result.witness } : {}) };
  });
}
