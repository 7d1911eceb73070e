import { sify } from 'chinese-conv';

/**
 * Text normalisation shared by the table reader and the narrative checks.
 *
 * normalizeReportText turns any report text copied from a Chinese government site into one canonical form:
 * - traditional → simplified characters (chinese-conv, a per-character map; 著 and 乾 are kept as written because
 *   they are also standard simplified characters: 显著, 著作, 乾坤);
 * - pinyin annotations after a Han character are removed: 執(zhí)法 → 执法, 數（shù） → 数. Only a bracket holding
 *   lower-case Latin syllables (tone marks and ü allowed) is removed; 第(一)项, (单位:万元), (APP) stay;
 * - full-width digits, letters and ASCII punctuation become half-width, then the punctuation that separates
 *   Chinese clauses is written the Chinese way: ( ) , : ; ! ? → （ ）， ： ； ！ ？. Kept as they are: the comma of a
 *   thousands separator (38,665), the colon of a time (8:30), the decimal point, and anything inside a URL;
 * - every kind of space (ideographic, no-break, thin …) becomes one ASCII space, runs of spaces collapse, line ends
 *   are trimmed, CR/CRLF become LF, zero-width characters are dropped. Tabs are kept: they separate table cells.
 */

/** Characters the traditional→simplified map would change although they are correct simplified text. */
const KEEP_AS_WRITTEN = new Set(['著', '乾']);

const PINYIN_LETTERS = 'a-zāáǎàēéěèêếềīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ';
const PINYIN_ANNOTATION = new RegExp(`(\\p{Script=Han})[(（]\\s*([${PINYIN_LETTERS}]+(?:\\s+[${PINYIN_LETTERS}]+)*)\\s*[)）]`, 'gu');
const TONE_MARK = /[āáǎàēéěèếềīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ]/;
/** A toneless syllable (neutral tone, or a site that prints pinyin without marks): initial, vowels, n/ng/r. */
const TONELESS_SYLLABLE = /^(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?[aeiouüv]{1,3}(?:ng|n|r)?$/;

function isPinyin(content: string): boolean {
  const syllables = content.trim().split(/\s+/);
  return syllables.every((s) => TONE_MARK.test(s) || TONELESS_SYLLABLE.test(s));
}

function simplify(text: string): string {
  const converted = sify(text);
  if (converted.length !== text.length) return converted;
  let out = '';
  for (let i = 0; i < text.length; i++) out += KEEP_AS_WRITTEN.has(text[i]) ? text[i] : converted[i];
  return out;
}

const URL = /(?:https?|ftp):\/\/[^\s\u3000，。；、）)]+|www\.[a-z0-9-]+(?:\.[a-z0-9-]+)+[^\s\u3000，。；、）)]*/gi;

function chinesePunctuation(part: string): string {
  return part
    .replace(/\(/g, '（')
    .replace(/\)/g, '）')
    .replace(/,(?!\d{3}(?!\d))|(?<!\d),/g, '，')
    .replace(/:(?!\d)|(?<!\d):/g, '：')
    .replace(/;/g, '；')
    .replace(/!/g, '！')
    .replace(/\?/g, '？');
}

export function normalizeReportText(text: string): string {
  if (typeof text !== 'string' || text.length === 0) return '';
  let s = text.replace(/\r\n?/g, '\n').replace(/[\u200b-\u200d\u2060\ufeff\u00ad]/g, '');
  s = simplify(s);
  // Full-width ASCII (！ … ～) → half-width; every space but tab and line break → ' '.
  s = s.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  s = s.replace(/[\u3000\u00a0\u1680\u2000-\u200a\u202f\u205f\v\f]/g, ' ');
  s = s.replace(PINYIN_ANNOTATION, (whole: string, han: string, content: string) => (isPinyin(content) ? han : whole));
  let out = '';
  let last = 0;
  for (const m of s.matchAll(URL)) {
    out += chinesePunctuation(s.slice(last, m.index)) + m[0];
    last = m.index + m[0].length;
  }
  s = out + chinesePunctuation(s.slice(last));
  return s
    .split('\n')
    .map((line) => line.replace(/ {2,}/g, ' ').trim())
    .join('\n');
}

/**
 * The words of a table label, for matching: no spaces, no bracketed notes or ordinals （一）(二), no leading
 * 一、 / 1. numbering, no punctuation or quotes. `（二）部分公开（区分处理的…）` → `部分公开`, `自 然 人` → `自然人`,
 * `3.危及“三安全一稳定”` → `危及三安全一稳定`. Expects normalised text.
 */
export function labelKey(label: string): string {
  let k = label.replace(/\s+/g, '');
  for (let previous = ''; previous !== k;) {
    previous = k;
    k = k.replace(/[（(][^（）()]*[）)]/g, '');
  }
  for (let previous = ''; previous !== k;) {
    previous = k;
    k = k.replace(/^(?:[一二三四五六七八九十]+|\d+)[、.．,，]/, '');
  }
  return k.replace(/[\p{P}\p{S}]/gu, '');
}

const CHINESE_DIGITS: Readonly<Record<string, number>> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CHINESE_UNITS: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };

/**
 * 十二 → 12, 一百零五 → 105, 两千三百 → 2300, 三万五千 → 35000, 二〇二三 → 2023 (digit by digit when there is no
 * 十/百/千/万). Null for anything else, including the approximate 十几 / 几十.
 */
export function parseChineseNumeral(s: string): number | null {
  if (!/^[零〇一二两三四五六七八九十百千]/.test(s) || !/^[零〇一二两三四五六七八九十百千万]+$/.test(s)) return null;
  if (!/[十百千万]/.test(s)) return Number([...s].map((c) => CHINESE_DIGITS[c]).join(''));
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  for (const c of s) {
    if (c in CHINESE_DIGITS) {
      digit = CHINESE_DIGITS[c];
    } else if (c === '万') {
      total = (total + section + (digit ?? 0)) * 10000;
      section = 0;
      digit = null;
    } else {
      section += (digit ?? 1) * CHINESE_UNITS[c];
      digit = null;
    }
  }
  return total + section + (digit ?? 0);
}

const MULTIPLIERS: Readonly<Record<string, number>> = { 万: 10000, 亿: 100000000 };

/** An Arabic or Chinese number as written in the narrative (38665, 38,665, 31.42, 1.2万, 两, 十二). */
export function parseNumber(written: string): number | null {
  const m = /^(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(万|亿)?$/.exec(written);
  if (m) {
    const n = Number(m[1].replace(/,/g, '') + (m[2] ?? ''));
    return m[3] ? n * MULTIPLIERS[m[3]] : n;
  }
  return parseChineseNumeral(written);
}
