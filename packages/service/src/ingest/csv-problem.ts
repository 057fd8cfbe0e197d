/**
 * Where and why csv-parse refused a row, in plain words and without the row's text. Its messages
 * name its own states (`Invalid Closing Quote: got "C" at line 1 instead of delimiter, record
 * delimiter, trimable character (if activated) or comment`), and one quotes the value read so far
 * (`Invalid Opening Quote: … value is "Noor "`): a value is personal data, and the reason goes to
 * the terminal, a job's report and their logs. The reason is told by the error's code, the place
 * by the column it names (its header name, else its number from 1) and, in a row spanning lines,
 * the line.
 */
import type { CsvError } from 'csv-parse';

/** The details csv-parse gives with an error (its type declares them as an index signature). */
type CsvErrorAt = CsvError & { readonly column?: unknown; readonly index?: unknown; readonly lines?: unknown };

const DELIMITER_NAMES: Readonly<Record<string, string>> = { ',': 'a comma', ';': 'a semicolon', '\t': 'a tab', '|': 'a vertical bar', ' ': 'a space' };

const closingQuote = (delimiter: string): string =>
  `a quoted value's closing quote is followed by other text, where ${DELIMITER_NAMES[delimiter] ?? JSON.stringify(delimiter)} or the line's end must follow; a quote inside a quoted value is written twice`;

/** The reasons by csv-parse's code; those its options here cannot raise are left to the last one. */
const REASONS: Readonly<Record<string, (delimiter: string) => string>> = {
  CSV_INVALID_CLOSING_QUOTE: closingQuote,
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: closingQuote,
  INVALID_OPENING_QUOTE: () => 'a quote inside a value that does not begin with one; a value holding quotes is put in quotes, and each of its quotes written twice',
  CSV_QUOTE_NOT_CLOSED: () => 'a quoted value is never closed',
  CSV_MAX_RECORD_SIZE: () => 'the row is longer than a row may be',
};

/**
 * `is not valid CSV (line L, column "name": reason)` for what csv-parse refused in the text of a
 * row that starts on `firstLine` (the line is told only when the row spans several).
 */
export function csvProblem(error: unknown, { delimiter, firstLine }: { readonly delimiter: string; readonly firstLine: number }): string {
  const at = (typeof error === 'object' && error !== null ? error : {}) as Partial<CsvErrorAt>;
  const reason = (typeof at.code === 'string' ? REASONS[at.code]?.(delimiter) : undefined) ?? 'it could not be read as CSV';
  const where: string[] = [];
  if (typeof at.lines === 'number' && at.lines > 1) where.push(`line ${firstLine + at.lines - 1}`);
  if (typeof at.column === 'string') where.push(`column ${JSON.stringify(at.column)}`);
  else if (typeof at.index === 'number') where.push(`column ${at.index + 1}`);
  return `is not valid CSV (${where.length > 0 ? `${where.join(', ')}: ` : ''}${reason})`;
}
