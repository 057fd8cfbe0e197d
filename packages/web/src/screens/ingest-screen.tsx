/**
 * Ingest: upload a JSON Lines or CSV file; for CSV, map its columns to the schema's properties
 * and give the provenance every row shares; follow the job's progress and see the lines refused
 * and why, and the references of lines written to records not found. The job followed is in the address (#/ingest?job=<id>), so that going back to the page
 * or reloading it follows it again, and the user's recent uploads are listed to open one again.
 * A file is read only as far as the page needs it (the first line of a CSV, then a count of its
 * lines) and sent piece by piece (ingest/upload-body.ts); one over the server's limit, which the
 * server tells with the user's recent uploads, is refused before it is read. Starting an upload
 * puts away the results of the job shown, so that a refusal is not read with another file's results.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { CATEGORIES, CLASSIFICATIONS } from '../admin/admin-types.ts';
import { reasonOf } from '../api/api-error.ts';
import type { IngestJob, IngestLineError, IngestUploads } from '../api/api-types.ts';
import { csvHeader, guessDelimiter } from '../common/csv-header.ts';
import { ErrorMessage } from '../common/error-message.tsx';
import { localTime } from '../common/local-time.ts';
import { ProgressBar } from '../common/progress-bar.tsx';
import { useAsync, type AsyncState } from '../common/use-async.ts';
import { useFocusBack } from '../common/use-focus-back.ts';
import { useSchemata } from '../common/use-schemata.ts';
import { ingestSummary, linesRead, referencesNotFound } from '../ingest/ingest-summary.ts';
import { countLines, megabytes, uploadBody, uploadLimitText } from '../ingest/upload-body.ts';
import { JOB_ENDED, useFollowedJob } from '../ingest/use-followed-job.ts';
import { href, navigate } from '../routing/use-hash-route.ts';
import { useSession } from '../session/session-context.tsx';

const CSV_NAME = /\.(csv|tsv|txt)$/i;
/** Read of a chosen file before it is sent: enough for a CSV's first line, its column names. */
const HEAD_BYTES = 64 * 1024;

/** What a CSV's provenance must be given before it is sent, and why, said beside the field until it is. */
const UNCHOSEN = [
  { key: 'category', why: 'Choose who the people of this file are (suspects, victims, witnesses…): it decides who may see them and how long they are kept.' },
  { key: 'reliability', why: 'Choose how reliable the source is (A reliable … F cannot be judged).' },
  { key: 'credibility', why: 'Choose how credible its information is (1 confirmed … 6 cannot be judged).' },
  { key: 'legalBasis', why: 'Give the legal basis the records are kept on.' },
] as const;
type Unchosen = (typeof UNCHOSEN)[number];

/** A releasability typed as a list, "BE, zone-north": its entries. */
const releasableTo = (text: string): string[] => text.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');

/** The address of the page following job `id`. */
export const jobHref = (id: string): string => `${href('ingest')}?job=${encodeURIComponent(id)}`;

interface Chosen {
  readonly file: File;
  /** The file's first bytes as text. */
  readonly head: string;
  /** Its lines holding more than blanks, once counted. */
  readonly written?: number;
}

