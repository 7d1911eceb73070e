import { registerEnumType } from 'type-graphql';

/** What a node of the organisation tree is; scopes such as 机关各科室 expand by kind. */
export enum DepartmentKind {
  /** The bureau / government body itself (root). */
  ORGANIZATION = 'ORGANIZATION',
  /** 机关科室: an internal office of the bureau. */
  OFFICE = 'OFFICE',
  /** 局属单位: a subordinate unit (中心, 大队, 处 …). */
  SUBORDINATE_UNIT = 'SUBORDINATE_UNIT',
  /** 县直单位: a county-level department (for a county office). */
  COUNTY_UNIT = 'COUNTY_UNIT',
  /** 乡镇/街道: a township (for a county office). */
  TOWNSHIP = 'TOWNSHIP',
}

registerEnumType(DepartmentKind, {
  name: 'DepartmentKind',
  description: 'Kind of organisation unit',
  valuesConfig: {
    ORGANIZATION: { description: '机关/局（根）' },
    OFFICE: { description: '机关科室' },
    SUBORDINATE_UNIT: { description: '局属单位' },
    COUNTY_UNIT: { description: '县直单位' },
    TOWNSHIP: { description: '乡镇（街道）' },
  },
});

/** A responsible-unit scope as written in plans: all departments of one kind under the plan's organisation. */
export enum DepartmentScope {
  /** 局属各单位 */
  SUBORDINATE_UNITS = 'SUBORDINATE_UNITS',
  /** 机关各科室 */
  OFFICES = 'OFFICES',
  /** 县直各单位 */
  COUNTY_UNITS = 'COUNTY_UNITS',
  /** 各乡镇 */
  TOWNSHIPS = 'TOWNSHIPS',
}

registerEnumType(DepartmentScope, {
  name: 'DepartmentScope',
  description: 'A scope written in a plan that expands to every department of a kind',
  valuesConfig: {
    SUBORDINATE_UNITS: { description: '局属各单位' },
    OFFICES: { description: '机关各科室' },
    COUNTY_UNITS: { description: '县直各单位' },
    TOWNSHIPS: { description: '各乡镇' },
  },
});

export const SCOPE_KIND: Record<DepartmentScope, DepartmentKind> = {
  [DepartmentScope.SUBORDINATE_UNITS]: DepartmentKind.SUBORDINATE_UNIT,
  [DepartmentScope.OFFICES]: DepartmentKind.OFFICE,
  [DepartmentScope.COUNTY_UNITS]: DepartmentKind.COUNTY_UNIT,
  [DepartmentScope.TOWNSHIPS]: DepartmentKind.TOWNSHIP,
};

export const SCOPE_LABEL: Record<DepartmentScope, string> = {
  [DepartmentScope.SUBORDINATE_UNITS]: '局属各单位',
  [DepartmentScope.OFFICES]: '机关各科室',
  [DepartmentScope.COUNTY_UNITS]: '县直各单位',
  [DepartmentScope.TOWNSHIPS]: '各乡镇',
};
