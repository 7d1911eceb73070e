import { registerEnumType } from 'type-graphql';
import { enumDescriptions } from '../../core/enum-labels.js';

/** 牵头 (lead) or 配合 (cooperating). */
export enum TaskRole {
  LEAD = 'LEAD',
  COOPERATING = 'COOPERATING',
}
export const TASK_ROLE_LABEL: Readonly<Record<TaskRole, string>> = { LEAD: '牵头', COOPERATING: '配合' };
registerEnumType(TaskRole, {
  name: 'TaskRole',
  description: 'A department’s part in a task: 牵头 (lead) or 配合 (cooperating)',
  valuesConfig: enumDescriptions(TaskRole, TASK_ROLE_LABEL),
});

export enum TaskStatus {
  NOT_STARTED = 'NOT_STARTED',
  IN_PROGRESS = 'IN_PROGRESS',
  DONE = 'DONE',
  /** 不在我单位职能范围内 — needs a reason. */
  NOT_APPLICABLE = 'NOT_APPLICABLE',
}
export const TASK_STATUS_LABEL: Readonly<Record<TaskStatus, string>> = {
  NOT_STARTED: '未开始',
  IN_PROGRESS: '进行中',
  DONE: '已完成',
  NOT_APPLICABLE: '不适用',
};
registerEnumType(TaskStatus, {
  name: 'TaskStatus',
  description:
    '不适用: not within the unit’s remit (不在我单位职能范围内), which needs a reason (须说明理由). 已完成 goes with 100 % progress, 未开始 with 0 %.',
  valuesConfig: enumDescriptions(TaskStatus, TASK_STATUS_LABEL),
});
