import { FlushMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Department } from '../../modules/departments/department.entity.js';
import { DepartmentKind } from '../../modules/departments/department-kind.js';
import { parseSelfInspection, parseWorkPlan } from '../../modules/plans/plan-document.parser.js';
import { PlanService } from '../../modules/plans/plan.service.js';
import type { Plan } from '../../modules/plans/plan.entity.js';
import { seedDemoAnnualReports } from '../../modules/annual-report/annual-report-demo.js';
import { seedDemoPublications } from '../../modules/publications/publication-demo.js';
import { seedDemoSupervision } from '../../modules/supervision/supervision-demo.js';
import { seedDemoAssessment } from '../../modules/assessment/assessment-demo.js';
import { syncAllNewMediaFreshness } from '../../modules/deadlines/new-media-freshness.js';
import { TaskStatus } from '../../modules/tasks/task-enums.js';
import { TaskService } from '../../modules/tasks/task.service.js';
import { SYSTEM_VIEWER } from '../../modules/auth/viewer.js';
import { TaskUpdate } from '../../modules/tasks/task-update.entity.js';
import { DeadlineService } from '../../modules/deadlines/deadline.service.js';
import type { Task } from '../../modules/tasks/task.entity.js';
import { shanghaiDate } from '../../time/calendar-date.js';
import { loadCalendar } from '../../modules/calendar/calendar.store.js';
import type { WorkingDayCalendar } from '../../modules/calendar/working-day-calendar.js';
import { DeadlineKind } from '../../modules/deadlines/deadline-enums.js';
import { RULE } from '../../modules/deadlines/deadline-rules.seed.js';
import { syncDutyDeadline } from '../../modules/duties/event-duty.service.js';
import { EventDuty } from '../../modules/duties/event-duty.entity.js';
import { DutyKind } from '../../modules/duties/duty-enums.js';
import { InformationRequest } from '../../modules/requests/information-request.entity.js';
import { syncDeadline as syncRequestDeadline } from '../../modules/requests/information-request.service.js';
import { ApplicantType, RequestChannel, RequestOutcome, RequestStatus } from '../../modules/requests/request-enums.js';
import { draw, redateTitle, simulateTask, taskDueDate } from './demo-progress.js';
import { demoRegisters, type RegisterEntry, type RegisterKind } from './demo-registers.js';
import { hashPassword } from '../../modules/auth/password.js';
import type { Role } from '../../modules/auth/role.js';
import { ScreenToken } from '../../modules/auth/screen-token.entity.js';
import { sha256 } from '../../modules/auth/tokens.js';
import { User } from '../../modules/auth/user.entity.js';

/**
 * seeds/ at the repository root: the real documents and demo.json that says how to load them.
 * Found by walking up, so the same code works from server/src (tsx) and dist/server/src (tsc).
 */
export const SEEDS_DIR = findSeedsDir(path.dirname(fileURLToPath(import.meta.url)));

function findSeedsDir(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'seeds', 'demo.json'))) return path.join(dir, 'seeds');
    if (dir === path.dirname(dir)) return path.resolve('seeds');
  }
}

interface DepartmentSeed {
  name: string;
  code: string;
  kind: DepartmentKind;
  creditCode?: string;
  demo?: boolean;
  children?: DepartmentSeed[];
}

interface PlanSeed {
  file: string;
  format: 'WORK_PLAN' | 'SELF_INSPECTION';
  organization: string;
  source: string;
  /** simulated: believable progress as of today, drawn deterministically; from-self-inspection: status from 自查情况. */
  progress: 'simulated' | 'from-self-inspection';
  /**
   * Re-date the document into the year of today (the demo of the current year): title and due
   * dates move to that year, the original year is kept as the plan's sourceYear (原文年度).
   */
  currentYear?: boolean;
}

interface DemoAccounts {
  password: string;
  users: { username: string; displayName: string; role: Role; department: string }[];
  screenTokens: { label: string; token: string; departments: string[] }[];
}

interface DemoManifest {
  organizations: DepartmentSeed[];
  plans: PlanSeed[];
  demoAccounts?: DemoAccounts;
}

