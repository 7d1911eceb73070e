import { BadInputError, ConflictError, NotFoundError } from '../../errors.js';

export class PlanNotFoundError extends NotFoundError {
  constructor(id: string | number) {
    super('工作要点（计划）', 'PLAN_NOT_FOUND', id);
  }
}

export class WorkPointNotFoundError extends NotFoundError {
  constructor(id: string | number) {
    super('工作要点条目', 'WORK_POINT_NOT_FOUND', id);
  }
}

export class WorkPointNumberTakenError extends ConflictError {
  constructor(number: string) {
    super(`本计划中已有编号为“${number}”的条目`, 'WORK_POINT_NUMBER_TAKEN', 'number');
  }
}

export class NotAnOrganizationError extends BadInputError {
  constructor(name: string) {
    super(`“${name}”不是机关（根单位），计划须属于一个机关`, 'NOT_AN_ORGANIZATION', 'organizationId');
  }
}

export class DepartmentOutsideOrganizationError extends BadInputError {
  constructor(name: string, field: string) {
    super(`“${name}”不属于本计划所在机关`, 'DEPARTMENT_OUTSIDE_ORGANIZATION', field);
  }
}

export class NoAssigneeError extends BadInputError {
  constructor() {
    super('请至少指定一个牵头科室', 'LEAD_REQUIRED', 'leadDepartmentIds');
  }
}

export class UnknownDepartmentNamesError extends BadInputError {
  constructor(names: string[]) {
    super(`文件中的以下单位在本机关下不存在：${names.join('、')}。请先建立这些单位，或选择“自动创建缺少的单位”`, 'UNKNOWN_DEPARTMENTS', 'text', { names });
  }
}

export class PlanRetiredError extends ConflictError {
  constructor(title: string) {
    super(`计划“${title}”已停用，请先恢复后再修改或新增条目`, 'PLAN_RETIRED', 'planId');
  }
}

export class WorkPointRetiredError extends ConflictError {
  constructor(number: string) {
    super(`工作要点条目“${number}”已停用，请先恢复后再修改或分解`, 'WORK_POINT_RETIRED', 'id');
  }
}

export class AlreadyRetiredError extends ConflictError {
  constructor(label: string) {
    super(`${label}已经停用`, 'ALREADY_RETIRED', 'id');
  }
}

export class NotRetiredError extends ConflictError {
  constructor(label: string) {
    super(`${label}未停用，无需恢复`, 'NOT_RETIRED', 'id');
  }
}

export class PlanWithoutPointsError extends ConflictError {
  constructor(title: string) {
    super(`计划“${title}”没有在用的工作要点条目，无可分解`, 'PLAN_WITHOUT_POINTS', 'id');
  }
}
