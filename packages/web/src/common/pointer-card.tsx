/**
 * A record the user may not see, shown only as the owner allows: who holds information and
 * which desk to call. Visually apart from results so nobody reads it as content.
 */
import type { Pointer } from '../api/api-types.ts';

export function PointerCard({ pointer }: { readonly pointer: Pointer }) {
  return (
    <li className="pointer-card">
      <span className="pointer-icon" aria-hidden="true">⚑</span>
      <span>
        <strong>{pointer.agencyName}</strong> {pointer.message}
        {pointer.desk ? <> — contact <strong>{pointer.desk.name}</strong> <a href={`tel:${pointer.desk.contact.replace(/\s/g, '')}`}>{pointer.desk.contact}</a></> : <> — contact the agency</>}
      </span>
    </li>
  );
}
