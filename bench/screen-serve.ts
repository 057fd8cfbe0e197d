/**
 * Checks per second from `mosaic serve` itself, as a deployment runs it: the command started as
 * a child process on a store with the generated demo (its agencies, users, sharing agreements
 * and records), a demo checkpoint officer signed in, and autocannon POSTing /api/v1/screen from
 * a separate process. Queries are the names of demo persons as one agency wrote them (half
 * with the date of birth) and as many names made of all but the last part of one person's name
 * and the last part of another's (names the API would refuse, particles only, are left out).
 *
 *   npx node bench/screen-serve.ts [--data DIR] [--persons 20000] [--nodes 2] [--role checkpoint]
 *                                  [--duration 15] [--warmup 15] [--connections 32] [--user border.checkpoint1]
 *
 * Without --data a demo of --persons persons is generated and loaded in a scratch directory
 * first (as `mosaic start` does); with it, DIR is a store made by `mosaic start` (its demo
 * records in DIR/demo/records.jsonl). Prints one JSON object: time to serve, the resident
 * memory of each process, checks/s, latency, and the cores the serving processes kept busy.
 */
import { writeDemo } from '@mosaic/demo';
import { seededRandom } from '@mosaic/model';
import { validateQuery } from '@mosaic/screening';
import { loadDemo, openMosaic, parseConfig } from '@mosaic/service';
import { execFile, spawn } from 'node:child_process';
import { createReadStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs, promisify } from 'node:util';
import { loadFigures, type LoadConfig, type LoadResult } from './lib/load-client.ts';

const { values: args } = parseArgs({
  options: {
    data: { type: 'string', default: '' },
    persons: { type: 'string', default: '20000' },
    nodes: { type: 'string', default: '2' },
    role: { type: 'string', default: 'checkpoint' },
    duration: { type: 'string', default: '15' },
    warmup: { type: 'string', default: '15' },
    connections: { type: 'string', default: '32' },
    user: { type: 'string', default: 'border.checkpoint1' },
    queries: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '11' },
  },
});
const DEMO_PASSWORD = 'mosaic-demo';
const scratch = mkdtempSync(join(tmpdir(), 'mosaic-bench-serve-'));
const dataDir = args.data === '' ? join(scratch, 'data') : args.data;

if (args.data === '') {
  const demoDir = join(dataDir, 'demo');
  await writeDemo({ persons: Number(args.persons), seed: 1, outDir: demoDir });
  const mosaic = await openMosaic(parseConfig({ dataDir }, dataDir), { backgroundCheckpoints: true });
  await loadDemo(mosaic, demoDir);
  await mosaic.close();
}

// A sample of the demo's persons: name and date of birth as one agency holds them.
const random = seededRandom(Number(args.seed));
const wanted = Number(args.queries) / 2;
const sample: { name: string; birthDate?: string }[] = [];
let seen = 0;
for await (const line of createInterface({ input: createReadStream(join(dataDir, 'demo', 'records.jsonl')) })) {
  if (!line.includes('"schema":"Person"')) continue;
  const record = JSON.parse(line) as { properties: { name?: string[]; birthDate?: string[] } };
  const name = record.properties.name?.[0];
  if (name === undefined) continue;
  seen++;
  const person = { name, ...(record.properties.birthDate?.[0] !== undefined ? { birthDate: record.properties.birthDate[0] } : {}) };
  // reservoir sampling (Vitter 1985): every person equally likely, one pass
  if (sample.length < wanted) sample.push(person);
  else {
    const at = Math.floor(random() * seen);
    if (at < wanted) sample[at] = person;
  }
}
const queries: string[] = [];
for (const [i, person] of sample.entries()) {
  const tokens = person.name.replace(',', '').split(' ');
  const other = sample[Math.floor(random() * sample.length)]?.name.replace(',', '').split(' ') ?? [];
  for (const query of [
    { name: person.name, ...(i % 2 === 0 && person.birthDate ? { birthDate: person.birthDate } : {}) },
    { name: [...tokens.slice(0, -1), ...other.slice(-1)].join(' ') },
  ]) {
    // a combination the API would refuse (particles only: "El Al") is not a check
    if (validateQuery(query).ok) queries.push(JSON.stringify({ ...query, place: 'bench checkpoint' }));
  }
}

/** CPU seconds (user + system) of a process, from /proc. */
const cpuSeconds = (pid: number): number => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
};
const rssMb = (pid: number): number => Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024);
const children = (pid: number): number[] => {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter((p) => p !== '').map(Number);
  } catch {
    return [];
  }
};

const started = performance.now();
const cli = join(import.meta.dirname, '..', 'packages', 'cli', 'bin', 'mosaic.js');
const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('MOSAIC_')));
const server = spawn(process.execPath, [cli, 'serve', '--data', dataDir, '--port', '0', '--nodes', args.nodes, '--role', args.role], { env, stdio: ['ignore', 'ignore', 'pipe'] });
const base = await new Promise<string>((resolve, reject) => {
  let err = '';
  server.stderr.on('data', (chunk: Buffer) => {
    err += chunk.toString('utf8');
    const url = /serving on (http:\/\/localhost:\d+)/.exec(err)?.[1];
    if (url) resolve(url.replace('localhost', '127.0.0.1'));
  });
  server.once('exit', (code) => reject(new Error(`mosaic serve exited (${code}): ${err.slice(-500)}`)));
});
const readyMs = performance.now() - started;
const processes = [server.pid as number, ...children(server.pid as number)];

const signIn = await fetch(`${base}/api/v1/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: args.user, password: DEMO_PASSWORD }) });
if (!signIn.ok) throw new Error(`sign-in as ${args.user} failed: ${signIn.status}`);
const token = ((await signIn.json()) as { token: string }).token;
const bodiesFile = join(scratch, 'bodies.jsonl');
writeFileSync(bodiesFile, queries.join('\n'));
const loadConfig: LoadConfig = {
  url: base, path: '/api/v1/screen', connections: Number(args.connections), durationS: Number(args.duration),
  headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, bodiesFile,
};
const load = async (config: LoadConfig): Promise<LoadResult> => {
  const file = join(scratch, 'load.json');
  writeFileSync(file, JSON.stringify(config));
  const { stdout } = await promisify(execFile)(process.execPath, [join(import.meta.dirname, 'lib', 'load-client.ts'), file], { maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(stdout) as LoadResult;
};
// Warm-up, not measured: the officer's visibility decisions are made ahead after the first checks.
if (Number(args.warmup) > 0) await load({ ...loadConfig, durationS: Number(args.warmup) });
const cpuBefore = processes.map(cpuSeconds);
const wallBefore = performance.now();
const result = await load(loadConfig);
const wallS = (performance.now() - wallBefore) / 1000;
const cpuS = processes.map((pid, i) => cpuSeconds(pid) - (cpuBefore[i] as number));
const memory = processes.map(rssMb);

server.kill('SIGTERM');
const code = await new Promise((resolve) => server.once('exit', resolve));
rmSync(scratch, { recursive: true, force: true });

console.log(JSON.stringify({
  bench: 'screen-serve',
  data: args.data === '' ? `demo of ${args.persons} persons` : dataDir,
  role: args.role,
  nodes: Number(args.nodes),
  readyMs: Math.round(readyMs),
  rssMb: memory,
  connections: Number(args.connections),
  warmupS: Number(args.warmup),
  ...loadFigures(result),
  serverCoresBusy: Number((cpuS.reduce((a, b) => a + b, 0) / wallS).toFixed(2)),
  stoppedWith: code,
  machine: { cores: availableParallelism(), load1: Number(loadavg()[0]?.toFixed(2)) },
}));
