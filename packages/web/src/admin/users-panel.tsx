/** Users of the agency (all for a system administrator): create, change desk, roles and clearance, disable, reset password. */
import { clearanceWords, roleWords, userIdFor } from '@mosaic/model';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ErrorMessage } from '../common/error-message.tsx';
import { useAsync } from '../common/use-async.ts';
import { useRefusedFields } from '../common/use-refused-fields.ts';
import { useSession } from '../session/session-context.tsx';
import { CLASSIFICATIONS, ROLES, type DeskRow, type ListedUser, type Organisation, type UserRow } from './admin-types.ts';
import { Checks, Outcome } from './outcome.tsx';
import { useAdminAction } from './use-admin-action.ts';
import { newUserIdWords, whyNotAdministrable } from './user-administration.ts';
import { draftOf, offered, userChange, type UserDraft } from './user-change.ts';

type Role = (typeof ROLES)[number];
type Clearance = (typeof CLASSIFICATIONS)[number];

export function UsersPanel({ org }: { readonly org: Organisation }) {
  const { api, user } = useSession();
  const users = useAsync(() => api.adminGet<{ users: ListedUser[] }>('/admin/users'), [api]);
  const action = useAdminAction(users.reload);
  // the new user's outcome is the form's own, its refusal shown beside the field it names
  const creation = useAdminAction(users.reload);
  const refused = useRefusedFields<HTMLFormElement>(creation.error, 'new-user-error');
  const sysadmin = user.roles.includes('sysadmin');
  const agencies = sysadmin ? org.agencies : org.agencies.filter((a) => a.id === user.agency);
  // what the server lets this administrator grant: the sysadmin role only from a system
  // administrator, a clearance up to their own (a system administrator's too)
  const roles = sysadmin ? ROLES : ROLES.filter((r) => r !== 'sysadmin');
  const own = CLASSIFICATIONS.indexOf(user.clearance as Clearance);
  const clearances = CLASSIFICATIONS.slice(0, own + 1);
  const [draft, setDraft] = useState({ name: '', agency: agencies[0]?.id ?? user.agency, desk: '', roles: ['analyst'] as Role[], clearance: 'RESTRICTED', password: '' });
  const [password, setPassword] = useState('');
  const [editing, setEditing] = useState<string>();
  const desks = org.desks.filter((d) => d.agency === draft.agency);
  const agencyNames = new Map(org.agencies.map((a) => [a.id, a.name]));
  const deskNames = new Map(org.desks.map((d) => [d.id, d.name]));
  const edited = users.value?.users.find((u) => u.id === editing);
  const nameField = refused.field('name');
  const newId = newUserIdWords(org.agencies.find((a) => a.id === draft.agency), draft.name, org.agencies);
  const create = (e: FormEvent) => {
    e.preventDefault();
    const id = userIdFor(draft.agency, draft.name);
    void creation.run({ action: `create user ${id}`, done: `User ${id} created.` }, 'POST', '/admin/users', { ...draft, desk: draft.desk || desks[0]?.id || '' });
  };
  const closeEditor = () => {
    const id = editing;
    setEditing(undefined);
    if (id) document.getElementById(`edit-user-${id}`)?.focus();
  };
  return (
    <div className="admin-area">
      <ErrorMessage error={users.error} what="load the users" />
      <table className="data" aria-label="Users">
        <thead><tr><th scope="col">User</th><th scope="col">Agency</th><th scope="col">Desk</th><th scope="col">Roles</th><th scope="col">Clearance</th><th scope="col">Groups</th><th scope="col">Status</th><th scope="col">Actions</th></tr></thead>
        <tbody>{(users.value?.users ?? []).map((u) => (
          <tr key={u.id}>
            <td>{u.name}</td><td>{agencyNames.get(u.agency) ?? u.agency}</td><td>{deskNames.get(u.desk) ?? u.desk}</td><td>{u.roles.map(roleWords).join(', ')}</td><td>{clearanceWords(u.clearance)}</td><td>{u.groups.join(', ')}</td><td>{u.disabled ? 'disabled' : 'active'}</td>
            <td>{whyNotAdministrable(u, user.clearance) !== undefined ? <span className="muted">Not yours to change. {whyNotAdministrable(u, user.clearance)}</span> : <>
              <button type="button" id={`edit-user-${u.id}`} aria-expanded={editing === u.id} onClick={() => (editing === u.id ? closeEditor() : setEditing(u.id))}>Edit {u.name}</button>{' '}
              <button type="button" disabled={action.busy} onClick={() => void action.run({ action: `${u.disabled ? 'enable' : 'disable'} ${u.name}`, done: `${u.name} ${u.disabled ? 'enabled' : 'disabled'}.` }, 'POST', `/admin/users/${encodeURIComponent(u.id)}/${u.disabled ? 'enable' : 'disable'}`, {})}>{u.disabled ? `Enable ${u.name}` : `Disable ${u.name}`}</button>{' '}
              <button type="button" disabled={password.length === 0 || action.busy} {...(password.length === 0 ? { 'aria-describedby': 'reset-needs-password' } : {})}
                onClick={() => void action.run({ action: `reset the password of ${u.name}`, done: `Password of ${u.name} reset.` }, 'POST', `/admin/users/${encodeURIComponent(u.id)}/password`, { password })}>Reset password of {u.name}</button>
            </>}</td>
          </tr>
        ))}</tbody>
      </table>
      {edited ? (
        <EditUser key={edited.id} user={edited} desks={org.desks.filter((d) => d.agency === edited.agency)}
          roles={offered(ROLES, roles, edited.roles)} clearances={offered(CLASSIFICATIONS, clearances, [edited.clearance])} onSaved={users.reload} onClose={closeEditor} />
      ) : null}
      {/* a disabled button says nothing of itself: why the resets wait is said here, and tied to each */}
      {password.length === 0 ? <p id="reset-needs-password" className="muted">Type the new password in "New password for a reset" first; then reset it for its user.</p> : null}
      <label>New password for a reset <input type="password" value={password} onChange={(e) => { setPassword(e.target.value); action.clear(); }} autoComplete="new-password" /></label>
      <form ref={refused.ref} className="admin-form" aria-label="New user" aria-busy={creation.busy} onSubmit={create} onInput={creation.clear}>
        <h2>New user</h2>
        {/* the id is what group members and the audit log name: said before it is made, not found out after */}
        {/* a name the server would refuse is marked, and why said beside it, as it is typed */}
        <label>User name <input {...nameField} {...(newId.problem ? { 'aria-invalid': true } : {})} aria-describedby={[nameField['aria-describedby'], 'new-user-id'].filter(Boolean).join(' ')} value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} autoComplete="off" /></label>
        <p id="new-user-id" className={newId.problem ? 'notice notice-error field-error' : 'muted'}>{newId.words}</p>
        <label>Agency <select {...refused.field('agency')} value={draft.agency} onChange={(e) => setDraft({ ...draft, agency: e.target.value, desk: '' })}>{agencies.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}</select></label>
        <label>Desk <select {...refused.field('desk')} value={draft.desk || desks[0]?.id || ''} onChange={(e) => setDraft({ ...draft, desk: e.target.value })}>{desks.map((d) => <option key={d.id} value={d.id}>{d.name}</option>)}</select></label>
        <Checks legend="Roles" options={roles} value={draft.roles} onChange={(roles) => setDraft({ ...draft, roles })} wordsOf={roleWords} />
        <label>Clearance <select {...refused.field('clearance')} value={draft.clearance} onChange={(e) => setDraft({ ...draft, clearance: e.target.value })}>{clearances.map((c) => <option key={c} value={c}>{clearanceWords(c)}</option>)}</select></label>
        <label>Initial password <input {...refused.field('password')} type="password" value={draft.password} onChange={(e) => setDraft({ ...draft, password: e.target.value })} autoComplete="new-password" /></label>
        <button type="submit" className="primary" disabled={creation.busy}>Create user</button>
        <Outcome error={creation.error} status={creation.status} what={creation.failed} errorId="new-user-error" />
      </form>
      <Outcome error={action.error} status={action.status} what={action.failed} />
    </div>
  );
}

