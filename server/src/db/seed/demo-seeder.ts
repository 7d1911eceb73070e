import type { EntityManager } from '@mikro-orm/postgresql';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Department } from '../../modules/departments/department.entity.js';
import { DepartmentKind } from '../../modules/departments/department-kind.js';
import { parseSelfInspection, parseWorkPlan } from '../../modules/plans/plan-document.parser.js';
import { PlanService } from '../../modules/plans/plan.service.js';
import type { Plan } from '../../modules/plans/plan.entity.js';
import { seedDemoPublications } from '../../modules/publications/publication-demo.js';
import { syncAllNewMediaFreshness } from '../../modules/deadlines/new-media-freshness.js';
import { TaskStatus } from '../../modules/tasks/task-enums.js';
import { TaskService } from '../../modules/tasks/task.service.js';
import { SYSTEM_VIEWER } from '../../modules/auth/viewer.js';
import { TaskUpdate } from '../../modules/tasks/task-update.entity.js';
import { syncTaskDeadline } from '../../modules/tasks/task-deadline.js';
import { DeadlineService } from '../../modules/deadlines/deadline.service.js';
import type { Task } from '../../modules/tasks/task.entity.js';
import { addDays } from '../../time/calendar-date.js';
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
  /** simulated: believable progress drawn deterministically; from-self-inspection: status from 自查情况. */
  progress: 'simulated' | 'from-self-inspection';
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
export async function seedDemoDataIfEmpty(em: EntityManager, seedsDir = SEEDS_DIR): Promise<string | null> {
  if (await em.count(Department, {})) return null;
  return seedDemoData(em, seedsDir);
}

/** Loads seeds/demo.json and the documents it names, in one transaction. */
export async function seedDemoData(em: EntityManager, seedsDir = SEEDS_DIR): Promise<string> {
  const manifest = JSON.parse(fs.readFileSync(path.join(seedsDir, 'demo.json'), 'utf8')) as DemoManifest;
  return em.transactional(async (tx) => {
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
      const text = fs.readFileSync(path.join(seedsDir, seed.file), 'utf8');
      const parsed = seed.format === 'WORK_PLAN' ? parseWorkPlan(text) : parseSelfInspection(text);
      const plan = await new PlanService(tx).storeParsedPlan(organization, parsed, { source: seed.source, createMissingDepartments: false });
      const planTasks = await breakDownPlan(tx, plan);
      const completed =
        seed.progress === 'simulated'
          ? simulateProgress(tx, plan, planTasks)
          : applySelfInspection(tx, planTasks, new Map(parsed.points.map((p) => [p.number, p.selfInspection])));
      await tx.flush();
      // The breakdown gave every task its deadline; the finished ones close on the day they were reported done.
      const deadlines = new DeadlineService(tx);
      for (const [task, on] of completed) await syncTaskDeadline(tx, undefined, task, deadlines, on);
      points += parsed.points.length;
      tasks += planTasks.length;
    }
    const accounts = manifest.demoAccounts ? await createDemoAccounts(tx, manifest.demoAccounts) : 0;
    await tx.flush();
    const publications = await seedDemoPublications(tx, [...orgs.values()]);
    // 政务新媒体 freshness follows each account's latest publication.
    await syncAllNewMediaFreshness(tx);
    return `Demo data: ${departments} departments, ${manifest.plans.length} plans, ${points} work points, ${tasks} tasks, ${accounts} demo accounts, ${publications} publications.`;
  });
}

async function createDemoAccounts(em: EntityManager, accounts: DemoAccounts): Promise<number> {
  const byCode = async (code: string) => em.findOneOrFail(Department, { code }, { failHandler: () => new Error(`seeds/demo.json: unknown department ${code}`) });
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

/** A stable number in [0, 1) per key, so that every fresh start shows the same demo. */
function draw(key: string): number {
  return createHash('sha256').update(key).digest().readUInt32BE(0) / 2 ** 32;
}

/** Believable progress for a past plan: most lead tasks done, cooperating units spread out, a few 不适用. */
function simulateProgress(em: EntityManager, plan: Plan, tasks: Task[]): Map<Task, string> {
  const completed = new Map<Task, string>();
  for (const task of tasks) {
    const point = task.workPoint.getEntity();
    const department = task.department.getEntity();
    const r = draw(`${plan.title}|${point.number}|${department.code}`);
    const isLead = task.role === 'LEAD';
    if (!isLead && r < 0.06) {
      task.status = TaskStatus.NOT_APPLICABLE;
      task.notApplicableReason = '不在我单位职能范围内';
    } else if (r < (isLead ? 0.7 : 0.5)) {
      task.status = TaskStatus.DONE;
      task.progress = 100;
      task.checklist = task.checklist.map((c) => ({ ...c, done: true }));
    } else if (r < 0.88) {
      task.status = TaskStatus.IN_PROGRESS;
      task.progress = 20 + Math.round(draw(`${r}|p`) * 14) * 5;
      task.checklist = task.checklist.map((c, i) => ({ ...c, done: i < Math.floor(task.checklist.length * (task.progress / 100)) }));
    }
    if (task.status === TaskStatus.NOT_STARTED) continue;
    const reportedOn = addDays(point.dueDate ?? `${plan.year}-12-31`, -Math.round(r * 30));
    if (task.status === TaskStatus.DONE || task.status === TaskStatus.NOT_APPLICABLE) completed.set(task, reportedOn);
    em.create(TaskUpdate, {
      task,
      progress: task.progress,
      status: task.status,
      note:
        task.status === TaskStatus.NOT_APPLICABLE
          ? task.notApplicableReason
          : task.status === TaskStatus.DONE
            ? `已完成“${point.title}”相关工作并在门户网站公开`
            : `正在推进“${point.title}”，已完成 ${task.progress}%`,
      evidenceUrls: task.status === TaskStatus.NOT_APPLICABLE ? [] : [`https://zwgk.example/demo/${plan.year}/${encodeURIComponent(point.number)}/${department.code}`],
      author: `${department.name}信息员`,
      createdAt: new Date(`${reportedOn}T10:00:00+08:00`),
    });
  }
  return completed;
}

/** The 自查 verdict is the status: "不在我单位职能范围内" is 不适用, "已…公开" is done. */
function applySelfInspection(em: EntityManager, tasks: Task[], verdicts: Map<string, string | null>): Map<Task, string> {
  const completed = new Map<Task, string>();
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
    if (task.status !== TaskStatus.IN_PROGRESS && task.dueDate) completed.set(task, task.dueDate);
    em.create(TaskUpdate, { task, progress: task.progress, status: task.status, note: `自查情况：${verdict}`, evidenceUrls: [], author: '自查' });
  }
  return completed;
}
