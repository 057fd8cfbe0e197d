/**
 * The mosaic command as a process: ordinary mistakes (a missing or unreadable input file, a
 * mapping that is not JSON, a damaged PDF, a day that is not one, a store that is not there)
 * end in one line naming the option or file and the reason, exit 2 (1 for audit verify), and
 * never a stack trace; `mosaic COMMAND --help` answers.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'mosaic-cli-main-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const MAIN = join(import.meta.dirname, 'main.ts');

async function mosaic(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    // killed if it hangs, so that a command spinning for ever fails the test instead of outliving it
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [MAIN, ...argv], { cwd: dir, timeout: 25_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

const missing = join(dir, 'missing.jsonl');
writeFileSync(join(dir, 'records.jsonl'), '{}\n');
writeFileSync(join(dir, 'mapping.json'), '{"schema": ');
writeFileSync(join(dir, 'damaged.pdf'), 'not a PDF at all');
/** A folder where a file is expected (named as the file would be). */
const folder = join(dir, 'folder.txt');
mkdirSync(folder);

describe('mosaic', () => {
  it.each([
    [['ingest', missing, '--data', join(dir, 'data')], `ingest: FILE ${missing}: no such file`],
    [['ingest', join(dir, 'records.jsonl'), '--mapping', join(dir, 'mapping.json'), '--data', join(dir, 'data')], `ingest: --mapping ${join(dir, 'mapping.json')}: not JSON`],
    [['resolve', '--in', missing, '--out', join(dir, 'out.jsonl')], `resolve: --in ${missing}: no such file`],
    [['compare', '--pairs', missing], `compare: --pairs ${missing}: no such file`],
    [['screen', '--watchlist', missing, '--queries', missing, '--out', join(dir, 'out.jsonl')], `screen: --watchlist ${missing}: no such file`],
    [['extract', join(dir, 'missing.pdf')], `extract: FILE ${join(dir, 'missing.pdf')}: no such file`],
    [['extract', join(dir, 'damaged.pdf')], `extract: FILE ${join(dir, 'damaged.pdf')}: is not a valid PDF document (it does not begin as a PDF does, with %PDF-: another kind of file named .pdf)`],
    [['users', 'add', 'x1', '--agency', 'fedpol', '--desk', 'fedpol-ops', '--role', 'analyst', '--password-file', missing, '--data', join(dir, 'data')], `users add: --password-file ${missing}: no such file`],
    [['demo', 'generate', '--persons', '3', '--as-of', '2024-13-01', '--out', join(dir, 'demo')], 'the as-of day must be a date YYYY-MM-DD, got "2024-13-01"'],
    [['demo', 'generate', '--persons', 'abc', '--out', join(dir, 'demo')], '--persons takes a whole number from 1, not "abc"'],
    [['audit', 'prune', '--before', '2020-02-30', '--data', join(dir, 'data')], 'audit prune: --before "2020-02-30": not a day YYYY-MM-DD nor an ISO 8601 UTC instant; nothing was deleted'],
    [['audit', 'prune', '--before', '2199-01-01', '--data', join(dir, 'data')], 'audit prune: --before "2199-01-01": 2199-01-01T00:00:00.000Z is in the future'],
    [['users', 'add', 'x1', '--agency', 'fedpol', '--desk', 'fedpol-ops', '--role', 'analyst', '--password-file', folder, '--data', join(dir, 'data')], `users add: --password-file ${folder}: is a directory, not a file`],
    [['audit', 'verify', '--public-key', folder, '--data', join(dir, 'data')], `audit verify: --public-key ${folder}: is a directory, not a file`],
    [['audit', 'verify', '--public-key', join(dir, 'damaged.pdf'), '--data', join(dir, 'data')], `audit verify: --public-key ${join(dir, 'damaged.pdf')}: not a PEM public key nor the JSON of mosaic audit keys`],
    [['ingest', join(dir, 'records.jsonl'), '--mapping', folder, '--data', join(dir, 'data')], `ingest: --mapping ${folder}: is a directory, not a file`],
    [['ingest', join(dir, 'records.jsonl'), '--defaults', folder, '--data', join(dir, 'data')], `ingest: --defaults ${folder}: is a directory, not a file`],
    [['reports', 'add', folder, '--collection', 'c', '--as', 'someone', '--data', join(dir, 'data')], `reports add: FILE ${folder}: is a directory, not a file`],
    [['demo', 'generate', '--persons', '3', '--out', join(dir, 'records.jsonl')], `demo generate: --out ${join(dir, 'records.jsonl')}: is a file, not a folder`],
    [['demo', 'generate', '--persons', '3', '--out', join(dir, 'records.jsonl', 'demo')], `demo generate: --out ${join(dir, 'records.jsonl', 'demo')}: a part of the path is not a directory`],
    // procfs takes no new folder, and a recursive mkdir there retried for ever (Linux only)
    ...(existsSync('/proc/self') ? [[['demo', 'generate', '--persons', '3', '--out', '/proc/mosaic-demo'], 'demo generate: --out /proc/mosaic-demo: the folder /proc/mosaic-demo cannot be made there'] as [string[], string]] : []),
  ])('mosaic %j: one line and exit 2', async (argv, message) => {
    const { code, stderr } = await mosaic(...argv);
    expect(stderr).toContain(message);
    // one line, and the command's usage where it prints it: nothing else (a library's warning beside the reason)
    expect(stderr.trimEnd().split('\n').filter((line) => !line.includes(message) && !line.startsWith('usage: '))).toEqual([]);
    expect(stderr).not.toContain('unexpected error');
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(code).toBe(2);
  });

  it('audit verify refuses a data directory with no store, and creates none', async () => {
    const nowhere = join(dir, 'no-store-here');
    const { code, stdout, stderr } = await mosaic('audit', 'verify', '--data', nowhere);
    expect(code).toBe(1);
    expect(stdout).not.toContain('"ok":true');
    expect(stderr).toContain(`audit verify: no store in ${nowhere}`);
    expect(existsSync(nowhere)).toBe(false);
  });

  it('answers COMMAND --help with the command\'s usage, naming its options', async () => {
    const { code, stdout } = await mosaic('serve', '--help');
    expect(code).toBe(0);
    expect(stdout).toContain('mosaic serve: serve the API and web app');
    const help = (await mosaic('--help')).stdout;
    for (const option of ['audit verify [--public-key FILE] [--sealed] [--expect SEQ:HASH]', '[--batch N]', '[--clearance C] [--group G…]']) expect(help).toContain(option);
  });

  it.each(['ingest', 'demo', 'agencies', 'users', 'resolve', 'compare', 'screen', 'extract', 'reports', 'graph', 'retention', 'audit'])(
    'answers %s --help naming every option its usage, printed when it is given nothing, names',
    async (command) => {
      const { code, stdout } = await mosaic(command, '--help');
      expect(code).toBe(0);
      const usage = (await mosaic(command)).stderr;
      const options = new Set(usage.match(/--[a-z][a-z-]*/g));
      expect(options.size).toBeGreaterThan(0);
      for (const option of options) expect(stdout, option).toMatch(new RegExp(`${option}(?![a-z-])`));
    },
  );

  it.each([['agencies', 'list, add'], ['reports', 'add, search, show, confirm, reject'], ['audit', 'verify, prune, retention, rotate-key, keys'], ['demo', 'generate']])(
    'refuses a subcommand %s does not take, naming those it takes, exit 2',
    async (command, subcommands) => {
      const { code, stdout, stderr } = await mosaic(command, 'lsit', '--data', join(dir, 'data'));
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toContain(`mosaic ${command}: unknown subcommand "lsit" (it takes ${subcommands})`);
    },
  );

  it('passes a subcommand it takes on to the command', async () => {
    const { code, stderr } = await mosaic('agencies', 'list', '--data', join(dir, 'no-store'));
    expect(code).toBe(1);
    expect(stderr).toContain(`agencies list: no store in ${join(dir, 'no-store')}`);
  });

  it('answers start --help naming the options it takes, and mosaic alone with its usage on stderr, exit 2', async () => {
    const { stdout } = await mosaic('start', '--help');
    for (const option of ['--port', '--host', '--nodes', '--data']) expect(stdout).toContain(option);
    const bare = await mosaic();
    expect(bare).toMatchObject({ code: 2, stdout: '' });
    expect(bare.stderr).toContain('usage: mosaic <command> [options]');
  });
});
