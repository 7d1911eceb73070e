import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { LocalDate } from '../../core/scalars.js';
import { PeriodType, type Period } from '../../time/period.js';
import { DepartmentKind } from '../departments/department-kind.js';
import { Category } from '../publications/category.entity.js';
import { NON_TEXT_INTERPRETATION_TARGET } from '../publications/publication-enums.js';
import { expectedByToday, PACE_THRESHOLDS, quotaStatus, QuotaStatus, type PeriodProgress } from './quota-pace.js';
import { Quota } from './quota.entity.js';

/**
 * The board's types resolve as plain properties (simpleResolvers: no per-field middleware): a
 * board of 500 departments is some 5,000 fields, and must answer in a few milliseconds.
 */
@ObjectType({ description: 'Published against target for one department (or a roll-up), with the 政策解读 non-text ratio', simpleResolvers: true })
export class QuotaFigures {
  @Field(() => Int, { nullable: true, description: 'Items to publish in the period; null when no quota applies' })
  target!: number | null;

  @Field(() => Int, { description: 'Items published in the period (from the maintained counts)' })
  published!: number;

  @Field(() => Float, { nullable: true, description: 'target × working days elapsed (today included) / working days of the period, one decimal' })
  expectedByToday!: number | null;

  @Field(() => Float, { nullable: true, description: 'published / target' })
  completion!: number | null;

  @Field(() => QuotaStatus, { nullable: true, description: 'Null when no quota applies' })
  status!: QuotaStatus | null;

  @Field(() => Int, { description: '政策解读 published in the period' })
  interpretations!: number;

  @Field(() => Int, { description: '… of which in a form other than text (图表, 视频, 动漫, 在线访谈)' })
  nonTextInterpretations!: number;

  @Field(() => Float, { nullable: true, description: 'nonTextInterpretations / interpretations; null without any 政策解读' })
  nonTextRatio!: number | null;

  @Field(() => Boolean, { nullable: true, description: 'nonTextRatio ≥ the 50% rule; null without any 政策解读' })
  meetsInterpretationRule!: boolean | null;
}

/** A department as the board shows it: read as plain rows, not loaded as entities (see QuotaService.quotaBoard). */
@ObjectType({ description: 'A department in a read model (id, name, code, kind); query department(id) for the rest', simpleResolvers: true })
export class DepartmentSummary {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  code!: string;

  @Field(() => DepartmentKind)
  kind!: DepartmentKind;

  @Field(() => ID, { nullable: true, description: 'The parent (may be outside your view)' })
  parentId!: string | null;
}

/** What the board needs of a department. */
export interface BoardDepartment {
  id: number;
  name: string;
  code: string;
  kind: DepartmentKind;
  parentId: number | null;
  path: string;
  sortOrder: number;
  pathIds: number[];
}

@ObjectType({ description: 'One department (and optionally one category) on the quota board', simpleResolvers: true })
export class QuotaBoardRow extends QuotaFigures {
  @Field(() => DepartmentSummary)
  department!: DepartmentSummary;

  @Field(() => ID, { nullable: true, description: 'The department’s parent (may be outside your view)' })
  parentId!: string | null;

  @Field(() => Int, { description: 'Depth among the rows you see (0: top), for indentation' })
  depth!: number;

  @Field(() => Category, { nullable: true, description: 'Null: all categories; set for a row of a per-category quota' })
  category!: Category | null;

  @Field(() => Quota, { nullable: true, description: 'The quota that applies: the department’s own, else its kind’s' })
  quota!: Quota | null;

  @Field(() => Boolean, { description: 'The quota is the department’s own (overriding its kind’s)' })
  isOwnQuota!: boolean;

  @Field(() => QuotaFigures, { nullable: true, description: 'This department and all its sub-departments you see; null for a department without any' })
  rollup!: QuotaFigures | null;
}

@ObjectType({ description: 'A reporting period and how far into it the board is', simpleResolvers: true })
export class ReportingPeriod {
  @Field(() => String, { description: '2026, 2026-Q4 or 2026-11' })
  key!: string;

  @Field(() => PeriodType)
  type!: PeriodType;

  @Field(() => String, { description: '2026年第四季度 …' })
  label!: string;

  @Field(() => LocalDate)
  from!: string;

  @Field(() => LocalDate)
  to!: string;

  @Field(() => LocalDate, { description: 'The day the pace is measured at (today in Asia/Shanghai unless asOf was given)' })
  asOf!: string;

