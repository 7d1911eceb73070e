import { registerEnumType } from 'type-graphql';
import { DeadlineKind } from '../deadlines/deadline-enums.js';
import { RULE } from '../deadlines/deadline-rules.seed.js';

/** Duties triggered by an event, each with a working-day clock (shared/DOMAIN.md). */
export enum DutyKind {
  /** 建议提案办理复文: disclose within 7 working days of the reply. */
  PROPOSAL = 'PROPOSAL',
  /** 网站留言/领导信箱: answer within 5 working days of receipt. */
  MESSAGE = 'MESSAGE',
  /** 行政处罚决定: publish within 7 working days of the decision. */
  PENALTY = 'PENALTY',
}
registerEnumType(DutyKind, {
  name: 'DutyKind',
  valuesConfig: {
    PROPOSAL: { description: '建议提案办理复文公开（复文办结后7个工作日内）' },
    MESSAGE: { description: '网站留言答复（5个工作日内）' },
    PENALTY: { description: '行政处罚决定公开（作出决定后7个工作日内）' },
  },
});

export const DUTY_RULE: Record<DutyKind, string> = {
  PROPOSAL: RULE.PROPOSAL_DISCLOSURE,
  MESSAGE: RULE.MESSAGE_REPLY,
  PENALTY: RULE.PENALTY_PUBLICATION,
};

export const DUTY_DEADLINE_KIND: Record<DutyKind, DeadlineKind> = {
  PROPOSAL: DeadlineKind.PROPOSAL,
  MESSAGE: DeadlineKind.MESSAGE,
  PENALTY: DeadlineKind.PENALTY,
};

export const DUTY_LABEL: Record<DutyKind, string> = {
  PROPOSAL: '建议提案',
  MESSAGE: '网站留言',
  PENALTY: '行政处罚',
};
