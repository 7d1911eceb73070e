import { LockMode } from '@mikro-orm/core';
import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { StaleVersionError } from '../../errors.js';
import { transactionalWithEvents, type Outbox } from '../../events/outbox.js';
import { paginate, type Connection, type PageArgs } from '../../graphql/connection.js';
import { parseId } from '../../graphql/ids.js';
import { assertNotInFuture, shanghaiDate } from '../../time/calendar-date.js';
import { OutOfScopeError } from '../auth/auth.errors.js';
import { canSeeDepartment, departmentScopeWhere, isWriter, type Viewer } from '../auth/viewer.js';
import { DepartmentService } from '../departments/department.service.js';
import { DeadlineKind } from '../deadlines/deadline-enums.js';
import { RULE } from '../deadlines/deadline-rules.seed.js';
import { DeadlineService } from '../deadlines/deadline.service.js';
import { Deadline } from '../deadlines/deadline.entity.js';
import { InformationRequest } from './information-request.entity.js';
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
 * may be extended once by at most 20 working days with an approver.
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
    assertNotInFuture(input.receivedOn, 'receivedOn');
    return transactionalWithEvents(this.em, async (em, outbox) => {
      const department = await new DepartmentService(em).getVisibleDepartment(this.viewer, input.departmentId, '依申请公开登记');
      const year = input.receivedOn.slice(0, 4);
      // Serial numbers per department and year, without gaps or duplicates under concurrency.
      await em.getConnection().execute('select pg_advisory_xact_lock(hashtext(?))', [`request-serial:${department.id}:${year}`], 'all', em.getTransactionContext());
      const count = await em.count(InformationRequest, { department, serialNumber: { $like: `${year}-%` } });
      const request = em.create(InformationRequest, {
        department,
        serialNumber: `${year}-${String(count + 1).padStart(4, '0')}`,
        applicantType: input.applicantType,
        applicantName: input.applicantName.trim(),
        channel: input.channel,
        receivedOn: input.receivedOn,
        content: input.content.trim(),
      });
      await em.flush();
      await syncDeadline(em, outbox, request);
      return request;
    });
  }

  /** 补正: once, within 7 working days of receipt; the clock waits for the applicant. */
  requestCorrection(input: RequestStepInput): Promise<InformationRequest> {
    return this.step(input, async (request, deadlines) => {
      expectStatus(request, [RequestStatus.PROCESSING], '告知补正');
      if (request.correctionRequestedOn) throw new RequestLifecycleError('补正只能一次性告知，本申请已告知过补正', 'CORRECTION_ALREADY_REQUESTED', 'on');
      assertOnOrAfter(input.on, request.receivedOn, '告知补正日期不能早于收到申请日期');
      const rule = await deadlines.getRule(RULE.APPLICATION_CORRECTION);
      const last = (await deadlines.calendar()).addWorkingDays(request.receivedOn, rule.days).date;
      if (input.on > last) {
        throw new RequestDateError(`补正须在收到申请之日起${rule.days}个工作日内（即 ${last} 前）一次性告知（条例第三十条）`, 'CORRECTION_TOO_LATE', 'on', { lastDay: last });
      }
      request.correctionRequestedOn = input.on;
      request.status = RequestStatus.AWAITING_CORRECTION;
    });
  }

  /** The corrected application arrives: the 20 working days restart from this day. */
  receiveCorrection(input: RequestStepInput): Promise<InformationRequest> {
    return this.step(input, async (request) => {
      expectStatus(request, [RequestStatus.AWAITING_CORRECTION], '登记补正');
      assertOnOrAfter(input.on, request.correctionRequestedOn!, '收到补正日期不能早于告知补正日期');
      request.correctionReceivedOn = input.on;
      request.status = RequestStatus.PROCESSING;
    });
  }

  /** 征求第三方/其他机关意见: the clock stops from this day (第三十二条, 第三十四条). */
  startConsultation(input: StartConsultationInput): Promise<InformationRequest> {
    return this.step(input, async (request) => {
      expectStatus(request, [RequestStatus.PROCESSING], '征求意见');
      assertOnOrAfter(input.on, clockStart(request), '征求意见日期不能早于计时起点');
      request.consultations = [...request.consultations, { party: input.party.trim(), from: input.on, to: null }];
      request.status = RequestStatus.CONSULTING;
    });
  }

  /** The opinion is back: the clock runs again from the next day. */
  endConsultation(input: RequestStepInput): Promise<InformationRequest> {
    return this.step(input, async (request) => {
      expectStatus(request, [RequestStatus.CONSULTING], '结束征求意见');
      const open = request.consultations.at(-1)!;
      assertOnOrAfter(input.on, open.from, '收到意见日期不能早于征求意见日期');
      request.consultations = [...request.consultations.slice(0, -1), { ...open, to: input.on }];
      request.status = RequestStatus.PROCESSING;
    });
  }

  /** 延期: once, at most 20 working days, approved before the reply is due. */
  extend(input: ExtendRequestInput): Promise<InformationRequest> {
    return this.step(input, async (request, deadlines, deadline) => {
      expectStatus(request, [RequestStatus.PROCESSING, RequestStatus.CONSULTING], '延期');
      if (request.extension) throw new RequestLifecycleError('答复期限只能延长一次，本申请已延期', 'EXTENSION_ALREADY_GRANTED', 'workingDays');
      const max = (await deadlines.getRule(RULE.APPLICATION_EXTENSION_MAX)).days;
      if (input.workingDays > max) throw new RequestDateError(`延长的期限最长不得超过${max}个工作日`, 'EXTENSION_TOO_LONG', 'workingDays');
      assertOnOrAfter(input.on, request.receivedOn, '批准延期日期不能早于收到申请日期');
      if (deadline && input.on > deadline.dueDate) {
        throw new RequestDateError(`延期须在答复期限（${deadline.dueDate}）届满前批准`, 'EXTENSION_TOO_LATE', 'on', { dueDate: deadline.dueDate });
      }
      request.extension = { workingDays: input.workingDays, reason: input.reason.trim(), approver: input.approver.trim(), approvedOn: input.on };
    });
  }

  /** 答复: closes the application with its outcome (national categories). */
  reply(input: ReplyToRequestInput): Promise<InformationRequest> {
    return this.step(input, async (request) => {
      if (request.status === RequestStatus.ANSWERED) throw new RequestLifecycleError('本申请已答复', 'ALREADY_ANSWERED', 'id');
      assertOnOrAfter(input.on, request.receivedOn, '答复日期不能早于收到申请日期', 'REPLY_BEFORE_RECEIPT');
      if (request.status === RequestStatus.AWAITING_CORRECTION && input.outcome !== RequestOutcome.OTHER_NO_CORRECTION && input.outcome !== RequestOutcome.UNABLE_STILL_UNCLEAR) {
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
    change: (request: InformationRequest, deadlines: DeadlineService, deadline: Deadline | null) => Promise<void>,
  ): Promise<InformationRequest> {
    this.assertWriter();
    assertNotInFuture(input.on, 'on');
    return transactionalWithEvents(this.em, async (em, outbox) => {
      const request = await em.findOne(InformationRequest, { id: parseId(input.id, (v) => new InformationRequestNotFoundError(v)) }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!request) throw new InformationRequestNotFoundError(input.id);
      if (!canSeeDepartment(this.viewer, (await request.department.load())!)) throw new OutOfScopeError('依申请公开登记');
      if (request.version !== input.version) throw new StaleVersionError('申请', input.version, request.version);
      const deadlines = new DeadlineService(em, outbox);
      const deadline = await em.findOne(Deadline, { kind: DeadlineKind.APPLICATION, subjectId: request.id, rule: RULE.APPLICATION_REPLY });
      await change(request, deadlines, deadline);
      await em.flush();
      await syncDeadline(em, outbox, request, deadlines);
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

export async function syncDeadline(em: EntityManager, outbox: Outbox | undefined, request: InformationRequest, deadlines = new DeadlineService(em, outbox), today = shanghaiDate()): Promise<Deadline> {
  // An open consultation counts as stopped up to today; the item is paused meanwhile.
  const stopped = request.consultations.map((c) => ({ from: c.from, to: c.to ?? today }));
  const waiting = request.status === RequestStatus.AWAITING_CORRECTION || request.status === RequestStatus.CONSULTING;
  return deadlines.sync({
    kind: DeadlineKind.APPLICATION,
    subjectId: request.id,
    rule: RULE.APPLICATION_REPLY,
    departmentId: request.department.id,
    title: `依申请公开 ${request.serialNumber}：${request.content.slice(0, 40)}`,
    clock: { start: clockStart(request), stopped },
    extensions: request.extension ? [request.extension] : [],
    paused: waiting,
    completedOn: request.repliedOn ?? null,
  }, today);
}

function expectStatus(request: InformationRequest, allowed: RequestStatus[], action: string): void {
  if (!allowed.includes(request.status)) {
    throw new RequestLifecycleError(`当前状态不能${action}`, 'INVALID_STATUS', 'id', { status: request.status });
  }
}

function assertOnOrAfter(date: string, earliest: string, message: string, reason = 'DATE_BEFORE_PREVIOUS_STEP'): void {
  if (date < earliest) throw new RequestDateError(`${message}（${earliest}）`, reason, 'on', { earliest });
}
