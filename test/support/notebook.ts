import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { promisify } from 'node:util';

/** Debian's Python, which has Jupyter (scripts/services.sh installs it); not whatever python3 is first on PATH. */
const PYTHON = '/usr/bin/python3';
/** The kernel name the example notebooks ask for. */
export const KERNEL_NAME = 'chaintrail-deno';

/** The Deno binary of the `deno` npm package (installed as the workspace devDependency `deno-cli`). */
export function denoBinary(): string {
  const require = createRequire(import.meta.url);
  const wrapper = require.resolve('deno-cli/package.json');
  const arch = process.arch === 'x64' ? 'x64' : process.arch;
  return createRequire(wrapper).resolve(`@deno/${process.platform}-${arch}-glibc/deno`);
}

function hasNbconvert(): boolean {
  return existsSync(PYTHON) && existsSync('/usr/lib/python3/dist-packages/nbconvert');
}
export const hasJupyter = hasNbconvert();
export const NO_JUPYTER = 'Debian Jupyter (python3-nbconvert) is absent: run scripts/services.sh for the notebook tests';

export interface NotebookOutput {
  /** The stdout text of each code cell, in order. */
  readonly cells: readonly string[];
}

/**
 * Executes a notebook headlessly with `jupyter nbconvert --execute`, on a Deno kernelspec written into a temporary
 * JUPYTER_PATH (nothing is installed into the user's Jupyter), and returns each code cell's printed output.
 */
export async function runNotebook(path: string, timeoutSeconds = 120): Promise<NotebookOutput> {
  const dir = mkdtempSync(join(tmpdir(), 'chaintrail-nb-'));
  try {
    mkdirSync(join(dir, 'kernels', KERNEL_NAME), { recursive: true });
    writeFileSync(
      join(dir, 'kernels', KERNEL_NAME, 'kernel.json'),
      JSON.stringify({ argv: [denoBinary(), 'jupyter', '--kernel', '--conn', '{connection_file}'], display_name: 'TypeScript (Deno)', language: 'typescript' }),
    );
    const out = join(dir, basename(path));
    await promisify(execFile)(
      PYTHON,
      ['-m', 'nbconvert', '--to', 'notebook', '--execute', `--ExecutePreprocessor.timeout=${timeoutSeconds}`, path, '--output', out],
      { cwd: dirname(path), env: { ...process.env, JUPYTER_PATH: dir, NO_COLOR: '1' }, maxBuffer: 16 << 20 },
    );
    const notebook = JSON.parse(readFileSync(out, 'utf8')) as {
      cells: { cell_type: string; outputs?: { output_type: string; name?: string; text?: string | string[] }[] }[];
    };
    const cells = notebook.cells
      .filter((c) => c.cell_type === 'code')
      .map((c) =>
        (c.outputs ?? [])
          .filter((o) => o.output_type === 'stream' && o.name === 'stdout')
          .map((o) => (Array.isArray(o.text) ? o.text.join('') : (o.text ?? '')))
          .join(''),
      );
    return { cells };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
