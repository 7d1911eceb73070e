import type { DeadlineState, OverdueLiveSubscription, WallAssessmentLiveSubscription } from '../../graphql/generated/graphql';

export type OverdueRow = OverdueLiveSubscription['overdueChanged'][number];

/** Rows the text alternatives list at most (bounded DOM on a screen that runs for weeks). */
export const MAX_ALTERNATIVE_ROWS = 200;
/** Rows the overdue panel shows. */
export const VISIBLE_OVERDUE_ROWS = 9;
export const VISIBLE_NEW_MEDIA_ROWS = 7;
/** Overdue 督办单 the supervision panel shows (beside the gauge). */
export const VISIBLE_SUPERVISION_ROWS = 4;
export const TICKER_ITEMS = 20;
/** Units the 考核排名 panel shows (the text alternative lists them all). */
export const VISIBLE_RANKING_ROWS = 5;

const SEVERITY: Record<DeadlineState, number> = { LONG_OVERDUE: 0, OVERDUE: 1, DUE_SOON: 2, PAUSED: 3, ON_TRACK: 4, DONE: 5 };

/** Worst first, then most working days overdue, then the earliest due date. */
export function bySeverity(a: OverdueRow, b: OverdueRow): number {
  return SEVERITY[a.state] - SEVERITY[b.state] || b.workingDaysOverdue - a.workingDaysOverdue || a.dueDate.localeCompare(b.dueDate);
}

/** "逾期 3 个工作日" / "今日到期" / "还剩 …" in words for the list. */
export function overdueText(row: Pick<OverdueRow, 'state' | 'workingDaysOverdue' | 'dueDate'>): string {
  if (row.workingDaysOverdue > 0) return `逾期 ${row.workingDaysOverdue} 个工作日`;
  if (row.state === 'DUE_SOON') return `${row.dueDate} 到期`;
  return `截止 ${row.dueDate}`;
}

/** One 政务新媒体 account with its freshness deadline (if the server watches it yet). */
export interface NewMediaRow {
  channelId: string;
  name: string;
  department: string | null;
  state: DeadlineState | null;
  dueDate: string | null;
  workingDaysOverdue: number;
}

/**
 * Accounts joined with their NEW_MEDIA items of the overdue list (subject id = channel id), worst
 * first. An account absent from the list is not due soon nor overdue (state null). One overdue
 * subscription serves both panels: the list is costly to compute on the server.
 */
export function newMediaRows(
  accounts: readonly { id: string; name: string; department?: { name: string } | null }[],
  items: readonly OverdueRow[],
): NewMediaRow[] {
  const byChannel = new Map(items.filter((i) => i.kind === 'NEW_MEDIA').map((i) => [i.id, i]));
  const rows: NewMediaRow[] = accounts.map((a) => {
    const item = byChannel.get(a.id);
    return {
      channelId: a.id,
      name: a.name,
      department: a.department?.name ?? item?.department?.name ?? null,
      state: item?.state ?? null,
      dueDate: item?.dueDate ?? null,
      workingDaysOverdue: item?.workingDaysOverdue ?? 0,
    };
  });
  for (const [id, item] of byChannel) {
    if (!accounts.some((a) => a.id === id))
      rows.push({
        channelId: id,
        name: item.title.replace(/^政务新媒体：/, ''),
        department: item.department?.name ?? null,
        state: item.state,
        dueDate: item.dueDate,
        workingDaysOverdue: item.workingDaysOverdue,
      });
  }
  const rank = (r: NewMediaRow) => (r.state ? SEVERITY[r.state] : 6);
  return rows.sort((a, b) => rank(a) - rank(b) || b.workingDaysOverdue - a.workingDaysOverdue || a.name.localeCompare(b.name));
}

export function newMediaText(row: NewMediaRow): string {
  if (!row.state || !row.dueDate) return '更新及时';
  if (row.workingDaysOverdue > 0) return `超期 ${row.workingDaysOverdue} 个工作日未更新`;
  return `须在 ${row.dueDate} 前更新`;
}

/**
 * The plan the wall screen charts: the one of the current year (Asia/Shanghai) among the tasks,
 * else the newest. Several of the current year: the highest id (the latest loaded).
 */
export function currentPlan<P extends { id: string; year: number }>(tasks: readonly { workPoint: { plan: P } }[], year: number): P | null {
  let best: P | null = null;
  for (const t of tasks) {
    const p = t.workPoint.plan;
    if (p.year === year && (!best || Number(p.id) > Number(best.id))) best = p;
  }
  return best ?? newestPlan(tasks);
}

/** The plan of the newest year (then the highest id) among the tasks. */
export function newestPlan<P extends { id: string; year: number }>(tasks: readonly { workPoint: { plan: P } }[]): P | null {
  let best: P | null = null;
  for (const t of tasks) {
    const p = t.workPoint.plan;
    if (!best || p.year > best.year || (p.year === best.year && Number(p.id) > Number(best.id))) best = p;
  }
  return best;
}

export type WallUnitScore = WallAssessmentLiveSubscription['assessmentScoresChanged'][number];

/** A unit of the 考核排名 panel: its rank, total and the share of the full points its bar shows (0–1). */
export interface RankingRow {
  departmentId: string;
  name: string;
  rank: number;
  total: number;
  share: number;
}

/** The units by rank (equal totals share a rank, in the server's order), each with its bar's share of the full points. */
export function rankingRows(scores: readonly WallUnitScore[]): RankingRow[] {
  return scores
    .map((s, order) => ({ s, order }))
    .sort((a, b) => a.s.rank - b.s.rank || a.order - b.order)
    .map(({ s }) => ({
      departmentId: s.department.id,
      name: s.department.name,
      rank: s.rank,
      total: s.total,
      share: s.maxTotal > 0 ? Math.min(1, Math.max(0, s.total / s.maxTotal)) : 0,
    }));
}

/**
 * The organisations the panel tries, in order, for the year: those that answered "no indicator set"
 * (NO_ASSESSMENT_SET) are skipped; none left: no panel.
 */
export function rankingOrganization(organizations: readonly { id: string }[], skipped: ReadonlySet<string>): string | null {
  return organizations.find((o) => !skipped.has(o.id))?.id ?? null;
}
