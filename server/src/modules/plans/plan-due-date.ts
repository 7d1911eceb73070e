import { daysInMonth, isCalendarDate } from '../../time/calendar-date.js';

const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

function toNumber(raw: string): number {
  if (/^\d+$/.test(raw)) return Number(raw);
  if (!raw.includes('十')) return CN_DIGITS[raw] ?? 0;
  // 十, 十一, 二十, 三十一 …: a bare 十 is one ten.
  const [tens, ones] = raw.split('十');
  return (tens ? (CN_DIGITS[tens] ?? 0) : 1) * 10 + (ones ? (CN_DIGITS[ones] ?? 0) : 0);
}

/**
 * The due date a plan of `year` gives a work point, from its time limits as written:
 * "每年4月1日前" → year-04-01, "11月底前" → year-11-30; otherwise the plan year's last day.
 * Event-driven limits ("7个工作日内") are per event, handled by the deadline engine, not here.
 */
export function planDueDate(year: number, timeLimits: string[]): string {
  for (const limit of timeLimits) {
    const day = /(\d{1,2}|[一二三四五六七八九十]{1,3})月(\d{1,2}|[一二三四五六七八九十]{1,3})日(?:之)?前/.exec(limit);
    if (day) {
      const date = `${year}-${String(toNumber(day[1]!)).padStart(2, '0')}-${String(toNumber(day[2]!)).padStart(2, '0')}`;
      if (isCalendarDate(date)) return date;
    }
    const monthEnd = /(\d{1,2}|[一二三四五六七八九十]{1,3})月(?:底|末)(?:之)?前/.exec(limit);
    if (monthEnd) {
      const month = toNumber(monthEnd[1]!);
      if (month >= 1 && month <= 12) return `${year}-${String(month).padStart(2, '0')}-${daysInMonth(year, month)}`;
    }
  }
  return `${year}-12-31`;
}
