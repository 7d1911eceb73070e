import { BadInputError, DomainError, ForbiddenError, NotFoundError } from '../../errors.js';

export class UnauthenticatedError extends DomainError {
  readonly code = 'UNAUTHENTICATED' as const;
}

export class InvalidCredentialsError extends UnauthenticatedError {
  constructor() {
    super('用户名或密码错误', 'INVALID_CREDENTIALS');
  }
}

export class AccountLockedError extends UnauthenticatedError {
  constructor(until: Date) {
    super(`登录失败次数过多，账号已锁定至 ${formatShanghaiTime(until)}，请稍后再试或联系管理员`, 'ACCOUNT_LOCKED', undefined, {
      lockedUntil: until.toISOString(),
    });
  }
}

export class AccountDisabledError extends UnauthenticatedError {
  constructor() {
    super('账号已停用，请联系管理员', 'ACCOUNT_DISABLED');
  }
}

export class InvalidTokenError extends UnauthenticatedError {
  constructor(reason: 'TOKEN_INVALID' | 'TOKEN_EXPIRED' | 'TOKEN_REVOKED' = 'TOKEN_INVALID') {
    super(reason === 'TOKEN_REVOKED' ? '登录凭证已失效，请重新登录' : '登录凭证无效或已过期，请重新登录', reason);
  }
}

export class LoginRequiredError extends UnauthenticatedError {
  constructor() {
    super('请先登录', 'LOGIN_REQUIRED');
  }
}

export class RoleForbiddenError extends ForbiddenError {
  constructor(operation: string) {
    super(`您的角色无权执行此操作（${operation}）`, 'ROLE_FORBIDDEN', undefined, { operation });
  }
}

export class OutOfScopeError extends ForbiddenError {
  constructor(what: string) {
    super(`无权访问其他单位的${what}`, 'OUT_OF_SCOPE');
  }
}

export class ScreenTokenNotFoundError extends NotFoundError {
  constructor(id: string | number) {
    super('大屏令牌', 'SCREEN_TOKEN_NOT_FOUND', id);
  }
}

/** A one-time wall-screen link that is unknown, already used or expired: ask the admin for a new one. */
export class ScreenLinkInvalidError extends UnauthenticatedError {
  constructor(reason: 'SCREEN_LINK_INVALID' | 'SCREEN_LINK_USED' | 'SCREEN_LINK_EXPIRED') {
    const what = { SCREEN_LINK_INVALID: '无效', SCREEN_LINK_USED: '已被使用过', SCREEN_LINK_EXPIRED: '已过期' }[reason];
    super(`大屏链接${what}（一次性链接只能打开一次），请向管理员索取新链接`, reason);
  }
}

export class UserNotFoundError extends NotFoundError {
  constructor(id: string | number) {
    super('用户', 'USER_NOT_FOUND', id);
  }
}

export class UsernameTakenError extends BadInputError {
  constructor(username: string) {
    super(`用户名“${username}”已被使用`, 'USERNAME_TAKEN', 'username');
  }
}

export class WeakPasswordError extends BadInputError {
  constructor(problem: string) {
    super(problem, 'WEAK_PASSWORD', 'password');
  }
}

export class DepartmentRequiredError extends BadInputError {
  constructor() {
    super('科室负责人和信息员须指定所属单位', 'DEPARTMENT_REQUIRED', 'departmentId');
  }
}

function formatShanghaiTime(d: Date): string {
  return new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false }).format(d);
}
