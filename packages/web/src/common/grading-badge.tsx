/**
 * Source reliability (A–F) and information credibility (1–6) of the Admiralty / 6x6 grading.
 */
const RELIABILITY: Readonly<Record<string, string>> = {
  A: 'completely reliable', B: 'usually reliable', C: 'fairly reliable', D: 'not usually reliable', E: 'unreliable', F: 'reliability cannot be judged',
};
const CREDIBILITY: Readonly<Record<number, string>> = {
  1: 'confirmed', 2: 'probably true', 3: 'possibly true', 4: 'doubtful', 5: 'improbable', 6: 'truth cannot be judged',
};

export function GradingBadge({ reliability, credibility }: { readonly reliability: string; readonly credibility: number }) {
  const title = `Source ${RELIABILITY[reliability] ?? reliability}; information ${CREDIBILITY[credibility] ?? credibility}`;
  const strength = 'AB'.includes(reliability) && credibility <= 2 ? 'strong' : 'EF'.includes(reliability) || credibility >= 5 ? 'weak' : 'mid';
  return <abbr className={`badge grading grading-${strength}`} title={title} aria-label={`grading ${reliability}${credibility}: ${title}`}>{reliability}{credibility}</abbr>;
}
