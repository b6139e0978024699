import { main } from './main.ts';

/** Runs the CLI for this process: Ctrl-C aborts the running command cleanly, a second Ctrl-C exits at once. */
export async function runFromProcess(): Promise<void> {
  const controller = new AbortController();
  const onSigint = (): void => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write('\nchaintrail: stopping (Ctrl-C again to force)\n');
    controller.abort(new Error('SIGINT'));
  };
  process.on('SIGINT', onSigint);
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    // A closed pipe (`| head`) is not a failure of ours.
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  const code = await main(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    signal: controller.signal,
    interactive: Boolean(process.stderr.isTTY),
  });
  process.off('SIGINT', onSigint);
  process.exitCode = code;
}
