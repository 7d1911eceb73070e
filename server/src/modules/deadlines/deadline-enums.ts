import { registerEnumType } from 'type-graphql';
import { enumDescriptions } from '../../core/enum-labels.js';

/** How a rule computes a due date. */
export enum RuleKind {
  /** N个工作日内: the N-th working day after the event (event day not counted). */
  WORKING_DAYS = 'WORKING_DAYS',
  /** N日内 (calendar days); a last day on a holiday moves to the next working day (民法典第二百零三条). */
  CALENDAR_DAYS = 'CALENDAR_DAYS',
  /** 每年M月D日前: a fixed date each year, that date included. */
  FIXED_DATE = 'FIXED_DATE',
  /** A recurring maximum gap since the last event (政务新媒体: warn after warnDays, veto at vetoDays). */
  MAX_GAP = 'MAX_GAP',
  /** A due date set by a person (tasks of the plan). */
  EXPLICIT = 'EXPLICIT',
}
export const RULE_KIND_LABEL: Readonly<Record<RuleKind, string>> = {
  WORKING_DAYS: '工作日',
  CALENDAR_DAYS: '自然日',
  FIXED_DATE: '每年固定日期',
  MAX_GAP: '最长间隔',
  EXPLICIT: '人工设定',
};
registerEnumType(RuleKind, {
  name: 'RuleKind',
  description:
    'How a rule computes a due date. 工作日: N个工作日内 (the event day not counted). 自然日: N日内, a last day on a holiday moving to the next working day. ' +
    '每年固定日期: 每年M月D日前. 最长间隔: a recurring maximum gap since the last event (如政务新媒体更新). 人工设定: a due date set by a person.',
  valuesConfig: enumDescriptions(RuleKind, RULE_KIND_LABEL),
});

/** What a deadline belongs to. */
export enum DeadlineKind {
  TASK = 'TASK',
  APPLICATION = 'APPLICATION',
  PROPOSAL = 'PROPOSAL',
  MESSAGE = 'MESSAGE',
  PENALTY = 'PENALTY',
  NEW_MEDIA = 'NEW_MEDIA',
  /** 政府信息公开工作年度报告: published by 31 January (a government: 31 March). */
  ANNUAL_REPORT = 'ANNUAL_REPORT',
  /** A 督办单's reply-by date. */
  SUPERVISION = 'SUPERVISION',
}
export const DEADLINE_KIND_LABEL: Readonly<Record<DeadlineKind, string>> = {
  TASK: '工作任务',
  APPLICATION: '依申请公开',
  PROPOSAL: '建议提案',
  MESSAGE: '网站留言',
  PENALTY: '行政处罚',
  NEW_MEDIA: '政务新媒体',
  ANNUAL_REPORT: '年度报告',
  SUPERVISION: '督办单',
};
registerEnumType(DeadlineKind, {
  name: 'DeadlineKind',
  description:
    'What a deadline belongs to: a task of the 工作要点, an 依申请公开 application, the disclosure of a 建议提案 reply, the answer to a 网站留言, the publication of a 行政处罚 decision, a 政务新媒体 account to update, the 政府信息公开工作年度报告 to publish, or the reply to a 督办单.',
  valuesConfig: enumDescriptions(DeadlineKind, DEADLINE_KIND_LABEL),
});

export enum DeadlineState {
  ON_TRACK = 'ON_TRACK',
  /** Within `dueSoonWorkingDays` of the due date (default 2). */
  DUE_SOON = 'DUE_SOON',
  OVERDUE = 'OVERDUE',
  /** Past twice its period. */
  LONG_OVERDUE = 'LONG_OVERDUE',
  /** The clock is stopped: waiting for the applicant's 补正, or a third-party consultation. Never overdue. */
  PAUSED = 'PAUSED',
  DONE = 'DONE',
}
export const DEADLINE_STATE_LABEL: Readonly<Record<DeadlineState, string>> = {
  ON_TRACK: '正常',
  DUE_SOON: '即将到期',
  OVERDUE: '已逾期',
  LONG_OVERDUE: '严重逾期',
  PAUSED: '暂停计时',
  DONE: '已办结',
};
registerEnumType(DeadlineState, {
  name: 'DeadlineState',
  description:
    "即将到期: within the rule's dueSoonWorkingDays of the due date. 严重逾期: more than the rule's longOverdueWorkingDays overdue (by default, past twice its period). 暂停计时: the clock is stopped while waiting for the applicant's 补正 or a consultation (征求意见); never overdue.",
  valuesConfig: enumDescriptions(DeadlineState, DEADLINE_STATE_LABEL),
});

export const OPEN_TIMED_STATES = [DeadlineState.ON_TRACK, DeadlineState.DUE_SOON, DeadlineState.OVERDUE];
