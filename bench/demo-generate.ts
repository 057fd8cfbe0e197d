/**
 * Times writeDemo: `node bench/demo-generate.ts [--persons N] [--seed S] [--keep]`.
 * Writes into a fresh temp directory (removed afterwards unless --keep) and prints persons/s,
 * records/s, bytes written and peak RSS. Target: 1,000,000 persons in under two minutes on two cores.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeDemo } from '@mosaic/demo';

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`--${name} must be a non-negative integer`);
  return value;
}

const persons = option('persons', 1_000_000);
const seed = option('seed', 42);
const keep = process.argv.includes('--keep');
const outDir = await mkdtemp(join(tmpdir(), 'mosaic-demo-bench-'));
let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 100);
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const cpuStart = process.cpuUsage();
const started = performance.now();
try {
  const summary = await writeDemo({
    persons, seed, outDir, progressEvery: 100_000,
    onProgress: (p) => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      const s = (performance.now() - started) / 1000;
      console.error(`  ${p.persons.toLocaleString('en')} persons, ${p.records.toLocaleString('en')} records, ${mb(p.bytes)}, ${s.toFixed(1)} s, rss ${mb(process.memoryUsage().rss)}`);
    },
  });
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  clearInterval(sampler);
  console.log(`demo-generate: ${summary.persons.toLocaleString('en')} persons -> ${summary.records.toLocaleString('en')} records (${summary.truth.toLocaleString('en')} person records) in ${seconds.toFixed(1)} s`);
  console.log(`  ${Math.round(summary.persons / seconds).toLocaleString('en')} persons/s, ${Math.round(summary.records / seconds).toLocaleString('en')} records/s`);
  console.log(`  bytes: records.jsonl ${mb(summary.files['records.jsonl'])}, truth.jsonl ${mb(summary.files['truth.jsonl'])}, org.json ${mb(summary.files['org.json'])}, total ${mb(summary.bytes)}`);
  console.log(`  peak RSS ${mb(peakRss)}, CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s (user+system), target < 120 s for 1M persons: ${persons >= 1_000_000 ? (seconds < 120 ? 'met' : 'missed') : 'n/a'}`);
  console.log(JSON.stringify({ bench: 'demo-generate', persons: summary.persons, records: summary.records, personRecords: summary.truth, bytes: summary.bytes, seconds: Number(seconds.toFixed(2)), cpuSeconds: Number(((cpu.user + cpu.system) / 1e6).toFixed(2)), peakRssBytes: peakRss }));
} finally {
  clearInterval(sampler);
  if (keep) console.log(`  kept ${outDir}`);
  else await rm(outDir, { recursive: true, force: true });
}
