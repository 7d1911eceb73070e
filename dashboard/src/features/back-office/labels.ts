import type {
  ApplicantType,
  ChannelKind,
  DepartmentKind,
  DepartmentScope,
  DutyKind,
  IndexNumberReset,
  PeriodType,
  RequestChannel,
  RequestOutcome,
} from '../../graphql/generated/graphql';

// The labels of enum values come from the schema: graphql/generated/enum-labels.ts (RequestOutcomeLabel …).

export const DUTY_EVENT: Record<DutyKind, string> = { PROPOSAL: '复文办结之日', MESSAGE: '收到留言之日', PENALTY: '作出处罚决定之日' };
export const DUTY_REFERENCE: Record<DutyKind, string> = { PROPOSAL: '建议提案编号', MESSAGE: '留言编号', PENALTY: '处罚决定书文号' };

// The order of the options in the selects (the generated label maps are in alphabetical order); labels.test.ts checks
// that each lists every value.
export const APPLICANT_TYPES: readonly ApplicantType[] = [
  'NATURAL_PERSON',
  'COMMERCIAL_ENTERPRISE',
  'RESEARCH_INSTITUTION',
  'PUBLIC_WELFARE_ORG',
  'LEGAL_SERVICE_ORG',
  'OTHER_ORG',
];
export const REQUEST_CHANNELS: readonly RequestChannel[] = ['IN_PERSON', 'POST', 'ONLINE', 'EMAIL', 'FAX', 'OTHER'];
/** As numbered in table 三 of the national annual-report format. */
export const REQUEST_OUTCOMES: readonly RequestOutcome[] = [
  'GRANTED',
  'PARTIALLY_GRANTED',
  'DENIED_STATE_SECRET',
  'DENIED_LAW_FORBIDDEN',
  'DENIED_THREE_SECURITY_ONE_STABILITY',
  'DENIED_THIRD_PARTY_RIGHTS',
  'DENIED_INTERNAL_AFFAIRS',
  'DENIED_PROCESS_INFO',
  'DENIED_ENFORCEMENT_FILE',
  'DENIED_ADMIN_QUERY',
  'UNABLE_NOT_HELD',
  'UNABLE_NEEDS_CREATION',
  'UNABLE_STILL_UNCLEAR',
  'NOT_PROCESSED_COMPLAINT',
  'NOT_PROCESSED_REPEAT',
  'NOT_PROCESSED_PUBLICATION',
  'NOT_PROCESSED_MASSIVE',
  'NOT_PROCESSED_CONFIRM_REISSUE',
  'OTHER_NO_CORRECTION',
  'OTHER_FEE_UNPAID',
  'OTHER_OTHER',
];
export const DEPARTMENT_KINDS: readonly DepartmentKind[] = ['ORGANIZATION', 'OFFICE', 'SUBORDINATE_UNIT', 'COUNTY_UNIT', 'TOWNSHIP'];
export const DEPARTMENT_SCOPES: readonly DepartmentScope[] = ['OFFICES', 'SUBORDINATE_UNITS', 'COUNTY_UNITS', 'TOWNSHIPS'];
export const PERIOD_TYPES: readonly PeriodType[] = ['MONTH', 'QUARTER', 'YEAR'];
export const CHANNEL_KINDS: readonly ChannelKind[] = ['PORTAL_COLUMN', 'NEW_MEDIA_ACCOUNT', 'GAZETTE'];
export const INDEX_NUMBER_RESETS: readonly IndexNumberReset[] = ['MONTHLY', 'YEARLY', 'NEVER'];
