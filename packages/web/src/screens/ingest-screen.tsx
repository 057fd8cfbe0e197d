/**
 * Ingest: upload a JSON Lines or CSV file; for CSV, map its columns to the schema's properties
 * and give the provenance every row shares; follow the job's progress and see the lines refused
 * and why.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { CATEGORIES } from '../admin/admin-types.ts';
import type { IngestJob } from '../api/api-types.ts';
import { csvHeader, guessDelimiter } from '../common/csv-header.ts';
import { ErrorMessage } from '../common/error-message.tsx';
import { ProgressBar } from '../common/progress-bar.tsx';
import { useSchemata } from '../common/use-schemata.ts';
import { useSession } from '../session/session-context.tsx';

const DONE = new Set(['done', 'completed', 'finished', 'failed', 'error']);

export function IngestScreen() {
  const { api } = useSession();
  const schemata = useSchemata(api);
  const [file, setFile] = useState<{ name: string; content: string }>();
  const [schema, setSchema] = useState('Person');
  const [idColumn, setIdColumn] = useState('');
  const [columns, setColumns] = useState<Record<string, string>>({});
  const [provenance, setProvenance] = useState({ source: '', reliability: 'B', credibility: '2', tlp: 'AMBER', handling: 'H1', legalBasis: 'LED Art. 8', category: 'suspect', nature: 'fact' });
  const [job, setJob] = useState<IngestJob>();
  const [error, setError] = useState<unknown>();
  const [uploading, setUploading] = useState(false);

  const isCsv = Boolean(file && /\.(csv|tsv|txt)$/i.test(file.name));
  const delimiter = file && isCsv ? guessDelimiter(file.content.split(/\r?\n/, 1)[0] ?? '') : ',';
  const header = file && isCsv ? csvHeader(file.content, delimiter) : [];
  const properties = schemata?.get(schema)?.properties.filter((p) => p.type !== 'entity') ?? [];

  useEffect(() => {
    if (!job || DONE.has(job.state)) return undefined;
    const timer = setTimeout(() => { api.ingestJob(job.id).then(setJob, setError); }, 500);
    return () => clearTimeout(timer);
  }, [api, job]);

  const choose = async (input: HTMLInputElement): Promise<void> => {
    const chosen = input.files?.[0];
    setJob(undefined);
    if (!chosen) return setFile(undefined);
    const content = await chosen.text();
    setFile({ name: chosen.name, content });
    const cols = /\.(csv|tsv|txt)$/i.test(chosen.name) ? csvHeader(content, guessDelimiter(content.split(/\r?\n/, 1)[0] ?? '')) : [];
    setIdColumn(cols.find((c) => /(^|_)id$/i.test(c)) ?? cols[0] ?? '');
    setColumns(Object.fromEntries(cols.map((c) => [c, ''])));
  };

  const upload = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!file) return;
    setUploading(true);
    setError(undefined);
    try {
      const props: Record<string, string[]> = {};
      for (const [column, property] of Object.entries(columns)) if (property) (props[property] ??= []).push(column);
      const mapping = isCsv ? {
        schema, id: idColumn, delimiter,
        properties: Object.fromEntries(Object.entries(props).map(([p, cols]) => [p, cols.length === 1 ? cols[0] : cols])),
        provenance: {
          source: provenance.source || file.name, reliability: provenance.reliability, credibility: Number(provenance.credibility),
          marking: { tlp: provenance.tlp, classification: 'RESTRICTED', releasability: [] }, handling: provenance.handling, legalBasis: provenance.legalBasis, category: provenance.category, nature: provenance.nature,
        },
      } : undefined;
      setJob(await api.ingest({ format: isCsv ? 'csv' : 'jsonl', content: file.content, filename: file.name, ...(mapping ? { mapping } : {}) }));
    } catch (caught) {
      setError(caught);
    } finally {
      setUploading(false);
    }
  };
  const setProv = (key: keyof typeof provenance) => (e: { target: { value: string } }) => setProvenance((p) => ({ ...p, [key]: e.target.value }));
  const written = file ? file.content.split(/\r?\n/).filter(Boolean).length : 0;
  // a CSV's first line names its columns; an empty file has neither
  const lines = Math.max(0, written - (isCsv ? 1 : 0));
  const repeated = job?.repeated ?? job?.repeats?.length ?? 0;

  return (
    <section className="screen" aria-labelledby="ingest-title">
      <h1 id="ingest-title">Ingest</h1>
      <form onSubmit={(e) => void upload(e)} className="stack">
        <label htmlFor="ingest-file">File (JSON Lines with provenance, or CSV)</label>
        <input id="ingest-file" type="file" accept=".jsonl,.ndjson,.json,.csv,.tsv,.txt" onChange={(e) => void choose(e.target)} />
        {file ? <p className="muted small">{file.name}: {written === 0 ? 'empty' : <>{lines} line{lines === 1 ? '' : 's'}{isCsv ? `, ${header.length} columns, delimiter “${delimiter === '\t' ? 'tab' : delimiter}”` : ''}</>}</p> : null}
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
              <label>Reliability <select value={provenance.reliability} onChange={setProv('reliability')}>{'ABCDEF'.split('').map((r) => <option key={r}>{r}</option>)}</select></label>
              <label>Credibility <select value={provenance.credibility} onChange={setProv('credibility')}>{'123456'.split('').map((r) => <option key={r}>{r}</option>)}</select></label>
              <label>TLP <select value={provenance.tlp} onChange={setProv('tlp')}>{['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'].map((r) => <option key={r}>{r}</option>)}</select></label>
              <label>Handling <select value={provenance.handling} onChange={setProv('handling')}>{['H0', 'H1', 'H2', 'H3'].map((r) => <option key={r}>{r}</option>)}</select></label>
              <label>Legal basis <input value={provenance.legalBasis} onChange={setProv('legalBasis')} /></label>
              <label>Category <select value={provenance.category} onChange={setProv('category')}>{CATEGORIES.map((r) => <option key={r}>{r}</option>)}</select></label>
              <label>Nature <select value={provenance.nature} onChange={setProv('nature')}><option>fact</option><option>assessment</option></select></label>
            </div>
          </fieldset>
        ) : null}
        <button type="submit" className="primary" disabled={!file || uploading}>Upload and ingest</button>
      </form>
      {uploading ? <ProgressBar label="Uploading" /> : null}
      <ErrorMessage error={error} what="ingest" />
      {job ? (
        <section aria-label="Ingest job">
          <ProgressBar label={`Job ${job.id}: ${job.state}`} value={job.processed} max={job.total ?? lines} />
          <p role="status" className="summary">{job.accepted ?? 0} accepted · {job.rejected ?? job.errors.length} refused</p>
          {job.errors.length ? (
            <table className="data"><caption>Lines refused</caption><thead><tr><th scope="col">Line</th><th scope="col">Field</th><th scope="col">Reason</th></tr></thead>
              <tbody>{job.errors.map((e, i) => <tr key={i}><td>{e.line}</td><td>{e.field ?? ''}</td><td>{e.reason}</td></tr>)}</tbody></table>
          ) : null}
          {job.repeats?.length ? (
            <table className="data"><caption>{repeated} line{repeated === 1 ? '' : 's'} gave a record an earlier line gave: the later version stands, both are kept in its history</caption>
              <thead><tr><th scope="col">Line</th><th scope="col">Earlier line</th><th scope="col">Record</th></tr></thead>
              <tbody>{job.repeats.map((r) => <tr key={r.line}><td>{r.line}</td><td>{r.of}</td><td>{r.id}</td></tr>)}</tbody></table>
          ) : null}
        </section>
      ) : null}
    </section>
  );
}
