/**
 * Issue 12 item 5: status and progress of a task never contradict each other — 已完成 is 100 %,
 * 未开始 is 0 %, 进行中 any figure, 不适用 unconstrained (server/src/modules/tasks/task-progress.ts).
 * Refused by the API (STATUS_PROGRESS_MISMATCH, nothing written), refused by the database
 * (CHECK task_status_progress), and old contradictory rows are repaired by the migration.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const MIGRATION = 'Migration20261130212024_task_status_progress';
const UPDATE = `mutation($i: UpdateTaskProgressInput!) { updateTaskProgress(input: $i) { id version status progress notApplicableReason updates { status progress } } }`;

let server: TestServer;
let deptIds: Record<string, string>;
beforeAll(async () => {
  server = await startTestServer();
  const { departments } = await server.gqlOk<any>(`{ departments { id code } }`);
  deptIds = Object.fromEntries(departments.map((d: any) => [d.code, d.id]));
});
afterAll(() => server?.close());

/** A task just broken down: 未开始, 0 %. */
async function freshTask(): Promise<{ id: string; version: number }> {
  const { createPlan } = await server.gqlOk<any>(`mutation($i: CreatePlanInput!) { createPlan(input: $i) { id } }`, {
    i: { organizationId: deptIds.PDS, year: 2026, title: `状态进度测试 ${Math.random()}` },
  });
  const { createWorkPoint } = await server.gqlOk<any>(`mutation($i: CreateWorkPointInput!) { createWorkPoint(input: $i) { id } }`, {
    i: {
      planId: createPlan.id,
      number: '一(一)',
      section: '决策公开',
      title: '政策解读',
      duties: '⑴在门户网站设置政策解读专栏；⑵丰富解读形式',
      leadDepartmentIds: [deptIds['PDS-BGS']],
    },
  });
  const r = await server.gqlOk<any>(`mutation($id: ID!) { breakDownWorkPoint(id: $id) { created { id version status progress } } }`, {
    id: createWorkPoint.id,
  });
  const task = r.breakDownWorkPoint.created[0];
  expect(task).toMatchObject({ status: 'NOT_STARTED', progress: 0 });
  return task;
}

async function update(task: { id: string; version: number }, input: Record<string, unknown>) {
  return (await server.gqlOk<any>(UPDATE, { i: { id: task.id, version: task.version, ...input } })).updateTaskProgress;
}

async function row(id: string) {
  const [r] = await server.sql(
    `select status, progress, version, (select count(*)::int from task_update u where u.task_id = t.id) as reports from task t where id = $1`,
    [id],
  );
  return r;
}

async function expectMismatch(task: { id: string; version: number }, input: Record<string, unknown>, message: RegExp) {
  const before = await row(task.id);
  const r = await server.gql(UPDATE, { i: { id: task.id, version: task.version, ...input } });
  expect(r.data?.updateTaskProgress ?? null, JSON.stringify(input)).toBeNull();
  expect(r.errors?.[0]?.extensions, JSON.stringify(input)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'STATUS_PROGRESS_MISMATCH', field: 'progress' });
  expect(r.errors?.[0]?.message).toMatch(message);
  // Nothing written: same status, progress and version, no progress report appended.
  expect(await row(task.id)).toEqual(before);
}

describe('updateTaskProgress keeps status and progress coherent', () => {
  it('refuses 已完成 below 100 %, writing nothing', async () => {
    const task = await freshTask();
    await expectMismatch(task, { status: 'DONE', progress: 10 }, /已完成.*100%/);
    await expectMismatch(task, { status: 'DONE', progress: 99, note: '基本完成' }, /已完成.*100%/);
    expect(await row(task.id)).toEqual({ status: 'NOT_STARTED', progress: 0, version: task.version, reports: 0 });

    // On a finished task too: 已完成 with a lower figure is refused, whatever the form sent.
    const done = await update(task, { status: 'DONE' });
    expect(done).toMatchObject({ status: 'DONE', progress: 100 });
    await expectMismatch(done, { status: 'DONE', progress: 60 }, /如尚未完成，请将状态改为“进行中”/);
    expect(await row(task.id)).toEqual({ status: 'DONE', progress: 100, version: done.version, reports: 1 });
  });

  it('refuses 未开始 above 0 %, writing nothing', async () => {
    const task = await freshTask();
    await expectMismatch(task, { status: 'NOT_STARTED', progress: 80 }, /未开始.*0%/);
    expect(await row(task.id)).toEqual({ status: 'NOT_STARTED', progress: 0, version: task.version, reports: 0 });
  });

  it('accepts every coherent combination, filling in the figure a status implies', async () => {
    const task = await freshTask();
    // 进行中 at 0 %: the day work begins.
    let t = await update(task, { status: 'IN_PROGRESS', progress: 0 });
    expect(t).toMatchObject({ status: 'IN_PROGRESS', progress: 0 });
    // Back to 未开始 without a figure: 0 %.
    t = await update(t, { status: 'IN_PROGRESS', progress: 40 });
    t = await update(t, { status: 'NOT_STARTED' });
    expect(t).toMatchObject({ status: 'NOT_STARTED', progress: 0 });
    // A figure on a task not started starts it.
    t = await update(t, { progress: 30 });
    expect(t).toMatchObject({ status: 'IN_PROGRESS', progress: 30 });
    // 进行中 at 100 %: done, not yet declared finished.
    t = await update(t, { progress: 100 });
    expect(t).toMatchObject({ status: 'IN_PROGRESS', progress: 100 });
    t = await update(t, { status: 'DONE', progress: 100 });
    expect(t).toMatchObject({ status: 'DONE', progress: 100 });
    // A lower figure alone on a finished task reopens it (进行中), as the figure says.
    t = await update(t, { progress: 60, note: '退回修改' });
    expect(t).toMatchObject({ status: 'IN_PROGRESS', progress: 60 });
    t = await update(t, { status: 'DONE' });
    expect(t).toMatchObject({ status: 'DONE', progress: 100 });
    // Reopened explicitly: 进行中 with the figure given.
    t = await update(t, { status: 'IN_PROGRESS', progress: 70 });
    expect(t).toMatchObject({ status: 'IN_PROGRESS', progress: 70 });
    // 不适用: the figure is left as reported.
    t = await update(t, { status: 'NOT_APPLICABLE', notApplicableReason: '不在我单位职能范围内' });
    expect(t).toMatchObject({ status: 'NOT_APPLICABLE', progress: 70 });
    t = await update(t, { status: 'NOT_STARTED' });
    expect(t).toMatchObject({ status: 'NOT_STARTED', progress: 0 });
    t = await update(t, { status: 'NOT_STARTED', progress: 0, note: '重新安排' });
    // Every report in the history is coherent too.
    for (const u of t.updates) {
      if (u.status === 'DONE') expect(u.progress).toBe(100);
      if (u.status === 'NOT_STARTED') expect(u.progress).toBe(0);
    }
    expect(t.updates).toHaveLength(12);
  });
});

