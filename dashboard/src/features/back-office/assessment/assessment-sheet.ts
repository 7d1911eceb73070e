import { AssessmentRuleLabel, AssessmentSheetStateLabel } from '../../../graphql/generated/enum-labels';
import type {
  AssessmentRule,
  AssessmentSheetFieldsFragment,
  AssessmentSheetState,
  AssessmentSide,
  ItemScoreFieldsFragment,
  SetAssessmentEntryInput,
  UnitScoreFieldsFragment,
} from '../../../graphql/generated/graphql';

/** The 加分项's code in entries and findings. */
export const BONUS_CODE = 'BONUS';

/** The note under the per-item ranking. */
export const RATE_RANKING_NOTE = '比率类指标按及时率的95%置信下限（Wilson）排名，件数少于最低件数的标注“样本少”。';

/** Each sheet state's label (generated from the schema) with its badge colour. */
export const SHEET_STATE: Record<AssessmentSheetState, { label: string; color: string }> = {
  SELF_ASSESSING: { label: AssessmentSheetStateLabel.SELF_ASSESSING, color: '#b9770e' },
  REVIEWING: { label: AssessmentSheetStateLabel.REVIEWING, color: '#2e86de' },
  FINAL: { label: AssessmentSheetStateLabel.FINAL, color: '#1e8449' },
};

/** Rules the server computes from the data: no 复核 form (the office corrects the data instead). */
export const AUTOMATIC_RULES: ReadonlySet<AssessmentRule> = new Set<AssessmentRule>(['PUBLICATION_QUOTA', 'NEW_MEDIA_FRESHNESS', 'DEADLINES_ON_TIME']);

export function isAutomatic(rule: AssessmentRule): boolean {
  return AUTOMATIC_RULES.has(rule);
}

export function ruleLabel(rule: AssessmentRule): string {
  return AssessmentRuleLabel[rule];
}

const PERIOD_RE = /^(\d{4})(?:-H([12]))?$/;

/** '2026' → 2026年, '2026-H1' → 2026年上半年, '2026-H2' → 2026年下半年 (anything else as it is). */
export function periodLabel(period: string): string {
  const m = PERIOD_RE.exec(period);
  if (!m) return period;
  if (!m[2]) return `${m[1]}年`;
  return `${m[1]}年${m[2] === '1' ? '上半年' : '下半年'}`;
}

/** The period to open: the current year (Shanghai) when it has a set, else the newest set's, else none. */
export function defaultPeriod(periods: readonly string[], today: string): string | null {
  const year = today.slice(0, 4);
  return periods.includes(year) ? year : (periods[0] ?? null);
}

/** Points as a person reads them: 12.5, 4, 0.25 (at most two decimals); null → —. */
export function formatPoints(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  return String(Math.round(n * 100) / 100);
}

/** "第3名/共12个单位" (ties share a rank: "并列第2名/共12个单位"). */
export function rankText(rank: number, count: number, shared = false): string {
  return `${shared ? '并列' : ''}第${rank}名/共${count}个单位`;
}

/** The ranks held by more than one unit (shown as 并列). */
export function sharedRanks(ranks: readonly number[]): Set<number> {
  const seen = new Set<number>();
  const shared = new Set<number>();
  for (const r of ranks) (seen.has(r) ? shared : seen).add(r);
  return shared;
}

type Ranked = Pick<UnitScoreFieldsFragment, 'rank' | 'total' | 'department'>;

/** Units by rank (ties in the server's order: the units' order). */
export function byRank<S extends Ranked>(scores: readonly S[]): S[] {
  return scores
    .map((s, i) => [s, i] as const)
    .sort(([a, i], [b, j]) => a.rank - b.rank || i - j)
    .map(([s]) => s);
}

export interface ItemRankRow {
  department: { id: string; name: string };
  item: ItemScoreFieldsFragment;
}

/** One item across the units, by its item rank (units outside the viewer's scope have no items and are left out). */
export function itemRanking(scores: readonly Pick<UnitScoreFieldsFragment, 'department' | 'items'>[], code: string): ItemRankRow[] {
  const rows: (ItemRankRow & { order: number })[] = [];
  scores.forEach((s, order) => {
    const item = s.items.find((i) => i.code === code);
    if (item) rows.push({ department: s.department, item, order });
  });
  return rows.sort((a, b) => a.item.itemRank - b.item.itemRank || a.order - b.order).map(({ department, item }) => ({ department, item }));
}

/** A rate item's cases: "18/20件按时" (null when the item is not a rate). */
export function casesText(item: Pick<ItemScoreFieldsFragment, 'cases' | 'casesMet'>): string | null {
  if (item.cases === null || item.cases === undefined) return null;
  return `${item.casesMet ?? 0}/${item.cases}件按时`;
}

/** Items grouped by their 类别, groups in the order they first appear. */
export function groupItems<T extends { group: string }>(items: readonly T[]): { group: string; items: T[] }[] {
  const groups: { group: string; items: T[] }[] = [];
  for (const item of items) {
    const g = groups.find((x) => x.group === item.group);
    if (g) g.items.push(item);
    else groups.push({ group: item.group, items: [item] });
  }
  return groups;
}

export type SheetAction = 'return' | 'finalize' | 'reopen';

