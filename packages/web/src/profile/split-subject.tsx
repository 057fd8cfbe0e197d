/**
 * An entity id split since: it names no subject any more, so the profile lists the subjects its
 * records now make up that the user may read, each opening its own profile.
 */
import { href } from '../routing/use-hash-route.ts';

export function SplitSubject({ id, parts }: { readonly id: string; readonly parts: readonly string[] }) {
  return (
    <section className="screen" aria-labelledby="profile-title">
      <h1 id="profile-title">Subject {id} was split</h1>
      <p>Its records now make up separate subjects. Those you may see:</p>
      <ul>{parts.map((part) => <li key={part}><a href={href('profile', 'entity', part)}>{part}</a></li>)}</ul>
    </section>
  );
}
