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
    return parseArgs({ args: negativeValuesJoined(argv, options), options, allowPositionals, strict: true });
  } catch (error) {
    throw new AppError('MOSAIC_INVALID_INPUT', `${command}: ${argumentProblem(command, error as Error & { code?: string })}`);
  }
}

/**
 * A negative number after an option that takes a value (`--batch -1`) joined to it
 * (`--batch=-1`), so that the command refuses the value in its own words (`--batch takes a whole
 * number … from 1`); parseArgs would take the number for an option and refuse it as ambiguous.
 */
function negativeValuesJoined(argv: readonly string[], options: NonNullable<ParseArgsConfig['options']>): string[] {
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const next = argv[i + 1];
    if (arg === '--') return [...args, ...argv.slice(i)];
    if (arg.startsWith('--') && options[arg.slice(2)]?.type === 'string' && next !== undefined && /^-\.?\d/.test(next)) {
      args.push(`${arg}=${next}`);
      i++;
    } else {
      args.push(arg);
    }
  }
  return args;
}

/** What parseArgs refused, said naming the option as typed, where its message tells how to write a positional starting with a dash. */
function argumentProblem(command: string, error: Error & { code?: string }): string {
  const given = /'([^' ]+)/.exec(error.message)?.[1];
  if (given === undefined) return error.message;
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `${given} is not an option of ${command} (mosaic ${command} --help lists them)`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return error.message.includes('does not take an argument') ? `${given} takes no value` : `${given} needs a value`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `${JSON.stringify(given)}: ${command} takes no argument besides its options`;
    default:
      return error.message;
  }
}

export function configOf(values: { data?: string | boolean | undefined; 'database-url'?: string | boolean | undefined; port?: string | boolean | undefined; host?: string | boolean | undefined }): MosaicConfig {
  const str = (v: string | boolean | undefined): string | undefined => (typeof v === 'string' ? v : undefined);
  const { raw, names } = configFromEnvironment(
    { dataDir: str(values.data), databaseUrl: str(values['database-url']), port: str(values.port), host: str(values.host) },
    { dataDir: '--data', databaseUrl: '--database-url', port: '--port', host: '--host' },
  );
  return parseConfig(raw, process.cwd(), names);
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
