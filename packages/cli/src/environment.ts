/**
 * The one place that reads process.env. Everything else receives a parsed, frozen config.
 */
import type { ConfigNames, RawConfig } from '@mosaic/service';

/** The environment variable of each setting. */
const VARIABLES: Readonly<Record<keyof RawConfig, string>> = {
  dataDir: 'MOSAIC_DATA_DIR',
  databaseUrl: 'MOSAIC_DATABASE_URL',
  databaseSchema: 'MOSAIC_DATABASE_SCHEMA',
  host: 'MOSAIC_HOST',
  port: 'MOSAIC_PORT',
  sessionHours: 'MOSAIC_SESSION_HOURS',
  demoPersons: 'MOSAIC_DEMO_PERSONS',
  demoSeed: 'MOSAIC_DEMO_SEED',
  webhookPrivateTargets: 'MOSAIC_WEBHOOK_PRIVATE_TARGETS',
  trustProxy: 'MOSAIC_TRUST_PROXY',
};

/**
 * The settings from `flags` (the command line's), else the environment; `names` says where each
 * came from as the operator wrote it — the option (`options`: `{port: '--port'}`) or the
 * variable — for a refusal to name it (parseConfig).
 */
export function configFromEnvironment(flags: RawConfig, options: ConfigNames = {}): { readonly raw: RawConfig; readonly names: ConfigNames } {
  const env = process.env;
  const raw: Record<string, unknown> = {};
  const names: Partial<Record<keyof RawConfig, string>> = {};
  for (const [key, variable] of Object.entries(VARIABLES) as [keyof RawConfig, string][]) {
    const flag = flags[key];
    const option = options[key];
    raw[key] = flag ?? env[variable];
    const name = flag === undefined ? variable : option;
    if (name !== undefined) names[key] = name;
  }
  return { raw: raw as RawConfig, names };
}

/**
 * How long a stalled serving node may say nothing before it is killed (serving-nodes.ts), from
 * MOSAIC_TEST_STUCK_NODE_MS: not a setting for operators, the tests' way to shorten the minute;
 * undefined when unset. serveOnNodes refuses a value that is not a whole number above 0.
 */
export const stuckNodeMsForTests = (): number | undefined => {
  const raw = process.env['MOSAIC_TEST_STUCK_NODE_MS'];
  return raw === undefined ? undefined : Number(raw);
};

/** True when stderr is a terminal a progress bar can redraw. */
export const interactive = (): boolean => process.stderr.isTTY === true && process.env['CI'] === undefined;
