import { describe, expect, it } from 'vitest';
import { extract } from './extract.ts';
import type { ExtractResult } from './types.ts';

const persons = (r: ExtractResult): string[] => r.entities.filter((e) => e.schema === 'Person').map((e) => e.name);

describe('names written in Arabic script inside a report in another script', () => {
  it('finds a compound name, a kunya and a given name, as written, with their relations', () => {
    const text = 'On 12 March 2025 عبد السلام الزروالي met Karim Benali in Brussels. Later أبو محمد العدناني called محمد.';
    const r = extract(text);
    expect(persons(r)).toEqual(['عبد السلام الزروالي', 'Karim Benali', 'أبو محمد العدناني', 'محمد']);
    const abdessalam = r.entities.find((e) => e.name === 'عبد السلام الزروالي');
    expect(abdessalam?.mentions.map((m) => text.slice(m.start, m.end))).toEqual(['عبد السلام الزروالي']);
    const karim = r.entities.find((e) => e.name === 'Karim Benali');
    expect(r.relations.some((x) => x.type === 'met' && x.source === abdessalam?.id && x.target === karim?.id)).toBe(true);
  });
  it('leaves an Arabic clause that does not open on a name, and a head alone', () => {
    expect(persons(extract('The note reads قال الرجل إنه سافر in the margin, signed أبو.'))).toEqual([]);
  });
  it('leaves the clauses of a report written in Arabic, whose neighbours are Arabic too', () => {
    expect(persons(extract('سافر أحمد إلى تركيا. قال الشاهد، محمد كان هناك. خالد بن الوليد، قائد عسكري.'))).toEqual([]);
  });
});

describe('a report written in Arabic script', () => {
  it('warns that names are not read from its sentences, and reads a name field', () => {
    const r = extract('التقى خالد عبد الرحمن مع يوسف الأمين في أنتويرب.\nالاسم: عبد الكريم الحسني\nالجنسية: مغربي');
    expect(r.warnings).toEqual(['text is mostly in Arabic script: names are read from fields such as الاسم: only, not from its sentences']);
    expect(persons(r)).toEqual(['عبد الكريم الحسني']);
  });
  it('gives no warning for a report in another script holding an Arabic name', () => {
    expect(extract('On 12 March 2025 عبد السلام الزروالي met Karim Benali in Brussels.').warnings).toBeUndefined();
  });
});
