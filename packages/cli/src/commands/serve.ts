/**
 * mosaic serve [--port P] [--host H] [--data DIR]: the API under /api/v1 and the web app at /.
 */
import { openMosaic, type Mosaic } from '@mosaic/service';
import { startServer } from '../server-runner.ts';
import { STORE_OPTIONS, configOf, parse } from '../args.ts';

export async function run(argv: readonly string[]): Promise<number> {
  const { values } = parse('serve', argv, { ...STORE_OPTIONS, port: { type: 'string' }, host: { type: 'string' } }, false);
  const mosaic: Mosaic = await openMosaic(configOf(values));
  const url = await startServer(mosaic);
  console.error(`Mosaic is serving on ${url} (store: ${mosaic.store.dialect}${mosaic.config.databaseUrl ? '' : `, ${mosaic.config.dataDir}`})`);
  return 0;
}