export function IngestScreen({ jobId }: { readonly jobId?: string }) {
  const { api } = useSession();
  const schemata = useSchemata(api);
  const [chosen, setChosen] = useState<Chosen>();
  const [refusal, setRefusal] = useState<string>();
  const [schema, setSchema] = useState('Person');
  const [idColumn, setIdColumn] = useState('');
  const [columns, setColumns] = useState<Record<string, string>>({});
  // who the people are, how far the source and its information are trusted and on what legal
  // basis they are kept are the uploader's to say: a default would file a witness as a graded suspect
  const [provenance, setProvenance] = useState({ source: '', reliability: '', credibility: '', tlp: 'AMBER', handling: 'H1', legalBasis: '', category: '', nature: 'fact', classification: 'RESTRICTED', releasability: '' });
  const [started, setStarted] = useState<IngestJob>();
  const [error, setError] = useState<unknown>();
  // the job shown when an upload started: its results make way for those of the new one
  const [putAway, setPutAway] = useState<string>();
  // another job opened (the new upload's, or one of the recent uploads) is shown
  useEffect(() => setPutAway(undefined), [jobId]);
  const [uploading, setUploading] = useState(false);
  // "Upload and ingest" is disabled while the file is sent, which drops the focus
  const holdFocus = useFocusBack(uploading);
  const [ended, setEnded] = useState(0);
  const uploads = useAsync(() => api.ingestUploads(), [api, jobId, ended]);
  // the server's, once it has said it (until then, or if it cannot be asked, it refuses a larger upload itself)
  const maxBytes = uploads.value?.maxUploadBytes;

  const file = chosen?.file;
  const isCsv = Boolean(file && CSV_NAME.test(file.name));
  const delimiter = chosen && isCsv ? guessDelimiter(chosen.head.split(/\r?\n/, 1)[0] ?? '') : ',';
  const header = chosen && isCsv ? csvHeader(chosen.head, delimiter) : [];
  const properties = schemata?.get(schema)?.properties.filter((p) => p.type !== 'entity') ?? [];

  const choose = async (input: HTMLInputElement): Promise<void> => {
    const picked = input.files?.[0];
    setChosen(undefined);
    setRefusal(undefined);
    setError(undefined);
    if (!picked) return;
    // said before a byte is read: the server would refuse it (413) only once it had all been sent
    if (maxBytes !== undefined && picked.size > maxBytes) {
      setRefusal(`${picked.name} is ${megabytes(picked.size)}: the server takes files of at most ${uploadLimitText(maxBytes)}. Split it into smaller files and upload each.`);
      return;
    }
    const head = await picked.slice(0, HEAD_BYTES).text();
    setChosen({ file: picked, head });
    const cols = CSV_NAME.test(picked.name) ? csvHeader(head, guessDelimiter(head.split(/\r?\n/, 1)[0] ?? '')) : [];
    setIdColumn(cols.find((c) => /(^|_)id$/i.test(c)) ?? cols[0] ?? '');
    setColumns(Object.fromEntries(cols.map((c) => [c, ''])));
    countLines(picked).then((written) => setChosen((c) => (c?.file === picked ? { ...c, written } : c)), () => undefined);
  };

  const upload = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!file) return;
    holdFocus();
    setPutAway(jobId);
    setUploading(true);
    setError(undefined);
    try {
      const props: Record<string, string[]> = {};
      for (const [column, property] of Object.entries(columns)) if (property) (props[property] ??= []).push(column);
      // said here, in the form's words: the server would refuse the mapping in its own
      if (isCsv && Object.keys(props).length === 0) throw new Error('No column is mapped to a property: choose, under "Column mapping", the property of at least one column.');
      const mapping = isCsv ? {
        schema, id: idColumn, delimiter,
        properties: Object.fromEntries(Object.entries(props).map(([p, cols]) => [p, cols.length === 1 ? cols[0] : cols])),
        provenance: {
          source: provenance.source || file.name, reliability: provenance.reliability, credibility: Number(provenance.credibility),
          marking: { tlp: provenance.tlp, classification: provenance.classification, releasability: releasableTo(provenance.releasability) }, handling: provenance.handling, legalBasis: provenance.legalBasis.trim(), category: provenance.category, nature: provenance.nature,
        },
      } : undefined;
      const body = await uploadBody(file, { format: isCsv ? 'csv' : 'jsonl', filename: file.name, ...(mapping ? { mapping } : {}) });
      // quotes, backslashes and line ends take two characters once written out as JSON
      if (maxBytes !== undefined && body.size > maxBytes) throw new Error(`${file.name} is ${megabytes(file.size)}, ${megabytes(body.size)} once written out for sending: the server takes at most ${uploadLimitText(maxBytes)}. Split it into smaller files and upload each.`);
      const job = await api.ingest(body);
      setStarted(job);
      navigate(jobHref(job.id));
    } catch (caught) {
      setError(caught);
    } finally {
      setUploading(false);
    }
  };
  const setProv = (key: keyof typeof provenance) => (e: { target: { value: string } }) => setProvenance((p) => ({ ...p, [key]: e.target.value }));
  const unchosen = isCsv ? UNCHOSEN.filter(({ key }) => provenance[key].trim() === '') : [];
  const why = (key: Unchosen['key']): { 'aria-describedby'?: string } => (unchosen.some((u) => u.key === key) ? { 'aria-describedby': `ingest-why-${key}` } : {});
  const whyNote = (key: Unchosen['key']) => {
    const missing = unchosen.find((u) => u.key === key);
    return missing ? <span id={`ingest-why-${key}`} className="muted small">{missing.why}</span> : null;
  };
  const written = chosen?.written;
  // a CSV's first line names its columns; an empty file has neither
  const lines = written === undefined ? undefined : Math.max(0, written - (isCsv ? 1 : 0));

  return (
    <section className="screen" aria-labelledby="ingest-title">
      <h1 id="ingest-title">Ingest</h1>
      <form onSubmit={(e) => void upload(e)} className="stack">
        <label htmlFor="ingest-file">File (JSON Lines with provenance, or CSV)</label>
        <input id="ingest-file" type="file" accept=".jsonl,.ndjson,.json,.csv,.tsv,.txt" {...(maxBytes !== undefined ? { 'aria-describedby': 'ingest-limit' } : {})} onChange={(e) => void choose(e.target)} />
        {maxBytes !== undefined ? <p id="ingest-limit" className="muted small">At most {uploadLimitText(maxBytes)} a file.</p> : null}
        {refusal ? <p role="alert" className="notice notice-error">{refusal}</p> : null}
        {chosen ? <p className="muted small">{chosen.file.name}: {written === undefined ? `${megabytes(chosen.file.size)}, counting lines…` : written === 0 ? 'empty' : <>{lines} line{lines === 1 ? '' : 's'}{isCsv ? `, ${header.length} columns, delimiter “${delimiter === '\t' ? 'tab' : delimiter}”` : ''}</>}</p> : null}
        {isCsv ? (
          <fieldset className="mapping">
            <legend>Column mapping</legend>
            <div className="row">
              <label>Schema <select value={schema} onChange={(e) => setSchema(e.target.value)}>{[...(schemata?.values() ?? [])].filter((s) => !s.edge).map((s) => <option key={s.name} value={s.name}>{s.label}</option>)}</select></label>
              <label>Record id column <select value={idColumn} onChange={(e) => setIdColumn(e.target.value)}>{header.map((c) => <option key={c}>{c}</option>)}</select></label>
            </div>
            <table className="data"><thead><tr><th scope="col">Column</th><th scope="col">Property</th></tr></thead>
              <tbody>{header.map((c) => (
                <tr key={c}><th scope="row"><label htmlFor={`map-${c}`}>{c}</label></th>
                  <td><select id={`map-${c}`} value={columns[c] ?? ''} onChange={(e) => setColumns((m) => ({ ...m, [c]: e.target.value }))}>
                    <option value="">(ignore)</option>{properties.map((p) => <option key={p.name} value={p.name}>{p.label} ({p.name})</option>)}
                  </select></td></tr>
              ))}</tbody>
            </table>
            <div className="row wrap">
              <label>Source <input value={provenance.source} onChange={setProv('source')} placeholder="e.g. rms-export" /></label>
              <label>Reliability <select value={provenance.reliability} onChange={setProv('reliability')} {...why('reliability')}><option value="">(choose)</option>{'ABCDEF'.split('').map((r) => <option key={r}>{r}</option>)}</select></label>
              {whyNote('reliability')}
              <label>Credibility <select value={provenance.credibility} onChange={setProv('credibility')} {...why('credibility')}><option value="">(choose)</option>{'123456'.split('').map((r) => <option key={r}>{r}</option>)}</select></label>
              {whyNote('credibility')}
              <label>TLP <select value={provenance.tlp} onChange={setProv('tlp')}>{['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'].map((r) => <option key={r}>{r}</option>)}</select></label>
              <label>Handling <select value={provenance.handling} onChange={setProv('handling')}>{['H0', 'H1', 'H2', 'H3'].map((r) => <option key={r}>{r}</option>)}</select></label>
              <label>Legal basis <input value={provenance.legalBasis} onChange={setProv('legalBasis')} placeholder="e.g. LED Art. 8" {...why('legalBasis')} /></label>
              {whyNote('legalBasis')}
              <label>Category <select value={provenance.category} onChange={setProv('category')} {...why('category')}><option value="">(choose)</option>{CATEGORIES.map((r) => <option key={r}>{r}</option>)}</select></label>
              {whyNote('category')}
              <label>Classification <select value={provenance.classification} onChange={setProv('classification')}>{CLASSIFICATIONS.map((r) => <option key={r}>{r}</option>)}</select></label>
              <label>Releasable to <input value={provenance.releasability} onChange={setProv('releasability')} placeholder="e.g. BE, zone-north, ALL" aria-describedby="ingest-releasable-how" /></label>
              <span id="ingest-releasable-how" className="muted small">Countries (two letters), agencies or ALL, separated by commas; empty: your agency only.</span>
              <label>Nature <select value={provenance.nature} onChange={setProv('nature')}><option>fact</option><option>assessment</option></select></label>
            </div>
          </fieldset>
        ) : null}
        <button type="submit" className="primary" disabled={!file || uploading || unchosen.length > 0}>Upload and ingest</button>
      </form>
      {uploading ? <ProgressBar label="Uploading" /> : null}
      <ErrorMessage error={error} what="upload the file" />
      {jobId && jobId !== putAway ? <JobView key={jobId} id={jobId} {...(started?.id === jobId ? { known: started } : {})} onEnded={() => setEnded((n) => n + 1)} /> : null}
      <RecentUploads current={jobId} uploads={uploads} />
    </section>
  );
}

