import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { ChaintrailError, abortError } from '@chaintrail/core';

export interface StartAnvilParameters {
  /** Chain id the node reports (default 31337). */
  readonly chainId?: number;
  /** Number of funded dev accounts (default 10). */
  readonly accounts?: number;
  /** Ether per dev account (default 10000). */
  readonly balance?: number;
  /** EVM hardfork (`prague`, `cancun`, `shanghai`, `london`…; default anvil's latest). */
  readonly hardfork?: string;
  /** Mine a block every n seconds instead of one per transaction (default: one per transaction). */
  readonly blockTime?: number;
  /** More command-line arguments for anvil, appended last. */
  readonly args?: readonly string[];
  /** Path of the anvil binary (default: the one inside `@foundry-rs/anvil`'s platform package). */
  readonly binary?: string;
  /** How long to wait for the node to listen, in ms (default 15000). */
  readonly startTimeoutMs?: number;
  readonly signal?: AbortSignal;
}

/** A funded dev account of the node. */
export interface AnvilAccount {
  /** EIP-55 address as anvil prints it. */
  readonly address: string;
  /** 0x-prefixed private key. */
  readonly privateKey: string;
}

export interface AnvilNode {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  readonly chainId: number;
  readonly accounts: readonly AnvilAccount[];
  /** The child process (for tests that kill it on purpose). */
  readonly process: ChildProcess;
  /** Stops the node and waits for it to exit (idempotent). */
  stop(): Promise<void>;
}

const LISTENING = /Listening on (127\.0\.0\.1|\[?::1\]?|0\.0\.0\.0):(\d+)/;

/**
 * Where the anvil binary of `@foundry-rs/anvil` lives on this platform. The npm package ships it in a
 * per-platform optional dependency; we run that binary directly rather than the package's `bin.mjs` wrapper, so
 * stopping the node kills the node itself and not only a wrapper process.
 *
 * @example
 * const path = anvilBinaryPath() // …/@foundry-rs/anvil-linux-amd64/bin/anvil
 */
export function anvilBinaryPath(): string {
  const arch = process.arch === 'x64' ? 'amd64' : process.arch;
  const name = process.platform === 'win32' ? 'anvil.exe' : 'anvil';
  const platformPackage = `@foundry-rs/anvil-${process.platform}-${arch}`;
  // The platform package is a dependency of @foundry-rs/anvil, so resolve it from there.
  const require = createRequire(import.meta.url);
  try {
    const wrapper = require.resolve('@foundry-rs/anvil/package.json');
    const fromWrapper = createRequire(wrapper);
    const candidate = fromWrapper.resolve(`${platformPackage}/bin/${name}`);
    if (existsSync(candidate)) return candidate;
  } catch {
    // Reported below.
  }
  throw new ChaintrailError('UNSUPPORTED', `No anvil binary for ${process.platform}-${process.arch}.`, {
    details: `Install @foundry-rs/anvil (it brings ${platformPackage} as an optional dependency), or pass binary.`,
    meta: { platformPackage },
  });
}

/**
 * Starts a local anvil node on 127.0.0.1 with a free port and waits until it listens. Used by tests, benchmarks
 * and `chaintrail demo`. The node is killed when `stop()` is called, when the signal fires, and when this process
 * exits.
 *
 * @example
 * const node = await startAnvil({ chainId: 1337 })
 * try { console.log(node.url, node.accounts[0].address) } finally { await node.stop() }
 */
export async function startAnvil(params: StartAnvilParameters = {}): Promise<AnvilNode> {
  if (params.signal?.aborted) throw abortError(params.signal);
  const chainId = params.chainId ?? 31337;
  const args = [
    '--host',
    '127.0.0.1',
    // Port 0: the OS picks a free port and anvil prints it, so there is no race between probing and binding.
    '--port',
    '0',
    '--chain-id',
    String(chainId),
    '--accounts',
    String(params.accounts ?? 10),
    '--balance',
    String(params.balance ?? 10000),
    ...(params.hardfork ? ['--hardfork', params.hardfork] : []),
    ...(params.blockTime !== undefined ? ['--block-time', String(params.blockTime)] : []),
    ...(params.args ?? []),
  ];
  const binary = params.binary ?? anvilBinaryPath();
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);

  let exited = child.exitCode !== null;
  const exitPromise = new Promise<void>((resolve) => {
    const onGone = (): void => {
      exited = true;
      process.off('exit', killOnExit);
      resolve();
    };
    child.once('exit', onGone);
    // A binary that cannot be spawned emits 'error' and never 'exit'.
    child.once('error', onGone);
  });

  const stop = async (): Promise<void> => {
    if (!exited) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exitPromise;
      clearTimeout(timer);
    }
  };

  let output = '';
  let stderrText = '';
  try {
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new ChaintrailError('TIMEOUT', `anvil did not listen within ${params.startTimeoutMs ?? 15000} ms.`, { details: tail(output + stderrText) })),
        params.startTimeoutMs ?? 15000,
      );
      const onAbort = (): void => reject(abortError(params.signal!));
      params.signal?.addEventListener('abort', onAbort, { once: true });
      const done = (): void => {
        clearTimeout(timer);
        params.signal?.removeEventListener('abort', onAbort);
      };
      child.stdout!.setEncoding('utf8');
      child.stderr!.setEncoding('utf8');
      child.stdout!.on('data', (chunk: string) => {
        output += chunk;
        const m = LISTENING.exec(output);
        if (m) {
          done();
          resolve(Number(m[2]));
        }
      });
      child.stderr!.on('data', (chunk: string) => {
        stderrText += chunk;
      });
      child.once('error', (e) => {
        done();
        reject(new ChaintrailError('UNSUPPORTED', `anvil could not be started: ${e.message}.`, { cause: e, meta: { binary } }));
      });
      child.once('exit', (code) => {
        done();
        reject(new ChaintrailError('UNSUPPORTED', `anvil exited before listening (code ${code}).`, { details: tail(stderrText || output), meta: { binary, args } }));
      });
    });
    // After start, drain the pipes so a chatty node never blocks on a full pipe.
    child.stdout!.removeAllListeners('data');
    child.stderr!.removeAllListeners('data');
    child.stdout!.resume();
    child.stderr!.resume();
    const stopOnAbort = (): void => void stop();
    params.signal?.addEventListener('abort', stopOnAbort, { once: true });
    return {
      url: `http://127.0.0.1:${port}`,
      port,
      chainId,
      accounts: parseAccounts(output),
      process: child,
      stop: async () => {
        params.signal?.removeEventListener('abort', stopOnAbort);
        await stop();
      },
    };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** Reads the dev accounts and their keys from anvil's start banner. */
function parseAccounts(banner: string): AnvilAccount[] {
  const section = (title: string): string[] => {
    const start = banner.indexOf(title);
    if (start < 0) return [];
    const rest = banner.slice(start + title.length);
    const found: string[] = [];
    for (const line of rest.split('\n')) {
      const m = /^\((\d+)\) (0x[0-9a-fA-F]+)/.exec(line.trim());
      if (m) found.push(m[2]!);
      else if (found.length > 0) break;
    }
    return found;
  };
  const addresses = section('Available Accounts');
  const keys = section('Private Keys');
  return addresses.map((address, i) => ({ address, privateKey: keys[i] ?? '' })).filter((a) => a.privateKey !== '');
}

function tail(text: string): string {
  return text.trim().split('\n').slice(-5).join('\n');
}
