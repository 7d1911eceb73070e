import { ApplicantType } from './request-enums.js';

/**
 * 个人信息保护法: the minimum. A natural person's name is shown in full only on the record itself
 * (to the staff handling it); lists, the audit trail and anything else get the masked form.
 */
export function maskPersonName(name: string): string {
  if (name === ERASED_NAME) return name;
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  return chars[0] + '*'.repeat(Math.max(1, Math.min(chars.length - 1, 3)));
}

/** What stays of an applicant's name once the retention period has run (see retention.ts). */
export const ERASED_NAME = '（已删除）';

/** An organisation's name is not personal data; a natural person's is. */
export function isPersonalName(type: ApplicantType): boolean {
  return type === ApplicantType.NATURAL_PERSON;
}
