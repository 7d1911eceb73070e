import { BadInputError, ConflictError, NotFoundError } from '../../errors.js';
import { SUPERVISION_NOTICE_STATE_LABEL, type SupervisionNoticeState } from './supervision-enums.js';

export class SupervisionNoticeNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('督办单', 'SUPERVISION_NOTICE_NOT_FOUND', id);
  }
}

export class NotOfDepartmentError extends BadInputError {
  constructor(what: string, field: string) {
    super(`所选${what}不属于被督办单位，请核对`, 'NOT_OF_DEPARTMENT', field);
  }
}

/** The step a 督办单 is in does not allow this action (e.g. 回复 before 签收, 办结 before a reply). */
export class SupervisionStepError extends ConflictError {
  constructor(action: string, state: SupervisionNoticeState, field = 'id') {
    super(`督办单当前为“${SUPERVISION_NOTICE_STATE_LABEL[state]}”，不能${action}`, 'SUPERVISION_STEP', field, { state });
  }
}
