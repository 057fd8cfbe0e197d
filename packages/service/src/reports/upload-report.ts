/**
 * Uploading a text report: the document is read to text (plain, HTML, PDF, DOCX), the report is
 * stored as a `Report` record of the uploader's agency with the provenance given (so the policy
 * decides who sees it, as for any claim), its text beside it in the store's full-text index,
 * and what extraction found as a review document. Nothing is written unless the provenance is
 * valid and the document has text; the answer carries the extraction and, for the report's
 * reviewers, link proposals.
 */
import { extractOffThread, PDF_WITHOUT_TEXT, readDocumentOffThread, type ExtractLimits, type ExtractOptions, type ExtractResult } from '@mosaic/extract';
import { AppError, hasControlCharacters, rolesInWords, validateRecord, type FieldError } from '@mosaic/model';
import { filterVisible, RECORD_ROLES, reviewDateFor, type Pointer } from '@mosaic/policy';
import { createHash, randomUUID } from 'node:crypto';
import type { StoredDocument, User } from '@mosaic/store';
import { policyContext, policyUser, type Consultation } from '../organisation.ts';
import { writeRecord, type RecordView } from '../records.ts';
import type { Mosaic } from '../runtime.ts';
import { LINKABLE_SCHEMATA, newReview, REPORT_REVIEW_KIND, type LinkProposal } from './report-review.ts';
import { proposeLinks, type ReviewIndexes } from './link-proposals.ts';
import { loadReview, mayReview, readReport } from './read-report.ts';
import { REPORT_UPLOAD_KIND, reportUploadKey, uploadTermsHash, type ReportUploadBody } from './report-upload-key.ts';

/**
 * Largest document accepted, in bytes: a long report is a few hundred kB; this leaves room for
 * PDFs with images. It bounds what the document expands to as well (readDocument's limits): the
 * text read from it, and the XML a DOCX unzips to, which mammoth reads in about 60 bytes of
 * memory a byte.
 */
export const MAX_REPORT_BYTES = 10 * 1024 * 1024;

/**
 * Reports are uploaded, and documents read for their entities, by the roles that write records
 * (analysts and officers): reading a document is the costly part of an upload, so another role
 * is refused before it starts, not at the write after it.
 */
export function requireReportReader(user: User): void {
  const permitted = RECORD_ROLES.write;
  if (!policyUser(user).roles.some((role) => permitted.includes(role))) {
    throw new AppError('MOSAIC_FORBIDDEN', `reports: role not permitted (reports are uploaded, and documents read for their entities, by ${rolesInWords(permitted)})`);
  }
}

export interface ReportInput {
  /** The document's bytes, or `text` for text pasted in. */
  readonly content?: Uint8Array;
  readonly mediaType?: string;
  readonly text?: string;
  readonly fileName?: string;
  readonly title?: string;
  readonly collection: string;
  /** Provenance as a record takes it (agency is the uploader's own; sourceRecordId is made here, and refused if given). */
  readonly provenance: Readonly<Record<string, unknown>>;
  /**
   * ISO 3166 alpha-2 country the report comes from: breaks ties between places and reads national
   * phone numbers (default: the uploading agency's country).
   */
  readonly country?: string;
}

/**
 * `repeated`: the same content was uploaded before into this collection by the agency, and that
 * report is answered as it stands (its extraction, its review's open proposals), nothing written.
 */
export type UploadOutcome =
  | { readonly ok: true; readonly report: RecordView; readonly extraction: ExtractResult; readonly proposals: Readonly<Record<string, readonly LinkProposal[]>>; readonly pointers: readonly Pointer[]; readonly repeated?: true }
  | { readonly ok: false; readonly errors: readonly FieldError[] };

/**
 * The stages of an upload, in order, for a caller that shows its progress (mosaic reports add):
 * reading a large PDF or DOCX takes seconds to minutes, and nothing else said the upload was alive.
 * An upload answered as a repeat, or refused, leaves out those after.
 */
export const UPLOAD_STAGES = ['reading the document', 'finding entities', 'storing the report', 'proposing links'] as const;
export type UploadStage = (typeof UPLOAD_STAGES)[number];

