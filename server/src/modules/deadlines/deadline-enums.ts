import { registerEnumType } from 'type-graphql';

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
registerEnumType(RuleKind, {
  name: 'RuleKind',
  valuesConfig: {
    WORKING_DAYS: { description: 'N个工作日内' },
    CALENDAR_DAYS: { description: 'N日内（自然日）' },
    FIXED_DATE: { description: '每年固定日期前' },
    MAX_GAP: { description: '最长间隔（如政务新媒体更新）' },
    EXPLICIT: { description: '人工设定的截止日期' },
  },
});

/** What a deadline belongs to. */
export enum DeadlineKind {
  TASK = 'TASK',
  APPLICATION = 'APPLICATION',
  PROPOSAL = 'PROPOSAL',
  MESSAGE = 'MESSAGE',
  PENALTY = 'PENALTY',
  NEW_MEDIA = 'NEW_MEDIA',
}
registerEnumType(DeadlineKind, {
  name: 'DeadlineKind',
  valuesConfig: {
    TASK: { description: '工作要点任务' },
    APPLICATION: { description: '依申请公开' },
    PROPOSAL: { description: '建议提案办理结果公开' },
    MESSAGE: { description: '网站留言答复' },
    PENALTY: { description: '行政处罚决定公开' },
    NEW_MEDIA: { description: '政务新媒体更新' },
  },
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
registerEnumType(DeadlineState, {
  name: 'DeadlineState',
  valuesConfig: {
    ON_TRACK: { description: '正常' },
    DUE_SOON: { description: '即将到期' },
    OVERDUE: { description: '已逾期' },
    LONG_OVERDUE: { description: '严重逾期（超过两倍期限）' },
    PAUSED: { description: '暂停计时（待补正/征求意见）' },
    DONE: { description: '已办结' },
  },
});

export const OPEN_TIMED_STATES = [DeadlineState.ON_TRACK, DeadlineState.DUE_SOON, DeadlineState.OVERDUE];
