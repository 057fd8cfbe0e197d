/**
 * The agency's review period per data-subject category (LED Art. 5), and how long its checkpoint
 * checks and notifications are kept: a row for each rule the server returns (it knows which there are).
 */
import { useEffect, useState, type FormEvent } from 'react';
import { ErrorMessage } from '../common/error-message.tsx';
import { useAsync } from '../common/use-async.ts';
import { useRefusedFields } from '../common/use-refused-fields.ts';
import { useSession } from '../session/session-context.tsx';
import type { Period } from './admin-types.ts';
import { Outcome } from './outcome.tsx';
import { useAdminAction } from './use-admin-action.ts';

export function RetentionRulesPanel() {
  const { api } = useSession();
  const rules = useAsync(() => api.adminGet<{ agency: string; rules: Record<string, Period> }>('/admin/retention/rules'), [api]);
  const action = useAdminAction(rules.reload);
  const refused = useRefusedFields<HTMLFormElement>(action.error, 'retention-rules-error');
  const [draft, setDraft] = useState<Record<string, Period>>({});
  useEffect(() => { if (rules.value) setDraft(rules.value.rules); }, [rules.value]);
  const save = (e: FormEvent) => {
    e.preventDefault();
    void action.run({ action: 'save the retention rules', done: 'Retention rules saved.' }, 'PUT', '/admin/retention/rules', { rules: draft });
  };
  const set = (category: string, unit: keyof Period, value: string) => setDraft({ ...draft, [category]: { ...draft[category], [unit]: Number(value) || 0 } });
  return (
    <form ref={refused.ref} className="admin-area" aria-label="Retention rules" aria-busy={action.busy} onSubmit={save} onInput={action.clear}>
      <ErrorMessage error={rules.error} what="load the retention rules" />
      <p>Review periods of <strong>{rules.value?.agency ?? '…'}</strong>; they apply to records collected from now on. Checks and notifications are erased once older than their period.</p>
      <table className="data">
        <thead><tr><th scope="col">Category</th><th scope="col">Years</th><th scope="col">Months</th><th scope="col">Days</th></tr></thead>
        <tbody>{Object.keys(rules.value?.rules ?? {}).map((c) => (
          <tr key={c}><th scope="row">{c}</th>
            {(['years', 'months', 'days'] as const).map((unit) => <td key={unit}><input {...refused.field(`rules.${c}`)} aria-label={`${c} ${unit}`} type="number" min={0} value={draft[c]?.[unit] ?? 0} onChange={(e) => set(c, unit, e.target.value)} /></td>)}
          </tr>
        ))}</tbody>
      </table>
      <button type="submit" className="primary" disabled={action.busy}>Save retention rules</button>
      <Outcome error={action.error} status={action.status} what={action.failed} errorId="retention-rules-error" />
    </form>
  );
}