export interface UploadOptions extends ReviewIndexes {
  /** Told as each stage begins. */
  readonly onStage?: (stage: UploadStage) => void;
  /** The bounds of the text's extraction (extract-off-thread.ts's unless given: a test's shorter time). */
  readonly extraction?: ExtractLimits;
}

const invalid = (field: string, reason: string): UploadOutcome => ({ ok: false, errors: [{ field, reason }] });

/**
 * U+0000 is no character of a report: PostgreSQL's text cannot hold it (the upload failed there
 * and not on the embedded store), and a PDF's text layer may carry it. It is dropped before
 * extraction, so both stores keep the same text and the mentions point into the text as kept.
 */
const NUL = /\u0000/g;

/** Whether a file was sent as a PDF: one giving no text has pages of images (a scan) and is told so. */
const isPdf = (mediaType: string | undefined): boolean => mediaType?.split(';')[0]?.trim().toLowerCase() === 'application/pdf';

/**
 * Any other control character is refused, in the text as a whole: a bell or a terminal's escape
 * sequence ("\u001b[2J") is no part of a report and would reach every screen and terminal that
 * shows it. The text is checked whole, and named as sent (`text` or `content`), not through the
 * title taken from its first line. Tabs and line breaks are text; a document's form feeds are
 * its page breaks, and become line breaks.
 */
function controlCharacters(text: string, field: string): FieldError | undefined {
  if (!hasControlCharacters(text, { lineBreaks: true })) return undefined;
  const line = text.split('\n').findIndex((l) => hasControlCharacters(l, { lineBreaks: true })) + 1;
  return { field, reason: `holds control characters (on line ${line}): only tabs and line breaks may be in a report's text` };
}

/** The text of an uploaded document or pasted text, or the field at fault (size, media type, unreadable, control characters). */
export async function reportText(input: Pick<ReportInput, 'content' | 'mediaType' | 'text'>): Promise<string | FieldError> {
  if (input.content !== undefined && input.text !== undefined) return { field: 'content', reason: 'give either content or text, not both' };
  if (input.text !== undefined) {
    if (Buffer.byteLength(input.text) > MAX_REPORT_BYTES) return { field: 'text', reason: `is larger than ${MAX_REPORT_BYTES / 1024 / 1024} MB` };
    const text = input.text.replace(/\r\n?/g, '\n').replace(NUL, '');
    return controlCharacters(text, 'text') ?? text;
  }
  if (input.content === undefined) return { field: 'content', reason: 'is required (or text)' };
  if (input.content.byteLength > MAX_REPORT_BYTES) return { field: 'content', reason: `is larger than ${MAX_REPORT_BYTES / 1024 / 1024} MB` };
  if (!input.mediaType) return { field: 'mediaType', reason: 'is required with content' };
  let text: string;
  try {
    text = (await readDocumentOffThread(input.content, input.mediaType, { textBytes: MAX_REPORT_BYTES, unzippedBytes: MAX_REPORT_BYTES })).replace(NUL, '').replace(/\f/g, '\n');
  } catch (error) {
    if (!(error instanceof AppError)) return { field: 'content', reason: 'could not be read as the media type given' };
    // a node too busy to read it (MOSAIC_BUSY) is no fault of the document
    if (error.kind !== 'invalid') throw error;
    // readDocument names the field when it is the bytes at fault (text that is not UTF-8), else it is the media type
    const named = error.details?.['field'];
    return { field: typeof named === 'string' ? named : 'mediaType', reason: error.message.replace(/^extract: /, '') };
  }
  return controlCharacters(text, 'content') ?? text;
}

/**
 * What extraction finds in a report's text, or, when it was given up at its time or memory bound
 * (extract-off-thread.ts), the field the text came in (`content` or `text`) with the reason: the
 * input's fault, refused as a document given up while being read is, and nothing written.
 */
export async function reportEntities(text: string, field: string, options: ExtractOptions = {}, limits: ExtractLimits = {}): Promise<ExtractResult | FieldError> {
  try {
    return await extractOffThread(text, options, limits);
  } catch (error) {
    if (error instanceof AppError && error.details?.['stopped'] === true) return { field, reason: String(error.details['reason']) };
    throw error;
  }
}