/**
 * A user's desk, roles and clearance, changed with the reason given at the top, as every change is.
 * Its outcome is its own: the server's refusal (a role or clearance the administrator may not
 * grant) is shown beside what was asked, the field it names marked and focused.
 */
function EditUser({ user, desks, roles, clearances, onSaved, onClose }: {
  readonly user: UserRow; readonly desks: readonly DeskRow[]; readonly roles: readonly Role[]; readonly clearances: readonly Clearance[];
  readonly onSaved: () => void; readonly onClose: () => void;
}) {
  const action = useAdminAction(onSaved);
  const refused = useRefusedFields<HTMLFormElement>(action.error, 'edit-user-error');
  const [draft, setDraft] = useState<UserDraft>(() => draftOf(user));
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  // compared with the user as last read: once saved and read again, nothing is left to send
  const change = userChange(user, draft);
  const changed = Object.keys(change).length > 0;
  const save = (e: FormEvent) => {
    e.preventDefault();
    void action.run({ action: `save the changes to ${user.name}`, done: `Changes to ${user.name} saved.` }, 'PATCH', `/admin/users/${encodeURIComponent(user.id)}`, change);
  };
  const deskOptions = desks.some((d) => d.id === user.desk) ? desks : [...desks, { id: user.desk, agency: user.agency, name: user.desk, contact: '' }];
  return (
    <form ref={refused.ref} className="admin-form" aria-label={`Edit ${user.name}`} aria-busy={action.busy} onSubmit={save} onInput={action.clear}
      onKeyDown={(e) => { if (e.key === 'Escape') { e.preventDefault(); onClose(); } }}>
      <h2 ref={heading} tabIndex={-1}>Edit {user.name}</h2>
      <label>Desk <select {...refused.field('desk')} value={draft.desk} onChange={(e) => setDraft({ ...draft, desk: e.target.value })}>{deskOptions.map((d) => <option key={d.id} value={d.id}>{d.name}</option>)}</select></label>
      <Checks legend="Roles" options={roles} value={draft.roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r))} onChange={(next) => setDraft({ ...draft, roles: next })} field={refused.field('roles')} wordsOf={roleWords} />
      <label>Clearance <select {...refused.field('clearance')} value={draft.clearance} onChange={(e) => setDraft({ ...draft, clearance: e.target.value })}>{clearances.map((c) => <option key={c} value={c}>{clearanceWords(c)}</option>)}</select></label>
      <button type="submit" className="primary" disabled={action.busy || !changed}>Save changes to {user.name}</button>{' '}
      <button type="button" onClick={onClose}>Close</button>
      <Outcome error={action.error} status={action.status} what={action.failed} errorId="edit-user-error" />
    </form>
  );
}
