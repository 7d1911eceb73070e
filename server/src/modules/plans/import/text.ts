/** Small text helpers shared by the readers and the interpreter. */
import { sify } from 'chinese-conv';

/** Characters the traditional → simplified map would change although they are correct simplified text (显著, 乾坤). */
const KEEP_AS_WRITTEN = new Set(['著', '乾']);

let traditionalRe: RegExp | null = null;

/** A character class of every character chinese-conv changes (built once: one pass over the BMP, a few ms). */
function traditionalCharacters(): RegExp {
  if (traditionalRe) return traditionalRe;
  let all = '';
  for (let code = 0x100; code <= 0xffff; code++) if (code < 0xd800 || code > 0xdfff) all += String.fromCharCode(code);
  const converted = sify(all);
  let changed = '';
  for (let i = 0; i < all.length; i++) if (converted[i] !== all[i] && !KEEP_AS_WRITTEN.has(all[i]!)) changed += all[i]!;
  traditionalRe = new RegExp(`[${changed.replace(/[\\\]^-]/g, '\\$&')}]`);
  return traditionalRe;
}

/**
 * Traditional characters as simplified ones (鹹陽市…牽頭, 負責 → 咸阳市…牵头, 负责), character by character with
 * chinese-conv; text without any comes back as it is (checked first: converting is slower than looking). For reading
 * only: what is shown keeps the text as written.
 */
export function toSimplified(text: string): string {
  if (!traditionalCharacters().test(text)) return text;
  const converted = sify(text);
  if (converted.length !== text.length) return converted;
  let out = '';
  for (let i = 0; i < text.length; i++) out += KEEP_AS_WRITTEN.has(text[i]!) ? text[i]! : converted[i]!;
  return out;
}

/** Input text with one kind of line break, no BOM, no zero-width characters, non-breaking spaces as spaces. */
export function normalizeInputText(text: string): string {
  return text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u00A0\u2002\u2003\u2009\u202F]/g, ' ')
    .replace(/[\u200B-\u200D\u2060\uFEFF]/g, '');
}

/** A cell's text: lines trimmed (spaces and ideographic spaces), blank lines dropped, runs of spaces collapsed. */
export function cleanCellText(text: string): string {
  return normalizeInputText(text)
    .split('\n')
    .map((line) => line.replace(/[ \t\u3000]+/g, ' ').trim())
    .filter((line) => line.length > 0)
    .join('\n');
}

/** Spaces between two Chinese characters are layout, not text ("常态化 工作任务清单" → "常态化工作任务清单"). */
export function squeezeCjkSpaces(text: string): string {
  return text.replace(/(?<=[\u3400-\u9fff])[ \u3000]+(?=[\u3400-\u9fff])/g, '');
}

export function unique<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}

/** "第3–5行" from "第3行" and "第5行" (same prefix), else the first source. */
export function sourceRange(first: string, last: string): string {
  if (first === last) return first;
  const a = /^(.*第)(\d+)(行.*)$/.exec(first);
  const b = /^(.*第)(\d+)(行.*)$/.exec(last);
  if (a && b && a[1] === b[1] && a[3] === b[3]) return `${a[1]}${a[2]}–${b[2]}${a[3]}`;
  return first;
}
