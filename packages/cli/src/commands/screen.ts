/**
 * mosaic screen --watchlist W.jsonl --queries Q.jsonl --out R.jsonl [--limit N]
 *
 * Builds the in-memory screening index from a FollowTheMoney JSON Lines watchlist, screens
 * every query line and writes one result line per query, best hit first:
 *   {"query":"q1","hits":[{"id":"w9","score":0.97,"band":"hit","explain":{...}}]}
 * A refused query gets `"rejected": {"field", "reason"}` and no hits. Queries are either flat
 * ({"id","name","birthDate","nationality","gender","document","plate","phone"}) or FtM-style
 * ({"id","schema","properties"}). Watchlist lines and FtM-style queries are checked as resolve
 * and compare check a record (parseEntityObject: a known schema, its properties, values that
 * are what their type says); a flat query's fields must be query fields, and its name, date of
 * birth, nationality, gender and phone are checked as a Person's (a nationality may also be a
 * code of ICAO Doc 9303, as a passport's machine-readable zone writes it). A rejected line is
 * named on stderr by file, number, field and reason, never by the value refused (a date of birth
 * is personal data). The summary on stderr holds counts and timings only (names never leave the
 * output file). The results go to a file beside --out, renamed over it once every query is
 * screened: a run that fails or is stopped leaves an earlier file as it was.
 * Exit 0: all lines used; 3: some lines were rejected or
 * unreadable, or some queries refused; 2: usage.
 */
import { AppError, EntityId } from '@mosaic/model';
import { parseEntityObject } from '@mosaic/resolution';
import { createScreeningIndex, entryFromFtm, mrzNationality, QUERY_FIELDS, screen, type ScreeningHit, type WatchlistEntry } from '@mosaic/screening';
import { createReadStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { parse } from '../args.ts';
import { fileProblem, requireFiles } from '../input-files.ts';
import { openReplacingFile, type ReplacingFile } from '../output-file.ts';

const USAGE = 'usage: mosaic screen --watchlist W.jsonl --queries Q.jsonl --out R.jsonl [--limit N]';
const SHOWN_ERRORS = 20;

async function* jsonLines(path: string, onError: (line: number, reason: string) => void): AsyncGenerator<{ line: number; value: unknown }> {
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  let n = 0;
  for await (const text of lines) {
    n++;
    if (text.trim() === '') continue;
    try {
      yield { line: n, value: JSON.parse(text) as unknown };
    } catch {
      onError(n, 'not valid JSON');
    }
  }
}

/** First value of an FtM property, or the flat field. */
function field(q: Record<string, unknown>, flat: string, properties: readonly string[]): string | undefined {
  const direct = q[flat];
  if (typeof direct === 'string') return direct;
  const props = q['properties'];
  if (typeof props !== 'object' || props === null) return undefined;
  for (const p of properties) {
    const values = (props as Record<string, unknown>)[p];
    if (Array.isArray(values) && typeof values[0] === 'string') return values[0];
  }
  return undefined;
}

function queryOf(q: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  const set = (key: string, value: string | undefined): void => { if (value !== undefined) out[key] = value; };
  set('name', field(q, 'name', ['name']));
  set('birthDate', field(q, 'birthDate', ['birthDate']));
  set('nationality', field(q, 'nationality', ['nationality', 'citizenship']));
  set('gender', field(q, 'gender', ['gender']));
  set('document', field(q, 'document', ['passportNumber', 'idNumber']));
  set('plate', field(q, 'plate', q['schema'] === 'Vehicle' ? ['registrationNumber'] : []));
  set('phone', field(q, 'phone', ['phone']));
  return out;
}

/** `field: reason` apart; a reason about no one field is the query's. */
function splitReason(text: string): [string, string] {
  const at = text.indexOf(': ');
  return at > 0 && !text.slice(0, at).includes(' ') ? [text.slice(0, at), text.slice(at + 2)] : ['query', text];
}

/** Flat query fields checked as the Person property of the same name. */
const PERSON_FIELDS = ['name', 'birthDate', 'nationality', 'gender', 'phone'] as const;

/** Why a query line cannot be screened as given, as resolve and compare would say it; undefined when it can. */
function queryProblem(q: Record<string, unknown>, id: string): string | undefined {
  if ('schema' in q || 'properties' in q) {
    const parsed = parseEntityObject(q, id);
    return parsed.ok ? undefined : parsed.reason;
  }
  const unknown = Object.keys(q).find((key) => key !== 'id' && !(QUERY_FIELDS as readonly string[]).includes(key));
  if (unknown !== undefined) return `${unknown}: is not a query field (${QUERY_FIELDS.join(', ')})`;
  const properties: Record<string, string[]> = {};
  for (const field of PERSON_FIELDS) {
    const value = q[field];
    // a nationality as the document's machine-readable zone writes it (D<<, GBD, XXA) is no
    // Person's, but the screening reads it (mrz-nationality.ts)
    if (field === 'nationality' && typeof value === 'string' && mrzNationality(value) !== undefined) continue;
    if (typeof value === 'string') properties[field] = [value];
  }
  const parsed = parseEntityObject({ schema: 'Person', properties }, id);
  return parsed.ok ? undefined : parsed.reason;
}

/**
 * The file beside the output, opened before the index is built: a folder that does not exist or
 * cannot be written is said in one line at once, not after minutes of building.
 */
async function openOutput(path: string): Promise<ReplacingFile> {
  try {
    return await openReplacingFile(path);
  } catch (error) {
    const { code } = error as { code?: unknown };
    // named as given, not as the file beside it
    const reason = code === 'ENOENT' ? `${path}: no such folder` : fileProblem({ code }, path);
    if (reason === undefined) throw error;
    throw new AppError('MOSAIC_INVALID_INPUT', `screen: --out ${reason}`);
  }
}

/** A failed write (a full disk…) as one line naming the file, not an unhandled 'error' event. */
function writeFailure(path: string, error: unknown): AppError {
  const { code, message } = error as { code?: unknown; message?: unknown };
  return new AppError('MOSAIC_INTERNAL', `screen: --out ${path}: could not be written (${typeof code === 'string' ? code : String(message)})`);
}

function percentile(sorted: readonly number[], p: number): number {
  return Math.round((sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0) * 1000) / 1000;
}

export async function run(argv: readonly string[]): Promise<number> {
  const { values } = parse('screen', argv, { watchlist: { type: 'string' }, queries: { type: 'string' }, out: { type: 'string' }, limit: { type: 'string' } }, false);
  const limit = values.limit === undefined ? 10 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
    console.error(`mosaic screen: --limit takes a whole number of hits per query from 1 to 1000, not ${JSON.stringify(values.limit)}\n${USAGE}`);
    return 2;
  }
  if (!values.watchlist || !values.queries || !values.out) {
    console.error(USAGE);
    return 2;
  }
  await requireFiles('screen', { '--watchlist': values.watchlist, '--queries': values.queries });
  const out = await openOutput(values.out);
  let code: number;
  try {
    code = await screenFiles(out.stream, { watchlist: values.watchlist, queries: values.queries, out: values.out, limit });
  } catch (error) {
    await out.discard();
    throw error;
  }
  try {
    await out.commit();
  } catch (error) {
    await out.discard();
    throw writeFailure(values.out, error);
  }
  return code;
}

