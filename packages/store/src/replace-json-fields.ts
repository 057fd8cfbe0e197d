/**
 * A JSON object's text with some of its top-level members given new values, the rest of the text
 * left as it is: what `JSON.stringify({ ...JSON.parse(json), ...fields })` writes for text that
 * JSON.stringify wrote, without parsing the object and writing it again. A report's review holds
 * some 500,000 mentions at 10 MB (27 MB of JSON); a decision on one of its entities changes two of
 * its members, its decisions, and parsing and writing the whole of it took most of the decision's
 * time. The members are found by reading the text once (strings skipped to their closing quote),
 * no value but the top level's taken apart.
 *
 * A member replaced stays where it stood, one new goes last (as the spread puts them); one whose
 * value JSON.stringify drops (undefined, a function) is taken out. Keys read as array indices,
 * which a JavaScript object orders before the others, are not given here: the caller writes the
 * whole object.
 */

/** Where a top-level member of a JSON object's text stands: from its key to the end of its value. */
interface Member {
  readonly key: string;
  readonly start: number;
  readonly valueStart: number;
  readonly end: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Whether `key` is one a JavaScript object orders first, as an array index. */
export function isIndexKey(key: string): boolean {
  return /^(?:0|[1-9]\d*)$/.test(key) && Number(key) < 2 ** 32 - 1;
}

export function replaceJsonFields(json: string, fields: Readonly<Record<string, unknown>>): string {
  const { members, close } = topLevelMembers(json);
  const given = new Map(Object.entries(fields).map(([key, value]) => [key, JSON.stringify(value) as string | undefined]));
  for (const key of given.keys()) if (isIndexKey(key)) throw new TypeError(`replaceJsonFields: ${key} is read as an array index`);
  const kept: string[] = [];
  for (const member of members) {
    if (!given.has(member.key)) {
      kept.push(json.slice(member.start, member.end));
      continue;
    }
    const value = given.get(member.key);
    if (value !== undefined) kept.push(`${json.slice(member.start, member.valueStart)}${value}`);
  }
  const present = new Set(members.map((member) => member.key));
  for (const [key, value] of given) if (!present.has(key) && value !== undefined) kept.push(`${JSON.stringify(key)}:${value}`);
  return `${json.slice(0, members[0]?.start ?? close)}${kept.join(',')}${json.slice(members.at(-1)?.end ?? close)}`;
}

/** The top-level members of a JSON object's text, in order, and where its closing brace stands. */
function topLevelMembers(json: string): { readonly members: readonly Member[]; readonly close: number } {
  let at = skipSpace(json, 0);
  if (json.charCodeAt(at) !== 0x7b) throw new TypeError('replaceJsonFields: the text is not a JSON object');
  at = skipSpace(json, at + 1);
  const members: Member[] = [];
  if (json.charCodeAt(at) === 0x7d) return { members, close: at };
  for (;;) {
    const start = at;
    const keyEnd = stringEnd(json, at);
    const key = JSON.parse(json.slice(at, keyEnd)) as string;
    at = skipSpace(json, keyEnd);
    if (json.charCodeAt(at) !== 0x3a) throw new SyntaxError(`replaceJsonFields: ':' expected at ${at}`);
    const valueStart = skipSpace(json, at + 1);
    const end = valueEnd(json, valueStart);
    members.push({ key, start, valueStart, end });
    at = skipSpace(json, end);
    const next = json.charCodeAt(at);
    if (next === 0x7d) return { members, close: at };
    if (next !== 0x2c) throw new SyntaxError(`replaceJsonFields: ',' or '}' expected at ${at}`);
    at = skipSpace(json, at + 1);
  }
}

function skipSpace(json: string, at: number): number {
  let i = at;
  for (let c = json.charCodeAt(i); c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09; c = json.charCodeAt(++i));
  return i;
}

/** The index after the closing quote of the string opening at `at`. */
function stringEnd(json: string, at: number): number {
  if (json.charCodeAt(at) !== QUOTE) throw new SyntaxError(`replaceJsonFields: '"' expected at ${at}`);
  for (let from = at + 1; ;) {
    const quote = json.indexOf('"', from);
    if (quote < 0) throw new SyntaxError('replaceJsonFields: a string is not closed');
    let slashes = 0;
    while (json.charCodeAt(quote - 1 - slashes) === BACKSLASH) slashes++;
    if (slashes % 2 === 0) return quote + 1;
    from = quote + 1;
  }
}

/** The index after the value starting at `at` (a string, an object or array with all it holds, a number or a literal). */
function valueEnd(json: string, at: number): number {
  const first = json.charCodeAt(at);
  if (first === QUOTE) return stringEnd(json, at);
  if (first !== 0x7b && first !== 0x5b) {
    let i = at;
    for (let c = json.charCodeAt(i); i < json.length && c !== 0x2c && c !== 0x7d && c !== 0x5d && c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09; c = json.charCodeAt(++i));
    return i;
  }
  let depth = 0;
  for (let i = at; i < json.length;) {
    const c = json.charCodeAt(i);
    if (c === QUOTE) {
      i = stringEnd(json, i);
      continue;
    }
    if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) {
      depth--;
      if (depth === 0) return i + 1;
    }
    i++;
  }
  throw new SyntaxError('replaceJsonFields: an object or array is not closed');
}
