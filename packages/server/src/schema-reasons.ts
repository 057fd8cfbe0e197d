/**
 * A route schema's refusals of the fields of a request, said in the API's words: zod's own
 * ("Invalid input: expected number, received NaN", "Too big: expected int to be
 * <=9007199254740991") name the validator's types and bounds, not what the field takes. A reason
 * a route's schema gives itself is kept as it is: zod's are told apart by their opening words.
 */

/** An issue as fastify-type-provider-zod hands it on: zod's code as `keyword`, its other fields as `params`. */
export interface SchemaIssue {
  readonly keyword: string;
  readonly instancePath: string;
  readonly message?: string | undefined;
  readonly params: Readonly<Record<string, unknown>>;
}

const ZOD_DEFAULT = /^(Invalid (input|option|string|ISO|key|element|union|date|number|discriminator)|Too (small|big)|Unrecognized key)/;

/** What zod's type names are, said. */
const KINDS: Readonly<Record<string, string>> = {
  number: 'a number', int: 'a whole number', bigint: 'a whole number', string: 'text', boolean: 'true or false',
  array: 'a list', object: 'an object', record: 'an object', date: 'a date', null: 'null',
};

const FORMATS: Readonly<Record<string, string>> = {
  date: 'must be a date YYYY-MM-DD', datetime: 'must be an instant YYYY-MM-DDThh:mm:ssZ', email: 'must be an e-mail address', url: 'must be a URL',
};

function bound(issue: SchemaIssue, least: boolean): string {
  const { origin, inclusive } = issue.params;
  const n = Number(least ? issue.params['minimum'] : issue.params['maximum']);
  const words = least ? (inclusive === false ? 'more than' : 'at least') : inclusive === false ? 'less than' : 'at most';
  if (least && n === 1 && inclusive !== false && (origin === 'string' || origin === 'array' || origin === 'set')) return 'must not be empty';
  if (origin === 'string') return `must be ${words} ${n} characters long`;
  if (origin === 'array' || origin === 'set') return `must hold ${words} ${n} items`;
  return `must be ${words} ${n}`;
}

/** Why `issue` refused its field. */
export function schemaReason(issue: SchemaIssue): string {
  const message = issue.message ?? 'is invalid';
  if (!ZOD_DEFAULT.test(message)) return message;
  const { params } = issue;
  switch (issue.keyword) {
    case 'invalid_type':
      return message.endsWith('received undefined') ? 'is required' : `must be ${KINDS[String(params['expected'])] ?? String(params['expected'])}`;
    case 'too_small':
      return bound(issue, true);
    case 'too_big':
      return bound(issue, false);
    case 'invalid_union':
      // a discriminated union names the values its discriminator takes
      if (!Array.isArray(params['options'])) return 'matches none of the forms this field takes';
      return schemaReason({ ...issue, keyword: 'invalid_value', params: { values: params['options'] } });
    case 'invalid_value': {
      const values = Array.isArray(params['values']) ? (params['values'] as unknown[]) : [];
      return values.length === 1 ? `must be ${JSON.stringify(values[0])}` : `must be one of ${values.slice(0, 20).map((v) => JSON.stringify(v)).join(', ')}${values.length > 20 ? ', …' : ''}`;
    }
    case 'unrecognized_keys': {
      const keys = Array.isArray(params['keys']) ? (params['keys'] as unknown[]) : [];
      return `has no field ${keys.slice(0, 20).map((k) => JSON.stringify(k)).join(', ')}`;
    }
    case 'invalid_format':
      return FORMATS[String(params['format'])] ?? 'is not in the form this field takes';
    default:
      return message;
  }
}

/**
 * The fields refused and why, one reason each: a field refused twice alike is told once, and a
 * whole number's safe-integer bound, which zod adds to every integer, only where no bound of the
 * route's own refused it too (`limit=99999999999999999999`: `must be at most 500`).
 */
export function schemaProblems(issues: readonly SchemaIssue[]): { field: string; reason: string }[] {
  const fieldOf = (issue: SchemaIssue): string => issue.instancePath.replace(/^\//, '').replace(/\//g, '.') || '(root)';
  const safeBound = (issue: SchemaIssue): boolean => issue.params['origin'] === 'int' && (issue.params['maximum'] === Number.MAX_SAFE_INTEGER || issue.params['minimum'] === Number.MIN_SAFE_INTEGER);
  const problems: { field: string; reason: string }[] = [];
  for (const issue of issues) {
    const field = fieldOf(issue);
    if (safeBound(issue) && issues.some((other) => other !== issue && !safeBound(other) && fieldOf(other) === field)) continue;
    const reason = schemaReason(issue);
    if (!problems.some((p) => p.field === field && p.reason === reason)) problems.push({ field, reason });
  }
  return problems;
}
