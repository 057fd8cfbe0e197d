/** The files a command is given, refused naming the option, the file and what it is instead. */
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { requireFiles } from './input-files.ts';

describe('requireFiles', () => {
  it('says a folder is a folder, and a device is no folder', async () => {
    await expect(requireFiles('screen', { '--watchlist': tmpdir() })).rejects.toMatchObject({ code: 'MOSAIC_INVALID_INPUT', message: `screen: --watchlist ${tmpdir()}: is a directory, not a file` });
    // a character device, where the message called it a directory
    await expect(requireFiles('screen', { '--watchlist': '/dev/null' })).rejects.toMatchObject({ code: 'MOSAIC_INVALID_INPUT', message: 'screen: --watchlist /dev/null: is not a file but a device, a pipe or a socket' });
  });
});
