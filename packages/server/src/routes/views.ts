/**
 * Shapes shared by several routes: a record with its provenance, a pointer, the purpose of a
 * consultation, a day.
 */
import { isoDayProblem } from '@mosaic/model';
import { ACTION_CODES, ALERT_CATEGORIES } from '@mosaic/screening';
import { z } from 'zod';

export const ProvenanceOut = z.object({
  agency: z.string(), source: z.string(), sourceRecordId: z.string(),
  reliability: z.string(), credibility: z.number(),
  marking: z.object({ tlp: z.string(), classification: z.string(), releasability: z.array(z.string()).readonly(), needToKnow: z.array(z.string()).readonly().optional() }),
  handling: z.string(), category: z.string(), nature: z.string(), legalBasis: z.string(), reviewDate: z.string(),
});

export const RecordOut = z.object({
  id: z.string(), schema: z.string(), caption: z.string(),
  properties: z.record(z.string(), z.array(z.string()).readonly()),
  provenance: ProvenanceOut, version: z.number(), updatedAt: z.string(),
});

export const PointerOut = z.object({
  agency: z.string(), agencyName: z.string(), message: z.literal('holds information'),
  desk: z.object({ id: z.string(), name: z.string(), contact: z.string() }).nullable(),
});

export const PurposeFields = {
  purpose: z.string().min(1).max(500).describe('Why this consultation is made (LED Art. 25)'),
  caseRef: z.string().min(1).max(100).describe('The case or file reference'),
};

/**
 * The purpose and case as body fields of a route that also reads them from the headers
 * (requirePurpose): one of the two is required, which a schema cannot say, so the description does.
 */
export const PurposeFieldsOrHeaders = {
  purpose: PurposeFields.purpose.optional().describe('Why this consultation is made (LED Art. 25); required unless sent as the X-Mosaic-Purpose header: neither is 400 MOSAIC_PURPOSE_REQUIRED'),
  caseRef: PurposeFields.caseRef.optional().describe('The case or file reference; required unless sent as the X-Mosaic-Case header'),
};

/** A real calendar day, YYYY-MM-DD: 2099-02-30 is refused here, not stored to stop the retention sweep later. */
export const IsoDay = z.string().superRefine((text, context) => {
  const problem = isoDayProblem(text);
  if (problem !== undefined) context.addIssue({ code: 'custom', message: problem });
});

export const PurposeHeaders = z.object({
  'x-mosaic-purpose': z.string().optional().describe('Purpose of the consultation (URL-encoded)'),
  'x-mosaic-case': z.string().optional().describe('Case reference (URL-encoded)'),
});

/** An alert as its agency manages it (the category implies the action an officer takes). */
export const AlertOut = z.object({
  id: z.string(), subject: z.string(), category: z.enum(ALERT_CATEGORIES), action: z.enum(ACTION_CODES), instruction: z.string(), desk: z.string(), deskContact: z.string(),
  validFrom: z.string(), validUntil: z.string().optional(), instructions: z.string().optional(), status: z.enum(['active', 'not_yet_valid', 'expired', 'withdrawn']), reviewDate: z.string(),
});

/**
 * A 400 of routes that take a record or a report (http-errors.ts): refused fields carry `details`, one per field;
 * a body that is not JSON or a missing purpose carries none, so `details` is optional (a reply
 * the schema does not match is answered 500 instead).
 */
export const FieldErrors = z.object({
  error: z.object({
    code: z.string().describe('MOSAIC_INVALID_INPUT, MOSAIC_PURPOSE_REQUIRED…'), message: z.string(),
    details: z.array(z.object({ field: z.string(), reason: z.string() })).optional().describe('the fields refused, each with the reason'),
  }),
});
