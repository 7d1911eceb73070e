import { Migration } from '@mikro-orm/migrations';

export class Migration20261130212024_task_status_progress extends Migration {
  override name = 'Migration20261130212024_task_status_progress';

  /**
   * Status and progress of a task agree from now on (tasks/task-progress.ts): 已完成 is 100 %,
   * 未开始 is 0 %. Existing contradictions are resolved first, each the way its reporter most
   * likely meant it: a task declared 已完成 is finished (progress 100; its deadline stays closed);
   * a task 未开始 with a figure above 0 has begun (进行中, the figure kept). The version is bumped
   * so that an editor opened before the upgrade reloads; the progress history is left as reported.
   */
  override async up(): Promise<void> {
    const done = (await this.execute(
      `update "task" set "progress" = 100, "version" = "version" + 1 where "status" = 'DONE' and "progress" <> 100 returning "id"`,
    )) as { id: number }[];
    const started = (await this.execute(
      `update "task" set "status" = 'IN_PROGRESS', "version" = "version" + 1 where "status" = 'NOT_STARTED' and "progress" <> 0 returning "id"`,
    )) as { id: number }[];
    for (const [rows, what] of [
      [done, '已完成 below 100 %: progress set to 100'],
      [started, '未开始 above 0 %: status set to 进行中'],
    ] as const) {
      if (!rows.length) continue;
      const ids = rows.map((r) => r.id);
      console.warn(`Tasks ${what}: ${ids.length} (task ${ids.slice(0, 50).join(', ')}${ids.length > 50 ? ', …' : ''}).`);
    }
    await this.execute(
      `alter table "task" add constraint "task_status_progress" check ((status <> 'DONE' or progress = 100) and (status <> 'NOT_STARTED' or progress = 0));`,
    );
  }

  override down(): void | Promise<void> {
    // The corrected rows stay corrected.
    this.addSql(`alter table "task" drop constraint "task_status_progress";`);
  }
}
