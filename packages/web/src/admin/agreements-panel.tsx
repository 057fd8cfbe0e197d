/**
 * Sharing agreements: what flows from an owner's records to a recipient (full, pointer, none), by
 * marking and category. A refusal names the field to correct, which is marked and focused; a
 * withdrawal, which stops what flows under it at once, waits for a second, explicit confirmation.
 */
import { clearanceWords } from '@mosaic/model';
import { useState, type FormEvent } from 'react';
import { useConfirmStep } from '../common/use-confirm-step.ts';
import { useRefusedFields } from '../common/use-refused-fields.ts';
import { useSession } from '../session/session-context.tsx';
import { CATEGORIES, CLASSIFICATIONS, EFFECTS, HANDLINGS, TLPS, type AgreementRow, type Organisation } from './admin-types.ts';
import { Checks, Outcome } from './outcome.tsx';
import { useAdminAction, type AdminAction } from './use-admin-action.ts';

export function AgreementsPanel({ org, reload }: { readonly org: Organisation; readonly reload: () => void }) {
  const { user } = useSession();
  const action = useAdminAction(reload);
  const refused = useRefusedFields<HTMLFormElement>(action.error, AGREEMENT_ERROR);
  const agencyNames = new Map(org.agencies.map((a) => [a.id, a.name]));
  const owners = user.roles.includes('sysadmin') ? org.agencies : org.agencies.filter((a) => a.id === user.agency);
  const [draft, setDraft] = useState({
    id: '', owner: owners[0]?.id ?? '', recipient: 'ALL', effect: 'pointer' as (typeof EFFECTS)[number],
    tlp: ['CLEAR', 'GREEN', 'AMBER'] as (typeof TLPS)[number][], maxClassification: 'RESTRICTED', handling: [...HANDLINGS] as (typeof HANDLINGS)[number][],
    categories: [...CATEGORIES] as (typeof CATEGORIES)[number][], notifyOwnerOnConsult: false, notifyOwnerOnEncounter: true,
  });
  const save = (e: FormEvent) => {
    e.preventDefault();
    const { id, tlp, maxClassification, handling, categories, ...rest } = draft;
    void action.run({ action: `save agreement ${id}`, done: `Agreement ${id} saved.` }, 'PUT', `/admin/agreements/${encodeURIComponent(id)}`, { ...rest, conditions: { tlp, maxClassification, handling, categories } });
  };
  return (
    <div className="admin-area">
      <table className="data" aria-label="Sharing agreements">
        <thead><tr><th scope="col">Id</th><th scope="col">Owner</th><th scope="col">Recipient</th><th scope="col">Effect</th><th scope="col">TLP</th><th scope="col">Up to</th><th scope="col">Handling</th><th scope="col">Categories</th><th scope="col">Owner told on</th><th scope="col">Actions</th></tr></thead>
        <tbody>{org.agreements.map((a) => (
          <tr key={a.id}>
            <td>{a.id}</td><td>{agencyNames.get(a.owner) ?? a.owner}</td><td>{a.recipient === 'ALL' ? 'every agency' : agencyNames.get(a.recipient) ?? a.recipient}</td><td>{a.effect}</td><td>{a.conditions.tlp.join(', ')}</td><td>{clearanceWords(a.conditions.maxClassification)}</td>
            <td>{a.conditions.handling.join(', ')}</td><td>{a.conditions.categories.join(', ')}</td>
            <td>{[a.notifyOwnerOnConsult ? 'consult' : '', a.notifyOwnerOnEncounter ? 'encounter' : ''].filter(Boolean).join(', ')}</td>
            {/* offered only to whom the server lets withdraw it (`withdrawable`): a recipient's administrator was asked to confirm, then refused */}
            <td>{a.withdrawable ? <Withdraw agreement={a} action={action} /> : <span className="muted">Only a data administrator of {agencyNames.get(a.owner) ?? a.owner}, its owner, withdraws it.</span>}</td>
          </tr>
        ))}
        {org.agreements.length === 0 ? <tr><td colSpan={10} className="muted">No sharing agreements yet.</td></tr> : null}</tbody>
      </table>
      <form ref={refused.ref} className="admin-form" aria-label="Agreement" aria-busy={action.busy} onSubmit={save} onInput={action.clear}>
        <h2>New or changed agreement</h2>
        <label>Agreement id <input {...refused.field('id')} value={draft.id} onChange={(e) => setDraft({ ...draft, id: e.target.value })} /></label>
        <label>Owner <select {...refused.field('owner')} value={draft.owner} onChange={(e) => setDraft({ ...draft, owner: e.target.value })}>{owners.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}</select></label>
        <label>Recipient <select {...refused.field('recipient')} value={draft.recipient} onChange={(e) => setDraft({ ...draft, recipient: e.target.value })}><option value="ALL">every agency</option>{org.agencies.filter((a) => a.id !== draft.owner).map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}</select></label>
        <label>Effect <select {...refused.field('effect')} value={draft.effect} onChange={(e) => setDraft({ ...draft, effect: e.target.value as (typeof EFFECTS)[number] })}>{EFFECTS.map((x) => <option key={x}>{x}</option>)}</select></label>
        <Checks legend="TLP" options={TLPS} value={draft.tlp} onChange={(tlp) => setDraft({ ...draft, tlp })} field={refused.field('conditions.tlp')} />
        <label>Up to classification <select {...refused.field('conditions.maxClassification')} value={draft.maxClassification} onChange={(e) => setDraft({ ...draft, maxClassification: e.target.value })}>{CLASSIFICATIONS.map((c) => <option key={c} value={c}>{clearanceWords(c)}</option>)}</select></label>
        <Checks legend="Handling codes" options={HANDLINGS} value={draft.handling} onChange={(handling) => setDraft({ ...draft, handling })} field={refused.field('conditions.handling')} />
        <Checks legend="Data-subject categories" options={CATEGORIES} value={draft.categories} onChange={(categories) => setDraft({ ...draft, categories })} field={refused.field('conditions.categories')} />
        <label className="check"><input {...refused.field('notifyOwnerOnConsult')} type="checkbox" checked={draft.notifyOwnerOnConsult} onChange={(e) => setDraft({ ...draft, notifyOwnerOnConsult: e.target.checked })} /> Tell the owner when a recipient consults</label>
        <label className="check"><input {...refused.field('notifyOwnerOnEncounter')} type="checkbox" checked={draft.notifyOwnerOnEncounter} onChange={(e) => setDraft({ ...draft, notifyOwnerOnEncounter: e.target.checked })} /> Tell the owner when a recipient encounters the subject</label>
        <button type="submit" className="primary" disabled={action.busy}>Save agreement</button>
      </form>
      <Outcome error={action.error} status={action.status} what={action.failed} errorId={AGREEMENT_ERROR} />
    </div>
  );
}

