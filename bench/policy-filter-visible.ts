/**
 * Micro-benchmark: filterVisible over a search-sized and a bulk-sized result set, with generated
 * (fictional) agencies, agreements and records. Prints counts and timings only.
 */
import fc from 'fast-check';
import { RecordId } from '@mosaic/model';
import { filterVisible } from '@mosaic/policy';
import { arbAgreements, arbOrganisation, arbPolicyUser, arbRecord } from '@mosaic/policy/testing';

const org = fc.sample(arbOrganisation({ maxAgencies: 8 }), { numRuns: 1, seed: 42 })[0]!;
const agreements = fc.sample(arbAgreements(org, { maxLength: 40 }), { numRuns: 1, seed: 7 })[0]!;
const user = { ...fc.sample(arbPolicyUser(org), { numRuns: 1, seed: 3 })[0]!, roles: ['analyst' as const] };
// Generating is slower than deciding: generate 1,000 records and repeat them under fresh ids.
const distinct = Array.from({ length: 1000 }, (_, i) => fc.sample(arbRecord(org, i), { numRuns: 1, seed: i })[0]!);
const records = Array.from({ length: 100_000 }, (_, i) => ({ ...distinct[i % 1000]!, id: RecordId(`${distinct[i % 1000]!.provenance.agency}:b${i}`) }));
const context = { org, agreements, purpose: 'benchmark', caseRef: 'BENCH-1' };

for (const size of [100, 10_000, 100_000]) {
  const slice = records.slice(0, size);
  filterVisible(user, slice, context);
  const runs = size <= 100 ? 2000 : size <= 10_000 ? 50 : 5;
  const start = performance.now();
  let visible = 0;
  for (let r = 0; r < runs; r++) visible = filterVisible(user, slice, context).visible.length;
  const ms = (performance.now() - start) / runs;
  console.log(JSON.stringify({ bench: 'policy.filterVisible', records: size, agreements: agreements.length, visible, msPerCall: Number(ms.toFixed(3)), usPerRecord: Number(((ms * 1000) / size).toFixed(3)) }));
}
