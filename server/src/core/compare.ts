/**
 * A sort comparator's answer for two strings or two numbers: -1, 0 or 1 by `<` and `>`. Strings
 * compare by UTF-16 code units (not the locale): ISO dates and keys sort as written, the same on
 * every machine. Chain with `||` for the next key: `compare(a.day, b.day) || a.id - b.id`.
 */
export function compare<T extends string | number>(a: T, b: T): number {
  if (a < b) return -1;
  if (a > b) return 1;
  return 0;
}
