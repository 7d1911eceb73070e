import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { addDays, shanghaiDate } from '../../time/calendar-date.js';
import { now } from '../../time/clock.js';
import { assertAdmin, departmentScopeWhere, type Viewer } from '../auth/viewer.js';
import { loadCalendar } from '../calendar/calendar.store.js';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar.js';
import { Department } from '../departments/department.entity.js';
import { DepartmentService } from '../departments/department.service.js';
import { classify, computeDeadline, type ClockInput } from './deadline-engine.js';
import { DeadlineKind, DeadlineState, OPEN_TIMED_STATES, RuleKind } from './deadline-enums.js';
import { DeadlineRuleNotFoundError, InvalidRuleError } from './deadline.errors.js';
import { Deadline, DeadlineEvent, type Extension } from './deadline.entity.js';
import { DeadlineRule } from './deadline-rule.entity.js';

export interface DeadlineSpec {
  kind: DeadlineKind;
  subjectId: number;
  rule: string;
  departmentId: number | null;
  title: string;
  clock: ClockInput;
  extensions?: Extension[];
  paused?: boolean;
  completedOn?: string | null;
  /** The period of a recurring duty ('' or omitted: the duty's only deadline). */
  occasion?: string;
}

export interface OverdueRow {
  deadline: Deadline;
  rule: DeadlineRule;
  state: DeadlineState;
  workingDaysOverdue: number;
}

export interface MovedDeadline {
  deadline: Deadline;
  fromDueDate: string;
  toDueDate: string;
  wasProvisional: boolean;
}

export interface OverdueFilter {
  departmentId?: string | null;
  kinds?: DeadlineKind[] | null;
  states?: DeadlineState[] | null;
}

/** A candidate of the overdue list as read (plain columns, dates as YYYY-MM-DD). */
interface CandidateRow {
  id: number;
  kind: DeadlineKind;
  subject_id: number;
  rule_code: string;
  department_id: number | null;
  title: string;
  provisional: boolean;
  paused: boolean;
  extensions: unknown;
  start_date: string | null;
  original_due_date: string;
  due_date: string;
}

/** Items the wall screen shows by default. */
export const ATTENTION_STATES = [DeadlineState.DUE_SOON, DeadlineState.OVERDUE, DeadlineState.LONG_OVERDUE];

/** Key of the advisory lock that makes one instance at a time sweep. */
const SWEEP_LOCK_KEY = 7_402_912;

/** One line of the overdue list (the GraphQL OverdueItem). */
export interface OverdueItemData {
  kind: DeadlineKind;
  id: string;
  deadlineId: string;
  title: string;
  department: Department | null;
  dueDate: string;
  originalDueDate: string;
  workingDaysOverdue: number;
  state: DeadlineState;
  rule: string;
  ruleCode: string;
  policyBasis: string;
  provisional: boolean;
}

/** New figures of a deadline rule (omitted ones stay). */
export interface RuleChange {
  code: string;
  days?: number | null;
  dueSoonWorkingDays?: number | null;
  warnDays?: number | null;
  vetoDays?: number | null;
  longOverdueWorkingDays?: number | null;
  policyBasis?: string | null;
}

export interface SweepOutcome {
  swept: boolean;
  moves: { deadlineId: number; from: DeadlineState; to: DeadlineState }[];
}

export class DeadlineService {
  private calendarPromise: Promise<WorkingDayCalendar> | undefined;

  constructor(
    private readonly em: EntityManager,
    calendar?: WorkingDayCalendar,
  ) {
    if (calendar) this.calendarPromise = Promise.resolve(calendar);
  }

  calendar(): Promise<WorkingDayCalendar> {
    return (this.calendarPromise ??= loadCalendar(this.em));
  }

  private readonly rules = new Map<string, Promise<DeadlineRule | null>>();

  async getRule(code: string): Promise<DeadlineRule> {
    if (!this.rules.has(code)) this.rules.set(code, this.em.findOne(DeadlineRule, { code }));
    const rule = await this.rules.get(code)!;
    if (!rule) throw new DeadlineRuleNotFoundError(code);
    return rule;
  }

