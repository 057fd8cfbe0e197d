/**
 * Reader for the OFAC SDN list files in ../shared/data/ofac (sdn.csv, alt.csv; no header,
 * "-0-" means empty). Shared by the evaluation and training scripts; never copies the data.
 * Individuals come out as person records with the facts found in the Remarks field
 * (dates of birth, nationalities, passports, gender), and a deterministic dev/test split by
 * ent_num so that every script uses the same halves.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SdnRow {
  readonly entNum: string;
  readonly name: string;
  readonly type: string;
  readonly program: string;
  readonly remarks: string;
}

export interface AltRow {
  readonly entNum: string;
  readonly altNum: string;
  readonly type: string;
  readonly name: string;
}

export interface OfacPerson {
  readonly entNum: string;
  /** Primary name, "SURNAME, Given Names". */
  readonly name: string;
  /** aka names of the same entry. */
  readonly aliases: readonly string[];
  /** ISO dates, possibly partial ("1967", "1967-08-10"). */
  readonly birthDates: readonly string[];
  readonly nationalities: readonly string[];
  readonly passports: readonly string[];
  readonly gender: string | undefined;
}

/** Default data folder: ../shared/data relative to the repo root. */
export function defaultDataDir(): string {
  return new URL('../../../shared/data', import.meta.url).pathname;
}

/** One CSV line, RFC 4180 quoting; "-0-" cells become "". */
export function parseCsvLine(line: string): string[] {
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') { cell += '"'; i++; }
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { out.push(clean(cell)); cell = ''; }
    else cell += ch;
  }
  out.push(clean(cell));
  return out;
}

function clean(cell: string): string {
  const t = cell.trim();
  return t === '-0-' ? '' : t;
}

function lines(path: string): string[] {
  return readFileSync(path, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
}

export function readSdn(dataDir: string = defaultDataDir()): SdnRow[] {
  return lines(join(dataDir, 'ofac', 'sdn.csv')).map((l) => {
    const c = parseCsvLine(l);
    return { entNum: c[0] ?? '', name: c[1] ?? '', type: c[2] ?? '', program: c[3] ?? '', remarks: c[11] ?? '' };
  });
}

export function readAlt(dataDir: string = defaultDataDir()): AltRow[] {
  return lines(join(dataDir, 'ofac', 'alt.csv')).map((l) => {
    const c = parseCsvLine(l);
    return { entNum: c[0] ?? '', altNum: c[1] ?? '', type: c[2] ?? '', name: c[3] ?? '' };
  });
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** "25 Nov 1989" -> "1989-11-25", "Nov 1989" -> "1989-11", "1989" / "circa 1989" -> "1989". */
export function isoFromRemarkDate(text: string): string | undefined {
  const m = /(?:(\d{1,2}) )?(?:([A-Za-z]{3}) )?(\d{4})/.exec(text);
  if (!m) return undefined;
  const month = m[2] ? MONTHS.indexOf(m[2].toLowerCase()) + 1 : 0;
  if (month === 0) return m[3];
  const mm = String(month).padStart(2, '0');
  return m[1] ? `${m[3]}-${mm}-${m[1].padStart(2, '0')}` : `${m[3]}-${mm}`;
}

function remarkFacts(remarks: string): Pick<OfacPerson, 'birthDates' | 'nationalities' | 'passports' | 'gender'> {
  const birthDates: string[] = [];
  const nationalities: string[] = [];
  const passports: string[] = [];
  let gender: string | undefined;
  for (const part of remarks.split(';').map((p) => p.trim().replace(/^alt\.\s*/, ''))) {
    if (part.startsWith('DOB ')) {
      const iso = isoFromRemarkDate(part.slice(4).split(' to ')[0] ?? '');
      if (iso) birthDates.push(iso);
    } else if (/^(nationality|citizen) /.test(part)) nationalities.push(part.replace(/^(nationality|citizen) /, '').replace(/\.$/, ''));
    else if (part.startsWith('Passport ')) {
      const id = /^Passport (?:No\. )?([A-Za-z0-9-]+)/.exec(part)?.[1];
      if (id) passports.push(id);
    } else if (part.startsWith('Gender ')) gender = part.slice(7).replace(/\.$/, '').toLowerCase();
  }
  return { birthDates, nationalities, passports, gender };
}

/** OFAC individuals with their aka aliases. */
export function readIndividuals(dataDir: string = defaultDataDir()): OfacPerson[] {
  const aliases = new Map<string, string[]>();
  for (const a of readAlt(dataDir)) {
    if (a.type.toLowerCase() !== 'aka' || a.name === '') continue;
    const list = aliases.get(a.entNum) ?? [];
    list.push(a.name);
    aliases.set(a.entNum, list);
  }
  return readSdn(dataDir)
    .filter((r) => r.type === 'individual' && r.name !== '')
    .map((r) => ({ entNum: r.entNum, name: r.name, aliases: aliases.get(r.entNum) ?? [], ...remarkFacts(r.remarks) }));
}

/** Deterministic dev/test half of an entry, by a hash of its ent_num (FNV-1a). */
export function splitOf(entNum: string): 'dev' | 'test' {
  let h = 0x811c9dc5;
  for (let i = 0; i < entNum.length; i++) { h ^= entNum.charCodeAt(i); h = Math.imul(h, 0x01000193) >>> 0; }
  return h % 2 === 0 ? 'dev' : 'test';
}
