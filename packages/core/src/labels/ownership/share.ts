import { ChaintrailError } from '../../errors/ChaintrailError.ts';

/** An exact ownership share: a reduced fraction `num/den` between 0 and 1 (never a float). */
export interface Share {
  readonly num: bigint;
  readonly den: bigint;
}

const gcd = (a: bigint, b: bigint): bigint => {
  while (b !== 0n) [a, b] = [b, a % b];
  return a < 0n ? -a : a;
};

function reduce(num: bigint, den: bigint): Share {
  const g = gcd(num, den) || 1n;
  return { num: num / g, den: den / g };
}

function bad(text: string, reason: string): ChaintrailError<'INVALID_ARGUMENT'> {
  return new ChaintrailError('INVALID_ARGUMENT', `"${text}" is not an ownership share: ${reason}.`, { meta: { share: text } });
}

/** Half, the threshold of OFAC's 50 Percent Rule. */
export const HALF: Share = { num: 1n, den: 2n };
export const ZERO_SHARE: Share = { num: 0n, den: 1n };

/**
 * Parses an exact share: a percentage (`'60%'`, `'33.3333%'`), a fraction (`'1/3'`), a decimal (`'0.5'`) or
 * basis points (`'5000bp'`). Throws `INVALID_ARGUMENT` for anything outside 0..1 or not exact.
 *
 * @example
 * parseShare('60%') // { num: 3n, den: 5n }
 * parseShare('1/3') // { num: 1n, den: 3n }
 */
export function parseShare(input: string | Share): Share {
  if (typeof input !== 'string') return checked(reduce(input.num, input.den), `${input.num}/${input.den}`);
  const text = input.trim();
  let m = /^(\d+)(?:\.(\d+))?\s*%$/.exec(text);
  if (m) return checked(decimal(m[1]!, m[2] ?? '', 100n), text);
  m = /^(\d+)\s*bp$/i.exec(text);
  if (m) return checked(reduce(BigInt(m[1]!), 10_000n), text);
  m = /^(\d+)\s*\/\s*(\d+)$/.exec(text);
  if (m) {
    if (BigInt(m[2]!) === 0n) throw bad(text, 'zero denominator');
    return checked(reduce(BigInt(m[1]!), BigInt(m[2]!)), text);
  }
  m = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (m) return checked(decimal(m[1]!, m[2] ?? '', 1n), text);
  throw bad(text, "write it as '60%', '1/3', '0.6' or '6000bp'");
}

function decimal(whole: string, fraction: string, scale: bigint): Share {
  const den = 10n ** BigInt(fraction.length) * scale;
  return reduce(BigInt(whole + fraction), den);
}

function checked(share: Share, text: string): Share {
  if (share.den <= 0n || share.num < 0n) throw bad(text, 'must be positive');
  if (share.num > share.den) throw bad(text, 'more than 100%');
  return share;
}

/** a + b, exact. */
export function addShares(a: Share, b: Share): Share {
  return reduce(a.num * b.den + b.num * a.den, a.den * b.den);
}

/** -1, 0 or 1 as a is less than, equal to or greater than b. */
export function compareShares(a: Share, b: Share): -1 | 0 | 1 {
  const l = a.num * b.den;
  const r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
}

/**
 * A share as a percentage text for people, exact to `digits` decimals (rounded down), e.g. `'33.33%'`.
 *
 * @example
 * formatShare({ num: 1n, den: 3n }) // '33.33%'
 */
export function formatShare(share: Share, digits = 2): string {
  const scale = 10n ** BigInt(digits);
  const hundredths = (share.num * 100n * scale) / share.den;
  const whole = hundredths / scale;
  const frac = (hundredths % scale).toString().padStart(digits, '0').replace(/0+$/, '');
  return `${whole}${frac ? `.${frac}` : ''}%`;
}
