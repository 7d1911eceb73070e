import { LockMode } from '@mikro-orm/core';
import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { requireText, StaleVersionError } from '../../errors.js';
import { paginate, type Connection, type PageArgs } from '../../core/pagination.js';
import { parseId } from '../../core/ids.js';
import { assertNotInFuture, shanghaiDate } from '../../time/calendar-date.js';
import { OutOfScopeError } from '../auth/auth.errors.js';
import { canSeeDepartment, departmentScopeWhere, isWriter, type Viewer } from '../auth/viewer.js';
import { DepartmentService } from '../departments/department.service.js';
import { computeDeadline, type ClockInput } from '../deadlines/deadline-engine.js';
import { DeadlineKind } from '../deadlines/deadline-enums.js';
import { RULE } from '../deadlines/deadline-rules.seed.js';
import { DeadlineService } from '../deadlines/deadline.service.js';
import type { Deadline, Extension } from '../deadlines/deadline.entity.js';
import { InformationRequest, type Consultation } from './information-request.entity.js';
import { InformationRequestNotFoundError, RequestDateError, RequestLifecycleError } from './information-request.errors.js';
import type {
  ExtendRequestInput,
  InformationRequestFilter,
  RegisterInformationRequestInput,
  ReplyToRequestInput,
  RequestStepInput,
  StartConsultationInput,
} from './information-request.inputs.js';
import { RequestOutcome, RequestStatus } from './request-enums.js';
import { containsPattern } from '../../db/like.js';

/**
 * 依申请公开 register. The reply clock (条例第三十三条) runs 20 working days from receipt —
 * from the corrected application after a 补正 (第三十条) — stops during consultations, and
 * may be extended once by at most 20 working days with an approver. A missed deadline stays missed:
 * no step dated after the due date can stop or restart the clock (第三十三条 stops it for the time a
 * consultation takes; it does not revive a deadline that has already passed).
 */