  /**
   * Creates or updates the deadline of a duty from its clock, and moves its state (recording
   * the move). Call inside the duty's transaction.
   */
  async sync(spec: DeadlineSpec, today = shanghaiDate()): Promise<Deadline> {
    const [calendar, rule] = await Promise.all([this.calendar(), this.getRule(spec.rule)]);
    const extensionWorkingDays = (spec.extensions ?? []).reduce((s, e) => s + e.workingDays, 0);
    const computed = computeDeadline(calendar, rule, { ...spec.clock, extensionWorkingDays });
    const occasion = spec.occasion ?? '';
    let deadline = await this.em.findOne(Deadline, { kind: spec.kind, subjectId: spec.subjectId, rule: spec.rule, occasion });
    if (!deadline) {
      deadline = this.em.create(Deadline, {
        kind: spec.kind,
        subjectId: spec.subjectId,
        occasion,
        rule: this.em.getReference(DeadlineRule, spec.rule, { wrapped: true }),
        title: spec.title,
        originalDueDate: computed.originalDueDate,
        dueDate: computed.dueDate,
      });
    }
    deadline.title = spec.title;
    deadline.department = spec.departmentId ? this.em.getReference(Department, spec.departmentId, { wrapped: true }) : null;
    deadline.startDate = spec.clock.start;
    deadline.originalDueDate = computed.originalDueDate;
    deadline.dueDate = computed.dueDate;
    deadline.provisional = computed.provisional;
    deadline.stopped = [...(spec.clock.stopped ?? [])];
    deadline.extensions = spec.extensions ?? [];
    deadline.paused = spec.paused ?? false;
    deadline.completedOn = spec.completedOn ?? null;
    const { state } = classify(calendar, rule, { ...deadline, extensionWorkingDays }, today);
    this.moveState(deadline, state, today);
    return deadline;
  }

  /** The state change of one deadline, recorded in deadline_event (the durable record reminders and reports read). */
  private moveState(deadline: Deadline, to: DeadlineState, today: string): void {
    const isNew = deadline.id === undefined;
    const from = isNew ? null : deadline.state;
    if (from === to && !isNew) return;
    deadline.state = to;
    deadline.stateChangedAt = now();
    // No flush here: the move is written with the deadline.
    this.em.create(DeadlineEvent, { deadline, fromState: from, toState: to, asOf: today, at: now() });
  }

  /**
   * Moves every open deadline whose state changed by `today`. One instance at a time (advisory
   * lock); each move is recorded once, guarded by the state it moves from.
   */
  async sweep(today = shanghaiDate()): Promise<SweepOutcome> {
    return this.em.transactional((tx) => new DeadlineService(tx).sweepIn(today));
  }

  private async sweepIn(today: string): Promise<SweepOutcome> {
    const conn = this.em.getConnection();
    const [{ locked }] = await conn.execute<{ locked: boolean }[]>(
      'select pg_try_advisory_xact_lock(?) as locked',
      [SWEEP_LOCK_KEY],
      'all',
      this.em.getTransactionContext(),
    );
    if (!locked) return { swept: false, moves: [] };
    const calendar = await this.calendar();
    const rules = new Map((await this.em.find(DeadlineRule, {})).map((r) => [r.code, r]));
    const open = await this.em.find(Deadline, { state: { $in: OPEN_TIMED_STATES }, paused: false, completedOn: null });
    const moves: { deadlineId: number; from: DeadlineState; to: DeadlineState }[] = [];
    for (const d of open) {
      const rule = rules.get(d.rule.unwrap().code)!;
      const { state } = classify(calendar, rule, { ...d, extensionWorkingDays: d.extensions.reduce((s, e) => s + e.workingDays, 0) }, today);
      if (state === d.state) continue;
      // Guarded by the state it leaves: a concurrent writer that moved it first wins.
      const updated = await conn.execute(
        'update deadline set state = ?, state_changed_at = ?, version = version + 1 where id = ? and state = ?',
        [state, now(), d.id, d.state],
        'run',
        this.em.getTransactionContext(),
      );
      if (!(updated as { affectedRows?: number }).affectedRows) continue;
      await conn.execute(
        'insert into deadline_event (deadline_id, from_state, to_state, as_of, at) values (?, ?, ?, ?, ?)',
        [d.id, d.state, state, today, now()],
        'run',
        this.em.getTransactionContext(),
      );
      moves.push({ deadlineId: d.id, from: d.state, to: state });
    }
    return { swept: true, moves };
  }