/** Seeds the demo data when the database has no department yet. Returns a summary, or null when it did nothing. */
export async function seedDemoDataIfEmpty(em: EntityManager, seedsDir = SEEDS_DIR, today = shanghaiDate()): Promise<string | null> {
  if (await em.count(Department, {})) return null;
  return seedDemoData(em, seedsDir, today);
}

/**
 * Loads seeds/demo.json and the documents it names, in one transaction, as of `today` (default:
 * today in Shanghai on the server's clock, see time/clock.ts): the current-year plan's progress,
 * the registers and the publications are believable on that day and nothing is dated after it.
 */
export async function seedDemoData(em: EntityManager, seedsDir = SEEDS_DIR, today = shanghaiDate()): Promise<string> {
  const manifest = JSON.parse(fs.readFileSync(path.join(seedsDir, 'demo.json'), 'utf8')) as DemoManifest;
  const year = Number(today.slice(0, 4));
  return em.transactional(async (tx) => {
    const calendar = await loadCalendar(tx);
    const orgs = new Map<string, Department>();
    let departments = 0;
    for (const seed of manifest.organizations) {
      const created = await createTree(tx, seed, null);
      departments += created.length;
      orgs.set(seed.code, created[0]!);
    }
    let points = 0;
    let tasks = 0;
    for (const seed of manifest.plans) {
      const organization = orgs.get(seed.organization);
      if (!organization) throw new Error(`seeds/demo.json: plan ${seed.file} names unknown organization ${seed.organization}`);
      if (seed.progress === 'simulated' && !seed.currentYear)
        throw new Error(`seeds/demo.json: plan ${seed.file}: simulated progress needs currentYear (progress is simulated as of today)`);
      const text = fs.readFileSync(path.join(seedsDir, seed.file), 'utf8');
      const parsed = seed.format === 'WORK_PLAN' ? parseWorkPlan(text) : parseSelfInspection(text);
      const sourceYear = parsed.year ?? year;
      // Re-dated: due dates follow from the year (每年4月1日前 → <year>-04-01, otherwise <year>-12-31).
      const plan = await new PlanService(tx).storeParsedPlan(organization, parsed, {
        source: seed.source,
        createMissingDepartments: false,
        ...(seed.currentYear ? { year, title: redateTitle(parsed.title, sourceYear, year), sourceYear } : {}),
      });
      const planTasks = await breakDownPlan(tx, plan);
      const completed =
        seed.progress === 'simulated'
          ? simulateProgress(tx, calendar, plan, planTasks, today)
          : applySelfInspection(tx, plan, planTasks, new Map(parsed.points.map((p) => [p.number, p.selfInspection])), today);
      await tx.flush();
      // The breakdown gave every task its deadline; here it follows the task's due date and closes
      // on the day the task was reported done, as of today.
      await withoutAutoFlush(tx, async () => {
        const deadlines = new DeadlineService(tx, calendar);
        for (const task of planTasks) await syncSeededTaskDeadline(deadlines, task, completed.get(task) ?? null, today);
      });
      points += parsed.points.length;
      tasks += planTasks.length;
    }
    const accounts = manifest.demoAccounts ? await createDemoAccounts(tx, manifest.demoAccounts) : 0;
    await tx.flush();
    const registers = await seedDemoRegisters(tx, calendar, today);
    const publications = await seedDemoPublications(tx, [...orgs.values()], today);
    // 政务新媒体 freshness follows each account's latest publication.
    await syncAllNewMediaFreshness(tx, today);
    // 年度报告: the registers above are the 平顶山 bureau's (its 依申请公开 and 行政处罚 registers).
    const reports = await seedDemoAnnualReports(tx, orgs.get('PDS') ?? [...orgs.values()][0]!, calendar, today);
    // 督办单 about overdue tasks: one closed, one replied, one overdue.
    const notices = await seedDemoSupervision(tx, orgs.get('PDS') ?? [...orgs.values()][0]!, calendar, today);
    // 考核: seed 000's 21 indicators for the year and the half-year, over the bureau's units.
    const assessmentSets = await seedDemoAssessment(tx, orgs.get('PDS') ?? [...orgs.values()][0]!, today);
    return `Demo data as of ${today}: ${departments} departments, ${manifest.plans.length} plans, ${points} work points, ${tasks} tasks, ${accounts} demo accounts, ${registers} register entries, ${publications} publications, ${reports} annual reports, ${notices} 督办单, ${assessmentSets} 考核指标体系.`;
  });
}

