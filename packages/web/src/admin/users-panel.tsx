/** Users of the agency (all for a system administrator): create, roles, clearance, disable, reset password. */
import { useState, type FormEvent } from 'react';
import { ErrorMessage } from '../common/error-message.tsx';
import { useAsync } from '../common/use-async.ts';
import { useSession } from '../session/session-context.tsx';
import { CLASSIFICATIONS, ROLES, type Organisation, type UserRow } from './admin-types.ts';
import { Checks, Outcome } from './outcome.tsx';
import { useAdminAction } from './use-admin-action.ts';

export function UsersPanel({ org }: { readonly org: Organisation }) {
  const { api, user } = useSession();
  const users = useAsync(() => api.adminGet<{ users: UserRow[] }>('/admin/users'), [api]);
  const action = useAdminAction(users.reload);
  const sysadmin = user.roles.includes('sysadmin');
  const agencies = sysadmin ? org.agencies : org.agencies.filter((a) => a.id === user.agency);
  // what the server lets this administrator grant: the sysadmin role only from a system
  // administrator, a clearance up to their own
  const roles = sysadmin ? ROLES : ROLES.filter((r) => r !== 'sysadmin');
  const own = CLASSIFICATIONS.indexOf(user.clearance as (typeof CLASSIFICATIONS)[number]);
  const clearances = sysadmin ? CLASSIFICATIONS : CLASSIFICATIONS.slice(0, own + 1);
  const [draft, setDraft] = useState({ name: '', agency: agencies[0]?.id ?? user.agency, desk: '', roles: ['analyst'] as (typeof ROLES)[number][], clearance: 'RESTRICTED', password: '' });
  const [password, setPassword] = useState('');
  const desks = org.desks.filter((d) => d.agency === draft.agency);
  const create = (e: FormEvent) => {
    e.preventDefault();
    void action.run(`User ${draft.name} created.`, 'POST', '/admin/users', { ...draft, desk: draft.desk || desks[0]?.id || '' });
  };
  return (
    <div className="admin-area">
      <ErrorMessage error={users.error} what="/admin/users" />
      <table className="data" aria-label="Users">
        <thead><tr><th scope="col">User</th><th scope="col">Agency</th><th scope="col">Desk</th><th scope="col">Roles</th><th scope="col">Clearance</th><th scope="col">Groups</th><th scope="col">Status</th><th scope="col">Actions</th></tr></thead>
        <tbody>{(users.value?.users ?? []).map((u) => (
          <tr key={u.id}>
            <td>{u.name}</td><td>{u.agency}</td><td>{u.desk}</td><td>{u.roles.join(', ')}</td><td>{u.clearance}</td><td>{u.groups.join(', ')}</td><td>{u.disabled ? 'disabled' : 'active'}</td>
            <td>
              <button type="button" onClick={() => void action.run(`${u.name} ${u.disabled ? 'enabled' : 'disabled'}.`, 'POST', `/admin/users/${encodeURIComponent(u.id)}/${u.disabled ? 'enable' : 'disable'}`, {})}>{u.disabled ? `Enable ${u.name}` : `Disable ${u.name}`}</button>{' '}
              <button type="button" disabled={password.length === 0} onClick={() => void action.run(`Password of ${u.name} reset.`, 'POST', `/admin/users/${encodeURIComponent(u.id)}/password`, { password })}>Reset password of {u.name}</button>
            </td>
          </tr>
        ))}</tbody>
      </table>
      <label>New password for a reset <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" /></label>
      <form className="admin-form" aria-label="New user" onSubmit={create}>
        <h3>New user</h3>
        <label>User name <input value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} autoComplete="off" /></label>
        <label>Agency <select value={draft.agency} onChange={(e) => setDraft({ ...draft, agency: e.target.value, desk: '' })}>{agencies.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}</select></label>
        <label>Desk <select value={draft.desk || desks[0]?.id || ''} onChange={(e) => setDraft({ ...draft, desk: e.target.value })}>{desks.map((d) => <option key={d.id} value={d.id}>{d.name}</option>)}</select></label>
        <Checks legend="Roles" options={roles} value={draft.roles} onChange={(roles) => setDraft({ ...draft, roles })} />
        <label>Clearance <select value={draft.clearance} onChange={(e) => setDraft({ ...draft, clearance: e.target.value })}>{clearances.map((c) => <option key={c}>{c}</option>)}</select></label>
        <label>Initial password <input type="password" value={draft.password} onChange={(e) => setDraft({ ...draft, password: e.target.value })} autoComplete="new-password" /></label>
        <button type="submit" className="primary">Create user</button>
      </form>
      <Outcome error={action.error} status={action.status} />
    </div>
  );
}
