/**
 * Jaro-Winkler similarity (Jaro 1989; Winkler 1990), prefix scale 0.1 over at most 4
 * characters. It runs on the hot path of every name comparison, so it is written over char
 * codes without allocation. For strings up to 31 characters (every name token) positions are
 * bits: each character of the first string takes the lowest free position of its char code in
 * the second that lies in the window (a mask, not a scan of the window), and the matched
 * positions of each side are one integer; longer strings are scanned with two flag arrays.
 * Both give the textbook value exactly.
 */
const BITS = 31;

/** Positions of each char code (modulo 32) in the second string, as bits. */
const positions = new Int32Array(32);

export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  if (la > BITS || lb > BITS) return jaroWinklerLong(a, b);
  const window = Math.max(0, (Math.max(la, lb) >> 1) - 1);
  let inB = 0;
  for (let j = 0; j < lb; j++) {
    const c = b.charCodeAt(j) & 31;
    if ((inB & (1 << c)) === 0) { inB |= 1 << c; positions[c] = 0; }
    positions[c] = (positions[c] as number) | (1 << j);
  }
  let matchedA = 0;
  let matchedB = 0;
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const ca = a.charCodeAt(i);
    const c = ca & 31;
    if ((inB & (1 << c)) === 0) continue;
    const from = i > window ? i - window : 0;
    const to = i + window < lb ? i + window : lb - 1;
    // free positions of this char code in the window, lowest first (the first match, as the scan finds it)
    let free = (positions[c] as number) & ~matchedB & (((1 << (to + 1)) - 1) ^ ((1 << from) - 1));
    while (free !== 0) {
      const bit = free & -free;
      if (b.charCodeAt(31 - Math.clz32(bit)) === ca) {
        matchedA |= 1 << i;
        matchedB |= bit;
        matches++;
        break;
      }
      free ^= bit;
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    if ((matchedA & (1 << i)) === 0) continue;
    while ((matchedB & (1 << k)) === 0) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) transpositions++;
    k++;
  }
  return withPrefix(a, b, matches, transpositions);
}

/** The same over strings of any length, with a flag array per side. */
function jaroWinklerLong(a: string, b: string): number {
  const la = a.length;
  const lb = b.length;
  const window = Math.max(0, (Math.max(la, lb) >> 1) - 1);
  const matchedA = new Uint8Array(la);
  const matchedB = new Uint8Array(lb);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const to = Math.min(lb - 1, i + window);
    const ca = a.charCodeAt(i);
    for (let j = Math.max(0, i - window); j <= to; j++) {
      if (matchedB[j] === 0 && b.charCodeAt(j) === ca) {
        matchedA[i] = 1;
        matchedB[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    if (matchedA[i] === 0) continue;
    while (matchedB[k] === 0) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) transpositions++;
    k++;
  }
  return withPrefix(a, b, matches, transpositions);
}

function withPrefix(a: string, b: string, m: number, transpositions: number): number {
  const la = a.length;
  const lb = b.length;
  const jaro = (m / la + m / lb + (m - transpositions / 2) / m) / 3;
  let prefix = 0;
  const maxPrefix = Math.min(4, la, lb);
  while (prefix < maxPrefix && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}