export async function uploadReport(mosaic: Mosaic, consultation: Consultation, input: ReportInput, { entities, identifiers, onStage, extraction: limits }: UploadOptions = {}): Promise<UploadOutcome> {
  const { user } = consultation;
  requireReportReader(user);
  const collection = input.collection.trim();
  if (collection === '' || collection.length > 200) return invalid('collection', 'is required (at most 200 characters)');
  const claimed = input.provenance['agency'];
  if (claimed !== undefined && claimed !== user.agency) return invalid('provenance.agency', 'must be your own agency');
  // The record's id is made of the agency and the source record id: one given would write the
  // upload over the report stored under it, its text and its review (decisions made, records
  // made from it), and the report's own id would be ignored.
  if (input.provenance['sourceRecordId'] !== undefined) return invalid('provenance.sourceRecordId', 'may not be given: each upload is a new report, under an id made for it');
  onStage?.('reading the document');
  const text = await reportText(input);
  if (typeof text !== 'string') return { ok: false, errors: [text] };
  if (text.trim() === '') return invalid(input.text === undefined ? 'content' : 'text', input.text === undefined && isPdf(input.mediaType) ? PDF_WITHOUT_TEXT : 'holds no text');

  const id = `report-${randomUUID()}`;
  const hash = createHash('sha256').update(input.content ?? Buffer.from(text)).digest('hex');
  const properties: Record<string, string[]> = {
    title: [input.title?.trim() || input.fileName || text.trim().split('\n')[0]!.slice(0, 120)],
    collection: [collection], contentHash: [hash], characters: [String(text.length)],
    ...(input.fileName ? { fileName: [input.fileName] } : {}), ...(input.mediaType ? { mimeType: [input.mediaType.split(';')[0]!.trim()] } : {}),
  };
  const raw = { id, schema: 'Report', properties, provenance: { category: 'other', nature: 'fact', legalBasis: `Report in collection ${collection}`, ...input.provenance, agency: user.agency } };
  // A bad field is answered before the text is read for entities (writeRecord checks again,
  // with the agency's retention rules).
  const today = mosaic.now().toISOString().slice(0, 10);
  const { org } = await mosaic.org();
  const checked = validateRecord(mosaic.registry, raw, { reviewDateFor: (category) => reviewDateFor(category, today), agencies: org.agencies.map((a) => a.id) });
  if (!checked.ok) return checked;
  const key = reportUploadKey(user.agency, collection, hash);
  const terms = uploadTermsHash({ title: input.title?.trim() ?? null, fileName: input.fileName ?? null, mediaType: properties['mimeType']?.[0] ?? null, country: input.country ?? null, provenance: input.provenance });
  const indexes = { ...(entities ? { entities } : {}), ...(identifiers ? { identifiers } : {}) };
  const asked = { key, terms, collection, field: input.text === undefined ? 'content' : 'text' };
  const seen = await mosaic.store.getDocument(REPORT_UPLOAD_KIND, key);
  const earlier = seen && await earlierUpload(mosaic, consultation, seen, asked, indexes);
  if (earlier) return earlier;

  const country = input.country || org.agencies.find((a) => a.id === user.agency)?.country;
  onStage?.('finding entities');
  const extraction = await reportEntities(text, asked.field, country ? { country } : {}, limits);
  if (!('entities' in extraction)) return { ok: false, errors: [extraction] };
  // The whole upload is audited under the purpose given, else as the review of this collection:
  // the report's write as the consultations of other records its proposals make.
  const reviewing = { ...consultation, purpose: consultation.purpose ?? 'report review', caseRef: consultation.caseRef ?? collection };
  // The report, its text and its review: one transaction, so a failure leaves no report without its text.
  onStage?.('storing the report');
  const written = await writeRecord(mosaic, reviewing, raw, { alongside: async (tx, reportId) => {
    // The store decides between uploads of one file sent at once (to two nodes, or twice to one),
    // each having found no report before: the upload note is created only where none is, or
    // replaces only the one found above (a report erased since, or one the uploader may not read).
    // Another upload's note written meanwhile makes this one its repeat, nothing of it kept.
    const upload = { kind: REPORT_UPLOAD_KIND, id: key, owner: user.agency, subject: reportId, body: { report: reportId, terms } satisfies ReportUploadBody };
    if ((seen && !(await tx.deleteDocumentIf(REPORT_UPLOAD_KIND, key, seen.body))) || !(await tx.createDocument(upload))) throw new UploadedMeanwhile();
    await tx.putReportText(reportId, text);
    await tx.putDocument({ kind: REPORT_REVIEW_KIND, id: reportId, owner: user.agency, subject: reportId, body: newReview(reportId, extraction) });
  } }).catch((error: unknown) => {
    if (error instanceof UploadedMeanwhile) return undefined;
    throw error;
  });
  if (written === undefined) return uploadedMeanwhile(mosaic, consultation, asked, indexes);
  if (!written.ok) return written;
  // Proposals are for those who review the report (analysts of its agency), as on reading it: for
  // anyone else they would consult other agencies' records for a decision they cannot make.
  const linkable = mayReview(consultation, written.record) ? extraction.entities.filter((e) => LINKABLE_SCHEMATA.has(e.schema)) : [];
  onStage?.('proposing links');
  const proposals = await proposeLinks(mosaic, reviewing, linkable, indexes);
  return { ok: true, report: written.record, extraction, proposals: Object.fromEntries(proposals.byEntity), pointers: proposals.pointers };
}