/**
 * Hundreds of deadline syncs in one transaction: each looks its deadline up, and an automatic
 * flush before every lookup would make seeding quadratic. Every subject is synced once, so the
 * lookups never need the pending ones; all is flushed at the end.
 */
async function withoutAutoFlush(em: EntityManager, work: () => Promise<void>): Promise<void> {
  em.setFlushMode(FlushMode.COMMIT);
  try {
    await work();
  } finally {
    em.setFlushMode(undefined);
  }
  await em.flush();
}

async function syncSeededTaskDeadline(deadlines: DeadlineService, task: Task, completedOn: string | null, today: string): Promise<void> {
  if (!task.dueDate) return;
  const point = task.workPoint.getEntity();
  await deadlines.sync(
    {
      kind: DeadlineKind.TASK,
      subjectId: task.id,
      rule: RULE.TASK_DUE,
      departmentId: task.department.id,
      title: `${point.number} ${point.title}`,
      clock: { start: null, explicitDue: task.dueDate },
      completedOn,
    },
    today,
  );
}

async function createDemoAccounts(em: EntityManager, accounts: DemoAccounts): Promise<number> {
  const byCode = async (code: string) =>
    em.findOneOrFail(Department, { code }, { failHandler: () => new Error(`seeds/demo.json: unknown department ${code}`) });
  const passwordHash = await hashPassword(accounts.password);
  for (const u of accounts.users) {
    em.create(User, { username: u.username, displayName: u.displayName, role: u.role, department: await byCode(u.department), passwordHash });
  }
  for (const t of accounts.screenTokens) {
    const ids = await Promise.all(t.departments.map(async (code) => (await byCode(code)).id));
    em.create(ScreenToken, { label: t.label, tokenHash: sha256(t.token), departmentIds: ids });
  }
  return accounts.users.length + accounts.screenTokens.length;
}

async function createTree(em: EntityManager, seed: DepartmentSeed, parent: Department | null, sortOrder = 0): Promise<Department[]> {
  const department = em.create(Department, {
    name: seed.name,
    code: seed.code,
    kind: seed.kind,
    parent,
    creditCode: seed.creditCode ?? null,
    sortOrder,
    path: '',
  });
  await em.flush();
  department.path = `${parent?.path ?? '/'}${department.id}/`;
  const all = [department];
  for (const [i, child] of (seed.children ?? []).entries()) all.push(...(await createTree(em, child, department, i)));
  return all;
}

async function breakDownPlan(em: EntityManager, plan: Plan): Promise<Task[]> {
  await em.flush();
  const points = (await plan.workPoints.load()).getItems().sort((a, b) => a.sequence - b.sequence);
  const tasks: Task[] = [];
  for (const point of points) {
    const { created } = await new TaskService(em, SYSTEM_VIEWER).breakDownWorkPoint(String(point.id));
    tasks.push(...created);
  }
  return tasks;
}

/** The note of a task's demo report: why it is 不适用, or what was done, or how far it has come. */
function reportNote(task: Task, pointTitle: string): string | null | undefined {
  if (task.status === TaskStatus.NOT_APPLICABLE) return task.notApplicableReason;
  if (task.status === TaskStatus.DONE) return `已完成“${pointTitle}”相关工作并在门户网站公开`;
  return `正在推进“${pointTitle}”，已完成 ${task.progress}%`;
}

/**
 * Believable progress of the current year's plan as of today (demo-progress.ts): due dates per
 * task (牵头: the point's; 配合: a month end), status, progress, ticked ⑴⑵⑶ items and one dated
 * report each. Returns the tasks closed (done, 不适用) with the day they were reported so.
 */
