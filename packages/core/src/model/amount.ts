import { ChaintrailError } from '../errors/ChaintrailError.ts';

/** Base units of value: satoshi, wei, token units. Always a bigint, never a float. */
export type Amount = bigint;

/** Decimals of the native units chaintrail meets. */
export const BTC_DECIMALS = 8;
export const ETH_DECIMALS = 18;

const DECIMAL = /^(-?)(\d+)(?:\.(\d*))?(?:[eE]([-+]?\d+))?$/;

/**
 * Parses a decimal amount text (as a JSON number prints it: `0.00012345`, `21e-8`) into base units, exactly.
 * Throws `INVALID_AMOUNT` when the text has more fractional digits than the unit allows or is not a number.
 *
 * @example
 * parseUnits('0.1', 8) // 10000000n — no float is ever involved
 */
export function parseUnits(text: string, decimals: number): Amount {
  const m = DECIMAL.exec(text.trim());
  if (!m) throw new ChaintrailError('INVALID_AMOUNT', `"${text}" is not a decimal amount.`, { meta: { text } });
  const [, sign, whole, fraction = '', exponent = '0'] = m;
  const shift = decimals + Number(exponent);
  let digits = whole! + fraction;
  let point = whole!.length + shift; // position of the decimal point in `digits` after scaling
  if (point < 0) {
    digits = '0'.repeat(-point) + digits;
    point = 0;
  }
  const integer = digits.slice(0, point).padEnd(point, '0');
  const rest = digits.slice(point);
  if (/[1-9]/.test(rest)) {
    throw new ChaintrailError('INVALID_AMOUNT', `"${text}" has more than ${decimals} decimal places.`, {
      meta: { text, decimals },
    });
  }
  const value = BigInt(integer === '' ? '0' : integer);
  return sign === '-' ? -value : value;
}

/**
 * Formats base units as a decimal string with the unit's decimals, without trailing zeros.
 *
 * @example
 * formatUnits(123456789n, 8) // '1.23456789'
 */
export function formatUnits(value: Amount, decimals: number): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const fraction = digits.slice(digits.length - decimals).replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}
