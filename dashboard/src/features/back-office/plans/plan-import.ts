import type { DepartmentItem } from '../../../composables/departments';
import type { PlanDocumentFormat, UnitMappingInput } from '../../../graphql/generated/graphql';

/** The format select: '' lets the importer decide. */
export const FORMAT_OPTIONS: { value: '' | PlanDocumentFormat; label: string }[] = [
  { value: '', label: '自动识别' },
  { value: 'WORK_PLAN', label: '年度工作要点' },
  { value: 'SELF_INSPECTION', label: '自查清单' },
  { value: 'TABLE', label: '任务分工表' },
];

export const LAYOUT_LABELS: Record<string, string> = {
  TABLE: '任务分工表',
  WORK_PLAN: '年度工作要点',
  SELF_INSPECTION: '自查清单',
  LABELLED_LIST: '分项清单',
  MIXED: '混合（表格与正文）',
};

export const HOW_LABELS: Record<string, string> = {
  exact: '名称一致',
  alias: '别名',
  normalized: '规范化后一致',
  mapped: '已指定',
};

/** The choice for an unmapped unit name: a department id, NEW_DEPARTMENT, or '' while undecided. */
export const NEW_DEPARTMENT = '__new__';

/** The organisation's departments (itself excluded), in tree order. */
export function departmentsOf(organizationId: string, tree: readonly DepartmentItem[]): DepartmentItem[] {
  const parent = new Map(tree.map((d) => [d.id, d.parent?.id ?? null]));
  const within = (id: string): boolean => {
    for (let p = parent.get(id) ?? null; p; p = parent.get(p) ?? null) if (p === organizationId) return true;
    return false;
  };
  return tree.filter((d) => within(d.id));
}

/** unitMapping and createMissingDepartments from the choices; null while a name is undecided. */
export function mappingInput(
  unmapped: readonly string[],
  choices: Readonly<Record<string, string>>,
): { unitMapping: UnitMappingInput[]; createMissingDepartments: boolean } | null {
  if (unmapped.some((name) => !choices[name])) return null;
  return {
    unitMapping: unmapped.filter((name) => choices[name] !== NEW_DEPARTMENT).map((name) => ({ name, departmentId: choices[name]! })),
    createMissingDepartments: unmapped.some((name) => choices[name] === NEW_DEPARTMENT),
  };
}

/** Pasted HTML replaces the selection of the textarea's text. */
export function insertAt(text: string, start: number, end: number, inserted: string): string {
  return text.slice(0, start) + inserted + text.slice(end);
}

const monthDay = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;

/** The due date of each period of a recurring time limit, in words: "分4期：3月31日、6月30日、9月30日、12月31日". */
export function periodsText(dates: readonly string[]): string {
  if (!dates.length) return '';
  if (dates.length > 6) return `分${dates.length}期：${monthDay(dates[0]!)}起至${monthDay(dates.at(-1)!)}`;
  return `分${dates.length}期：${dates.map(monthDay).join('、')}`;
}