const AGREEMENT_ERROR = 'agreement-error';

/**
 * "Withdraw" asks first, as "Erase now…" does in the retention review: the confirmation replaces
 * the button, the focus waits on its safe way out (not on the withdrawal), and goes back to the
 * button when it is cancelled (Escape or "Keep").
 */
function Withdraw({ agreement, action }: { readonly agreement: AgreementRow; readonly action: AdminAction }) {
  const step = useConfirmStep();
  const { id } = agreement;
  const withdraw = () => {
    step.cancel();
    void action.run({ action: `withdraw agreement ${id}`, done: `Agreement ${id} withdrawn.` }, 'DELETE', `/admin/agreements/${encodeURIComponent(id)}`, undefined);
  };
  return step.asking ? (
    <span role="group" aria-label={`Confirm the withdrawal of ${id}`} onKeyDown={step.onKeyDown}>
      <strong>Withdraw {id}? What it shares stops flowing at once.</strong>{' '}
      <button type="button" className="danger" disabled={action.busy} onClick={withdraw}>Withdraw {id} now</button>{' '}
      <button type="button" ref={step.keep} onClick={step.cancel}>Keep {id}</button>
    </span>
  ) : <button type="button" ref={step.ask} disabled={action.busy} onClick={step.open}>Withdraw {id}…</button>;
}
