/**
 * Where demo output goes: a small interface so that the writing logic (chunking, progress,
 * back-pressure) stays pure and testable; write-demo.ts gives it files.
 */
export const DEMO_FILES = ['org.json', 'records.jsonl', 'truth.jsonl'] as const;
export type DemoFile = (typeof DEMO_FILES)[number];

export interface DemoSink {
  /** Appends text to a file; a returned promise resolves when the sink can take more. */
  write(file: DemoFile, text: string): void | Promise<void>;
  /** Flushes and closes every file: the demo is whole. */
  close(): Promise<void>;
  /** The run failed or was stopped: what was written is dropped (by default, closed as it is). */
  discard?(): Promise<void>;
}
