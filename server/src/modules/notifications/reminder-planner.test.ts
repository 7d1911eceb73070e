import { describe, expect, it } from 'vitest';
import { calendarSeedFromChineseDays } from '../calendar/chinese-days-seed.js';
import { WorkingDayCalendar, type DayKind } from '../calendar/working-day-calendar.js';
import { DeadlineKind } from '../deadlines/deadline-enums.js';
import { occasionsFor, shanghaiTimeOfDay } from './reminder-planner.js';

const seed = calendarSeedFromChineseDays();
const calendar = new WorkingDayCalendar({ overrides: new Map<string, DayKind>(seed.days.map((d) => [d.date, d.kind])), officialYears: new Set(seed.years) });
const rule = { daysBefore: [5, 2], onDueDay: true, overdueEveryWorkingDays: 2, escalateToHeadAfter: 1, escalateToOfficeAfter: 3 };
const deadline = (title: string, dueDate = '2026-10-12') => ({ id: 1, kind: DeadlineKind.APPLICATION, departmentId: 2, dueDate, title });

describe('occasionsFor', () => {
  it('counts working days across 国庆 2026 (10-01…10-07 off, 10-10 Saturday worked)', () => {
    // 2026-09-30 → 10-08 (1), 10-09 (2), 10-10 Sat (3), 10-12 (4), 10-13 (5): 10-13 is 5 working days ahead, 10-14 six.
    expect(occasionsFor(rule, deadline('x', '2026-10-13'), '2026-09-30', calendar).map((o) => o.name)).toEqual(['before-5']);
    expect(occasionsFor(rule, deadline('x', '2026-10-14'), '2026-09-30', calendar).map((o) => o.name)).toEqual([]);
    expect(occasionsFor(rule, deadline('x', '2026-10-14'), '2026-10-09', calendar).map((o) => o.name)).toEqual([]);
    expect(occasionsFor(rule, deadline('x', '2026-10-14'), '2026-10-12', calendar).map((o) => o.name)).toEqual(['before-2']);
    expect(occasionsFor(rule, deadline('x', '2026-10-14'), '2026-10-14', calendar).map((o) => o.name)).toEqual(['due']);
  });

  it('overdue every N working days, escalations from their day on', () => {
    const names = (today: string) => occasionsFor(rule, deadline('x', '2026-10-14'), today, calendar).map((o) => o.name);
    expect(names('2026-10-15')).toEqual(['escalate-head']); // 1 working day late
    expect(names('2026-10-16')).toEqual(['overdue-2', 'escalate-head']);
    expect(names('2026-10-19')).toEqual(['escalate-head', 'escalate-office']); // 3 late
  });

  it('names the kind once: a register title that starts with it is not prefixed again', () => {
    const [o] = occasionsFor(rule, deadline('依申请公开 2026-0020：占道经营', '2026-10-14'), '2026-10-14', calendar);
    expect(o!.title).toBe('【今日到期】依申请公开 2026-0020：占道经营');
    const [t] = occasionsFor(rule, deadline('一(一) 政策解读', '2026-10-14'), '2026-10-14', calendar);
    expect(t!.title).toBe('【今日到期】依申请公开：一(一) 政策解读');
  });
});

describe('shanghaiTimeOfDay', () => {
  it('is the wall-clock time in Asia/Shanghai whatever the process zone', () => {
    expect(shanghaiTimeOfDay(new Date('2026-12-01T01:05:00Z'))).toBe('09:05');
    expect(shanghaiTimeOfDay(new Date('2026-12-01T15:59:00Z'))).toBe('23:59');
  });
});
