import type { InterpretationForm } from '../../../graphql/generated/graphql';

/** 政策解读 forms with their labels, in the order the 50% rule lists them. */
export const INTERPRETATION_FORMS: [InterpretationForm, string][] = [['TEXT', '文字'], ['CHART', '图表（图解）'], ['VIDEO', '视频'], ['ANIMATION', '动漫'], ['INTERVIEW', '在线访谈']];
