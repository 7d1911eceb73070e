import { registerEnumType } from 'type-graphql';

/** Where an item is published: a 门户网站 column, a 政务新媒体 account, or the 政府公报. */
export enum ChannelKind {
  PORTAL_COLUMN = 'PORTAL_COLUMN',
  NEW_MEDIA_ACCOUNT = 'NEW_MEDIA_ACCOUNT',
  GAZETTE = 'GAZETTE',
}

registerEnumType(ChannelKind, {
  name: 'ChannelKind',
  valuesConfig: {
    PORTAL_COLUMN: { description: '门户网站栏目' },
    NEW_MEDIA_ACCOUNT: { description: '政务新媒体账号（微信公众号、微博、客户端…）' },
    GAZETTE: { description: '政府公报' },
  },
});

export const CHANNEL_KIND_LABEL: Record<ChannelKind, string> = {
  PORTAL_COLUMN: '门户网站',
  NEW_MEDIA_ACCOUNT: '政务新媒体',
  GAZETTE: '政府公报',
};

/** The form of a 政策解读; at least half should be other than plain text (seed 004). */
export enum InterpretationForm {
  TEXT = 'TEXT',
  CHART = 'CHART',
  VIDEO = 'VIDEO',
  ANIMATION = 'ANIMATION',
  INTERVIEW = 'INTERVIEW',
}

registerEnumType(InterpretationForm, {
  name: 'InterpretationForm',
  description: '政策解读形式',
  valuesConfig: {
    TEXT: { description: '文字' },
    CHART: { description: '图表（图解）' },
    VIDEO: { description: '视频' },
    ANIMATION: { description: '动漫' },
    INTERVIEW: { description: '在线访谈' },
  },
});

export const INTERPRETATION_FORM_LABEL: Record<InterpretationForm, string> = {
  TEXT: '文字',
  CHART: '图表',
  VIDEO: '视频',
  ANIMATION: '动漫',
  INTERVIEW: '在线访谈',
};

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

registerEnumType(IndexNumberReset, {
  name: 'IndexNumberReset',
  valuesConfig: {
    YEARLY: { description: '每年从1开始' },
    MONTHLY: { description: '每月从1开始' },
    NEVER: { description: '连续编号，不重置' },
  },
});
