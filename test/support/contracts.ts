import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileSolidity, solidityInput } from '../../packages/cli/src/demo/contracts/compile.ts';
import { ContractFactory, type BaseContract, type ContractRunner, type InterfaceAbi, type TransactionReceipt } from 'ethers';

/** The Solidity sources of the test contracts, shipped with the tests. */
export const CONTRACTS_DIR = fileURLToPath(new URL('./contracts', import.meta.url));

export interface CompiledContract {
  readonly abi: InterfaceAbi;
  /** Creation bytecode, 0x-prefixed. */
  readonly bytecode: string;
}

/** Every contract of `test/support/contracts/*.sol`, by contract name (`Token`, `Splitter`, `Reverter`…). */
export type CompiledContracts = Readonly<Record<string, CompiledContract>>;

const CACHE_DIR = fileURLToPath(new URL('../../node_modules/.cache/chaintrail-contracts', import.meta.url));
let compiled: CompiledContracts | undefined;

/**
 * Compiles the test contracts with solc-js (from npm, offline), once per process; the output is also cached on
 * disk by a hash of the sources and the compiler version, so each test worker does not spend ~2 s compiling again.
 *
 * @example
 * const { Token } = compileContracts()
 */
export function compileContracts(): CompiledContracts {
  if (compiled) return compiled;
  const require = createRequire(import.meta.url);
  const solcPackage = require('solc/package.json') as { version: string };
  const files = readdirSync(CONTRACTS_DIR).filter((f) => f.endsWith('.sol')).sort();
  const sources: Record<string, { content: string }> = {};
  for (const f of files) sources[f] = { content: readFileSync(join(CONTRACTS_DIR, f), 'utf8') };
  const key = createHash('sha256').update(solcPackage.version).update(JSON.stringify(solidityInput(sources))).digest('hex').slice(0, 16);
  const cacheFile = join(CACHE_DIR, `${key}.json`);
  if (existsSync(cacheFile)) {
    compiled = JSON.parse(readFileSync(cacheFile, 'utf8')) as CompiledContracts;
    return compiled;
  }
  const result = compileSolidity(sources) as Record<string, CompiledContract>;
  mkdirSync(CACHE_DIR, { recursive: true });
  // Write then rename: parallel test workers never read a half-written file.
  const tmp = `${cacheFile}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(result));
  renameSync(tmp, cacheFile);
  compiled = result;
  return compiled;
}

/**
 * Deploys one of the test contracts and waits for it to be mined.
 *
 * @example
 * const token = await deployContract({ runner: wallet, name: 'Token', args: ['Test', 'TST', 18, 10n ** 24n] })
 */
export async function deployContract(params: {
  readonly runner: ContractRunner;
  readonly name: string;
  readonly args?: readonly unknown[];
  /** Wei sent with the deployment (payable constructors). */
  readonly value?: bigint;
}): Promise<BaseContract & Record<string, any>> {
  const contract = compileContracts()[params.name];
  if (!contract) throw new Error(`no test contract named ${params.name}`);
  const factory = new ContractFactory(contract.abi, contract.bytecode, params.runner);
  const deployed = await factory.deploy(...(params.args ?? []), ...(params.value !== undefined ? [{ value: params.value }] : []));
  await deployed.waitForDeployment();
  return deployed as BaseContract & Record<string, any>;
}

/**
 * The receipt of a transaction that must revert (sent with an explicit gas limit, since ethers refuses to send a call
 * it can see reverting). Throws when it did not revert.
 */
export async function revertedReceipt(sent: Promise<unknown>): Promise<TransactionReceipt> {
  const tx = (await sent) as { wait(): Promise<unknown> };
  return tx.wait().then(
    () => {
      throw new Error('expected a revert');
    },
    (e: { receipt: TransactionReceipt }) => e.receipt,
  );
}
