import { registerEnumType } from 'type-graphql';

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

registerEnumType(Role, {
  name: 'Role',
  valuesConfig: {
    ADMIN: { description: '管理员（政务公开办）' },
    DEPARTMENT_HEAD: { description: '科室负责人' },
    LIAISON: { description: '信息员' },
    SCREEN: { description: '大屏（只读令牌）' },
  },
});

export const ROLE_LABEL: Record<Role, string> = {
  ADMIN: '管理员',
  DEPARTMENT_HEAD: '科室负责人',
  LIAISON: '信息员',
  SCREEN: '大屏',
};

/** Roles a user account can have (SCREEN belongs to screen tokens). */
export type UserRole = Exclude<Role, Role.SCREEN>;
