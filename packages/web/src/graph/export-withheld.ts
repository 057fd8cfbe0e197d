/**
 * What an export left out, read from the file the API answers (docs/API.md, /graph/export): an
 * export is onward sharing, so records the user may read but not pass on are counted in the
 * file's `withheld`, by the policy's reason, rather than written to it.
 */
export interface ExportWithheld {
  readonly records: number;
  readonly nodes: number;
  readonly edges: number;
  /** Records left out, by the policy's reason (`handling: owner consent required`, `no onward sharing`). */
  readonly reasons: Readonly<Record<string, number>>;
}

const NOTHING: ExportWithheld = { records: 0, nodes: 0, edges: 0, reasons: {} };

const count = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

function withheldOfValue(value: unknown): ExportWithheld {
  if (typeof value !== 'object' || value === null) return NOTHING;
  const given = value as Record<string, unknown>;
  const reasons = typeof given['reasons'] === 'object' && given['reasons'] !== null ? given['reasons'] as Record<string, unknown> : {};
  return {
    records: count(given['records']), nodes: count(given['nodes']), edges: count(given['edges']),
    reasons: Object.fromEntries(Object.entries(reasons).map(([reason, records]) => [reason, count(records)])),
  };
}

const XML_ENTITIES: Readonly<Record<string, string>> = { '&quot;': '"', '&apos;': "'", '&lt;': '<', '&gt;': '>', '&amp;': '&' };
const unescapeXml = (text: string): string => text.replace(/&(?:quot|apos|lt|gt|amp);/g, (entity) => XML_ENTITIES[entity] ?? entity);

/** The graph's `<data key="g_…">` value of a GraphML file (export-graphml.ts names the graph's keys `g_<name>`). */
function graphData(text: string, name: string): string | undefined {
  const found = new RegExp(`<data key="g_${name}">([^<]*)</data>`).exec(text);
  return found?.[1] === undefined ? undefined : unescapeXml(found[1]);
}

/** The `withheld` counts of an exported file, none when the file says nothing was left out. */
export function exportWithheld(format: 'graphml' | 'json', text: string): ExportWithheld {
  if (format === 'json') {
    try {
      const parsed: unknown = JSON.parse(text);
      const attributes = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>)['attributes'] : undefined;
      return withheldOfValue(typeof attributes === 'object' && attributes !== null ? (attributes as Record<string, unknown>)['withheld'] : undefined);
    } catch {
      return NOTHING;
    }
  }
  let reasons: unknown;
  try {
    reasons = JSON.parse(graphData(text, 'withheldReasons') ?? '{}');
  } catch {
    reasons = {};
  }
  const number = (name: string): number => Number(graphData(text, name) ?? 0) || 0;
  return withheldOfValue({ records: number('withheldRecords'), nodes: number('withheldNodes'), edges: number('withheldEdges'), reasons });
}

/** The policy's reasons for withholding from an export, in words an analyst can act on. */
const REASON_WORDS: Readonly<Record<string, string>> = {
  'handling: owner consent required': 'their owner’s consent is required (handling code H2 or H3)',
  'no onward sharing': 'they are not to be shared onward (TLP AMBER+STRICT or RED)',
  'agreement: pointer': 'the sharing agreement gives a pointer only',
};

/** What an export left out, said to the user after the file is saved. */
export function withheldNotice(withheld: ExportWithheld): string {
  if (withheld.records === 0) return 'Nothing you may read was left out of the file.';
  const records = `${withheld.records} record${withheld.records === 1 ? '' : 's'} you may read ${withheld.records === 1 ? 'was' : 'were'} left out of the file`;
  const why = Object.entries(withheld.reasons).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([reason, n]) => `${n} because ${REASON_WORDS[reason] ?? reason}`).join('; ');
  const parts = [withheld.nodes ? `${withheld.nodes} entit${withheld.nodes === 1 ? 'y' : 'ies'}` : '', withheld.edges ? `${withheld.edges} relation${withheld.edges === 1 ? '' : 's'}` : ''].filter(Boolean);
  return `${records}${why ? `: ${why}` : ''}.${parts.length ? ` With them, ${parts.join(' and ')} of the chart.` : ''}`;
}
