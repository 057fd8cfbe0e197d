/**
 * The audit log for auditors: once the auditor has given the purpose and case reference of the
 * audit (a search of the log is a consultation, logged with them: what users searched for and
 * were shown is personal data), it opens on the latest entries; search by user, agency, owner of
 * the records, recipient, subject, record, action, case and time, page to older entries, and
 * export the entries shown (made and logged by the server); see the records behind a pointer another agency's user was shown
 * (`pointed`, which the API gives the owner's auditor and oversight alone), as plain ids since an
 * auditor reads no record (policy: RECORD_ROLES); verify the hash chain and its signed
 * checkpoints, against a witness kept outside the database if the auditor has one; and how long
 * the log is kept (read-only here: the system administrator sets it under Administration).
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { AUDIT_ACTIONS, type AuditEntry, type AuditVerification } from '../api/api-types.ts';
import type { Organisation } from '../admin/admin-types.ts';
import { AuditRetentionNote } from '../admin/audit-retention-note.tsx';
import { auditActionWords, auditOutcomeWords, auditReasonWords } from '../audit/audit-code-words.ts';
import { auditExportName, exportParts } from '../audit/audit-json-lines.ts';
import { auditEntryWords } from '../audit/audit-entry-words.ts';
import { auditLines } from '../audit/audit-lines.ts';
import { auditMore, auditSummary, type AuditMore } from '../audit/audit-more.ts';
import { auditScopeNote } from '../audit/audit-scope-note.ts';
import { auditTimeBound } from '../audit/audit-time-bound.ts';
import { downloadFile } from '../common/download-file.ts';
import { ErrorMessage } from '../common/error-message.tsx';
import { ProgressBar } from '../common/progress-bar.tsx';
import { PurposeGate } from '../common/purpose-gate.tsx';
import { FieldRefusal } from '../common/field-refusal.tsx';
import { localTime, localZoneName } from '../common/local-time.ts';
import { refusalId, saidRefusals, type FieldWords } from '../common/said-refusals.ts';
import { useAsync } from '../common/use-async.ts';
import { useFocusBack } from '../common/use-focus-back.ts';
import { useRefusedFields } from '../common/use-refused-fields.ts';
import { hasRole, useSession } from '../session/session-context.tsx';

const TEXT_FILTERS = [
  { key: 'user', label: 'User' }, { key: 'agency', label: 'Agency' },
  { key: 'owner', label: 'Owner of records' }, { key: 'recipient', label: 'Recipient' },
  { key: 'subject', label: 'Subject (entity)' }, { key: 'record', label: 'Record' }, { key: 'caseRef', label: 'Case reference' },
] as const;

/**
 * The fields of the screen's forms a refusal names, by their labels: the witness and the time
 * bounds with what they take, since the server writes that in its notation (`SEQ:HASH`,
 * `YYYY-MM-DDThh:mm:ssZ`); the text filters with the server's reason.
 */
const WITNESS_WORDS: Readonly<Record<string, FieldWords>> = {
  expect: { label: 'Witness', refused: 'not a witness — write it as a verification showed it: the entry\'s number, a colon and the entry\'s hash in 64 hexadecimal digits (1234:9f86d081…)' },
};
const SEARCH_WORDS: Readonly<Record<string, FieldWords>> = {
  ...Object.fromEntries(TEXT_FILTERS.map((f) => [f.key, { label: f.label }])),
  action: { label: 'Action' },
  from: { label: 'From', refused: 'not a day and time the log can be searched by — choose the day and time again, the year in four digits' },
  to: { label: 'To', refused: 'not a day and time the log can be searched by — choose the day and time again, the year in four digits' },
};

const REFUSAL_PREFIX = 'audit';

/** Entries shown when the screen opens. */
const LATEST = 50;
/** Entries a search, and each "Show older", asks for. */
const PAGE = 500;

