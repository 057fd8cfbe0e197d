/**
 * Traffic Light Protocol 2.0 marking, in the colours FIRST prescribes (on a black ground).
 */
export function TlpBadge({ tlp, classification }: { readonly tlp: string; readonly classification?: string }) {
  const level = tlp.toUpperCase().replace(/^TLP:/, '');
  return (
    <span className={`badge tlp tlp-${level.toLowerCase().replace(/[^a-z]/g, '')}`} title={classification ? `TLP:${level}, ${classification}` : `TLP:${level}`}>
      TLP:{level}{classification && classification !== 'UNCLASSIFIED' ? <span className="tlp-class"> {classification}</span> : null}
    </span>
  );
}
