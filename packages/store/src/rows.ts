// Row values come back as number (SQLite), bigint (SQLite safe integers) or string (PostgreSQL bigint).

export function num(value: unknown): number {
  return Number(value);
}

export function numOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

export function big(value: unknown): bigint {
  return BigInt(value as string | number | bigint);
}

export function bigOrNull(value: unknown): bigint | null {
  return value === null || value === undefined ? null : BigInt(value as string | number | bigint);
}

export function strOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

/** Splits `items` into chunks of at most `size` (for `in (…)` lists). */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function placeholders(count: number): string {
  return Array.from({ length: count }, () => '?').join(', ');
}
