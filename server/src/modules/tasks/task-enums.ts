import { registerEnumType } from 'type-graphql';

/** 牵头 (lead) or 配合 (cooperating). */
export enum TaskRole {
  LEAD = 'LEAD',
  COOPERATING = 'COOPERATING',
}
registerEnumType(TaskRole, {
  name: 'TaskRole',
  valuesConfig: { LEAD: { description: '牵头' }, COOPERATING: { description: '配合' } },
});

export enum TaskStatus {
  NOT_STARTED = 'NOT_STARTED',
  IN_PROGRESS = 'IN_PROGRESS',
  DONE = 'DONE',
  /** 不在我单位职能范围内 — needs a reason. */
  NOT_APPLICABLE = 'NOT_APPLICABLE',
}
registerEnumType(TaskStatus, {
  name: 'TaskStatus',
  valuesConfig: {
    NOT_STARTED: { description: '未开始' },
    IN_PROGRESS: { description: '进行中' },
    DONE: { description: '已完成' },
    NOT_APPLICABLE: { description: '不适用（须说明理由）' },
  },
});

export const TASK_STATUS_LABEL: Record<TaskStatus, string> = {
  NOT_STARTED: '未开始',
  IN_PROGRESS: '进行中',
  DONE: '已完成',
  NOT_APPLICABLE: '不适用',
};
