import { registerEnumType } from 'type-graphql';
import { enumDescriptions } from '../../core/enum-labels.js';

/** What a signed-in principal may do. SCREEN is the read-only wall-screen token, not a user. */
export enum Role {
  /** 管理员: the disclosure office, everything. */
  ADMIN = 'ADMIN',
  /** 科室负责人: own department and its sub-departments. */
  DEPARTMENT_HEAD = 'DEPARTMENT_HEAD',
  /** 信息员: records publications and task progress for own department. */
  LIAISON = 'LIAISON',
  /** 大屏: read-only, optionally limited to some departments. */
  SCREEN = 'SCREEN',
}

export const ROLE_LABEL: Readonly<Record<Role, string>> = {
  ADMIN: '管理员',
  DEPARTMENT_HEAD: '科室负责人',
  LIAISON: '信息员',
  SCREEN: '大屏',
};

registerEnumType(Role, {
  name: 'Role',
  description:
    'What a principal may do. 管理员: the disclosure office (政务公开办), everything. 科室负责人: own department and its sub-departments. 信息员: publications and task progress of own department. 大屏: a read-only wall-screen token (not a user), optionally limited to some departments.',
  valuesConfig: enumDescriptions(Role, ROLE_LABEL),
});

/** Roles a user account can have (SCREEN belongs to screen tokens). */
export type UserRole = Exclude<Role, Role.SCREEN>;
