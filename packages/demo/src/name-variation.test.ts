import { describe, expect, it } from 'vitest';
import { createRng } from './rng.ts';
import { arabicRespelling, foldDiacritics, ocrDocumentNumber, ocrNoise, particleVariant, romanise, typo } from './name-variation.ts';

/** Damerau-Levenshtein (optimal string alignment) distance. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const row = d[i] as number[];
      const prev = d[i - 1] as number[];
      row[j] = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j] ?? 0, ((d[i - 2] as number[])[j - 2] ?? 0) + 1);
    }
  }
  return (d[a.length] as number[])[b.length] ?? 0;
}

describe('name variation', () => {
  it('folds Turkish and Bosnian letters to ASCII', () => {
    expect(foldDiacritics('Yılmaz')).toBe('Yilmaz');
    expect(foldDiacritics('Şahin Çelik')).toBe('Sahin Celik');
    expect(foldDiacritics('Hodžić')).toBe('Hodzic');
    expect(foldDiacritics('Lefèvre')).toBe('Lefevre');
  });

  it('romanises diacritics in several ways, always to ASCII', () => {
    const rng = createRng(3);
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) seen.add(romanise('Öztürk', rng));
    expect(seen.size).toBeGreaterThan(2);
    for (const s of seen) expect(s).toMatch(/^[A-Za-z]+$/);
  });

  it('writes Arabic particles joined, hyphenated, swapped or dropped', () => {
    const rng = createRng(5);
    const seen = new Set<string>();
    for (let i = 0; i < 300; i++) seen.add(particleVariant('El Amrani', rng));
    expect(seen).toContain('Amrani');
    expect([...seen].some((s) => /^(El|Al|el|al)-Amrani$/.test(s))).toBe(true);
    expect([...seen].some((s) => /^(El|Al|el|al)amrani$/.test(s))).toBe(true);
    for (const s of seen) expect(s.toLowerCase()).toContain('amrani');
  });

  it('varies Ben/Bin and Dutch particles', () => {
    const rng = createRng(9);
    const ben = new Set(Array.from({ length: 200 }, () => particleVariant('Ben Salem', rng)));
    expect([...ben].some((s) => s.startsWith('Bin'))).toBe(true);
    const van = new Set(Array.from({ length: 200 }, () => particleVariant('Van den Broeck', rng)));
    expect(van).toContain('Vandenbroeck');
  });

  it('makes one keyboard slip: never the same string, one or two edits away', () => {
    const rng = createRng(11);
    for (const name of ['Mohamed', 'Abdeslam', 'Yilmaz', 'Peeters', 'Al', 'Hodzic']) {
      for (let i = 0; i < 100; i++) {
        const t = typo(name, rng);
        expect(t).not.toBe(name);
        expect(distance(name, t)).toBeLessThanOrEqual(2);
      }
    }
  });

  it('respells Arabic transliterations and applies OCR confusions', () => {
    const rng = createRng(13);
    expect(new Set(Array.from({ length: 50 }, () => arabicRespelling('Youssef', rng))).size).toBeGreaterThan(1);
    expect(ocrNoise('Mohammed', rng)).not.toBe('Mohammed');
    const number = ocrDocumentNumber('EM105812', rng);
    expect(number).not.toBe('EM105812');
    expect(number).toHaveLength(8);
  });
});
