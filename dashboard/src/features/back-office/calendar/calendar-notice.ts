import { CalendarDayKindLabel } from '../../../graphql/generated/enum-labels';
import type { CalendarDayKind } from '../../../graphql/generated/graphql';

export interface NoticeDay {
  date: string;
  kind: CalendarDayKind;
  name: string;
}

/**
 * Reads the days of a 节假日安排 notice typed one per line: `2027-01-01 放假 元旦` or
 * `2027-02-07 上班 春节调休` (also HOLIDAY/WORKDAY, 休/班). Returns the days and the lines it could not read.
 */
export function parseNoticeDays(text: string): { days: NoticeDay[]; bad: { line: number; text: string }[] } {
  const days: NoticeDay[] = [];
  const bad: { line: number; text: string }[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?\s+(放假|休|HOLIDAY|上班|班|WORKDAY)\s*(.*)$/i.exec(line);
    if (!m) return void bad.push({ line: i + 1, text: line });
    const kind: CalendarDayKind = /放假|休|HOLIDAY/i.test(m[4]!) ? 'HOLIDAY' : 'WORKDAY';
    days.push({ date: `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`, kind, name: m[5]!.trim() || CalendarDayKindLabel[kind] });
  });
  return { days, bad };
}
