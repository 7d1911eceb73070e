import type { FilterQuery } from '@mikro-orm/postgresql';
import type { Department } from '../departments/department.entity.js';
import { RoleForbiddenError } from './auth.errors.js';
import { Role } from './role.js';

/**
 * Which departments a principal may see or touch: whole subtrees (by path) and single
 * departments. `null` means every department (admins, unrestricted screens).
 */
export interface DepartmentScopeSet {
  subtreePaths: string[];
  exactIds: number[];
}

/** Who is calling: a signed-in user or a wall-screen token. Resolved once per request. */
export interface Viewer {
  kind: 'user' | 'screen';
  /** User id or screen-token id. */
  id: number;
  /** Username or screen label, for the audit trail. */
  name: string;
  role: Role;
  scope: DepartmentScopeSet | null;
  departmentId: number | null;
  sessionId?: string;
}

/** The scope a role gives over its own department. */
export function scopeOf(role: Role, department: Pick<Department, 'id' | 'path'> | null): DepartmentScopeSet | null {
  switch (role) {
    case Role.ADMIN:
      return null;
    case Role.DEPARTMENT_HEAD:
      return { subtreePaths: department ? [department.path] : [], exactIds: [] };
    case Role.LIAISON:
      return { subtreePaths: [], exactIds: department ? [department.id] : [] };
    case Role.SCREEN:
      throw new Error('screen scopes come from the token');
  }
}

export function canSeeDepartment(viewer: Viewer, department: Pick<Department, 'id' | 'path'>): boolean {
  const scope = viewer.scope;
  if (!scope) return true;
  return scope.exactIds.includes(department.id) || scope.subtreePaths.some((p) => department.path.startsWith(p));
}

/** A Department filter matching the viewer's scope; undefined when unrestricted. */
export function departmentScopeWhere(viewer: Viewer): FilterQuery<Department> | undefined {
  const scope = viewer.scope;
  if (!scope) return undefined;
  const or: FilterQuery<Department>[] = [
    ...scope.subtreePaths.map((p) => ({ path: { $like: `${p}%` } })),
    ...(scope.exactIds.length ? [{ id: { $in: scope.exactIds } }] : []),
  ];
  // An empty scope sees nothing.
  return or.length ? { $or: or } : { id: -1 };
}

export const isWriter = (viewer: Viewer) => viewer.kind === 'user';

/** The server itself (seeding, bootstrap): an admin that is nobody. */
export const SYSTEM_VIEWER: Viewer = { kind: 'user', id: 0, name: 'system', role: Role.ADMIN, scope: null, departmentId: null };

/** Second line of defence behind the access rules, first line of admin-only service methods. */
export function assertAdmin(viewer: Viewer, operation: string): void {
  if (viewer.role !== Role.ADMIN) throw new RoleForbiddenError(operation);
}

/** Stand-in for "no viewer given" in service methods that need one: has no rights. */
export const ANONYMOUS: Viewer = { kind: 'screen', id: 0, name: 'anonymous', role: Role.SCREEN, scope: { subtreePaths: [], exactIds: [] }, departmentId: null };
