import { registerEnumType } from 'type-graphql';
import { enumDescriptions } from '../../core/enum-labels.js';

/**
 * Where a 督办单 stands. The first four are its workflow; 逾期 is shown instead of 待签收 / 已签收 once its reply-by
 * date has passed without a reply.
 */
export enum SupervisionNoticeState {
  /** 待签收: issued, not yet acknowledged by the department. */
  PENDING = 'PENDING',
  /** 已签收 (also after the office returned a reply). */
  ACKNOWLEDGED = 'ACKNOWLEDGED',
  /** 已回复: the department answered with its 办理情况; the office decides. */
  REPLIED = 'REPLIED',
  /** 已办结: the office accepted the reply (or closed it). */
  CLOSED = 'CLOSED',
  /** 逾期: past its reply-by date, not replied. */
  OVERDUE = 'OVERDUE',
}
export const SUPERVISION_NOTICE_STATE_LABEL: Readonly<Record<SupervisionNoticeState, string>> = {
  PENDING: '待签收',
  ACKNOWLEDGED: '已签收',
  REPLIED: '已回复',
  CLOSED: '已办结',
  OVERDUE: '逾期',
};
registerEnumType(SupervisionNoticeState, {
  name: 'SupervisionNoticeState',
  description: 'Where a 督办单 stands: 待签收, 已签收, 已回复 (the office decides), 已办结, or 逾期 (past its reply-by date without a reply).',
  valuesConfig: enumDescriptions(SupervisionNoticeState, SUPERVISION_NOTICE_STATE_LABEL),
});

/** The stored workflow step (SupervisionNoticeState without the derived 逾期). */
export type SupervisionStep = Exclude<SupervisionNoticeState, SupervisionNoticeState.OVERDUE>;
