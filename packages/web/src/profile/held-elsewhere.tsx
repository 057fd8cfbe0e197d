/**
 * A subject of which the user may read no record, only pointers: who holds information and
 * which desk to contact. There is nothing of it to expand, map, watch or put an alert on.
 */
import type { EntityProfile } from '../api/api-types.ts';
import { PointerCard } from '../common/pointer-card.tsx';
import { MergedInto } from './merged-into.tsx';

export function HeldElsewhere({ profile }: { readonly profile: EntityProfile }) {
  const agencies = new Set(profile.pointers.map((p) => p.agency)).size;
  return (
    <section className="screen" aria-labelledby="profile-title">
      <h1 id="profile-title">Information held by {agencies > 1 ? 'other agencies' : 'another agency'}</h1>
      {profile.redirectedFrom ? <MergedInto from={profile.redirectedFrom} into={profile.id} /> : null}
      <ul className="pointer-list">{profile.pointers.map((p, i) => <PointerCard key={i} pointer={p} />)}</ul>
    </section>
  );
}
