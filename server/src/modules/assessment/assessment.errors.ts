import { BadInputError, ConflictError, NotFoundError } from '../../errors.js';
import { ASSESSMENT_SHEET_STATE_LABEL, type AssessmentSheetState } from './assessment-enums.js';

export class AssessmentSetNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('考核指标体系', 'ASSESSMENT_SET_NOT_FOUND', id);
  }
}

/** No indicator set for that organisation and period. */
export class NoAssessmentSetError extends BadInputError {
  constructor(organizationName: string, periodLabel: string) {
    super(`${organizationName}尚未设置${periodLabel}的考核指标体系，请先在“考核”页面设置`, 'NO_ASSESSMENT_SET', 'period', { period: periodLabel });
  }
}

export class InvalidPeriodError extends BadInputError {
  constructor(value: string) {
    super(`考核期“${value}”无效：须为年度（如 2026）或半年（如 2026-H2）`, 'INVALID_PERIOD', 'period');
  }
}

export class NotAnOrganizationError extends BadInputError {
  constructor(name: string) {
    super(`“${name}”不是机关/局，不能设置考核（请选择被考核单位的上级机关）`, 'NOT_AN_ORGANIZATION', 'organizationId');
  }
}

export class NotAnAssessedUnitError extends BadInputError {
  constructor(name: string, organizationName: string) {
    super(`“${name}”不是${organizationName}的直属被考核单位`, 'NOT_AN_ASSESSED_UNIT', 'departmentId');
  }
}

export class InvalidAssessmentSetError extends BadInputError {
  constructor(message: string, field: string) {
    super(message, 'INVALID_ASSESSMENT_SET', field);
  }
}

export class UnknownItemError extends BadInputError {
  constructor(code: string) {
    super(`指标体系中没有第“${code}”项`, 'UNKNOWN_ITEM', 'itemCode');
  }
}

export class InvalidEntryError extends BadInputError {
  constructor(message: string, reason: string, field: string) {
    super(message, reason, field);
  }
}

export class AssessmentSheetStepError extends ConflictError {
  constructor(action: string, state: AssessmentSheetState) {
    super(`评分表当前为“${ASSESSMENT_SHEET_STATE_LABEL[state]}”，不能${action}`, 'ASSESSMENT_SHEET_STEP', 'departmentId', { state });
  }
}

export class AssessmentSetInUseError extends ConflictError {
  constructor(units: number) {
    super(`已有${units}个单位的评分表定稿，不能修改或删除该指标体系（如需调整，请先重新打开这些评分表）`, 'ASSESSMENT_SET_IN_USE', 'id', { units });
  }
}
