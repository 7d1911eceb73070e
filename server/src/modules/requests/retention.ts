import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { startPeriodic } from '../../core/periodic.js';
import { auditContext } from '../audit/audit-context.js';
import { daysInMonth, shanghaiDate } from '../../time/calendar-date.js';
import { InformationRequest } from './information-request.entity.js';
import { ERASED_NAME } from './personal-data.js';
import { ApplicantType, RequestStatus } from './request-enums.js';

/**
 * 个人信息保护法第十九条: personal data is kept no longer than the purpose needs. A closed
 * application's applicant (a natural person's name) is erased once the office's retention period
 * has run from the reply — the record itself stays (serial number, type, channel, dates, outcome:
 * what the annual report and the archive need). Organisations' names are not personal data and stay.
 * The erasure is a change like any other: one transaction, in the audit trail (which itself only
 * ever held the masked name).
 */
export interface RetentionResult {
  years: number;
  /** Applications answered on or before this date are past retention. */
  cutoff: string;
  erased: number;
}

/** The date `years` before `today` (29 February → 28 February in a common year). */
export function retentionCutoff(today: string, years: number): string {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const year = y - years;
  const day = Math.min(d, daysInMonth(year, m));
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const BATCH = 500;
/** pg advisory lock key: one erasure at a time across instances. */
const RETENTION_LOCK = 0x7a77_6b01;

/** Erases what is past retention as of `today`, in one transaction. `years` 0: nothing is erased. */
export async function erasePersonalDataPastRetention(em: EntityManager, years: number, today = shanghaiDate()): Promise<RetentionResult> {
  const cutoff = retentionCutoff(today, years);
  if (years <= 0) return { years, cutoff, erased: 0 };
  return em.transactional(async (tx) => {
    await tx.getConnection().execute(`select pg_advisory_xact_lock(${RETENTION_LOCK})`);
    let erased = 0;
    for (;;) {
      const due = await tx.find(
        InformationRequest,
        { status: RequestStatus.ANSWERED, repliedOn: { $lte: cutoff }, applicantType: ApplicantType.NATURAL_PERSON, personalDataErasedOn: null },
        { limit: BATCH, orderBy: { id: 'asc' } },
      );
      for (const request of due) {
        request.applicantName = ERASED_NAME;
        request.personalDataErasedOn = today;
      }
      await tx.flush();
      erased += due.length;
      if (due.length < BATCH) break;
    }
    return { years, cutoff, erased };
  });
}

/**
 * Runs the erasure now and then every `intervalMs` (the scheduled path; the audit trail names the
 * system as the actor). Returns a stop function that waits for a run in progress.
 */
export function startRetentionSchedule(
  orm: MikroORM,
  years: number,
  intervalMs: number,
  onError: (e: unknown) => void,
  onErased: (r: RetentionResult) => void = () => undefined,
): () => Promise<void> {
  const actor = { actorType: 'system', actorId: null, actorName: '系统（个人信息保存期限）', operation: 'personalDataRetention', requestId: null } as const;
  return startPeriodic(
    async () => {
      const result = await auditContext.run(actor, () => erasePersonalDataPastRetention(orm.em.fork(), years));
      if (result.erased > 0) onErased(result);
    },
    intervalMs,
    onError,
  );
}
