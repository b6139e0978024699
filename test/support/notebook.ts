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
  /** What each code cell printed (stdout, and plain-text displays each ending in a newline), in order. */
  readonly cells: readonly string[];
}

type MultilineText = string | string[];
interface CellOutput {
  output_type: string;
  name?: string;
  text?: MultilineText;
  data?: Record<string, MultilineText>;
}

function joined(text: MultilineText | undefined): string {
  return Array.isArray(text) ? text.join('') : (text ?? '');
}

/** A cell output as printed text: stdout streams as they are, plain-text displays and results as lines. */
function printedText(output: CellOutput): string {
  if (output.output_type === 'stream') return output.name === 'stdout' ? joined(output.text) : '';
  if (output.output_type !== 'display_data' && output.output_type !== 'execute_result') return '';
  const text = joined(output.data?.['text/plain']);
  return text === '' || text.endsWith('\n') ? text : `${text}\n`;
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
    const notebook = JSON.parse(readFileSync(out, 'utf8')) as { cells: { cell_type: string; outputs?: CellOutput[] }[] };
    const cells = notebook.cells.filter((c) => c.cell_type === 'code').map((c) => (c.outputs ?? []).map(printedText).join(''));
    return { cells };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
