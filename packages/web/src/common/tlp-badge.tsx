/**
 * Traffic Light Protocol 2.0 marking, in the colours FIRST prescribes (on a black ground), and
 * the classification in words.
 */
import { clearanceWords } from '@mosaic/model';

export function TlpBadge({ tlp, classification }: { readonly tlp: string; readonly classification?: string }) {
  const level = tlp.toUpperCase().replace(/^TLP:/, '');
  const classified = classification ? clearanceWords(classification) : undefined;
  return (
    <span className={`badge tlp tlp-${level.toLowerCase().replace(/[^a-z]/g, '')}`} title={classified ? `TLP:${level}, ${classified}` : `TLP:${level}`}>
      TLP:{level}{classification && classification !== 'UNCLASSIFIED' ? <span className="tlp-class"> {classified}</span> : null}
    </span>
  );
}