function verificationText(v: AuditVerification, witness: string): string {
  if (!v.ok) return `Chain BROKEN at entry ${v.firstBroken ?? '?'}: ${v.message ?? v.reason ?? ''}`;
  const pruned = v.prunedThrough === undefined ? '' : ` (pruned through entry ${v.prunedThrough}, behind a signed cut)`;
  return `Chain intact: ${v.entries ?? '?'} entries verified${pruned}, checkpoints signed${witness ? `; it still reaches the witnessed entry ${witness.split(':')[0] ?? ''}` : ''}.`;
}

/**
 * The witness a verification answers: the last entry verified, its number and hash. Kept outside
 * Mosaic and given back in the Witness field, it proves that the log still reaches that entry
 * and that neither it nor any entry before it has changed since (audit-witness.ts); the log's
 * own checkpoints, in the same database as the entries, cannot show their tail deleted with them.
 */
function WitnessToKeep({ witness }: { readonly witness: string }) {
  const [copied, setCopied] = useState<'yes' | 'no'>();
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(witness);
      setCopied('yes');
    } catch {
      setCopied('no');
    }
  };
  return (
    <div className="witness" data-testid="witness-to-keep">
      <p>
        <span>Witness to keep (entry {witness.split(':')[0]}):</span>{' '}
        <code className="hash" data-testid="witness">{witness}</code>{' '}
        <button type="button" onClick={() => void copy()}>Copy the witness</button>{' '}
        <span role="status" className="muted small">{copied === 'yes' ? 'Copied.' : copied === 'no' ? 'Could not copy: select the witness and copy it.' : ''}</span>
      </p>
      <p className="muted small">Keep it outside Mosaic; verify again with it, in the Witness field, to prove that nothing up to this entry was changed or deleted since.</p>
    </div>
  );
}

export function AuditScreen() {
  const { api, user } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [witness, setWitness] = useState('');
  const [verification, setVerification] = useState<{ readonly result: AuditVerification; readonly witness: string }>();
  const refusals = saidRefusals(error, WITNESS_WORDS);
  const refused = useRefusedFields<HTMLFormElement>(error, (field) => refusalId(REFUSAL_PREFIX, field));
  // the buttons are disabled while they work, which drops the focus: it is given back
  const holdFocus = useFocusBack(busy);
  const verify = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const expect = witness.trim();
    holdFocus();
    setBusy(true);
    setError(undefined);
    setVerification(undefined);
    try {
      setVerification({ result: await api.verifyAudit(expect || undefined), witness: expect });
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="screen" aria-labelledby="audit-title">
      <div className="title-row">
        <h1 id="audit-title">Audit log</h1>
        <form ref={refused.ref} className="filters" onSubmit={(e) => void verify(e)} aria-label="Verify the chain">
          {/* the witness a verification showed (or `mosaic audit verify` printed), kept outside the database (POST /audit/verify {expect}) */}
          <div className="field"><label htmlFor="audit-witness">Witness (optional)</label>
            <input id="audit-witness" {...refused.field('expect')} value={witness} onChange={(e) => setWitness(e.target.value)} placeholder="1234:9f86d081…" spellCheck={false} autoComplete="off"
              title="The witness a verification showed you (or mosaic audit verify printed): the entry's number, a colon and its hash" />
          </div>
          <button type="submit" disabled={busy}>Verify the chain</button>
          <FieldRefusal refusals={refusals} field="expect" prefix={REFUSAL_PREFIX} />
        </form>
      </div>
      {busy ? <ProgressBar label="Verifying the chain" /> : null}
      {refusals.unsaid ? <ErrorMessage error={error} /> : null}
      {verification ? (
        <p role="status" className={verification.result.ok ? 'notice notice-ok' : 'notice notice-error'} data-testid="verification">
          {verificationText(verification.result, verification.witness)}
        </p>
      ) : null}
      {verification?.result.witness ? <WitnessToKeep witness={verification.result.witness} /> : null}
      {hasRole(user, 'auditor', 'sysadmin') ? <AuditRetentionNote /> : null}
      <PurposeGate><AuditSearch /></PurposeGate>
    </section>
  );
}

