import { TaskRoleLabel } from '../../../graphql/generated/enum-labels';
import type { BreakDownPlanMutation, RebreakDownWorkPointMutation } from '../../../graphql/generated/graphql';

type Result = RebreakDownWorkPointMutation['breakDownWorkPoint'];

const names = (tasks: readonly { department: { name: string } }[]) => tasks.map((t) => t.department.name).join('、');

/** One sentence saying what a (re-)breakdown did, in the order an admin checks it. */
export function breakdownSummary(r: Result): string {
  const parts = [`已分解：新建 ${r.createdCount} 项任务${r.created.length ? `（${names(r.created)}）` : ''}，已有 ${r.existingCount} 项保留`];
  if (r.roleChanged.length)
    parts.push(`调整角色 ${r.roleChanged.length} 项（${r.roleChanged.map((t) => `${t.department.name}→${TaskRoleLabel[t.role]}`).join('、')}）`);
  if (r.unassigned.length) parts.push(`不再分配 ${r.unassigned.length} 项（${names(r.unassigned)}，已报进展保留）`);
  if (r.restored.length) parts.push(`恢复分配 ${r.restored.length} 项（${names(r.restored)}）`);
  return `${parts.join('；')}。`;
}

/** What breaking down a whole plan did, in one sentence: totals, and how many points gained tasks. */
export function planBreakdownSummary(r: BreakDownPlanMutation['breakDownPlan']): string {
  const grew = r.points.filter((p) => p.createdCount > 0).length;
  const parts = [`已分解 ${r.points.length} 项条目：新建 ${r.createdCount} 项任务（涉及 ${grew} 项条目），已有 ${r.existingCount} 项保留`];
  if (r.roleChangedCount) parts.push(`调整角色 ${r.roleChangedCount} 项`);
  if (r.unassignedCount) parts.push(`不再分配 ${r.unassignedCount} 项（已报进展保留）`);
  if (r.restoredCount) parts.push(`恢复分配 ${r.restoredCount} 项`);
  return `${parts.join('；')}。`;
}

/** "国办发〔2018〕45号、国办发〔2018〕47号" or one per line → the list (blank items dropped). */
export function splitList(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\n,，、;；]+/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

export const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
