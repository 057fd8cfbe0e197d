/**
 * Where and why a file's text is not JSON, without any of the text: an option file (a CSV
 * mapping, provenance defaults) may hold personal data, and the message goes to the terminal
 * and its logs. V8 quotes a piece of the text when it meets an unexpected character
 * (`Unexpected token 'W', ..."note": Wout Claes"... is not valid JSON`) and then gives no
 * position, so the position is found by parsing ever shorter beginnings of the text: the
 * shortest one that fails other than by ending too soon ends with the character at fault.
 */

const POSITION = / at position (\d+)(?: \(line \d+ column \d+\))?$/;

interface Failure {
  readonly reason: string;
  /** The offset V8 names; undefined when it names none (an unexpected character, the end). */
  readonly at: number | undefined;
  readonly unexpectedEnd: boolean;
}

function failureOf(text: string): Failure | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    const position = POSITION.exec(message);
    if (position?.[1] !== undefined) return { reason: message.slice(0, position.index).replace(/ in JSON$/, ''), at: Number(position[1]), unexpectedEnd: false };
    if (message.startsWith('Unexpected end of JSON input')) return { reason: 'the file ends before its JSON does', at: undefined, unexpectedEnd: true };
    return { reason: 'unexpected character', at: undefined, unexpectedEnd: false };
  }
}

/** Whether the beginning `text` fails at a character of its own, not for ending where it does. */
function failsWithin(text: string): boolean {
  const failure = failureOf(text);
  if (failure === undefined || failure.unexpectedEnd) return false;
  return failure.at === undefined || failure.at < text.length;
}

/** The offset of the character at fault: the last of the shortest beginning that fails within. */
function offsetOfFault(text: string): number {
  let low = 1;
  let high = text.length;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (failsWithin(text.slice(0, middle))) high = middle;
    else low = middle + 1;
  }
  return low - 1;
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `line ${line} column ${offset - before.lastIndexOf('\n')}`;
}

/**
 * `at line L column C: reason` for a text JSON.parse refuses (lower-cased as V8 words it, the
 * quoted piece left out); undefined for a text that is JSON.
 */
export function jsonSyntaxProblem(text: string): string | undefined {
  const failure = failureOf(text);
  if (failure === undefined) return undefined;
  const offset = failure.at ?? (failure.unexpectedEnd ? text.length : offsetOfFault(text));
  return `at ${lineAndColumn(text, offset)}: ${failure.reason.charAt(0).toLowerCase()}${failure.reason.slice(1)}`;
}