/**
 * The report uploaded before with this content into this collection, as the uploader may read it
 * now, answered as an upload (`repeated`): its extraction as kept, the proposals its reading
 * makes for open mentions. None when there is no such report, it was erased, or the uploader may
 * not read it (a need-to-know group they are not in, above their clearance): then the upload is
 * a new report, and nothing tells them of the other. Sent with other terms (a title, a marking,
 * a country), it is refused, naming the report: answered as it stands, the terms asked would
 * silently not be taken; stored again, the agency would hold the document twice under two markings.
 */
async function earlierUpload(mosaic: Mosaic, consultation: Consultation, document: StoredDocument, { terms, collection, field }: UploadAsked, indexes: ReviewIndexes): Promise<UploadOutcome | undefined> {
  const body = document.body as ReportUploadBody;
  const stored = await mosaic.store.getRecord(body.report);
  if (!stored || stored.record.schema !== 'Report') return undefined;
  const reading = { ...consultation, purpose: consultation.purpose ?? 'report review', caseRef: consultation.caseRef ?? collection };
  const context = policyContext(await mosaic.org(), reading);
  if (filterVisible(policyUser(consultation.user), [stored.record], context, { action: 'read', decide: mosaic.decide }).visible.length === 0) return undefined;
  if (body.terms !== terms) {
    const reason = `was uploaded into collection ${JSON.stringify(collection)} before, as report ${body.report}, with another title, file name, media type, country or provenance: `
      + 'erase that report to upload the file again, or upload it into another collection';
    throw new AppError('MOSAIC_CONFLICT', `${field}: ${reason}`, { field, reason });
  }
  const [answer, review] = await Promise.all([readReport(mosaic, reading, body.report, indexes), loadReview(mosaic, body.report)]);
  if (!answer.view) return undefined;
  const proposals = Object.fromEntries(answer.view.entities.flatMap((e) => (e.proposals.length > 0 ? [[e.id, e.proposals]] : [])));
  return { ok: true, repeated: true, report: answer.view.report, extraction: review.extraction, proposals, pointers: answer.view.pointers };
}

/** What an upload asked, for earlierUpload: the upload note's id, the terms' hash, and the field that held the content. */
interface UploadAsked {
  readonly key: string;
  readonly terms: string;
  readonly collection: string;
  readonly field: string;
}

/** Thrown within an upload's transaction, to undo it, when another upload of the same content wrote its note first. */
class UploadedMeanwhile extends Error {}

/**
 * The answer to an upload whose content another upload stored while it was being read: that
 * report, as a repeat (or refused naming it, sent with other terms). Should it be gone or
 * unreadable already, the upload is refused as a conflict, to be sent again.
 */
async function uploadedMeanwhile(mosaic: Mosaic, consultation: Consultation, asked: UploadAsked, indexes: ReviewIndexes): Promise<UploadOutcome> {
  const document = await mosaic.store.getDocument(REPORT_UPLOAD_KIND, asked.key);
  const other = document && await earlierUpload(mosaic, consultation, document, asked, indexes);
  if (other) return other;
  const reason = `was being uploaded into collection ${JSON.stringify(asked.collection)} by another request at the same time: send it again`;
  throw new AppError('MOSAIC_CONFLICT', `${asked.field}: ${reason}`, { field: asked.field, reason });
}
