/**
 * mosaic audit verify [--public-key PEM] [--sealed] [--expect SEQ:HASH] [--data DIR]: exit 0 when
 * the chain and every signed checkpoint verify (a pruned log from its signed cut), printing the
 * last checkpoint as `witness` for the auditor to keep outside this machine; exit 1 naming the
 * first broken entry otherwise. With --expect, a witness kept from an earlier run, the log must
 * still reach it: deleting the tail together with the checkpoints over it leaves a chain that
 * verifies, and only a witness kept elsewhere shows what is missing.
 *
 * mosaic audit prune [--before DATE] --purpose P --case C [--data DIR]: delete the entries made before DATE (a day,
 * or an ISO 8601 UTC instant; default: where the audit retention period puts it today), oldest
 * first, behind a signed cut; the prune is an entry of the log. Prints counts.
 *
 * mosaic audit retention [--years N] [--months N] [--days N] [--end-of-year] | --keep-all [--data DIR]:
 * show, set or remove the audit retention period (as the operator, system administrator; audited:
 * a change takes --purpose P --case C).
 *
 * mosaic audit rotate-key --purpose P --case C [--data DIR]: a new signing key; the current one is retired through the
 * rotation's own entry (service: rotateAuditKey). Prints the key ids and that entry's seq.
 *
 * mosaic audit keys [--data DIR]: the public halves of the signing keys, each retired one with
 * the last entry it may sign: an auditor's copy, for `audit verify --public-key`.
 *
 * `--public-key FILE`: a PEM public key (one key, for a log never rotated) or what `audit keys`
 * printed.
 *
 * The commands that change the log or how it is kept act as the command line's operator and are
 * logged with the reason and reference given (--purpose, --case), required: someone runs them
 * by hand, for a reason only they can give.
 */
import { createStoreAuditStorage, openStore, type Store } from '@mosaic/store';
import { AppError, isAppError } from '@mosaic/model';
import { auditPublicKeys, auditVerifyKeys, openMosaic, readAuditKeys, readAuditPublicKeys, rotateAuditKey, storeLocation, verifyAuditLog } from '@mosaic/service';
import { PURPOSE_OPTIONS, STORE_OPTIONS, configOf, parse, requirePurposeOptions, takesOnly } from '../args.ts';
import { PROCESS_IO, type CommandIo } from '../command-io.ts';
import { existingStore } from '../existing-store.ts';
import { readInputFile } from '../input-files.ts';
import { OPERATOR } from '../operator.ts';
import { prune } from './audit-prune.ts';
import { retention } from './audit-retention.ts';

const USAGE = [
  'usage: mosaic audit verify [--public-key PEM] [--sealed] [--expect SEQ:HASH] [--data DIR]',
  '       mosaic audit prune [--before YYYY-MM-DD] --purpose P --case C [--data DIR]',
  '       mosaic audit retention [[--years N] [--months N] [--days N] [--end-of-year] | --keep-all  --purpose P --case C] [--data DIR]',
  '       mosaic audit rotate-key --purpose P --case C [--data DIR]     (the nodes may serve meanwhile; then give each the new key file)',
  '       mosaic audit keys [--data DIR]',
].join('\n');

export const AUDIT_OPTIONS = {
  ...STORE_OPTIONS, ...PURPOSE_OPTIONS, 'public-key': { type: 'string' }, sealed: { type: 'boolean' }, expect: { type: 'string' }, before: { type: 'string' },
  years: { type: 'string' }, months: { type: 'string' }, days: { type: 'string' }, 'end-of-year': { type: 'boolean' }, 'keep-all': { type: 'boolean' },
} as const;

export type AuditValues = ReturnType<typeof parse<typeof AUDIT_OPTIONS>>['values'];

/** The options each subcommand takes, besides the store's. */
const SUBCOMMAND_OPTIONS: Readonly<Record<string, readonly (keyof typeof AUDIT_OPTIONS)[]>> = {
  verify: ['public-key', 'sealed', 'expect'],
  prune: ['before', 'purpose', 'case'],
  retention: ['years', 'months', 'days', 'end-of-year', 'keep-all', 'purpose', 'case'],
  'rotate-key': ['purpose', 'case'],
  keys: [],
};