type Asked = Readonly<Record<string, string | number | undefined>>;

function AuditSearch() {
  const { api } = useSession();
  const [filters, setFilters] = useState<Record<string, string>>({});
  // the entries shown, the query they answer (older pages keep it, whatever the form says since) and what lies beyond
  const [shown, setShown] = useState<{ readonly entries: readonly AuditEntry[]; readonly asked: Asked; readonly more: AuditMore }>();
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<unknown>();
  const refusals = saidRefusals(error, SEARCH_WORDS);
  const refused = useRefusedFields<HTMLFormElement>(error, (field) => refusalId(REFUSAL_PREFIX, field));
  const [open, setOpen] = useState<number>();
  const scope = useAuditScope();
  const searches = useRef(0);
  const holdFocus = useFocusBack(busy !== undefined);

  const ask = async (label: string, asked: Asked, before: string | undefined, kept: readonly AuditEntry[]): Promise<void> => {
    const id = ++searches.current;
    holdFocus();
    setBusy(label);
    setError(undefined);
    try {
      const answer = await api.audit({ ...asked, before });
      // a search asked later (the user's, over the opening one) wins
      if (id === searches.current) setShown({ entries: [...kept, ...answer.entries], asked, more: auditMore(answer, Number(asked['limit'])) });
    } catch (caught) {
      if (id === searches.current) setError(caught);
    } finally {
      if (id === searches.current) setBusy(undefined);
    }
  };
  const search = (event?: FormEvent, limit = PAGE): void => {
    event?.preventDefault();
    const { from, to, ...rest } = filters;
    const bounds = { From: auditTimeBound(from ?? '', 'from'), To: auditTimeBound(to ?? '', 'to') };
    // a bound that cannot be read is said, not dropped: searched without it, the log answers another question
    for (const [label, bound] of Object.entries(bounds)) {
      if ('refused' in bound) {
        setError(new Error(`${label}: ${bound.refused}`));
        return;
      }
    }
    void ask('Searching the log', { ...rest, from: 'at' in bounds.From ? bounds.From.at : undefined, to: 'at' in bounds.To ? bounds.To.at : undefined, limit }, undefined, []);
  };
  const showOlder = (): void => {
    if (shown?.more.kind !== 'older') return;
    void ask('Reading older entries', { ...shown.asked, limit: PAGE }, shown.more.before, shown.entries);
  };
  // The server makes the file, and logs it as an `export` entry: the entries shown, asked again
  // from the newest of them down, as many as shown (5,000 a request at most, a file of them all).
  const exportShown = async (): Promise<void> => {
    if (!shown || shown.entries.length === 0) return;
    const { limit: _limit, ...asked } = shown.asked;
    holdFocus();
    setBusy('Exporting the entries');
    setError(undefined);
    try {
      const parts: string[] = [];
      for (const part of exportParts(shown.entries.map((e) => e.seq))) parts.push(await api.exportAudit({ ...asked, ...part }));
      downloadFile(parts.join(''), auditExportName(new Date()), 'application/jsonl');
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(undefined);
    }
  };
  const set = (key: string) => (e: { target: { value: string } }) => setFilters((f) => ({ ...f, [key]: e.target.value }));
  // the latest entries, before any filter
  useEffect(() => { search(undefined, LATEST); }, [api]);

  return (
    <>
      <form ref={refused.ref} className="filters" onSubmit={(e) => search(e)} aria-label="Audit filters">
        {TEXT_FILTERS.map((f) => (
          <div key={f.key} className="field"><label htmlFor={`audit-${f.key}`}>{f.label}</label><input id={`audit-${f.key}`} {...refused.field(f.key)} value={filters[f.key] ?? ''} onChange={set(f.key)} /></div>
        ))}
        <div className="field"><label htmlFor="audit-action">Action</label>
          <select id="audit-action" {...refused.field('action')} value={filters['action'] ?? ''} onChange={set('action')}><option value="">any</option>{AUDIT_ACTIONS.map((a) => <option key={a} value={a}>{auditActionWords(a)}</option>)}</select>
        </div>
        <div className="field"><label htmlFor="audit-from">From</label><input id="audit-from" {...refused.field('from')} type="datetime-local" value={filters['from'] ?? ''} onChange={set('from')} /></div>
        <div className="field"><label htmlFor="audit-to">To</label><input id="audit-to" {...refused.field('to')} type="datetime-local" value={filters['to'] ?? ''} onChange={set('to')} /></div>
        <button type="submit" className="primary" disabled={Boolean(busy)}>Search log</button>
        {/* the table's times and the bounds are in one zone, the browser's: a time read off a row finds it */}
        <p className="muted small" data-testid="audit-time-zone">From, To and the entries&apos; times are in your browser&apos;s time zone, {localZoneName()}; To takes in the minute it names.</p>
        {/* under the row of fields, across it: a filter's cell is too narrow to say why */}
        {Object.keys(SEARCH_WORDS).map((field) => <FieldRefusal key={field} refusals={refusals} field={field} prefix={REFUSAL_PREFIX} />)}
      </form>
      {busy ? <ProgressBar label={busy} /> : null}
      {refusals.unsaid ? <ErrorMessage error={error} /> : null}
      {scope ? <p className="muted small audit-scope" data-testid="audit-scope">{scope}</p> : null}
      {shown ? (
        <>
          <div className="title-row">
            <p className="summary" role="status">{auditSummary(shown.entries.length, shown.more)}</p>
            {shown.entries.length > 0 ? <button type="button" onClick={() => void exportShown()} disabled={Boolean(busy)}>Export these entries (JSON Lines)</button> : null}
          </div>
          {/* a table wider than a tablet scrolls inside its own region, not the page */}
          <div className="table-scroll" role="region" aria-label="Audit entries, scrollable" tabIndex={0}>
            <table className="data audit">
              <caption className="visually-hidden">Audit entries</caption>
              <thead><tr><th scope="col">#</th><th scope="col">Time</th><th scope="col">User</th><th scope="col">Agency</th><th scope="col">Action</th><th scope="col">Purpose</th><th scope="col">Case</th><th scope="col">Records</th><th scope="col">Behind pointers</th><th scope="col">Outcome</th><th scope="col">Hash</th></tr></thead>
              <tbody>
                {auditLines(shown.entries).map((line) => (line.kind === 'entry'
                  ? <FragmentRow key={line.entry.seq} entry={line.entry} open={open === line.entry.seq} onToggle={() => setOpen(open === line.entry.seq ? undefined : line.entry.seq)} />
                  : <GroupRows key={`group-${line.entries[0]?.seq ?? ''}`} entries={line.entries} words={line.words} open={open} onToggle={(seq) => setOpen(open === seq ? undefined : seq)} />))}
              </tbody>
            </table>
          </div>
          {shown.more.kind === 'older' ? <button type="button" onClick={showOlder} disabled={Boolean(busy)}>Show older</button> : null}
        </>
      ) : null}
    </>
  );
}

