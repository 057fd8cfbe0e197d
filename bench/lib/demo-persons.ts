/** The Person records of a generated demo and which fictional person each stands for (its ground truth). */
import { generateDemo } from '@mosaic/demo';
import { parseRecordLine, type ResolvableRecord } from '@mosaic/resolution';

export function demoPersons(persons: number, seed: number): { readonly records: ResolvableRecord[]; readonly truth: Map<string, string> } {
  const records: ResolvableRecord[] = [];
  const truth = new Map<string, string>();
  for (const line of generateDemo({ persons, seed })) {
    if (line.file === 'truth.jsonl') {
      const t = JSON.parse(line.line) as { id: string; person: string };
      truth.set(t.id, t.person);
    } else if (line.line.includes('"schema":"Person"')) {
      const parsed = parseRecordLine(line.line);
      if (parsed.ok) records.push(parsed.record);
    }
  }
  return { records, truth };
}
