/** Running commands as a test would: what they printed and their exit code. */
import { vi } from 'vitest';
import type { CommandIo } from './command-io.ts';

export type Command = (argv: readonly string[], io: CommandIo) => Promise<number>;

export async function runOnStore(command: Command, dataDir: string, argv: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await command([...argv, '--data', dataDir], { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

/** Runs a command that writes to the process's stderr (progress, rejected lines, its summary) with that output captured. */
export async function capturingStderr<T>(command: () => Promise<T>): Promise<{ value: T; stderr: string }> {
  let stderr = '';
  const write = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  const error = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    stderr += `${args.map(String).join(' ')}\n`;
  });
  try {
    return { value: await command(), stderr };
  } finally {
    write.mockRestore();
    error.mockRestore();
  }
}
