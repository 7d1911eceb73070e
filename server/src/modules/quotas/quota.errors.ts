import { BadInputError, ConflictError, NotFoundError } from '../../errors.js';

export class QuotaNotFoundError extends NotFoundError {
  constructor(id: string | number) {
    super('发布指标', 'QUOTA_NOT_FOUND', id);
  }
}

export class QuotaOverlapError extends ConflictError {
  constructor(existingId: number, what: string) {
    super(`${what}已有一条重叠的指标（指标 ${existingId}），请修改那一条，或调整适用年份`, 'QUOTA_OVERLAP', 'periodType', { existingId: String(existingId) });
  }
}

export class InvalidPeriodError extends BadInputError {
  constructor(text: string) {
    super(`统计周期“${text.slice(0, 40)}”无效，应为年度（2026）、季度（2026-Q4）或月份（2026-11）`, 'INVALID_PERIOD', 'period');
  }
}

export class QuotaSubjectError extends BadInputError {
  constructor() {
    super('请指定一个单位（departmentId），或一类单位（departmentKind 加 organizationId），二者只能选一', 'QUOTA_SUBJECT_REQUIRED', 'departmentId');
  }
}

export class QuotaYearRangeError extends BadInputError {
  constructor() {
    super('适用年份有误：起始年份晚于结束年份', 'INVALID_YEAR_RANGE', 'fromYear');
  }
}

export class QuotaOrganizationMismatchError extends BadInputError {
  constructor(name: string) {
    super(`“${name}”不是机关（根单位），或与所选单位不属于同一机关`, 'QUOTA_ORGANIZATION_MISMATCH', 'organizationId');
  }
}