export class InformationRequestService {
  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Viewer,
  ) {}

  async findRequest(id: string | number): Promise<InformationRequest | null> {
    const scope = departmentScopeWhere(this.viewer);
    const where: FilterQuery<InformationRequest> = { id: parseId(id, (v) => new InformationRequestNotFoundError(v)) };
    return this.em.findOne(InformationRequest, scope ? { ...where, department: scope } : where);
  }

  async listRequests(filter: InformationRequestFilter, page: PageArgs): Promise<Connection<InformationRequest>> {
    const scope = departmentScopeWhere(this.viewer);
    const and: FilterQuery<InformationRequest>[] = scope ? [{ department: scope }] : [];
    if (filter.departmentId) {
      const department = await new DepartmentService(this.em).getVisibleDepartment(this.viewer, filter.departmentId, '依申请公开登记');
      and.push({ department: { path: { $like: `${department.path}%` } } });
    }
    if (filter.status?.length) and.push({ status: { $in: filter.status } });
    if (filter.receivedYear) and.push({ receivedOn: { $gte: `${filter.receivedYear}-01-01`, $lte: `${filter.receivedYear}-12-31` } });
    if (filter.openAtEndOf) {
      const end = `${filter.openAtEndOf}-12-31`;
      and.push({ receivedOn: { $lte: end }, $or: [{ repliedOn: null }, { repliedOn: { $gt: end } }] });
    }
    if (filter.search) {
      const like = containsPattern(filter.search);
      and.push({ $or: [{ applicantName: { $ilike: like } }, { content: { $ilike: like } }, { serialNumber: { $ilike: like } }] });
    }
    return paginate(this.em, InformationRequest, and.length ? { $and: and } : {}, page, 'desc');
  }

  async register(input: RegisterInformationRequestInput): Promise<InformationRequest> {
    this.assertWriter();
    const applicantName = requireText(
      input.applicantName,
      'applicantName',
      'APPLICANT_NAME_REQUIRED',
      '申请人不能为空：请填写申请人的姓名或者名称（条例第二十九条）',
    );
    const content = requireText(
      input.content,
      'content',
      'CONTENT_REQUIRED',
      '申请内容不能为空：请填写申请公开的政府信息的名称、文号或者便于查询的其他特征性描述（条例第二十九条）',
    );
    assertNotInFuture(input.receivedOn, 'receivedOn');
    return this.em.transactional(async (em) => {
      const department = await new DepartmentService(em).getVisibleDepartment(this.viewer, input.departmentId, '依申请公开登记');
      const year = input.receivedOn.slice(0, 4);
      // Serial numbers per department and year, without gaps or duplicates under concurrency.
      await em
        .getConnection()
        .execute('select pg_advisory_xact_lock(hashtext(?))', [`request-serial:${department.id}:${year}`], 'all', em.getTransactionContext());
      const count = await em.count(InformationRequest, { department, serialNumber: { $like: `${year}-%` } });
      const request = em.create(InformationRequest, {
        department,
        serialNumber: `${year}-${String(count + 1).padStart(4, '0')}`,
        applicantType: input.applicantType,
        applicantName,
        channel: input.channel,
        receivedOn: input.receivedOn,
        content,
      });
      await em.flush();
      await syncDeadline(em, request);
      return request;
    });
  }

  /**
   * 补正: once, within 7 working days of receipt; the clock waits for the applicant. Never after the
   * reply was due: a 补正 restarts the 20 working days, which would revive a missed deadline.
   */
  requestCorrection(input: RequestStepInput): Promise<InformationRequest> {
    return this.step(input, async (request, deadlines, dueDate) => {
      expectStatus(request, [RequestStatus.PROCESSING], '告知补正');
      if (request.correctionRequestedOn) throw new RequestLifecycleError('补正只能一次性告知，本申请已告知过补正', 'CORRECTION_ALREADY_REQUESTED', 'on');
      assertNotBeforePreviousStep(input.on, request, '告知补正');
      const rule = await deadlines.getRule(RULE.APPLICATION_CORRECTION);
      const last = (await deadlines.calendar()).addWorkingDays(request.receivedOn, rule.days).date;
      if (input.on > last) {
        throw new RequestDateError(`补正须在收到申请之日起${rule.days}个工作日内（即 ${last} 前）一次性告知（条例第三十条）`, 'CORRECTION_TOO_LATE', 'on', {
          lastDay: last,
        });
      }
      if (input.on > dueDate) {
        throw new RequestDateError(
          `已超过答复期限（${dueDate}），告知补正不能使已逾期的申请重新计时（《政府信息公开条例》第三十条、第三十三条）`,
          'DEADLINE_ALREADY_MISSED',
          'on',
          { dueDate },
        );
      }
      request.correctionRequestedOn = input.on;
      request.status = RequestStatus.AWAITING_CORRECTION;
    });
  }

  /** The corrected application arrives: the 20 working days restart from this day. */
  receiveCorrection(input: RequestStepInput): Promise<InformationRequest> {
    return this.step(input, async (request) => {
      expectStatus(request, [RequestStatus.AWAITING_CORRECTION], '登记补正');
      assertNotBeforePreviousStep(input.on, request, '收到补正');
      request.correctionReceivedOn = input.on;
      request.status = RequestStatus.PROCESSING;
    });
  }

  /**
   * 征求第三方/其他机关意见: the clock stops from this day (第三十二条, 第三十三条, 第三十四条).
   * A consultation begun after the reply was due is recorded as late: it does not stop the clock,
   * and the request stays overdue (the time it takes cannot revive a deadline already missed).
   */
  startConsultation(input: StartConsultationInput): Promise<InformationRequest> {
    const party = requireText(input.party, 'party', 'CONSULTED_PARTY_REQUIRED', '须写明征求意见的第三方或者其他机关（条例第三十二条、第三十四条）');
    return this.step(input, async (request, _deadlines, dueDate) => {
      expectStatus(request, [RequestStatus.PROCESSING], '征求意见');
      assertNotBeforePreviousStep(input.on, request, '征求意见');
      const consultation: Consultation = { party, from: input.on, to: null };
      if (input.on > dueDate) consultation.late = true;
      request.consultations = [...request.consultations, consultation];
      request.status = RequestStatus.CONSULTING;
    });
  }

  /** The opinion is back: the clock runs again from the next day. */
  endConsultation(input: RequestStepInput): Promise<InformationRequest> {
    return this.step(input, async (request) => {
      expectStatus(request, [RequestStatus.CONSULTING], '结束征求意见');
      const open = request.consultations.at(-1)!;
      assertNotBeforePreviousStep(input.on, request, '收到意见');
      request.consultations = [...request.consultations.slice(0, -1), { ...open, to: input.on }];
      request.status = RequestStatus.PROCESSING;
    });
  }

  /** 延期: once, at most 20 working days, approved before the reply is due. */
  extend(input: ExtendRequestInput): Promise<InformationRequest> {
    const reason = requireText(input.reason, 'reason', 'EXTENSION_REASON_REQUIRED', '须写明延期答复的理由：延长答复期限须告知申请人（条例第三十三条）');
    const approver = requireText(
      input.approver,
      'approver',
      'EXTENSION_APPROVER_REQUIRED',
      '延长答复期限须经政府信息公开工作机构负责人同意（条例第三十三条）：请填写批准人',
    );
    return this.step(input, async (request, deadlines, dueDate) => {
      expectStatus(request, [RequestStatus.PROCESSING, RequestStatus.CONSULTING], '延期');
      if (request.extension) throw new RequestLifecycleError('答复期限只能延长一次，本申请已延期', 'EXTENSION_ALREADY_GRANTED', 'workingDays');
      const max = (await deadlines.getRule(RULE.APPLICATION_EXTENSION_MAX)).days;
      if (input.workingDays > max) throw new RequestDateError(`延长的期限最长不得超过${max}个工作日`, 'EXTENSION_TOO_LONG', 'workingDays');
      assertOnOrAfter(input.on, request.receivedOn, '批准延期日期不能早于收到申请日期');
      if (input.on > dueDate) {
        throw new RequestDateError(`延期须在答复期限（${dueDate}）届满前批准（条例第三十三条）`, 'EXTENSION_TOO_LATE', 'on', { dueDate });
      }
      request.extension = { workingDays: input.workingDays, reason, approver, approvedOn: input.on };
    });
  }

  /** 答复: closes the application with its outcome (national categories). */
  reply(input: ReplyToRequestInput): Promise<InformationRequest> {
    return this.step(input, async (request) => {
      if (request.status === RequestStatus.ANSWERED) throw new RequestLifecycleError('本申请已答复', 'ALREADY_ANSWERED', 'id');
      assertOnOrAfter(input.on, request.receivedOn, '答复日期不能早于收到申请日期', 'REPLY_BEFORE_RECEIPT');
      assertNotBeforePreviousStep(input.on, request, '答复', true);
      if (
        request.status === RequestStatus.AWAITING_CORRECTION &&
        input.outcome !== RequestOutcome.OTHER_NO_CORRECTION &&
        input.outcome !== RequestOutcome.UNABLE_STILL_UNCLEAR
      ) {
        throw new RequestLifecycleError('申请人尚未补正：请先登记补正，或以“逾期不补正、不再处理”办结', 'AWAITING_CORRECTION', 'outcome');
      }
      const open = request.consultations.at(-1);
      if (open && open.to === null) request.consultations = [...request.consultations.slice(0, -1), { ...open, to: input.on }];
      request.repliedOn = input.on;
      request.outcome = input.outcome;
      request.status = RequestStatus.ANSWERED;
    });
  }

  /** One lifecycle step: scope, version, the change, and the deadline recomputed — in one transaction. */
  private async step(
    input: RequestStepInput,
    /** `dueDate`: the reply deadline as it stands before this step, as of today. */
    change: (request: InformationRequest, deadlines: DeadlineService, dueDate: string) => Promise<void>,
  ): Promise<InformationRequest> {
    this.assertWriter();
    assertNotInFuture(input.on, 'on');
    return this.em.transactional(async (em) => {
      const request = await em.findOne(
        InformationRequest,
        { id: parseId(input.id, (v) => new InformationRequestNotFoundError(v)) },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      if (!request) throw new InformationRequestNotFoundError(input.id);
      if (!canSeeDepartment(this.viewer, (await request.department.load())!)) throw new OutOfScopeError('依申请公开登记');
      if (request.version !== input.version) throw new StaleVersionError('申请', input.version, request.version);
      const deadlines = new DeadlineService(em);
      await change(request, deadlines, await currentDueDate(request, deadlines));
      await em.flush();
      await syncDeadline(em, request, deadlines);
      return request;
    });
  }

  private assertWriter(): void {
    if (!isWriter(this.viewer)) throw new OutOfScopeError('依申请公开登记');
  }
}

