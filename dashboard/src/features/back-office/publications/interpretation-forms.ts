import { InterpretationFormLabel } from '../../../graphql/generated/enum-labels';
import type { InterpretationForm } from '../../../graphql/generated/graphql';

/** 政策解读 forms in the order the 50% rule lists them. */
export const INTERPRETATION_FORM_ORDER: readonly InterpretationForm[] = ['TEXT', 'CHART', 'VIDEO', 'ANIMATION', 'INTERVIEW'];

/** 政策解读 forms with their labels, in the order the 50% rule lists them. */
export const INTERPRETATION_FORMS: [InterpretationForm, string][] = INTERPRETATION_FORM_ORDER.map((form) => [form, InterpretationFormLabel[form]]);
