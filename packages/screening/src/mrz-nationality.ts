/**
 * A nationality as a passport's machine-readable zone writes it (ICAO Doc 9303 part 3, 5:
 * three-letter codes), read as the ISO 3166 alpha-2 codes the screening compares. An officer
 * copies the nationality off the document, and a reader hands it over as printed; both were
 * refused where the code is one of Doc 9303's own rather than ISO's.
 *
 * Doc 9303 writes ISO 3166-1 alpha-3 codes (read by @mosaic/model's country table), and besides:
 * `D` for Germany, padded with the filler `<` to three; `GBD`, `GBN`, `GBO`, `GBP` and `GBS`
 * for the classes of British nationality (British Dependent Territories citizen, National
 * (Overseas), Overseas citizen, Protected person, Subject), all of the United Kingdom; `UNK` for
 * a resident of Kosovo given a travel document by UNMIK, and `RKS` which Kosovo's own passports
 * write, both the user-assigned `xk` the model keeps Kosovo under. `XXA` (stateless), `XXB` and
 * `XXC` (refugees), `XXX` (unspecified), `UNO` and `UNA` (an official of the United Nations or
 * of one of its agencies, the organisation issuing) name no nationality the holder has: they are
 * read as none, so the nationality is not compared, neither refused nor taken for a country.
 */
import { toCountryCode } from '@mosaic/model';

const ICAO_CODES: ReadonlyMap<string, readonly string[]> = new Map<string, readonly string[]>([
  ['D', ['de']],
  ['GBD', ['gb']], ['GBN', ['gb']], ['GBO', ['gb']], ['GBP', ['gb']], ['GBS', ['gb']],
  ['UNK', ['xk']], ['RKS', ['xk']],
  ['XXA', []], ['XXB', []], ['XXC', []], ['XXX', []], ['UNO', []], ['UNA', []],
]);

/** A code of one to three letters, padded with the filler to three as the zone writes it. */
const PADDED_CODE = /^([A-Z]{1,3})<*$/;

/**
 * The alpha-2 codes for a nationality given as a code of Doc 9303 or ISO 3166, or an English
 * name: one code, none for a code that names no nationality, undefined for no country known.
 */
export function mrzNationality(raw: string): readonly string[] | undefined {
  const text = raw.trim();
  const code = PADDED_CODE.exec(text.toUpperCase())?.[1];
  const icao = code === undefined ? undefined : ICAO_CODES.get(code);
  if (icao !== undefined) return icao;
  const country = toCountryCode(code ?? text);
  return country === undefined ? undefined : [country];
}
