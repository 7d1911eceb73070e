import { LockMode } from '@mikro-orm/core';
import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { parseId } from '../../core/ids.js';
import { NotFoundError, StaleVersionError } from '../../errors.js';
import { shanghaiDate } from '../../time/calendar-date.js';
import { OutOfScopeError } from '../auth/auth.errors.js';
import { ANONYMOUS, assertAdmin, canSeeDepartment, departmentScopeWhere, isWriter, type Viewer } from '../auth/viewer.js';
import { DeadlineKind } from '../deadlines/deadline-enums.js';
import { RULE } from '../deadlines/deadline-rules.seed.js';
import { Deadline } from '../deadlines/deadline.entity.js';
import { DeadlineService } from '../deadlines/deadline.service.js';
import { Department } from '../departments/department.entity.js';
import { DepartmentKind } from '../departments/department-kind.js';
import { DepartmentService } from '../departments/department.service.js';
import { NotificationKind } from '../notifications/notification-enums.js';
import { notify, type NotificationSpec, type NotifyOptions } from '../notifications/notify.js';
import { Task } from '../tasks/task.entity.js';
import { TaskNotFoundError } from '../tasks/task.errors.js';
import { SupervisionNoticeState, type SupervisionStep } from './supervision-enums.js';
import { NotOfDepartmentError, SupervisionNoticeNotFoundError, SupervisionStepError } from './supervision.errors.js';
import type { IssueSupervisionNoticeInput, ReplySupervisionNoticeInput, ReturnSupervisionNoticeInput, SupervisionNoticeFilter } from './supervision.inputs.js';
import { stateOf, SupervisionNotice } from './supervision-notice.entity.js';

class DeadlineNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('时限事项', 'DEADLINE_NOT_FOUND', id);
  }
}

/** Settings the service needs from the configuration (links in messages). */
export interface SupervisionSettings {
  publicUrl: string | null;
}

const LIST_LIMIT = 500;

/**
 * 督办单: issued by the office (管理员) to a department; 签收 and 回复 by that department's people (科室负责人,
 * 信息员); 办结 or 退回 by the office. Every step in one transaction with its audit entries, its deadline (kind
 * SUPERVISION, due on the reply-by date, met by the reply) and the notifications it causes (in-app + outbox).
 */
