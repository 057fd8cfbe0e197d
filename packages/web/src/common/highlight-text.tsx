/**
 * A name with the words of the query marked, so the analyst sees why it matched.
 */
const fold = (s: string): string => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

export function HighlightText({ text, query }: { readonly text: string; readonly query: string }) {
  const words = fold(query).split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 2);
  if (words.length === 0) return <>{text}</>;
  const parts = text.split(/([\p{L}\p{N}]+)/u);
  return <>{parts.map((part, i) => (words.some((w) => fold(part).startsWith(w)) ? <mark key={i}>{part}</mark> : part))}</>;
}
