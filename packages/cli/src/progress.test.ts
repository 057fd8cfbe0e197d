import { FULL_BUILD_STAGES } from '@mosaic/service';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { buildProgressOn, progressBar, type Progress } from './progress.ts';

/**
 * What a terminal shows of what was written to it: rows of text, after the cursor moves and
 * erasures a progress bar uses (a newline also returns the cursor, as a terminal's output does).
 */
function screenOf(written: string): string[] {
  const rows: string[][] = [[]];
  let row = 0;
  let col = 0;
  let saved = { row: 0, col: 0 };
  const line = (): string[] => (rows[row] ??= []);
  for (let i = 0; i < written.length; i++) {
    const c = written[i] ?? '';
    if (c === '\x1b') {
      const control = /^\x1b(?:\[([?\d;]*)([A-Za-z])|([78]))/.exec(written.slice(i));
      if (!control) continue;
      i += control[0].length - 1;
      const [, args = '', command, cursor] = control;
      const n = Number(args.replace('?', '')) || 0;
      if (cursor === '7') saved = { row, col };
      else if (cursor === '8') ({ row, col } = saved);
      else if (command === 'G') col = Math.max(0, n - 1);
      else if (command === 'A') row = Math.max(0, row - Math.max(1, n));
      else if (command === 'B') row += Math.max(1, n);
      else if (command === 'K') rows[row] = n === 2 ? [] : n === 1 ? line().map((ch, at) => (at <= col ? ' ' : ch)) : line().slice(0, col);
      else if (command === 'J') {
        rows.length = row + 1;
        rows[row] = line().slice(0, col);
      }
    } else if (c === '\n') {
      row++;
      col = 0;
    } else if (c === '\r') col = 0;
    else line()[col++] = c;
  }
  return rows.map((r) => Array.from(r, (ch) => ch ?? ' ').join('').trimEnd()).filter((r) => r !== '');
}

function terminal(): { stream: NodeJS.WritableStream; written: () => string } {
  let written = '';
  const stream = { isTTY: true, columns: 120, write: (chunk: string, callback?: () => void) => { written += chunk; callback?.(); return true; } } as unknown as NodeJS.WritableStream;
  return { stream, written: () => written };
}

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 150));

describe('progressBar', () => {
  it('shows a line logged while the bar is drawn on a row of its own, kept once the bar is cleared', async () => {
    const { stream, written } = terminal();
    const bar = progressBar('ingest', { stream, shown: true });
    bar.update(10, 100, '10 written');
    await tick();
    bar.log('line 3: schema: is not a known schema');
    bar.update(50, 100, '50 written');
    await tick();
    expect(screenOf(written()).at(-1)).toMatch(/^ingest \[.*\] 50% \| 50\/100 50 written$/);
    bar.log('line 9: birthDate: is not a date');
    bar.stop();
    expect(screenOf(`${written()}{"summary":1}\n`)).toEqual(['line 3: schema: is not a known schema', 'line 9: birthDate: is not a date', '{"summary":1}']);
  });

  it('draws the updates of work that keeps the thread busy, whose bar\'s timer never gets a turn', () => {
    const { stream, written } = terminal();
    const bar = progressBar('resolve', { stream, shown: true });
    for (let done = 1; done <= 3; done++) {
      const until = Date.now() + 120;
      while (Date.now() < until);
      bar.update(done, 3, 'compare');
    }
    expect(written()).toContain('| 2/3 compare');
    expect(screenOf(written()).at(-1)).toMatch(/^resolve \[.*\] 100% \| 3\/3 compare$/);
    bar.stop();
  });

  it('does not keep the process from ending when the work fails and its bar is not stopped, and says its lines and shows the cursor as it ends', async () => {
    const script = [
      `import { progressBar } from ${JSON.stringify(join(import.meta.dirname, 'progress.ts'))};`,
      'const stream = { isTTY: true, columns: 80, write: (chunk, callback) => { process.stdout.write(chunk); callback?.(); return true; } };',
      "const bar = progressBar('ingest', { stream, shown: true });",
      'bar.update(1, 10);',
      'await new Promise((resolve) => setTimeout(resolve, 300));',
      "bar.update(2, 10, 'failing');",
      "bar.log('line 7: id: is required');",
      'process.exitCode = 1;',
    ].join('\n');
    const ended = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { timeout: 10_000 }).then(
      ({ stdout }) => ({ how: 'ended 0', written: stdout }),
      (error: { code?: unknown; killed?: boolean; stdout: string }) => ({ how: error.killed === true ? 'still running after 10 s' : `ended ${String(error.code)}`, written: error.stdout }),
    );
    expect(ended.how).toBe('ended 1');
    expect(screenOf(ended.written)).toEqual(['line 7: id: is required']);
    expect(ended.written).toContain('\x1b[?25h');
  });

  it('writes a logged line straight on when no bar is drawn (piped), or before and after one', () => {
    const piped = terminal();
    const bar = progressBar('ingest', { stream: piped.stream, shown: false });
    bar.update(1, 2);
    bar.log('line 2: record: is not valid JSON');
    bar.stop();
    expect(piped.written()).toBe('line 2: record: is not valid JSON\n');
    const drawn = terminal();
    const later = progressBar('resolve', { stream: drawn.stream, shown: true });
    later.log('before');
    later.update(1, 2);
    later.stop();
    later.log('after');
    expect(screenOf(drawn.written())).toEqual(['before', 'after']);
  });
});

describe('buildProgressOn', () => {
  it('shows the stages done of all and names the one under way, with the feed\'s changes while it is read', () => {
    const shown: [number, number | undefined, string | undefined][] = [];
    const bar: Progress = { update: (done, total, detail) => shown.push([done, total, detail]), log: () => undefined, stop: () => undefined };
    const tell = buildProgressOn(bar);
    tell({ stage: 'screening and graph', stages: FULL_BUILD_STAGES, done: 1000, total: 24984 });
    tell({ stage: 'resolution full pass', stages: FULL_BUILD_STAGES });
    tell({ stage: 'watches', stages: FULL_BUILD_STAGES });
    expect(shown).toEqual([
      [0, 3, 'screening and graph: 1000/24984 changes'],
      [1, 3, 'resolution full pass'],
      [2, 3, 'watches'],
    ]);
  });
});
