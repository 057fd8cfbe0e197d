/**
 * The one place that reads process.env. Everything else receives a parsed, frozen config.
 */
import type { RawConfig } from '@mosaic/service';

export function configFromEnvironment(flags: RawConfig): RawConfig {
  const env = process.env;
  return {
    dataDir: flags.dataDir ?? env['MOSAIC_DATA_DIR'],
    databaseUrl: flags.databaseUrl ?? env['MOSAIC_DATABASE_URL'],
    databaseSchema: flags.databaseSchema ?? env['MOSAIC_DATABASE_SCHEMA'],
    host: flags.host ?? env['MOSAIC_HOST'],
    port: flags.port ?? env['MOSAIC_PORT'],
    sessionHours: flags.sessionHours ?? env['MOSAIC_SESSION_HOURS'],
    demoPersons: flags.demoPersons ?? env['MOSAIC_DEMO_PERSONS'],
    demoSeed: flags.demoSeed ?? env['MOSAIC_DEMO_SEED'],
    webhookPrivateTargets: flags.webhookPrivateTargets ?? env['MOSAIC_WEBHOOK_PRIVATE_TARGETS'],
    trustProxy: flags.trustProxy ?? env['MOSAIC_TRUST_PROXY'],
  };
}

/** True when stderr is a terminal a progress bar can redraw. */
export const interactive = (): boolean => process.stderr.isTTY === true && process.env['CI'] === undefined;
