/**
 * Domain errors: typed, with a GraphQL error code and a specific reason, and a message in
 * Chinese that a person can act on. Mapped to GraphQL errors in one place (graphql/format-error.ts).
 */
export type ErrorCode = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT' | 'STALE_VERSION' | 'FORBIDDEN' | 'UNAUTHENTICATED' | 'TOO_MANY_REQUESTS';

export abstract class DomainError extends Error {
  abstract readonly code: ErrorCode;
  constructor(
    message: string,
    /** Specific reason, e.g. TASK_NOT_FOUND, DEPARTMENT_CYCLE. */
    readonly reason: string,
    /** Input field the error is about, when there is one (for the UI to show it next to the field). */
    readonly field?: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class BadInputError extends DomainError {
  readonly code = 'BAD_USER_INPUT' as const;
}

export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND' as const;
  constructor(entityLabel: string, reason: string, id: string | number) {
    super(`${entityLabel}不存在（id=${id}）`, reason, 'id', { id: String(id) });
  }
}

export class ConflictError extends DomainError {
  readonly code = 'CONFLICT' as const;
}

/** Someone else changed the record first: reload and try again. Never a silent overwrite. */
export class StaleVersionError extends DomainError {
  readonly code = 'STALE_VERSION' as const;
  constructor(entityLabel: string, expected: number, actual: number) {
    super(`${entityLabel}已被他人修改（您提交的版本 ${expected}，当前版本 ${actual}），请刷新后重试`, 'STALE_VERSION', 'version', {
      expectedVersion: expected,
      currentVersion: actual,
    });
  }
}

export class ForbiddenError extends DomainError {
  readonly code = 'FORBIDDEN' as const;
}

/**
 * A required text field, trimmed: blank after trimming is missing. class-validator's @Length counts
 * spaces, so "   " passes it; call this before storing. Returns the trimmed text.
 */
export function requireText(value: string | null | undefined, field: string, reason: string, message: string): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!text) throw new BadInputError(message, reason, field);
  return text;
}
