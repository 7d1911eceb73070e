import { describe, expect, it } from 'vitest';
import { WorkingDayCalendar } from '../../modules/calendar/working-day-calendar.js';
import { addDays } from '../../time/calendar-date.js';
import { MAX_TASK_WORKING_DAYS_LATE, redateTitle, simulateTask, taskDueDate } from './demo-progress.js';
import { demoRegisters, MAX_REGISTER_WORKING_DAYS_LATE, REGISTER_DAYS } from './demo-registers.js';

// A year with a Spring Festival week off and a make-up Saturday, like the real notices.
const calendar = new WorkingDayCalendar({
  overrides: new Map([
    ['2027-01-01', 'HOLIDAY'],
    ...['2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12'].map((d) => [d, 'HOLIDAY'] as const),
    ['2027-02-20', 'WORKDAY'],
  ]),
  officialYears: new Set([2027]),
});

const KEYS = Array.from({ length: 120 }, (_, i) => `k${i}`);
/** Every 5th day of 2027, and its first and last days. */
const DAYS = ['2027-01-01', '2027-01-02', ...Array.from({ length: 73 }, (_, i) => addDays('2027-01-03', i * 5)), '2027-12-31'];

describe('simulated task progress', () => {
  it('re-dates titles and gives 牵头 the point date, 配合 a month end before it', () => {
    expect(redateTitle('某局2021年度政务公开工作要点', 2021, 2027)).toBe('某局2027年度政务公开工作要点');
    for (const key of KEYS) {
      expect(taskDueDate(key, 'LEAD', '2027-12-31')).toBe('2027-12-31');
      const due = taskDueDate(key, 'COOPERATING', '2027-12-31');
      expect(due >= '2027-03-31' && due <= '2027-11-30').toBe(true);
      expect(addDays(due, 1).slice(8)).toBe('01');
      expect(taskDueDate(key, 'COOPERATING', '2027-04-01') <= '2027-04-01').toBe(true);
    }
  });

  it('never reports on or after today, nor before the year, and is never late for long', () => {
    for (const today of DAYS) {
      for (const key of KEYS) {
        for (const role of ['LEAD', 'COOPERATING'] as const) {
          const due = taskDueDate(key, role, '2027-12-31');
          const t = simulateTask(calendar, key, role, due, today);
          if (t.reportedOn) {
            expect(t.reportedOn < today, `${key} ${today}`).toBe(true);
            expect(t.reportedOn >= '2027-01-01').toBe(true);
            expect(calendar.isWorkingDay(t.reportedOn)).toBe(true);
          } else {
            expect(t.status).toBe('NOT_STARTED');
          }
          if (t.status !== 'DONE' && t.status !== 'NOT_APPLICABLE' && due < today) {
            expect(calendar.workingDaysBetween(due, today)).toBeLessThanOrEqual(MAX_TASK_WORKING_DAYS_LATE);
          }
          expect(simulateTask(calendar, key, role, due, today)).toEqual(t);
        }
      }
    }
  });

  it('starts nothing on New Year and finishes more as the year goes on', () => {
    const doneShare = (today: string) => KEYS.filter((k) => simulateTask(calendar, k, 'LEAD', '2027-12-31', today).status === 'DONE').length / KEYS.length;
    expect(KEYS.every((k) => simulateTask(calendar, k, 'COOPERATING', '2027-06-30', '2027-01-01').status === 'NOT_STARTED')).toBe(true);
    expect(doneShare('2027-03-01')).toBeLessThan(doneShare('2027-12-31'));
    expect(doneShare('2027-12-31')).toBeGreaterThan(0.3);
  });
});

describe('demo registers', () => {
  it.each(DAYS.filter((_, i) => i % 6 === 0))('as of %s: a year of entries, nothing after today, one or two overdue by days', (today) => {
    const entries = demoRegisters(calendar, today);
    expect(entries.length).toBeGreaterThan(150);
    // Applications since December of the year before last (last year's annual report counts them all).
    const lastYear = Number(today.slice(0, 4)) - 1;
    const firstApplication = `${lastYear - 1}-12-01`;
    expect(entries.filter((e) => e.kind === 'APPLICATION' && e.eventOn.startsWith(`${lastYear}-`)).length).toBeGreaterThan(10);
    for (const e of entries) {
      const from = e.kind === 'APPLICATION' && firstApplication < addDays(today, -365) ? firstApplication : addDays(today, -365);
      expect(e.eventOn <= today && e.eventOn >= from).toBe(true);
      if (e.completedOn) expect(e.completedOn < today && e.completedOn > e.eventOn).toBe(true);
      expect(e.dueOn).toBe(calendar.addWorkingDays(e.eventOn, REGISTER_DAYS[e.kind]).date);
    }
    const overdue = entries.filter((e) => !e.completedOn && e.dueOn < today);
    expect(overdue.length).toBeGreaterThanOrEqual(1);
    expect(overdue.length).toBeLessThanOrEqual(4);
    for (const e of overdue) expect(calendar.workingDaysBetween(e.dueOn, today)).toBeLessThanOrEqual(MAX_REGISTER_WORKING_DAYS_LATE);
    const closed = entries.filter((e) => e.completedOn);
    expect(closed.filter((e) => e.completedOn! <= e.dueOn).length / closed.length).toBeGreaterThan(0.9);
  });
});
