/**
 * The document number in a machine-readable zone line (ICAO Doc 9303), for a checkpoint whose
 * reader, or officer, pastes the whole line into the document field: read as a number, a TD3
 * passport's second line is 39 letters and digits that no listed document holds, and the check
 * answered "no hit" for a listed passport.
 *
 * Recognised: a TD3 (passport) or TD2 second line, whose document number starts it, and a TD1
 * (identity card) first line, whose number follows the document code and issuing state (a number
 * of more than nine characters runs on into the optional data, its check digit there: Doc 9303
 * part 5, 4.2.2). A line is taken for one only if it holds the filler `<`, which no document
 * number does, and its check digits agree (part 3, 4.9: weights 7, 3, 1); anything else is not a
 * machine-readable line, and is read as the number typed.
 */

const TD3_LINE_2 = /^[A-Z0-9<]{9}[0-9<][A-Z<]{3}[0-9]{6}[0-9][MFX<][0-9]{6}[0-9][A-Z0-9<]{14}[0-9<][0-9]$/;
const TD2_LINE_2 = /^[A-Z0-9<]{9}[0-9<][A-Z<]{3}[0-9]{6}[0-9][MFX<][0-9]{6}[0-9][A-Z0-9<]{7}[0-9]$/;
const TD1_LINE_1 = /^[AIC][A-Z0-9<][A-Z<]{3}[A-Z0-9<]{9}[0-9<][A-Z0-9<]{15}$/;

function charValue(ch: string): number {
  if (ch === '<') return 0;
  const code = ch.charCodeAt(0);
  return code <= 57 ? code - 48 : code - 55;
}

/** Doc 9303 part 3, 4.9: the check digit of `field`. */
export function mrzCheckDigit(field: string): number {
  const weights = [7, 3, 1];
  let sum = 0;
  for (let i = 0; i < field.length; i++) sum += charValue(field.charAt(i)) * (weights[i % 3] as number);
  return sum % 10;
}

const checks = (field: string, digit: string): boolean => digit !== '<' && mrzCheckDigit(field) === Number(digit);
const number = (field: string): string => field.replace(/<+$/, '');

/** A document number and its check digit (or a long one's first nine characters and `<`, and the optional data it runs on into). */
function documentNumber(field: string, digit: string, optional: string): string | undefined {
  if (digit !== '<') return checks(field, digit) ? number(field) : undefined;
  // a number longer than nine characters: the rest and its check digit open the optional data
  const rest = optional.split('<')[0] ?? '';
  if (rest.length < 2) return undefined;
  const whole = field + rest.slice(0, -1);
  return checks(whole, rest.slice(-1)) ? whole : undefined;
}

/**
 * The document number `raw` holds when it is a machine-readable zone line (spaces and case aside),
 * else undefined.
 */
export function mrzDocumentNumber(raw: string): string | undefined {
  const line = raw.toUpperCase().replace(/\s+/g, '');
  if (!line.includes('<')) return undefined;
  if (TD3_LINE_2.test(line) || TD2_LINE_2.test(line)) {
    const end = line.length - 1;
    // the composite check digit covers the number, the birth date, the expiry and the optional data
    const composite = line.slice(0, 10) + line.slice(13, 20) + line.slice(21, end);
    if (!checks(composite, line.charAt(end))) return undefined;
    return documentNumber(line.slice(0, 9), line.charAt(9), line.length === 44 ? line.slice(28, 42) : line.slice(28, 35));
  }
  if (TD1_LINE_1.test(line)) return documentNumber(line.slice(5, 14), line.charAt(14), line.slice(15));
  return undefined;
}