function simulateProgress(em: EntityManager, calendar: WorkingDayCalendar, plan: Plan, tasks: Task[], today: string): Map<Task, string> {
  const completed = new Map<Task, string>();
  for (const task of tasks) {
    const point = task.workPoint.getEntity();
    const department = task.department.getEntity();
    const key = `${plan.sourceYear ?? plan.year}|${point.number}|${department.code}`;
    const role = task.role === 'LEAD' ? 'LEAD' : 'COOPERATING';
    task.dueDate = taskDueDate(key, role, point.dueDate ?? `${plan.year}-12-31`);
    const sim = simulateTask(calendar, key, role, task.dueDate, today);
    task.status = TaskStatus[sim.status];
    task.progress = sim.progress;
    if (sim.status === 'NOT_APPLICABLE') task.notApplicableReason = '不在我单位职能范围内';
    const ticked = Math.floor(task.checklist.length * (sim.progress / 100));
    task.checklist = task.checklist.map((c, i) => ({ ...c, done: i < ticked }));
    if (!sim.reportedOn) continue;
    if (sim.status === 'DONE' || sim.status === 'NOT_APPLICABLE') completed.set(task, sim.reportedOn);
    em.create(TaskUpdate, {
      task,
      progress: task.progress,
      status: task.status,
      note: reportNote(task, point.title),
      evidenceUrls:
        task.status === TaskStatus.NOT_APPLICABLE ? [] : [`https://zwgk.example/demo/${plan.year}/${encodeURIComponent(point.number)}/${department.code}`],
      author: `${department.name}信息员`,
      createdAt: reportTime(sim.reportedOn, key),
    });
  }
  return completed;
}

/** A time of day in office hours (Shanghai) for a report on `date`. */
function reportTime(date: string, key: string): Date {
  const minutes = 9 * 60 + Math.floor(draw(`time|${key}`) * 8 * 60);
  return new Date(`${date}T${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00+08:00`);
}

/**
 * The 自查 verdict is the status: "不在我单位职能范围内" is 不适用, "已…公开" is done. A past year's
 * self-inspection is closed: what it found still in progress was finished by that year's end
 * (a follow-up report then), so nothing of it stays overdue for years.
 */
function applySelfInspection(em: EntityManager, plan: Plan, tasks: Task[], verdicts: Map<string, string | null>, today: string): Map<Task, string> {
  const completed = new Map<Task, string>();
  // The self-inspection report is written after the half year it covers.
  const inspectedOn = `${plan.year}-07-15` < today ? `${plan.year}-07-15` : null;
  for (const task of tasks) {
    const verdict = verdicts.get(task.workPoint.getEntity().number);
    if (!verdict) continue;
    task.selfInspection = verdict;
    if (/不在.*职能范围|不涉及|不适用/.test(verdict)) {
      task.status = TaskStatus.NOT_APPLICABLE;
      task.notApplicableReason = verdict;
    } else if (/正在|推进中|未完成/.test(verdict)) {
      task.status = TaskStatus.IN_PROGRESS;
      task.progress = 50;
    } else {
      task.status = TaskStatus.DONE;
      task.progress = 100;
      task.checklist = task.checklist.map((c) => ({ ...c, done: true }));
    }
    const at = inspectedOn ? new Date(`${inspectedOn}T10:00:00+08:00`) : undefined;
    em.create(TaskUpdate, {
      task,
      progress: task.progress,
      status: task.status,
      note: `自查情况：${verdict}`,
      evidenceUrls: [],
      author: '自查',
      ...(at ? { createdAt: at } : {}),
    });
    if (task.status !== TaskStatus.IN_PROGRESS) {
      if (task.dueDate && task.dueDate < today) completed.set(task, inspectedOn ?? task.dueDate);
      continue;
    }
    const finishedOn = `${plan.year}-12-${String(10 + Math.floor(draw(`wx|${task.workPoint.getEntity().number}|${task.id}`) * 15)).padStart(2, '0')}`;
    if (!task.dueDate || task.dueDate >= today || finishedOn >= today) continue;
    task.status = TaskStatus.DONE;
    task.progress = 100;
    task.checklist = task.checklist.map((c) => ({ ...c, done: true }));
    completed.set(task, finishedOn);
    em.create(TaskUpdate, {
      task,
      progress: 100,
      status: TaskStatus.DONE,
      note: '自查发现的问题已整改完成',
      evidenceUrls: [],
      author: '自查整改',
      createdAt: new Date(`${finishedOn}T10:00:00+08:00`),
    });
  }
  return completed;
}