/**
 * What of the log this auditor is shown (audit/audit-scope-note.ts), once the organisation says
 * whether their agency is an oversight body; nothing said while it is not known.
 */
function useAuditScope(): string | undefined {
  const { api, user } = useSession();
  const org = useAsync(() => api.adminGet<Organisation>('/admin/organisation'), [api]);
  const agency = org.value?.agencies.find((a) => a.id === user.agency);
  return agency ? auditScopeNote(agency.name || agency.id, agency.oversight === true) : undefined;
}

/** The first three ids, and how many more (all of them in the entry's detail). */
const firstIds = (ids: readonly string[]): string => `${ids.slice(0, 3).join(', ')}${ids.length > 3 ? ` +${ids.length - 3}` : ''}`;

/**
 * One user's one action (audit/audit-lines.ts): one line saying it in words, opening to its
 * entries, each a line of its own as any entry's, with its number, its hash and its details.
 */
function GroupRows({ entries, words, open, onToggle }: { readonly entries: readonly AuditEntry[]; readonly words: string; readonly open: number | undefined; readonly onToggle: (seq: number) => void }) {
  const [expanded, setExpanded] = useState(false);
  const newest = entries[0];
  const oldest = entries.at(-1);
  if (newest === undefined || oldest === undefined) return null;
  const records = [...new Set(entries.flatMap((e) => e.records))];
  const pointed = [...new Set(entries.flatMap((e) => (e.pointed ?? []).flatMap((p) => p.records)))];
  const outcomes = [...new Set(entries.map((e) => e.outcome))];
  return (
    <>
      <tr className={`audit-group${outcomes.some((o) => o !== 'ok') ? ' denied' : ''}`} data-testid="audit-group">
        <td className="nowrap">
          <button type="button" className="link" aria-expanded={expanded} onClick={() => setExpanded(!expanded)}
            aria-label={`${expanded ? 'Hide' : 'Show'} the ${entries.length} entries ${oldest.seq} to ${newest.seq}`}>
            <span aria-hidden="true">{expanded ? '▾' : '▸'}</span> {oldest.seq} to {newest.seq}
          </button>
        </td>
        <td className="nowrap">{localTime(newest.time)}</td>
        <td>{newest.actor.user}</td><td>{newest.actor.agency}</td>
        <td className="audit-words" data-testid="audit-group-words">{words}</td>
        <td>{newest.purpose ?? ''}</td><td>{newest.caseRef ?? ''}</td>
        <td className="ids">{firstIds(records)}</td>
        <td className="ids">{firstIds(pointed)}</td>
        <td>{outcomes.map(auditOutcomeWords).join(', ')}</td>
        <td className="muted small">{entries.length} entries</td>
      </tr>
      {expanded ? entries.map((e) => <FragmentRow key={e.seq} entry={e} open={open === e.seq} onToggle={() => onToggle(e.seq)} part />) : null}
    </>
  );
}

