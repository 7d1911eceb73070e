import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../auth/viewer.js';
import { DeadlineService, type OverdueFilter, type OverdueItemData } from './deadline.service.js';

/**
 * The overdue list computed the plain way — every candidate loaded as an entity and classified (`listAttention`), then
 * each row's department loaded through its reference — as `DeadlineService.overdueItems` did before it read plain rows
 * (issue 18). Not used by the server: the oracle the optimised path is tested (test/integration/overdue-items.test.ts)
 * and benchmarked (bench/deadlines/overdue.bench.ts) against.
 */
export async function referenceOverdueItems(em: EntityManager, viewer: Viewer, filter: OverdueFilter, asOf: string): Promise<OverdueItemData[]> {
  const rows = await new DeadlineService(em).listAttention(viewer, filter, asOf);
  const departments = await Promise.all(rows.map((r) => r.deadline.department?.load() ?? null));
  return rows.map((r, i) => ({
    kind: r.deadline.kind,
    id: String(r.deadline.subjectId),
    deadlineId: String(r.deadline.id),
    title: r.deadline.title,
    department: departments[i] ?? null,
    dueDate: r.deadline.dueDate,
    originalDueDate: r.deadline.originalDueDate,
    workingDaysOverdue: r.workingDaysOverdue,
    state: r.state,
    rule: r.rule.name,
    ruleCode: r.rule.code,
    policyBasis: r.rule.policyBasis,
    provisional: r.deadline.provisional,
  }));
}
