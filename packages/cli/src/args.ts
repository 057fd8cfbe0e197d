/**
 * Argument parsing on node:util parseArgs, with the options every store-using command shares.
 */
import { AppError } from '@mosaic/model';
import { parseConfig, type MosaicConfig } from '@mosaic/service';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { configFromEnvironment } from './environment.ts';

export const STORE_OPTIONS = {
  data: { type: 'string' },
  'database-url': { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

export function parse<O extends NonNullable<ParseArgsConfig['options']>>(command: string, argv: readonly string[], options: O, allowPositionals = true) {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals, strict: true });
  } catch (error) {
    throw new AppError('MOSAIC_INVALID_INPUT', `${command}: ${(error as Error).message}`);
  }
}

export function configOf(values: { data?: string | boolean | undefined; 'database-url'?: string | boolean | undefined; port?: string | boolean | undefined; host?: string | boolean | undefined }): MosaicConfig {
  const str = (v: string | boolean | undefined): string | undefined => (typeof v === 'string' ? v : undefined);
  return parseConfig(configFromEnvironment({ dataDir: str(values.data), databaseUrl: str(values['database-url']), port: str(values.port), host: str(values.host) }), process.cwd());
}
