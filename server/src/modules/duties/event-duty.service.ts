import { LockMode } from '@mikro-orm/core';
import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { BadInputError, ConflictError, NotFoundError, requireText, StaleVersionError } from '../../errors.js';
import { paginate, type Connection, type PageArgs } from '../../core/pagination.js';
import { parseId } from '../../core/ids.js';
import { assertNotInFuture } from '../../time/calendar-date.js';
import { OutOfScopeError } from '../auth/auth.errors.js';
import { canSeeDepartment, departmentScopeWhere, isWriter, type Viewer } from '../auth/viewer.js';
import { DepartmentService } from '../departments/department.service.js';
import { DeadlineService } from '../deadlines/deadline.service.js';
import { DEADLINE_KIND_LABEL } from '../deadlines/deadline-enums.js';
import { DUTY_DEADLINE_KIND, DUTY_RULE } from './duty-enums.js';
import { EventDuty } from './event-duty.entity.js';
import type { CompleteDutyInput, DutyFilter, RegisterDutyInput } from './event-duty.inputs.js';

class DutyNotFoundError extends NotFoundError {
  constructor(id: string | number) {
    super('登记事项', 'DUTY_NOT_FOUND', id);
  }
}

/** The registers of 建议提案, 网站留言 and 行政处罚: an event, a clock, a completion. */
export class EventDutyService {
  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Viewer,
  ) {}

  async listDuties(filter: DutyFilter, page: PageArgs): Promise<Connection<EventDuty>> {
    const scope = departmentScopeWhere(this.viewer);
    const and: FilterQuery<EventDuty>[] = scope ? [{ department: scope }] : [];
    if (filter.kinds?.length) and.push({ kind: { $in: filter.kinds } });
    if (filter.open != null) and.push({ completedOn: filter.open ? null : { $ne: null } });
    if (filter.departmentId) {
      const department = await new DepartmentService(this.em).getVisibleDepartment(this.viewer, filter.departmentId, '登记事项');
      and.push({ department: { path: { $like: `${department.path}%` } } });
    }
    return paginate(this.em, EventDuty, and.length ? { $and: and } : {}, page, 'desc');
  }

  async register(input: RegisterDutyInput): Promise<EventDuty> {
    if (!isWriter(this.viewer)) throw new OutOfScopeError('登记事项');
    const title = requireText(input.title, 'title', 'TITLE_REQUIRED', '标题不能为空：请填写复文标题、留言主题或者案件名称');
    assertNotInFuture(input.eventOn, 'eventOn');
    return this.em.transactional(async (em) => {
      const department = await new DepartmentService(em).getVisibleDepartment(this.viewer, input.departmentId, '登记事项');
      const duty = em.create(EventDuty, {
        kind: input.kind,
        department,
        title,
        referenceNumber: input.referenceNumber?.trim() || null,
        party: input.party?.trim() || null,
        eventOn: input.eventOn,
        note: input.note?.trim() || null,
      });
      await em.flush();
      await syncDutyDeadline(em, duty);
      return duty;
    });
  }

  async complete(input: CompleteDutyInput): Promise<EventDuty> {
    if (!isWriter(this.viewer)) throw new OutOfScopeError('登记事项');
    assertNotInFuture(input.completedOn, 'completedOn');
    return this.em.transactional(async (em) => {
      const duty = await em.findOne(EventDuty, { id: parseId(input.id, (v) => new DutyNotFoundError(v)) }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!duty) throw new DutyNotFoundError(input.id);
      if (!canSeeDepartment(this.viewer, (await duty.department.load())!)) throw new OutOfScopeError('登记事项');
      if (duty.version !== input.version) throw new StaleVersionError('登记事项', input.version, duty.version);
      if (duty.completedOn) throw new ConflictError('本事项已办结', 'ALREADY_COMPLETED', 'id');
      if (input.completedOn < duty.eventOn) throw new BadInputError(`办结日期不能早于起算日期（${duty.eventOn}）`, 'COMPLETED_BEFORE_EVENT', 'completedOn');
      duty.completedOn = input.completedOn;
      duty.url = input.url ?? duty.url ?? null;
      await em.flush();
      await syncDutyDeadline(em, duty);
      return duty;
    });
  }
}

export async function syncDutyDeadline(em: EntityManager, duty: EventDuty, deadlines = new DeadlineService(em), today?: string): Promise<void> {
  await deadlines.sync(
    {
      kind: DUTY_DEADLINE_KIND[duty.kind],
      subjectId: duty.id,
      rule: DUTY_RULE[duty.kind],
      departmentId: duty.department.id,
      title: `${DEADLINE_KIND_LABEL[DUTY_DEADLINE_KIND[duty.kind]]}：${duty.title}`,
      clock: { start: duty.eventOn },
      completedOn: duty.completedOn ?? null,
    },
    today,
  );
}