  /** Recomputes the open deadlines (e.g. after a year's holiday notice is entered) and reports the ones whose due date moved. */
  async recomputeOpen(touches?: { year?: number; rule?: string }, today = shanghaiDate()): Promise<MovedDeadline[]> {
    const where: FilterQuery<Deadline> = { state: { $ne: DeadlineState.DONE } };
    if (touches?.rule) Object.assign(where, { rule: touches.rule });
    if (touches?.year) {
      // Any deadline whose counting window includes the year: started on or before its end, due on or after its start.
      Object.assign(where, {
        $and: [{ $or: [{ startDate: null }, { startDate: { $lte: `${touches.year}-12-31` } }] }, { dueDate: { $gte: `${touches.year - 1}-12-01` } }],
      });
    }
    const open = await this.em.find(Deadline, where, { orderBy: { id: 'asc' } });
    const moved: MovedDeadline[] = [];
    for (const d of open) {
      const before = { due: d.dueDate, provisional: d.provisional };
      await this.sync(
        {
          kind: d.kind,
          subjectId: d.subjectId,
          rule: d.rule.unwrap().code,
          departmentId: d.department?.id ?? null,
          title: d.title,
          clock: { start: d.startDate ?? null, stopped: d.stopped, explicitDue: d.dueDate, year: Number(d.originalDueDate.slice(0, 4)) },
          extensions: d.extensions,
          paused: d.paused,
          completedOn: d.completedOn,
        },
        today,
      );
      if (d.dueDate !== before.due || d.provisional !== before.provisional)
        moved.push({ deadline: d, fromDueDate: before.due, toDueDate: d.dueDate, wasProvisional: before.provisional });
    }
    return moved;
  }

