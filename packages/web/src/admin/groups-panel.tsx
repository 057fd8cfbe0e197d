/** Need-to-know groups (case teams) of the agency and their members. A refusal marks and focuses the field it names. */
import { useRef, useState, type FormEvent } from 'react';
import { ErrorMessage } from '../common/error-message.tsx';
import { useAsync } from '../common/use-async.ts';
import { useRefusedFields } from '../common/use-refused-fields.ts';
import { useSession } from '../session/session-context.tsx';
import type { GroupRow } from './admin-types.ts';
import { Outcome } from './outcome.tsx';
import { useAdminAction } from './use-admin-action.ts';

export function GroupsPanel() {
  const { api } = useSession();
  const groups = useAsync(() => api.adminGet<{ groups: GroupRow[] }>('/admin/groups'), [api]);
  const action = useAdminAction(groups.reload);
  const refused = useRefusedFields<HTMLDivElement>(action.error, 'groups-error');
  const [draft, setDraft] = useState({ id: '', name: '', description: '' });
  const [members, setMembers] = useState({ group: '', users: '' });
  const [noGroup, setNoGroup] = useState(false);
  const groupRef = useRef<HTMLSelectElement>(null);
  const save = (e: FormEvent) => {
    e.preventDefault();
    void action.run({ action: `save group ${draft.id}`, done: `Group ${draft.id} saved.` }, 'PUT', `/admin/groups/${encodeURIComponent(draft.id)}`, { name: draft.name, description: draft.description });
  };
  const setGroupMembers = (e: FormEvent) => {
    e.preventDefault();
    // asked here, not left to the server's "id: Too small"
    setNoGroup(!members.group);
    if (!members.group) {
      groupRef.current?.focus();
      return;
    }
    const users = members.users.split(',').map((u) => u.trim()).filter(Boolean);
    void action.run({ action: `set the members of ${members.group}`, done: `Members of ${members.group} set.` }, 'PUT', `/admin/groups/${encodeURIComponent(members.group)}/members`, { users });
  };
  return (
    <div ref={refused.ref} className="admin-area">
      <ErrorMessage error={groups.error} what="load the need-to-know groups" />
      <table className="data" aria-label="Need-to-know groups">
        <thead><tr><th scope="col">Id</th><th scope="col">Agency</th><th scope="col">Name</th><th scope="col">Members</th></tr></thead>
        <tbody>{(groups.value?.groups ?? []).map((g) => <tr key={g.id}><td>{g.id}</td><td>{g.agency}</td><td>{g.name}</td><td>{g.members.join(', ')}</td></tr>)}</tbody>
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
        <label>Group <select ref={groupRef} value={members.group} aria-invalid={noGroup || undefined} aria-describedby={noGroup ? 'members-no-group' : undefined}
          onChange={(e) => { setMembers({ ...members, group: e.target.value }); if (e.target.value) setNoGroup(false); }}><option value="">—</option>{(groups.value?.groups ?? []).map((g) => <option key={g.id} value={g.id}>{g.name}</option>)}</select></label>
        <label>Member user ids (comma-separated) <input {...refused.field('users')} value={members.users} onChange={(e) => setMembers({ ...members, users: e.target.value })} /></label>
        {noGroup ? <p id="members-no-group" role="alert" className="notice notice-error">Choose the group whose members to set.</p> : null}
        <button type="submit" disabled={action.busy}>Set members</button>
      </form>
      <Outcome error={action.error} status={action.status} what={action.failed} errorId="groups-error" />
    </div>
  );
}
