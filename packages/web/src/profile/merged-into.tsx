/**
 * Says that the id a profile was opened by is one a merge absorbed: the profile shown is the
 * entity it is part of now, which goes by another id.
 */
export function MergedInto({ from, into }: { readonly from: string; readonly into: string }) {
  return <p className="subject-banner" data-testid="merged-into">{from} was merged into {into}.</p>;
}
