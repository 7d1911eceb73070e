import { describe, expect, it } from 'vitest';
import {
  ApplicantTypeLabel,
  ChannelKindLabel,
  DepartmentKindLabel,
  DepartmentScopeLabel,
  IndexNumberResetLabel,
  InterpretationFormLabel,
  PeriodTypeLabel,
  RequestChannelLabel,
  RequestOutcomeLabel,
} from '../../graphql/generated/enum-labels';
import {
  APPLICANT_TYPES,
  CHANNEL_KINDS,
  DEPARTMENT_KINDS,
  DEPARTMENT_SCOPES,
  INDEX_NUMBER_RESETS,
  PERIOD_TYPES,
  REQUEST_CHANNELS,
  REQUEST_OUTCOMES,
} from './labels';
import { INTERPRETATION_FORM_ORDER } from './publications/interpretation-forms';

describe('option orders of the back-office selects', () => {
  it.each([
    ['APPLICANT_TYPES', APPLICANT_TYPES, ApplicantTypeLabel],
    ['REQUEST_CHANNELS', REQUEST_CHANNELS, RequestChannelLabel],
    ['REQUEST_OUTCOMES', REQUEST_OUTCOMES, RequestOutcomeLabel],
    ['DEPARTMENT_KINDS', DEPARTMENT_KINDS, DepartmentKindLabel],
    ['DEPARTMENT_SCOPES', DEPARTMENT_SCOPES, DepartmentScopeLabel],
    ['PERIOD_TYPES', PERIOD_TYPES, PeriodTypeLabel],
    ['CHANNEL_KINDS', CHANNEL_KINDS, ChannelKindLabel],
    ['INDEX_NUMBER_RESETS', INDEX_NUMBER_RESETS, IndexNumberResetLabel],
    ['INTERPRETATION_FORM_ORDER', INTERPRETATION_FORM_ORDER, InterpretationFormLabel],
  ] as [string, readonly string[], Readonly<Record<string, string>>][])('%s lists every value of the enum once', (_name, order, labels) => {
    expect([...order].sort()).toEqual(Object.keys(labels).sort());
  });
});
