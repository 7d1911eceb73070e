import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { StaleVersionError } from '../../errors.js';
import { parseId } from '../../core/ids.js';
import { Department } from '../departments/department.entity.js';
import { DepartmentService } from '../departments/department.service.js';
import { BadInputError } from '../../errors.js';
import { DepartmentRequiredError, UsernameTakenError, UserNotFoundError, WeakPasswordError } from './auth.errors.js';
import type { CreateUserInput, UpdateUserInput } from './auth.inputs.js';
import { hashPassword, passwordProblem } from './password.js';
import { normaliseUsername, signOutEverywhere } from './auth.service.js';
import { LoginThrottle } from './login-throttle.entity.js';
import { Role } from './role.js';
import { User } from './user.entity.js';
import { assertAdmin, departmentScopeWhere, type Viewer } from './viewer.js';

/** Accounts, managed by admins. Callers are authorised by the access rules (admin only). */
export class UserService {
  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Viewer,
  ) {}

  /** Users the viewer may see: admins all, department heads those of their departments. */
  async listUsers(): Promise<User[]> {
    const scope = departmentScopeWhere(this.viewer);
    return this.em.find(User, scope ? { department: scope } : {}, { orderBy: { username: 'asc' } });
  }

  async createUser(input: CreateUserInput): Promise<User> {
    assertAdmin(this.viewer, 'createUser');
    const problem = passwordProblem(input.password);
    if (problem) throw new WeakPasswordError(problem);
    const username = input.username.toLowerCase();
    return this.em
      .transactional(async (em) => {
        if (await em.count(User, { username })) throw new UsernameTakenError(username);
        const department = await this.departmentFor(em, input.role, input.departmentId);
        return em.create(User, {
          username,
          displayName: input.displayName.trim(),
          passwordHash: await hashPassword(input.password),
          role: input.role,
          department,
        });
      })
      .catch((e: unknown) => {
        // Two creations of one name at once: the database's unique index decides.
        throw e instanceof UniqueConstraintViolationException ? new UsernameTakenError(username) : e;
      });
  }

  async updateUser(input: UpdateUserInput): Promise<User> {
    assertAdmin(this.viewer, 'updateUser');
    if (input.password) {
      const problem = passwordProblem(input.password);
      if (problem) throw new WeakPasswordError(problem);
    }
    return this.em.transactional(async (em) => {
      const user = await em.findOne(User, { id: parseId(input.id, (v) => new UserNotFoundError(v)) }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!user) throw new UserNotFoundError(input.id);
      if (user.version !== input.version) throw new StaleVersionError('用户', input.version, user.version);
      if (input.displayName != null) user.displayName = input.displayName.trim();
      const role = input.role ?? user.role;
      if (input.role != null || input.departmentId !== undefined) {
        const department = await this.departmentFor(em, role, input.departmentId === undefined ? (user.department?.id ?? null) : input.departmentId);
        user.role = role;
        user.department = department ? em.getReference(Department, department.id, { wrapped: true }) : null;
      }
      let revoke = false;
      if (input.isActive != null && input.isActive !== user.isActive) {
        user.isActive = input.isActive;
        revoke ||= !input.isActive;
      }
      if (input.password) {
        user.passwordHash = await hashPassword(input.password);
        revoke = true;
      }
      if (input.unlock) {
        user.lockedUntil = null;
        user.failedLogins = 0;
        await em.nativeDelete(LoginThrottle, { name: normaliseUsername(user.username) });
      }
      if (revoke) await signOutEverywhere(em, user);
      return user;
    });
  }

  private async departmentFor(em: EntityManager, role: Role, departmentId: string | number | null | undefined): Promise<Department | null> {
    if (role === Role.SCREEN) throw new BadInputError('大屏请使用大屏令牌，不能作为用户角色', 'INVALID_ROLE', 'role');
    if (departmentId == null) {
      if (role !== Role.ADMIN) throw new DepartmentRequiredError();
      return null;
    }
    return new DepartmentService(em).getDepartment(departmentId);
  }
}
