/**
 * The data folder of a command that makes a store where there is none (start, serve, ingest,
 * agencies add --create-store), made before the store is opened as an --out folder is
 * (output-folder.ts): a --data that is a file, or under which no folder can be made, is said in
 * one line naming --data. The store's own recursive mkdir retried for ever under /proc, the event
 * loop blocked, so that neither Ctrl-C nor SIGTERM ended the command.
 */
import type { MosaicConfig } from '@mosaic/service';
import { prepareOutputFolder } from './output-folder.ts';

export async function prepareDataFolder(command: string, config: MosaicConfig): Promise<MosaicConfig> {
  await prepareOutputFolder(command, '--data', config.dataDir);
  return config;
}
