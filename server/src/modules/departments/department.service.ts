import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { parseId } from '../../core/ids.js';
import { StaleVersionError } from '../../errors.js';
import { OutOfScopeError } from '../auth/auth.errors.js';
import { ANONYMOUS, assertAdmin, canSeeDepartment, type Viewer } from '../auth/viewer.js';
import { Department } from './department.entity.js';
import { DepartmentCodeTakenError, DepartmentCycleError, DepartmentNotFoundError, RootKindError } from './department.errors.js';
import type { CreateDepartmentInput, DepartmentFilter, UpdateDepartmentInput } from './department.inputs.js';
import { DepartmentKind, DepartmentScope, SCOPE_KIND } from './department-kind.js';

export class DepartmentService {
  /** Reads need no viewer (the tree is visible to every signed-in caller); writes do. */
  constructor(
    private readonly em: EntityManager,
    private readonly viewer?: Viewer,
  ) {}

  /** The tree in display order: by path depth-first, siblings by sortOrder then id. */
  async listDepartments(filter: DepartmentFilter = {}): Promise<Department[]> {
    const where: Record<string, unknown> = {};
    if (filter.kind) where.kind = filter.kind;
    if (filter.withinId) {
      const root = await this.getDepartment(filter.withinId);
      where.path = { $like: `${root.path}%` };
    }
    const rows = await this.em.find(Department, where, { orderBy: { path: 'asc' } });
    return sortAsTree(rows);
  }

  async findDepartment(id: string | number): Promise<Department | null> {
    return this.em.findOne(Department, { id: parseId(id, (v) => new DepartmentNotFoundError(v)) });
  }

  async getDepartment(id: string | number): Promise<Department> {
    const found = await this.findDepartment(id);
    if (!found) throw new DepartmentNotFoundError(id);
    return found;
  }

  /** A department the viewer may see; another department's is refused as out of scope (`what` names the data). */
  async getVisibleDepartment(viewer: Viewer, id: string | number, what: string): Promise<Department> {
    const department = await this.getDepartment(id);
    if (!canSeeDepartment(viewer, department)) throw new OutOfScopeError(what);
    return department;
  }

  async createDepartment(input: CreateDepartmentInput): Promise<Department> {
    assertAdmin(this.viewer ?? ANONYMOUS, 'createDepartment');
    return this.em
      .transactional(async (em) => {
        const service = new DepartmentService(em);
        const parent = input.parentId ? await service.getDepartment(input.parentId) : null;
        if (!parent !== (input.kind === DepartmentKind.ORGANIZATION)) throw new RootKindError();
        await service.assertCodeFree(input.code);
        const department = em.create(Department, {
          name: input.name.trim(),
          code: input.code,
          kind: input.kind,
          parent,
          creditCode: input.creditCode ?? null,
          sortOrder: input.sortOrder ?? 0,
          path: '',
        });
        await em.flush();
        department.path = `${parent?.path ?? '/'}${department.id}/`;
        await em.flush();
        return department;
      })
      .catch((e: unknown) => {
        throw e instanceof UniqueConstraintViolationException ? new DepartmentCodeTakenError(input.code) : e;
      });
  }

  async updateDepartment(input: UpdateDepartmentInput): Promise<Department> {
    assertAdmin(this.viewer ?? ANONYMOUS, 'updateDepartment');
    return this.em.transactional(async (em) => {
      const service = new DepartmentService(em);
      const id = parseId(input.id, (v) => new DepartmentNotFoundError(v));
      const department = await em.findOne(Department, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!department) throw new DepartmentNotFoundError(input.id);
      if (department.version !== input.version) throw new StaleVersionError('单位/科室', input.version, department.version);
      if (input.name != null) department.name = input.name.trim();
      if (input.creditCode !== undefined) department.creditCode = input.creditCode;
      if (input.sortOrder != null) department.sortOrder = input.sortOrder;
      if (input.kind != null) department.kind = input.kind;
      if (input.parentId != null) await service.move(department, await service.getDepartment(input.parentId));
      if ((department.parent == null) !== (department.kind === DepartmentKind.ORGANIZATION)) throw new RootKindError();
      await em.flush();
      return department;
    });
  }

  /** All departments of the scope's kind inside the organisation's subtree. */
  async expandScopes(organization: Department, scopes: DepartmentScope[]): Promise<Department[]> {
    if (!scopes.length) return [];
    return this.em.find(
      Department,
      { path: { $like: `${organization.path}%` }, kind: { $in: scopes.map((s) => SCOPE_KIND[s]) } },
      { orderBy: { path: 'asc' } },
    );
  }

  private async move(department: Department, parent: Department): Promise<void> {
    if (parent.path.startsWith(department.path)) throw new DepartmentCycleError(department.name, parent.name);
    const oldPath = department.path;
    const newPath = `${parent.path}${department.id}/`;
    if (oldPath === newPath) return;
    department.parent = this.em.getReference(Department, parent.id, { wrapped: true });
    department.path = newPath;
    // Descendants keep their ids; only their path prefix changes.
    await this.em.execute(`update department set path = ? || substr(path, ?) where path like ? and id <> ?`, [
      newPath,
      oldPath.length + 1,
      `${oldPath}%`,
      department.id,
    ]);
  }

  private async assertCodeFree(code: string): Promise<void> {
    if (await this.em.count(Department, { code })) throw new DepartmentCodeTakenError(code);
  }
}

/** Orders a path-sorted list depth-first with siblings by sortOrder, then id. */
function sortAsTree(rows: Department[]): Department[] {
  const byParent = new Map<number | null, Department[]>();
  const ids = new Set(rows.map((d) => d.id));
  for (const d of rows) {
    const parentId = d.parent && ids.has(d.parent.id) ? d.parent.id : null;
    byParent.set(parentId, [...(byParent.get(parentId) ?? []), d]);
  }
  const out: Department[] = [];
  const visit = (parentId: number | null) => {
    const children = (byParent.get(parentId) ?? []).sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id);
    for (const c of children) {
      out.push(c);
      visit(c.id);
    }
  };
  visit(null);
  return out;
}