function FragmentRow({ entry: e, open, onToggle, part }: { readonly entry: AuditEntry; readonly open: boolean; readonly onToggle: () => void; readonly part?: boolean }) {
  const pointed = (e.pointed ?? []).flatMap((p) => p.records);
  const words = auditEntryWords(e);
  return (
    <>
      <tr className={[e.outcome !== 'ok' ? 'denied' : '', part === true ? 'audit-part' : ''].filter(Boolean).join(' ') || undefined}>
        <td><button type="button" className="link" aria-label={`Details of entry ${e.seq}`} aria-expanded={open} onClick={onToggle}>{e.seq}</button></td>
        <td className="nowrap">{localTime(e.time)}</td>
        <td>{e.actor.user}</td><td>{e.actor.agency}</td>
        <td><span className={`badge action-${e.action}`} title={e.action}>{auditActionWords(e.action)}</span>{words ? <span className="audit-words"> {words}</span> : null}</td>
        <td>{e.purpose ?? ''}</td><td>{e.caseRef ?? ''}</td>
        <td className="ids">{firstIds(e.records)}{e.pointers.length ? <span className="muted"> · pointers {e.pointers.join(', ')}</span> : null}</td>
        <td className="ids">{firstIds(pointed)}</td>
        <td>{auditOutcomeWords(e.outcome)}{e.reason ? <span className="muted" title={e.reason}> ({auditReasonWords(e.reason)})</span> : null}</td>
        <td className="hash" title={e.hash}>{e.hash.slice(0, 10)}</td>
      </tr>
      {open ? (
        <tr className="detail"><td colSpan={11}><pre>{JSON.stringify({ query: e.query, subjects: e.subjects, records: e.records, recipients: e.recipients, pointers: e.pointers, pointed: e.pointed, prevHash: e.prevHash, hash: e.hash }, null, 2)}</pre></td></tr>
      ) : null}
    </>
  );
}
