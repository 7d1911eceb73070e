import { registerEnumType } from 'type-graphql';
import { enumDescriptions } from '../../core/enum-labels.js';

/** Where an item is published: a 门户网站 column, a 政务新媒体 account, or the 政府公报. */
export enum ChannelKind {
  PORTAL_COLUMN = 'PORTAL_COLUMN',
  NEW_MEDIA_ACCOUNT = 'NEW_MEDIA_ACCOUNT',
  GAZETTE = 'GAZETTE',
}

export const CHANNEL_KIND_LABEL: Readonly<Record<ChannelKind, string>> = {
  PORTAL_COLUMN: '门户网站栏目',
  NEW_MEDIA_ACCOUNT: '政务新媒体账号',
  GAZETTE: '政府公报',
};

registerEnumType(ChannelKind, {
  name: 'ChannelKind',
  description: 'Where an item is published: a column of the 门户网站, a 政务新媒体 account (微信公众号、微博、客户端…), or the 政府公报',
  valuesConfig: enumDescriptions(ChannelKind, CHANNEL_KIND_LABEL),
});

/** The form of a 政策解读; at least half should be other than plain text (seed 004). */
export enum InterpretationForm {
  TEXT = 'TEXT',
  CHART = 'CHART',
  VIDEO = 'VIDEO',
  ANIMATION = 'ANIMATION',
  INTERVIEW = 'INTERVIEW',
}

export const INTERPRETATION_FORM_LABEL: Readonly<Record<InterpretationForm, string>> = {
  TEXT: '文字',
  CHART: '图表',
  VIDEO: '视频',
  ANIMATION: '动漫',
  INTERVIEW: '在线访谈',
};

registerEnumType(InterpretationForm, {
  name: 'InterpretationForm',
  description: '政策解读形式；图表含图解',
  valuesConfig: enumDescriptions(InterpretationForm, INTERPRETATION_FORM_LABEL),
});

/** Words an office writes in its ledger for each form (import). */
export const INTERPRETATION_FORM_ALIASES: Record<string, InterpretationForm> = {
  文字: InterpretationForm.TEXT,
  文字解读: InterpretationForm.TEXT,
  图表: InterpretationForm.CHART,
  图解: InterpretationForm.CHART,
  图表解读: InterpretationForm.CHART,
  图文: InterpretationForm.CHART,
  视频: InterpretationForm.VIDEO,
  视频解读: InterpretationForm.VIDEO,
  动漫: InterpretationForm.ANIMATION,
  动画: InterpretationForm.ANIMATION,
  在线访谈: InterpretationForm.INTERVIEW,
  访谈: InterpretationForm.INTERVIEW,
};

/** The 50% rule: share of 政策解读 in forms other than text (seed 004). */
export const NON_TEXT_INTERPRETATION_TARGET = 0.5;

/** When the 索引号 sequence starts again at 1. */
export enum IndexNumberReset {
  YEARLY = 'YEARLY',
  MONTHLY = 'MONTHLY',
  NEVER = 'NEVER',
}

export const INDEX_NUMBER_RESET_LABEL: Readonly<Record<IndexNumberReset, string>> = {
  YEARLY: '每年从1开始',
  MONTHLY: '每月从1开始',
  NEVER: '连续编号，不重置',
};

registerEnumType(IndexNumberReset, {
  name: 'IndexNumberReset',
  description: 'When the 索引号 sequence starts again at 1',
  valuesConfig: enumDescriptions(IndexNumberReset, INDEX_NUMBER_RESET_LABEL),
});
