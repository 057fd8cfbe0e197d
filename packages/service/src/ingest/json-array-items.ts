/**
 * A JSON array of records, as an export often is, read as its records: each element is a line of
 * the upload, numbered by the line of the file it starts on, so that a refusal names the line to
 * look at as one of a JSON Lines file does. A JSON Lines line is an object, never an array, so a
 * file whose text begins with `[` is an array.
 */
import { AppError } from '@mosaic/model';
import type { SourceItem } from './ingest.ts';
import { jsonProblem } from './json-problem.ts';

const BYTE_ORDER_MARK = /^\uFEFF/;

/** Whether the text is a JSON array rather than JSON Lines: its first character not blank is `[`. */
export function isJsonArray(text: string): boolean {
  return /^\s*\[/.test(text.replace(BYTE_ORDER_MARK, ''));
}

/**
 * The array's elements, each with the line and offset it starts at. An array that does not parse
 * is refused whole, naming `content`: its elements cannot be told apart to be refused one by one.
 */
export function jsonArrayItems(text: string): readonly SourceItem[] {
  const body = text.replace(BYTE_ORDER_MARK, '');
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    throw new AppError('MOSAIC_INVALID_INPUT', `content: the file is a JSON array that ${jsonProblem(error)}: fix it, or upload JSON Lines (one record a line)`, { field: 'content', reason: 'not valid JSON' });
  }
  if (!Array.isArray(parsed)) throw new AppError('MOSAIC_INVALID_INPUT', 'content: the file is not a JSON array of records', { field: 'content', reason: 'not an array' });
  if (parsed.length === 0) throw new AppError('MOSAIC_INVALID_INPUT', 'content: the file is an empty JSON array: it holds no record', { field: 'content', reason: 'an empty array' });
  const starts = elementStarts(body);
  return parsed.map((raw: unknown, i) => ({ line: starts[i]?.line ?? 1, offset: starts[i]?.offset ?? 0, raw }));
}

/**
 * Where each element of the top-level array starts, read from text that parsed: outside strings,
 * an element starts at the first character not blank after the array's `[` or a `,` of its own.
 */
function elementStarts(text: string): { line: number; offset: number }[] {
  const starts: { line: number; offset: number }[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let expecting = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') {
      line += 1;
      continue;
    }
    if (inString) {
      if (c === '\\') i += 1;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') continue;
    if (depth === 1 && expecting && c !== ']') starts.push({ line, offset: i });
    expecting = false;
    if (c === '"') inString = true;
    else if (c === '[' || c === '{') {
      depth += 1;
      expecting = depth === 1;
    } else if (c === ']' || c === '}') depth -= 1;
    else if (c === ',' && depth === 1) expecting = true;
  }
  return starts;
}
