import { IndexNumberReset } from './publication-enums.js';

/**
 * 索引号 templates. A template is literal text with tokens:
 *   {creditCode} the organisation's 统一社会信用代码    {orgCode} its department code
 *   {YYYY} {YY} {MM} {DD} of the publication date       {SEQ} or {SEQ:n} the sequence, zero-padded to n digits
 * The default reproduces seed 002: `113417007728242536/202011-00029`.
 */
export const DEFAULT_INDEX_TEMPLATE = '{creditCode}/{YYYY}{MM}-{SEQ:5}';
/** For an organisation without a credit code. */
export const DEFAULT_INDEX_TEMPLATE_WITHOUT_CREDIT_CODE = '{orgCode}/{YYYY}{MM}-{SEQ:5}';
export const DEFAULT_INDEX_RESET = IndexNumberReset.MONTHLY;
export const MAX_TEMPLATE_LENGTH = 100;

type Token = 'creditCode' | 'orgCode' | 'YYYY' | 'YY' | 'MM' | 'DD' | 'SEQ';
export type TemplatePart = { literal: string } | { token: Token; width?: number };

export interface IndexNumberValues {
  creditCode: string | null;
  orgCode: string;
  /** Publication date, YYYY-MM-DD. */
  date: string;
  seq: number;
}

const TOKEN_RE = /\{([A-Za-z]+)(?::(\d+))?\}/g;
const TOKENS = new Set<Token>(['creditCode', 'orgCode', 'YYYY', 'YY', 'MM', 'DD', 'SEQ']);

/** Splits a template into literals and tokens, or says in Chinese what is wrong with it. */
export function parseIndexTemplate(template: string): TemplatePart[] | string {
  if (!template.trim()) return '模板不能为空';
  if (template.length > MAX_TEMPLATE_LENGTH) return `模板不超过${MAX_TEMPLATE_LENGTH}个字符`;
  if (/\s/.test(template)) return '模板中不能有空白字符';
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const m of template.matchAll(TOKEN_RE)) {
    const literal = template.slice(last, m.index);
    if (/[{}]/.test(literal)) return `无法识别“${literal}”中的花括号`;
    if (literal) parts.push({ literal });
    const name = m[1] as Token;
    if (!TOKENS.has(name)) return `未知的占位符 {${m[1]}}，可用：{creditCode} {orgCode} {YYYY} {YY} {MM} {DD} {SEQ:位数}`;
    if (m[2] !== undefined && name !== 'SEQ') return `只有 {SEQ} 可以指定位数`;
    const width = m[2] === undefined ? undefined : Number(m[2]);
    if (width !== undefined && (width < 1 || width > 10)) return '{SEQ:位数} 的位数须在1–10之间';
    parts.push(width === undefined ? { token: name } : { token: name, width });
    last = m.index + m[0].length;
  }
  const tail = template.slice(last);
  if (/[{}]/.test(tail)) return `无法识别“${tail}”中的花括号`;
  if (tail) parts.push({ literal: tail });
  return parts;
}

/** Null when the template numbers uniquely under the reset rule; otherwise the problem, in Chinese. */
export function checkIndexTemplate(template: string, reset: IndexNumberReset, org: { creditCode?: string | null }): string | null {
  const parts = parseIndexTemplate(template);
  if (typeof parts === 'string') return parts;
  const tokens = parts.flatMap((p) => ('token' in p ? [p.token] : []));
  const seqCount = tokens.filter((t) => t === 'SEQ').length;
  if (seqCount !== 1) return '模板须包含且只包含一个序号 {SEQ} 或 {SEQ:位数}';
  const hasYear = tokens.includes('YYYY') || tokens.includes('YY');
  // The number restarts each period: the period must be in the number, or two items would share it.
  if (reset === IndexNumberReset.YEARLY && !hasYear) return '按年重置序号时，模板须包含年份 {YYYY}';
  if (reset === IndexNumberReset.MONTHLY && !(hasYear && tokens.includes('MM'))) return '按月重置序号时，模板须包含年份 {YYYY} 和月份 {MM}';
  if (tokens.includes('creditCode') && !org.creditCode) return '本机关尚未填写统一社会信用代码，不能使用 {creditCode}';
  return null;
}

/** The key of the sequence a publication dated `date` draws from. */
export function sequencePeriodKey(reset: IndexNumberReset, date: string): string {
  switch (reset) {
    case IndexNumberReset.MONTHLY:
      return date.slice(0, 7);
    case IndexNumberReset.YEARLY:
      return date.slice(0, 4);
    case IndexNumberReset.NEVER:
      return '*';
  }
}

export function formatIndexNumber(parts: TemplatePart[], values: IndexNumberValues): string {
  return parts
    .map((p) => {
      if ('literal' in p) return p.literal;
      switch (p.token) {
        case 'creditCode':
          return values.creditCode ?? values.orgCode;
        case 'orgCode':
          return values.orgCode;
        case 'YYYY':
          return values.date.slice(0, 4);
        case 'YY':
          return values.date.slice(2, 4);
        case 'MM':
          return values.date.slice(5, 7);
        case 'DD':
          return values.date.slice(8, 10);
        case 'SEQ':
          return String(values.seq).padStart(p.width ?? 1, '0');
      }
    })
    .join('');
}

/** The template an organisation uses when it has configured none. */
export function defaultIndexTemplate(org: { creditCode?: string | null }): string {
  return org.creditCode ? DEFAULT_INDEX_TEMPLATE : DEFAULT_INDEX_TEMPLATE_WITHOUT_CREDIT_CODE;
}
