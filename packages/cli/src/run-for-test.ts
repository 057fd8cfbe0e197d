/** Runs a command on a data folder as a test would: what it printed and its exit code. */
import type { CommandIo } from './command-io.ts';

export type Command = (argv: readonly string[], io: CommandIo) => Promise<number>;

export async function runOnStore(command: Command, dataDir: string, argv: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await command([...argv, '--data', dataDir], { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}
