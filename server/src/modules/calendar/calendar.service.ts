import { yearDomainProblem } from '../../time/date-domain.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { BadInputError } from '../../errors.js';
import { isoWeekday } from '../../time/calendar-date.js';
import { assertAdmin, type Viewer } from '../auth/viewer.js';
import { DeadlineService, type MovedDeadline } from '../deadlines/deadline.service.js';
import type { SetCalendarDaysInput } from './calendar.inputs.js';
import { CalendarDay, CalendarDayKind, CalendarYear } from './calendar.entity.js';
import { loadCalendar } from './calendar.store.js';

export interface CalendarChange {
  days: CalendarDay[];
  /** Open deadlines whose due date moved or that stopped being provisional. */
  moved: MovedDeadline[];
}

/**
 * Enters a year's 节假日安排 notice (replacing that year's days and making the year official) or
 * single local/ad-hoc days, then recomputes every open deadline the change touches.
 */
export async function setCalendarDays(em: EntityManager, viewer: Viewer, input: SetCalendarDaysInput): Promise<CalendarChange> {
  assertAdmin(viewer, 'setCalendarDays');
  return em.transactional((tx) => applyCalendarDays(tx, input));
}

async function applyCalendarDays(em: EntityManager, input: SetCalendarDaysInput): Promise<CalendarChange> {
  const source = input.source.trim();
  if (!source) throw new BadInputError('须注明依据的通知', 'CALENDAR_SOURCE_REQUIRED', 'source');
  if (input.year) {
    const problem = yearDomainProblem(input.year);
    if (problem) throw new BadInputError(problem, 'DATE_OUT_OF_RANGE', 'year');
  }
  const seen = new Set<string>();
  for (const d of input.days) {
    if (seen.has(d.date)) throw new BadInputError(`日期重复：${d.date}`, 'DUPLICATE_DATE', 'days');
    seen.add(d.date);
    if (input.year && Number(d.date.slice(0, 4)) !== input.year) throw new BadInputError(`${d.date} 不在 ${input.year} 年内`, 'DATE_OUTSIDE_YEAR', 'days');
    if (d.kind === CalendarDayKind.WORKDAY && isoWeekday(d.date) <= 5)
      throw new BadInputError(`${d.date} 是工作日，无需设为调休上班`, 'WORKDAY_ON_WEEKDAY', 'days');
  }
  if (input.year) {
    await em.nativeDelete(CalendarDay, { date: { $gte: `${input.year}-01-01`, $lte: `${input.year}-12-31` } });
    const year = (await em.findOne(CalendarYear, { year: input.year })) ?? em.create(CalendarYear, { year: input.year, source });
    year.source = source;
  }
  const days: CalendarDay[] = [];
  for (const d of input.days) {
    const day = (await em.findOne(CalendarDay, { date: d.date })) ?? em.create(CalendarDay, { date: d.date, kind: d.kind, name: d.name.trim(), source });
    Object.assign(day, { kind: d.kind, name: d.name.trim(), source });
    days.push(day);
  }
  await em.flush();
  const years = input.year ? [input.year] : [...new Set(input.days.map((d) => Number(d.date.slice(0, 4))))];
  // A fresh calendar: the one loaded before the change is stale.
  const deadlines = new DeadlineService(em, await loadCalendar(em));
  const moved: MovedDeadline[] = [];
  for (const year of years) {
    for (const m of await deadlines.recomputeOpen({ year })) if (!moved.some((x) => x.deadline.id === m.deadline.id)) moved.push(m);
  }
  return { days: days.sort((a, b) => a.date.localeCompare(b.date)), moved };
}