  /**
   * The overdue list as the API and the wall screen show it: one item per deadline, with its department and rule.
   *
   * Read as plain rows (only the columns the list needs, no entities), classified once each, with the departments
   * loaded in one query: at 10,000 open deadlines this is what keeps the wall screen's list within a few
   * milliseconds (issue 18; bench/deadlines/overdue.bench.ts). Gives the same list as `listAttention` (which loads the
   * candidates as entities) — test/integration/overdue-items.test.ts holds the two side by side.
   */
  async overdueItems(viewer: Viewer, filter: OverdueFilter, asOf = shanghaiDate()): Promise<OverdueItemData[]> {
    const states = filter.states?.length ? filter.states : ATTENTION_STATES;
    const where = ['d.completed_on is null'];
    const params: unknown[] = [];
    let joinDepartment = false;
    const scope = viewer.scope;
    if (scope) {
      // As departmentScopeWhere: a deadline without a department is outside every scope; an empty scope sees nothing.
      joinDepartment = true;
      const or = [
        ...scope.subtreePaths.map(() => 'p.path like ?'),
        ...(scope.exactIds.length ? [`p.id in (${scope.exactIds.map(() => '?').join(', ')})`] : []),
      ];
      params.push(...scope.subtreePaths.map((path) => `${path}%`), ...scope.exactIds);
      where.push(or.length ? `(${or.join(' or ')})` : 'false');
    }
    if (filter.departmentId) {
      const department = await new DepartmentService(this.em).getVisibleDepartment(viewer, filter.departmentId, '时限事项');
      joinDepartment = true;
      where.push('p.path like ?');
      params.push(`${department.path}%`);
    }
    if (filter.kinds?.length) {
      where.push(`d.kind in (${filter.kinds.map(() => '?').join(', ')})`);
      params.push(...filter.kinds);
    }
    const [calendar, rules] = await Promise.all([this.calendar(), this.em.find(DeadlineRule, {})]);
    // Only deadlines that can be in the asked states need evaluating: due within the due-soon window, or already past;
    // a paused clock is always PAUSED.
    if (!states.includes(DeadlineState.ON_TRACK) && !states.includes(DeadlineState.PAUSED)) {
      where.push('d.due_date <= ?');
      params.push(addDays(asOf, 31));
      // Tighter, per rule: one due on or after the (dueSoonWorkingDays + 1)-th working day from asOf is on track. Not for
      // MAX_GAP rules (their state counts calendar days since the last event), and only where the calendar confirms it.
      const bounds: [string, string][] = [];
      for (const rule of rules) {
        if (rule.kind === RuleKind.MAX_GAP) continue;
        const onTrackFrom = calendar.addWorkingDays(asOf, rule.dueSoonWorkingDays + 1).date;
        if (calendar.workingDaysBetween(asOf, onTrackFrom) > rule.dueSoonWorkingDays) bounds.push([rule.code, onTrackFrom]);
      }
      if (bounds.length) {
        where.push(`(d.due_date < case d.rule_code ${bounds.map(() => 'when ? then ?::date').join(' ')} else ?::date end)`);
        params.push(...bounds.flat(), addDays(asOf, 32));
      }
    }
    if (!states.includes(DeadlineState.PAUSED)) where.push('not d.paused');
    // Dates come back as YYYY-MM-DD strings (the driver keeps date columns raw, as the entities read them).
    const candidatesSql = `select d.id, d.kind, d.subject_id, d.rule_code, d.department_id, d.title, d.provisional, d.paused, d.extensions,
        d.start_date, d.original_due_date, d.due_date
      from deadline d${joinDepartment ? ' join department p on p.id = d.department_id' : ''}
      where ${where.join(' and ')}
      order by d.due_date, d.id`;
    const candidates = await this.em.getConnection().execute<CandidateRow[]>(candidatesSql, params, 'all', this.em.getTransactionContext());
    const ruleByCode = new Map(rules.map((r) => [r.code, r]));
    const rows: { d: CandidateRow; rule: DeadlineRule; state: DeadlineState; workingDaysOverdue: number }[] = [];
    for (const d of candidates) {
      const rule = ruleByCode.get(d.rule_code)!;
      const extensionWorkingDays = (d.extensions as Extension[]).reduce((s, e) => s + e.workingDays, 0);
      const c = classify(calendar, rule, { dueDate: d.due_date, startDate: d.start_date, paused: d.paused, completedOn: null, extensionWorkingDays }, asOf);
      if (states.includes(c.state)) rows.push({ d, rule, state: c.state, workingDaysOverdue: c.workingDaysOverdue });
    }
    // Most overdue first, then the nearest due date (a stable sort: ties keep the due date, id order of the query).
    rows.sort((a, b) => b.workingDaysOverdue - a.workingDaysOverdue || a.d.due_date.localeCompare(b.d.due_date));
    const departmentIds = [...new Set(rows.map((r) => r.d.department_id).filter((id): id is number => id !== null))];
    const departments = new Map(
      (departmentIds.length ? await this.em.find(Department, { id: { $in: departmentIds } }) : []).map((department) => [department.id, department]),
    );
    return rows.map(({ d, rule, state, workingDaysOverdue }) => ({
      kind: d.kind,
      id: String(d.subject_id),
      deadlineId: String(d.id),
      title: d.title,
      department: d.department_id === null ? null : (departments.get(d.department_id) ?? null),
      dueDate: d.due_date,
      originalDueDate: d.original_due_date,
      workingDaysOverdue,
      state,
      rule: rule.name,
      ruleCode: rule.code,
      policyBasis: rule.policyBasis,
      provisional: d.provisional,
    }));
  }