/** One job, followed while it runs: its progress, what it did, why it stopped, the lines refused and repeated, the references to records not found. */
function JobView({ id, known, onEnded }: { readonly id: string; readonly known?: IngestJob; readonly onEnded: () => void }) {
  const { api } = useSession();
  const { job, retrying, error } = useFollowedJob(api, id, known);
  const over = job !== undefined && JOB_ENDED.has(job.state);
  useEffect(() => {
    // told once, when the job is seen over (onEnded is a new function at each render)
    if (over) onEnded();
  }, [over]);
  const repeated = job?.repeated ?? job?.repeats?.length ?? 0;
  return (
    <section aria-label="Ingest job">
      {retrying ? (
        <p role="status" className="notice notice-pending" data-testid="ingest-poll-retrying">
          No news of this upload for now: {reasonOf(retrying.error)}. Asking again in {Math.ceil(retrying.inMs / 1000)} s; the upload goes on on the server.
        </p>
      ) : null}
      <ErrorMessage error={error} what="follow the upload" />
      {job ? (
        <>
          <ProgressBar label={`${job.filename ?? `Job ${job.id}`}: ${job.state}`} value={job.processed} {...(job.total !== undefined ? { max: job.total } : {})} text={linesRead(job)} />
          <p role="status" className="summary">{ingestSummary(job)}</p>
          {job.state === 'failed' ? (
            <p role="alert" className="notice notice-error" data-testid="ingest-failure">
              The upload stopped: {job.failure ?? 'the server gave no reason'}.
              {/* the failure of a stopped node says this itself */}
              {job.failure?.includes('again') ? null : ' The lines written before it stopped are kept; uploading the same file again resumes after them.'}
            </p>
          ) : null}
          {job.errors.length ? (
            <table className="data"><caption>Lines refused</caption><thead><tr><th scope="col">Line</th><th scope="col">Record</th><th scope="col">Field</th><th scope="col">Reason</th></tr></thead>
              <tbody>{job.errors.map((e, i) => <tr key={i}><td>{e.line}</td><td>{e.id ?? ''}</td><td>{e.field ?? ''}</td><td>{e.reason}</td></tr>)}</tbody></table>
          ) : null}
          {job.warnings?.length ? <ReferencesNotFound count={job.warningCount ?? job.warnings.length} warnings={job.warnings} /> : null}
          {job.repeats?.length ? (
            <table className="data"><caption>{repeated} line{repeated === 1 ? '' : 's'} gave a record an earlier line gave: the later version stands, both are kept in its history</caption>
              <thead><tr><th scope="col">Line</th><th scope="col">Earlier line</th><th scope="col">Record</th></tr></thead>
              <tbody>{job.repeats.map((r) => <tr key={r.line}><td>{r.line}</td><td>{r.of}</td><td>{r.id}</td></tr>)}</tbody></table>
          ) : null}
        </>
      ) : error ? null : <ProgressBar label="Opening the upload" />}
    </section>
  );
}