/** What the office can do with a sheet in its state: 退回 a submitted one, 定稿 any not final, 重新打开 a final one. */
export function officeActions(state: AssessmentSheetState): SheetAction[] {
  if (state === 'FINAL') return ['reopen'];
  if (state === 'REVIEWING') return ['return', 'finalize'];
  return ['finalize'];
}

/** The entry form of an item for a side: which inputs it has (null: no form — an automatic item's 复核). */
export interface EntryShape {
  points: 'required' | 'optional' | null;
  occurrences: boolean;
  veto: boolean;
  evidence: boolean;
}

/** `rule` null: the 加分项 (scored like a manual item). */
export function entryShape(rule: AssessmentRule | null, side: AssessmentSide): EntryShape | null {
  const evidence = side === 'SELF';
  if (rule === null || rule === 'MANUAL') return { points: 'required', occurrences: false, veto: false, evidence };
  if (rule === 'OCCURRENCES') return { points: side === 'SELF' ? 'optional' : null, occurrences: true, veto: false, evidence };
  if (rule === 'VETO') return { points: null, occurrences: false, veto: true, evidence };
  return side === 'SELF' ? { points: 'optional', occurrences: false, veto: false, evidence } : null;
}

type Entry = AssessmentSheetFieldsFragment['entries'][number];

export function entryOf(entries: readonly Entry[], code: string, side: AssessmentSide): Entry | null {
  return entries.find((e) => e.itemCode === code && e.side === side) ?? null;
}

/** What the entry form holds while typed (numbers as typed: v-model.number gives '' when empty). */
export interface EntryDraft {
  points: number | string;
  occurrences: Record<string, number | string>;
  vetoed: '' | 'yes' | 'no';
  reason: string;
  evidence: { title: string; url: string }[];
}

/** The form's start: the side's entry when there is one (occurrence counts start at 0: entries do not return them). */
export function entryDraft(entry: Entry | null, kinds: readonly { label: string }[]): EntryDraft {
  let vetoed: EntryDraft['vetoed'] = '';
  if (entry) vetoed = entry.vetoed ? 'yes' : 'no';
  return {
    points: entry?.points ?? '',
    occurrences: Object.fromEntries(kinds.map((k) => [k.label, entry?.occurrences?.find((o) => o.label === k.label)?.count ?? 0])),
    vetoed,
    reason: entry?.reason ?? '',
    evidence: entry?.evidence.map((e) => ({ title: e.title, url: e.url })) ?? [],
  };
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; field: string; message: string };

function numberOf(value: number | string): number | null | 'invalid' {
  if (value === '' || value === null || value === undefined) return null;
  const n = typeof value === 'number' ? value : Number(String(value).trim());
  return Number.isFinite(n) ? n : 'invalid';
}

export interface SheetRef {
  organizationId: string;
  period: string;
  departmentId: string;
}

/**
 * The mutation input for a draft. Only what the form cannot send is refused here (a number that is not
 * one); what is missing (points, reason, veto) is the server's to say, in its words, next to the field.
 */
export function entryInput(ref: SheetRef, itemCode: string, side: AssessmentSide, shape: EntryShape, draft: EntryDraft): Parsed<SetAssessmentEntryInput> {
  const input: SetAssessmentEntryInput = { ...ref, itemCode, side, reason: draft.reason.trim() };
  if (shape.points) {
    const points = numberOf(draft.points);
    if (points === 'invalid') return { ok: false, field: 'points', message: '得分须为数字' };
    input.points = points;
  }
  if (shape.occurrences) {
    const occurrences = [];
    for (const [label, value] of Object.entries(draft.occurrences)) {
      const count = numberOf(value);
      if (count === 'invalid' || (count !== null && (!Number.isInteger(count) || count < 0))) {
        return { ok: false, field: 'occurrences', message: `“${label}”的次数须为不小于0的整数` };
      }
      occurrences.push({ label, count: count ?? 0 });
    }
    input.occurrences = occurrences;
  }
  if (shape.veto) input.vetoed = draft.vetoed === '' ? null : draft.vetoed === 'yes';
  if (shape.evidence) input.evidence = draft.evidence.map((e) => ({ title: e.title.trim(), url: e.url.trim() })).filter((e) => e.title || e.url);
  return { ok: true, value: input };
}

/** The 自查情况 of an item on the sheet. */
export function findingOf(findings: AssessmentSheetFieldsFragment['findings'], code: string): { text: string; written: boolean } {
  return findings.find((f) => f.code === code) ?? { text: '', written: false };
}

/** The 自查报告's file name when the server gives none. */
export function reportFileName(unit: string, period: string): string {
  return `${unit}${periodLabel(period)}政务公开自查报告.docx`;
}

/** The unit a user's department is assessed as: the department itself when a direct child of an organisation (机关/局), else none. */
export function assessedUnit(
  departments: readonly { id: string; name: string; kind: string; parent?: { id: string } | null }[],
  departmentId: string | null,
): { id: string; name: string; organizationId: string; organizationName: string } | null {
  const own = departmentId ? departments.find((d) => d.id === departmentId) : undefined;
  const parent = own?.parent ? departments.find((d) => d.id === own.parent!.id) : undefined;
  if (!own || !parent || parent.kind !== 'ORGANIZATION') return null;
  return { id: own.id, name: own.name, organizationId: parent.id, organizationName: parent.name };
}
