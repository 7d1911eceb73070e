import { parseChineseNumeral } from './normalize.js';

/**
 * The report's year and organisation, from normalised text.
 * Year: the title (a line near the top naming a 报告/年报), else the first 20xx年度 in the text, else null.
 * Organisation: the signature (the line above the date that closes the report: 沅江市城市管理和综合执法局 /
 * 2024年1月4日), else what the title says besides the year and "政府信息公开工作年度报告", else null.
 */

const YEAR = '(20\\d\\d|[二][〇零][一二三四五六七八九〇零]{2})';
const DAY = '(?:\\d{1,2}|[一二三四五六七八九十]{1,3})';
const DATE_LINE = new RegExp(`^(.*?)\\s*${YEAR}年${DAY}月${DAY}日$`);
const TITLE_HINT = /年度?报告|年报/;
const ORG_SUFFIX = /(?:局|委|办|厅|部|府|委员会|中心|院|所|站|镇|乡|街道|办事处|处|室|会|队|馆|公司|署|社|行|区|县|市|省|团|司|校|场|园|盟|旗|州)$/;

function toYear(written: string): number | null {
  const y = /^\d{4}$/.test(written) ? Number(written) : parseChineseNumeral(written);
  return y !== null && y >= 2000 && y <= 2100 ? y : null;
}

const lines = (normalized: string): string[] => normalized.split('\n').filter((l) => l !== '');

function titleLine(normalized: string): string | null {
  for (const line of lines(normalized).slice(0, 5)) if (line.length <= 80 && !/[|\t。]/.test(line) && TITLE_HINT.test(line)) return line;
  return null;
}

export function readYear(normalized: string): number | null {
  const title = titleLine(normalized);
  const fromTitle = title ? new RegExp(`${YEAR}年`).exec(title) : null;
  if (fromTitle) return toYear(fromTitle[1]);
  const annual = new RegExp(`${YEAR}年度`).exec(normalized);
  return annual ? toYear(annual[1]) : null;
}

function asOrganization(text: string): string | null {
  const name = text.replace(/^[\s:：，,]+|[\s:：，,]+$/g, '');
  if (name.length < 2 || name.length > 40 || /[|\t。，；：！？]/.test(name) || /^(?:[一二三四五六七八九十]+、|（)/.test(name)) return null;
  return /\p{Script=Han}/u.test(name) && ORG_SUFFIX.test(name) ? name : null;
}

export function readOrganization(normalized: string): string | null {
  const all = lines(normalized);
  const tail = all.slice(-6);
  for (let i = tail.length - 1; i >= 0; i--) {
    const date = DATE_LINE.exec(tail[i]);
    if (!date) continue;
    const sameLine = asOrganization(date[1]);
    if (sameLine) return sameLine;
    const above = i > 0 ? asOrganization(tail[i - 1]) : null;
    if (above) return above;
    break;
  }
  const title = titleLine(normalized);
  if (!title) return null;
  const rest = title
    .replace(new RegExp(`(?:关于)?${YEAR}年度?`, 'g'), '')
    .replace(/(?:的)?(?:政府信息公开|政务公开|信息公开)(?:工作)?(?:年度)?(?:报告|年报)|(?:工作)?年度报告|年报$|的?报告$/g, '');
  return asOrganization(rest);
}
