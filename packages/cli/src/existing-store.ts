/**
 * Commands that read or keep the audit log (audit verify, prune, retention) work on an existing
 * store only: opening one where there is none would create it, and an audit key, and report on
 * an empty log as if it were the one asked about.
 */
import { AppError } from '@mosaic/model';
import type { MosaicConfig } from '@mosaic/service';
import { SQLITE_FILE_NAME } from '@mosaic/store';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export function existingStore(command: string, config: MosaicConfig): MosaicConfig {
  if (!config.databaseUrl && !existsSync(join(config.dataDir, SQLITE_FILE_NAME))) {
    throw new AppError('MOSAIC_NOT_FOUND', `${command}: no store in ${config.dataDir} (--data DIR or MOSAIC_DATA_DIR names the store)`);
  }
  return config;
}