const OUTCOMES: [RequestOutcome, number][] = [
  [RequestOutcome.GRANTED, 55],
  [RequestOutcome.PARTIALLY_GRANTED, 10],
  [RequestOutcome.UNABLE_NOT_HELD, 20],
  [RequestOutcome.DENIED_PROCESS_INFO, 5],
  [RequestOutcome.NOT_PROCESSED_REPEAT, 5],
  [RequestOutcome.DENIED_THIRD_PARTY_RIGHTS, 5],
];

function weighted<T>(items: [T, number][], r: number): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let acc = 0;
  for (const [item, w] of items) if (r < (acc += w / total)) return item;
  return items.at(-1)![0];
}

/** A demo applicant's type, told from the name: a law firm, a company, otherwise a person. */
function applicantTypeOf(party: string): ApplicantType {
  if (/律师/.test(party)) return ApplicantType.LEGAL_SERVICE_ORG;
  if (/公司/.test(party)) return ApplicantType.COMMERCIAL_ENTERPRISE;
  return ApplicantType.NATURAL_PERSON;
}

/** The registers of the year up to today (demo-registers.ts), each with its deadline as of today. */
async function seedDemoRegisters(em: EntityManager, calendar: WorkingDayCalendar, today: string): Promise<number> {
  const entries = demoRegisters(calendar, today);
  const departments = new Map((await em.find(Department, { code: { $in: [...new Set(entries.map((e) => e.department))] } })).map((d) => [d.code, d]));
  const requests: InformationRequest[] = [];
  const duties: EventDuty[] = [];
  const serials = new Map<string, number>();
  for (const e of entries) {
    const department = departments.get(e.department);
    if (!department) throw new Error(`demo registers: unknown department ${e.department}`);
    const createdAt = new Date(`${e.eventOn}T09:00:00+08:00`);
    if (e.kind === 'APPLICATION') {
      const serialKey = `${department.id}|${e.eventOn.slice(0, 4)}`;
      const n = (serials.get(serialKey) ?? 0) + 1;
      serials.set(serialKey, n);
      requests.push(
        em.create(InformationRequest, {
          department,
          serialNumber: `${e.eventOn.slice(0, 4)}-${String(n).padStart(4, '0')}`,
          applicantType: applicantTypeOf(e.party),
          applicantName: e.party,
          channel: weighted(
            [
              [RequestChannel.ONLINE, 6],
              [RequestChannel.POST, 2],
              [RequestChannel.IN_PERSON, 2],
            ],
            draw(`ch|${e.eventOn}`),
          ),
          receivedOn: e.eventOn,
          content: e.title.replace(/^申请公开/, ''),
          status: e.completedOn ? RequestStatus.ANSWERED : RequestStatus.PROCESSING,
          repliedOn: e.completedOn,
          outcome: e.completedOn ? weighted(OUTCOMES, draw(`outcome|${e.eventOn}`)) : null,
          createdAt,
        }),
      );
    } else {
      duties.push(
        em.create(EventDuty, {
          kind: DutyKind[e.kind],
          department,
          title: e.title,
          referenceNumber: e.referenceNumber,
          party: e.party,
          eventOn: e.eventOn,
          completedOn: e.completedOn,
          url: e.completedOn ? registerUrl(e) : null,
          createdAt,
        }),
      );
    }
  }
  await em.flush();
  await withoutAutoFlush(em, async () => {
    const deadlines = new DeadlineService(em, calendar);
    for (const request of requests) await syncRequestDeadline(em, request, deadlines, today);
    for (const duty of duties) await syncDutyDeadline(em, duty, deadlines, today);
  });
  return entries.length;
}

/** Where the demo portal publishes a register's outcome: 互动交流·留言, 行政执法·处罚, otherwise 建议提案. */
const REGISTER_SECTION: Partial<Record<RegisterKind, string>> = { MESSAGE: 'hdjl/ly', PENALTY: 'xzzf/cf' };

function registerUrl(e: RegisterEntry): string {
  const path = REGISTER_SECTION[e.kind] ?? 'jyta';
  return `https://pds.zwgk.example/${path}/${e.eventOn.replaceAll('-', '')}-${Math.floor(draw(`url|${e.kind}|${e.eventOn}`) * 1e6)}.html`;
}