/** A list this long or shorter shows open; a longer one is folded under its count. */
const OPEN_UP_TO = 10;

/**
 * The lines written that name, by an entity property, a record neither the file nor the store
 * holds that the user may read: written all the same, since the record may come later.
 */
function ReferencesNotFound({ count, warnings }: { readonly count: number; readonly warnings: readonly IngestLineError[] }) {
  return (
    <details className="notice" open={warnings.length <= OPEN_UP_TO}>
      <summary>{referencesNotFound(count)}: the lines were written all the same</summary>
      {count > warnings.length ? <p className="muted small">The first {warnings.length} are listed.</p> : null}
      <ul>{warnings.map((w, i) => <li key={i}>line {w.line}{w.field ? `: ${w.field}` : ''} — no record with this id is held or readable; it may come in a later file</li>)}</ul>
    </details>
  );
}

/** The user's recent uploads, newest first, each opening its job on this page. */
function RecentUploads({ current, uploads }: { readonly current: string | undefined; readonly uploads: AsyncState<IngestUploads> }) {
  if (uploads.error) return <ErrorMessage error={uploads.error} what="load your recent uploads" />;
  const jobs = uploads.value?.jobs;
  if (!jobs?.length) return null;
  return (
    <section aria-labelledby="recent-uploads-title">
      <h2 id="recent-uploads-title" className="section-title">Your recent uploads</h2>
      <table className="data">
        <thead><tr><th scope="col">File</th><th scope="col">Started</th><th scope="col">State</th><th scope="col">Lines read</th><th scope="col">Outcome</th></tr></thead>
        <tbody>{jobs.map((j) => (
          <tr key={j.id} {...(j.id === current ? { 'aria-current': 'true' as const } : {})}>
            <td><a href={jobHref(j.id)}>{j.filename ?? j.id}</a></td>
            <td className="nowrap">{j.startedAt ? localTime(j.startedAt) : ''}</td>
            <td>{j.state}</td>
            <td>{linesRead(j)}</td>
            <td>{ingestSummary(j)}</td>
          </tr>
        ))}</tbody>
      </table>
    </section>
  );
}
