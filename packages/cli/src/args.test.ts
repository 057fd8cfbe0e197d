/**
 * The command line's refusals name what the operator typed: the option (`--port`, `--batch`) or
 * the environment variable (`MOSAIC_PORT`), never a key of the parsed configuration or
 * parseArgs' own advice on positionals that start with a dash.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { configOf, parse } from './args.ts';

const saved = { ...process.env };
afterEach(() => {
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
});

describe('configOf', () => {
  it('names the option a bad setting was given by', () => {
    delete process.env['MOSAIC_PORT'];
    expect(() => configOf({ port: 'abc' })).toThrow(expect.objectContaining({ code: 'MOSAIC_INVALID_CONFIG', message: '--port: must be a whole number from 0 to 65535, not "abc"' }));
    expect(() => configOf({ port: '70000' })).toThrow('--port: must be a whole number from 0 to 65535, not "70000"');
    expect(() => configOf({ 'database-url': 'mysql://db' })).toThrow('--database-url: the database URL must start with postgres:// or postgresql://');
  });

  it('names the environment variable a bad setting came from', () => {
    process.env['MOSAIC_PORT'] = 'eighty';
    expect(() => configOf({})).toThrow('MOSAIC_PORT: must be a whole number from 0 to 65535, not "eighty"');
    process.env['MOSAIC_PORT'] = '7300';
    process.env['MOSAIC_SESSION_HOURS'] = '0';
    expect(() => configOf({})).toThrow('MOSAIC_SESSION_HOURS: must be a whole number from 1 to 720, not "0"');
  });

  it('takes the option over the variable, and names the one it took', () => {
    process.env['MOSAIC_PORT'] = 'eighty';
    expect(configOf({ port: '7301' }).port).toBe(7301);
    process.env['MOSAIC_PORT'] = '7300';
    expect(() => configOf({ port: 'x' })).toThrow('--port: must be');
  });
});

describe('parse', () => {
  const OPTIONS = { batch: { type: 'string' }, 'no-resume': { type: 'boolean' } } as const;

  it('takes a negative number as the value of the option before it, for the command to refuse in its words', () => {
    expect(parse('ingest', ['--batch', '-1', 'f.jsonl'], OPTIONS)).toMatchObject({ values: { batch: '-1' }, positionals: ['f.jsonl'] });
    expect(parse('ingest', ['--batch', '-0.5'], OPTIONS).values.batch).toBe('-0.5');
    // after `--`, all are positionals
    expect(parse('ingest', ['--', '--batch', '-1'], OPTIONS).positionals).toEqual(['--batch', '-1']);
  });

  it('names the option refused and why, in its own words', () => {
    expect(() => parse('ingest', ['--depth', '3'], OPTIONS)).toThrow(expect.objectContaining({ code: 'MOSAIC_INVALID_INPUT', message: 'ingest: --depth is not an option of ingest (mosaic ingest --help lists them)' }));
    expect(() => parse('ingest', ['--batch'], OPTIONS)).toThrow('ingest: --batch needs a value');
    expect(() => parse('ingest', ['--batch', '--no-resume'], OPTIONS)).toThrow('ingest: --batch needs a value');
    expect(() => parse('ingest', ['--no-resume=yes'], OPTIONS)).toThrow('ingest: --no-resume takes no value');
    expect(() => parse('serve', ['extra'], OPTIONS, false)).toThrow('serve: "extra": serve takes no argument besides its options');
  });
});
