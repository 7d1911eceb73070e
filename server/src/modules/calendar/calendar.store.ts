import type { EntityManager } from '@mikro-orm/postgresql';
import { CalendarDay, CalendarYear } from './calendar.entity.js';
import { calendarSeedFromChineseDays } from './chinese-days-seed.js';
import { WorkingDayCalendar, type DayKind } from './working-day-calendar.js';

/*
 * Reading and seeding the stored calendar. The deadline engine reads it from here; entering a
 * notice (calendar.service.ts) recomputes the deadlines — so the dependency runs one way.
 */

/** The working-day calendar as stored: every override and every year with a notice. */
export async function loadCalendar(em: EntityManager): Promise<WorkingDayCalendar> {
  const [days, years] = await Promise.all([
    // Inside the caller's transaction, if any: a calendar change is read back before it commits.
    em
      .getConnection()
      .execute<{ date: string; kind: DayKind }[]>(`select to_char(date, 'YYYY-MM-DD') as date, kind from calendar_day`, [], 'all', em.getTransactionContext()),
    em.getConnection().execute<{ year: number }[]>(`select year from calendar_year`, [], 'all', em.getTransactionContext()),
  ]);
  return new WorkingDayCalendar({
    overrides: new Map(days.map((d) => [d.date, d.kind])),
    officialYears: new Set(years.map((y) => y.year)),
  });
}

/** Reference data, not demo data: every database gets the official years the package knows. */
export async function seedCalendarIfEmpty(em: EntityManager): Promise<number> {
  if (await em.count(CalendarYear, {})) return 0;
  const seed = calendarSeedFromChineseDays();
  await em.transactional(async (tx) => {
    for (const d of seed.days) tx.create(CalendarDay, { date: d.date, kind: d.kind as CalendarDay['kind'], name: d.name, source: d.source });
    for (const year of seed.years) {
      tx.create(CalendarYear, { year, source: seed.days.find((d) => d.date.startsWith(String(year)))?.source ?? `chinese-days ${seed.packageVersion}` });
    }
  });
  return seed.days.length;
}
