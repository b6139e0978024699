/**
 * Every error chaintrail throws on purpose. Match on `code`, never on message text.
 *
 * The codes are the contract; add one here when a new kind of failure needs its own handling.
 */
export type ErrorCode =
  /** An address that does not parse for the chain it was given for. */
  | 'INVALID_ADDRESS'
  /** A chain id (CAIP-2 or alias) that is malformed or not known. */
  | 'INVALID_CHAIN'
  /** An amount text that is not an exact decimal in range. */
  | 'INVALID_AMOUNT'
  /** A caller passed an argument that cannot be used. */
  | 'INVALID_ARGUMENT'
  /** Input bytes or text (a block file, a label file) that do not parse. */
  | 'PARSE_ERROR'
  /** A server answered, but the answer is malformed, truncated or inconsistent. */
  | 'INVALID_RESPONSE'
  /** The thing asked for does not exist at the source. */
  | 'NOT_FOUND'
  /** The source cannot do this (a method the node lacks, a capability the source has not). */
  | 'UNSUPPORTED'
  /** A connection failed, was reset or cut. */
  | 'NETWORK_ERROR'
  /** A request took longer than its timeout. */
  | 'TIMEOUT'
  /** The server said 429 and retries ran out. */
  | 'RATE_LIMITED'
  /** An HTTP status the client does not retry, or retries ran out. */
  | 'HTTP_ERROR'
  /** A JSON-RPC error object from a node. */
  | 'RPC_ERROR'
  /** The caller's AbortSignal fired. */
  | 'ABORTED'
  /** An input's previous output could not be found, so its value and holder are unknown. */
  | 'MISSING_PREVOUT'
  /** A persistent store failed or holds inconsistent data. */
  | 'STORE_ERROR'
  /** A budget (fetches, nodes) ran out before the job finished. */
  | 'BUDGET_EXCEEDED';

export interface ChaintrailErrorOptions {
  /** Longer explanation: what was being done, what to try. */
  readonly details?: string;
  /** The underlying error, kept for debugging. */
  readonly cause?: unknown;
  /** Structured facts about the failure (url, method, chain, file, line…), safe to log as JSON. */
  readonly meta?: Readonly<Record<string, unknown>>;
}

/**
 * The one base class of chaintrail's errors.
 *
 * @example
 * try { canonicalAddress('eip155:1', '0x12') }
 * catch (e) { if (isChaintrailError(e, 'INVALID_ADDRESS')) console.error(e.shortMessage) }
 */
export class ChaintrailError<C extends ErrorCode = ErrorCode> extends Error {
  override readonly name: string = 'ChaintrailError';
  readonly code: C;
  /** One line a user can act on. */
  readonly shortMessage: string;
  readonly details: string | undefined;
  readonly meta: Readonly<Record<string, unknown>>;

  constructor(code: C, shortMessage: string, options: ChaintrailErrorOptions = {}) {
    super(options.details ? `${shortMessage}\n\nDetails: ${options.details}` : shortMessage, {
      cause: options.cause,
    });
    this.code = code;
    this.shortMessage = shortMessage;
    this.details = options.details;
    this.meta = options.meta ?? {};
  }
}

/**
 * True when `e` is a ChaintrailError (with the given code, when one is given).
 *
 * @example
 * if (isChaintrailError(e, 'RATE_LIMITED')) await sleep(1000)
 */
export function isChaintrailError<C extends ErrorCode>(e: unknown, code?: C): e is ChaintrailError<C> {
  return e instanceof ChaintrailError && (code === undefined || e.code === code);
}
