import { registerEnumType } from 'type-graphql';
import { enumDescriptions } from '../../core/enum-labels.js';

/** How an indicator (考核指标) is scored. */
export enum AssessmentRule {
  /** Scored by the office (复核) with a reason; the unit's 自评 beside it. */
  MANUAL = 'MANUAL',
  /** 信息发布数量: publications of the unit's subtree against a quarterly and a yearly figure. */
  PUBLICATION_QUOTA = 'PUBLICATION_QUOTA',
  /** 政务新媒体更新: a deduction per reminder to update; zero once an account went more than N days without an update. */
  NEW_MEDIA_FRESHNESS = 'NEW_MEDIA_FRESHNESS',
  /** Deadlines of some kinds met in time (依申请公开 answered within 20 working days, 建议提案 disclosed within 7 …). */
  DEADLINES_ON_TIME = 'DEADLINES_ON_TIME',
  /** A deduction per occurrence found by the office (表述错误 5分/次, 错别字 0.5分/个), capped. */
  OCCURRENCES = 'OCCURRENCES',
  /** 单项否决: zeroes other items (a group); set by the office, or automatically when a new-media account is idle. */
  VETO = 'VETO',
}
export const ASSESSMENT_RULE_LABEL: Readonly<Record<AssessmentRule, string>> = {
  MANUAL: '人工评分',
  PUBLICATION_QUOTA: '信息发布数量',
  NEW_MEDIA_FRESHNESS: '政务新媒体更新',
  DEADLINES_ON_TIME: '按时办理',
  OCCURRENCES: '按次扣分',
  VETO: '单项否决',
};
registerEnumType(AssessmentRule, {
  name: 'AssessmentRule',
  description:
    'How an indicator is scored: 人工评分 (by the office, with a reason), 信息发布数量 (publications against quarterly and yearly figures), 政务新媒体更新 (a deduction per reminder; zero after a long gap), 按时办理 (deadlines met in time: a rate or a deduction per late case), 按次扣分 (occurrences found by the office, capped), 单项否决 (zeroes other items).',
  valuesConfig: enumDescriptions(AssessmentRule, ASSESSMENT_RULE_LABEL),
});

/** How DEADLINES_ON_TIME turns cases into points. */
export enum TimelinessScoring {
  /** points = max × in time / all cases (no case: full points). */
  RATE = 'RATE',
  /** points = max − deduction × late cases, the deduction capped. */
  PER_LATE = 'PER_LATE',
}
export const TIMELINESS_SCORING_LABEL: Readonly<Record<TimelinessScoring, string>> = { RATE: '按及时率', PER_LATE: '逾期按件扣分' };
registerEnumType(TimelinessScoring, {
  name: 'TimelinessScoring',
  description: '按及时率: max × in time / all cases. 逾期按件扣分: max − deduction per late case (capped).',
  valuesConfig: enumDescriptions(TimelinessScoring, TIMELINESS_SCORING_LABEL),
});

/** A unit's score sheet: 自评 → 复核 → 定稿. */
export enum AssessmentSheetState {
  /** 自评: the unit scores itself and writes its 自查情况. */
  SELF_ASSESSING = 'SELF_ASSESSING',
  /** 复核: submitted; the office reviews. */
  REVIEWING = 'REVIEWING',
  /** 定稿: final; the score is frozen as it was. */
  FINAL = 'FINAL',
}
export const ASSESSMENT_SHEET_STATE_LABEL: Readonly<Record<AssessmentSheetState, string>> = {
  SELF_ASSESSING: '自评',
  REVIEWING: '复核',
  FINAL: '定稿',
};
registerEnumType(AssessmentSheetState, {
  name: 'AssessmentSheetState',
  description: '自评: the unit scores itself. 复核: submitted, the office reviews. 定稿: final, the score frozen.',
  valuesConfig: enumDescriptions(AssessmentSheetState, ASSESSMENT_SHEET_STATE_LABEL),
});

/** Whose entry: the unit's 自评 or the office's 复核. */
export enum AssessmentSide {
  SELF = 'SELF',
  REVIEW = 'REVIEW',
}
export const ASSESSMENT_SIDE_LABEL: Readonly<Record<AssessmentSide, string>> = { SELF: '自评', REVIEW: '复核' };
registerEnumType(AssessmentSide, {
  name: 'AssessmentSide',
  description: "自评: the unit's own entry. 复核: the office's.",
  valuesConfig: enumDescriptions(AssessmentSide, ASSESSMENT_SIDE_LABEL),
});

/** What a fact behind a score is. */
export enum ScoreFactKind {
  PUBLICATIONS = 'PUBLICATIONS',
  DEADLINE_LATE = 'DEADLINE_LATE',
  DEADLINE_OPEN_OVERDUE = 'DEADLINE_OPEN_OVERDUE',
  REMINDER = 'REMINDER',
  UPDATE_GAP = 'UPDATE_GAP',
  ENTRY = 'ENTRY',
  VETO = 'VETO',
}
export const SCORE_FACT_KIND_LABEL: Readonly<Record<ScoreFactKind, string>> = {
  PUBLICATIONS: '信息发布',
  DEADLINE_LATE: '逾期办理',
  DEADLINE_OPEN_OVERDUE: '逾期未办',
  REMINDER: '被督促提醒',
  UPDATE_GAP: '长期未更新',
  ENTRY: '人工评分',
  VETO: '单项否决',
};
registerEnumType(ScoreFactKind, {
  name: 'ScoreFactKind',
  description:
    'What a fact behind a score is: publications counted, a case handled late, a case still open past its date, a reminder to update, a gap without updates, an entry by a person, a veto.',
  valuesConfig: enumDescriptions(ScoreFactKind, SCORE_FACT_KIND_LABEL),
});

/** `2026` (年度) or `2026-H1` / `2026-H2` (半年). */
export interface AssessmentPeriod {
  key: string;
  year: number;
  /** 1 or 2 for a half; null for the year. */
  half: 1 | 2 | null;
  from: string;
  to: string;
  /** 2026年 / 2026年上半年 / 2026年下半年 */
  label: string;
  /** The quarters it covers, e.g. [3, 4]. */
  quarters: number[];
}

const PERIOD_RE = /^(\d{4})(?:-H([12]))?$/;

export function parseAssessmentPeriod(text: string): AssessmentPeriod | null {
  const m = PERIOD_RE.exec(text.trim());
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 2000 || year > 2100) return null;
  if (!m[2]) return { key: String(year), year, half: null, from: `${year}-01-01`, to: `${year}-12-31`, label: `${year}年`, quarters: [1, 2, 3, 4] };
  const half = Number(m[2]) as 1 | 2;
  return half === 1
    ? { key: `${year}-H1`, year, half, from: `${year}-01-01`, to: `${year}-06-30`, label: `${year}年上半年`, quarters: [1, 2] }
    : { key: `${year}-H2`, year, half, from: `${year}-07-01`, to: `${year}-12-31`, label: `${year}年下半年`, quarters: [3, 4] };
}
