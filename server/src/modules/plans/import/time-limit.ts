/**
 * Time limits as plans write them ("年底前", "6月底前", "2024年9月30日前", "第三季度", "每季度", "持续推进"),
 * read into due dates, a recurrence or "ongoing". Pure.
 *
 * Readings (Y = the plan year unless the text names a year):
 * - 年底前 / 年底 / 年末 / 年内 / 全年 / 本年度 / 12月底前 → Y-12-31; "2024年" alone → 2024-12-31.
 * - N月底前 / N月底 / N月末 / N月份 / N月 → the last day of month N; N月上旬 → N-10, 中旬 → N-20, 下旬 → month end,
 *   N月初 → N-10.
 * - N月前 / N月之前 / N月以前 (no 底): read literally, "before month N" → the last day of month N−1
 *   (6月前 → 05-31; 1月前 → the last day of the year before). A plan that means the end of June writes 6月底前.
 * - N月D日(前) / 2024年9月30日前 / 2024-09-30 / 2024.9.30 → that day (a "前" after a day includes the day).
 * - 上半年 → 06-30, 下半年 → 12-31, 前三季度 → 09-30, 第N季度 / N季度末 → the quarter's last day.
 * - 每周 / 每月 / 每季度 / 每半年 / 每年 → a recurrence, with the first due date of the year (每周: the first Friday,
 *   the end of the first working week; 每月: 01-31 or the day written, "每月10日前" → 01-10; 每季度: 03-31; 每半年:
 *   06-30; 每年4月1日前 → 04-01). Three or more quarter ends written out ("3月底、6月底、9月底、12月底前") are
 *   QUARTERLY too.
 * - "N个工作日内", "不超过N个工作日", "收到…之日起…": counted from an event → PER_EVENT, no due date, ongoing.
 * - 持续推进 / 长期坚持 / 常态化 / 长期 / 持续 / 及时 / 随时 / 日常 … → ongoing, no due date (when no date is written).
 * - 按要求 / 根据上级部署 / 按规定 / 适时 … → nothing, with a warning asking for a date.
 */
import { daysInMonth, isCalendarDate } from '../../../time/calendar-date.js';
import type { ParsedTimeLimit, Recurrence } from './types.js';

const CN_DIGITS: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };
const N = '(\\d{1,2}|[一二三四五六七八九十]{1,3})';

