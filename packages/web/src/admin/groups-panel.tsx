/**
 * Need-to-know groups (case teams) of the agency and their members. Members are chosen from the
 * agency's users by the name the users table shows; a user the administrator may not add (a system
 * administrator, an auditor, one cleared above them: GET /admin/users says which) is shown, not
 * selectable, with the reason — one already a member may still be taken out. Users of other
 * agencies (a joint team) are added by their id. A refusal marks and focuses the field it names.
 */
import { useRef, useState, type FormEvent } from 'react';
import { ErrorMessage } from '../common/error-message.tsx';
import { agencyName, useAgencyNames } from '../common/use-agency-names.ts';
import { useAsync } from '../common/use-async.ts';
import { useRefusedFields } from '../common/use-refused-fields.ts';
import { useSession } from '../session/session-context.tsx';
import type { GroupRow, ListedUser } from './admin-types.ts';
import { Outcome } from './outcome.tsx';
import { useAdminAction } from './use-admin-action.ts';
import { whyNotAdministrable } from './user-administration.ts';

export function GroupsPanel() {
  const { api, user } = useSession();
  const groups = useAsync(() => api.adminGet<{ groups: GroupRow[] }>('/admin/groups'), [api]);
  const users = useAsync(() => api.adminGet<{ users: ListedUser[] }>('/admin/users'), [api]);
  const agencies = useAgencyNames(api);
  const action = useAdminAction(() => { groups.reload(); users.reload(); });
  const refused = useRefusedFields<HTMLDivElement>(action.error, 'groups-error');
  const [draft, setDraft] = useState({ id: '', name: '', description: '' });
  const [group, setGroup] = useState('');
  // the members chosen, once the administrator changes them; until then the group's own
  const [chosen, setChosen] = useState<readonly string[]>();
  const [others, setOthers] = useState('');
  const [noGroup, setNoGroup] = useState(false);
  const groupRef = useRef<HTMLSelectElement>(null);
  const listed = users.value?.users ?? [];
  const names = new Map(listed.map((u) => [u.id, u.name]));
  const current = groups.value?.groups.find((g) => g.id === group)?.members ?? [];
  const members = chosen ?? current;
  // members the listing does not hold (users of other agencies): kept, or taken out, by their id
  const unlisted = [...new Set([...current, ...members])].filter((id) => !names.has(id));
  const toggle = (id: string, on: boolean) => setChosen(on ? [...members, id] : members.filter((m) => m !== id));
  const save = (e: FormEvent) => {
    e.preventDefault();
    void action.run({ action: `save group ${draft.id}`, done: `Group ${draft.id} saved.` }, 'PUT', `/admin/groups/${encodeURIComponent(draft.id)}`, { name: draft.name, description: draft.description });
  };
  const setGroupMembers = (e: FormEvent) => {
    e.preventDefault();
    // asked here, not left to the server's "id: Too small"
    setNoGroup(!group);
    if (!group) {
      groupRef.current?.focus();
      return;
    }
    const added = others.split(',').map((u) => u.trim()).filter(Boolean);
    const wanted = [...new Set([...members, ...added])];
    const name = groups.value?.groups.find((g) => g.id === group)?.name ?? group;
    void action.run({ action: `set the members of ${name}`, done: `Members of ${name} set.` }, 'PUT', `/admin/groups/${encodeURIComponent(group)}/members`, { users: wanted }).then((done) => {
      if (!done) return;
      setChosen(undefined);
      setOthers('');
    });
  };
  const usersField = refused.field('users');
  return (
    <div ref={refused.ref} className="admin-area">
      {/* one failure said at a time: the users are read to name the members, after the groups */}
      {groups.error ? <ErrorMessage error={groups.error} what="load the need-to-know groups" /> : <ErrorMessage error={users.error} what="load the users to choose members from" />}
      <table className="data" aria-label="Need-to-know groups">
        <thead><tr><th scope="col">Id</th><th scope="col">Agency</th><th scope="col">Name</th><th scope="col">Members</th></tr></thead>
        <tbody>
          {(groups.value?.groups ?? []).map((g) => <tr key={g.id}><td>{g.id}</td><td title={g.agency}>{agencyName(agencies, g.agency)}</td><td>{g.name}</td><td>{g.members.map((m) => names.get(m) ?? m).join(', ')}</td></tr>)}
          {groups.value?.groups.length === 0 ? <tr><td colSpan={4} className="muted">No groups yet.</td></tr> : null}
        </tbody>
      </table>
      <form className="admin-form" aria-label="Group" aria-busy={action.busy} onSubmit={save} onInput={action.clear}>
        <h2>New or renamed group</h2>
        <label>Group id <input {...refused.field('id')} value={draft.id} onChange={(e) => setDraft({ ...draft, id: e.target.value })} /></label>
        <label>Group name <input {...refused.field('name')} value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} /></label>
        <label>Description <input {...refused.field('description')} value={draft.description} onChange={(e) => setDraft({ ...draft, description: e.target.value })} /></label>
        <button type="submit" disabled={action.busy}>Save group</button>
      </form>
      <form className="admin-form" aria-label="Members" aria-busy={action.busy} onSubmit={setGroupMembers} onInput={action.clear}>
        <h2>Members</h2>
        <label>Group <select ref={groupRef} value={group} aria-invalid={noGroup || undefined} aria-describedby={noGroup ? 'members-no-group' : undefined}
          onChange={(e) => { setGroup(e.target.value); setChosen(undefined); action.clear(); if (e.target.value) setNoGroup(false); }}><option value="">—</option>{(groups.value?.groups ?? []).map((g) => <option key={g.id} value={g.id}>{g.name}</option>)}</select></label>
        {noGroup ? <p id="members-no-group" role="alert" className="notice notice-error">Choose the group whose members to set.</p> : null}
        <fieldset className="member-choices" disabled={!group}>
          <legend>Members of {groups.value?.groups.find((g) => g.id === group)?.name ?? 'the group chosen'}</legend>
          {listed.map((u) => {
            const member = members.includes(u.id);
            // taking out is the owner's to do; only adding is refused
            const why = current.includes(u.id) ? undefined : whyNotAdministrable(u, user.clearance);
            const reasonId = `member-why-${u.id}`;
            // the reason beside the box, not in its label: the box is named by the user's name alone
            return (
              <div key={u.id} className="member-choice">
                <label className="check">
                  <input {...usersField} type="checkbox" checked={member} disabled={why !== undefined}
                    aria-describedby={[usersField['aria-describedby'], why !== undefined ? reasonId : undefined].filter(Boolean).join(' ') || undefined}
                    onChange={(e) => toggle(u.id, e.target.checked)} /> {u.name}{u.disabled ? ' (disabled)' : ''}
                </label>
                {why !== undefined ? <span id={reasonId} className="muted">Not yours to add. {why}</span> : null}
              </div>
            );
          })}
          {unlisted.map((id) => (
            <label key={id} className="check"><input {...usersField} type="checkbox" checked={members.includes(id)} onChange={(e) => toggle(id, e.target.checked)} /> {id}</label>
          ))}
        </fieldset>
        <label>Add users of other agencies by id (comma-separated) <input {...usersField} value={others} onChange={(e) => setOthers(e.target.value)} disabled={!group} /></label>
        <button type="submit" disabled={action.busy}>Set members</button>
      </form>
      <Outcome error={action.error} status={action.status} what={action.failed} errorId="groups-error" />
    </div>
  );
}
