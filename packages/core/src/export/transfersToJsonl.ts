import { toJson } from '../model/json.ts';
import type { AccountTransfer, UtxoTransaction } from '../model/transaction.ts';

export interface TransfersToJsonlParameters {
  /** Account transfers or UTXO transactions, in the order to write them. */
  readonly transfers: Iterable<AccountTransfer | UtxoTransaction>;
}

/**
 * Transfers (or UTXO transactions) as JSON Lines: one JSON object per line, bigints as decimal strings, the model's
 * own field names. The format `jq`, DuckDB (`read_json_auto`) and pandas (`read_json(lines=True)`) read directly.
 *
 * @example
 * await writeFile('transfers.jsonl', transfersToJsonl({ transfers: accountTransfersOf(graph) }));
 */
export function transfersToJsonl(parameters: TransfersToJsonlParameters): string {
  let out = '';
  for (const t of parameters.transfers) out += `${toJson(t)}\n`;
  return out;
}
