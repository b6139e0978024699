import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

let cached: Promise<string> | undefined;

/**
 * The report page's script (browser/main.ts with sigma.js and graphology) as one minified IIFE, bundled with esbuild
 * the first time a report is written in this process (~0.3 s) and kept in memory. Bundling at report time keeps build
 * output out of the repository and needs no install step; esbuild is already here (tsx runs on it).
 *
 * @example
 * const script = await reportScript(); // '(()=>{…})();'
 */
export function reportScript(): Promise<string> {
  cached ??= build({
    entryPoints: [fileURLToPath(new URL('./browser/main.ts', import.meta.url))],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    legalComments: 'none',
    logLevel: 'silent',
  }).then((result) => {
    const file = result.outputFiles[0];
    if (!file) throw new Error('esbuild produced no output for the report script');
    return file.text;
  });
  return cached;
}