  /** Overdue and due-soon items the viewer may see, evaluated as of `asOf` (default: today in Shanghai). */
  async listAttention(viewer: Viewer, filter: OverdueFilter, asOf = shanghaiDate()): Promise<OverdueRow[]> {
    const and: FilterQuery<Deadline>[] = [{ completedOn: null }];
    const scope = departmentScopeWhere(viewer);
    if (scope) and.push({ department: scope });
    if (filter.departmentId) {
      const department = await new DepartmentService(this.em).getVisibleDepartment(viewer, filter.departmentId, '时限事项');
      and.push({ department: { path: { $like: `${department.path}%` } } });
    }
    if (filter.kinds?.length) and.push({ kind: { $in: filter.kinds } });
    const states = filter.states?.length ? filter.states : ATTENTION_STATES;
    // Only deadlines that can be in the asked states need evaluating: due within the due-soon window, or already past.
    if (!states.includes(DeadlineState.ON_TRACK) && !states.includes(DeadlineState.PAUSED)) and.push({ dueDate: { $lte: addDays(asOf, 31) } });
    const [calendar, rules, candidates] = await Promise.all([
      this.calendar(),
      this.em.find(DeadlineRule, {}),
      this.em.find(Deadline, { $and: and }, { orderBy: { dueDate: 'asc', id: 'asc' } }),
    ]);
    const ruleByCode = new Map(rules.map((r) => [r.code, r]));
    const rows: OverdueRow[] = [];
    for (const d of candidates) {
      const rule = ruleByCode.get(d.rule.unwrap().code)!;
      const c = classify(calendar, rule, { ...d, extensionWorkingDays: d.extensions.reduce((s, e) => s + e.workingDays, 0) }, asOf);
      if (states.includes(c.state)) rows.push({ deadline: d, rule, state: c.state, workingDaysOverdue: c.workingDaysOverdue });
    }
    // Most overdue first, then the nearest due date.
    return rows.sort((a, b) => b.workingDaysOverdue - a.workingDaysOverdue || a.deadline.dueDate.localeCompare(b.deadline.dueDate));
  }

  async listRules(): Promise<DeadlineRule[]> {
    return this.em.find(DeadlineRule, {}, { orderBy: { code: 'asc' } });
  }

  /** Tunes a rule's figures and recomputes the open deadlines under it, in one transaction. */
  async setRule(viewer: Viewer, input: RuleChange): Promise<DeadlineRule> {
    assertAdmin(viewer, 'setDeadlineRule');
    return this.em.transactional((tx) => new DeadlineService(tx).applyRule(viewer, input));
  }

  private async applyRule(viewer: Viewer, input: RuleChange): Promise<DeadlineRule> {
    for (const [field, value] of Object.entries(input)) {
      if (typeof value === 'number' && (!Number.isInteger(value) || value < 0 || value > 366))
        throw new InvalidRuleError(`${field} 须为0–366之间的整数`, field);
    }
    if (input.policyBasis !== undefined && input.policyBasis !== null && !input.policyBasis.trim())
      throw new InvalidRuleError('政策依据不能为空', 'policyBasis');
    const rule = await this.getRule(input.code);
    if (input.days != null) rule.days = input.days;
    if (input.dueSoonWorkingDays != null) rule.dueSoonWorkingDays = input.dueSoonWorkingDays;
    if (input.warnDays != null) rule.warnDays = input.warnDays;
    if (input.vetoDays != null) rule.vetoDays = input.vetoDays;
    if (input.longOverdueWorkingDays != null) rule.longOverdueWorkingDays = input.longOverdueWorkingDays;
    if (input.policyBasis) rule.policyBasis = input.policyBasis.trim();
    if ((rule.warnDays ?? 0) > (rule.vetoDays ?? Infinity)) throw new InvalidRuleError('预警天数不能大于否决天数', 'warnDays');
    await this.em.flush();
    await this.recomputeOpen({ rule: rule.code });
    return rule;
  }
}
