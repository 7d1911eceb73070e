import { registerEnumType } from 'type-graphql';
import { enumDescriptions } from '../../core/enum-labels.js';
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
export const DUTY_KIND_LABEL: Readonly<Record<DutyKind, string>> = {
  PROPOSAL: '建议提案办理复文公开',
  MESSAGE: '网站留言答复',
  PENALTY: '行政处罚决定公开',
};
registerEnumType(DutyKind, {
  name: 'DutyKind',
  description:
    'A duty triggered by an event, with a working-day clock: 建议提案办理复文 disclosed within 7 working days of the reply, 网站留言 answered within 5 working days of receipt, 行政处罚决定 published within 7 working days of the decision.',
  valuesConfig: enumDescriptions(DutyKind, DUTY_KIND_LABEL),
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