/** When the reply clock counts from: the corrected application if there was a 补正, else the receipt. */
function clockStart(request: InformationRequest): string {
  return request.correctionReceivedOn ?? request.receivedOn;
}

/**
 * The reply clock of a request as of `today`. An open consultation counts as stopped up to today,
 * and the item is paused meanwhile; a late consultation (begun after the due date) stops nothing.
 */
function replyClock(request: InformationRequest, today: string): { clock: ClockInput; extensions: Extension[]; paused: boolean } {
  const timely = request.consultations.filter((c) => !c.late);
  const stopped = timely.map((c) => ({ from: c.from, to: c.to ?? today }));
  const open = request.consultations.at(-1);
  const consulting = request.status === RequestStatus.CONSULTING && !!open && open.to === null && !open.late;
  return {
    clock: { start: clockStart(request), stopped },
    extensions: request.extension ? [request.extension] : [],
    paused: request.status === RequestStatus.AWAITING_CORRECTION || consulting,
  };
}

/** The reply deadline as it stands now, before a step changes the request. */
async function currentDueDate(request: InformationRequest, deadlines: DeadlineService, today = shanghaiDate()): Promise<string> {
  const [calendar, rule] = await Promise.all([deadlines.calendar(), deadlines.getRule(RULE.APPLICATION_REPLY)]);
  const { clock, extensions } = replyClock(request, today);
  return computeDeadline(calendar, rule, { ...clock, extensionWorkingDays: extensions.reduce((s, e) => s + e.workingDays, 0) }).dueDate;
}

