/**
 * A record the user may not see, shown only as the owner allows: who holds information and
 * which desk to call. Visually apart from results so nobody reads it as content.
 */
import type { Pointer } from '../api/api-types.ts';
import { contactLinks } from './contact-links.ts';

/** A desk's contact, each number and address its own link (contact-links.ts). */
export function ContactLinks({ contact }: { readonly contact: string }) {
  return <>{contactLinks(contact).map((link, i) => <span key={i}>{i > 0 ? ' · ' : ''}{link.href ? <a href={link.href}>{link.text}</a> : link.text}</span>)}</>;
}

export function PointerCard({ pointer }: { readonly pointer: Pointer }) {
  return (
    <li className="pointer-card">
      <span className="pointer-icon" aria-hidden="true">⚑</span>
      <span>
        <strong>{pointer.agencyName}</strong> {pointer.message}
        {pointer.desk ? <> — contact <strong>{pointer.desk.name}</strong> <ContactLinks contact={pointer.desk.contact} /></> : <> — contact the agency</>}
      </span>
    </li>
  );
}