export class SupervisionService {
  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Viewer = ANONYMOUS,
    private readonly settings: SupervisionSettings = { publicUrl: null },
  ) {}

  async issue(input: IssueSupervisionNoticeInput): Promise<SupervisionNotice> {
    assertAdmin(this.viewer, 'issueSupervisionNotice');
    return this.em.transactional(async (em) => {
      const department = await new DepartmentService(em).getDepartment(input.departmentId);
      let subject = firstLine(input.reason);
      let task: Task | null = null;
      let deadline: Deadline | null = null;
      if (input.taskId) {
        task = await em.findOne(Task, { id: parseId(input.taskId, (v) => new TaskNotFoundError(v)) }, { populate: ['workPoint'] });
        if (!task) throw new TaskNotFoundError(input.taskId);
        if (task.department.id !== department.id) throw new NotOfDepartmentError('任务', 'taskId');
        const point = task.workPoint.getEntity();
        subject = `${point.number} ${point.title}`;
      }
      if (input.deadlineId) {
        deadline = await em.findOne(Deadline, { id: parseId(input.deadlineId, (v) => new DeadlineNotFoundError(String(v))) });
        if (!deadline) throw new DeadlineNotFoundError(input.deadlineId);
        if (deadline.department?.id !== department.id) throw new NotOfDepartmentError('事项', 'deadlineId');
        if (!task) subject = deadline.title;
      }
      const organization = await organizationOf(em, department);
      const today = shanghaiDate();
      const year = Number(today.slice(0, 4));
      // One numbering per organisation and year: concurrent issues wait for each other here.
      await em.execute('select pg_advisory_xact_lock(?, ?)', [0x5eed, organization.id * 10_000 + year]);
      const [{ next }] = await em.execute<{ next: number }[]>(
        'select coalesce(max(sequence), 0) + 1 as next from supervision_notice where organization_id = ? and year = ?',
        [organization.id, year],
      );
      const deadlines = new DeadlineService(em);
      const due = (await deadlines.calendar()).addWorkingDays(today, input.replyWithinWorkingDays).date;
      const notice = em.create(SupervisionNotice, {
        organization,
        year,
        sequence: next,
        department,
        task,
        deadline,
        subject,
        reason: input.reason.trim(),
        requirement: input.requirement?.trim() ?? '',
        replyWithinWorkingDays: input.replyWithinWorkingDays,
        dueDate: due,
        issuedBy: this.viewer.name,
      });
      await em.flush();
      await syncNoticeDeadline(notice, deadlines);
      await this.notifyOf(em, notice, 'issued', {
        audience: 'department',
        title: `【督办】${notice.subject}`,
        text: [
          `${notice.number} ${department.name}：`,
          `督办事由：${notice.reason}`,
          ...(notice.requirement ? [`办理要求：${notice.requirement}`] : []),
          `请签收，并于 ${notice.dueDate} 前回复办理情况（${notice.replyWithinWorkingDays}个工作日）。`,
        ].join('\n'),
      });
      await em.flush();
      return notice;
    });
  }

  async acknowledge(id: string): Promise<SupervisionNotice> {
    return this.step(id, async (em, notice) => {
      if (notice.step !== SupervisionNoticeState.PENDING) throw new SupervisionStepError('签收', notice.state);
      notice.step = SupervisionNoticeState.ACKNOWLEDGED;
      notice.acknowledgedAt = new Date();
      notice.acknowledgedBy = this.viewer.name;
    });
  }

  async reply(input: ReplySupervisionNoticeInput): Promise<SupervisionNotice> {
    return this.step(input.id, async (em, notice) => {
      if (input.version != null && input.version !== notice.version) throw new StaleVersionError('督办单', input.version, notice.version);
      // Replying signs for it as well: a department that answers at once need not 签收 first.
      if (notice.step === SupervisionNoticeState.PENDING) {
        notice.acknowledgedAt = new Date();
        notice.acknowledgedBy = this.viewer.name;
      } else if (notice.step !== SupervisionNoticeState.ACKNOWLEDGED) {
        throw new SupervisionStepError('回复', notice.state);
      }
      notice.step = SupervisionNoticeState.REPLIED;
      notice.reply = input.reply.trim();
      notice.evidenceUrls = [...new Set(input.evidenceUrls ?? [])];
      notice.repliedAt = new Date();
      notice.repliedBy = this.viewer.name;
      const department = (await notice.department.load())!;
      await this.notifyOf(em, notice, `replied:${notice.returnCount}`, {
        audience: 'office',
        title: `【督办回复】${department.name}：${notice.subject}`,
        text: [`${notice.number} 已回复（${notice.repliedBy}）：`, notice.reply, ...notice.evidenceUrls.map((u) => `佐证：${u}`)].join('\n'),
      });
    });
  }

  async close(id: string): Promise<SupervisionNotice> {
    return this.step(id, async (em, notice) => {
      assertAdmin(this.viewer, 'closeSupervisionNotice');
      if (notice.step === SupervisionNoticeState.CLOSED) throw new SupervisionStepError('办结', notice.state);
      notice.step = SupervisionNoticeState.CLOSED;
      notice.closedAt = new Date();
      notice.closedBy = this.viewer.name;
      await this.notifyOf(em, notice, 'closed', {
        audience: 'department',
        title: `【督办办结】${notice.subject}`,
        text: `${notice.number} 已办结（${notice.closedBy}）。`,
      });
    });
  }

  /** The office does not accept the reply: back to the department (已签收) with a new reply-by date. */
  async returnNotice(input: ReturnSupervisionNoticeInput): Promise<SupervisionNotice> {
    return this.step(input.id, async (em, notice, deadlines) => {
      assertAdmin(this.viewer, 'returnSupervisionNotice');
      if (notice.step !== SupervisionNoticeState.REPLIED) throw new SupervisionStepError('退回', notice.state);
      const days = input.replyWithinWorkingDays ?? notice.replyWithinWorkingDays;
      notice.step = SupervisionNoticeState.ACKNOWLEDGED;
      notice.returnedReason = input.reason.trim();
      notice.returnCount += 1;
      notice.replyWithinWorkingDays = days;
      notice.dueDate = (await deadlines.calendar()).addWorkingDays(shanghaiDate(), days).date;
      await this.notifyOf(em, notice, `returned:${notice.returnCount}`, {
        audience: 'department',
        title: `【督办退回】${notice.subject}`,
        text: [`${notice.number} 的回复被退回：${notice.returnedReason}`, `请于 ${notice.dueDate} 前重新回复。`].join('\n'),
      });
    });
  }

  async find(id: string): Promise<SupervisionNotice | null> {
    const notice = await this.em.findOne(
      SupervisionNotice,
      { id: parseId(id, (v) => new SupervisionNoticeNotFoundError(String(v))) },
      { populate: ['department'] },
    );
    if (!notice) return null;
    if (!canSeeDepartment(this.viewer, notice.department.getEntity())) throw new OutOfScopeError('督办单');
    return notice;
  }

  /** Newest first, within the viewer's scope (at most 500). */
  async list(filter: SupervisionNoticeFilter = {}): Promise<SupervisionNotice[]> {
    const where: FilterQuery<SupervisionNotice>[] = [];
    const scope = departmentScopeWhere(this.viewer);
    if (scope) where.push({ department: scope });
    if (filter.departmentId) {
      const department = await new DepartmentService(this.em).getVisibleDepartment(this.viewer, filter.departmentId, '督办单');
      where.push({ department: { path: { $like: `${department.path}%` } } });
    }
    if (filter.taskId) where.push({ task: parseId(filter.taskId, (v) => new TaskNotFoundError(v)) });
    if (filter.year != null) where.push({ year: filter.year });
    if (filter.openOnly) where.push({ step: { $ne: SupervisionNoticeState.CLOSED } });
    const today = shanghaiDate();
    if (filter.states?.length) {
      const or: FilterQuery<SupervisionNotice>[] = [];
      const open: SupervisionStep[] = [SupervisionNoticeState.PENDING, SupervisionNoticeState.ACKNOWLEDGED];
      for (const s of filter.states) {
        if (s === SupervisionNoticeState.OVERDUE) or.push({ step: { $in: open }, dueDate: { $lt: today } });
        else if (s === SupervisionNoticeState.PENDING || s === SupervisionNoticeState.ACKNOWLEDGED) or.push({ step: s, dueDate: { $gte: today } });
        else or.push({ step: s });
      }
      where.push({ $or: or });
    }
    return this.em.find(SupervisionNotice, where.length ? { $and: where } : {}, {
      orderBy: { issuedAt: 'desc', id: 'desc' },
      limit: LIST_LIMIT,
      populate: ['department'],
    });
  }

  /** Counts for the wall screen: open (not 已办结) and 逾期, within the viewer's scope. */
  async counts(): Promise<{ open: number; overdue: number }> {
    const open = await this.list({ openOnly: true });
    const today = shanghaiDate();
    return { open: open.length, overdue: open.filter((n) => stateOf(n.step, n.dueDate, today) === SupervisionNoticeState.OVERDUE).length };
  }

  /**
   * Loads and locks a notice, checks the viewer's scope (签收 and 回复 are the receiving department's people's — its
   * head or liaison — or the office's; the access table keeps screens out), runs one step, re-syncs its deadline.
   */
  private async step(
    id: string,
    work: (em: EntityManager, notice: SupervisionNotice, deadlines: DeadlineService) => Promise<void>,
  ): Promise<SupervisionNotice> {
    if (!isWriter(this.viewer)) throw new OutOfScopeError('督办单');
    return this.em.transactional(async (em) => {
      const notice = await em.findOne(
        SupervisionNotice,
        { id: parseId(id, (v) => new SupervisionNoticeNotFoundError(String(v))) },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      if (!notice) throw new SupervisionNoticeNotFoundError(id);
      const department = (await notice.department.load())!;
      if (!canSeeDepartment(this.viewer, department)) throw new OutOfScopeError('督办单');
      const deadlines = new DeadlineService(em);
      await work(em, notice, deadlines);
      await em.flush();
      await syncNoticeDeadline(notice, deadlines);
      await em.flush();
      return notice;
    });
  }

  private async notifyOf(
    em: EntityManager,
    notice: SupervisionNotice,
    occasion: string,
    message: Pick<NotificationSpec, 'audience' | 'title' | 'text'>,
  ): Promise<void> {
    const options: NotifyOptions = { today: shanghaiDate(), publicUrl: this.settings.publicUrl };
    await notify(
      em,
      {
        key: `supervision:${notice.id}:${occasion}`,
        kind: NotificationKind.SUPERVISION,
        link: message.audience === 'office' ? `/admin/supervision?notice=${notice.id}` : `/department?notice=${notice.id}`,
        subjectType: 'SupervisionNotice',
        subjectId: notice.id,
        departmentId: notice.department.id,
        digestible: false,
        ...message,
      },
      options,
    );
  }
}