  @Field(() => Int, { description: 'Working days in the period (调休 included, holidays excluded)' })
  workingDays!: number;

  @Field(() => Int, { description: 'Working days from the first day up to and including asOf' })
  workingDaysElapsed!: number;
}

@ObjectType({ description: 'Quota board: each department’s published count against its quota and pace', simpleResolvers: true })
export class QuotaBoard {
  @Field(() => ReportingPeriod)
  period!: ReportingPeriod;

  @Field(() => [QuotaBoardRow], { description: 'Departments you see, depth-first; per-category rows follow their department’s all-categories row' })
  rows!: QuotaBoardRow[];

  @Field(() => QuotaFigures, { description: 'All departments you see (all categories)' })
  totals!: QuotaFigures;

  @Field(() => Float, { description: 'Share of 政策解读 that should be in non-text forms (0.5)' })
  interpretationRule!: number;

  @Field(() => Float, { description: 'Share of the items due that is 正常 (0.9)' })
  onPaceThreshold!: number;

  @Field(() => Float, { description: 'Share of the items due below which it is 严重滞后 (0.6)' })
  atRiskThreshold!: number;
}

/** One row of publication_count as the board reads it. */
export interface CountRow {
  count: number;
  interpretations: number;
  nonText: number;
}

/** Counts of a period: category id (ALL_CATEGORIES for all) → department id → counts. */
export type PeriodCounts = Map<number, Map<number, CountRow>>;
export const ALL_CATEGORIES = 0;

export interface BoardInput {
  period: Period;
  asOf: string;
  progress: PeriodProgress;
  /** Visible departments, depth-first. */
  departments: BoardDepartment[];
  /** Quotas of the period's type in force in its year. */
  quotas: Quota[];
  counts: PeriodCounts;
  categories: Map<number, Category>;
}

interface Acc {
  target: number | null;
  published: number;
  expected: number;
  interpretations: number;
  nonText: number;
}

/**
 * Builds the board from the counts and quotas: no database access (unit-testable), linear in
 * departments × depth, numeric keys only — it runs on every board request.
 */
export function buildQuotaBoard(input: BoardInput): QuotaBoard {
  const { progress } = input;
  // department id → category → its own quota; `${organisation}|${kind}` → category → the kind's quota.
  const own = new Map<number, Map<number, Quota>>();
  const byKind = new Map<string, Map<number, Quota>>();
  const put = <K>(map: Map<K, Map<number, Quota>>, key: K, q: Quota) => {
    let inner = map.get(key);
    if (!inner) map.set(key, (inner = new Map()));
    inner.set(q.category?.id ?? ALL_CATEGORIES, q);
  };
  for (const q of input.quotas) {
    if (q.department) put(own, q.department.id, q);
    else put(byKind, `${q.organization.id}|${q.departmentKind}`, q);
  }
  const order = (a: number, b: number) => (input.categories.get(a)?.sortOrder ?? 0) - (input.categories.get(b)?.sortOrder ?? 0) || a - b;
  const quotaCategories = [...new Set(input.quotas.flatMap((q) => (q.category ? [q.category.id] : [])))].sort(order);
  const countedCategories = [ALL_CATEGORIES, ...quotaCategories];

  const visible = new Set(input.departments.map((d) => d.id));
  const rows: QuotaBoardRow[] = [];
  // Roll-ups, category → department → sums: every visible department's counts and targets added
  // to itself and each visible ancestor (counts even where no quota applies).
  const rollups = new Map<number, Map<number, Acc>>(countedCategories.map((c) => [c, new Map()]));
  const hasChildren = new Set<number>();
  const totals = emptyAcc();
  const chain: number[] = [];
  for (const d of input.departments) {
    chain.length = 0;
    for (let i = 0; i < d.pathIds.length - 1; i++) if (visible.has(d.pathIds[i]!)) chain.push(d.pathIds[i]!);
    const depth = chain.length;
    if (depth) hasChildren.add(chain[depth - 1]!);
    chain.push(d.id);
    for (const category of countedCategories) {
      const c = input.counts.get(category)?.get(d.id);
      if (!c) continue;
      const sums = rollups.get(category)!;
      for (const id of chain) addCounts(accOf(sums, id), c);
    }
    const ownQuotas = own.get(d.id);
    const kindQuotas = byKind.get(`${d.pathIds[0]}|${d.kind}`);
    const rowCategories = [ALL_CATEGORIES];
    for (const category of quotaCategories) if (ownQuotas?.has(category) || kindQuotas?.has(category)) rowCategories.push(category);
    const parentId = d.parentId == null ? null : String(d.parentId);
    const department: DepartmentSummary = { id: String(d.id), name: d.name, code: d.code, kind: d.kind, parentId };
    for (const category of rowCategories) {
      const quota = ownQuotas?.get(category) ?? kindQuotas?.get(category) ?? null;
      const counts = input.counts.get(category)?.get(d.id);
      const acc = emptyAcc();
      addCounts(acc, counts);
      if (quota) {
        const expected = expectedByToday(quota.target, progress);
        addTarget(acc, quota.target, expected);
        const sums = rollups.get(category)!;
        for (const id of chain) addTarget(accOf(sums, id), quota.target, expected);
        if (category === ALL_CATEGORIES) addTarget(totals, quota.target, expected);
      }
      if (category === ALL_CATEGORIES) addCounts(totals, counts);
      const row = figures(acc, progress) as QuotaBoardRow;
      row.department = department;
      row.parentId = parentId;
      row.depth = depth;
      row.category = category === ALL_CATEGORIES ? null : (input.categories.get(category) ?? null);
      row.quota = quota;
      row.isOwnQuota = quota?.department != null;
      row.rollup = null;
      rows.push(row);
    }
  }
  for (const row of rows) {
    const id = Number(row.department.id);
    if (hasChildren.has(id)) row.rollup = figures(accOf(rollups.get(row.category?.id ?? ALL_CATEGORIES)!, id), progress);
  }
  return {
    period: {
      key: input.period.key,
      type: input.period.type,
      label: input.period.label,
      from: input.period.from,
      to: input.period.to,
      asOf: input.asOf,
      workingDays: progress.workingDays,
      workingDaysElapsed: progress.workingDaysElapsed,
    },
    rows,
    totals: figures(totals, progress),
    interpretationRule: NON_TEXT_INTERPRETATION_TARGET,
    onPaceThreshold: PACE_THRESHOLDS.onPace,
    atRiskThreshold: PACE_THRESHOLDS.atRisk,
  };
}

