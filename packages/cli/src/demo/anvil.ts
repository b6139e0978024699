import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { ChaintrailError } from '@chaintrail/core';

/** A running anvil child process. */
export interface LocalAnvil {
  /** JSON-RPC endpoint on the loopback interface. */
  readonly url: string;
  readonly port: number;
  /** Stops the process and waits for it to exit. Safe to call twice. */
  stop(): Promise<void>;
}

export interface StartLocalAnvilParameters {
  /** Extra command-line arguments (`--chain-id`, `--timestamp`…). */
  readonly args?: readonly string[];
  readonly signal?: AbortSignal;
  /** How long to wait for "Listening on". Default 20 s. */
  readonly timeoutMs?: number;
}

/** The anvil binary shipped in `@foundry-rs/anvil-<platform>-<arch>`, an optional dependency of `@foundry-rs/anvil`. */
function anvilBinary(): string {
  const require = createRequire(import.meta.url);
  const wrapper = dirname(require.resolve('@foundry-rs/anvil/package.json'));
  const arch = process.arch === 'x64' ? 'amd64' : process.arch;
  const platformPackage = `@foundry-rs/anvil-${process.platform}-${arch}`;
  try {
    const binary = createRequire(`${wrapper}/`).resolve(`${platformPackage}/bin/anvil`);
    if (existsSync(binary)) return binary;
  } catch {
    // reported below
  }
  throw new ChaintrailError('UNSUPPORTED', `anvil has no binary for ${process.platform}-${process.arch} (${platformPackage} is not installed).`, {
    details: 'The demo runs a local EVM chain with anvil from npm; run `bash scripts/bootstrap.sh` to install it.',
  });
}

/**
 * Starts anvil as a child process on a free loopback port (`--port 0`, the port read from its banner). The process is
 * killed when `signal` aborts or this process exits.
 *
 * @example
 * const anvil = await startLocalAnvil({ args: ['--chain-id', '31337'] });
 * try { … anvil.url … } finally { await anvil.stop(); }
 */
export async function startLocalAnvil(parameters: StartLocalAnvilParameters = {}): Promise<LocalAnvil> {
  const binary = anvilBinary();
  const child: ChildProcess = spawn(binary, ['--host', '127.0.0.1', '--port', '0', ...(parameters.args ?? [])], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  let exited = child.exitCode !== null;
  const exitedPromise = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      process.off('exit', killOnExit);
      resolve();
    }),
  );
  const stop = async (): Promise<void> => {
    if (!exited) child.kill('SIGTERM');
    await exitedPromise;
  };
  const onAbort = (): void => void stop();
  parameters.signal?.addEventListener('abort', onAbort, { once: true });

  try {
    const port = await new Promise<number>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(
        () => reject(new ChaintrailError('TIMEOUT', 'anvil did not start listening in time.', { details: output.slice(-2000) })),
        parameters.timeoutMs ?? 20_000,
      );
      const onData = (chunk: Buffer): void => {
        output += chunk.toString('utf8');
        const m = /Listening on 127\.0\.0\.1:(\d+)/.exec(output);
        if (m) {
          clearTimeout(timer);
          child.stdout?.off('data', onData);
          // Keep draining its output so a full pipe never blocks it.
          child.stdout?.resume();
          resolve(Number(m[1]));
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', (c: Buffer) => (output += c.toString('utf8')));
      child.once('error', (e) => {
        clearTimeout(timer);
        reject(new ChaintrailError('NETWORK_ERROR', `anvil could not be started: ${e.message}`, { cause: e }));
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new ChaintrailError('NETWORK_ERROR', `anvil exited with code ${code} before listening.`, { details: output.slice(-2000) }));
      });
    });
    return {
      url: `http://127.0.0.1:${port}`,
      port,
      stop: async () => {
        parameters.signal?.removeEventListener('abort', onAbort);
        await stop();
      },
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
