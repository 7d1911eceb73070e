import { registerEnumType } from 'type-graphql';
import { enumDescriptions } from '../../core/enum-labels.js';

/** Where a department's (or a person's) messages go besides the in-app notification centre. */
export enum NotificationChannelKind {
  EMAIL = 'EMAIL',
  /** 企业微信 group robot (webhook). */
  WECOM_ROBOT = 'WECOM_ROBOT',
  /** 钉钉 custom group robot (webhook, optional 加签 secret). */
  DINGTALK_ROBOT = 'DINGTALK_ROBOT',
}
export const NOTIFICATION_CHANNEL_KIND_LABEL: Readonly<Record<NotificationChannelKind, string>> = {
  EMAIL: '电子邮件',
  WECOM_ROBOT: '企业微信群机器人',
  DINGTALK_ROBOT: '钉钉群机器人',
};
registerEnumType(NotificationChannelKind, {
  name: 'NotificationChannelKind',
  description: 'A delivery channel: 电子邮件 (SMTP), 企业微信群机器人 or 钉钉群机器人 (webhooks).',
  valuesConfig: enumDescriptions(NotificationChannelKind, NOTIFICATION_CHANNEL_KIND_LABEL),
});

/** Where one outgoing message (a row of the outbox) stands. */
export enum DeliveryState {
  /** Written with its cause; waiting to be sent (or for its next attempt). */
  PENDING = 'PENDING',
  /** Claimed by a worker (until its lease ends). */
  SENDING = 'SENDING',
  SENT = 'SENT',
  /** Given up: the channel refused it for good, or every attempt failed. The admin sees the channel's answer. */
  FAILED = 'FAILED',
  /** Kept for the channel's daily digest (the channel is set to 每日汇总). */
  HELD = 'HELD',
  /** Sent as part of a digest. */
  DIGESTED = 'DIGESTED',
}
export const DELIVERY_STATE_LABEL: Readonly<Record<DeliveryState, string>> = {
  PENDING: '待发送',
  SENDING: '发送中',
  SENT: '已发送',
  FAILED: '发送失败',
  HELD: '待汇总',
  DIGESTED: '已汇总发送',
};
registerEnumType(DeliveryState, {
  name: 'DeliveryState',
  description:
    'Where one outgoing message stands: 待发送, 发送中, 已发送, 发送失败 (given up; the channel answer is kept), 待汇总 / 已汇总发送 (daily digest).',
  valuesConfig: enumDescriptions(DeliveryState, DELIVERY_STATE_LABEL),
});

/** What a notification is about. */
export enum NotificationKind {
  /** A 督办单 was issued to the department, returned, or closed. */
  SUPERVISION = 'SUPERVISION',
  /** A reminder before, on or after a due date. */
  REMINDER = 'REMINDER',
  /** Overdue long enough to be escalated to the department head or the office. */
  ESCALATION = 'ESCALATION',
  /** Several messages of a day in one (每日汇总). */
  DIGEST = 'DIGEST',
}
export const NOTIFICATION_KIND_LABEL: Readonly<Record<NotificationKind, string>> = {
  SUPERVISION: '督办',
  REMINDER: '提醒',
  ESCALATION: '升级督办',
  DIGEST: '每日汇总',
};
registerEnumType(NotificationKind, {
  name: 'NotificationKind',
  description:
    'What a notification is about: 督办 (a 督办单), 提醒 (before, on or after a due date), 升级督办 (escalated to the head or the office), 每日汇总.',
  valuesConfig: enumDescriptions(NotificationKind, NOTIFICATION_KIND_LABEL),
});