export async function run(argv: readonly string[], io: CommandIo = PROCESS_IO): Promise<number> {
  const { values, positionals } = parse('audit', argv, AUDIT_OPTIONS);
  const subcommand = positionals.length === 1 ? positionals[0] : undefined;
  const options = subcommand === undefined ? undefined : SUBCOMMAND_OPTIONS[subcommand];
  if (options !== undefined) takesOnly(`audit ${subcommand}`, values, options);
  if (subcommand === 'prune') return prune(values, io);
  if (subcommand === 'retention') return retention(values, io);
  if (subcommand === 'rotate-key') return rotateKey(values, io);
  if (subcommand === 'keys') {
    const config = await existingStore('audit keys', configOf(values));
    io.out(`${JSON.stringify(auditPublicKeys(readAuditKeys(config.dataDir)))}\n`);
    return 0;
  }
  if (subcommand !== 'verify') {
    io.err(`${USAGE}\n`);
    return 2;
  }
  // the auditor's keys are read first: a file that cannot be is their mistake, whatever the store
  const given = values['public-key'] ? readAuditPublicKeys(await readInputFile('audit verify', '--public-key', values['public-key']), `audit verify: --public-key ${values['public-key']}`) : undefined;
  const config = await existingStore('audit verify', configOf(values));
  const keys = given ?? auditVerifyKeys(readAuditKeys(config.dataDir));
  const store = await openStore(storeLocation(config));
  try {
    const result = await verifyAuditLog(store, keys, { requireSealedTail: values.sealed === true, ...(values.expect === undefined ? {} : { expect: values.expect }) })
      .catch((error: unknown) => {
        throw isAppError(error) && error.details?.['field'] === 'expect' ? new AppError('MOSAIC_INVALID_INPUT', `audit verify --expect: ${String(error.details['reason'])}`) : error;
      });
    if (result.ok) {
      const witness = await lastCheckpoint(store, result.prunedThrough ?? 0);
      io.out(`${JSON.stringify({ ok: true, entries: result.count, ...(result.prunedThrough === undefined ? {} : { prunedThrough: result.prunedThrough }), ...(witness === undefined ? {} : { witness }) })}\n`);
      if (witness !== undefined) io.err(`mosaic audit verify: keep ${witness} (the last checkpoint) outside this machine; "mosaic audit verify --expect ${witness}" fails if the log no longer reaches it\n`);
      return 0;
    }
    io.out(`${JSON.stringify({ ok: false, firstBroken: result.firstBroken, reason: result.reason, message: result.message })}\n`);
    // Most often the keys of another store, or those before a rotation: said as such, not as a broken chain.
    io.err(result.reason === 'unknown_key'
      ? `mosaic audit verify: ${result.message}: the log cannot be vouched for with ${values['public-key'] ? `--public-key ${values['public-key']}` : `the key file in ${config.dataDir}`}; give the keys it is signed with (this store's key file, or the auditor's copy printed by mosaic audit keys)\n`
      : `mosaic audit verify: the chain is broken at entry ${result.firstBroken}: ${result.message}\n`);
    return 1;
  } finally {
    await store.close();
  }
}

/** The last checkpoint after the cut, `SEQ:HASH`: of a log that verified, every checkpoint is over its entry. */
async function lastCheckpoint(store: Store, after: number): Promise<string | undefined> {
  const last = (await createStoreAuditStorage(store).checkpoints()).reduce<{ seq: number; hash: string } | undefined>((a, c) => (c.seq > (a?.seq ?? after) ? c : a), undefined);
  return last === undefined ? undefined : `${last.seq}:${last.hash}`;
}

async function rotateKey(values: AuditValues, io: CommandIo): Promise<number> {
  const given = requirePurposeOptions('audit rotate-key', values);
  const mosaic = await openMosaic(await existingStore('audit rotate-key', configOf(values)));
  try {
    const rotation = await rotateAuditKey(mosaic, { actor: { user: OPERATOR.id, agency: OPERATOR.agency }, ...given });
    io.out(`${JSON.stringify(rotation)}\n`);
    return 0;
  } finally {
    await mosaic.close();
  }
}
