import type { ChainId } from '../model/chain.ts';
import type { HolderId } from '../model/transaction.ts';

/**
 * The node key of a holder (an address, or a script-derived holder id) in the transaction graph: its CAIP-10 id,
 * `<chain>:<holder>`. Build keys only with this function, so every module agrees on them.
 *
 * @example
 * holderNode('bip122:000000000019d6689c085ae165831e93', '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa')
 * // 'bip122:000000000019d6689c085ae165831e93:1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa'
 */
export function holderNode(chain: ChainId, holder: HolderId): string {
  return `${chain}:${holder}`;
}

/**
 * The node key of a UTXO transaction in the transaction graph: `<chain>/tx:<txid>`. The `/` never occurs in a
 * holder key, so the two kinds of key cannot collide.
 *
 * @example
 * txNode('bip122:000000000019d6689c085ae165831e93', 'f4184fc5…') // 'bip122:000000000019d6689c085ae165831e93/tx:f4184fc5…'
 */
export function txNode(chain: ChainId, txid: string): string {
  return `${chain}/tx:${txid}`;
}
