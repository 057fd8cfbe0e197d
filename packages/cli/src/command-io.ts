/** Where a command writes: the process's streams, or a test's buffers. */
export interface CommandIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

export const PROCESS_IO: CommandIo = { out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text) };