/** Its reply-by date as a deadline of the engine: met by the reply (or 办结), open again when a reply is returned. */
export async function syncNoticeDeadline(notice: SupervisionNotice, deadlines: DeadlineService, today = shanghaiDate()): Promise<void> {
  const answered = notice.step === SupervisionNoticeState.REPLIED || notice.step === SupervisionNoticeState.CLOSED;
  const at = notice.repliedAt ?? notice.closedAt;
  await deadlines.sync(
    {
      kind: DeadlineKind.SUPERVISION,
      subjectId: notice.id,
      rule: RULE.SUPERVISION_REPLY,
      departmentId: notice.department.id,
      title: `督办单 ${notice.number}：${notice.subject}`,
      clock: { start: null, explicitDue: notice.dueDate },
      completedOn: answered ? shanghaiDate(at ?? undefined) : null,
    },
    today,
  );
}

/** The organisation a department belongs to: the deepest organisation on its path (itself when it is one). */
async function organizationOf(em: EntityManager, department: Department): Promise<Department> {
  if (department.kind === DepartmentKind.ORGANIZATION) return department;
  const ids = department.path.split('/').filter(Boolean).map(Number);
  const ancestors = await em.find(Department, { id: { $in: ids }, kind: DepartmentKind.ORGANIZATION });
  const deepest = ancestors.sort((a, b) => b.path.length - a.path.length)[0];
  return deepest ?? department;
}

function firstLine(text: string): string {
  const line = text.trim().split(/\r?\n/)[0]!.trim();
  return line.length > 60 ? `${line.slice(0, 59)}…` : line;
}
