/** Parses a GraphQL ID into our integer key; anything else is reported by `notFound` (an unknown id is an unknown id). */
export function parseId(value: string | number, notFound: (id: string | number) => Error): number {
  const n = typeof value === 'number' ? value : digitsToNumber(value);
  if (!Number.isSafeInteger(n) || n <= 0 || n > 2_147_483_647) throw notFound(value);
  return n;
}

/** A string of at most 15 digits as a number (exact: below 2^53), anything else NaN. */
function digitsToNumber(value: string): number {
  return /^\d{1,15}$/.test(value) ? Number(value) : NaN;
}
