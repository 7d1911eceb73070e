import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { paginate, type Connection, type PageArgs } from '../../core/pagination.js';
import { parseId } from '../../core/ids.js';
import { Department } from '../departments/department.entity.js';
import { DepartmentService } from '../departments/department.service.js';
import { OutOfScopeError } from '../auth/auth.errors.js';
import { assertAdmin, departmentScopeWhere, type Viewer } from '../auth/viewer.js';
import { AuditEntry } from './audit-entry.entity.js';
import type { AuditLogFilter } from './audit.inputs.js';
import { verifyAuditChain, type AuditIntegrity } from './audit-integrity.js';

export class AuditService {
  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Viewer,
  ) {}

  /** Checks the whole hash chain (admins only: it reads every entry). */
  async verifyIntegrity(): Promise<AuditIntegrity> {
    assertAdmin(this.viewer, 'auditIntegrity');
    return verifyAuditChain(this.em);
  }

  /** The trail, newest first. Admins see everything; a department head sees entries about their departments. */
  async listAuditLog(filter: AuditLogFilter, page: PageArgs): Promise<Connection<AuditEntry>> {
    const and: FilterQuery<AuditEntry>[] = [];
    const scope = departmentScopeWhere(this.viewer);
    if (scope) {
      const visible = await this.em.find(Department, scope, { fields: ['id'] });
      and.push({ departmentId: { $in: visible.map((d) => d.id) } });
    }
    if (filter.departmentId) {
      const department = await new DepartmentService(this.em).getVisibleDepartment(this.viewer, filter.departmentId, '操作记录');
      const subtree = await this.em.find(Department, { path: { $like: `${department.path}%` } }, { fields: ['id'] });
      and.push({ departmentId: { $in: subtree.map((d) => d.id) } });
    }
    if (filter.operation) and.push({ operation: filter.operation });
    if (filter.targetType) and.push({ targetType: filter.targetType });
    if (filter.targetId) and.push({ targetId: filter.targetId });
    if (filter.actorId) and.push({ actorType: 'user', actorId: parseId(filter.actorId, () => new OutOfScopeError('操作记录')) });
    if (filter.from) and.push({ at: { $gte: filter.from } });
    if (filter.to) and.push({ at: { $lte: filter.to } });
    return paginate(this.em, AuditEntry, and.length ? { $and: and } : {}, page, 'desc');
  }
}
