import type { NotificationChannelKind } from '../../../graphql/generated/graphql';

/** Reminder days as an admin types them: "5,2", "5，2", "5、2" or "5 2". */
const DAYS_SEPARATORS = /[\s,，、;；]+/;

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * "5,2" → [5, 2] (working days before the due date, largest first, each once). Empty → [] (no reminder
 * before the day). Checked here so the row shows the mistake before the server is asked.
 */
export function parseDaysBefore(text: string): Parsed<number[]> {
  const parts = text.split(DAYS_SEPARATORS).filter(Boolean);
  const days: number[] = [];
  for (const part of parts) {
    if (!/^\d+$/.test(part)) return { ok: false, message: `“${part}”不是整数，请写成 5,2 的形式` };
    const n = Number(part);
    if (n < 1 || n > 60) return { ok: false, message: '提前天数须在1至60个工作日之间' };
    if (!days.includes(n)) days.push(n);
  }
  if (days.length > 5) return { ok: false, message: '提前提醒最多设置5次' };
  return { ok: true, value: days.sort((a, b) => b - a) };
}

export function formatDaysBefore(days: readonly number[]): string {
  return days.join(',');
}

/**
 * A working-day count typed in a number box (v-model.number gives '' when empty): empty → `empty`,
 * else the number as typed (the server says what is out of range, next to the field).
 */
export function daysInput(value: number | string | null | undefined, empty: number | null): number | null {
  if (value === '' || value === null || value === undefined) return empty;
  const n = typeof value === 'number' ? value : Number(String(value).trim());
  return Number.isFinite(n) ? n : empty;
}

/** Evidence links as typed, one per line: trimmed, blank lines dropped, each once. */
export function evidenceLines(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean),
    ),
  ];
}

/**
 * What the channel form starts with when an existing channel is edited: e-mail addresses as they are;
 * a robot's webhook is returned with its key masked, so it is typed again (never saved masked).
 */
export function editableTarget(kind: NotificationChannelKind, target: string): string {
  return kind === 'EMAIL' ? target : '';
}

/** The secret to send: only 钉钉 robots take one; blank keeps the stored one, `clear` removes it. */
export function secretInput(kind: NotificationChannelKind, typed: string, clear: boolean): string | null {
  if (kind !== 'DINGTALK_ROBOT') return null;
  if (clear) return '';
  return typed.trim() ? typed.trim() : null;
}
