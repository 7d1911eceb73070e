import type { EntityManager } from '@mikro-orm/postgresql';
import { DeadlineKind } from '../deadlines/deadline-enums.js';
import { ReminderRule } from './reminder-rule.entity.js';

type Seed = Pick<ReminderRule, 'deadlineKind' | 'daysBefore' | 'onDueDay' | 'overdueEveryWorkingDays' | 'escalateToHeadAfter' | 'escalateToOfficeAfter'>;

/**
 * Defaults per duty (editable): before the due date in working days, on the day, then while overdue. The statutory
 * replies (依申请公开 20 working days) get their first reminder a week ahead; short limits (网站留言 5 days) two days ahead.
 */
export const REMINDER_RULE_SEEDS: Seed[] = [
  { deadlineKind: DeadlineKind.APPLICATION, daysBefore: [5, 2], onDueDay: true, overdueEveryWorkingDays: 1, escalateToHeadAfter: 1, escalateToOfficeAfter: 3 },
  { deadlineKind: DeadlineKind.TASK, daysBefore: [10, 3], onDueDay: true, overdueEveryWorkingDays: 5, escalateToHeadAfter: 5, escalateToOfficeAfter: 10 },
  { deadlineKind: DeadlineKind.PROPOSAL, daysBefore: [3, 1], onDueDay: true, overdueEveryWorkingDays: 2, escalateToHeadAfter: 2, escalateToOfficeAfter: 5 },
  { deadlineKind: DeadlineKind.MESSAGE, daysBefore: [2], onDueDay: true, overdueEveryWorkingDays: 1, escalateToHeadAfter: 2, escalateToOfficeAfter: 3 },
  { deadlineKind: DeadlineKind.PENALTY, daysBefore: [3, 1], onDueDay: true, overdueEveryWorkingDays: 2, escalateToHeadAfter: 2, escalateToOfficeAfter: 5 },
  { deadlineKind: DeadlineKind.NEW_MEDIA, daysBefore: [2], onDueDay: true, overdueEveryWorkingDays: 2, escalateToHeadAfter: 3, escalateToOfficeAfter: 5 },
  {
    deadlineKind: DeadlineKind.ANNUAL_REPORT,
    daysBefore: [15, 5],
    onDueDay: true,
    overdueEveryWorkingDays: 5,
    escalateToHeadAfter: null,
    escalateToOfficeAfter: 1,
  },
  { deadlineKind: DeadlineKind.SUPERVISION, daysBefore: [1], onDueDay: true, overdueEveryWorkingDays: 1, escalateToHeadAfter: 1, escalateToOfficeAfter: 2 },
];

/** Inserts the missing defaults; never overwrites an admin's edits. */
export async function seedReminderRules(em: EntityManager): Promise<void> {
  const existing = new Set((await em.find(ReminderRule, {}, { fields: ['deadlineKind'] })).map((r) => r.deadlineKind));
  const missing = REMINDER_RULE_SEEDS.filter((r) => !existing.has(r.deadlineKind));
  if (!missing.length) return;
  await em.transactional(async (tx) => {
    for (const r of missing) tx.create(ReminderRule, r);
  });
}
