/**
 * Argument parsing on node:util parseArgs, with the options every store-using command shares,
 * and the purpose and case reference an administrative command is logged with.
 */
import { AppError, hasControlCharacters } from '@mosaic/model';
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

/**
 * Refuses the options given that `command` (a subcommand, parsed with the options of all its
 * siblings) does not take: one meant for another would otherwise be accepted and ignored in
 * silence (graph expand --format xml). The store's options are every command's.
 */
export function takesOnly(command: string, values: Readonly<Record<string, unknown>>, options: readonly string[]): void {
  const other = Object.keys(values).filter((option) => !options.includes(option) && !(option in STORE_OPTIONS));
  if (other.length > 0) {
    throw new AppError('MOSAIC_INVALID_INPUT', `${command}: ${other.map((o) => `--${o}`).join(', ')} ${other.length === 1 ? 'is not an option' : 'are not options'} of ${command} (it takes ${options.map((o) => `--${o}`).join(', ')})`);
  }
}

export const PURPOSE_OPTIONS = {
  purpose: { type: 'string' },
  case: { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

/**
 * The operator's purpose and case (or change) reference, required and logged as given (LED
 * Art. 25: why, as well as who and when): a command run by hand has no reason the code could
 * make up for it. Held to the API's limits (500 and 100 characters, no control characters).
 */
export function requirePurposeOptions(command: string, values: { purpose?: string | undefined; case?: string | undefined }): { readonly purpose: string; readonly caseRef: string } {
  const purpose = values.purpose?.trim();
  const caseRef = values.case?.trim();
  if (!purpose || !caseRef) throw new AppError('MOSAIC_PURPOSE_REQUIRED', `${command}: --purpose P and --case C are required (the audit log records why, and under which case or change reference)`);
  if (purpose.length > 500 || caseRef.length > 100) throw new AppError('MOSAIC_INVALID_INPUT', `${command}: --purpose takes at most 500 characters, --case at most 100`);
  for (const [option, value] of [['--purpose', purpose], ['--case', caseRef]] as const) {
    if (hasControlCharacters(value)) throw new AppError('MOSAIC_INVALID_INPUT', `${command}: ${option}: control characters are not allowed`);
  }
  return { purpose, caseRef };
}