function toNumber(raw: string): number {
  if (/^\d+$/.test(raw)) return Number(raw);
  if (!raw.includes('十')) return CN_DIGITS[raw] ?? NaN;
  const [tens, ones] = raw.split('十');
  return (tens ? (CN_DIGITS[tens] ?? NaN) : 1) * 10 + (ones ? (CN_DIGITS[ones] ?? NaN) : 0);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function monthEnd(year: number, month: number): string {
  return `${year}-${pad(month)}-${pad(daysInMonth(year, month))}`;
}

function day(year: number, month: number, dayOfMonth: number): string | null {
  const date = `${year}-${pad(month)}-${pad(dayOfMonth)}`;
  return isCalendarDate(date) ? date : null;
}

/** The first Friday of the year: the end of its first working week. */
function firstFriday(year: number): string {
  const weekday = new Date(Date.UTC(year, 0, 1)).getUTCDay(); // 0 = Sunday
  return `${year}-01-${pad(1 + ((5 - weekday + 7) % 7))}`;
}

const ONGOING_RE =
  /持续推进|持续开展|持续做好|持续|长期坚持|长期推进|长期|常态化|常年|日常|经常性|长效|随时|及时|实时|动态(?:更新|调整)?|贯穿全年|全年持续|适时更新/;
const VAGUE_RE =
  /按(?:照)?(?:上级)?(?:要求|规定|部署|时限|时间节点)|根据(?:上级)?(?:要求|部署|安排|工作需要|实际)|按上级|上级部署|适时|视情况?|待定|另行通知|按计划|按时/;
const EVENT_RE = new RegExp(
  [
    `${N}个?(?:工作日|自然日|日|天|小时|个月|周)(?:之内|以内|内)`,
    `不(?:得|应)?(?:超过|晚于)${N}个?(?:工作日|自然日|日|天|小时|个月)`,
    '之日起',
    '(?:形成|产生|变更|收到|出台|印发|发布)(?:之日|后)',
  ].join('|'),
);

interface Found {
  dates: string[];
  recurrence: Recurrence | null;
  needsYear: boolean;
}

/** Reads every date the text writes, with the recurrence it names. */
function findDates(text: string, year: number | null): Found {
  const dates: string[] = [];
  let needsYear = false;
  let recurrence: Recurrence | null = null;
  const at = (written: string | undefined): number | null => (written ? Number(written) : year);
  const push = (date: string | null): void => {
    if (date) dates.push(date);
  };

  // Recurrences first: the first due date of the year comes from the period unless a day is written.
  if (/每周|每星期/.test(text)) recurrence = 'WEEKLY';
  else if (/每月|按月|每个月/.test(text)) recurrence = 'MONTHLY';
  else if (/每季度?|按季度?|每个季度/.test(text)) recurrence = 'QUARTERLY';
  else if (/每半年|每半年度/.test(text)) recurrence = 'SEMIANNUAL';
  else if (/每年|每年度|按年度/.test(text)) recurrence = 'YEARLY';

  let rest = text;
  const take = (re: RegExp, read: (m: RegExpExecArray) => void): void => {
    rest = rest.replace(new RegExp(re.source, 'g'), (...args: unknown[]) => {
      const m = args.slice(0, -2) as unknown as RegExpExecArray;
      read(m);
      return '　';
    });
  };

  // 2024-09-30, 2024.9.30, 2024/9/30
  take(/((?:19|20)\d{2})[-./](\d{1,2})[-./](\d{1,2})/, (m) => push(day(Number(m[1]), Number(m[2]), Number(m[3]))));
  // (2024年)9月30日(前)
  take(new RegExp(`(?:((?:19|20)\\d{2})年)?${N}月${N}[日号]`), (m) => {
    const y = at(m[1]);
    if (y === null) needsYear = true;
    else push(day(y, toNumber(m[2]!), toNumber(m[3]!)));
  });
  // (2024年)6月底前, 6月末, 6月份, 6月上旬/中旬/下旬/初, 6月前
  take(new RegExp(`(?:((?:19|20)\\d{2})年)?(?:每年)?${N}月(底|末|份|上旬|中旬|下旬|初)?(之前|以前|前)?`), (m) => {
    const y = at(m[1]);
    const month = toNumber(m[2]!);
    if (!(month >= 1 && month <= 12)) return;
    if (y === null) {
      needsYear = true;
      return;
    }
    const part = m[3];
    if (part === '上旬' || part === '初') push(day(y, month, 10));
    else if (part === '中旬') push(day(y, month, 20));
    else if (!part && m[4]) push(month === 1 ? `${y - 1}-12-31` : monthEnd(y, month - 1));
    else push(monthEnd(y, month));
  });
  // Quarters and halves
  take(new RegExp(`(?:((?:19|20)\\d{2})年)?前三季度`), (m) => {
    const y = at(m[1]);
    if (y === null) needsYear = true;
    else push(`${y}-09-30`);
  });
  take(new RegExp(`(?:((?:19|20)\\d{2})年)?(?:第)?([一二三四1-4])季度`), (m) => {
    const y = at(m[1]);
    const q = toNumber(m[2]!);
    if (y === null) needsYear = true;
    else push(monthEnd(y, q * 3));
  });
  take(/(?:((?:19|20)\d{2})年)?上半年/, (m) => {
    const y = at(m[1]);
    if (y === null) needsYear = true;
    else push(`${y}-06-30`);
  });
  take(/(?:((?:19|20)\d{2})年)?下半年/, (m) => {
    const y = at(m[1]);
    if (y === null) needsYear = true;
    else push(`${y}-12-31`);
  });
  // Year end: 年底前, 年底, 年末, 年内, 全年, 本年度, 2024年底, "2024年" alone
  take(/(?:((?:19|20)\d{2})\s*年?)?(?:年底|年末|年内|年度内|本年度|当年|全年)/, (m) => {
    const y = at(m[1]);
    if (y === null) needsYear = true;
    else push(`${y}-12-31`);
  });
  take(/((?:19|20)\d{2})年(?![\d一二三四五六七八九十]*月)/, (m) => push(`${m[1]}-12-31`));

  // The first due date of a recurrence without a written day.
  if (recurrence && dates.length === 0) {
    if (year === null) needsYear = true;
    else if (recurrence === 'WEEKLY') dates.push(firstFriday(year));
    else if (recurrence === 'MONTHLY') dates.push(monthEnd(year, 1));
    else if (recurrence === 'QUARTERLY') dates.push(`${year}-03-31`);
    else if (recurrence === 'SEMIANNUAL') dates.push(`${year}-06-30`);
    else if (recurrence === 'YEARLY') dates.push(`${year}-12-31`);
  }
  // 每月10日前: the day is written without a month.
  if (recurrence === 'MONTHLY' && year !== null) {
    const dayOnly = new RegExp(`每月${N}[日号]`).exec(text);
    if (dayOnly?.[1]) {
      const first = day(year, 1, toNumber(dayOnly[1]));
      if (first) dates.splice(0, dates.length, first);
    }
  }
  return { dates, recurrence, needsYear };
}

const QUARTER_ENDS = ['03-31', '06-30', '09-30', '12-31'];

/**
 * Reads a time limit as written (see the module comment for the readings). `year` is the plan year, used for
 * dates written without one; null when unknown (such dates then give a warning instead of a date).
 */
export function parseTimeLimit(text: string, year: number | null): ParsedTimeLimit {
  const asWritten = text.replace(/\s+/g, ' ').trim();
  const none: ParsedTimeLimit = { dueDate: null, dueDates: [], recurrence: null, ongoing: false, asWritten, warning: null };
  if (!asWritten) return none;
  const normalized = asWritten.normalize('NFKC').replace(/\s+/g, '');
  const found = findDates(normalized, year);
  let recurrence = found.recurrence;
  const dueDates = [...new Set(found.dates)].sort();
  if (!recurrence && dueDates.length >= 3 && dueDates.every((d) => QUARTER_ENDS.includes(d.slice(5)))) recurrence = 'QUARTERLY';
  if (dueDates.length > 0) return { ...none, dueDate: dueDates[0] ?? null, dueDates, recurrence };
  if (found.needsYear) return { ...none, recurrence, warning: `时限“${asWritten}”未写年份，且未给出计划年度，无法确定日期` };
  if (EVENT_RE.test(normalized)) return { ...none, recurrence: 'PER_EVENT', ongoing: true };
  if (ONGOING_RE.test(normalized)) return { ...none, ongoing: true };
  if (VAGUE_RE.test(normalized)) return { ...none, warning: `时限“${asWritten}”未给出具体日期，请补充完成时限` };
  return { ...none, warning: `未能识别时限“${asWritten}”，请核对完成时限` };
}

const STEP_MONTHS: Partial<Record<Recurrence, number>> = { MONTHLY: 1, QUARTERLY: 3, SEMIANNUAL: 6 };

/**
 * The due date of each period of the year, when a time limit has several: a recurrence from its first due date to the
 * end of that year (每季度 → 03-31, 06-30, 09-30, 12-31; 每月10日前 → the 10th of every month; 每周 → every Friday
 * from the first), or the dates written out ("3月底前、6月底前" → both). Empty for one due date or none; a period's
 * day follows the first (a month end stays a month end, the 31st becomes the month's last day).
 */
export function periodDueDates(time: Pick<ParsedTimeLimit, 'dueDates' | 'recurrence'>): string[] {
  const [first, ...rest] = time.dueDates;
  if (!first) return [];
  if (rest.length) return [...time.dueDates];
  const year = Number(first.slice(0, 4));
  const month = Number(first.slice(5, 7));
  const dayOfMonth = Number(first.slice(8, 10));
  if (time.recurrence === 'WEEKLY') {
    const dates: string[] = [];
    for (let t = Date.UTC(year, month - 1, dayOfMonth); new Date(t).getUTCFullYear() === year; t += 7 * 86_400_000) {
      dates.push(new Date(t).toISOString().slice(0, 10));
    }
    return dates.length > 1 ? dates : [];
  }
  const step = time.recurrence ? STEP_MONTHS[time.recurrence] : undefined;
  if (!step) return [];
  const atMonthEnd = dayOfMonth === daysInMonth(year, month);
  const dates: string[] = [];
  for (let m = month; m <= 12; m += step) dates.push(atMonthEnd ? monthEnd(year, m) : day(year, m, Math.min(dayOfMonth, daysInMonth(year, m)))!);
  return dates.length > 1 ? dates : [];
}

/** Words a time-limit cell is made of; what remains after removing them is not a time limit's. */
const TIME_WORDS_RE =
  /(?:19|20)\d{2}|\d{1,2}|[〇零一二两三四五六七八九十]|工作日|自然日|小时|星期|上旬|中旬|下旬|季度|半年|本年度|年度|全年|当年|之前|以前|以内|之内|完成|推进|开展|坚持|落实|实施|做好|持续|长期|常态化|常年|日常|经常性|长效|随时|及时|实时|动态|更新|调整|适时|贯穿|按照|按|要求|规定|部署|上级|根据|计划|按时|待定|截止|左右|[年月日号底末初季周每前内后起个天并和及至到止第上下]|[、，,。；;.\-/\s()（）]/g;

/** Whether a text reads as a time limit and nothing else (for placing cells of a table copied as text). */
export function looksLikeTimeLimit(text: string): boolean {
  const t = text.trim().normalize('NFKC');
  if (!t || t.length > 30 || t.replace(TIME_WORDS_RE, '').length > 1) return false;
  const parsed = parseTimeLimit(t, 2000);
  return parsed.dueDate !== null || parsed.recurrence !== null || parsed.ongoing || VAGUE_RE.test(t);
}
