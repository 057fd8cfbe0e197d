/**
 * Ingest from the web app: a user uploads JSON Lines or CSV (with a mapping) for their own
 * agency, and follows the job — lines read, accepted, refused with line, field and reason. The
 * records go through the same ingest as the command line (validation, idempotent versioned
 * writes, resumable batches, audit of the collection), and each one must pass the policy's
 * write decision for this user (own agency, need-to-know groups, clearance) before it is
 * written, and a line giving the id of a stored record the user may not write over is refused. A job is kept as a document (kind 'ingest-job', owner: the user) from its start,
 * its progress written every half second, so that any node sharing the store can report it.
 */
import { AppError, type EntityRecord, type FieldError } from '@mosaic/model';
import { decide, RECORD_ROLES, reviewDateFor } from '@mosaic/policy';
import { createHash, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { policyContext, policyUser, type Consultation, type OrgSnapshot } from '../organisation.ts';
import { retentionRulesOf } from '../retention/retention-rules.ts';
import type { Mosaic } from '../runtime.ts';
import { asWriter } from '../screening/alert-subjects-readable.ts';
import { parseCsvMapping } from './csv-mapping.ts';
import { ingest, type IngestError, type IngestRepeat, type IngestWarning, type SourceItem } from './ingest.ts';
import { isJsonArray, jsonArrayItems } from './json-array-items.ts';
import { storeSink, type BatchAudit } from './ingest-file.ts';
import { csvSource, jsonlSource } from './sources.ts';

export const INGEST_JOB_KIND = 'ingest-job';
/** Errors kept per job for display; the counts are always complete. */
const KEEP_ERRORS = 500;
/** A running job's progress is written to the store this often, so any node sharing it can report it. */
const SAVE_PROGRESS_MS = 500;
/** A running job's node saves it at least this often, however slow a batch: its owner is alive. */
const HEARTBEAT_MS = 10_000;
/** A job stored as running and not saved for this long was left by a node that stopped. */
const ORPHANED_MS = 60_000;
/** Why a job a stopped node left is over. */
export const NODE_STOPPED = 'the node running this upload stopped: the lines written before it stopped are kept, and uploading the same file again resumes after them';

export interface IngestUpload {
  readonly format: 'jsonl' | 'csv';
  readonly content: string;
  readonly filename: string;
  /** CSV only: columns to properties and the provenance every row shares. */
  readonly mapping?: unknown;
}

export interface IngestJob {
  readonly id: string;
  readonly user: string;
  readonly filename: string;
  readonly format: 'jsonl' | 'csv';
  readonly state: 'running' | 'done' | 'failed';
  readonly total: number;
  readonly processed: number;
  readonly accepted: number;
  readonly rejected: number;
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly errors: readonly IngestError[];
  /** Written lines that gave the record id of an earlier line of the file (the later version stands), and the first of them. */
  readonly repeated?: number;
  readonly repeats?: readonly IngestRepeat[];
  /** Once done: written lines' references to records neither the file nor the store holds (that the user may read), and the first of them. */
  readonly warningCount?: number;
  readonly warnings?: readonly IngestWarning[];
  /**
   * Once done: lines an earlier upload of the same file (same agency and mapping) had written,
   * skipped by this one; counted in `processed`, in none of the other counts.
   */
  readonly resumed?: number;
  readonly startedAt: string;
  readonly endedAt?: string;
  readonly failure?: string;
}

export interface IngestJobs {
  start(mosaic: Mosaic, consultation: Consultation, upload: IngestUpload): Promise<IngestJob>;
  get(mosaic: Mosaic, consultation: Consultation, id: string): Promise<IngestJob>;
  /** The user's own jobs, newest first, at most `limit`: an upload is found again after its page is left. */
  list(mosaic: Mosaic, consultation: Consultation, options?: { readonly limit?: number }): Promise<readonly IngestJob[]>;
  /** Resolves when every running job has ended (tests, shutdown). */
  idle(): Promise<void>;
}

const invalid = (field: string, reason: string): AppError => new AppError('MOSAIC_INVALID_INPUT', `${field}: ${reason}`, { field, reason });

function linesOf(upload: IngestUpload): number {
  const lines = upload.content.split(/\r?\n/).filter((l) => l.trim() !== '').length;
  return upload.format === 'csv' ? Math.max(lines - 1, 0) : lines;
}

/**
 * The write decision per valid record, before ingest writes anything: a record the user may
 * not write (another agency's, a need-to-know group the user is not in, above the user's
 * clearance) rejects its line like an invalid one, naming the field that decides it.
 */
function writeDecision(consultation: Consultation, snapshot: OrgSnapshot): (record: EntityRecord) => FieldError | undefined {
  const { user } = consultation;
  const policy = policyUser(user);
  const context = policyContext(snapshot, consultation);
  return (record) => {
    if (record.provenance.agency !== user.agency) return { field: 'provenance.agency', reason: `must be your own agency (${user.agency}), not ${record.provenance.agency}` };
    const decision = decide(policy, 'write', { kind: 'record', provenance: record.provenance }, context);
    if (decision.effect === 'allow') return undefined;
    const field = decision.reason === 'need-to-know' ? 'provenance.marking.needToKnow' : decision.reason === 'clearance' ? 'provenance.marking.classification' : 'provenance';
    return { field, reason: `you may not write this record (${decision.reason})` };
  };
}

/**
 * The user's write decision on the stored record a line's id holds: one they may not write over
 * refuses the line as taken (takenIds), not saying what hides the record, where the write decision
 * on the line itself names its reason (the line is the uploader's own, so it tells them nothing).
 */
function writeOverDecision(consultation: Consultation, snapshot: OrgSnapshot): (stored: EntityRecord) => boolean {
  const policy = policyUser(consultation.user);
  const context = policyContext(snapshot, consultation);
  return (stored) => decide(policy, 'write', { kind: 'record', id: stored.id, provenance: stored.provenance }, context).effect === 'allow';
}

/**
 * The user's read decision on an Alert line's stored subject: one they may not read is refused
 * as a missing one is (alertsWithoutSubject), so the refusal tells nothing of it; on a stored
 * alert's subject (as a writer, asWriter), a line over the alert is refused as taken (takenIds).
 */
function readDecision(consultation: Consultation, snapshot: OrgSnapshot): (subject: EntityRecord) => boolean {
  const policy = policyUser(consultation.user);
  const context = policyContext(snapshot, consultation);
  return (subject) => decide(policy, 'read', { kind: 'record', id: subject.id, provenance: subject.provenance }, context).effect === 'allow';
}

/** The job, when it is the user's: anyone else is told there is none. */
function mine(job: IngestJob | undefined, consultation: Consultation, id: string): IngestJob {
  if (!job || job.user !== consultation.user.id) throw new AppError('MOSAIC_NOT_FOUND', `ingest job ${id} not found`);
  return job;
}

/**
 * A stored job as it stands: one stored as running that no node has saved for a while was left
 * by a node that stopped, and is over (stored so, once).
 */
async function settled(mosaic: Mosaic, job: IngestJob, updatedAt: string | undefined): Promise<IngestJob> {
  if (job.state !== 'running' || mosaic.now().getTime() - Date.parse(updatedAt ?? '') < ORPHANED_MS) return job;
  const failed: IngestJob = { ...job, state: 'failed', failure: NODE_STOPPED, endedAt: mosaic.now().toISOString() };
  await mosaic.store.putDocument({ kind: INGEST_JOB_KIND, id: job.id, owner: job.user, body: failed });
  return failed;
}

export function createIngestJobs(): IngestJobs {
  const running = new Map<string, IngestJob>();
  const work = new Set<Promise<void>>();

  const run = async (mosaic: Mosaic, consultation: Consultation, upload: IngestUpload, job: IngestJob, mapping: ReturnType<typeof parseCsvMapping> | undefined, array: readonly SourceItem[] | undefined): Promise<void> => {
    const { user } = consultation;
    // Progress writes queue behind each other, and the final state is written after them all.
    let saving: Promise<void> = Promise.resolve();
    let savedAt = performance.now();
    const save = (state: IngestJob): Promise<void> =>
      (saving = saving.catch(() => undefined).then(() => mosaic.store.putDocument({ kind: INGEST_JOB_KIND, id: job.id, owner: user.id, body: state })));
    const update = (change: Partial<IngestJob>): void => {
      const next = { ...(running.get(job.id) ?? job), ...change };
      running.set(job.id, next);
      if (next.state === 'running' && performance.now() - savedAt >= SAVE_PROGRESS_MS) {
        savedAt = performance.now();
        // A lost progress write only makes another node's report older; the final one is awaited.
        save(next).catch(() => undefined);
      }
    };
    const today = mosaic.now().toISOString().slice(0, 10);
    const rules = await retentionRulesOf(mosaic, user.agency);
    // A line without an agency is the user's agency's; with another agency it is refused.
    const org = await mosaic.org();
    // a phone number written nationally is the agency's country's, as in a report it uploads (upload-report.ts)
    const phoneCountry = org.org.agencies.find((a) => a.id === user.agency)?.country;
    const validateOptions = {
      defaults: { agency: user.agency }, reviewDateFor: (category: Parameters<typeof reviewDateFor>[0]) => reviewDateFor(category, today, rules), agencies: org.org.agencies.map((a) => a.id), groups: org.org.groups,
      ...(phoneCountry === undefined ? {} : { phoneCountry }),
    };
    const chunks = [upload.content];
    const source = mapping ? csvSource(chunks, mapping, { registry: mosaic.registry }) : array ? (async function* () { yield* array; })() : jsonlSource(chunks);
    const errors: IngestError[] = [];
    const fingerprint = createHash('sha256').update(`web:${user.agency}:`).update(JSON.stringify(upload.mapping ?? null)).update(upload.content).digest('hex');
    const audit: BatchAudit = {
      log: mosaic.audit,
      entry: (ids) => ({
        actor: { user: user.id, agency: user.agency }, action: 'collection', purpose: consultation.purpose ?? null, caseRef: consultation.caseRef ?? null,
        query: { upload: upload.filename, job: job.id }, records: [...ids], outcome: 'ok', reason: 'ingest',
      }),
    };
    // saved now and then while it runs, so that another node can tell it is not orphaned
    const heartbeat = setInterval(() => {
      const now = running.get(job.id);
      if (now?.state === 'running') save(now).catch(() => undefined);
    }, HEARTBEAT_MS);
    heartbeat.unref();
    try {
      // The web app uploads with no purpose, which every read decision needs: the upload stands
      // for it (asWriter), so that its lines' stored subjects and references are found where the
      // uploader may read them, and hidden only by their marking.
      const readable = readDecision(asWriter(consultation, job.id), org);
      const summary = await ingest(mosaic.registry, source, storeSink(mosaic.store, user.id, {
        audit, readable, writable: writeOverDecision(consultation, org), subjectReadable: readable,
      }), {
        fingerprint, batchSize: 1000, keepErrors: KEEP_ERRORS, ...validateOptions, accept: writeDecision(consultation, org),
        onProgress: (p) => update({ processed: p.lines, accepted: p.written, created: p.created, updated: p.updated, unchanged: p.unchanged, rejected: p.rejected }),
        onError: (e) => {
          if (errors.length < KEEP_ERRORS) errors.push(e);
          update({ errors: [...errors] });
        },
      });
      update({
        state: 'done', processed: summary.lines, accepted: summary.created + summary.updated + summary.unchanged, rejected: summary.rejected,
        created: summary.created, updated: summary.updated, unchanged: summary.unchanged, errors: summary.errors,
        repeated: summary.repeated, repeats: summary.repeats, warningCount: summary.warningCount, warnings: summary.warnings, resumed: summary.resumed, endedAt: mosaic.now().toISOString(),
      });
    } catch (error) {
      // What was committed before the failure stays (whole batches); a new upload of the same file resumes after it.
      update({ state: 'failed', failure: error instanceof Error ? error.message : 'the ingest failed', endedAt: mosaic.now().toISOString() });
    } finally {
      clearInterval(heartbeat);
    }
    await save(running.get(job.id) ?? job);
    running.delete(job.id);
  };

  return {
    async start(mosaic, consultation, upload) {
      // said once, before the file is read: a role that writes no records would have every line refused
      if (!policyUser(consultation.user).roles.some((role) => RECORD_ROLES.write.includes(role))) throw new AppError('MOSAIC_FORBIDDEN', 'records are uploaded by analysts and officers');
      if (upload.format !== 'jsonl' && upload.format !== 'csv') throw invalid('format', 'jsonl or csv');
      if (upload.content.trim() === '') throw invalid('content', 'the file is empty');
      if (upload.filename.length > 300) throw invalid('filename', 'at most 300 characters');
      let mapping: ReturnType<typeof parseCsvMapping> | undefined;
      if (upload.format === 'csv') {
        if (upload.mapping === undefined) throw invalid('mapping', 'a CSV file needs a mapping (columns to properties, provenance)');
        mapping = parseCsvMapping(upload.mapping, mosaic.registry);
      }
      // an export is often one JSON array of records, sent as JSON Lines: read as its records
      const array = upload.format === 'jsonl' && isJsonArray(upload.content) ? jsonArrayItems(upload.content) : undefined;
      const job: IngestJob = {
        id: randomUUID(), user: consultation.user.id, filename: upload.filename, format: upload.format, state: 'running', total: array?.length ?? linesOf(upload),
        processed: 0, accepted: 0, rejected: 0, created: 0, updated: 0, unchanged: 0, errors: [], startedAt: mosaic.now().toISOString(),
      };
      // Stored at once: a poll that reaches another node finds the job (and later its progress).
      await mosaic.store.putDocument({ kind: INGEST_JOB_KIND, id: job.id, owner: consultation.user.id, body: job });
      running.set(job.id, job);
      const p = run(mosaic, consultation, upload, job, mapping, array).finally(() => work.delete(p));
      work.add(p);
      return job;
    },
    async get(mosaic, consultation, id) {
      const live = running.get(id);
      if (live) return mine(live, consultation, id);
      const stored = await mosaic.store.getDocument(INGEST_JOB_KIND, id);
      return settled(mosaic, mine(stored?.body as IngestJob | undefined, consultation, id), stored?.updatedAt);
    },
    async list(mosaic, consultation, { limit = 20 } = {}) {
      // owner: the uploader's id, as every job is stored, so another user's are never read
      const stored = await mosaic.store.listDocuments(INGEST_JOB_KIND, { owner: consultation.user.id, limit });
      const jobs = stored.map((document) => ({ job: document.body as IngestJob, updatedAt: document.updatedAt })).filter(({ job }) => job.user === consultation.user.id);
      return Promise.all(jobs.map(({ job, updatedAt }) => {
        const live = running.get(job.id);
        return live ? Promise.resolve(live) : settled(mosaic, job, updatedAt);
      }));
    },
    async idle() {
      while (work.size > 0) await Promise.all([...work]);
    },
  };
}