export async function syncDeadline(
  em: EntityManager,
  request: InformationRequest,
  deadlines = new DeadlineService(em),
  today = shanghaiDate(),
): Promise<Deadline> {
  const { clock, extensions, paused } = replyClock(request, today);
  return deadlines.sync(
    {
      kind: DeadlineKind.APPLICATION,
      subjectId: request.id,
      rule: RULE.APPLICATION_REPLY,
      departmentId: request.department.id,
      title: `依申请公开 ${request.serialNumber}：${request.content.slice(0, 40)}`,
      clock,
      extensions,
      paused,
      completedOn: request.repliedOn ?? null,
    },
    today,
  );
}

function expectStatus(request: InformationRequest, allowed: RequestStatus[], action: string): void {
  if (!allowed.includes(request.status)) {
    throw new RequestLifecycleError(`当前状态不能${action}`, 'INVALID_STATUS', 'id', { status: request.status });
  }
}

function assertOnOrAfter(date: string, earliest: string, message: string, reason = 'DATE_BEFORE_PREVIOUS_STEP'): void {
  if (date < earliest) throw new RequestDateError(`${message}（${earliest}）`, reason, 'on', { earliest });
}

/**
 * The steps happen in order: receipt, 补正 asked and received, consultations begun and ended (and,
 * for the reply, the extension). A step dated before the last one on record would rewrite the
 * history the clock was counted from.
 */
function assertNotBeforePreviousStep(date: string, request: InformationRequest, action: string, withExtension = false): void {
  const steps: [string | null | undefined, string][] = [
    [request.receivedOn, '收到申请日期'],
    [request.correctionRequestedOn, '告知补正日期'],
    [request.correctionReceivedOn, '收到补正日期'],
    ...request.consultations.flatMap((c): [string | null, string][] => [
      [c.from, '征求意见日期'],
      [c.to, '收到意见日期'],
    ]),
    ...(withExtension && request.extension ? [[request.extension.approvedOn, '批准延期日期'] as [string, string]] : []),
  ];
  let last = { date: request.receivedOn, label: '收到申请日期' };
  for (const [d, label] of steps) if (d && d >= last.date) last = { date: d, label };
  assertOnOrAfter(date, last.date, `${action}日期不能早于${last.label}`);
}