const emptyAcc = (): Acc => ({ target: null, published: 0, expected: 0, interpretations: 0, nonText: 0 });

function accOf(sums: Map<number, Acc>, departmentId: number): Acc {
  let acc = sums.get(departmentId);
  if (!acc) sums.set(departmentId, (acc = emptyAcc()));
  return acc;
}

function addCounts(acc: Acc, c: CountRow | undefined): void {
  if (!c) return;
  acc.published += c.count;
  acc.interpretations += c.interpretations;
  acc.nonText += c.nonText;
}

function addTarget(acc: Acc, target: number, expected: number): void {
  acc.target = (acc.target ?? 0) + target;
  acc.expected += expected;
}

function figures(acc: Acc, progress: PeriodProgress): QuotaFigures {
  const expected = acc.target == null ? null : Math.round(acc.expected * 10) / 10;
  const ratio = acc.interpretations ? Math.round((acc.nonText / acc.interpretations) * 1000) / 1000 : null;
  return {
    target: acc.target,
    published: acc.published,
    expectedByToday: expected,
    completion: acc.target ? Math.round((acc.published / acc.target) * 1000) / 1000 : null,
    status: acc.target == null ? null : quotaStatus(acc.target, acc.published, expected!, progress),
    interpretations: acc.interpretations,
    nonTextInterpretations: acc.nonText,
    nonTextRatio: ratio,
    meetsInterpretationRule: ratio == null ? null : ratio >= NON_TEXT_INTERPRETATION_TARGET,
  };
}

/** Depth-first, siblings by sortOrder then id (departments outside the list are skipped over). */
export function orderAsTree<T extends { id: number; parentId: number | null; sortOrder: number }>(rows: T[]): T[] {
  const ids = new Set(rows.map((r) => r.id));
  const byParent = new Map<number | null, T[]>();
  for (const r of rows) {
    const parent = r.parentId != null && ids.has(r.parentId) ? r.parentId : null;
    let siblings = byParent.get(parent);
    if (!siblings) byParent.set(parent, (siblings = []));
    siblings.push(r);
  }
  const out: T[] = [];
  const visit = (parent: number | null) => {
    for (const r of (byParent.get(parent) ?? []).sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id)) {
      out.push(r);
      visit(r.id);
    }
  };
  visit(null);
  return out;
}
