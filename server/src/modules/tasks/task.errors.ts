import { BadInputError, ConflictError, NotFoundError } from '../../errors.js';
import { TASK_STATUS_LABEL } from './task-enums.js';

export class TaskNotFoundError extends NotFoundError {
  constructor(id: string | number) {
    super('任务', 'TASK_NOT_FOUND', id);
  }
}

export class NotApplicableReasonRequiredError extends BadInputError {
  constructor() {
    super(`标记为“${TASK_STATUS_LABEL.NOT_APPLICABLE}”时须说明理由（如：不在我单位职能范围内）`, 'NOT_APPLICABLE_REASON_REQUIRED', 'notApplicableReason');
  }
}

export class ChecklistMismatchError extends BadInputError {
  constructor(expected: number, got: number) {
    super(`清单共有 ${expected} 项，提交了 ${got} 项`, 'CHECKLIST_LENGTH_MISMATCH', 'checklist');
  }
}

export class InvalidDueRangeError extends BadInputError {
  constructor() {
    super('截止日期范围有误：起始日期晚于结束日期', 'INVALID_DUE_RANGE', 'dueFrom');
  }
}

export class TaskRetiredError extends ConflictError {
  constructor() {
    super('该任务已不再分配给本单位（工作要点已调整或停用），不能再更新进展', 'TASK_RETIRED', 'id');
  }
}

/**
 * Status and progress contradict each other: 已完成 is 100 %, 未开始 is 0 % (task-progress.ts).
 * Reported on the progress field: that is the figure to correct (or else the status).
 */
export class StatusProgressMismatchError extends BadInputError {
  constructor(requiredProgress: 0 | 100, progress: number) {
    super(
      requiredProgress === 100
        ? `状态为“${TASK_STATUS_LABEL.DONE}”时进度应为100%（提交的是${progress}%）：请将进度改为100%；如尚未完成，请将状态改为“${TASK_STATUS_LABEL.IN_PROGRESS}”`
        : `状态为“${TASK_STATUS_LABEL.NOT_STARTED}”时进度应为0%（提交的是${progress}%）：请将进度改为0%；如已着手办理，请将状态改为“${TASK_STATUS_LABEL.IN_PROGRESS}”`,
      'STATUS_PROGRESS_MISMATCH',
      'progress',
      { expectedProgress: requiredProgress },
    );
  }
}
