/**
 * The HTTP load generator of the benchmarks, run as its own process so that it does not take
 * the server's CPU: autocannon POSTing JSON bodies in turn from a file, one per line.
 *
 *   node bench/lib/load-client.ts CONFIG.json   (prints autocannon's result as JSON)
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export interface LoadConfig {
  readonly url: string;
  readonly path: string;
  readonly connections: number;
  readonly durationS: number;
  readonly headers: Readonly<Record<string, string>>;
  /** A file of request bodies, one per line, sent in turn. */
  readonly bodiesFile: string;
}

export interface LoadResult {
  readonly requests: { readonly average: number; readonly total: number };
  readonly latency: { readonly p50: number; readonly p99: number; readonly average: number };
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly duration: number;
  /** Cores the load generator itself kept busy (CPU seconds per second of the run). */
  readonly clientCores?: number;
}

/** The figures every HTTP benchmark prints of a load run, in its order. */
export function loadFigures(result: LoadResult): Record<string, unknown> {
  return {
    durationS: result.duration,
    checks: result.requests.total,
    checksPerSec: Math.round(result.requests.average),
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99, mean: result.latency.average },
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    clientCoresBusy: result.clientCores,
  };
}

interface AutocannonRequest {
  readonly method: string;
  readonly path: string;
  readonly setupRequest?: (request: Record<string, unknown>) => Record<string, unknown>;
}
type Autocannon = (options: {
  url: string; connections: number; duration: number; headers: Record<string, string>; requests: AutocannonRequest[];
}) => Promise<LoadResult>;

if (import.meta.main) {
  const config = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as LoadConfig;
  const bodies = readFileSync(config.bodiesFile, 'utf8').split('\n').filter((line) => line !== '');
  // autocannon ships no type declarations: typed here with the little this script uses.
  const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
  let next = 0;
  const cpuBefore = process.cpuUsage();
  const result = await autocannon({
    url: config.url,
    connections: config.connections,
    duration: config.durationS,
    headers: { ...config.headers },
    requests: [{ method: 'POST', path: config.path, setupRequest: (request) => ({ ...request, body: bodies[next++ % bodies.length] }) }],
  });
  const cpu = process.cpuUsage(cpuBefore);
  process.stdout.write(JSON.stringify({ ...result, clientCores: Number(((cpu.user + cpu.system) / 1e6 / result.duration).toFixed(2)) }));
}