interface ScreenFiles {
  readonly watchlist: string;
  readonly queries: string;
  readonly out: string;
  readonly limit: number;
}

async function screenFiles(out: WriteStream, { watchlist, queries: queriesPath, out: outPath, limit }: ScreenFiles): Promise<number> {
  // Until the end is awaited, a write error is kept here and thrown at the next write.
  let failed: unknown;
  out.on('error', (error) => {
    failed ??= error;
  });
  const write = async (text: string): Promise<void> => {
    if (failed !== undefined) throw writeFailure(outPath, failed);
    try {
      if (!out.write(text)) await once(out, 'drain');
    } catch (error) {
      throw writeFailure(outPath, error);
    }
  };
  let shown = 0;
  const report = (file: string) => (line: number, reason: string): void => {
    if (shown++ < SHOWN_ERRORS) console.error(`${file}:${line}: ${reason}`);
  };

  const started = performance.now();
  const entries: WatchlistEntry[] = [];
  let watchlistRejected = 0;
  for await (const { line, value } of jsonLines(watchlist, (l, r) => { watchlistRejected++; report('watchlist')(l, r); })) {
    const parsed = parseEntityObject(value);
    if (!parsed.ok) {
      watchlistRejected++;
      report('watchlist')(line, parsed.reason);
      continue;
    }
    const converted = entryFromFtm(parsed.record, EntityId);
    if (converted.ok) entries.push(converted.entry);
    else { watchlistRejected++; report('watchlist')(line, converted.reason); }
  }
  // No policy applies to a file on the command line: live name frequencies from the watchlist.
  const index = createScreeningIndex(entries, { frequencies: 'index' });
  const buildMs = performance.now() - started;

  const times: number[] = [];
  let queries = 0;
  let rejected = 0;
  let withHit = 0;
  let withPossible = 0;
  let unreadable = 0;
  const at = new Date();
  for await (const { line, value } of jsonLines(queriesPath, (l, r) => { unreadable++; report('queries')(l, r); })) {
    const q = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
    const id = typeof q['id'] === 'string' || typeof q['id'] === 'number' ? String(q['id']) : `line-${line}`;
    queries++;
    const problem = queryProblem(q, id);
    const t0 = performance.now();
    const result = problem === undefined ? screen(index, queryOf(q), { limit, at }) : undefined;
    times.push(performance.now() - t0);
    let record: Record<string, unknown>;
    if (result === undefined || !result.ok) {
      rejected++;
      const [field, reason] = result === undefined ? splitReason(problem ?? '') : [result.field, result.reason];
      report('queries')(line, `${field}: ${reason}`);
      record = { query: id, hits: [], rejected: { field, reason } };
    } else {
      const hits = result.hits.filter((h): h is ScreeningHit => h.kind === 'match');
      if (hits.some((h) => h.band === 'hit')) withHit++;
      else if (hits.length > 0) withPossible++;
      record = {
        query: id,
        hits: hits.map((h) => ({
          id: h.id, score: h.score, band: h.band, explain: h.explain,
          ...(h.alerts.length > 0 ? { alerts: h.alerts.map((a) => ({ id: a.alert.id, category: a.category, action: a.action, instruction: a.instruction, desk: a.alert.ownerDesk })) } : {}),
        })),
      };
    }
    await write(`${JSON.stringify(record)}\n`);
  }
  if (failed !== undefined) throw writeFailure(outPath, failed);
  out.end();
  try {
    await once(out, 'finish');
  } catch (error) {
    throw writeFailure(outPath, error);
  }
  times.sort((a, b) => a - b);
  if (shown > SHOWN_ERRORS) console.error(`… and ${shown - SHOWN_ERRORS} more errors`);
  console.error(JSON.stringify({
    watchlist: { ...index.stats(), entries: entries.length, rejected: watchlistRejected },
    queries: { total: queries, rejected, unreadable, withHit, withPossibleOnly: withPossible },
    indexBuildMs: Math.round(buildMs),
    queryMs: { p50: percentile(times, 0.5), p99: percentile(times, 0.99) },
  }));
  return watchlistRejected > 0 || unreadable > 0 || rejected > 0 ? 3 : 0;
}
