/**
 * Administration: agencies, desks, users and their roles, sharing agreements, retention rules
 * and the review queue of records past their date. Each area is a table of what the server
 * returns and a form to add or change one item (sent as JSON, validated by the server).
 */
import { useState, type FormEvent } from 'react';
import { ErrorMessage } from '../common/error-message.tsx';
import { ProgressBar } from '../common/progress-bar.tsx';
import { useAsync } from '../common/use-async.ts';
import { useSession } from '../session/session-context.tsx';

const AREAS = [
  { id: 'agencies', label: 'Agencies', template: { id: '', name: '', country: 'BE', contactDesk: '' } },
  { id: 'desks', label: 'Desks', template: { id: '', agency: '', name: '', contact: '' } },
  { id: 'users', label: 'Users and roles', template: { name: '', agency: '', desk: '', roles: ['analyst'], clearance: 'RESTRICTED', password: '' } },
  { id: 'agreements', label: 'Sharing agreements', template: { id: '', owner: '', recipient: '', effect: 'pointer', notifyOwnerOnConsult: false, notifyOwnerOnEncounter: true } },
  { id: 'retention', label: 'Retention rules', template: { category: 'suspect', years: 3 } },
  { id: 'review-queue', label: 'Past review date', template: undefined },
] as const;

const cell = (value: unknown): string => (Array.isArray(value) ? value.join(', ') : typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value ?? ''));

export function AdminScreen() {
  const [area, setArea] = useState<string>(AREAS[0].id);
  const current = AREAS.find((a) => a.id === area) ?? AREAS[0];
  return (
    <section className="screen" aria-labelledby="admin-title">
      <h1 id="admin-title">Administration</h1>
      <div role="tablist" aria-label="Areas" className="tabs" onKeyDown={(e) => {
        const i = AREAS.findIndex((a) => a.id === area);
        const next = e.key === 'ArrowRight' ? AREAS[(i + 1) % AREAS.length] : e.key === 'ArrowLeft' ? AREAS[(i - 1 + AREAS.length) % AREAS.length] : undefined;
        if (next) { setArea(next.id); document.getElementById(`tab-${next.id}`)?.focus(); }
      }}>
        {AREAS.map((a) => (
          <button key={a.id} id={`tab-${a.id}`} role="tab" type="button" aria-selected={a.id === area} aria-controls="admin-panel" tabIndex={a.id === area ? 0 : -1} onClick={() => setArea(a.id)}>{a.label}</button>
        ))}
      </div>
      <div id="admin-panel" role="tabpanel" aria-labelledby={`tab-${current.id}`}>
        <AdminArea key={current.id} area={current.id} template={current.template} />
      </div>
    </section>
  );
}

function AdminArea({ area, template }: { readonly area: string; readonly template: object | undefined }) {
  const { api } = useSession();
  const list = useAsync(() => api.adminList(area), [api, area]);
  const [draft, setDraft] = useState(() => JSON.stringify(template ?? {}, null, 2));
  const [error, setError] = useState<unknown>();
  const [status, setStatus] = useState<string>();
  const rows = list.value ?? [];
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))].filter((c) => !/hash|password/i.test(c)).slice(0, 9);
  const save = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setError(undefined);
    setStatus(undefined);
    try {
      const item = JSON.parse(draft) as Record<string, unknown>;
      await api.adminSave(area, item);
      setStatus('Saved.');
      list.reload();
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <div className="admin-area">
      {list.loading ? <ProgressBar label="Loading" /> : null}
      <ErrorMessage error={list.error} what={`/admin/${area}`} />
      {list.value ? (
        <table className="data"><thead><tr>{columns.map((c) => <th key={c} scope="col">{c}</th>)}</tr></thead>
          <tbody>{rows.map((r, i) => <tr key={i}>{columns.map((c) => <td key={c}>{cell(r[c])}</td>)}</tr>)}
            {rows.length === 0 ? <tr><td className="muted" colSpan={Math.max(1, columns.length)}>Nothing here.</td></tr> : null}</tbody>
        </table>
      ) : null}
      {template ? (
        <form onSubmit={(e) => void save(e)} className="admin-form">
          <label htmlFor={`admin-${area}-json`}>Add or change (JSON)</label>
          <textarea id={`admin-${area}-json`} rows={8} spellCheck={false} value={draft} onChange={(e) => setDraft(e.target.value)} />
          <button type="submit" className="primary">Save</button>
          <ErrorMessage error={error} />
          {status ? <p role="status" className="notice notice-ok">{status}</p> : null}
        </form>
      ) : null}
    </div>
  );
}
