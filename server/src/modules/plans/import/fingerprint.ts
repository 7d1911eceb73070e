/**
 * Stable fingerprints, so that importing the same document twice can be detected: a point's from its number,
 * title and duties with layout taken out (width of characters, spaces, punctuation), a plan's from its points'.
 */
import { createHash } from 'node:crypto';

/** The text as compared: NFKC (全角 → 半角), lower case, no spaces, no punctuation or symbols. */
export function fingerprintText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}

function hash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 32);
}

/** The same point written with other spaces, punctuation or character widths has the same fingerprint. */
export function pointFingerprint(point: { number: string; title: string; duties: string }): string {
  return hash([point.number, point.title, point.duties].map(fingerprintText).join('\u0001'));
}

/** A plan's fingerprint: its points' in order. */
export function planFingerprint(points: readonly { fingerprint: string }[]): string {
  return hash(points.map((p) => p.fingerprint).join('\n'));
}
