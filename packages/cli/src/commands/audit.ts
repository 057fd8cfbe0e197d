/**
 * mosaic audit verify [--public-key PEM] [--data DIR]: exit 0 when the chain and every signed
 * checkpoint verify; exit 1 naming the first broken entry otherwise.
 */
import { AppError } from '@mosaic/model';
import { openStore, SQLITE_FILE_NAME } from '@mosaic/store';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadOrCreateAuditKeys, verifyAuditLog } from '@mosaic/service';
import { STORE_OPTIONS, configOf, parse } from '../args.ts';
import { readInputFile } from '../input-files.ts';

export async function run(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parse('audit', argv, { ...STORE_OPTIONS, 'public-key': { type: 'string' }, sealed: { type: 'boolean' } });
  if (positionals[0] !== 'verify' || positionals.length !== 1) {
    console.error('usage: mosaic audit verify [--public-key PEM] [--sealed] [--data DIR]');
    return 2;
  }
  const config = configOf(values);
  // Verifying where there is no store would create one, and its key, and call it intact.
  if (!config.databaseUrl && !existsSync(join(config.dataDir, SQLITE_FILE_NAME))) {
    throw new AppError('MOSAIC_NOT_FOUND', `audit verify: no store in ${config.dataDir} (--data DIR or MOSAIC_DATA_DIR names the store to verify)`);
  }
  const publicKeyPem = values['public-key'] ? await readInputFile('audit verify', '--public-key', values['public-key']) : loadOrCreateAuditKeys(config.dataDir).publicKeyPem;
  const store = await openStore(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir });
  try {
    const result = await verifyAuditLog(store, publicKeyPem, { requireSealedTail: values.sealed === true });
    if (result.ok) {
      console.log(JSON.stringify({ ok: true, entries: result.count }));
      return 0;
    }
    console.log(JSON.stringify({ ok: false, firstBroken: result.firstBroken, reason: result.reason, message: result.message }));
    console.error(`mosaic audit verify: the chain is broken at entry ${result.firstBroken}: ${result.message}`);
    return 1;
  } finally {
    await store.close();
  }
}
