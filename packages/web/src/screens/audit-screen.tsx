/**
 * The audit log for auditors: once the auditor has given the purpose and case reference of the
 * audit (a search of the log is a consultation, logged with them: what users searched for and
 * were shown is personal data), it opens on the latest entries; search by user, agency, subject,
 * record, action, case and time; verify the hash chain and its signed checkpoints; and how long
 * the log is kept (read-only here: the system administrator sets it under Administration).
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { AUDIT_ACTIONS, type AuditEntry, type AuditVerification } from '../api/api-types.ts';
import { AuditRetentionNote } from '../admin/audit-retention-note.tsx';
import { ErrorMessage } from '../common/error-message.tsx';
import { ProgressBar } from '../common/progress-bar.tsx';
import { PurposeGate } from '../common/purpose-gate.tsx';
import { hasRole, useSession } from '../session/session-context.tsx';

const TEXT_FILTERS = [
  { key: 'user', label: 'User' }, { key: 'agency', label: 'Agency' }, { key: 'subject', label: 'Subject (entity)' },
  { key: 'record', label: 'Record' }, { key: 'caseRef', label: 'Case reference' },
] as const;

/** Entries shown when the screen opens. */
const LATEST = 50;

const isoOf = (local: string): string | undefined => (local ? new Date(local).toISOString() : undefined);

export function AuditScreen() {
  const { api, user } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [verification, setVerification] = useState<AuditVerification>();
  const verify = async (): Promise<void> => {
    setBusy(true);
    setError(undefined);
    setVerification(undefined);
    try {
      setVerification(await api.verifyAudit());
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
        <button type="button" onClick={() => void verify()} disabled={busy}>Verify the chain</button>
      </div>
      {busy ? <ProgressBar label="Verifying the chain" /> : null}
      <ErrorMessage error={error} />
      {verification ? (
        <p role="status" className={verification.ok ? 'notice notice-ok' : 'notice notice-error'} data-testid="verification">
          {verification.ok ? `Chain intact: ${verification.entries ?? '?'} entries verified, checkpoints signed.` : `Chain BROKEN at entry ${verification.firstBroken ?? '?'}: ${verification.message ?? verification.reason ?? ''}`}
        </p>
      ) : null}
      {hasRole(user, 'auditor', 'sysadmin') ? <AuditRetentionNote /> : null}
      <PurposeGate><AuditSearch /></PurposeGate>
    </section>
  );
}

function AuditSearch() {
  const { api } = useSession();
  const [filters, setFilters] = useState<Record<string, string>>({});
  const [entries, setEntries] = useState<readonly AuditEntry[]>();
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [open, setOpen] = useState<number>();
  const searches = useRef(0);

  const search = async (event?: FormEvent, limit = 500): Promise<void> => {
    event?.preventDefault();
    const asked = ++searches.current;
    setBusy('Searching the log');
    setError(undefined);
    try {
      const { from, to, ...rest } = filters;
      const answer = await api.audit({ ...rest, from: isoOf(from ?? ''), to: isoOf(to ?? ''), limit });
      // a search asked later (the user's, over the opening one) wins
      if (asked === searches.current) setEntries(answer.entries);
    } catch (caught) {
      if (asked === searches.current) setError(caught);
    } finally {
      if (asked === searches.current) setBusy(undefined);
    }
  };
  const set = (key: string) => (e: { target: { value: string } }) => setFilters((f) => ({ ...f, [key]: e.target.value }));
  // the latest entries, before any filter
  useEffect(() => { void search(undefined, LATEST); }, [api]);

  return (
    <>
      <form className="filters" onSubmit={(e) => void search(e)} aria-label="Audit filters">
        {TEXT_FILTERS.map((f) => (
          <div key={f.key} className="field"><label htmlFor={`audit-${f.key}`}>{f.label}</label><input id={`audit-${f.key}`} value={filters[f.key] ?? ''} onChange={set(f.key)} /></div>
        ))}
        <div className="field"><label htmlFor="audit-action">Action</label>
          <select id="audit-action" value={filters['action'] ?? ''} onChange={set('action')}><option value="">any</option>{AUDIT_ACTIONS.map((a) => <option key={a}>{a}</option>)}</select>
        </div>
        <div className="field"><label htmlFor="audit-from">From</label><input id="audit-from" type="datetime-local" value={filters['from'] ?? ''} onChange={set('from')} /></div>
        <div className="field"><label htmlFor="audit-to">To</label><input id="audit-to" type="datetime-local" value={filters['to'] ?? ''} onChange={set('to')} /></div>
        <button type="submit" className="primary" disabled={Boolean(busy)}>Search log</button>
      </form>
      {busy ? <ProgressBar label={busy} /> : null}
      <ErrorMessage error={error} />
      {entries ? (
        <>
          <p className="summary" role="status">{entries.length} entr{entries.length === 1 ? 'y' : 'ies'}, newest first</p>
          {/* a table wider than a tablet scrolls inside its own region, not the page */}
          <div className="table-scroll" role="region" aria-label="Audit entries, scrollable" tabIndex={0}>
            <table className="data audit">
              <caption className="visually-hidden">Audit entries</caption>
              <thead><tr><th scope="col">#</th><th scope="col">Time</th><th scope="col">User</th><th scope="col">Agency</th><th scope="col">Action</th><th scope="col">Purpose</th><th scope="col">Case</th><th scope="col">Records</th><th scope="col">Outcome</th><th scope="col">Hash</th></tr></thead>
              <tbody>
                {entries.map((e) => (
                  <FragmentRow key={e.seq} entry={e} open={open === e.seq} onToggle={() => setOpen(open === e.seq ? undefined : e.seq)} />
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </>
  );
}

function FragmentRow({ entry: e, open, onToggle }: { readonly entry: AuditEntry; readonly open: boolean; readonly onToggle: () => void }) {
  return (
    <>
      <tr className={e.outcome !== 'ok' ? 'denied' : undefined}>
        <td><button type="button" className="link" aria-expanded={open} onClick={onToggle}>{e.seq}</button></td>
        <td className="nowrap">{e.time.slice(0, 19).replace('T', ' ')}</td>
        <td>{e.actor.user}</td><td>{e.actor.agency}</td>
        <td><span className={`badge action-${e.action}`}>{e.action}</span></td>
        <td>{e.purpose ?? ''}</td><td>{e.caseRef ?? ''}</td>
        <td className="ids">{e.records.slice(0, 3).join(', ')}{e.records.length > 3 ? ` +${e.records.length - 3}` : ''}{e.pointers.length ? <span className="muted"> · pointers {e.pointers.join(', ')}</span> : null}</td>
        <td>{e.outcome}{e.reason ? <span className="muted"> ({e.reason})</span> : null}</td>
        <td className="hash" title={e.hash}>{e.hash.slice(0, 10)}</td>
      </tr>
      {open ? (
        <tr className="detail"><td colSpan={10}><pre>{JSON.stringify({ query: e.query, subjects: e.subjects, records: e.records, recipients: e.recipients, pointers: e.pointers, prevHash: e.prevHash, hash: e.hash }, null, 2)}</pre></td></tr>
      ) : null}
    </>
  );
}
