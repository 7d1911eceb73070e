import { BadInputError, ConflictError, NotFoundError } from '../../errors.js';

export class DepartmentNotFoundError extends NotFoundError {
  constructor(id: string | number) {
    super('单位/科室', 'DEPARTMENT_NOT_FOUND', id);
  }
}

export class DepartmentCycleError extends BadInputError {
  constructor(name: string, parentName: string) {
    super(`不能把“${name}”移到“${parentName}”之下：上级单位不能是它自己或它的下级`, 'DEPARTMENT_CYCLE', 'parentId');
  }
}

export class DepartmentCodeTakenError extends ConflictError {
  constructor(code: string) {
    super(`编码“${code}”已被其他单位使用`, 'DEPARTMENT_CODE_TAKEN', 'code');
  }
}

export class RootKindError extends BadInputError {
  constructor() {
    super('只有机关（根单位）可以没有上级单位；根单位的类型须为“机关”', 'ROOT_KIND_MISMATCH', 'kind');
  }
}
