import { ChaintrailError } from '../errors/ChaintrailError.ts';
import { type Category, isCategory } from '../labels/types.ts';

/** A screening verdict, most severe first. */
export type RiskLevel = 'severe' | 'high' | 'medium' | 'low' | 'none';

export const RISK_LEVELS: readonly RiskLevel[] = ['severe', 'high', 'medium', 'low', 'none'];

/** How an address is exposed to a category: it is labelled (or its cluster is), it received funds that trace back, or it sent funds there. */
export type ExposureKind = 'direct' | 'indirect' | 'forward';

/**
 * One rule: when an address has `exposure` to `category` at or above the thresholds, the verdict is at least `risk`.
 * `minShare` is an exact decimal fraction of the funds traced (`"0.01"` = 1%); `minAmount` is in base units
 * (decimal string). A rule without thresholds matches any exposure of its kind.
 */
export interface ScreenRule {
  readonly category: Category;
  readonly exposure: ExposureKind;
  readonly risk: Exclude<RiskLevel, 'none'>;
  readonly minShare?: string;
  readonly minAmount?: string;
  /** Why the rule exists, shown in evidence. */
  readonly note?: string;
}

/** A rule set as data: what an exchange's compliance team edits, as JSON. */
export interface ScreenRules {
  readonly version: 1;
  readonly rules: readonly ScreenRule[];
}

/**
 * The default rules. Direct exposure to a sanctioned address (OFAC-listed, or blocked through the 50% rule) is
 * severe; funds that trace back to one are high from 1% and medium below; mixers, ransomware, darknet markets,
 * theft and scams are high when direct; gambling and coinjoin raise the level a little. Exchanges, pools and
 * services carry no risk on their own.
 */
export const DEFAULT_RULES: ScreenRules = {
  version: 1,
  rules: [
    { category: 'sanctioned', exposure: 'direct', risk: 'severe', note: 'The address or its cluster is sanctioned (OFAC SDN, or blocked through the 50% rule).' },
    { category: 'sanctioned', exposure: 'indirect', minShare: '0.01', risk: 'high', note: 'At least 1% of the funds received trace back to a sanctioned entity.' },
    { category: 'sanctioned', exposure: 'indirect', risk: 'medium', note: 'Some of the funds received trace back to a sanctioned entity.' },
    { category: 'sanctioned', exposure: 'forward', minShare: '0.01', risk: 'high', note: 'At least 1% of the funds sent reached a sanctioned entity.' },
    { category: 'mixer', exposure: 'direct', risk: 'high', note: 'The address belongs to a mixer.' },
    { category: 'mixer', exposure: 'indirect', minShare: '0.1', risk: 'high', note: 'At least 10% of the funds received come from a mixer.' },
    { category: 'mixer', exposure: 'indirect', minShare: '0.01', risk: 'medium', note: 'At least 1% of the funds received come from a mixer.' },
    { category: 'ransomware', exposure: 'direct', risk: 'high' },
    { category: 'ransomware', exposure: 'indirect', minShare: '0.01', risk: 'medium' },
    { category: 'darknet_market', exposure: 'direct', risk: 'high' },
    { category: 'darknet_market', exposure: 'indirect', minShare: '0.05', risk: 'medium' },
    { category: 'theft', exposure: 'direct', risk: 'high' },
    { category: 'theft', exposure: 'indirect', minShare: '0.01', risk: 'medium' },
    { category: 'scam', exposure: 'direct', risk: 'high' },
    { category: 'scam', exposure: 'indirect', minShare: '0.05', risk: 'medium' },
    { category: 'gambling', exposure: 'direct', risk: 'medium' },
    { category: 'gambling', exposure: 'indirect', minShare: '0.25', risk: 'low' },
    { category: 'coinjoin', exposure: 'direct', risk: 'medium' },
    { category: 'coinjoin', exposure: 'indirect', minShare: '0.5', risk: 'low' },
  ],
};

/**
 * Checks a rule set read from JSON and returns it typed. Throws `INVALID_ARGUMENT` naming the first bad rule.
 *
 * @example
 * const rules = parseRules(JSON.parse(readFileSync('rules.json', 'utf8')))
 */
export function parseRules(json: unknown): ScreenRules {
  const bad = (why: string, index?: number): never => {
    throw new ChaintrailError('INVALID_ARGUMENT', `Bad screening rules${index === undefined ? '' : ` (rule ${index})`}: ${why}.`, {
      meta: index === undefined ? {} : { rule: index },
    });
  };
  if (typeof json !== 'object' || json === null) return bad('expected an object { version: 1, rules: [...] }');
  const { version, rules } = json as { version?: unknown; rules?: unknown };
  if (version !== 1) return bad(`version must be 1, got ${JSON.stringify(version)}`);
  if (!Array.isArray(rules)) return bad('rules must be an array');
  const checked = rules.map((r: unknown, i): ScreenRule => {
    if (typeof r !== 'object' || r === null) return bad('not an object', i);
    const { category, exposure, risk, minShare, minAmount, note } = r as Record<string, unknown>;
    if (typeof category !== 'string' || !isCategory(category)) return bad(`unknown category ${JSON.stringify(category)}`, i);
    if (exposure !== 'direct' && exposure !== 'indirect' && exposure !== 'forward') return bad(`exposure must be direct, indirect or forward`, i);
    if (typeof risk !== 'string' || risk === 'none' || !(RISK_LEVELS as readonly string[]).includes(risk)) return bad('risk must be severe, high, medium or low', i);
    if (minShare !== undefined && (typeof minShare !== 'string' || !/^(0(\.\d{1,18})?|1(\.0{1,18})?)$/.test(minShare))) return bad('minShare must be a decimal string between 0 and 1', i);
    if (minAmount !== undefined && (typeof minAmount !== 'string' || !/^\d{1,78}$/.test(minAmount))) return bad('minAmount must be a whole number of base units, as a string', i);
    if (note !== undefined && typeof note !== 'string') return bad('note must be a string', i);
    return {
      category,
      exposure,
      risk: risk as ScreenRule['risk'],
      ...(minShare !== undefined ? { minShare: minShare as string } : {}),
      ...(minAmount !== undefined ? { minAmount: minAmount as string } : {}),
      ...(note !== undefined ? { note: note as string } : {}),
    };
  });
  return { version: 1, rules: checked };
}

/** True when `amount / total ≥ share` (share a decimal string), compared exactly. */
export function meetsShare(amount: bigint, total: bigint, share: string): boolean {
  const [whole = '0', fraction = ''] = share.split('.');
  const den = 10n ** BigInt(fraction.length);
  const num = BigInt(whole) * den + BigInt(fraction || '0');
  if (total === 0n) return num === 0n;
  return amount * den >= num * total;
}

/** `amount / total` as a decimal string with 6 places, rounded down ("1" when total is 0). */
export function formatShare(amount: bigint, total: bigint): string {
  if (total === 0n) return '1';
  const ppm = (amount * 1_000_000n) / total;
  const whole = ppm / 1_000_000n;
  const fraction = (ppm % 1_000_000n).toString().padStart(6, '0');
  return `${whole}.${fraction}`;
}
