/**
 * Configuration, parsed once against a schema at start-up and frozen. The CLI builds the raw
 * input from flags and the environment (the one place that reads process.env) and passes the
 * result down; nothing below reads configuration from globals.
 */
import { AppError } from '@mosaic/model';
import { isIP } from 'node:net';
import { resolve } from 'node:path';

export interface MosaicConfig {
  /** Folder of the embedded store and its key material. */
  readonly dataDir: string;
  /** PostgreSQL URL: server mode. Absent: embedded sqlite under dataDir. */
  readonly databaseUrl?: string;
  /** PostgreSQL schema of this deployment (several may share one database); default: the URL's own. */
  readonly databaseSchema?: string;
  readonly host: string;
  readonly port: number;
  /** Hours a sign-in session lasts. */
  readonly sessionHours: number;
  /** Persons in the demo loaded on first start. */
  readonly demoPersons: number;
  readonly demoSeed: number;
  /**
   * Whether an agency's webhook may point inside the deployment's own network — a loopback or
   * private address, or plain http — for a receiver the operator runs there. Off by default: an
   * agency administrator would otherwise have the server call internal systems (screening/webhook-target.ts).
   */
  readonly webhookPrivateTargets: boolean;
  /**
   * The reverse proxies in front of the node whose word on how the client connected is taken
   * (`X-Forwarded-Proto`, `-For`, `-Host`): `true`, whatever connects; or their addresses, subnets
   * (CIDR) and the named ranges `loopback`, `linklocal`, `uniquelocal` — the forms of Express's
   * and Fastify's `trust proxy`, which the node hands on. Behind a proxy that ends TLS, an answer
   * to a request it forwarded over HTTPS then asks for HTTPS (HSTS) and the session cookie is
   * Secure. Default `false`: the headers are ignored, so no client can claim HTTPS it did not
   * use. No client address is used anywhere (sign-in is throttled by name, the audit log names
   * users), so X-Forwarded-For changes nothing Mosaic does.
   */
  readonly trustProxy: boolean | readonly string[];
}

export interface RawConfig {
  readonly dataDir?: string | undefined;
  readonly databaseUrl?: string | undefined;
  readonly databaseSchema?: string | undefined;
  readonly host?: string | undefined;
  readonly port?: string | number | undefined;
  readonly sessionHours?: string | number | undefined;
  readonly demoPersons?: string | number | undefined;
  readonly demoSeed?: string | number | undefined;
  readonly webhookPrivateTargets?: string | boolean | undefined;
  /** A comma-separated list, as the environment gives it, or the list (a serving node's parsed configuration). */
  readonly trustProxy?: string | boolean | readonly string[] | undefined;
}

/**
 * How the operator wrote each setting given (`--port`, `MOSAIC_PORT`), for a refusal to name it
 * so; a setting not named here is `config: <key>`.
 */
export type ConfigNames = Readonly<Partial<Record<keyof RawConfig, string>>>;

/** The start of a refusal of setting `key`: `--port:` as the operator wrote it, else `config: port`. */
const settingOf = (key: keyof RawConfig, names: ConfigNames): string => (names[key] === undefined ? `config: ${key}` : `${names[key]}:`);

function integer(key: keyof RawConfig, names: ConfigNames, value: string | number | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new AppError('MOSAIC_INVALID_CONFIG', `${settingOf(key, names)} must be a whole number from ${min} to ${max}, not ${JSON.stringify(value)}`);
  }
  return n;
}

function flag(key: keyof RawConfig, names: ConfigNames, value: string | boolean | undefined): boolean {
  if (typeof value === 'boolean') return value;
  const given = value?.trim().toLowerCase() ?? '';
  if (given === '' || given === 'false' || given === '0') return false;
  if (given === 'true' || given === '1') return true;
  throw new AppError('MOSAIC_INVALID_CONFIG', `${settingOf(key, names)} must be true or false, not ${JSON.stringify(value)}`);
}

/** proxy-addr's names for ranges (as Express documents them): loopback, link-local, unique local. */
const PROXY_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** An address, a subnet (address/prefix length) or a named range. */
function isProxyEntry(entry: string): boolean {
  if (PROXY_RANGES.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  return prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128));
}

function proxies(key: keyof RawConfig, names: ConfigNames, value: string | boolean | readonly string[] | undefined): boolean | readonly string[] {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && ['', 'false', 'true'].includes(value.trim().toLowerCase())) return value.trim().toLowerCase() === 'true';
  const entries = (typeof value === 'string' ? value.split(',') : value ?? []).map((entry) => entry.trim().toLowerCase());
  if (entries.length === 0) return false;
  const wrong = entries.filter((entry) => !isProxyEntry(entry));
  if (wrong.length > 0) {
    throw new AppError('MOSAIC_INVALID_CONFIG', `${settingOf(key, names)} must be true, false, or a comma-separated list of proxy addresses, subnets (10.0.0.0/8) and loopback, linklocal or uniquelocal, not ${wrong.map((entry) => JSON.stringify(entry)).join(', ')}`);
  }
  return Object.freeze(entries);
}

/** `names`: how the operator wrote the settings given, which a refusal names (ConfigNames). */
export function parseConfig(raw: RawConfig, cwd: string, names: ConfigNames = {}): MosaicConfig {
  const databaseUrl = raw.databaseUrl?.trim();
  if (databaseUrl !== undefined && databaseUrl !== '' && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new AppError('MOSAIC_INVALID_CONFIG', names.databaseUrl === undefined ? 'config: the database URL must start with postgres:// or postgresql://' : `${names.databaseUrl}: the database URL must start with postgres:// or postgresql://`);
  }
  return Object.freeze({
    dataDir: resolve(cwd, raw.dataDir?.trim() || 'data'),
    ...(databaseUrl ? { databaseUrl } : {}),
    ...(databaseUrl && raw.databaseSchema?.trim() ? { databaseSchema: raw.databaseSchema.trim() } : {}),
    host: raw.host?.trim() || '127.0.0.1',
    port: integer('port', names, raw.port, 7300, 0, 65535),
    sessionHours: integer('sessionHours', names, raw.sessionHours, 12, 1, 24 * 30),
    demoPersons: integer('demoPersons', names, raw.demoPersons, 5000, 0, 10_000_000),
    demoSeed: integer('demoSeed', names, raw.demoSeed, 2016, 0, 2 ** 31 - 1),
    webhookPrivateTargets: flag('webhookPrivateTargets', names, raw.webhookPrivateTargets),
    trustProxy: proxies('trustProxy', names, raw.trustProxy),
  });
}
