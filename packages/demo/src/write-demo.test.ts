import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import type { DemoFile, DemoSink } from './demo-sink.ts';
import { DEMO_CHUNK_PERSONS, generateDemo } from './generate-demo.ts';
import { demoOrg } from './org.ts';
import { writeDemo } from './write-demo.ts';
import { writeDemoTo } from './write-demo-to.ts';
import type { DemoProgress } from './write-demo-to.ts';

function memorySink(): DemoSink & { readonly texts: Record<DemoFile, string[]>; closed: boolean } {
  const texts: Record<DemoFile, string[]> = { 'org.json': [], 'records.jsonl': [], 'truth.jsonl': [] };
  const sink = {
    texts,
    closed: false,
    write(file: DemoFile, text: string) {
      texts[file].push(text);
    },
    async close() {
      sink.closed = true;
    },
  };
  return sink;
}

describe('writeDemoTo', () => {
  it('writes org.json and the same lines as generateDemo, in chunks, then closes', async () => {
    const sink = memorySink();
    const progress: DemoProgress[] = [];
    const summary = await writeDemoTo(sink, { persons: 800, seed: 9, asOf: '2026-12-05', chunkBytes: 32 * 1024, progressEvery: 100, onProgress: (p) => progress.push(p) });
    expect(sink.closed).toBe(true);
    expect(JSON.parse(sink.texts['org.json'].join(''))).toEqual(JSON.parse(JSON.stringify(demoOrg(9))));
    const records: string[] = [];
    const truth: string[] = [];
    for (const { file, line } of generateDemo({ persons: 800, seed: 9, asOf: '2026-12-05' })) (file === 'records.jsonl' ? records : truth).push(line);
    expect(sink.texts['records.jsonl'].join('')).toBe(`${records.join('\n')}\n`);
    expect(sink.texts['truth.jsonl'].join('')).toBe(`${truth.join('\n')}\n`);
    expect(sink.texts['records.jsonl'].length).toBeGreaterThan(3);
    expect(summary).toMatchObject({ persons: 800, personsTotal: 800, records: records.length, truth: truth.length });
    expect(progress.length).toBeGreaterThan(3);
    expect(progress.map((p) => p.persons)).toEqual([...progress.map((p) => p.persons)].sort((a, b) => a - b));
    expect(progress.at(-1)?.persons).toBe(800);
  });

  it('waits for the sink between chunks', async () => {
    let pending = 0;
    let most = 0;
    const sink: DemoSink = {
      async write() {
        pending++;
        most = Math.max(most, pending);
        await new Promise((resolve) => setTimeout(resolve, 1));
        pending--;
      },
      async close() {},
    };
    await writeDemoTo(sink, { persons: 400, seed: 1, chunkBytes: 8 * 1024 });
    expect(most).toBe(1);
  });

  it('streams: memory stays flat while output grows', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    let bytes = 0;
    const sink: DemoSink = {
      write(_file, text) {
        bytes += text.length;
      },
      async close() {},
    };
    gc();
    const baseline = process.memoryUsage().heapUsed;
    let peak = 0;
    await writeDemoTo(sink, {
      persons: 8_000, seed: 3, progressEvery: 2_000,
      onProgress: () => {
        gc();
        peak = Math.max(peak, process.memoryUsage().heapUsed - baseline);
      },
    });
    // Holding the output would take its full size; streaming keeps about one chunk and one cluster.
    expect(bytes).toBeGreaterThan(18 * 1024 * 1024);
    expect(peak).toBeLessThan(12 * 1024 * 1024);
  }, 60_000);
});

describe('writeDemo', () => {
  it('writes the three files into a new directory, the same bytes with or without worker threads', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mosaic-demo-'));
    try {
      const persons = DEMO_CHUNK_PERSONS + 300;
      const parallel = join(dir, 'nested', 'parallel');
      const summary = await writeDemo({ persons, seed: 4, asOf: '2026-12-05', outDir: parallel, workers: 2 });
      const records = await readFile(join(parallel, 'records.jsonl'), 'utf8');
      const truth = await readFile(join(parallel, 'truth.jsonl'), 'utf8');
      const org = JSON.parse(await readFile(join(parallel, 'org.json'), 'utf8')) as { agencies: unknown[] };
      expect(records.trimEnd().split('\n')).toHaveLength(summary.records);
      expect(truth.trimEnd().split('\n')).toHaveLength(summary.truth);
      expect(summary.persons).toBe(persons);
      expect(org.agencies.length).toBeGreaterThan(5);
      expect((await stat(join(parallel, 'records.jsonl'))).size).toBe(summary.files['records.jsonl']);
      const lines: Record<string, string[]> = { 'records.jsonl': [], 'truth.jsonl': [] };
      for (const { file, line } of generateDemo({ persons, seed: 4, asOf: '2026-12-05' })) lines[file]?.push(line);
      expect(records).toBe(`${lines['records.jsonl']?.join('\n')}\n`);
      expect(truth).toBe(`${lines['truth.jsonl']?.join('\n')}\n`);
      const single = join(dir, 'single');
      await writeDemo({ persons, seed: 4, asOf: '2026-12-05', outDir: single, workers: 0 });
      expect(await readFile(join(single, 'records.jsonl'), 'utf8')).toBe(records);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    // Worker threads load their modules from source first; allow for that on a busy machine.
  }, 90_000);

  it('leaves the files of an earlier run as they were when a run is stopped, and nothing beside them', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mosaic-demo-stopped-'));
    try {
      for (const file of ['org.json', 'records.jsonl', 'truth.jsonl']) await writeFile(join(dir, file), `earlier ${file}\n`);
      const stop = new AbortController();
      const run = writeDemo({ persons: DEMO_CHUNK_PERSONS * 3, seed: 4, asOf: '2026-12-05', outDir: dir, workers: 0, progressEvery: 1, signal: stop.signal, onProgress: () => stop.abort() });
      await expect(run).rejects.toMatchObject({ name: 'AbortError' });
      expect((await readdir(dir)).sort()).toEqual(['org.json', 'records.jsonl', 'truth.jsonl']);
      for (const file of ['org.json', 'records.jsonl', 'truth.jsonl']) expect(await readFile(join(dir, file), 'utf8')).toBe(`earlier ${file}\n`);
      // a run that ends puts its three files in their place
      const summary = await writeDemo({ persons: 50, seed: 4, asOf: '2026-12-05', outDir: dir, workers: 0 });
      expect((await readdir(dir)).sort()).toEqual(['org.json', 'records.jsonl', 'truth.jsonl']);
      expect((await stat(join(dir, 'records.jsonl'))).size).toBe(summary.files['records.jsonl']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
