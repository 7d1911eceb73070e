import { registerEnumType } from 'type-graphql';
import { enumDescriptions } from '../../core/enum-labels.js';

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

export const DEPARTMENT_KIND_LABEL: Readonly<Record<DepartmentKind, string>> = {
  ORGANIZATION: '机关/局',
  OFFICE: '机关科室',
  SUBORDINATE_UNIT: '局属单位',
  COUNTY_UNIT: '县直单位',
  TOWNSHIP: '乡镇（街道）',
};

registerEnumType(DepartmentKind, {
  name: 'DepartmentKind',
  description: 'Kind of organisation unit; 机关/局 is the root of a tree',
  valuesConfig: enumDescriptions(DepartmentKind, DEPARTMENT_KIND_LABEL),
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

export const DEPARTMENT_SCOPE_LABEL: Readonly<Record<DepartmentScope, string>> = {
  [DepartmentScope.SUBORDINATE_UNITS]: '局属各单位',
  [DepartmentScope.OFFICES]: '机关各科室',
  [DepartmentScope.COUNTY_UNITS]: '县直各单位',
  [DepartmentScope.TOWNSHIPS]: '各乡镇',
};

registerEnumType(DepartmentScope, {
  name: 'DepartmentScope',
  description: 'A scope written in a plan that expands to every department of a kind',
  valuesConfig: enumDescriptions(DepartmentScope, DEPARTMENT_SCOPE_LABEL),
});

export const SCOPE_KIND: Record<DepartmentScope, DepartmentKind> = {
  [DepartmentScope.SUBORDINATE_UNITS]: DepartmentKind.SUBORDINATE_UNIT,
  [DepartmentScope.OFFICES]: DepartmentKind.OFFICE,
  [DepartmentScope.COUNTY_UNITS]: DepartmentKind.COUNTY_UNIT,
  [DepartmentScope.TOWNSHIPS]: DepartmentKind.TOWNSHIP,
};
