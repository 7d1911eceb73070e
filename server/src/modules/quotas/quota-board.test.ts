import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../../time/period.js';
import { DepartmentKind } from '../departments/department-kind.js';
import type { Category } from '../publications/category.entity.js';
import { ALL_CATEGORIES, buildQuotaBoard, orderAsTree, type BoardDepartment, type PeriodCounts } from './quota-board.js';
import type { Quota } from './quota.entity.js';

const dept = (id: number, path: string, kind: DepartmentKind, sortOrder = 0): BoardDepartment => {
  const pathIds = path.split('/').filter(Boolean).map(Number);
  return { id, name: `D${id}`, code: `D${id}`, kind, parentId: pathIds.length > 1 ? pathIds.at(-2)! : null, path, sortOrder, pathIds };
};
const quota = (q: { id: number; org: number; department?: number; kind?: DepartmentKind; category?: number; target: number }) =>
  ({
    id: q.id,
    organization: { id: q.org },
    department: q.department ? { id: q.department } : null,
    departmentKind: q.kind ?? null,
    category: q.category ? { id: q.category } : null,
    target: q.target,
  }) as unknown as Quota;
const counts = (rows: [category: number, department: number, count: number, interpretations?: number, nonText?: number][]): PeriodCounts => {
  const map: PeriodCounts = new Map();
  for (const [category, department, count, interpretations = 0, nonText = 0] of rows) {
    if (!map.has(category)) map.set(category, new Map());
    map.get(category)!.set(department, { count, interpretations, nonText });
  }
  return map;
};

// Root 1; offices 2 and 3; unit 4 with sub-unit 5.
const departments = orderAsTree([
  dept(5, '/1/4/5/', DepartmentKind.SUBORDINATE_UNIT),
  dept(3, '/1/3/', DepartmentKind.OFFICE, 2),
  dept(1, '/1/', DepartmentKind.ORGANIZATION),
  dept(4, '/1/4/', DepartmentKind.SUBORDINATE_UNIT, 3),
  dept(2, '/1/2/', DepartmentKind.OFFICE, 1),
]);
const progress = { workingDays: 60, workingDaysElapsed: 30, isOver: false };
const build = (over: Partial<Parameters<typeof buildQuotaBoard>[0]> = {}) =>
  buildQuotaBoard({
    period: parsePeriod('2026-Q4')!,
    asOf: '2026-11-15',
    progress,
    departments,
    quotas: [
      quota({ id: 1, org: 1, kind: DepartmentKind.OFFICE, target: 50 }),
      quota({ id: 2, org: 1, kind: DepartmentKind.SUBORDINATE_UNIT, target: 20 }),
      quota({ id: 3, org: 1, department: 3, target: 10 }),
    ],
    counts: counts([
      [ALL_CATEGORIES, 2, 30, 4, 1],
      [ALL_CATEGORIES, 3, 10],
      [ALL_CATEGORIES, 5, 8, 2, 2],
      [7, 5, 3],
    ]),
    categories: new Map(),
    ...over,
  });

describe('quota board', () => {
  it('orders departments depth-first, siblings by sortOrder', () => {
    expect(departments.map((d) => d.id)).toEqual([1, 2, 3, 4, 5]);
    expect(build().rows.map((r) => [r.department.id, r.depth])).toEqual([
      ['1', 0],
      ['2', 1],
      ['3', 1],
      ['4', 1],
      ['5', 2],
    ]);
  });

  it('applies the department’s own quota over its kind’s, pro rata over the working days', () => {
    const [, two, three, four, five] = build().rows;
    expect(two).toMatchObject({ target: 50, published: 30, expectedByToday: 25, status: 'ON_PACE', isOwnQuota: false });
    expect(three).toMatchObject({ target: 10, published: 10, status: 'MET', isOwnQuota: true });
    expect(four).toMatchObject({ target: 20, published: 0, expectedByToday: 10, status: 'BEHIND' });
    expect(five).toMatchObject({ target: 20, published: 8, status: 'AT_RISK', nonTextRatio: 1, meetsInterpretationRule: true });
    expect(two).toMatchObject({ interpretations: 4, nonTextInterpretations: 1, nonTextRatio: 0.25, meetsInterpretationRule: false });
  });

  it('rolls up to every visible ancestor, and totals the visible departments', () => {
    const board = build();
    expect(board.rows[3]!.rollup).toMatchObject({ target: 40, published: 8, expectedByToday: 20 });
    expect(board.rows[0]!.rollup).toMatchObject({ target: 100, published: 48 });
    expect(board.rows[1]!.rollup).toBeNull();
    expect(board.totals).toMatchObject({
      target: 100,
      published: 48,
      interpretations: 6,
      nonTextInterpretations: 3,
      nonTextRatio: 0.5,
      meetsInterpretationRule: true,
    });
  });

  it('adds a row per category quota, rolled up with the counts of departments that have none', () => {
    const category = { id: 7, name: '政策解读', sortOrder: 4 } as Category;
    const board = build({
      quotas: [
        quota({ id: 4, org: 1, kind: DepartmentKind.SUBORDINATE_UNIT, category: 7, target: 2 }),
        quota({ id: 5, org: 1, department: 4, category: 7, target: 1 }),
      ],
      categories: new Map([[7, category]]),
    });
    const rows = board.rows.filter((r) => r.category);
    expect(rows.map((r) => [r.department.id, r.target, r.published, r.status])).toEqual([
      ['4', 1, 0, 'ON_PACE'], // half an item is not yet due
      ['5', 2, 3, 'MET'],
    ]);
    expect(rows[0]!.rollup).toMatchObject({ target: 3, published: 3, status: 'MET' });
  });

  it('rolls up within what the viewer sees only', () => {
    const board = build({ departments: departments.filter((d) => d.path.startsWith('/1/4/')) });
    expect(board.rows.map((r) => [r.department.id, r.depth])).toEqual([
      ['4', 0],
      ['5', 1],
    ]);
    expect(board.totals).toMatchObject({ target: 40, published: 8 });
  });
});
