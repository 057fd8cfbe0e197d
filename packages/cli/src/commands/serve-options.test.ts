/**
 * `mosaic serve` and `mosaic start` refuse a bad `--role` or `--nodes` as the command line refuses
 * any other value: the command, the option, what it takes and what was given, before anything is
 * opened or served.
 */
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { run as serve } from './serve.ts';
import { run as start } from './start.ts';

const data = ['--port', '0', '--data', join(tmpdir(), 'mosaic-serve-options-never-made')];

describe('serve and start options', () => {
  it('name the command and the option refused, with the values it takes', async () => {
    await expect(serve(['--role', 'border', ...data])).rejects.toThrow(expect.objectContaining({ code: 'MOSAIC_INVALID_INPUT', message: 'serve: --role takes full or checkpoint, not "border"' }));
    await expect(serve(['--nodes', 'two', ...data])).rejects.toThrow('serve: --nodes takes a whole number from 1 to 64, or auto (one per core), not "two"');
    await expect(serve(['--nodes', '0', ...data])).rejects.toThrow('serve: --nodes takes a whole number from 1 to 64, or auto (one per core), not "0"');
    await expect(start(['--nodes', '65', ...data])).rejects.toThrow('start: --nodes takes a whole number from 1 to 64, or auto (one per core), not "65"');
  });
});
