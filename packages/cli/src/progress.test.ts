import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CommandIO } from './command.ts';
import { createProgressReporter } from './progress.ts';

function io(interactive: boolean): { io: CommandIO; text: () => string } {
  const stderr = new PassThrough();
  const chunks: Buffer[] = [];
  stderr.on('data', (b: Buffer) => chunks.push(b));
  return {
    io: { stdout: new PassThrough(), stderr, env: {}, cwd: '.', signal: new AbortController().signal, interactive },
    text: () => Buffer.concat(chunks).toString('utf8'),
  };
}

describe('createProgressReporter', () => {
  it('draws on a terminal, ending with the last figures', () => {
    const t = io(true);
    const p = createProgressReporter({ io: t.io, label: 'ingest', intervalMs: 0 });
    p.onProgress({ phase: 'blocks', done: 1, total: 3, unit: 'block' });
    p.onProgress({ phase: 'blocks', done: 3, total: 3, unit: 'block' });
    p.finish();
    expect(t.text()).toContain('ingest blocks: 3/3 blocks');
    expect(t.text().endsWith('\n')).toBe(true);
  });

  it('is silent when stderr is not a terminal, or with --quiet', () => {
    for (const [interactive, quiet] of [
      [false, false],
      [true, true],
    ] as const) {
      const t = io(interactive);
      const p = createProgressReporter({ io: t.io, label: 'x', quiet });
      p.onProgress({ phase: 'blocks', done: 1, unit: 'block' });
      p.finish();
      expect(t.text()).toBe('');
    }
  });
});
