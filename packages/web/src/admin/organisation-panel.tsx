/**
 * Agencies and their desks (units with a 24/7 contact): list, create, and the contact desk; each
 * agency and desk named, its id in the title. A refusal marks and focuses the field it names.
 */
import { useState, type FormEvent } from 'react';
import { agencyName, deskName } from '../common/use-agency-names.ts';
import { useRefusedFields } from '../common/use-refused-fields.ts';
import type { Organisation } from './admin-types.ts';
import { Outcome } from './outcome.tsx';
import { useAdminAction } from './use-admin-action.ts';

export function OrganisationPanel({ org, reload, sysadmin, show }: { readonly org: Organisation; readonly reload: () => void; readonly sysadmin: boolean; readonly show: 'agencies' | 'desks' }) {
  const action = useAdminAction(reload);
  // named, not by id: the listing read here holds every agency and desk
  const agencies = new Map(org.agencies.map((a) => [a.id, a.name]));
  const desks = new Map(org.desks.map((d) => [d.id, d.name]));
  // one form is shown at a time, agency or desk: the refusal is that form's
  const refused = useRefusedFields<HTMLDivElement>(action.error, 'organisation-error');
  const [agency, setAgency] = useState({ id: '', name: '', country: '', deskId: '', deskName: '', deskContact: '' });
  const [desk, setDesk] = useState({ id: '', agency: org.agencies[0]?.id ?? '', name: '', contact: '' });
  const createAgency = (e: FormEvent) => {
    e.preventDefault();
    void action.run({ action: `create agency ${agency.id}`, done: `Agency ${agency.id} created.` }, 'POST', '/admin/agencies', { id: agency.id, name: agency.name, country: agency.country, contactDesk: { id: agency.deskId, name: agency.deskName, contact: agency.deskContact } });
  };
  const createDesk = (e: FormEvent) => {
    e.preventDefault();
    void action.run({ action: `create desk ${desk.id}`, done: `Desk ${desk.id} created.` }, 'POST', '/admin/desks', desk);
  };
  return (
    <div ref={refused.ref} className="admin-area">
      {show === 'agencies' ? <>
      <h2>Agencies</h2>
      <table className="data" aria-label="Agencies">
        <thead><tr><th scope="col">Id</th><th scope="col">Name</th><th scope="col">Country</th><th scope="col">Contact desk</th><th scope="col">Oversight</th></tr></thead>
        <tbody>{org.agencies.map((a) => <tr key={a.id}><td>{a.id}</td><td>{a.name}</td><td>{a.country}</td><td title={a.contactDesk}>{deskName(desks, a.contactDesk)}</td><td>{a.oversight ? 'yes' : ''}</td></tr>)}</tbody>
      </table>
      {sysadmin ? (
        <form className="admin-form" aria-label="New agency" aria-busy={action.busy} onSubmit={createAgency} onInput={action.clear}>
          <h3>New agency</h3>
          <label>Agency id <input {...refused.field('id')} value={agency.id} onChange={(e) => setAgency({ ...agency, id: e.target.value })} /></label>
          <label>Agency name <input {...refused.field('name')} value={agency.name} onChange={(e) => setAgency({ ...agency, name: e.target.value })} /></label>
          <label>Country (ISO code) <input {...refused.field('country')} value={agency.country} onChange={(e) => setAgency({ ...agency, country: e.target.value })} size={3} /></label>
          <label>Contact desk id <input {...refused.field('contactDesk.id')} value={agency.deskId} onChange={(e) => setAgency({ ...agency, deskId: e.target.value })} /></label>
          <label>Contact desk name <input {...refused.field('contactDesk.name')} value={agency.deskName} onChange={(e) => setAgency({ ...agency, deskName: e.target.value })} /></label>
          <label>24/7 contact <input {...refused.field('contactDesk.contact')} value={agency.deskContact} onChange={(e) => setAgency({ ...agency, deskContact: e.target.value })} /></label>
          <button type="submit" className="primary" disabled={action.busy}>Create agency</button>
        </form>
      ) : null}
      </> : <>
      <h2>Desks</h2>
      <table className="data" aria-label="Desks">
        <thead><tr><th scope="col">Id</th><th scope="col">Agency</th><th scope="col">Name</th><th scope="col">24/7 contact</th></tr></thead>
        <tbody>{org.desks.map((d) => <tr key={d.id}><td>{d.id}</td><td title={d.agency}>{agencyName(agencies, d.agency)}</td><td>{d.name}</td><td>{d.contact}</td></tr>)}</tbody>
      </table>
      <form className="admin-form" aria-label="New desk" aria-busy={action.busy} onSubmit={createDesk} onInput={action.clear}>
        <h3>New desk</h3>
        <label>Desk id <input {...refused.field('id')} value={desk.id} onChange={(e) => setDesk({ ...desk, id: e.target.value })} /></label>
        <label>Agency <select {...refused.field('agency')} value={desk.agency} onChange={(e) => setDesk({ ...desk, agency: e.target.value })}>{org.agencies.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}</select></label>
        <label>Desk name <input {...refused.field('name')} value={desk.name} onChange={(e) => setDesk({ ...desk, name: e.target.value })} /></label>
        <label>24/7 contact <input {...refused.field('contact')} value={desk.contact} onChange={(e) => setDesk({ ...desk, contact: e.target.value })} /></label>
        <button type="submit" disabled={action.busy}>Create desk</button>
      </form>
      </>}
      <Outcome error={action.error} status={action.status} what={action.failed} errorId="organisation-error" />
    </div>
  );
}