describe('the database', () => {
  it('refuses a contradictory row written behind the application (CHECK task_status_progress)', async () => {
    const task = await freshTask();
    for (const [status, progress] of [
      ['DONE', 10],
      ['DONE', 0],
      ['NOT_STARTED', 80],
      ['NOT_STARTED', 100],
    ] as const) {
      const error = await server.sql(`update task set status = $2, progress = $3 where id = $1`, [task.id, status, progress]).then(
        () => null,
        (e: { code?: string; constraint?: string }) => e,
      );
      expect(error, `${status} ${progress}`).toMatchObject({ code: '23514', constraint: 'task_status_progress' });
    }
    expect(await row(task.id)).toMatchObject({ status: 'NOT_STARTED', progress: 0 });
    for (const [status, progress] of [
      ['IN_PROGRESS', 0],
      ['IN_PROGRESS', 100],
      ['DONE', 100],
      ['NOT_STARTED', 0],
    ] as const) {
      await server.sql(`update task set status = $2, progress = $3 where id = $1`, [task.id, status, progress]);
    }
    await server.sql(`update task set status = 'NOT_APPLICABLE', not_applicable_reason = '不涉及', progress = 35 where id = $1`, [task.id]);
  });

  it('holds for the demo data', async () => {
    const [{ n, bad }] = await server.sql(
      `select count(*)::int as n, count(*) filter (where (status = 'DONE' and progress <> 100) or (status = 'NOT_STARTED' and progress <> 0))::int as bad from task`,
    );
    expect(n).toBeGreaterThan(0);
    expect(bad).toBe(0);
    const [{ c }] = await server.sql(`select count(*)::int as c from pg_constraint where conname = 'task_status_progress'`);
    expect(c).toBe(1);
  });

  it('the migration repairs contradictory rows of an existing database before adding the constraint', async () => {
    const [a, b, c, d] = [await freshTask(), await freshTask(), await freshTask(), await freshTask()];
    await server.orm.migrator.down({ migrations: [MIGRATION] });
    try {
      const [{ c: gone }] = await server.sql(`select count(*)::int as c from pg_constraint where conname = 'task_status_progress'`);
      expect(gone).toBe(0);
      await server.sql(`update task set status = 'DONE', progress = 10 where id = $1`, [a.id]);
      await server.sql(`update task set status = 'NOT_STARTED', progress = 80 where id = $1`, [b.id]);
      await server.sql(`update task set status = 'IN_PROGRESS', progress = 100 where id = $1`, [c.id]);
      await server.sql(`update task set status = 'NOT_APPLICABLE', not_applicable_reason = '不涉及', progress = 20 where id = $1`, [d.id]);
    } finally {
      await server.orm.migrator.up({ migrations: [MIGRATION] });
    }
    const versions = await server.sql(`select id::text, version from task where id = any($1::int[])`, [[a.id, b.id, c.id, d.id]]);
    const version = Object.fromEntries(versions.map((v: any) => [v.id, v.version]));
    expect(await row(a.id)).toMatchObject({ status: 'DONE', progress: 100 });
    expect(await row(b.id)).toMatchObject({ status: 'IN_PROGRESS', progress: 80 });
    expect(await row(c.id)).toMatchObject({ status: 'IN_PROGRESS', progress: 100 });
    expect(await row(d.id)).toMatchObject({ status: 'NOT_APPLICABLE', progress: 20 });
    // Repaired rows get a new version (an editor opened before reloads); the others keep theirs.
    expect(version[a.id]).toBe(a.version + 1);
    expect(version[b.id]).toBe(b.version + 1);
    expect(version[c.id]).toBe(c.version);
    expect(version[d.id]).toBe(d.version);
    const [{ c: back }] = await server.sql(`select count(*)::int as c from pg_constraint where conname = 'task_status_progress'`);
    expect(back).toBe(1);
  });
});
